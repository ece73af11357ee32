"""wirewatch on a replicated, secured cluster: three KRaft nodes on loopback, SASL_SSL everywhere.

The module starts its own cluster from the pinned jars (deploy/kafka/launcher.py, cluster mode):
a CA and the brokers' certificate made here, SCRAM-SHA-512 users written at storage format, the
StandardAuthorizer with the administrator as the only super user. The operator creates the
topics (replication factor 3, min.insync.replicas 2) and each worker's ACLs with
``wirewatch topics --apply-acls``; then each worker runs under its own principal.

- poller, processor and alerter carry an article from a feed to an analyst; one broker is
  SIGKILLed mid-stream, and every expected alert arrives, once (the receiver counts raw posts,
  it absorbs no repeat); the broker restarts on its data and is back in every partition's ISR
  with no operator action;
- a worker started with another worker's principal is refused, with a line naming the principal,
  the topic and the authorization failure, and no secret;
- PLAIN authenticates too, and TLS against the wrong CA does not connect.
"""

from __future__ import annotations

import gc
import logging
import secrets
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from kafka import KafkaAdminClient
from kafka.errors import KafkaError
from launcher import ClusterSecurity, LocalCluster

from tests.conftest import make_settings
from tests.integration.certs import Pki, make_pki
from tests.integration.procs import Worker, wait_until, worker_env
from tests.integration.test_alerting import after_markers, send, send_markers, update, watchlist
from tests.integration.test_end_to_end import feeds
from wirewatch.config import Settings
from wirewatch.testing.feeds import Item
from wirewatch.testing.receivers import FeedServer, WebhookReceiver
from wirewatch.topics import ALL, INCIDENT_UPDATES
from wirewatch.topics.security import client_config

pytestmark = [pytest.mark.broker, pytest.mark.e2e, pytest.mark.filterwarnings("ignore::ResourceWarning")]

PREFIX = "sec"


@pytest.fixture(autouse=True)
def _collect_refused_sockets() -> Iterator[None]:
    """kafka-python 3.0 leaves the socket of a refused connection (a killed broker, a wrong CA) to
    the collector: collect it while this module's warning filter holds, and keep the client's log
    records (they hold the sockets through their exceptions) out of the captured logs, as
    test_broker_outage.py does."""
    kafka_log = logging.getLogger("kafka")
    level = kafka_log.level
    kafka_log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        kafka_log.setLevel(level)
        gc.collect()


WORKERS = ("poller", "processor", "alerter")


class Secured:
    """The running cluster, its PKI and one password file per user."""

    def __init__(self, cluster: LocalCluster, pki: Pki, secrets_dir: Path, passwords: dict[str, str]) -> None:
        self.cluster, self.pki, self.secrets_dir, self.passwords = cluster, pki, secrets_dir, passwords

    def password_file(self, user: str) -> Path:
        path = self.secrets_dir / f"{user}.password"
        path.write_text(self.passwords[user] + "\n", encoding="utf-8")
        path.chmod(0o600)
        return path

    def settings(self, user: str, tmp_path: Path, mechanism: str = "SCRAM-SHA-512", **extra: Any) -> Settings:
        values: dict[str, Any] = {
            "replication_factor": 3,
            "min_insync_replicas": 2,
            "kafka_security_protocol": "SASL_SSL",
            "kafka_sasl_mechanism": mechanism,
            "kafka_sasl_plain_username": user,
            "kafka_sasl_plain_password_file": self.password_file(user),
            "kafka_ssl_cafile": self.pki.ca,
        }
        return make_settings(self.cluster, PREFIX, tmp_path, **(values | extra))


@pytest.fixture(scope="module")
def secured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Secured]:
    root = tmp_path_factory.mktemp("secure")
    pki = make_pki(root / "pki", datetime.now(UTC))
    passwords = {user: secrets.token_urlsafe(18) for user in ("admin", *(f"{PREFIX}-{w}" for w in WORKERS))}
    security = ClusterSecurity(
        keystore=pki.server,
        truststore=pki.ca,
        admin=("admin", passwords["admin"]),
        scram_users={u: p for u, p in passwords.items() if u != "admin"},
    )
    cluster = LocalCluster(root / "cluster", size=3, security=security)
    cluster.start(timeout=240)
    try:
        (root / "secrets").mkdir()
        yield Secured(cluster, pki, root / "secrets", passwords)
    finally:
        cluster.stop()


