"""The dispatcher: notices in order per channel, retried with backoff, recorded once delivered.

Per channel a queue: the first notice is tried when the channel is not backing off; a failure
doubles the pause up to a cap (or waits as long as ``Retry-After`` says); a notice that exhausts
its budget is dead-lettered with the reason. Every delivery is recorded right after the receiver
accepted it. ``committable()`` says how far the outbox may be committed: past every finished
notice in a row, per partition. Produces outputs for the alerter to write; touches no Kafka.
"""

from __future__ import annotations

import logging
import random
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from wirewatch.alerts.delivery import Sender
from wirewatch.alerts.render import render
from wirewatch.alerts.router import Output
from wirewatch.core.alerting import Notice
from wirewatch.metrics import CHANNEL_TYPES, Metrics
from wirewatch.topics import DEAD_LETTERS, DELIVERIES
from wirewatch.topics.records import DeadLetterRecord, DeliveryRecord

log = logging.getLogger("wirewatch.alerter")


def utc_now() -> datetime:
    return datetime.now(UTC)


def channel_type(scheme: str) -> str:
    return scheme if scheme in CHANNEL_TYPES else "other"


@dataclass
class Job:
    partition: int
    offset: int
    notice: Notice
    attempts: int = 0
    first_attempt: datetime | None = None


@dataclass
class DeliveryPolicy:
    backoff_initial: float = 1.0
    backoff_max: float = 60.0
    max_age: timedelta = timedelta(minutes=30)
    max_attempts: int = 50
    max_attempts_permanent: int = 3


