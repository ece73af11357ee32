#!/usr/bin/env python3
"""A real Apache Kafka broker (KRaft), or a replicated cluster of them, started from Maven Central jars.

This room owns the local brokers that the demo and the test suite use: it fetches the jars pinned
in ``pom.xml`` once into a git-ignored cache keyed by version, writes a loopback-only
``server.properties``, formats KRaft storage, starts ``kafka.Kafka``, waits until the broker
says it started and its port accepts connections, and stops it cleanly.

``LocalCluster`` runs three (or more) such nodes, each broker and controller, as one cluster with
replication factor 3 and ``min.insync.replicas=2``; with ``ClusterSecurity`` every listener is
SASL_SSL (PEM certificates, SCRAM-SHA-512 and PLAIN), the StandardAuthorizer refuses whatever
no ACL allows, and the administrator is the only super user.

Standard library only, so it runs before the project's virtual environment exists.

    python deploy/kafka/launcher.py fetch
    python deploy/kafka/launcher.py up --port 9092 --dir .run/kafka
    python deploy/kafka/launcher.py down --dir .run/kafka
    python deploy/kafka/launcher.py cluster-up --dir .run/cluster     # three PLAINTEXT nodes
    python deploy/kafka/launcher.py cluster-down --dir .run/cluster
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
REPO_ROOT = HERE.parent.parent
READY_LINE = "Kafka Server started"


class KafkaLauncherError(Exception):
    """The local broker could not be fetched, started or stopped; the message says why."""


def kafka_version(pom: Path = POM) -> str:
    match = re.search(r"<kafka\.version>([^<]+)</kafka\.version>", pom.read_text("utf-8"))
    if not match:
        raise KafkaLauncherError(f"{pom}: no <kafka.version> property")
    return match.group(1).strip()


def default_cache_dir() -> Path:
    env = os.environ.get("WIREWATCH_KAFKA_CACHE")
    return Path(env) if env else REPO_ROOT / ".cache" / "kafka"


def fetch_jars(cache_dir: Path | None = None, pom: Path = POM) -> Path:
    """Copy the broker's runtime jars into ``<cache>/<version>/libs`` once; return that folder."""
    cache_dir = cache_dir or default_cache_dir()
    libs = cache_dir / kafka_version(pom) / "libs"
    done = libs / ".complete"
    if done.exists():
        return libs
    if shutil.which("mvn") is None:
        raise KafkaLauncherError("mvn is not on PATH: Maven is needed once to fetch the Kafka jars")
    partial = libs.with_name("libs.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    cmd = [
        "mvn",
        "-B",
        "-q",
        "-f",
        str(pom),
        "dependency:copy-dependencies",
        "-DincludeScope=runtime",
        f"-DoutputDirectory={partial}",
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tail = (result.stdout + result.stderr).strip().splitlines()[-15:]
        raise KafkaLauncherError("fetching Kafka jars failed:\n" + "\n".join(tail))
    if not any(partial.glob("kafka_2.13-*.jar")):
        raise KafkaLauncherError(f"no kafka_2.13 jar arrived in {partial}")
    (partial / ".complete").write_text(kafka_version(pom) + "\n")
    shutil.rmtree(libs, ignore_errors=True)
    partial.rename(libs)
    return libs


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=0.5):
        return True
    return False


def random_cluster_id() -> str:
    """22 characters of URL-safe base64, never starting with "-" (the storage tool reads it as an option)."""
    while True:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cluster_id.startswith("-"):
            return cluster_id


SERVER_PROPERTIES = """\
# Written by deploy/kafka/launcher.py: one node, both roles, loopback only.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:{cport}
listeners=PLAINTEXT://127.0.0.1:{port},CONTROLLER://127.0.0.1:{cport}
advertised.listeners=PLAINTEXT://127.0.0.1:{port}
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs={logdirs}
num.partitions=1
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions={offsets_partitions}
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
num.network.threads=2
num.io.threads=2
background.threads=2
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=8388608
log.cleaner.backoff.ms=1000
log.segment.bytes=16777216
log.retention.check.interval.ms=60000
"""

