"""deploy/compose, deploy/k8s and the Dockerfile, validated without a Docker engine or a cluster.

Validators, and why these: there is no Docker engine here and no `docker compose` plugin, and
`kubectl` validates only against a live API server (`apply --dry-run=client` downloads the
server's OpenAPI; `create --dry-run=client --validate=false` still needs discovery). So:

- Compose: the Compose Specification JSON schema that check-jsonschema ships (the schema
  `docker compose config` itself validates against), run as its CLI; then what the schema cannot
  know: mounted files exist, references resolve, ports and commands match wirewatch's settings.
- Kubernetes: kubernetes-validate's strict schemas (no unknown fields) for the oldest and newest
  Kubernetes versions it ships that we support; then probes, ports, selectors and references.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from wirewatch.alerts.watchlist import load_watchlist
from wirewatch.config import Settings
from wirewatch.feedlist import load_feed_list

ROOT = Path(__file__).resolve().parents[3]
COMPOSE_DIR = ROOT / "deploy" / "compose"
COMPOSE = COMPOSE_DIR / "compose.yaml"
K8S = ROOT / "deploy" / "k8s"
WORKERS = {"poller": "poll", "processor": "process", "alerter": "alert"}
PORTS = {w: Settings.model_fields[f"{w}_metrics_port"].default for w in WORKERS}
K8S_VERSIONS = ("1.29", "1.37")


def compose() -> dict[str, Any]:
    return dict(yaml.safe_load(COMPOSE.read_text("utf-8")))


# -- Compose ---------------------------------------------------------------------------------------


def test_compose_file_matches_the_compose_specification() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec", str(COMPOSE)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok -- validation done" in done.stdout


def test_the_schema_check_catches_a_mistake(tmp_path: Path) -> None:
    broken = tmp_path / "compose.yaml"
    broken.write_text(COMPOSE.read_text("utf-8").replace("    healthcheck:", "    healthckeck:", 1), "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.compose-spec", str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "healthckeck" in done.stdout


def test_compose_runs_a_three_node_kraft_cluster_and_every_service() -> None:
    services = compose()["services"]
    brokers = ("kafka-1", "kafka-2", "kafka-3")
    assert set(services) == {*brokers, *WORKERS, "web", "prometheus", "grafana", "mailpit"}
    pom = (ROOT / "deploy" / "kafka" / "pom.xml").read_text("utf-8")
    version = re.search(r"<kafka.version>([^<]+)</kafka.version>", pom)
    voters = {f"{n}@kafka-{n}:9093" for n in (1, 2, 3)}
    for number, name in enumerate(brokers, 1):
        kafka = services[name]
        env = kafka["environment"]
        assert env["KAFKA_PROCESS_ROLES"] == "broker,controller"
        assert not any("ZOOKEEPER" in k for k in env)
        assert len(env["CLUSTER_ID"]) == 22
        assert env["KAFKA_NODE_ID"] == number
        assert env["KAFKA_ADVERTISED_LISTENERS"] == f"PLAINTEXT://{name}:9092"
        assert set(env["KAFKA_CONTROLLER_QUORUM_VOTERS"].split(",")) == voters
        # Every topic, the internal ones too, survives one broker: 3 replicas, 2 in sync.
        assert env["KAFKA_DEFAULT_REPLICATION_FACTOR"] == env["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"] == 3
        assert env["KAFKA_MIN_INSYNC_REPLICAS"] == env["KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"] == 2
        assert kafka["volumes"] == [f"{name}-data:/var/lib/kafka/data"]
        assert "healthcheck" in kafka
        assert version and kafka["image"] == f"apache/kafka:{version.group(1)}", (
            "keep Compose's broker as the tests'"
        )
    assert len({services[b]["environment"]["CLUSTER_ID"] for b in brokers}) == 1


@pytest.mark.parametrize("worker", WORKERS)
def test_compose_workers_expose_metrics_and_probe_health(worker: str) -> None:
    service = compose()["services"][worker]
    assert service["command"] == [WORKERS[worker]]
    env = service["environment"]
    assert env["WIREWATCH_METRICS_HOST"] == "0.0.0.0"
    assert env["WIREWATCH_KAFKA_BOOTSTRAP"] == "kafka-1:9092,kafka-2:9092,kafka-3:9092"
    assert (env["WIREWATCH_REPLICATION_FACTOR"], env["WIREWATCH_MIN_INSYNC_REPLICAS"]) == ("3", "2")
    assert env["WIREWATCH_LOG_JSON"] == "true"
    for broker in ("kafka-1", "kafka-2", "kafka-3"):
        assert service["depends_on"][broker]["condition"] == "service_healthy"
    assert f"127.0.0.1:{PORTS[worker]}/healthz" in " ".join(service["healthcheck"]["test"])
    assert "ports" not in service  # scraped inside the Compose network, not published


def test_compose_references_resolve() -> None:
    doc = compose()
    services = doc["services"]
    for name, service in services.items():
        for dependency in service.get("depends_on", {}):
            assert dependency in services, f"{name} depends on unknown {dependency}"
        for secret in service.get("secrets", []):
            assert secret in doc["secrets"], f"{name} uses undeclared secret {secret}"
        for mount in service.get("volumes", []):
            source = mount.split(":", 1)[0]
            if source.startswith("."):
                assert (COMPOSE_DIR / source).exists(), f"{name} mounts missing {source}"
            else:
                assert source in doc["volumes"], f"{name} uses undeclared volume {source}"
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), f"{name} publishes {port} beyond this machine"
    for secret in doc["secrets"].values():
        assert (COMPOSE_DIR / secret["file"]).is_file()
    build = services["poller"]["build"]
    assert (COMPOSE_DIR / build["context"] / build["dockerfile"]).resolve() == ROOT / "Dockerfile"


def test_compose_serves_the_web_pages_on_this_machine_only_with_users_from_a_secret() -> None:
    doc = compose()
    web = doc["services"]["web"]
    port = Settings.model_fields["web_port"].default
    env = web["environment"]
    assert web["command"] == ["web"]
    assert web["ports"] == [f"127.0.0.1:{port}:{port}"] and env["WIREWATCH_WEB_PORT"] == str(port)
    assert env["WIREWATCH_WEB_HOST"] == "0.0.0.0"  # inside the container, for the published port
    assert f"127.0.0.1:{port}/healthz" in " ".join(web["healthcheck"]["test"])
    assert web["secrets"] == ["web-users"] and env["WIREWATCH_WEB_USERS"] == "/run/secrets/web-users"
    assert env["WIREWATCH_KAFKA_BOOTSTRAP"] == "kafka-1:9092,kafka-2:9092,kafka-3:9092"
    # The store on a named volume: a restart reads on instead of rebuilding from the topics.
    store = env["WIREWATCH_WEB_STORE"]
    (data,) = [m for m in web["volumes"] if m.split(":")[0] in doc["volumes"]]
    assert store.startswith(data.split(":")[1] + "/")
    Settings(**{k.removeprefix("WIREWATCH_").lower(): v for k, v in env.items()})  # every one valid


def test_compose_web_users_file_loads(tmp_path: Path) -> None:
    from wirewatch.web.auth import Users

    assert Users.load(COMPOSE_DIR / "web-users.yaml").by_name == {}  # nobody until a user is added
    commented = (COMPOSE_DIR / "web-users.yaml").read_text("utf-8")
    after = commented.split("users: []\n", 1)[1]
    example = "\n".join(ln.removeprefix("#") for ln in after.splitlines())
    users = tmp_path / "users.yaml"
    users.write_text("users:\n" + example + "\n", "utf-8")
    assert Users.load(users).by_name["dana"].analyst  # the commented example is the right shape


def test_compose_configuration_files_load() -> None:
    # Mounted at /config: the names the environment gives must be the files shipped.
    env = compose()["services"]["poller"]["environment"]
    assert env["WIREWATCH_FEEDS"] == "/config/feeds.yaml"
    assert len(load_feed_list(COMPOSE_DIR / "config" / "feeds.yaml").feeds) >= 1
    assert load_watchlist(COMPOSE_DIR / "config" / "watchlist.yaml").entries
    urls = [ln for ln in (COMPOSE_DIR / "notify.txt").read_text("utf-8").splitlines() if ln and ln[0] != "#"]
    assert urls == ["mailto://mailpit:1025?from=wirewatch@example.org&to=analysts@example.org&mode=insecure"]


def test_compose_wires_prometheus_and_grafana_to_the_files_in_deploy() -> None:
    services = compose()["services"]
    assert "../prometheus:/etc/prometheus:ro" in services["prometheus"]["volumes"]
    grafana = services["grafana"]["volumes"]
    assert "../grafana/provisioning:/etc/grafana/provisioning:ro" in grafana
    provider = yaml.safe_load(
        (ROOT / "deploy/grafana/provisioning/dashboards/wirewatch.yml").read_text("utf-8")
    )
    path = provider["providers"][0]["options"]["path"]
    assert f"../grafana/dashboards:{path}:ro" in grafana


# -- Kubernetes ------------------------------------------------------------------------------------


def manifests() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(K8S.glob("*.yaml")):
        if path.name == "kustomization.yaml":
            continue
        out += [(path.name, doc) for doc in yaml.safe_load_all(path.read_text("utf-8")) if doc]
    return out


def by_kind(kind: str) -> dict[str, dict[str, Any]]:
    return {doc["metadata"]["name"]: doc for _, doc in manifests() if doc["kind"] == kind}


@pytest.mark.parametrize("version", K8S_VERSIONS)
def test_manifests_match_the_kubernetes_schemas_strictly(version: str) -> None:
    docs = manifests()
    assert len(docs) == 15
    for name, doc in docs:
        try:
            kubernetes_validate.validate(doc, version, strict=True)
        except kubernetes_validate.ValidationError as exc:
            pytest.fail(f"{name} {doc['kind']} {doc['metadata']['name']}: {exc.message} at {list(exc.path)}")


def test_strict_validation_catches_a_misspelt_field() -> None:
    deployment = dict(by_kind("Deployment")["wirewatch-poller"])
    broken = yaml.safe_load(yaml.safe_dump(deployment).replace("livenessProbe", "livenesProbe"))
    with pytest.raises(kubernetes_validate.ValidationError, match="livenesProbe"):
        kubernetes_validate.validate(broken, K8S_VERSIONS[-1], strict=True)


def test_kustomization_lists_everything_but_the_example_secret() -> None:
    listed = yaml.safe_load((K8S / "kustomization.yaml").read_text("utf-8"))["resources"]
    present = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml", "secret.example.yaml"}
    assert set(listed) == present


@pytest.mark.parametrize("worker", WORKERS)
def test_deployments_have_probes_resources_and_their_config(worker: str) -> None:
    deployment = by_kind("Deployment")[f"wirewatch-{worker}"]
    spec = deployment["spec"]["template"]["spec"]
    (container,) = spec["containers"]
    assert container["args"] == [WORKERS[worker]]
    assert container["ports"] == [{"name": "metrics", "containerPort": PORTS[worker]}]
    assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "metrics"}
    assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "metrics"}
    resources = container["resources"]
    assert {"cpu", "memory"} <= set(resources["requests"]) and "memory" in resources["limits"]
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert spec["securityContext"]["runAsNonRoot"] is True
    config_maps = by_kind("ConfigMap")
    assert [e["configMapRef"]["name"] for e in container["envFrom"]] == ["wirewatch-env"]
    assert config_maps["wirewatch-env"]["data"]["WIREWATCH_METRICS_HOST"] == "0.0.0.0"
    volumes = {v["name"]: v for v in spec["volumes"]}
    for mount in container["volumeMounts"]:
        volume = volumes[mount["name"]]
        if "configMap" in volume:
            assert volume["configMap"]["name"] in config_maps
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"] == labels
    service = by_kind("Service")[f"wirewatch-{worker}"]
    assert service["spec"]["selector"] == labels
    assert service["spec"]["ports"][0]["targetPort"] == "metrics"
    # Headless and publishing unready pods: Prometheus' DNS discovery sees every replica.
    assert service["spec"]["clusterIP"] == "None" and service["spec"]["publishNotReadyAddresses"] is True
    assert service["spec"]["ports"][0]["port"] == PORTS[worker]


def test_the_alerter_reads_its_secret_as_a_file() -> None:
    spec = by_kind("Deployment")["wirewatch-alerter"]["spec"]["template"]["spec"]
    secret = by_kind("Secret")["wirewatch-notify"]
    volumes = {v["name"]: v for v in spec["volumes"]}
    assert volumes["notify"]["secret"]["secretName"] == secret["metadata"]["name"]
    (container,) = spec["containers"]
    mount = next(m for m in container["volumeMounts"] if m["name"] == "notify")
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert env["WIREWATCH_NOTIFY_FILE"] == f"{mount['mountPath']}/notify.txt"
    assert "notify.txt" in secret["stringData"]
    assert not any("NOTIFY" in k for k in by_kind("ConfigMap")["wirewatch-env"]["data"])


def web_deployment() -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    spec = by_kind("Deployment")["wirewatch-web"]["spec"]["template"]["spec"]
    (container,) = spec["containers"]
    return spec, container, {e["name"]: e["value"] for e in container["env"]}


def test_the_web_pages_run_unprivileged_with_probes_on_their_own_port() -> None:
    deployment = by_kind("Deployment")["wirewatch-web"]
    spec, container, env = web_deployment()
    assert container["args"] == ["web"]
    port = Settings.model_fields["web_port"].default
    assert container["ports"] == [{"name": "http", "containerPort": port}] and env[
        "WIREWATCH_WEB_PORT"
    ] == str(port)
    assert env["WIREWATCH_WEB_HOST"] == "0.0.0.0"  # the kubelet and the Service reach it
    assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
    assert {"cpu", "memory"} <= set(container["resources"]["requests"]) and "memory" in container[
        "resources"
    ]["limits"]
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    assert spec["securityContext"]["runAsNonRoot"] is True
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    service = by_kind("Service")["wirewatch-web"]
    assert service["spec"]["selector"] == labels == deployment["spec"]["selector"]["matchLabels"]
    assert service["spec"]["ports"] == [{"name": "http", "port": port, "targetPort": "http"}]
    # Prometheus scrapes a pod still catching up (unready, so out of the Service above) all the same.
    scraped = by_kind("Service")["wirewatch-web-metrics"]["spec"]
    assert scraped["selector"] == labels and scraped["ports"] == service["spec"]["ports"]
    assert scraped["clusterIP"] == "None" and scraped["publishNotReadyAddresses"] is True
    assert env["WIREWATCH_WEB_SECURE_COOKIES"] == "true"  # served over HTTPS by the Ingress
    Settings(**{k.removeprefix("WIREWATCH_").lower(): v for k, v in env.items()})  # every one valid


def test_the_web_store_is_on_a_volume_that_outlives_the_pod() -> None:
    deployment = by_kind("Deployment")["wirewatch-web"]
    spec, container, env = web_deployment()
    volumes = {v["name"]: v for v in spec["volumes"]}
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    store = Path(env["WIREWATCH_WEB_STORE"])
    volume = volumes[mounts[str(store.parent)]]
    assert "emptyDir" not in volume  # a new pod would rebuild, and lose what retention dropped
    claim = by_kind("PersistentVolumeClaim")[volume["persistentVolumeClaim"]["claimName"]]
    assert claim["spec"]["accessModes"] == ["ReadWriteOnce"]
    # One writer of the file: one replica, and the old pod gone before the new one starts.
    assert deployment["spec"]["replicas"] == 1 and deployment["spec"]["strategy"]["type"] == "Recreate"


def test_the_web_pages_read_users_and_session_key_from_a_secret_file() -> None:
    spec, container, env = web_deployment()
    secret = by_kind("Secret")["wirewatch-web-auth"]
    volumes = {v["name"]: v for v in spec["volumes"]}
    for setting, key in (("WIREWATCH_WEB_USERS", "users.yaml"), ("WIREWATCH_WEB_SECRET_FILE", "session.key")):
        path = Path(env[setting])
        (mount,) = [m for m in container["volumeMounts"] if m["mountPath"] == str(path.parent)]
        assert mount["readOnly"] is True
        assert volumes[mount["name"]]["secret"]["secretName"] == secret["metadata"]["name"]
        assert path.name == key and key in secret["stringData"]
    # Strimzi's User Operator writes the web KafkaUser's password into a Secret named after it.
    assert secret["metadata"]["name"] != "wirewatch-web"
    env_map = by_kind("ConfigMap")["wirewatch-env"]["data"]
    assert not any("WEB_USERS" in k or "SECRET" in k for k in env_map)


def test_the_example_users_file_has_the_users_file_shape(tmp_path: Path) -> None:
    from wirewatch.web.auth import Users

    users = tmp_path / "users.yaml"
    users.write_text(by_kind("Secret")["wirewatch-web-auth"]["stringData"]["users.yaml"], "utf-8")
    assert {u.role for u in Users.load(users).by_name.values()} == {"analyst", "viewer"}


def test_kubernetes_configuration_files_load(tmp_path: Path) -> None:
    files = by_kind("ConfigMap")["wirewatch-files"]["data"]
    for name, text in files.items():
        (tmp_path / name).write_text(text, "utf-8")
    assert load_feed_list(tmp_path / "feeds.yaml").feeds
    assert load_watchlist(tmp_path / "watchlist.yaml").entries
    env = by_kind("ConfigMap")["wirewatch-env"]["data"]
    assert {env["WIREWATCH_FEEDS"], env["WIREWATCH_WATCHLIST"]} == {
        f"/etc/wirewatch/{n}" for n in ("feeds.yaml", "watchlist.yaml")
    }
    Settings(**{k.removeprefix("WIREWATCH_").lower(): v for k, v in env.items()})  # every setting valid


def test_prometheus_finds_the_services() -> None:
    config = yaml.safe_load((ROOT / "deploy/prometheus/prometheus-k8s.yml").read_text("utf-8"))
    names = {job["job_name"]: job["dns_sd_configs"][0]["names"][0] for job in config["scrape_configs"]}
    for worker in WORKERS:
        assert names[f"wirewatch-{worker}"] == f"wirewatch-{worker}.wirewatch.svc.cluster.local"
    assert names["wirewatch-web"] == "wirewatch-web-metrics.wirewatch.svc.cluster.local"


def test_scaling_notes_cover_pollers_and_processors() -> None:
    readme = (K8S / "README.md").read_text("utf-8")
    assert "scales up to the number of partitions" in " ".join(readme.split())
    assert "**pollers**" in readme and "**processors**" in readme


# -- the image -------------------------------------------------------------------------------------


def test_dockerfile_builds_from_files_that_exist_and_runs_unprivileged() -> None:
    text = (ROOT / "Dockerfile").read_text("utf-8")
    for line in text.splitlines():
        if line.startswith("COPY") and "--from=" not in line:
            for source in line.split()[1:-1]:
                assert (ROOT / source).exists(), source
                assert f"!{source.rstrip('/')}" in (ROOT / ".dockerignore").read_text("utf-8")
    assert re.search(r"^FROM python:3\.11-slim", text, re.M)
    assert re.search(r"^USER 10001", text, re.M)
    assert 'ENTRYPOINT ["wirewatch"]' in text
    assert "WIREWATCH_METRICS_HOST=0.0.0.0" in text


def test_every_worker_is_a_static_member_named_by_its_pod() -> None:
    for name, deployment in by_kind("Deployment").items():
        if name == "wirewatch-web":
            continue  # no consumer group: it assigns itself every partition and keeps the offsets
        (container,) = deployment["spec"]["template"]["spec"]["containers"]
        env = {e["name"]: e for e in container.get("env", [])}
        assert env["WIREWATCH_INSTANCE_ID"]["valueFrom"]["fieldRef"]["fieldPath"] == "metadata.name", name
