"""Incidents on the wire (topics.wire): what the incidents and incident-updates topics carry.

The demo's two reports of the Ain al-Asad rockets (Arabic, then English), analyzed as the
processor does, make the realistic two-report incident measured here.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from wirewatch.alerts.render import render
from wirewatch.alerts.watchlist import analyzer_for
from wirewatch.core import identity, incidents
from wirewatch.core.alerting import Notice
from wirewatch.core.casebook import Held
from wirewatch.core.detect import Article
from wirewatch.core.incidents import Incident
from wirewatch.testing.demo import DemoSpec
from wirewatch.topics.codec import decode, encode
from wirewatch.topics.records import IncidentRecord, IncidentUpdate, StoredIncident

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
# The bound for an update of a two-report incident (it was 4.4 KB for the demo's pair, 1.2
# KB of it the reports' text signatures). Not met yet: see UPDATE_BYTES.
ONE_KB = 1024
# What the update of the demo's pair takes now, with both headlines and links (the alerts show
# them, the demo report matches alerts by link). Measured: 1,192 bytes.
UPDATE_BYTES = 1200


@pytest.fixture(scope="module")
def corroborated() -> tuple[Incident, str]:
    """The demo's Ain al-Asad incident after its second report, and that report's article id."""
    spec = DemoSpec.load(ROOT / "deploy" / "demo" / "items.yaml")
    analyzer = analyzer_for(ROOT / "deploy" / "demo" / "watchlist.yaml", None)
    outlets = {name: feed["title"] for name, feed in spec.feeds.items()}
    incident = None
    article_id = ""
    for k, item in enumerate(i for i in spec.items if i.slug == "rockets-ain-al-asad"):
        when = T0 + timedelta(minutes=5 * k)
        url = f"https://demo.example/{item.feed}/{item.slug}"
        article_id = identity.article_id(url, None, item.title, item.text)
        article = Article(
            article_id, item.title, item.text, url=url, outlet=outlets[item.feed], published=when
        )
        analysis = analyzer.analyze(article)
        assert incidents.reported(analysis) is not None, item.slug
        facts = incidents.facts_from_analysis(analysis, article, seen_at=when)
        incident, _ = incidents.apply(incident, facts, when, incidents.IncidentRules())
    assert incident is not None and len(incident.reports) == 2 and incident.state == "corroborated"
    return incident, article_id


def _update(incident: Incident, article_id: str) -> IncidentUpdate:
    return IncidentUpdate(
        change="corroborated", incident=incident, article_id=article_id, article_seen_at=T0, at=T0
    )


def test_an_update_of_a_two_report_incident_carries_no_signature_and_is_small(
    corroborated: tuple[Incident, str],
) -> None:
    incident, article_id = corroborated
    encoded = encode(_update(incident, article_id))
    whole = len(incident.model_dump_json().encode())  # what version 1 carried as its incident
    print(f"incident update: {len(encoded)} bytes (the incident as version 1 carried it: {whole} bytes)")
    assert b"signature" not in encoded and all(r.signature for r in incident.reports)
    assert len(encoded) < UPDATE_BYTES
    assert whole > 4 * ONE_KB  # the comparison is with the real thing


def test_an_update_read_back_gives_the_alert_the_same_incident(corroborated: tuple[Incident, str]) -> None:
    incident, article_id = corroborated
    read = decode(encode(_update(incident, article_id)), IncidentUpdate).incident
    shown = ("id", "revision", "state", "event_time", "attack_types", "outlets", "languages")
    assert {f: getattr(read, f) for f in shown} == {f: getattr(incident, f) for f in shown}
    assert read.independent_outlets == incident.independent_outlets
    assert read.places[0] == incident.places[0] and read.lineages()[0] == incident.lineages()[0]
    assert (read.killed, read.projectiles) == (incident.killed, incident.projectiles)  # sources too
    assert read.first_report_by_outlet == incident.first_report_by_outlet
    keep = ("article_id", "outlet", "lang", "title", "url", "published", "wire_of")
    assert [[getattr(r, f) for f in keep] for r in read.reports] == [
        [getattr(r, f) for f in keep] for r in incident.reports
    ]
    # The alert made from what was read is the alert made from the processor's incident, in every
    # form; the webhook's JSON lists the incident's most specific places only (the rest are their
    # areas) and has the reports the same.
    notice = Notice(key="k", kind="update", channel="ops", severity="high", created_at=T0, incident=incident)
    sent, made = render(notice.model_copy(update={"incident": read})), render(notice)
    assert (sent.title, sent.text, sent.markdown, sent.html) == (
        made.title,
        made.text,
        made.markdown,
        made.html,
    )
    assert sent.payload["reports"] == made.payload["reports"]
    assert {k: v for k, v in sent.payload["incident"].items() if k != "places"} == {
        k: v for k, v in made.payload["incident"].items() if k != "places"
    }


def test_the_incidents_topic_carries_every_report_without_its_signature(
    corroborated: tuple[Incident, str],
) -> None:
    incident, _ = corroborated
    record = IncidentRecord(incident=incident, country="IQ", partition=0)
    encoded = encode(record)
    assert b"signature" not in encoded and b"together" not in encoded
    read = decode(encoded, IncidentRecord).incident
    bare = [r.model_copy(update={"signature": (), "text_chars": 0, "together": ()}) for r in incident.reports]
    assert read == incident.model_copy(update={"reports": tuple(bare)})


def test_records_of_the_previous_versions_are_read_still(corroborated: tuple[Incident, str]) -> None:
    incident, article_id = corroborated
    old_update = (
        '{"schema":"incident-update/1","change":"new","incident":'
        + incident.model_dump_json()
        + f',"article_id":"{article_id}","at":"2026-11-25T06:05:00Z"}}'
    )
    assert decode(old_update.encode(), IncidentUpdate).incident.reports[1].title == incident.reports[1].title
    old_record = (
        '{"schema":"incident/1","incident":' + incident.model_dump_json() + ',"region":"IQ","partition":3}'
    )
    record = decode(old_record.encode(), IncidentRecord)
    assert (record.country, record.partition, record.incident.id) == ("IQ", 3, incident.id)


def test_the_processors_table_keeps_the_signatures_and_reads_its_old_records(
    corroborated: tuple[Incident, str],
) -> None:
    incident, _ = corroborated
    stored = decode(encode(StoredIncident.of(Held(incident, "IQ", 2))), StoredIncident).held()
    assert stored == Held(incident, "IQ", 2) and all(r.signature for r in stored.incident.reports)
    old = '{"schema":"incident/1","incident":' + incident.model_dump_json() + ',"region":"IQ","partition":2}'
    assert decode(old.encode(), StoredIncident).held() == Held(incident, "IQ", 2)
