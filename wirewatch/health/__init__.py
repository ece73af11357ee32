"""Liveness and readiness of a worker, served with /metrics on its metrics port.

The package is split by job:

- ``rules``: the pure verdicts (``ReadinessRules``, ``live_verdict``, ``ready_verdict``, ``track``);
- ``readiness``: ``Readiness``, what one worker reports about itself (thread-safe), and
  ``keep_beating``, the beat from its event loop;
- ``server``: the HTTP endpoint (/metrics, /healthz, /readyz);
- ``lag``: ``BrokerWatch``, the broker and the consumer groups' lag seen from outside.

This module wires them for one worker (``start``). Which checks apply is chosen where a worker
is wired (``cli``): a worker that does not beat has no ``loop`` check, a poller without
scale-out no ``partitions`` check. Nothing here imports the workers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wirewatch.health.readiness import Readiness
from wirewatch.health.rules import CHECKS, ReadinessRules

if TYPE_CHECKING:
    from wirewatch.config import Settings
    from wirewatch.health.lag import BrokerWatch
    from wirewatch.health.server import HealthServer
    from wirewatch.metrics import Metrics


@dataclass
class Monitoring:
    """What ``start`` opened for a worker; ``close`` stops it."""

    readiness: Readiness
    server: HealthServer | None
    watch: BrokerWatch | None

    def close(self) -> None:
        if self.watch is not None:
            self.watch.stop()
        if self.server is not None:
            self.server.close()


def start(
    worker: str,
    settings: Settings,
    metrics: Metrics,
    port: int,
    checks: Iterable[str] = CHECKS,
    watch_broker: bool = True,
) -> Monitoring:
    """Readiness signals, the HTTP endpoint on ``port`` (0: none) and a broker watch for one worker."""
    from wirewatch.errors import ConfigError
    from wirewatch.health.lag import BrokerWatch, consumer_stages
    from wirewatch.health.server import HealthServer

    readiness = Readiness(worker, checks, ReadinessRules.from_settings(settings))
    server = None
    if port:
        try:
            server = HealthServer(metrics, readiness, settings.metrics_host, port).start()
        except OSError as exc:
            raise ConfigError(
                f"cannot listen on {settings.metrics_host}:{port}: {exc.strerror}",
                field=f"{worker}_metrics_port",
            ) from None
    watch = None
    if watch_broker:
        watch = BrokerWatch(settings, readiness, metrics, consumer_stages(settings, worker)).start()
    return Monitoring(readiness, server, watch)