@dataclass
class Dispatcher:
    senders: dict[str, Sender]
    metrics: Metrics
    policy: DeliveryPolicy = field(default_factory=DeliveryPolicy)
    labels: dict[str, str] = field(default_factory=dict)
    rng: random.Random = field(default_factory=random.Random)
    clock: Callable[[], datetime] = utc_now  # the time after a delivery (a send takes a while)
    delivered: set[str] = field(default_factory=set)
    queues: dict[str, deque[Job]] = field(default_factory=dict)
    not_before: dict[str, datetime] = field(default_factory=dict)
    done: dict[int, set[int]] = field(default_factory=dict)  # partition -> finished offsets
    low: dict[int, int] = field(default_factory=dict)  # partition -> lowest offset not yet committed

    def remember(self, record_key: str, record: DeliveryRecord | None) -> None:
        if record is None:
            self.delivered.discard(record_key)
        else:
            self.delivered.add(record_key)

    def add(self, partition: int, offset: int, notice: Notice) -> None:
        if notice.key in self.delivered or notice.channel not in self.senders:
            if notice.channel not in self.senders:
                log.error("notification %s names unknown channel %r; dropped", notice.key, notice.channel)
            self.skip(partition, offset)
            return
        self.low.setdefault(partition, offset)
        self.queues.setdefault(notice.channel, deque()).append(Job(partition, offset, notice))

    @property
    def pending(self) -> int:
        return sum(len(q) for q in self.queues.values())

    def next_ready(self, now: datetime) -> float:
        """Seconds until some channel with work may be tried (0 when one is ready now)."""
        waits = [
            max(0.0, (self.not_before.get(c, now) - now).total_seconds()) for c, q in self.queues.items() if q
        ]
        return min(waits, default=1.0)

    def step(self, now: datetime, produce: Callable[[list[Output]], None]) -> None:
        """Try the first job of every channel that is not backing off."""
        for channel, queue in self.queues.items():
            while queue and self.not_before.get(channel, now) <= now:
                if not self._attempt(channel, queue[0], now, produce):
                    break
                queue.popleft()
                now = self.clock()
        self.metrics.outbox_pending.set(self.pending)

    def _attempt(
        self, channel: str, job: Job, now: datetime, produce: Callable[[list[Output]], None]
    ) -> bool:
        """One delivery try; True when the job is finished (delivered or dead-lettered)."""
        sender = self.senders[channel]
        notice = job.notice
        job.attempts += 1
        job.first_attempt = job.first_attempt or now
        ctype = channel_type(sender.scheme)
        result = sender.send(render(notice, self.labels))
        if result.status == "sent":
            done_at = self.clock()
            # Record the delivery before anything else: a crash after this line never resends it.
            produce(
                [
                    (
                        DELIVERIES,
                        notice.key,
                        DeliveryRecord(
                            key=notice.key,
                            channel=channel,
                            status="delivered",
                            attempts=job.attempts,
                            at=done_at,
                        ),
                    )
                ]
            )
            self.delivered.add(notice.key)
            self.metrics.notifications.labels(ctype, notice.severity, "sent").inc()
            if notice.source_seen_at is not None:
                self.metrics.delivery_latency_seconds.observe(
                    (done_at - notice.source_seen_at).total_seconds()
                )
            if notice.article_seen_at is not None:
                self.metrics.alert_latency_seconds.observe((done_at - notice.article_seen_at).total_seconds())
            if notice.kind == "new" and notice.incident:
                published = [r.published for r in notice.incident.reports if r.published]
                if published:
                    self.metrics.alert_publication_latency_seconds.observe(
                        (done_at - min(published)).total_seconds()
                    )
            self.not_before.pop(channel, None)
            self._finish(job.partition, job.offset)
            return True
        outcome = "no_target" if result.status == "no_target" else "failed"
        self.metrics.notifications.labels(ctype, notice.severity, outcome).inc()
        limit = self.policy.max_attempts_permanent if result.permanent else self.policy.max_attempts
        if job.attempts >= limit or now - job.first_attempt >= self.policy.max_age:
            reason = f"{result.status} after {job.attempts} attempts: {result.detail}"
            log.error("notification %s to %s dead-lettered: %s", notice.key, sender.masked, reason)
            produce(
                [
                    (
                        DEAD_LETTERS,
                        notice.key,
                        DeadLetterRecord(
                            notice=notice,
                            reason=reason,
                            attempts=job.attempts,
                            first_attempt_at=job.first_attempt,
                            at=now,
                        ),
                    ),
                    (
                        DELIVERIES,
                        notice.key,
                        DeliveryRecord(
                            key=notice.key,
                            channel=channel,
                            status="dead_lettered",
                            attempts=job.attempts,
                            at=now,
                            detail=reason,
                        ),
                    ),
                ]
            )
            self.delivered.add(notice.key)
            self.metrics.notifications_dead_lettered.labels(ctype, notice.severity).inc()
            self._finish(job.partition, job.offset)
            return True
        delay = min(self.policy.backoff_max, self.policy.backoff_initial * 2 ** (job.attempts - 1))
        delay *= self.rng.uniform(0.8, 1.2)
        if result.retry_after is not None:
            delay = max(delay, min(result.retry_after, self.policy.max_age.total_seconds()))
        self.not_before[channel] = now + timedelta(seconds=delay)
        self.metrics.notifications.labels(ctype, notice.severity, "retried").inc()
        if job.attempts == 1 or job.attempts % 10 == 0:
            log.warning(
                "delivery of %s to %s failed (%s, attempt %d); retrying in %.1f s",
                notice.key,
                sender.masked,
                result.detail or result.status,
                job.attempts,
                delay,
            )
        return False

    def forget(self, partitions: set[int]) -> None:
        for queue in self.queues.values():
            kept = [job for job in queue if job.partition not in partitions]
            queue.clear()
            queue.extend(kept)
        for partition in partitions:
            self.done.pop(partition, None)
            self.low.pop(partition, None)

    def skip(self, partition: int, offset: int) -> None:
        """An outbox record with nothing to send (already delivered, malformed): finished as it is."""
        self.low.setdefault(partition, offset)
        self._finish(partition, offset)

    def _finish(self, partition: int, offset: int) -> None:
        self.done.setdefault(partition, set()).add(offset)

    def committable(self) -> dict[int, int]:
        """Per partition, the next offset to commit: past every finished notification in a row."""
        out: dict[int, int] = {}
        for partition, finished in self.done.items():
            low = self.low.get(partition)
            if low is None:
                continue
            moved = low
            while moved in finished:
                finished.discard(moved)
                moved += 1
            if moved != low:
                self.low[partition] = moved
                out[partition] = moved
        return out
