"""The dispatcher: notices in order per channel, sent concurrently across channels, retried with
backoff, recorded once delivered, and a dead channel declared down once.

Per channel a FIFO queue: its first notice is handed to the channel's own sender thread when the
channel is not backing off, and the result is read on a later ``step``; a hung receiver holds only
its own channel, never routing, silences, the other channels or the worker's liveness. A failure
doubles the pause up to a cap (or waits as long as ``Retry-After`` says); a notice that exhausts
its budget is dead-lettered with the reason. A channel with no success for ``down_after`` (rate
limits aside: a receiver that answers ``Retry-After`` is alive) is declared down once, with one
ERROR line and ``wirewatch_channel_up`` 0: its whole queue is dead-lettered together, and while it
stays down each new notice gets one try at the next probe. The first success brings it back, with
one INFO line. Every delivery is recorded right after the receiver accepted it. ``committable()``
says how far the outbox may be committed: past every finished notice in a row, per partition.
Produces outputs for the alerter to write; touches no Kafka.
"""

from __future__ import annotations

import logging
import random
import time
from collections import deque
from collections.abc import Callable
from concurrent import futures
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

from wirewatch.alerts.render import render
from wirewatch.alerts.router import Output
from wirewatch.alerts.sending import Sender, SendResult
from wirewatch.core.alerting import Notice
from wirewatch.metrics import CHANNEL_TYPES, Metrics
from wirewatch.topics import DEAD_LETTERS, DELIVERIES
from wirewatch.topics.records import DeadLetterRecord, DeliveryRecord

log = logging.getLogger("wirewatch.alerter")


def utc_now() -> datetime:
    return datetime.now(UTC)


def channel_type(scheme: str) -> str:
    return scheme if scheme in CHANNEL_TYPES else "other"


class Runner(Protocol):
    """Where a channel's sends run: the returned future holds the sender's result."""

    def submit(self, channel: str, send: Callable[[], SendResult]) -> Future[SendResult]: ...

    def close(self) -> None: ...


class Inline:
    """Sends in the caller's thread, done when ``submit`` returns: the in-memory twin for tests of
    the dispatcher's decisions."""

    def submit(self, channel: str, send: Callable[[], SendResult]) -> Future[SendResult]:
        future: Future[SendResult] = Future()
        future.set_result(send())
        return future

    def close(self) -> None:
        return None


class ChannelThreads:
    """One sender thread per channel: its sends run one at a time, in order, and a receiver that
    hangs holds that thread only."""

    def __init__(self) -> None:
        self.pools: dict[str, ThreadPoolExecutor] = {}

    def submit(self, channel: str, send: Callable[[], SendResult]) -> Future[SendResult]:
        pool = self.pools.get(channel)
        if pool is None:
            pool = self.pools[channel] = ThreadPoolExecutor(1, thread_name_prefix="send")
        return pool.submit(send)

    def close(self) -> None:
        # A send still hanging is not waited for: its notice is not recorded as delivered, so the
        # next alerter sends it again (the documented resend window).
        for pool in self.pools.values():
            pool.shutdown(wait=False, cancel_futures=True)


AWAIT_SEND = 0.5  # seconds: the loop waits on a send this young rather than on Kafka


@dataclass
class Job:
    partition: int
    offset: int
    notice: Notice
    attempts: int = 0
    first_attempt: datetime | None = None
    forgotten: bool = False  # its partition was taken away while its send was in flight


@dataclass
class InFlight:
    job: Job
    future: Future[SendResult]
    started: datetime
    warned: bool = False


@dataclass
class DeliveryPolicy:
    backoff_initial: float = 1.0
    backoff_max: float = 60.0
    max_age: timedelta = timedelta(minutes=30)
    max_attempts: int = 50
    max_attempts_permanent: int = 3
    down_after: timedelta = timedelta(minutes=5)


