"""Alerting commands for people: test a channel, manage silences, check the configuration.

``wirewatch test-alert --to URL`` sends a sample alert synchronously (no Kafka) and says whether
the receiver took it. ``wirewatch silence add|list|remove`` writes to the compacted silences
topic that every running alerter follows, so a silence takes effect without a restart.
(``wirewatch check-config`` lives in ``wirewatch.checkconfig``.)
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from wirewatch.durations import end_time
from wirewatch.errors import ConfigError
from wirewatch.logs import for_terminal


def sample_notice() -> Any:
    """A made-up incident on a made-up base, clearly marked as a test."""
    from wirewatch.core.alerting import Notice
    from wirewatch.core.incidents import IncidentRules, PlaceFact, ReportFacts, apply

    now = datetime.now(UTC)
    place = PlaceFact(
        id="test-base", name="Test Base (wirewatch test alert)", kind="base", lineage=("test-base",)
    )
    facts = ReportFacts(
        article_id="test-alert",
        outlet="wirewatch",
        lang="en",
        title="TEST: this is a test alert",
        url="https://example.org/wirewatch-test-alert",
        published=now,
        seen_at=now,
        event_time=now,
        types=("rocket",),
        places=(place,),
        projectiles=2,
        killed=0,
        wounded=0,
    )
    incident, _ = apply(None, facts, now, IncidentRules())
    return Notice(
        key=f"test-alert:{uuid.uuid4().hex[:12]}",
        kind="new",
        channel="test",
        severity="low",
        change="new",
        entries=("test-base",),
        incident=incident,
        created_at=now,
    )


def test_alert(to: str, watchlist: Path | None, out: TextIO) -> int:
    from wirewatch.alerts.delivery import sender_for
    from wirewatch.alerts.render import render

    url = to
    if "://" not in to:
        if watchlist is None:
            raise ConfigError(f"{to!r} is not a URL; give --watchlist to resolve a channel name", field="to")
        from wirewatch.alerts.watchlist import load_watchlist

        channels = load_watchlist(watchlist).routing().channels
        if to not in channels:
            raise ConfigError(f"no channel named {to!r}", path=str(watchlist), field="channels")
        url = channels[to].url
    sender = sender_for(url)
    result = sender.send(render(sample_notice(), test=True))
    detail = f" ({result.detail})" if result.detail else ""
    out.write(f"test alert to {sender.masked}: {result.status}{detail}\n")
    return 0 if result.status == "sent" else 1


def silence_add(
    settings: Any,
    entry: str | None,
    channel: str | None,
    until: str | None,
    duration: str | None,
    comment: str,
    out: TextIO,
) -> int:
    from wirewatch.topics import SILENCES
    from wirewatch.topics.admin import admin_producer
    from wirewatch.topics.codec import encode, key
    from wirewatch.topics.records import SilenceRecord

    now = datetime.now(UTC)
    silence = new_silence(entry, channel, end_time(until, duration, now), comment, now)
    producer = admin_producer(settings)
    producer.send(
        SILENCES.full_name(settings.topic_prefix),
        key=key(silence.id),
        value=encode(SilenceRecord(silence=silence)),
    ).get(timeout=30)
    producer.close()
    out.write(
        f"{silence.id}\tentry={entry or '*'}\tchannel={channel or '*'}\tuntil={silence.until.isoformat()}\n"
    )
    return 0


def new_silence(entry: str | None, channel: str | None, until: datetime, comment: str, now: datetime) -> Any:
    """A silence as ``wirewatch silence add`` and the web page make it; ``ConfigError`` if it cannot be."""
    from wirewatch.core.alerting import Silence

    if not entry and not channel:
        raise ConfigError("a silence needs --entry, --channel or both", field="entry")
    if until <= now:
        raise ConfigError("the silence would end before it starts", field="until")
    return Silence(
        id="s-" + uuid.uuid4().hex[:10],
        entry=entry,
        channel=channel,
        until=until,
        comment=comment,
        created_at=now,
    )


def read_silences(settings: Any) -> dict[str, Any]:
    from wirewatch.topics import SILENCES
    from wirewatch.topics.admin import ensure_topics
    from wirewatch.topics.codec import decode
    from wirewatch.topics.reader import read_compacted
    from wirewatch.topics.records import SilenceRecord

    ensure_topics(settings, [SILENCES])
    found: dict[str, Any] = {}
    for record_key, value, _ in read_compacted(settings, SILENCES, client="silences"):
        if value is None:
            found.pop(record_key, None)
        else:
            found[record_key] = decode(value, SilenceRecord).silence
    return found


def silence_list(settings: Any, out: TextIO) -> int:
    now = datetime.now(UTC)
    for silence in sorted(read_silences(settings).values(), key=lambda s: s.until):
        state = "active" if silence.until > now else "expired"
        out.write(
            f"{silence.id}\tentry={silence.entry or '*'}\tchannel={silence.channel or '*'}\t"
            f"until={silence.until.isoformat()}\t{state}\t{for_terminal(silence.comment)}\n"
        )
    return 0


def silence_remove(settings: Any, silence_id: str, out: TextIO) -> int:
    from wirewatch.topics import SILENCES
    from wirewatch.topics.admin import admin_producer
    from wirewatch.topics.codec import key

    if silence_id not in read_silences(settings):
        raise ConfigError(f"no silence {silence_id!r}", field="silence_id")
    producer = admin_producer(settings)
    producer.send(SILENCES.full_name(settings.topic_prefix), key=key(silence_id), value=None).get(timeout=30)
    producer.close()
    out.write(f"removed {silence_id}\n")
    return 0
