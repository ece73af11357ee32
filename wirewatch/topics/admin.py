"""Reaching the broker and creating wirewatch's topics idempotently at start-up."""

from __future__ import annotations

import contextlib
import logging
import socket
import time
from collections.abc import Callable, Iterable

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
from wirewatch.topics.security import client_config, principal, refused

log = logging.getLogger("wirewatch.topics")


def _any_reachable(bootstrap: str, timeout: float = 3.0) -> bool:
    """A TCP connect to any bootstrap server: fails in milliseconds where the client takes 30 s."""
    for server in bootstrap.split(","):
        host, _, port = server.strip().rpartition(":")
        with contextlib.suppress(OSError), socket.create_connection((host, int(port)), timeout=timeout):
            return True
    return False


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
            return KafkaAdminClient(
                **client_config(settings),
                client_id=f"{settings.topic_prefix}-admin",
                request_timeout_ms=15000,
            )
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
