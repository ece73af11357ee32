"""The lag watch: the broker seen from outside the consumers.

A background ``BrokerWatch`` checks every few seconds that the broker answers and how far behind
each consumer group is, from committed offsets against end offsets, so a consumer that silently
stopped still shows its backlog. It touches kafka-python's admin client (imported when first
used) and reports into a ``Readiness`` and the metrics; the group names come from
``topics.groups``, the verdicts from ``health.rules``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from wirewatch import topics
from wirewatch.background import Background
from wirewatch.config import Settings
from wirewatch.health.readiness import Readiness
from wirewatch.health.rules import Partition, positions
from wirewatch.metrics import Metrics
from wirewatch.topics import groups

log = logging.getLogger("wirewatch.health")


@dataclass(frozen=True)
class Stage:
    """A consumer group and the topics it reads: one ``stage`` label of the lag metric."""

    name: str
    group: str
    topics: tuple[str, ...]
    # Whether a backlog that stands still makes the worker not ready. Not for a delivery outbox:
    # it holds a notification back on purpose while a receiver is down (that pages on its own).
    stall_check: bool = True


def consumer_stages(settings: Settings, worker: str) -> tuple[Stage, ...]:
    """The stages a worker consumes, by the group names the workers use."""
    prefix = settings.topic_prefix
    if worker == "processor":  # the Faust app's id is its group
        group = groups.group_id(prefix, groups.PROCESSOR)
        return (
            Stage("analyze", group, (topics.ARTICLES.full_name(prefix),)),
            Stage("incident", group, (topics.ATTACK_REPORTS.full_name(prefix),)),
        )
    if worker == "alerter":
        return (
            Stage(
                "alert",
                groups.group_id(prefix, groups.ALERTER),
                (topics.INCIDENT_UPDATES.full_name(prefix), topics.FEED_HEALTH.full_name(prefix)),
            ),
            Stage(
                "dispatch",
                groups.group_id(prefix, groups.DISPATCHER),
                (topics.NOTIFICATIONS.full_name(prefix),),
                stall_check=False,
            ),
        )
    return ()


class BrokerWatch(Background):
    """Every ``interval`` seconds: does the broker answer, and how far behind is each stage.

    Lag is measured with the admin API (committed offsets against end offsets), not reported by
    the consumer: a Faust agent that silently stopped consuming (faust-streaming issues 175, 640)
    still shows a growing backlog here.
    """

    # Briefly: a check waiting on an unreachable broker must not hold up the worker's exit (the
    # thread is a daemon and keeps nothing that needs saving).
    join_timeout = 2.0

    def __init__(
        self,
        settings: Settings,
        readiness: Readiness,
        metrics: Metrics,
        stages: Iterable[Stage] = (),
        interval: float | None = None,
        admin_factory: Callable[[], Any] | None = None,
    ) -> None:
        self.settings = settings
        self.readiness = readiness
        self.metrics = metrics
        self.stages = tuple(stages)
        self.interval = interval if interval is not None else settings.health_check_interval
        self._admin: Any = None
        self._admin_factory = admin_factory or self._kafka_admin
        super().__init__(f"{readiness.worker}-broker-watch")

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                self.check_once()
                self._stop.wait(self.interval)
        finally:
            self._close()

    def check_once(self) -> None:
        from kafka.errors import KafkaError

        worker = self.readiness.worker
        try:
            admin = self._connect()
            names = sorted({t for s in self.stages for t in s.topics}) or None
            described = admin.describe_topics(names) if names else admin.list_topics()
        except (KafkaError, OSError, ValueError) as exc:
            self.readiness.broker(False, type(exc).__name__)
            self.metrics.broker_up.labels(worker).set(0)
            self._close()
            return
        self.readiness.broker(True)
        self.metrics.broker_up.labels(worker).set(1)
        if not self.stages:
            return
        partitions = {
            t["name"]: [p["partition_index"] for p in t["partitions"]]
            for t in described
            if not t.get("error_code")
        }
        for stage in self.stages:
            try:
                offsets = self._measure(admin, stage, partitions)
            except (KafkaError, OSError, ValueError) as exc:
                # Commonly the group coordinator not elected yet; the next round tries again.
                log.debug("lag of stage %s not measured: %s", stage.name, type(exc).__name__)
                continue
            self.metrics.consumer_lag.labels(stage.name).set(sum(end - pos for pos, end in offsets.values()))
            if stage.stall_check:
                self.readiness.consumers(offsets)

    def _measure(
        self, admin: Any, stage: Stage, partitions: Mapping[str, list[int]]
    ) -> dict[Partition, tuple[int, int]]:
        from kafka import TopicPartition
        from kafka.admin import OffsetSpec

        tps = [TopicPartition(t, p) for t in stage.topics for p in partitions.get(t, [])]
        if not tps:
            return {}
        latest = admin.list_partition_offsets({tp: OffsetSpec.LATEST for tp in tps})
        earliest = admin.list_partition_offsets({tp: OffsetSpec.EARLIEST for tp in tps})
        committed = admin.list_group_offsets({stage.group: tps}).get(stage.group, {})
        return positions(
            {(tp.topic, tp.partition): c.offset for tp, c in committed.items()},
            {(tp.topic, tp.partition): o.offset for tp, o in earliest.items()},
            {(tp.topic, tp.partition): o.offset for tp, o in latest.items()},
        )

    def _connect(self) -> Any:
        if self._admin is None:
            self._admin = self._admin_factory()
        return self._admin

    def _kafka_admin(self) -> Any:
        from kafka import KafkaAdminClient

        from wirewatch.topics.security import client_config

        return KafkaAdminClient(
            **client_config(self.settings),
            client_id=f"{self.settings.topic_prefix}-{self.readiness.worker}-health",
            request_timeout_ms=max(5000, int(self.interval * 1000)),
        )

    def _close(self) -> None:
        admin, self._admin = self._admin, None
        if admin is not None:
            try:
                admin.close()
            except Exception as exc:  # closing a client whose broker went away may raise anything
                log.debug("closing the health admin client: %s", type(exc).__name__)
