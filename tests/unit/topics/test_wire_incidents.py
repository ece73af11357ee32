"""Incidents on the wire (topics.wire): what the incidents and incident-updates topics carry.

The demo's two reports of the Ain al-Asad rockets (Arabic, then English), analyzed as the
processor does, make the realistic two-report incident measured here.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from wirewatch.alerts.render import render
from wirewatch.alerts.watchlist import analyzer_for
from wirewatch.core import identity, incidents
from wirewatch.core.alerting import Notice
from wirewatch.core.casebook import Held
from wirewatch.core.detect import Article
from wirewatch.core.incidents import Figure, Incident, PlaceFact, ReportFacts
from wirewatch.testing.demo import DemoSpec
from wirewatch.topics.codec import BadRecord, decode, encode
from wirewatch.topics.records import IncidentRecord, IncidentUpdate, StoredIncident
from wirewatch.topics.wire import most_specific

ROOT = Path(__file__).resolve().parents[3]
T0 = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
# The bound for an update of a two-report incident (it was 4.4 KB for the demo's pair, 1.2
# KB of it the reports' text signatures), with both headlines and links (the alerts show them,
# the demo report matches alerts by link). Measured for the demo's pair: 970 bytes as analyzed
# (each article seen when published), 1,003 when they reached Kafka 90 s after publication.
ONE_KB = 1024


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


def _update(incident: Incident, article_id: str, change: str = "corroborated") -> IncidentUpdate:
    """The update the processor sends (``core.casebook``): the causing report's seen time, sent at
    the incident's last update."""
    seen = next(r.seen_at for r in incident.reports if r.article_id == article_id)
    return IncidentUpdate(
        change=change, incident=incident, article_id=article_id, article_seen_at=seen, at=incident.last_update
    )


def _seen_later(incident: Incident, delay: timedelta) -> Incident:
    """The incident with each report reaching Kafka ``delay`` after its publication (as in production)."""
    reports = tuple(r.model_copy(update={"seen_at": r.seen_at + delay}) for r in incident.reports)
    return incident.model_copy(update={"reports": reports})


def test_an_update_of_a_two_report_incident_carries_no_signature_and_is_small(
    corroborated: tuple[Incident, str],
) -> None:
    incident, article_id = corroborated
    encoded = encode(_update(incident, article_id))
    later = encode(_update(_seen_later(incident, timedelta(seconds=90)), article_id))
    whole = len(incident.model_dump_json().encode())  # what version 1 carried as its incident
    print(
        f"incident update: {len(encoded)} bytes; {len(later)} with the article seen 90 s after "
        f"publication (the incident as version 1 carried it: {whole} bytes)\n{encoded.decode()}"
    )
    assert b"signature" not in encoded and all(r.signature for r in incident.reports)
    assert len(encoded) < ONE_KB and len(later) < ONE_KB
    assert whole > 4 * ONE_KB  # the comparison is with the real thing


def _as_carried(incident: Incident, cause: str) -> Incident:
    """What an update keeps of an incident: its most specific places, and of each report its link
    (the report's own places, types, times and flags stay with the processor; a report's seen
    time is its published time but for the report that caused the change)."""
    reports = tuple(
        ReportFacts(
            article_id=r.article_id,
            revision=r.revision,
            outlet=r.outlet,
            lang=r.lang,
            title=r.title,
            url=r.url,
            published=r.published,
            seen_at=r.seen_at if r.article_id == cause else r.published or r.seen_at,
            event_time=incident.event_time,
            types=incident.attack_types,
            projectiles=r.projectiles,
            killed=r.killed,
            wounded=r.wounded,
            wire_of=r.wire_of,
        )
        for r in incident.reports
    )
    return incident.model_copy(update={"reports": reports, "places": most_specific(incident.places)})


@pytest.mark.parametrize("delay", [timedelta(0), timedelta(seconds=90)], ids=["seen-published", "seen-later"])
def test_an_update_read_back_gives_the_alert_the_same_incident(
    corroborated: tuple[Incident, str], delay: timedelta
) -> None:
    incident, article_id = corroborated
    incident = _seen_later(incident, delay)
    update = _update(incident, article_id)
    read = decode(encode(update), IncidentUpdate)
    # What the router, the web pages and the latency metric read of the update itself.
    assert (read.change, read.article_id, read.article_seen_at, read.at) == (
        update.change,
        article_id,
        incident.reports[-1].seen_at,
        incident.last_update,
    )
    # Every field of the incident, figures with their sources, places with their lineage and area,
    # reports as their links: the same as the processor's (the reports' own places, types and
    # times, and the places the most specific ones lie in, are not carried).
    assert read.incident == _as_carried(incident, article_id)
    assert read.incident.places[0].area == ("Anbar", "Iraq") and read.incident.killed.sources
    assert read.incident.lineages() == [p.lineage for p in most_specific(incident.places)]
    # The alert made from what was read is the alert made from the processor's incident, in every
    # form; the webhook's JSON lists the incident's most specific places only (the rest are their
    # areas) and has the reports the same.
    notice = Notice(key="k", kind="update", channel="ops", severity="high", created_at=T0, incident=incident)
    sent, made = render(notice.model_copy(update={"incident": read.incident})), render(notice)
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


