"""Two processor instances share the attack reports; one is killed mid-stream (SIGKILL).

Afterwards every event is exactly one incident holding all of its reports once: nothing lost
(at-least-once redelivery), nothing split (reports of one event meet on one partition, and the
survivor recovers the dead instance's incidents from the changelog), nothing double-counted
(a redelivered report finds its incident through the report-owner table and changes nothing).
"""

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from kafka import KafkaProducer

from tests.conftest import make_settings
from tests.integration.procs import Worker, latest_by_key, wait_until, worker_env
from wirewatch.topics import ARTICLES, ATTACK_REPORTS, INCIDENTS
from wirewatch.topics.admin import ensure_topics
from wirewatch.topics.codec import decode, encode, key
from wirewatch.topics.reader import read_compacted
from wirewatch.topics.records import ArticleRecord, AttackReport, IncidentRecord

pytestmark = [pytest.mark.broker, pytest.mark.e2e]

# (place name as outlets write it, attack words) for events in several countries, so that the
# reports spread over several partitions and both instances hold some.
PLACES = [
    ("Ain al-Asad air base", "Two rockets hit"),
    ("Erbil International Airport", "A drone struck"),
    ("al-Tanf garrison", "A drone attack targeted"),
    ("Tower 22 in Jordan", "A drone hit"),
    ("Camp Arifjan in Kuwait", "Rockets landed near"),
    ("Al Udeid Air Base in Qatar", "Missiles struck"),
    ("the Conoco gas field", "Mortar rounds hit"),
    ("Harir air base", "Two drones targeted"),
    ("the US Embassy in Baghdad", "Rockets struck"),
    ("Camp Taji", "Three rockets hit"),
]
OUTLETS = ["Tigris Wire", "Levant Post", "Gulf Desk", "Desert Daily"]
EVENTS = 20  # each place twice, four days apart: 20 events
REPORTS = 3


def articles(base: datetime) -> list[tuple[str, ArticleRecord]]:
    out = []
    for e in range(EVENTS):
        place, verb = PLACES[e % len(PLACES)]
        when = base + timedelta(days=4 * (e // len(PLACES)), minutes=e)
        for r in range(REPORTS):
            text = (
                f"{verb} {place} early today, officials said in report {r} of event {e}. "
                f"{['No casualties were reported.', 'Damage was being assessed.', 'Sirens sounded.'][r]}"
            )
            record = ArticleRecord(
                id=f"a-{e}-{r}",
                url=f"https://news.example.org/{e}/{r}",
                feed_url="https://news.example.org/rss",
                outlet=OUTLETS[r],
                title=f"{verb} {place}",
                text=text,
                published=when + timedelta(minutes=10 * r),
                fetched_at=when + timedelta(minutes=10 * r),
            )
            out.append((f"ev-{e}", record))
    return out


def final_incidents(settings) -> dict[str, IncidentRecord]:
    return latest_by_key(settings, INCIDENTS, IncidentRecord)


def where_they_went(settings, gold: set[str]) -> str:
    """For a failure message: which articles never reached an incident, and how far each got."""
    placed = {r.article_id for i in final_incidents(settings).values() for r in i.incident.reports}
    missing = sorted(gold - placed)
    reports: dict[str, list[int]] = {}
    for _, value, offset in read_compacted(settings, ATTACK_REPORTS):
        if value is not None:
            reports.setdefault(decode(value, AttackReport).facts.article_id, []).append(offset)
    articles_at: dict[str, list[int]] = {}
    for article_id, _, offset in read_compacted(settings, ARTICLES):
        articles_at.setdefault(article_id, []).append(offset)
    lines = [f"missing from every incident: {missing}"]
    for article_id in missing:
        lines.append(
            f"  {article_id}: on articles at offsets {articles_at.get(article_id)}, "
            f"attack reports at offsets {reports.get(article_id)}"
        )
    return "\n".join(lines)


def test_no_incident_lost_split_or_double_counted_when_a_processor_dies(
    kafka, topic_prefix: str, tmp_path: Path
) -> None:
    settings = make_settings(kafka, topic_prefix, tmp_path, partitions=4, consumer_session_timeout=8)
    ensure_topics(settings)
    stream = articles(datetime.now(UTC) - timedelta(days=12))
    gold = {record.id: event for event, record in stream}
    workers = []
    for name in ("process-a", "process-b"):
        env = worker_env(settings, WIREWATCH_DATA_DIR=str(tmp_path / name))
        workers.append(Worker(name, ["process"], env, tmp_path))
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap, acks="all")
    try:
        topic = ARTICLES.full_name(topic_prefix)
        half = len(stream) // 2
        for _, record in stream[:half]:
            producer.send(topic, key=key(record.id), value=encode(record))
            time.sleep(0.05)
        producer.flush()
        wait_until(
            lambda: sum(len(i.incident.reports) for i in final_incidents(settings).values()) >= half // 2,
            120,
            interval=1,
            what="the two processors to build incidents",
        )
        workers[0].kill()  # SIGKILL: no clean shutdown, offsets and table writes in flight are lost
        for _, record in stream[half:]:
            producer.send(topic, key=key(record.id), value=encode(record))
            # redeliver a few earlier articles, as a restarted poller or a producer retry would
        for _, record in stream[:half:7]:
            producer.send(topic, key=key(record.id), value=encode(record))
        producer.flush()

        def all_reports_placed() -> bool:
            placed = {r.article_id for i in final_incidents(settings).values() for r in i.incident.reports}
            return placed >= set(gold)

        try:
            wait_until(all_reports_placed, 180, interval=2, what="the survivor to place every report")
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n{where_they_went(settings, set(gold))}") from None
    finally:
        producer.close()
        for w in workers:
            w.stop()
    incidents = final_incidents(settings)
    by_event: dict[str, set[str]] = {}
    for incident_id, record in incidents.items():
        reports = [r.article_id for r in record.incident.reports]
        assert len(reports) == len(set(reports)), f"{incident_id} counts a report twice: {reports}"
        events = {gold[a] for a in reports}
        assert len(events) == 1, f"{incident_id} mixes events {events}"
        by_event.setdefault(events.pop(), set()).add(incident_id)
    split = {e: ids for e, ids in by_event.items() if len(ids) > 1}
    assert not split, f"events split over several incidents: {split}"
    assert len(by_event) == EVENTS, f"lost events: {set(gold.values()) - set(by_event)}"
    for record in incidents.values():
        assert record.incident.independent_outlets == REPORTS
        assert record.incident.state == "corroborated"
    assert "Traceback" not in workers[1].output(), workers[1].output()[-3000:]
