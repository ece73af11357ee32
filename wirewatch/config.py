"""Typed settings for every wirewatch process, read once from the environment and the CLI.

Every field can be set as ``WIREWATCH_<FIELD>`` (``WIREWATCH_KAFKA_BOOTSTRAP=host:9092``);
command-line flags override the environment. Settings are frozen: a worker receives them once
at start and passes them down.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from wirewatch.errors import ConfigError


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WIREWATCH_", frozen=True, extra="forbid")

    kafka_bootstrap: str = Field(
        "127.0.0.1:9092",
        description="host:port[,host:port] of the Kafka brokers",
    )
    topic_prefix: str = Field(
        "wirewatch",
        pattern=r"^[A-Za-z0-9._-]{1,100}$",
        description="first part of every topic name and consumer group; lets several deployments or "
        "test runs share one cluster",
    )
    partitions: int = Field(
        6,
        ge=1,
        le=256,
        description="partitions of new topics; the most processors or alerters that can share work. "
        "More costs broker memory and file handles",
    )
    replication_factor: int = Field(
        1, ge=1, le=5, description="replicas of new topics (1 on a single broker)"
    )
    feeds: Path | None = Field(None, description="feed list YAML for the poller")
    watchlist: Path | None = Field(None, description="watchlist YAML for the processor and the alerter")
    notify: tuple[str, ...] = Field(
        (),
        description="apprise URLs every alert goes to (JSON list in the environment). They hold secrets: "
        "prefer notify_file",
    )
    notify_file: Path | None = Field(
        None, description="file with one apprise URL per line (# comments allowed); keeps secrets out of env"
    )
    data_dir: Path = Field(Path(".run/data"), description="where the processor keeps its table store")
    poll_interval: float = Field(
        300.0,
        ge=1,
        le=86400,
        description="default seconds between polls of a feed; lower finds news sooner and costs publishers",
    )
    poll_min_interval: float = Field(
        30.0,
        ge=0.5,
        le=86400,
        description="shortest allowed time between two polls of one feed, whatever the feed asks",
    )
    fetch_timeout: float = Field(20.0, gt=0, le=300, description="total seconds allowed for one feed fetch")
    fetch_concurrency: int = Field(50, ge=1, le=2000, description="feed fetches in flight at once")
    user_agent: str = Field(
        "wirewatch/0.1 (+https://github.com/wirewatch/wirewatch; news monitoring)",
        description="User-Agent sent to publishers",
    )
    metrics_host: str = Field("127.0.0.1", description="address the /metrics endpoints listen on")
    poller_metrics_port: int = Field(9101, ge=0, le=65535, description="0 turns the endpoint off")
    processor_metrics_port: int = Field(9102, ge=0, le=65535, description="0 turns the endpoint off")
    alerter_metrics_port: int = Field(9103, ge=0, le=65535, description="0 turns the endpoint off")
    broker_retry_max: float = Field(
        30.0, ge=1, le=600, description="longest wait between attempts to reach an unreachable broker"
    )
    broker_give_up_after: float = Field(
        0.0,
        ge=0,
        description="seconds after which a worker stops retrying an unreachable broker; 0 retries forever",
    )
    log_level: str = Field("INFO", pattern=r"^(DEBUG|INFO|WARNING|ERROR)$")
    log_json: bool = Field(False, description="one JSON object per log line instead of text")

    @field_validator("kafka_bootstrap")
    @classmethod
    def _bootstrap(cls, value: str) -> str:
        for server in value.split(","):
            host, sep, port = server.strip().rpartition(":")
            if not sep or not host or not port.isdigit():
                raise ValueError(f"{server!r} is not host:port")
        return value

    def notify_urls(self) -> tuple[str, ...]:
        """Apprise URLs from ``notify`` and ``notify_file`` (the file is read when called)."""
        urls = list(self.notify)
        if self.notify_file is not None:
            try:
                lines = self.notify_file.read_text("utf-8").splitlines()
            except OSError as exc:
                raise ConfigError(f"cannot read: {exc.strerror}", path=str(self.notify_file)) from None
            urls += [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
        return tuple(urls)

    def topic(self, name: str) -> str:
        return f"{self.topic_prefix}.{name}"


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment with non-None ``overrides`` on top; ``ConfigError`` if invalid."""
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**given)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        raise ConfigError(
            err["msg"], path="settings (WIREWATCH_* environment or flags)", field=field
        ) from None