@pytest.fixture(scope="module")
def provisioned(secured: Secured, tmp_path_factory: pytest.TempPathFactory) -> Secured:
    """The operator's step: topics and ACLs, with the administrator's credentials, from the CLI."""
    tmp = tmp_path_factory.mktemp("operator")
    admin = secured.settings("admin", tmp)
    done = subprocess.run(
        [sys.executable, "-m", "wirewatch.cli", "topics", "--apply-acls"],
        env=worker_env(admin),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert secured.passwords["admin"] not in done.stdout + done.stderr
    assert done.stdout.rstrip().endswith(" ACLs in place")
    return secured


def partitions(settings: Settings) -> dict[str, dict[int, dict[str, Any]]]:
    """Every partition of every topic of the prefix: {topic: {partition: metadata}}."""
    admin = KafkaAdminClient(**client_config(settings), request_timeout_ms=15000)
    try:
        names = [t for t in admin.list_topics() if t.startswith(PREFIX)]
        return {
            t["name"]: {p["partition_index"]: p for p in t["partitions"]}
            for t in admin.describe_topics(names)
        }
    finally:
        admin.close()


def describe(settings: Settings) -> dict[str, dict[int, tuple[int, ...]]]:
    """ISR of every partition of every topic of the prefix: {topic: {partition: isr}}."""
    return {
        topic: {n: tuple(sorted(p["isr_nodes"])) for n, p in parts.items()}
        for topic, parts in partitions(settings).items()
    }


def test_topics_are_replicated_three_times_with_two_in_sync_required(provisioned: Secured, tmp_path) -> None:
    from kafka.admin import ConfigResource, ConfigResourceType

    admin_settings = provisioned.settings("admin", tmp_path)
    topics = describe(admin_settings)
    ours = {spec.full_name(PREFIX) for spec in ALL}
    assert ours <= set(topics)
    for name in ours:
        assert all(len(isr) == 3 for isr in topics[name].values()), (name, topics[name])
    admin = KafkaAdminClient(**client_config(admin_settings))
    try:
        result = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, n) for n in sorted(ours)])
    finally:
        admin.close()
    found = {name: entries["min.insync.replicas"] for name, entries in result["topic"].items()}
    values = {n: (v["value"] if isinstance(v, dict) else v) for n, v in found.items()}
    assert values == dict.fromkeys(ours, "2")


def test_plain_authenticates_and_a_wrong_ca_does_not_connect(provisioned: Secured, tmp_path) -> None:
    plain = provisioned.settings("admin", tmp_path, mechanism="PLAIN")
    admin = KafkaAdminClient(**client_config(plain))
    try:
        assert f"{PREFIX}.articles.v1" in admin.list_topics()
    finally:
        admin.close()
    wrong_ca = provisioned.settings("admin", tmp_path, kafka_ssl_cafile=provisioned.pki.other_ca)
    with pytest.raises(KafkaError):
        KafkaAdminClient(**client_config(wrong_ca), request_timeout_ms=5000, api_version_auto_timeout_ms=5000)


def test_a_worker_with_another_workers_principal_is_refused_with_a_clear_line(
    provisioned: Secured, tmp_path
) -> None:
    poller = provisioned.settings(f"{PREFIX}-poller", tmp_path)
    wl = watchlist(tmp_path / "watch.yaml", 9, 9)
    env = worker_env(poller, WIREWATCH_WATCHLIST=str(wl))
    worker = Worker("alert-as-poller", ["alert"], env, tmp_path)
    try:
        wait_until(lambda: not worker.alive(), 120, what="the alerter to stop, refused")
    finally:
        code = worker.stop()
    out = worker.output()
    assert code == 2, out[-3000:]
    line = next(ln for ln in out.splitlines() if ln.startswith("wirewatch: "))
    assert "refused User:sec-poller" in line and "authorization failed" in line, out[-3000:]
    assert f"{PREFIX}." in line  # the topic it was refused
    assert "Traceback" not in out
    assert all(p not in out for p in provisioned.passwords.values())


