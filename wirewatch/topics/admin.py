"""Reaching the broker and creating wirewatch's topics idempotently at start-up."""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator

from kafka import KafkaAdminClient, KafkaProducer
from kafka.admin import NewTopic
from kafka.errors import (
    KafkaConnectionError,
    KafkaError,
    TopicAlreadyExistsError,
    TopicAuthorizationFailedError,
)

from wirewatch.config import Settings
from wirewatch.errors import BrokerUnavailable
from wirewatch.topics import ALL, ARTICLES, DAY_MS, TopicSpec
from wirewatch.topics.security import client_config, is_refusal, principal, refused

log = logging.getLogger("wirewatch.topics")


def _any_reachable(bootstrap: str, timeout: float = 3.0) -> bool:
    """A TCP connect to any bootstrap server: fails in milliseconds where the client takes 30 s."""
    for server in bootstrap.split(","):
        host, _, port = server.strip().rpartition(":")
        with contextlib.suppress(OSError), socket.create_connection((host, int(port)), timeout=timeout):
            return True
    return False


_MANAGER = "kafka.net.manager"  # the kafka-python logger that reports a failed bootstrap connection
_watching = threading.Lock()
_watchers: list[_Refusals] = []
_before: dict[str, int] = {}  # the manager logger's own level, effective level and propagation