@dataclass
class Dispatcher:
    senders: dict[str, Sender]
    metrics: Metrics
    policy: DeliveryPolicy = field(default_factory=DeliveryPolicy)
    labels: dict[str, str] = field(default_factory=dict)
    rng: random.Random = field(default_factory=random.Random)
    clock: Callable[[], datetime] = utc_now  # the time after a delivery (a send takes a while)
    runner: Runner = field(default_factory=Inline)
    delivered: set[str] = field(default_factory=set)
    queues: dict[str, deque[Job]] = field(default_factory=dict)
    not_before: dict[str, datetime] = field(default_factory=dict)
    inflight: dict[str, InFlight] = field(default_factory=dict)
    # channel -> its first failure since its last success
    failing_since: dict[str, datetime] = field(default_factory=dict)
    down: set[str] = field(default_factory=set)
    done: dict[int, set[int]] = field(default_factory=dict)  # partition -> finished offsets
    low: dict[int, int] = field(default_factory=dict)  # partition -> lowest offset not yet committed

    def __post_init__(self) -> None:
        for channel in self.senders:
            self.metrics.channel_up.labels(channel).set(1)

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
            max(0.0, (self.not_before.get(c, now) - now).total_seconds())
            for c, q in self.queues.items()
            if q and c not in self.inflight
        ]
        return min(waits, default=1.0)

    def _awaited(self, now: datetime) -> list[Future[SendResult]]:
        """The running sends worth waiting for: those younger than ``AWAIT_SEND``. An older one (a
        slow or hung receiver) is looked at on each step, while the loop blocks on Kafka again."""
        return [
            flight.future
            for flight in self.inflight.values()
            if not flight.future.done() and (now - flight.started).total_seconds() < AWAIT_SEND
        ]

    def busy(self, now: datetime) -> bool:
        """Whether a send finished, is worth waiting for, or may start now: then the loop must not
        block on Kafka."""
        finished = any(flight.future.done() for flight in self.inflight.values())
        return finished or bool(self._awaited(now)) or self.next_ready(now) == 0.0

    def drive(self, budget: float, produce: Callable[[list[Output]], None]) -> None:
        """Step, and while sends run, wait for the next to finish and step again, for at most
        ``budget`` seconds: a finished send is read at once and its channel's next one starts,
        while a send past ``AWAIT_SEND`` (a slow or hung receiver) is not waited for."""
        deadline = time.monotonic() + budget
        while True:
            now = self.clock()
            self.step(now, produce)
            left = deadline - time.monotonic()
            running = self._awaited(now)
            if left <= 0 or not running:
                return
            done, _ = futures.wait(running, left, return_when=futures.FIRST_COMPLETED)
            if not done:
                return

    def step(self, now: datetime, produce: Callable[[list[Output]], None]) -> None:
        """Read the sends that finished and start the next one of every idle channel that is not
        backing off; never waits for a receiver."""
        for channel in self.senders:
            queue = self.queues.setdefault(channel, deque())
            while True:
                flight = self.inflight.get(channel)
                if flight is None:
                    if not queue or self.not_before.get(channel, now) > now:
                        break
                    flight = self._start(channel, queue[0], now)
                if not flight.future.done():
                    self._watch(channel, flight, now)
                    break
                del self.inflight[channel]
                finished = self._settle(channel, flight, now, produce)
                if finished and queue and queue[0] is flight.job:
                    queue.popleft()
                if channel in self.down:  # a failure while down: nothing queued waits any longer
                    self._dead_letter_all(channel, queue, now, produce)
                if not finished:
                    break
                now = self.clock()
        self.metrics.outbox_pending.set(self.pending)

    def close(self) -> None:
        self.runner.close()

    def _start(self, channel: str, job: Job, now: datetime) -> InFlight:
        sender = self.senders[channel]
        job.attempts += 1
        job.first_attempt = job.first_attempt or now
        rendered = render(job.notice, self.labels)
        flight = InFlight(
            job, self.runner.submit(channel, lambda: sender.send(rendered, sender.timeout)), now
        )
        self.inflight[channel] = flight
        return flight

    def _watch(self, channel: str, flight: InFlight, now: datetime) -> None:
        """A send that outlives its timeout several times over (a receiver dripping its answer, a
        plugin that ignores the timeout) is said once: the channel waits for it, nothing else does."""
        sender = self.senders[channel]
        running = (now - flight.started).total_seconds()
        if not flight.warned and running > 3 * sender.timeout:
            flight.warned = True
            log.warning(
                "sending %s to %s has taken %.0f s, past its %.0f s timeout; that channel waits for it",
                flight.job.notice.key,
                sender.masked,
                running,
                sender.timeout,
            )

    def _settle(
        self, channel: str, flight: InFlight, now: datetime, produce: Callable[[list[Output]], None]
    ) -> bool:
        """Act on one finished send; True when its job is finished (delivered or dead-lettered)."""
        job, sender = flight.job, self.senders[channel]
        try:
            result = flight.future.result()
        except Exception as exc:  # senders never raise; a bug in one must not stop the alerter
            result = SendResult("failed", None, f"sender raised {type(exc).__name__}")
        if result.status == "sent":
            self._delivered(channel, job, produce)
            self.not_before.pop(channel, None)
            since = self.failing_since.pop(channel, None)
            if channel in self.down:
                self.down.discard(channel)
                self.metrics.channel_up.labels(channel).set(1)
                gap = (now - since).total_seconds() if since else 0.0
                log.info("channel %s (%s) is up again after %.0f s", channel, sender.masked, gap)
            return True
        ctype = channel_type(sender.scheme)
        notice = job.notice
        outcome = "no_target" if result.status == "no_target" else "failed"
        self.metrics.notifications.labels(ctype, notice.severity, outcome).inc()
        if result.retry_after is None:  # a receiver that answers Retry-After is alive, only busy
            since = self.failing_since.setdefault(channel, flight.started)
            if channel not in self.down and now - since >= self.policy.down_after:
                self._declare_down(channel, since, now, result)
        limit = self.policy.max_attempts_permanent if result.permanent else self.policy.max_attempts
        first = job.first_attempt or flight.started
        gave_up = channel in self.down or job.attempts >= limit or now - first >= self.policy.max_age
        if gave_up and not job.forgotten:  # a notice taken away is the new owner's to give up on
            reason = f"{result.status} after {job.attempts} attempts: {result.detail}"
            self._dead_letter(channel, job, now, reason, produce)
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

    def _declare_down(self, channel: str, since: datetime, now: datetime, result: SendResult) -> None:
        self.down.add(channel)
        self.metrics.channel_up.labels(channel).set(0)
        log.error(
            "channel %s (%s) is down: no delivery has succeeded for %.0f s (last: %s); its %d queued "
            "notifications are dead-lettered, and each new one gets one try until the channel answers",
            channel,
            self.senders[channel].masked,
            (now - since).total_seconds(),
            result.detail or result.status,
            len(self.queues.get(channel, ())),
        )

    def _delivered(self, channel: str, job: Job, produce: Callable[[list[Output]], None]) -> None:
        notice = job.notice
        done_at = self.clock()
        # Record the delivery before anything else: a crash after this line never resends it.
        produce(
            [
                (
                    DELIVERIES,
                    notice.key,
                    DeliveryRecord(
                        key=notice.key, channel=channel, status="delivered", attempts=job.attempts, at=done_at
                    ),
                )
            ]
        )
        self.delivered.add(notice.key)
        self.metrics.notifications.labels(
            channel_type(self.senders[channel].scheme), notice.severity, "sent"
        ).inc()
        if notice.source_seen_at is not None:
            self.metrics.delivery_latency_seconds.observe((done_at - notice.source_seen_at).total_seconds())
        if notice.article_seen_at is not None:
            self.metrics.alert_latency_seconds.observe((done_at - notice.article_seen_at).total_seconds())
        if notice.kind == "new" and notice.incident:
            published = [r.published for r in notice.incident.reports if r.published]
            if published:
                self.metrics.alert_publication_latency_seconds.observe(
                    (done_at - min(published)).total_seconds()
                )
        self._finish(job.partition, job.offset)

    def _dead_letter(
        self,
        channel: str,
        job: Job,
        now: datetime,
        reason: str,
        produce: Callable[[list[Output]], None],
        said: bool = False,  # the channel-down line already counted it
    ) -> None:
        notice = job.notice
        sender = self.senders[channel]
        if not said:
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
                        first_attempt_at=job.first_attempt or now,
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
        self.metrics.notifications_dead_lettered.labels(channel_type(sender.scheme), notice.severity).inc()
        self._finish(job.partition, job.offset)

    def _dead_letter_all(
        self, channel: str, queue: deque[Job], now: datetime, produce: Callable[[list[Output]], None]
    ) -> None:
        since = self.failing_since.get(channel, now)
        while queue:
            job = queue.popleft()
            self._dead_letter(
                channel,
                job,
                now,
                f"channel down since {since.isoformat(timespec='seconds')}",
                produce,
                said=True,
            )

    def forget(self, partitions: set[int]) -> None:
        for flight in self.inflight.values():
            flight.job.forgotten = flight.job.forgotten or flight.job.partition in partitions
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
        if partition in self.low:  # not a partition taken away while its send was in flight
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
