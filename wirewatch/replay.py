"""``wirewatch replay``: a window of retained articles through today's rules and watchlist.

Reads the articles that reached ``articles.v1`` in the window (found by time through the
broker's offset index), runs them in this process through ``core.replay`` (analysis, incidents,
alert decisions; nothing is sent and no live topic is written), and prints the incidents, the
watch hits and the alerts per channel. With ``--diff`` it also reads what the live pipeline
produced for the same articles (``incident-updates.v1``) and alerted (``notifications.v1``), and
prints what is new, gone or changed: the check to run before rolling out a rule or gazetteer
change. ``--send-digest CHANNEL`` sends one digest of the window's watched incidents.
"""

from __future__ import annotations

import json
import logging
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from queue import Full, Queue
from typing import Any, TextIO

from kafka import KafkaConsumer, TopicPartition

from wirewatch.alerts.router import Output, Router
from wirewatch.alerts.routing_config import Routing
from wirewatch.config import Settings
from wirewatch.core.alerting import AlertPolicy, Notice
from wirewatch.core.analysis import Analyzer
from wirewatch.core.incidents import Incident, IncidentRules
from wirewatch.core.replay import Alerted, Arrival, Diff, Outcome, alerts_of, diff, replay
from wirewatch.durations import seconds
from wirewatch.errors import BadRecord, ConfigError
from wirewatch.logs import for_terminal
from wirewatch.metrics import Metrics
from wirewatch.progress import Progress
from wirewatch.topics import ARTICLES, INCIDENT_UPDATES, NOTIFICATIONS, SILENCES, TopicSpec
from wirewatch.topics.codec import decode
from wirewatch.topics.reader import read_compacted
from wirewatch.topics.records import ArticleRecord, IncidentUpdate, NotificationRecord, SilenceRecord
from wirewatch.topics.security import client_config

log = logging.getLogger("wirewatch.replay")


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime

    def __str__(self) -> str:
        return f"{_stamp(self.start)} to {_stamp(self.end)}"


def window(since: str | None, start: str | None, end: str | None, now: datetime) -> Window:
    """The window asked for: ``--since 7d`` (up to now), or ``--from T [--to T]``."""
    if since is not None:
        return Window(now - timedelta(seconds=seconds(since, "since")), now)
    if start is None:
        raise ConfigError("give --since 7d, or --from T (and optionally --to T)", field="from")
    begin = _when(start, "from")
    finish = _when(end, "to") if end is not None else now
    if finish <= begin:
        raise ConfigError(f"--to {end!r} is not after --from {start!r}", field="to")
    return Window(begin, finish)