class _Refusals(logging.Handler):
    """Keeps the authentication refusals among the records' arguments. The first watcher passes
    each record on as the logger would have without the watch (a one-shot command silences the
    clients, a worker keeps their warnings)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.seen: list[BaseException] = []

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args if isinstance(record.args, tuple) else ()
        self.seen.extend(a for a in args if isinstance(a, BaseException) and is_refusal(a))
        parent = logging.getLogger(_MANAGER).parent
        first = bool(_watchers) and self is _watchers[0]
        if first and _before["propagate"] and parent is not None and record.levelno >= _before["effective"]:
            parent.handle(record)


@contextlib.contextmanager
def refusals_logged() -> Iterator[list[BaseException]]:
    """The authentication refusals kafka-python meets while it bootstraps, in a list.

    kafka-python 3.0 logs a broker's SASL refusal (a WARNING with the exception among the
    record's arguments) and keeps retrying until its bootstrap times out, raising only the
    timeout. While this context lasts, its connection manager's logger reports to a handler that
    keeps the exception, whatever level the clients' logs are set to, so the caller can say what
    really happened."""
    manager = logging.getLogger(_MANAGER)
    catch = _Refusals()
    with _watching:
        if not _watchers:
            _before.update(
                level=manager.level, effective=manager.getEffectiveLevel(), propagate=int(manager.propagate)
            )
            manager.setLevel(min(_before["effective"], logging.WARNING))
            manager.propagate = False
        _watchers.append(catch)
        manager.addHandler(catch)
    try:
        yield catch.seen
    finally:
        with _watching:
            manager.removeHandler(catch)
            _watchers.remove(catch)
            if not _watchers:
                manager.setLevel(_before["level"])
                manager.propagate = bool(_before["propagate"])


def connect_admin(
    settings: Settings,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> KafkaAdminClient:
    """An admin client, retrying an unreachable broker with exponential backoff (one line per try),
    forever or until ``broker_give_up_after`` seconds would be exceeded."""
    limit = settings.broker_give_up_after
    delay = 1.0
    started = clock()
    attempt = 0
    while True:
        attempt += 1
        try:
            left = limit - (clock() - started) if limit else 3.0
            if not _any_reachable(settings.kafka_bootstrap, timeout=min(3.0, max(left, 0.1))):
                raise KafkaConnectionError("no bootstrap server accepts connections")
            with refusals_logged() as refusal:
                try:
                    return KafkaAdminClient(
                        **client_config(settings),
                        client_id=f"{settings.topic_prefix}-admin",
                        request_timeout_ms=15000,
                        # within the time left: a command's limit holds while the client bootstraps
                        bootstrap_timeout_ms=int(min(30.0, max(left if limit else 30.0, 3.0)) * 1000),
                    )
                except KafkaError:
                    if refusal:  # a wrong password is not an outage: say so now, retry nothing
                        raise refused(refusal[0], settings) from None
                    raise
        except KafkaError as exc:
            waited = clock() - started
            if limit and waited + delay > limit:
                attempts = f"{attempt} attempt{'s' * (attempt > 1)}"
                raise BrokerUnavailable(
                    f"Kafka at {settings.kafka_bootstrap} unreachable after {attempts} in {waited:.0f} s "
                    f"(limit {limit:g} s, {type(exc).__name__}): is a broker running there?"
                ) from None
            log.warning(
                "Kafka at %s unreachable (attempt %d: %s); retrying in %.0f s",
                settings.kafka_bootstrap,
                attempt,
                type(exc).__name__,
                delay,
            )
            sleep(delay)
            delay = min(delay * 2, settings.broker_retry_max)


def ensure_topics(
    settings: Settings, specs: Iterable[TopicSpec] = ALL, worker: str | None = None
) -> list[str]:
    """Create the topics that do not exist yet; return the names created. With a ``worker``, then
    check that its principal may see each topic it reads or writes (``AccessDenied`` if not), so a
    worker given the wrong credentials stops at once with one line, not deep in a client."""
    created = _create_all(settings, specs)
    if worker is not None:
        check_access(settings, worker)
    return created


def check_access(settings: Settings, worker: str) -> None:
    """``AccessDenied`` naming the principal and the topics it may not see, of those ``worker`` uses."""
    names = [
        spec.full_name(settings.topic_prefix)
        for spec in ALL
        if worker in spec.readers or worker in spec.writers
    ]
    admin = connect_admin(settings)
    try:
        described = admin.describe_topics(names)
    finally:
        admin.close()
    denied = {t.get("name") for t in described if t.get("error_code") == TopicAuthorizationFailedError.errno}
    if denied:
        raise refused(TopicAuthorizationFailedError(denied), settings, worker)


def _create_all(settings: Settings, specs: Iterable[TopicSpec]) -> list[str]:
    return create_missing(
        settings,
        [
            NewTopic(
                spec.full_name(settings.topic_prefix),
                spec.partitions or settings.partitions,
                settings.replication_factor,
                topic_configs=topic_config(spec, settings),
            )
            for spec in specs
        ],
    )


def topic_config(spec: TopicSpec, settings: Settings) -> dict[str, str]:
    """A topic's configuration, with the settings that override it (the article archive's retention)."""
    config = dict(spec.config) | durability(settings)
    if spec.name == ARTICLES.name:
        config["retention.ms"] = str(int(settings.articles_retention_days * DAY_MS))
    return config


def durability(settings: Settings) -> dict[str, str]:
    """The topic configuration every topic of wirewatch gets from the settings (changelogs too)."""
    if settings.min_insync_replicas is None:
        return {}
    return {"min.insync.replicas": str(settings.min_insync_replicas)}


def apply_retention(settings: Settings) -> str | None:
    """Set ``articles.v1``'s retention to the setting on a topic that exists; the new value, or None
    when it already had it."""
    from kafka.admin import ConfigResource, ConfigResourceType

    name = ARTICLES.full_name(settings.topic_prefix)
    wanted = topic_config(ARTICLES, settings)["retention.ms"]
    admin = connect_admin(settings)
    try:
        described = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, name)])
        entry = described.get("topic", {}).get(name, {}).get("retention.ms")
        current = entry.get("value") if isinstance(entry, dict) else entry
        if current == wanted:
            return None
        admin.alter_configs(
            [ConfigResource(ConfigResourceType.TOPIC, name, configs={"retention.ms": wanted})]
        )
        log.info("%s: retention.ms set to %s (%g days)", name, wanted, settings.articles_retention_days)
        return wanted
    finally:
        admin.close()


def create_missing(settings: Settings, topics: Iterable[NewTopic]) -> list[str]:
    """Create those of ``topics`` that do not exist yet; return the names created."""
    admin = connect_admin(settings)
    try:
        existing = set(admin.list_topics())
        wanted = [topic for topic in topics if topic.name not in existing]
        created: list[str] = []
        refused: list[str] = []
        for topic in wanted:
            try:
                admin.create_topics([topic])
                created.append(topic.name)
            except TopicAlreadyExistsError:
                pass  # another worker created it between our listing and our request
            except TopicAuthorizationFailedError:
                # Least privilege: a worker's principal sees only its own topics and creates none;
                # the operator's 'wirewatch topics' did. A topic the worker needs and cannot use
                # fails later, with the principal and the topic named.
                refused.append(topic.name)
        if created:
            log.info("created topics %s", ", ".join(created))
        if refused:
            log.info(
                "not allowed to create or see %d topics (%s): an operator creates them ('wirewatch topics')",
                len(refused),
                principal(settings),
            )
        return created
    finally:
        admin.close()


def admin_producer(settings: Settings) -> KafkaProducer:
    """A producer for the command-line tools (silences, surges), after making sure the topics exist."""
    ensure_topics(settings)
    return KafkaProducer(**client_config(settings), acks="all")