def test_what_the_reader_would_not_rebuild_the_same_is_carried(corroborated: tuple[Incident, str]) -> None:
    incident, article_id = corroborated
    # A figure other than its reports give (an analyst's merge keeps both incidents' reports, the
    # figures are rebuilt: this one is not), a place the built-in gazetteer lacks (a watchlist's),
    # a place whose area was named otherwise, and a change sent later than the incident changed.
    own = PlaceFact(
        id="camp-x", name="Camp X", kind="base", lineage=("camp-x", "IQ-AN", "IQ"), area=("Anbar",)
    )
    renamed = incident.places[0].model_copy(update={"area": ("Al Anbar", "Iraq")})
    odd = incident.model_copy(
        update={"killed": Figure(low=1, high=3, latest=3), "places": (renamed, own, *incident.places[1:])}
    )
    sent = IncidentUpdate(
        change="updated", incident=odd, article_id=article_id, article_seen_at=T0, at=T0 + timedelta(hours=1)
    )
    encoded = encode(sent)
    read = decode(encoded, IncidentUpdate)
    assert b'"killed":[1,3,3]' in encoded and b'"projectiles"' not in encoded
    assert (read.incident.killed.low, read.incident.killed.high, read.incident.killed.latest) == (1, 3, 3)
    assert read.incident.places[:2] == (renamed, own)
    assert b'"within":["IQ-AN","IQ"]' in encoded and b'"area":["Al Anbar","Iraq"]' in encoded
    # The article's seen time is not its report's: it goes as it is, with the article's id.
    assert (read.article_id, read.article_seen_at, read.at) == (article_id, T0, T0 + timedelta(hours=1))
    assert b'"report"' not in encoded
    # An analyst's merge names no article.
    merged = decode(
        encode(IncidentUpdate(change="merged", incident=incident, article_id="", at=T0)), IncidentUpdate
    )
    assert (merged.article_id, merged.article_seen_at, merged.at) == ("", None, T0)


def test_an_update_naming_a_report_it_lacks_is_refused(corroborated: tuple[Incident, str]) -> None:
    incident, article_id = corroborated
    data = json.loads(encode(_update(incident, article_id)))
    data["report"] = 2
    with pytest.raises(BadRecord, match="report 2 is not among the incident's 2"):
        decode(json.dumps(data).encode(), IncidentUpdate)


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


def test_an_update_of_version_2_reads_as_it_was_written() -> None:
    # Version 2 left out empty figures and areas (version 3 leaves out what is rebuilt): read as empty.
    old = (
        '{"schema":"incident-update/2","change":"new","incident":{"id":"inc-1","revision":1,'
        '"state":"reported","first_seen":"2026-11-25T06:00:00Z","last_update":"2026-11-25T06:00:00Z",'
        '"event_time":"2026-11-25T06:00:00Z","places":[{"id":"IQ-AN","name":"Anbar","kind":"governorate",'
        '"within":["IQ"]},{"id":"ain-al-asad","name":"Ain al-Asad Air Base","kind":"base"}],'
        '"attack_types":["rocket"],"killed":[1,1,1],"reports":[{"article_id":"a-1","outlet":"Wire",'
        '"lang":"en","title":"Rockets","published":"2026-11-25T05:59:00Z","figures":[2,1,0]}]},'
        '"article_id":"a-1","article_seen_at":"2026-11-25T06:00:00Z","at":"2026-11-25T06:00:01Z"}'
    )
    update = decode(old.encode(), IncidentUpdate)
    anbar, base = update.incident.places
    assert (anbar.lineage, anbar.area, base.lineage, base.area) == (("IQ-AN", "IQ"), (), ("ain-al-asad",), ())
    projectiles, killed = update.incident.projectiles, update.incident.killed
    assert (projectiles.low, projectiles.high, projectiles.latest, killed.latest) == (None, None, None, 1)
    assert (update.article_id, update.at) == ("a-1", datetime(2026, 11, 25, 6, 0, 1, tzinfo=UTC))
    assert update.article_seen_at == datetime(2026, 11, 25, 6, 0, tzinfo=UTC)


def test_the_processors_table_keeps_the_signatures_and_reads_its_old_records(
    corroborated: tuple[Incident, str],
) -> None:
    incident, _ = corroborated
    stored = decode(encode(StoredIncident.of(Held(incident, "IQ", 2))), StoredIncident).held()
    assert stored == Held(incident, "IQ", 2) and all(r.signature for r in stored.incident.reports)
    old = '{"schema":"incident/1","incident":' + incident.model_dump_json() + ',"region":"IQ","partition":2}'
    assert decode(old.encode(), StoredIncident).held() == Held(incident, "IQ", 2)