def _when(text: str, option: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(f"--{option} {text!r} is not ISO 8601", field=option) from None
    if value.tzinfo is None:
        raise ConfigError(f"--{option} needs a timezone (e.g. Z or +03:00)", field=option)
    return value


def _stamp(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")


def _ms(when: datetime) -> int:
    return int(when.timestamp() * 1000)


# -- reading Kafka by time -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Message:
    timestamp_ms: int
    partition: int
    offset: int
    value: bytes | None


def _consumer(settings: Settings) -> KafkaConsumer:
    return KafkaConsumer(
        **client_config(settings),
        client_id=f"{settings.topic_prefix}-replay",
        enable_auto_commit=False,
        group_id=None,
        consumer_timeout_ms=10_000,
    )


def _partition_range(
    consumer: KafkaConsumer, tp: TopicPartition, start_ms: int | None, end_ms: int | None
) -> tuple[int, int]:
    """Offsets [first, stop) of the records of ``tp`` stamped in [start_ms, end_ms)."""
    first = consumer.beginning_offsets([tp])[tp]
    stop = consumer.end_offsets([tp])[tp]
    if start_ms is not None:
        found = consumer.offsets_for_times({tp: start_ms})[tp]
        first = found.offset if found is not None else stop
    if end_ms is not None:
        found = consumer.offsets_for_times({tp: end_ms})[tp]
        stop = found.offset if found is not None else stop
    return first, stop


def read_topic(
    settings: Settings, spec: TopicSpec, start: datetime | None = None, end: datetime | None = None
) -> Iterator[Message]:
    """Every record of ``spec`` stamped in [start, end), all partitions merged in time order (one
    consumer; each partition's records are buffered until every partition has one to compare)."""
    topic = spec.full_name(settings.topic_prefix)
    consumer = _consumer(settings)
    try:
        partitions = sorted(consumer.partitions_for_topic(topic) or ())
        if not partitions:
            raise ConfigError(f"topic {topic} does not exist on {settings.kafka_bootstrap}", field="topic")
        start_ms = _ms(start) if start is not None else None
        end_ms = _ms(end) if end is not None else None
        tps = [TopicPartition(topic, p) for p in partitions]
        consumer.assign(tps)
        stops: dict[TopicPartition, int] = {}
        for tp in tps:
            first, stop = _partition_range(consumer, tp, start_ms, end_ms)
            if first < stop:
                consumer.seek(tp, first)
                stops[tp] = stop
            else:
                consumer.pause(tp)
        yield from _merged(consumer, stops, end_ms)
    finally:
        consumer.close()


def _merged(
    consumer: KafkaConsumer, stops: dict[TopicPartition, int], end_ms: int | None
) -> Iterator[Message]:
    buffers: dict[TopicPartition, deque[Message]] = {tp: deque() for tp in stops}
    open_ = set(stops)  # partitions with records still to fetch
    while open_ or any(buffers.values()):
        while open_ and any(not buffers[tp] for tp in open_):
            for tp, batch in consumer.poll(timeout_ms=1000, max_records=2000).items():
                for record in batch:
                    if record.offset >= stops[tp]:
                        break
                    stamp = record.timestamp if record.timestamp is not None else 0
                    if end_ms is None or stamp < end_ms:  # a late producer stamp past the index point
                        buffers[tp].append(Message(stamp, tp.partition, record.offset, record.value))
            for tp in list(open_):
                if consumer.position(tp) >= stops[tp]:
                    open_.discard(tp)
                    consumer.pause(tp)
        heads = [(b[0].timestamp_ms, b[0].partition, tp) for tp, b in buffers.items() if b]
        if not heads:
            continue
        # Yield from the earliest partition until another partition's head is earlier.
        _, _, tp = min(heads, key=lambda h: (h[0], h[1]))
        yield buffers[tp].popleft()


def prefetched(messages: Iterator[Message], depth: int = 4000) -> Iterator[Message]:
    """``messages`` read by a background thread, up to ``depth`` ahead: the broker's round trips
    overlap the analysis instead of adding to it."""
    queue: Queue[Message | BaseException | None] = Queue(maxsize=depth)
    stop = threading.Event()

    def pump() -> None:
        try:
            for message in messages:
                while not stop.is_set():
                    try:
                        queue.put(message, timeout=0.5)
                        break
                    except Full:
                        continue
                if stop.is_set():
                    return
            queue.put(None)
        except BaseException as exc:  # handed to the reader, raised there
            queue.put(exc)

    thread = threading.Thread(target=pump, name="replay-reader", daemon=True)
    thread.start()
    try:
        while (item := queue.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join(timeout=10)


@dataclass(frozen=True)
class Retained:
    """What ``articles.v1`` holds: its oldest record and whether older ones were deleted."""

    oldest: datetime | None
    trimmed: bool  # retention deleted records (the first offset is past 0)
    count: int  # records in the window


def retention_note(held: Retained, span: Window, retention_days: float) -> str | None:
    """What to tell the user when the window starts before the oldest article still kept."""
    if not held.trimmed or held.oldest is None or held.oldest <= span.start:
        return None
    gone_h = (min(held.oldest, span.end) - span.start).total_seconds() / 3600
    return (
        f"articles.v1 keeps articles from {_stamp(held.oldest)} on (retention {retention_days:g} d): "
        f"the first {gone_h:.1f} h of the window asked for are gone, and replay covers the rest"
    )


def retained(settings: Settings, spec: TopicSpec, span: Window) -> Retained:
    topic = spec.full_name(settings.topic_prefix)
    consumer = _consumer(settings)
    try:
        tps = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        if not tps:
            raise ConfigError(f"topic {topic} does not exist on {settings.kafka_bootstrap}", field="topic")
        beginning = consumer.beginning_offsets(tps)
        oldest = [
            found.timestamp for found in consumer.offsets_for_times(dict.fromkeys(tps, 0)).values() if found
        ]
        count = sum(
            max(0, stop - first)
            for first, stop in (_partition_range(consumer, tp, _ms(span.start), _ms(span.end)) for tp in tps)
        )
    finally:
        consumer.close()
    first = datetime.fromtimestamp(min(oldest) / 1000, UTC) if oldest else None
    return Retained(first, any(offset > 0 for offset in beginning.values()), count)


# -- the run ---------------------------------------------------------------------------------------


def arrivals(settings: Settings, span: Window, progress: Progress, bad: list[str]) -> Iterator[Arrival]:
    """The window's article records in arrival order; a malformed one is counted, logged once, skipped."""
    for message in prefetched(read_topic(settings, ARTICLES, span.start, span.end)):
        progress.advance()
        try:
            record = decode(message.value, ArticleRecord)
        except BadRecord as exc:
            bad.append(f"{ARTICLES.name}[{message.partition}]@{message.offset}: {exc}")
            log.warning("skipped a malformed article record: %s", bad[-1])
            continue
        yield Arrival(
            record.to_article(),
            record.revision,
            datetime.fromtimestamp(message.timestamp_ms / 1000, UTC)
            if message.timestamp_ms
            else record.fetched_at,
        )


def live_outcome(settings: Settings, span: Window) -> tuple[dict[str, Incident], list[Alerted]]:
    """What the live pipeline made of the window's articles: the latest state of every incident an
    article of the window changed, and every alert decided for those incidents."""
    latest: dict[str, Incident] = {}
    for message in read_topic(settings, INCIDENT_UPDATES, span.start):
        try:
            update = decode(message.value, IncidentUpdate)
        except BadRecord:
            continue
        seen = update.article_seen_at
        if seen is not None and not span.start <= seen < span.end:
            continue
        held = latest.get(update.incident.id)
        if held is None or update.incident.revision >= held.revision:
            latest[update.incident.id] = update.incident
    notices = []
    for message in read_topic(settings, NOTIFICATIONS):
        try:
            notices.append(decode(message.value, NotificationRecord).notice)
        except BadRecord:
            continue
    alerts = [a for a in alerts_of(notices) if a.incident_id in latest]
    return latest, alerts


def silences_on_record(settings: Settings) -> dict[str, SilenceRecord | None]:
    """The silences on the compacted topic, by id, as the alerter restores them (None: removed)."""
    found: dict[str, SilenceRecord | None] = {}
    for key, value, _ in read_compacted(settings, SILENCES, client="replay"):
        try:
            found[key] = decode(value, SilenceRecord) if value is not None else None
        except BadRecord:
            continue
    return found


class _Alerter:
    """The live alert router, fed the replayed incident changes with their arrival time as "now".

    Before each change the router's timer runs as the alerter's does (digests and held-back
    updates fall due); after the last, every one still held goes out. Its notices are collected,
    never sent."""

    def __init__(
        self, analyzer: Analyzer, routing: Routing, silences: dict[str, SilenceRecord | None]
    ) -> None:
        self.router = Router(analyzer, routing, Metrics.create())
        for silence_id, record in silences.items():
            self.router.silence(silence_id, record)
        self.notices: list[Notice] = []
        self.last: datetime | None = None

    def __call__(self, incident: Incident, change: str, article_id: str, seen_at: datetime) -> None:
        update = IncidentUpdate(
            change=change, incident=incident, article_id=article_id, article_seen_at=seen_at, at=seen_at
        )
        self._keep(self.router.tick(seen_at))
        self._keep(self.router.on_update(update, seen_at, seen_at))
        self.last = seen_at

    def finish(self) -> list[Notice]:
        if self.last is not None:
            self._keep(self.router.tick(self.last + timedelta(days=1)))
        return self.notices

    def _keep(self, outputs: list[Output]) -> None:
        self.notices += [r.notice for spec, _, r in outputs if isinstance(r, NotificationRecord)]


def replay_window(
    arrivals: Iterable[Arrival],
    analyzer: Analyzer,
    policy: IncidentRules,
    routing: Routing,
    silences: dict[str, SilenceRecord | None] | None = None,
) -> Outcome:
    """The window's incidents, watch hits and the alerts the live router would have decided."""
    alerter = _Alerter(analyzer, routing, silences or {})
    outcome = replay(arrivals, analyzer, policy, alerter)
    outcome.alerts = alerts_of(alerter.finish())
    return outcome


def no_routing() -> Routing:
    """Routing without a watchlist: no channel, no route (replay then shows hits only)."""
    return Routing(channels={}, routes={}, default=(), operator=(), policy=AlertPolicy())


def run(
    settings: Settings,
    span: Window,
    watchlist: Path | None,
    rules: Path | None,
    want_diff: bool,
    send_digest: str | None,
    as_json: bool,
    use_silences: bool,
    out: TextIO,
    err: TextIO,
) -> int:
    from wirewatch.alerts.watchlist import analyzer_for, load_watchlist

    analyzer = analyzer_for(watchlist, rules)
    routing = no_routing()
    if watchlist is not None:
        routing = load_watchlist(watchlist).routing(
            settings.notify_urls(), resolve_urls=send_digest is not None
        )
    if send_digest is not None and send_digest not in routing.channels:
        raise ConfigError(
            f"--send-digest {send_digest!r}: no such channel in the watchlist", field="send_digest"
        )
    held = retained(settings, ARTICLES, span)
    note = retention_note(held, span, settings.articles_retention_days)
    if note is not None:
        err.write(f"wirewatch: {note}\n")
    silences = silences_on_record(settings) if use_silences else {}
    bad: list[str] = []
    with Progress("replay", held.count, err) as progress:
        outcome = replay_window(
            arrivals(settings, span, progress, bad), analyzer, settings.incident_rules(), routing, silences
        )
    changes = None
    if want_diff:
        live, alerts = live_outcome(settings, span)
        changes = diff(outcome, live, alerts)
    if as_json:
        out.write(json.dumps(_as_json(span, outcome, changes, bad), ensure_ascii=False) + "\n")
    else:
        _print(span, outcome, changes, bad, rules, out)
    if (
        send_digest is not None
        and routing is not None
        and not _send_digest(routing, send_digest, outcome, span, out)
    ):
        return 1
    return 0


def _print(
    span: Window, outcome: Outcome, changes: Diff | None, bad: list[str], rules: Path | None, out: TextIO
) -> None:
    watched = outcome.hits
    out.write(
        f"replay {span}: {outcome.articles} articles, {outcome.attacks} current attacks, "
        f"{len(outcome.incidents)} incidents, {len(watched)} with watch hits"
        f"{f', {len(bad)} malformed records skipped' if bad else ''}\n"
        f"rules: {rules if rules is not None else 'current'}\n"
    )
    if watched:
        out.write("\nincidents with watch hits:\n")
        for incident_id in sorted(watched, key=lambda i: outcome.incidents[i].event_time):
            out.write(f"  {_line(outcome.incidents[incident_id])}  hits: {', '.join(watched[incident_id])}\n")
    per_channel: dict[str, dict[str, int]] = {}
    for alert in outcome.alerts:
        per_channel.setdefault(alert.channel, {}).setdefault(alert.kind, 0)
        per_channel[alert.channel][alert.kind] += 1
    out.write("\nwould have alerted:\n" if per_channel else "\nwould have alerted: nothing\n")
    for channel, kinds in sorted(per_channel.items()):
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
        out.write(f"  {channel}: {counts}\n")
    if changes is None:
        return
    if not changes:
        out.write("\ndiff against the live pipeline: no difference\n")
        return
    out.write("\ndiff against the live pipeline:\n")
    for hit in changes.new_hits:
        out.write(
            f"  + hit {hit.entry} on {hit.incident_id} ({', '.join(hit.channels)}): {_safe(hit.title)}\n"
        )
    for hit in changes.gone_hits:
        out.write(
            f"  - hit {hit.entry} on {hit.incident_id} ({', '.join(hit.channels)}): {_safe(hit.title)}\n"
        )
    for incident_id in changes.new_incidents:
        out.write(f"  + incident {_line(outcome.incidents[incident_id])}\n")
    for incident_id in changes.gone_incidents:
        out.write(f"  - incident {incident_id}\n")
    for change in changes.changed:
        out.write(f"  ~ incident {change.replayed} (live {change.live}): {', '.join(change.what)} differ\n")


def _safe(text: str, limit: int = 100) -> str:
    flat = " ".join(text.split())
    return for_terminal(flat if len(flat) <= limit else flat[: limit - 1] + "…")


def _line(incident: Incident) -> str:
    place = incident.places[0].name if incident.places else "unknown place"
    types = "/".join(incident.attack_types) or "attack"
    outlets, reports = len(incident.outlets), len(incident.reports)
    return (
        f"{incident.id} {_stamp(incident.event_time)} {types} at {_safe(place, 60)}: "
        f"{reports} report{'s' if reports != 1 else ''}, {outlets} outlet{'s' if outlets != 1 else ''}, "
        f"{_safe(incident.reports[0].title if incident.reports else '')}"
    )


def _as_json(span: Window, outcome: Outcome, changes: Diff | None, bad: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "from": span.start.isoformat(),
        "to": span.end.isoformat(),
        "articles": outcome.articles,
        "attacks": outcome.attacks,
        "malformed": bad,
        "incidents": [
            {
                "id": inc.id,
                "event_time": inc.event_time.isoformat(),
                "types": list(inc.attack_types),
                "places": [p.id for p in inc.places],
                "reports": [r.article_id for r in inc.reports],
                "state": inc.state,
                "hits": list(outcome.hits.get(inc.id, ())),
            }
            for inc in sorted(outcome.incidents.values(), key=lambda i: (i.event_time, i.id))
        ],
        "alerts": [
            {"incident": a.incident_id, "channel": a.channel, "kind": a.kind, "entries": list(a.entries)}
            for a in outcome.alerts
        ],
    }
    if changes is not None:
        data["diff"] = {
            "new_hits": [
                {"incident": h.incident_id, "entry": h.entry, "channels": list(h.channels)}
                for h in changes.new_hits
            ],
            "gone_hits": [
                {"incident": h.incident_id, "entry": h.entry, "channels": list(h.channels)}
                for h in changes.gone_hits
            ],
            "new_incidents": changes.new_incidents,
            "gone_incidents": changes.gone_incidents,
            "changed": [
                {"replayed": c.replayed, "live": c.live, "what": list(c.what)} for c in changes.changed
            ],
        }
    return data


def _send_digest(routing: Routing, channel: str, outcome: Outcome, span: Window, out: TextIO) -> bool:
    """One digest of the window's watched incidents to ``channel``, through the alerter's sender."""
    from wirewatch.alerts.delivery import sender_for
    from wirewatch.alerts.render import render
    from wirewatch.core.alerting import DigestItem, Notice

    items = tuple(
        DigestItem(incident=outcome.incidents[i], entries=hits, severity="medium")
        for i, hits in sorted(outcome.hits.items(), key=lambda kv: outcome.incidents[kv[0]].event_time)
    )
    notice = Notice(
        key=f"replay:{_stamp(span.start)}:{_stamp(span.end)}:{channel}:digest",
        kind="digest",
        channel=channel,
        severity="medium",
        digest=items,
        created_at=datetime.now(UTC),
    )
    target = routing.channels[channel]
    sender = sender_for(target.url)
    result = sender.send(
        render(notice, {w: w for hits in outcome.hits.values() for w in hits}), target.timeout
    )
    detail = f" ({result.detail})" if result.detail else ""
    out.write(
        f"\none digest of {len(items)} incidents to {channel} ({sender.masked}): {result.status}{detail}\n"
    )
    return result.status == "sent"