def test_a_broker_killed_mid_stream_loses_no_alert_and_rejoins_by_itself(
    provisioned: Secured, tmp_path
) -> None:
    settings = {w: provisioned.settings(f"{PREFIX}-{w}", tmp_path) for w in WORKERS}
    admin = provisioned.settings("admin", tmp_path)
    server = FeedServer().start()
    analysts, ops = WebhookReceiver().start(), WebhookReceiver().start()
    wl = watchlist(tmp_path / "watch.yaml", analysts.port, ops.port)
    data = yaml.safe_load(wl.read_text("utf-8"))
    data["watch"] = [
        {"id": "ain-al-asad", "kind": "base", "names": ["Ain al-Asad", "عين الأسد"]},
        {"id": "erbil-airport", "kind": "base", "names": ["Erbil airport", "مطار أربيل"]},
    ]
    wl.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    now = datetime.now(UTC)
    base = "https://news.example.org"
    server.put("/ar.xml", feeds(now, base)[0])
    feeds_file = tmp_path / "feeds.yaml"
    feeds_file.write_text(
        yaml.safe_dump({"feeds": [{"url": server.url("/ar.xml"), "interval": 2, "allow_private": True}]}),
        encoding="utf-8",
    )
    workers: list[Worker] = []
    # The victim leads a partition of the alerter's input (and others): its loss moves leaders.
    leader = partitions(admin)[INCIDENT_UPDATES.full_name(PREFIX)][0]["leader_id"]
    victim = provisioned.cluster.nodes[leader - 1]
    try:
        for name, worker in (("poll", "poller"), ("process", "processor"), ("alert", "alerter")):
            env = worker_env(
                settings[worker],
                WIREWATCH_FEEDS=str(feeds_file),
                WIREWATCH_WATCHLIST=str(wl),
                WIREWATCH_DELIVERY_BACKOFF_MAX="5",
                WIREWATCH_INCIDENT_SURGE_INTERVAL="0",
                TEST_ANALYSTS_URL=f"webhook+http://127.0.0.1:{analysts.port}/analysts",
            )
            workers.append(Worker(name, [name], env, tmp_path))
        # The stream: the feed's attack through the whole pipeline, and incident updates the
        # processor's principal writes, half before the kill and half while the broker is down.
        wait_until(lambda: len(analysts.received) >= 1, 240, what="the feed's alert through the pipeline")
        send(settings["processor"], [update(n) for n in range(10)])
        victim.kill()
        send(settings["processor"], [update(n) for n in range(10, 20)])
        marker = Item(
            "Drone strikes Erbil airport",
            f"{base}/ar/marker",
            "A drone struck Erbil International Airport today, airport officials said.",
            now + timedelta(seconds=1),
        )
        server.put("/ar.xml", feeds(now, base, (marker,))[0])
        wait_until(
            lambda: any("Erbil" in r.json().get("title", "") for r in analysts.received),
            240,
            what="the feed's second alert, sent after the kill",
        )
        judged = after_markers(analysts, send_markers(settings["processor"]), timeout=240)

        # Every alert once: 20 updates and the feed's two attacks, no raw repeat.
        keys = Counter(r.headers.get("Idempotency-Key", "") for r in judged)
        assert sum(keys.values()) == 22 and set(keys.values()) == {1}, keys
        titles = [r.json()["title"] for r in judged]
        assert sum("Erbil" in t for t in titles) == 1 and sum("Ain al-Asad" in t for t in titles) == 21

        # The killed broker comes back on its data and catches up: in every ISR again.
        victim.start(timeout=240)
        wait_until(
            lambda: all(len(isr) == 3 for parts in describe(admin).values() for isr in parts.values()),
            180,
            interval=2,
            what="the restarted broker back in the ISR of every partition",
        )
        assert all(w.alive() for w in workers), "\n".join(w.output()[-2000:] for w in workers)
    finally:
        codes = {w.name: w.stop() for w in workers}
        server.stop()
        analysts.stop()
        ops.stop()
    assert codes == {"poll": 0, "process": 0, "alert": 0}, "\n".join(w.output()[-2000:] for w in workers)
    for w in workers:
        assert all(p not in w.output() for p in provisioned.passwords.values())


def test_a_wrong_password_is_refused_at_once_with_a_clear_line(provisioned: Secured, tmp_path) -> None:
    wrong = tmp_path / "wrong.password"
    wrong.write_text("not-the-password\n", encoding="utf-8")
    settings = provisioned.settings(
        # a limit well above a TLS and SCRAM handshake on a loaded machine: a 3 s limit once ran out
        # before the broker answered, and the refusal was never seen; "at once" is proven below by
        # the absence of any retry line, not by the clock
        f"{PREFIX}-alerter",
        tmp_path,
        kafka_sasl_plain_password_file=wrong,
        broker_command_timeout=60,
    )
    done = subprocess.run(
        [sys.executable, "-m", "wirewatch.cli", "topics"],
        env=worker_env(settings),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert "refused to authenticate User:sec-alerter" in last and "authentication failed" in last, done.stderr
    assert "retrying in" not in done.stderr, done.stderr
    assert "not-the-password" not in done.stdout + done.stderr