LOG4J2 = """\
Configuration:
  status: warn
  Appenders:
    File:
      name: file
      fileName: "{logfile}"
      PatternLayout:
        pattern: "[%d] %p %m (%c)%n"
  Loggers:
    Root:
      level: info
      AppenderRef:
        - ref: file
    Logger:
      - name: kafka.log.LogCleaner
        level: warn
      - name: org.apache.kafka.clients
        level: warn
"""


@dataclass
class LocalKafka:
    """One broker: its folder, ports and process. Usable as a context manager."""

    workdir: Path
    port: int = 0
    controller_port: int = 0
    cache_dir: Path | None = None
    heap: str = "-Xms256m -Xmx512m"
    auto_create_topics: bool = False
    node_id: int = 1
    # server.properties lines over the single-node defaults (a cluster's voters, listeners, security).
    overrides: dict[str, str] = field(default_factory=dict)
    # extra arguments of the storage format (a cluster's id, SCRAM users).
    cluster_id: str | None = None
    format_args: tuple[str, ...] = ()
    process: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.workdir = Path(self.workdir).resolve()
        self.port = self.port or free_port()
        self.controller_port = self.controller_port or free_port()

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def logfile(self) -> Path:
        return self.workdir / "server.log"

    @property
    def pidfile(self) -> Path:
        return self.workdir / "kafka.pid"

    def _write_config(self) -> Path:
        self.workdir.mkdir(parents=True, exist_ok=True)
        props = self.workdir / "server.properties"
        text = SERVER_PROPERTIES.format(
            port=self.port,
            cport=self.controller_port,
            logdirs=self.workdir / "data",
            offsets_partitions=4,
        )
        if self.auto_create_topics:
            text = text.replace("auto.create.topics.enable=false", "auto.create.topics.enable=true")
        props.write_text(_override(text, self.overrides))
        if self.overrides:
            props.chmod(0o600)  # a secured node's file holds its JAAS passwords
        (self.workdir / "log4j2.yaml").write_text(LOG4J2.format(logfile=self.logfile))
        return props

    def _java(self, libs: Path, *args: str) -> list[str]:
        java = os.environ.get("JAVA_HOME")
        exe = str(Path(java) / "bin" / "java") if java else "java"
        return [
            exe,
            *self.heap.split(),
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Djava.awt.headless=true",
            f"-Dlog4j2.configurationFile={self.workdir / 'log4j2.yaml'}",
            f"-Dkafka.logs.dir={self.workdir}",
            "-cp",
            f"{libs}/*",
            *args,
        ]

    def start(self, timeout: float = 180.0) -> LocalKafka:
        """Fetch (once), format (once) and start the broker; return when it accepts clients."""
        self.launch()
        self._wait_ready(timeout)
        return self

    def launch(self) -> None:
        """Fetch (once), format (once) and start the broker process; do not wait for it."""
        if self.pidfile.exists() and _pid_alive(_read_pid(self.pidfile)):
            raise KafkaLauncherError(f"a broker already runs from {self.workdir} (pid file {self.pidfile})")
        for port in (self.port, self.controller_port):
            if port_open(port):
                raise KafkaLauncherError(f"port {port} on 127.0.0.1 is already in use")
        libs = fetch_jars(self.cache_dir)
        props = self._write_config()
        if not (self.workdir / "data" / "meta.properties").exists():
            fmt = subprocess.run(
                self._java(
                    libs,
                    "kafka.tools.StorageTool",
                    "format",
                    "-t",
                    self.cluster_id or random_cluster_id(),
                    "-c",
                    str(props),
                    "--ignore-formatted",
                    *self.format_args,
                ),
                capture_output=True,
                text=True,
                check=False,
            )
            if fmt.returncode != 0:
                raise KafkaLauncherError("formatting KRaft storage failed:\n" + fmt.stdout + fmt.stderr)
        if self.logfile.exists():
            self.logfile.rename(self.logfile.with_suffix(".log.1"))
        stdout = (self.workdir / "stdout.log").open("ab")
        self.process = subprocess.Popen(
            self._java(libs, "kafka.Kafka", str(props)),
            stdout=stdout,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        stdout.close()
        self.pidfile.write_text(f"{self.process.pid} {self.port}\n")

    def wait_ready(self, timeout: float = 180.0) -> None:
        self._wait_ready(timeout)

    def _wait_ready(self, timeout: float) -> None:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise KafkaLauncherError(
                    f"the broker exited with code {self.process.returncode} while starting; "
                    f"last lines of {self.logfile}:\n{self._log_tail()}"
                )
            started = self.logfile.exists() and READY_LINE in self.logfile.read_text("utf-8", "replace")
            if started and port_open(self.port):
                return
            time.sleep(0.25)
        self.stop()
        raise KafkaLauncherError(f"the broker did not start within {timeout:.0f} s:\n{self._log_tail()}")

    def _log_tail(self, lines: int = 20) -> str:
        for path in (self.logfile, self.workdir / "stdout.log"):
            if path.exists():
                text = path.read_text("utf-8", "replace").strip()
                if text:
                    return "\n".join(text.splitlines()[-lines:])
        return "(no log)"

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM (a clean controlled shutdown), then SIGKILL if it does not exit in time."""
        pid = self.process.pid if self.process else (_read_pid(self.pidfile) if self.pidfile.exists() else 0)
        if pid:
            _terminate(pid, timeout, self.process)
        self.process = None
        self.pidfile.unlink(missing_ok=True)

    def kill(self) -> None:
        """SIGKILL, for tests of crash recovery."""
        if self.process:
            self.process.kill()
            self.process.wait()
        self.process = None
        self.pidfile.unlink(missing_ok=True)

    def __enter__(self) -> LocalKafka:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _override(text: str, overrides: dict[str, str]) -> str:
    """``server.properties`` text with ``overrides`` replacing the lines of the same keys (and added)."""
    lines, seen = [], set()
    for line in text.splitlines():
        name = line.split("=", 1)[0].strip()
        if "=" in line and not line.startswith("#") and name in overrides:
            lines.append(f"{name}={overrides[name]}")
            seen.add(name)
        else:
            lines.append(line)
    lines += [f"{k}={v}" for k, v in overrides.items() if k not in seen]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class ClusterSecurity:
    """What a secured cluster demands: TLS from PEM files, SASL users, ACLs.

    ``keystore`` holds the brokers' private key (unencrypted PKCS#8) and then their certificate
    chain, for the names 127.0.0.1 and localhost; ``truststore`` the CA. The administrator
    authenticates the brokers to one another (SCRAM-SHA-512) and to the controllers (PLAIN) and is
    the one super user. ``scram_users`` are written into the metadata when storage is formatted;
    ``plain_users`` live in the brokers' JAAS configuration."""

    keystore: Path
    truststore: Path
    admin: tuple[str, str]
    scram_users: dict[str, str] = field(default_factory=dict)
    plain_users: dict[str, str] = field(default_factory=dict)

    def properties(self) -> dict[str, str]:
        user, password = self.admin
        plain = " ".join(f'user_{u}="{p}"' for u, p in {user: password, **self.plain_users}.items())
        plain_module = "org.apache.kafka.common.security.plain.PlainLoginModule required"
        scram_module = "org.apache.kafka.common.security.scram.ScramLoginModule required"
        return {
            "listener.security.protocol.map": "SASL_SSL:SASL_SSL,CONTROLLER:SASL_SSL",
            "inter.broker.listener.name": "SASL_SSL",
            "sasl.mechanism.inter.broker.protocol": "SCRAM-SHA-512",
            "sasl.mechanism.controller.protocol": "PLAIN",
            "listener.name.sasl_ssl.sasl.enabled.mechanisms": "SCRAM-SHA-512,PLAIN",
            "listener.name.controller.sasl.enabled.mechanisms": "PLAIN",
            "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config": (
                f'{scram_module} username="{user}" password="{password}";'
            ),
            "listener.name.sasl_ssl.plain.sasl.jaas.config": (
                f'{plain_module} username="{user}" password="{password}" {plain};'
            ),
            "listener.name.controller.plain.sasl.jaas.config": (
                f'{plain_module} username="{user}" password="{password}" user_{user}="{password}";'
            ),
            "ssl.keystore.type": "PEM",
            "ssl.keystore.location": str(self.keystore),
            "ssl.truststore.type": "PEM",
            "ssl.truststore.location": str(self.truststore),
            "ssl.client.auth": "none",
            "authorizer.class.name": "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
            "super.users": f"User:{user}",
            "allow.everyone.if.no.acl.found": "false",
        }

    def format_args(self) -> tuple[str, ...]:
        users = {self.admin[0]: self.admin[1], **self.scram_users}
        out: list[str] = []
        for user, password in users.items():
            out += ["--add-scram", f"SCRAM-SHA-512=[name={user},password={password}]"]
        return tuple(out)


@dataclass
class LocalCluster:
    """``size`` nodes, each broker and controller (static voters), on loopback: one replicated cluster.

    Topics default to replication factor 3 (at most ``size``) and ``min.insync.replicas`` 2, the
    internal ones too. Usable as a context manager; ``nodes[i].kill()`` and ``nodes[i].start()``
    crash and restart one node on its data."""

    workdir: Path
    size: int = 3
    security: ClusterSecurity | None = None
    cache_dir: Path | None = None
    heap: str = "-Xms192m -Xmx448m"
    nodes: list[LocalKafka] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self.workdir = Path(self.workdir).resolve()
        cluster_id = random_cluster_id()
        if (self.workdir / "cluster.id").exists():
            cluster_id = (self.workdir / "cluster.id").read_text().strip()
        self.cluster_id = cluster_id
        ports = [(free_port(), free_port()) for _ in range(self.size)]
        voters = ",".join(f"{i + 1}@127.0.0.1:{c}" for i, (_, c) in enumerate(ports))
        replicas = str(min(3, self.size))
        min_isr = str(min(2, self.size))
        protocol = "SASL_SSL" if self.security else "PLAINTEXT"
        for i, (port, cport) in enumerate(ports):
            overrides = {
                "node.id": str(i + 1),
                "controller.quorum.voters": voters,
                "listeners": f"{protocol}://127.0.0.1:{port},CONTROLLER://127.0.0.1:{cport}",
                "advertised.listeners": f"{protocol}://127.0.0.1:{port}",
                "inter.broker.listener.name": protocol,
                "default.replication.factor": replicas,
                "min.insync.replicas": min_isr,
                "offsets.topic.replication.factor": replicas,
                "transaction.state.log.replication.factor": replicas,
                "transaction.state.log.min.isr": min_isr,
                "share.coordinator.state.topic.replication.factor": replicas,
                "share.coordinator.state.topic.min.isr": min_isr,
                "unclean.leader.election.enable": "false",
                # A killed node is noticed in 6 s rather than 9, its partitions led elsewhere.
                "broker.session.timeout.ms": "6000",
                "broker.heartbeat.interval.ms": "1000",
                **(self.security.properties() if self.security else {}),
            }
            self.nodes.append(
                LocalKafka(
                    self.workdir / f"node{i + 1}",
                    port=port,
                    controller_port=cport,
                    cache_dir=self.cache_dir,
                    heap=self.heap,
                    node_id=i + 1,
                    overrides=overrides,
                    cluster_id=cluster_id,
                    format_args=self.security.format_args() if self.security else (),
                )
            )

    @property
    def bootstrap(self) -> str:
        return ",".join(node.bootstrap for node in self.nodes)

    def start(self, timeout: float = 240.0) -> LocalCluster:
        """Format and start every node at once (a quorum needs a majority), then wait for each."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        (self.workdir / "cluster.id").write_text(self.cluster_id + "\n")
        try:
            for node in self.nodes:
                node.launch()
            for node in self.nodes:
                node.wait_ready(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self, timeout: float = 15.0) -> None:
        """SIGTERM to every node at once (one by one, the last would wait for a quorum that left),
        SIGKILL to those still running after ``timeout``."""
        for node in self.nodes:
            if node.process is not None and node.process.poll() is None:
                node.process.send_signal(signal.SIGTERM)
        for node in self.nodes:
            node.stop(timeout)

    def __enter__(self) -> LocalCluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _read_pid(pidfile: Path) -> int:
    try:
        return int(pidfile.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _terminate(pid: int, timeout: float, proc: subprocess.Popen[bytes] | None) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None:
            if proc.poll() is not None:
                return
        elif not _pid_alive(pid):
            return
        time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    if proc is not None:
        proc.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("fetch", help="copy the pinned Kafka jars into the cache")
    up = sub.add_parser("up", help="start a broker in the background and wait until it is ready")
    up.add_argument("--port", type=int, default=9092)
    up.add_argument("--controller-port", type=int, default=0, help="default: port + 1")
    up.add_argument("--dir", type=Path, default=REPO_ROOT / ".run" / "kafka")
    up.add_argument("--timeout", type=float, default=180.0)
    down = sub.add_parser("down", help="stop the broker started from --dir")
    down.add_argument("--dir", type=Path, default=REPO_ROOT / ".run" / "kafka")
    cup = sub.add_parser("cluster-up", help="start a PLAINTEXT cluster of --size nodes (RF 3, min ISR 2)")
    cup.add_argument("--size", type=int, default=3)
    cup.add_argument("--dir", type=Path, default=REPO_ROOT / ".run" / "cluster")
    cup.add_argument("--timeout", type=float, default=240.0)
    cdown = sub.add_parser("cluster-down", help="stop the cluster started from --dir")
    cdown.add_argument("--dir", type=Path, default=REPO_ROOT / ".run" / "cluster")
    status = sub.add_parser("status", help="say whether a broker runs from --dir")
    status.add_argument("--dir", type=Path, default=REPO_ROOT / ".run" / "kafka")
    args = parser.parse_args(argv)
    try:
        if args.command == "fetch":
            print(fetch_jars())
        elif args.command == "up":
            broker = LocalKafka(
                args.dir, port=args.port, controller_port=args.controller_port or args.port + 1
            )
            broker.start(timeout=args.timeout)
            pid = broker.process.pid if broker.process else "?"
            print(f"kafka {kafka_version()} ready at {broker.bootstrap} (pid {pid}, log {broker.logfile})")
        elif args.command == "cluster-up":
            cluster = LocalCluster(args.dir, size=args.size).start(timeout=args.timeout)
            print(f"kafka {kafka_version()} cluster of {args.size} ready at {cluster.bootstrap}")
        elif args.command == "cluster-down":
            for pidfile in sorted(Path(args.dir).glob("node*/kafka.pid")):
                pid = _read_pid(pidfile)
                if pid and _pid_alive(pid):
                    _terminate(pid, 30.0, None)
                    print(f"stopped broker pid {pid}")
                pidfile.unlink(missing_ok=True)
        elif args.command == "down":
            pidfile = Path(args.dir) / "kafka.pid"
            pid = _read_pid(pidfile) if pidfile.exists() else 0
            if not pid or not _pid_alive(pid):
                print(f"no broker runs from {args.dir}")
                pidfile.unlink(missing_ok=True)
                return 0
            _terminate(pid, 30.0, None)
            pidfile.unlink(missing_ok=True)
            print(f"stopped broker pid {pid}")
        elif args.command == "status":
            pidfile = Path(args.dir) / "kafka.pid"
            pid = _read_pid(pidfile) if pidfile.exists() else 0
            alive = _pid_alive(pid)
            print(f"broker pid {pid} is {'running' if alive else 'not running'}")
            return 0 if alive else 1
    except KafkaLauncherError as exc:
        print(f"kafka launcher: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
