"""wirewatch's topics and workers' users as Strimzi resources (``KafkaTopic``, ``KafkaUser``).

Written from the same definitions as ``wirewatch topics`` (``topics.ALL``, ``topics.acls``), so
``deploy/k8s/strimzi`` cannot drift from what the workers need: a test compares the files with
this output. ``wirewatch topics --strimzi CLUSTER`` prints them for another prefix or cluster.
"""

from __future__ import annotations

from typing import Any

from wirewatch.config import Settings
from wirewatch.topics import ALL
from wirewatch.topics.acls import WORKERS, Grant, grants

API = "kafka.strimzi.io/v1beta2"


def _meta(name: str, cluster: str, namespace: str, component: str) -> dict[str, Any]:
    return {
        "name": name,
        "namespace": namespace,
        "labels": {
            "strimzi.io/cluster": cluster,
            "app.kubernetes.io/name": "wirewatch",
            "app.kubernetes.io/component": component,
        },
    }


def kafka_topics(settings: Settings, cluster: str, namespace: str) -> list[dict[str, Any]]:
    """One ``KafkaTopic`` per topic: its partitions, replicas and configuration."""
    from wirewatch.topics.admin import topic_config

    out = []
    for spec in ALL:
        name = spec.full_name(settings.topic_prefix)
        out.append(
            {
                "apiVersion": API,
                "kind": "KafkaTopic",
                "metadata": _meta(name.replace(".", "-").lower(), cluster, namespace, "topic"),
                "spec": {
                    "topicName": name,
                    "partitions": spec.partitions or settings.partitions,
                    "replicas": settings.replication_factor,
                    "config": topic_config(spec, settings),
                },
            }
        )
    return out


_OPERATIONS = {"Read": ["Read", "Describe"], "Write": ["Write", "Describe"], "All": ["All"]}


def _acl(grant: Grant) -> dict[str, Any]:
    return {
        "resource": {
            "type": grant.resource,
            "name": grant.name,
            "patternType": "prefix" if grant.pattern == "prefix" else "literal",
        },
        "operations": list(_OPERATIONS[grant.operation]),
        "host": "*",
    }


def kafka_users(settings: Settings, cluster: str, namespace: str) -> list[dict[str, Any]]:
    """One ``KafkaUser`` per worker (SCRAM-SHA-512), with that worker's ACLs and no others.

    Strimzi names the principal after the resource, ``User:<name>``, and writes the password
    into a Secret of the same name (key ``password``)."""
    every = grants(settings)
    out = []
    for worker in WORKERS:
        user = f"{settings.topic_prefix}-{worker}"
        mine = [g for g in every if g.principal == f"User:{user}"]
        out.append(
            {
                "apiVersion": API,
                "kind": "KafkaUser",
                "metadata": _meta(user, cluster, namespace, worker),
                "spec": {
                    "authentication": {"type": "scram-sha-512"},
                    "authorization": {"type": "simple", "acls": [_acl(g) for g in mine]},
                },
            }
        )
    return out
