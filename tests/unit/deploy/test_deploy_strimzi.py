"""deploy/k8s/strimzi: the Strimzi Kafka, its topics and users, and the overlay that points the
workers at it, checked without a cluster (as test_deploy_manifests.py checks deploy/k8s).

The KafkaTopics and KafkaUsers are compared with what the topic definitions and the ACL rules
produce now (wirewatch/topics/strimzi.py): a topic added, a retention changed or a worker reading
one more topic fails here until the files are written again. The overlay's patches are merged
into the base Deployments as kustomize would (strategic merge by name) and validated strictly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from tests.unit.deploy.test_deploy_manifests import K8S, K8S_VERSIONS, WORKERS, by_kind
from wirewatch.config import Settings
from wirewatch.topics import ALL
from wirewatch.topics.acls import WORKERS as ACL_WORKERS
from wirewatch.topics.acls import grants
from wirewatch.topics.strimzi import kafka_topics, kafka_users

STRIMZI = K8S / "strimzi"
CLUSTER = "wirewatch"


def docs(name: str) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all((STRIMZI / name).read_text("utf-8")) if d]


def overlay_settings() -> Settings:
    """The settings the overlay gives the workers (base ConfigMap with the patch on top)."""
    env = dict(by_kind("ConfigMap")["wirewatch-env"]["data"])
    env.update(docs("patches/config.yaml")[0]["data"])
    env["WIREWATCH_KAFKA_SASL_PLAIN_USERNAME"] = "wirewatch-poller"
    return Settings(**{k.removeprefix("WIREWATCH_").lower(): v for k, v in env.items()})


def test_kafka_topics_are_the_topic_definitions() -> None:
    settings = overlay_settings()
    assert (settings.replication_factor, settings.min_insync_replicas) == (3, 2)
    assert docs("topics.yaml") == kafka_topics(settings, CLUSTER, "wirewatch")
    names = {d["spec"]["topicName"] for d in docs("topics.yaml")}
    assert names == {spec.full_name("wirewatch") for spec in ALL}
    for topic in docs("topics.yaml"):
        assert topic["spec"]["replicas"] == 3 and topic["spec"]["config"]["min.insync.replicas"] == "2"


def test_kafka_users_carry_each_workers_acls_and_no_others() -> None:
    settings = overlay_settings()
    users = docs("users.yaml")
    assert users == kafka_users(settings, CLUSTER, "wirewatch")
    assert {u["metadata"]["name"] for u in users} == {f"wirewatch-{w}" for w in ACL_WORKERS}
    assert set(WORKERS) < set(ACL_WORKERS)  # every deployed worker, and the web pages' worker
    every = grants(settings)
    for user in users:
        name = user["metadata"]["name"]
        assert user["spec"]["authentication"] == {"type": "scram-sha-512"}
        acls = user["spec"]["authorization"]["acls"]
        assert len(acls) == sum(g.principal == f"User:{name}" for g in every)
        resources = {(a["resource"]["type"], a["resource"]["name"]) for a in acls}
        assert not any(kind == "cluster" for kind, _ in resources)  # no worker creates or alters
        worker = name.removeprefix("wirewatch-")
        for spec in ALL:
            uses = worker in spec.readers or worker in spec.writers
            assert (("topic", spec.full_name("wirewatch")) in resources) == uses, (name, spec.name)


def test_the_cluster_is_kraft_replicated_and_secured() -> None:
    kafka, pool, operator = docs("kafka.yaml")
    assert (kafka["kind"], pool["kind"], operator["kind"]) == ("Kafka", "KafkaNodePool", "KafkaUser")
    assert kafka["metadata"]["name"] == CLUSTER
    assert kafka["metadata"]["annotations"]["strimzi.io/kraft"] == "enabled"
    assert "zookeeper" not in kafka["spec"]
    assert pool["spec"]["replicas"] == 3 and set(pool["spec"]["roles"]) == {"controller", "broker"}
    (listener,) = kafka["spec"]["kafka"]["listeners"]
    assert listener["tls"] is True and listener["authentication"] == {"type": "scram-sha-512"}
    authz = kafka["spec"]["kafka"]["authorization"]
    assert authz["type"] == "simple" and authz["superUsers"] == [operator["metadata"]["name"]]
    config = kafka["spec"]["kafka"]["config"]
    assert config["default.replication.factor"] == config["offsets.topic.replication.factor"] == 3
    assert config["min.insync.replicas"] == config["transaction.state.log.min.isr"] == 2
    assert config["auto.create.topics.enable"] is False
    for doc in [pool, operator, *docs("topics.yaml"), *docs("users.yaml")]:
        assert doc["metadata"]["labels"]["strimzi.io/cluster"] == CLUSTER
        assert doc["metadata"]["namespace"] == kafka["metadata"]["namespace"]
    settings = overlay_settings()
    host, port = settings.kafka_bootstrap.split(":")
    assert host.startswith(f"{CLUSTER}-kafka-bootstrap.") and int(port) == listener["port"]
    assert (settings.kafka_security_protocol, settings.kafka_sasl_mechanism) == ("SASL_SSL", "SCRAM-SHA-512")


def test_kustomization_lists_the_cluster_topics_users_and_every_patch() -> None:
    kustomization = yaml.safe_load((STRIMZI / "kustomization.yaml").read_text("utf-8"))
    assert kustomization["resources"] == ["..", "kafka.yaml", "topics.yaml", "users.yaml"]
    patches = {p["path"] for p in kustomization["patches"]}
    assert patches == {f"patches/{p.name}" for p in (STRIMZI / "patches").glob("*.yaml")}
    present = {p.name for p in STRIMZI.glob("*.yaml")} - {"kustomization.yaml"}
    assert present == set(kustomization["resources"][1:])


def merge(base: Any, patch: Any) -> Any:
    """kustomize's strategic merge, as far as these patches need it: maps merge, lists of named
    items merge by name, anything else is replaced."""
    if isinstance(base, dict) and isinstance(patch, dict):
        return {k: merge(base[k], v) if k in base else v for k, v in patch.items()} | {
            k: v for k, v in base.items() if k not in patch
        }
    if (
        isinstance(base, list)
        and isinstance(patch, list)
        and all(isinstance(i, dict) and "name" in i for i in patch)
    ):
        named = {i["name"]: i for i in base}
        merged = [merge(named[i["name"]], i) if i["name"] in named else i for i in patch]
        return merged + [i for i in base if i["name"] not in {p["name"] for p in patch}]
    return patch


@pytest.mark.parametrize("worker", [*WORKERS, "web"])
def test_each_worker_runs_as_its_own_user_with_the_cluster_ca(worker: str, tmp_path: Path) -> None:
    (patch,) = docs(f"patches/{worker}.yaml")
    base = by_kind("Deployment")[patch["metadata"]["name"]]
    assert patch["metadata"]["namespace"] == base["metadata"]["namespace"]
    deployment = merge(base, patch)
    for version in K8S_VERSIONS:
        kubernetes_validate.validate(deployment, version, strict=True)
    spec = deployment["spec"]["template"]["spec"]
    (container,) = spec["containers"]
    assert container["name"] == worker  # the patch met the base's container, it added none
    volumes = {v["name"]: v["secret"] for v in spec["volumes"] if "secret" in v}
    mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    users = {u["metadata"]["name"] for u in docs("users.yaml")}
    env = {e["name"]: e.get("value") for e in container["env"]}
    username = env["WIREWATCH_KAFKA_SASL_PLAIN_USERNAME"]
    assert username == f"wirewatch-{worker}" and username in users
    assert volumes["kafka-user"]["secretName"] == username  # Strimzi's Secret of that user
    assert volumes["kafka-ca"]["secretName"] == f"{CLUSTER}-cluster-ca-cert"
    settings = overlay_settings()
    assert settings.kafka_sasl_plain_password_file == Path(mounts["kafka-user"]) / "password"
    assert settings.kafka_ssl_cafile == Path(mounts["kafka-ca"]) / "ca.crt"
    assert [i["path"] for i in volumes["kafka-user"]["items"]] == ["password"]
    assert [i["path"] for i in volumes["kafka-ca"]["items"]] == ["ca.crt"]
