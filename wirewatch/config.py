"""Typed settings for every wirewatch process, read once from the environment and the CLI.

Every field can be set as ``WIREWATCH_<FIELD>`` (``WIREWATCH_KAFKA_BOOTSTRAP=host:9092``);
command-line flags override the environment. Settings are frozen: a worker receives them once
at start and passes them down.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from wirewatch.errors import ConfigError
from wirewatch.validation import problems

SETTINGS = "settings (WIREWATCH_* environment or flags)"  # where a problem in the settings is


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
        1,
        ge=1,
        le=5,
        description="replicas of new topics (1 on a single broker, 3 on a production cluster); more "
        "survives more broker losses and costs that many times the disk and replication traffic",
    )
    min_insync_replicas: int | None = Field(
        None,
        ge=1,
        le=5,
        description="min.insync.replicas of new topics, at most replication_factor (2 with 3 replicas); "
        "unset: the broker's default. Higher makes an acknowledged write survive more broker losses and "
        "refuses writes sooner when brokers are down",
    )
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        "PLAINTEXT",
        description="how every Kafka client talks to the brokers (the clients' security_protocol): "
        "PLAINTEXT only on a trusted network; SASL_SSL authenticates and encrypts",
    )
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER"] | None = Field(
        None,
        description="SASL mechanism with a SASL_* protocol: SCRAM-SHA-512 never sends the password; PLAIN "
        "does (only over SSL); OAUTHBEARER sends a token from kafka_sasl_oauth_token_file",
    )
    kafka_sasl_plain_username: str | None = Field(
        None,
        min_length=1,
        max_length=256,
        description="SASL user (PLAIN and SCRAM); the broker's principal is User:<this>",
    )
    kafka_sasl_plain_password_file: Path | None = Field(
        None,
        description="file holding the SASL password (PLAIN and SCRAM; one line, read when a client is "
        "made): a file, never an environment variable, so the secret stays out of process listings",
    )
    kafka_sasl_oauth_token_file: Path | None = Field(
        None,
        description="file holding an OAUTHBEARER token, read again at every authentication so a "
        "side-car can refresh it; a stale file means refused reconnects",
    )
    kafka_ssl_cafile: Path | None = Field(
        None,
        description="PEM file of the CA(s) that signed the brokers' certificates; unset: the system's "
        "trusted CAs",
    )
    kafka_ssl_certfile: Path | None = Field(
        None, description="PEM client certificate (chain), for brokers that require TLS client auth"
    )
    kafka_ssl_keyfile: Path | None = Field(None, description="PEM private key of kafka_ssl_certfile")
    kafka_ssl_password_file: Path | None = Field(
        None, description="file holding the password of an encrypted kafka_ssl_keyfile"
    )
    kafka_ssl_check_hostname: bool = Field(
        True,
        description="check that a broker's certificate names the host connected to; off only for a "
        "test CA with wrong names, since anyone on the path could then impersonate a broker",
    )
    feeds: Path | None = Field(None, description="feed list YAML for the poller")
    watchlist: Path | None = Field(None, description="watchlist YAML for the processor and the alerter")
    rules: Path | None = Field(
        None, description="the team's own detection rules (YAML, wirewatch/rules.py) for the processor"
    )
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
    fetch_connect_timeout: float = Field(
        10.0, gt=0, le=120, description="seconds to open a connection (DNS and TLS included)"
    )
    fetch_read_timeout: float = Field(
        15.0, gt=0, le=300, description="seconds of silence allowed while reading a response"
    )
    fetch_max_bytes: int = Field(
        10_000_000,
        ge=1024,
        le=1_000_000_000,
        description="bytes on the wire one feed may send; more is an error",
    )
    fetch_max_decompressed: int = Field(
        50_000_000,
        ge=1024,
        le=2_000_000_000,
        description="bytes a compressed feed may expand to (a gzip bomb stops here); costs that much memory",
    )
    fetch_max_redirects: int = Field(5, ge=0, le=20, description="redirects followed per fetch")
    fetch_per_host: int = Field(
        2, ge=1, le=100, description="requests in flight at once to one host; more is faster and ruder"
    )
    fetch_host_rate: float = Field(
        2.0, gt=0, le=10000, description="requests per second started to one host (a token bucket, burst 1 s)"
    )
    fetch_allow_private: bool = Field(
        False,
        description="let every feed reach loopback, link-local and private addresses; off, a feed list "
        "cannot probe the internal network (per feed: allow_private in the feed list)",
    )
    fetch_allow_networks: tuple[str, ...] = Field(
        (), description="networks (CIDR, JSON list in the environment) feeds may reach although private"
    )
    poll_max_interval: float = Field(
        6 * 3600.0, ge=1, le=7 * 86400, description="longest time between two polls of a working feed"
    )
    poll_max_backoff: float = Field(
        3600.0,
        ge=1,
        le=7 * 86400,
        description="longest wait before retrying a failing feed (it is retried forever)",
    )
    incident_surge_interval: float = Field(
        60.0,
        ge=0,
        le=3600,
        description="when a new incident opens, poll the feeds whose groups name its places (IQ, IQ-AN, "
        "a base id) every this many seconds; 0 turns automatic surges off. Lower hears sooner and costs "
        "those publishers more (the minimum interval and per-host limits still hold)",
    )
    incident_surge_duration: float = Field(
        7200.0, ge=60, le=7 * 86400, description="seconds an automatic surge lasts before it ends by itself"
    )
    feed_broken_after: int = Field(
        5, ge=1, le=1000, description="consecutive failures before a feed-health 'broken' event is sent"
    )
    poller_scale_out: bool = Field(
        True,
        description="pollers share the feed list by Kafka consumer-group assignment over the feeds topic; "
        "off, each poller polls every feed of its own list",
    )
    user_agent: str = Field(
        "wirewatch/0.1 (+https://github.com/wirewatch/wirewatch; news monitoring)",
        description="User-Agent sent to publishers",
    )
    metrics_host: str = Field("127.0.0.1", description="address the /metrics endpoints listen on")
    poller_metrics_port: int = Field(9101, ge=0, le=65535, description="0 turns the endpoint off")
    processor_metrics_port: int = Field(9102, ge=0, le=65535, description="0 turns the endpoint off")
    alerter_metrics_port: int = Field(9103, ge=0, le=65535, description="0 turns the endpoint off")
    health_check_interval: float = Field(
        10.0,
        ge=0.5,
        le=300,
        description="seconds between a worker's broker and consumer-lag checks (/readyz, the lag metric); "
        "each check costs a few admin requests",
    )
    loop_stall_after: float = Field(
        30.0,
        ge=2,
        le=3600,
        description="seconds without a beat from a worker's loop before /healthz fails (and the pod is "
        "restarted); shorter catches a hung loop sooner, but one long blocking call kills a healthy worker",
    )
    consumer_stall_after: float = Field(
        120.0,
        ge=5,
        le=86400,
        description="seconds a held partition may keep a backlog without its committed offset moving "
        "before /readyz fails; shorter pages sooner, but a slow burst or a long recovery looks stalled",
    )
    broker_retry_max: float = Field(
        30.0, ge=1, le=600, description="longest wait between attempts to reach an unreachable broker"
    )
    broker_give_up_after: float = Field(
        0.0,
        ge=0,
        description="seconds after which a worker stops retrying an unreachable broker; 0 retries forever",
    )
    broker_command_timeout: float = Field(
        10.0,
        ge=1,
        le=600,
        description="seconds a one-shot command (topics, silence, surge) keeps trying an unreachable broker "
        "before it gives up with one line and exit code 2; longer rides out a broker restart, shorter "
        "answers a script or a person sooner. Workers ignore it (broker_give_up_after)",
    )
    instance_id: str | None = Field(
        None,
        pattern=r"^[A-Za-z0-9._-]{1,100}$",
        description="a stable name for this worker instance, unique among the workers of its kind (the pod "
        "name): the worker then joins its consumer groups as a static member, and a restarted worker gets "
        "its partitions back at once instead of after consumer_session_timeout. A member that leaves for "
        "good keeps its partitions until that timeout",
    )
    consumer_session_timeout: float = Field(
        30.0,
        ge=6,
        le=300,
        description="seconds without heartbeat after which a dead processor's partitions move to the others; "
        "shorter recovers sooner, but a long GC pause or a busy machine can cause needless rebalances",
    )
    incident_window_hours: float = Field(
        30.0,
        gt=0,
        le=168,
        description="reports of the same base or city this close in time join one incident; longer merges "
        "late reports, but also two attacks on one base on one day",
    )
    incident_coarse_window_hours: float = Field(
        12.0,
        gt=0,
        le=168,
        description="the same when the places agree only at governorate or country level",
    )
    corroboration_outlets: int = Field(
        2,
        ge=1,
        le=20,
        description="independent outlets (wire reprints count once) that corroborate an incident",
    )
    wire_copy_jaccard: float = Field(
        0.6, gt=0, le=1, description="estimated text similarity from which a report counts as a reprint"
    )
    incident_open_hours: float = Field(
        168.0,
        gt=0,
        le=720,
        description="incidents older than this take no new reports: a week, so that a late report "
        "days after an attack joins it (bounds the open-incident index: about 1 KB each)",
    )
    articles_retention_days: float = Field(
        30.0,
        ge=1,
        le=3650,
        description="days articles.v1 keeps articles, the archive 'wirewatch replay' reads: longer lets a "
        "team replay further back and costs broker disk (about 2 KB an article). Applied when the topic "
        "is created, and by 'wirewatch topics' to a topic that exists",
    )
    incident_retention_days: float = Field(
        7.0,
        gt=0,
        le=90,
        description="incidents are kept (RocksDB and changelog) this long after their last update",
    )
    delivery_backoff_max: float = Field(
        60.0,
        ge=1,
        le=3600,
        description="longest wait between two delivery attempts to a failing channel; shorter recovers "
        "sooner after an outage and hammers a broken receiver more",
    )
    delivery_max_age: float = Field(
        1800.0,
        ge=10,
        le=7 * 86400,
        description="seconds a notification is retried before it goes to the dead-letter topic",
    )
    delivery_down_after: float = Field(
        300.0,
        ge=10,
        le=7 * 86400,
        description="seconds without one successful send (rate limits aside) before a channel is declared "
        "down: one ERROR line, wirewatch_channel_up 0, its queue dead-lettered together and each new "
        "notification tried once; shorter gives up sooner on a receiver that is only restarting",
    )
    web_host: str = Field(
        "127.0.0.1",
        description="address ``wirewatch web`` listens on; loopback by default. Anything wider puts the "
        "analysts' pages on the network: put a TLS reverse proxy in front",
    )
    web_port: int = Field(8080, ge=0, le=65535, description="port of ``wirewatch web`` (0: any free port)")
    web_store: str = Field(
        ".run/web/store.sqlite3",
        description="the web worker's store, rebuilt from the topics: a SQLite file path (the embedded "
        "default), or postgresql://user@host/db for a server several web workers share (needs "
        "wirewatch[postgres]). Deleting it costs a full re-read of the topics at the next start",
    )
    web_users: Path | None = Field(
        None,
        description="YAML file of users (name, role viewer|analyst, argon2 password hash; "
        "``wirewatch web hash-password``). Unset: nobody can log in (only /healthz and /metrics answer)",
    )
    web_secret_file: Path | None = Field(
        None,
        description="file holding the key that signs session cookies (32+ random bytes). Unset: a new "
        "key at each start, so a restart logs everyone out",
    )
    web_session_hours: float = Field(
        12.0,
        gt=0,
        le=24 * 30,
        description="how long a login lasts; longer means fewer logins, and a "
        "stolen cookie that lasts longer",
    )
    web_trusted_header: str | None = Field(
        None,
        description="header set by a trusted reverse proxy (OIDC) naming the logged-in user, who must "
        "be in the users file. Only safe when the port is reachable by that proxy alone",
    )
    web_tile_url: str | None = Field(
        None,
        description="map tile URL template ({z}/{x}/{y}); unset: the map draws its points with no tiles "
        "(offline). A tile server learns which areas the analysts look at",
    )
    web_metrics: bool = Field(True, description="serve /metrics on the web port (no login)")
    web_store_password_file: Path | None = Field(
        None,
        description="file holding the password of a postgresql:// web_store (a mounted Secret), so the "
        "URL in the environment carries none; unset: the URL's own password, or libpq's (PGPASSFILE)",
    )
    web_secure_cookies: bool = Field(
        False,
        description="mark the session cookie Secure (sent over HTTPS only, named __Host-…). Turn on "
        "whenever the pages are served over HTTPS (a TLS-terminating proxy); off only for plain "
        "http on loopback (the demo), where a Secure cookie would never come back",
    )
    web_proxy_ips: str = Field(
        "127.0.0.1",
        description="comma-separated addresses or networks of reverse proxies whose X-Forwarded-For "
        "and X-Forwarded-Proto are believed (the client address the login limits count by); '*' "
        "trusts anyone who can reach the port, so only with a proxy as the sole way in",
    )
    web_login_failures_per_name: int = Field(
        5,
        ge=1,
        le=1000,
        description="failed logins for one user name within web_login_lockout before that name is "
        "refused for web_login_lockout; lower slows a guesser more and lets a prankster lock a "
        "colleague out sooner",
    )
    web_login_failures_per_address: int = Field(
        20,
        ge=1,
        le=10000,
        description="failed logins from one client address within web_login_lockout before it is "
        "refused; higher when many analysts share an address (an office, a proxy not in "
        "web_proxy_ips)",
    )
    web_login_lockout: float = Field(
        900.0,
        ge=1,
        le=86400,
        description="seconds over which failed logins are counted and for which a name or address "
        "is then refused; longer slows guessing, and keeps a mistyping analyst out longer. Counted "
        "in memory: each web replica counts alone, and a restart forgets",
    )
    log_level: str = Field("INFO", pattern=r"^(DEBUG|INFO|WARNING|ERROR)$")
    log_json: bool = Field(False, description="one JSON object per log line instead of text")
    library_log: Path | None = Field(
        None,
        description="file (appended to) for the log lines of the libraries wirewatch runs on (Faust, "
        "mode, the Kafka clients, apprise); unset: they go to standard error with wirewatch's own lines. "
        "A file keeps a terminal readable; standard error keeps one stream for a log collector",
    )

    @field_validator("kafka_bootstrap")
    @classmethod
    def _bootstrap(cls, value: str) -> str:
        for server in value.split(","):
            host, sep, port = server.strip().rpartition(":")
            if not sep or not host or not port.isdigit():
                raise ValueError(f"{server!r} is not host:port")
        return value

    @model_validator(mode="after")
    def _security(self) -> Settings:
        protocol, mechanism = self.kafka_security_protocol, self.kafka_sasl_mechanism
        sasl = protocol.startswith("SASL_")
        if sasl and mechanism is None:
            raise ValueError(f"kafka_security_protocol {protocol} needs kafka_sasl_mechanism")
        if not sasl and mechanism is not None:
            raise ValueError(f"kafka_sasl_mechanism {mechanism} needs a SASL_* kafka_security_protocol")
        if mechanism in ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512") and not (
            self.kafka_sasl_plain_username and self.kafka_sasl_plain_password_file
        ):
            raise ValueError(
                f"{mechanism} needs kafka_sasl_plain_username and kafka_sasl_plain_password_file"
            )
        if mechanism == "OAUTHBEARER" and self.kafka_sasl_oauth_token_file is None:
            raise ValueError("OAUTHBEARER needs kafka_sasl_oauth_token_file")
        if (self.kafka_ssl_certfile is None) != (self.kafka_ssl_keyfile is None):
            raise ValueError("kafka_ssl_certfile and kafka_ssl_keyfile go together")
        if self.min_insync_replicas is not None and self.min_insync_replicas > self.replication_factor:
            raise ValueError(
                f"min_insync_replicas {self.min_insync_replicas} is more than replication_factor "
                f"{self.replication_factor}: no write could ever succeed"
            )
        return self

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

    def incident_rules(self) -> Any:
        from datetime import timedelta

        from wirewatch.core.incidents import IncidentRules

        return IncidentRules(
            window_specific=timedelta(hours=self.incident_window_hours),
            window_coarse=timedelta(hours=self.incident_coarse_window_hours),
            corroboration=self.corroboration_outlets,
            wire_copy_jaccard=self.wire_copy_jaccard,
            keep_open=timedelta(hours=self.incident_open_hours),
        )

    def topic(self, name: str) -> str:
        return f"{self.topic_prefix}.{name}"


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment with non-None ``overrides`` on top; ``ConfigError`` if invalid."""
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**given)
    except ValidationError as exc:
        found = problems(exc, SETTINGS, Settings)
        raise ConfigError(problems=found) from None
