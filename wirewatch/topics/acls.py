"""Least-privilege ACLs: what each worker's principal may do, derived from the topic definitions.

Each ``TopicSpec`` names the workers that write and read it; a worker gets WRITE on the topics it
writes, READ on those it reads (both imply DESCRIBE), and READ on its own consumer groups. The
processor (a Faust app) also owns the topics and the group named after its app id (its tables'
changelogs, Faust's assignor topic), by prefix. Nothing else: no topic creation, no cluster
operation, no other worker's topic. Topics are created by the operator (``wirewatch topics``).

``grants`` lists them as data (printed by ``wirewatch topics --acls``, turned into Strimzi
``KafkaUser`` ACLs and broker ACLs by the same code); ``apply_grants`` creates them on a cluster
with an administrator's credentials.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from wirewatch.config import Settings
from wirewatch.errors import WirewatchError
from wirewatch.topics import ALL, TopicSpec
from wirewatch.topics.groups import BY_WORKER, PROCESSOR, group_id

WORKERS = ("poller", "processor", "alerter", "web")


@dataclass(frozen=True, order=True)
class Grant:
    """One ALLOW rule: ``principal`` may ``operation`` on a ``resource`` named ``name`` (or prefix)."""

    principal: str
    resource: str  # "topic" | "group"
    name: str
    pattern: str  # "literal" | "prefix"
    operation: str  # "Read" | "Write" | "Describe" | "All"

    def __str__(self) -> str:
        return f"{self.principal}\tALLOW\t{self.operation}\t{self.resource}:{self.pattern}:{self.name}"


def groups(settings: Settings, worker: str) -> tuple[str, ...]:
    """The consumer groups a worker joins (the names the workers use)."""
    return tuple(group_id(settings.topic_prefix, name) for name in BY_WORKER[worker])


def default_principal(settings: Settings, worker: str) -> str:
    return f"User:{settings.topic_prefix}-{worker}"


def grants(
    settings: Settings,
    principals: Mapping[str, str] | None = None,
    specs: Iterable[TopicSpec] = ALL,
) -> list[Grant]:
    """Every worker's ACLs; ``principals`` maps a worker to its principal (default
    ``User:<topic_prefix>-<worker>``)."""
    chosen = {w: (principals or {}).get(w) or default_principal(settings, w) for w in WORKERS}
    out: set[Grant] = set()
    specs = tuple(specs)
    for worker, who in chosen.items():
        for spec in specs:
            name = spec.full_name(settings.topic_prefix)
            if worker in spec.writers:
                out.add(Grant(who, "topic", name, "literal", "Write"))
            if worker in spec.readers:
                out.add(Grant(who, "topic", name, "literal", "Read"))
        for group in groups(settings, worker):
            out.add(Grant(who, "group", group, "literal", "Read"))
    processor = chosen["processor"]
    # Faust's own topics: '<app id>-<table>-changelog', '<app id>-__assignor-__leader'.
    out.add(Grant(processor, "topic", group_id(settings.topic_prefix, PROCESSOR) + "-", "prefix", "All"))
    return sorted(out)


def apply_grants(settings: Settings, wanted: Iterable[Grant]) -> int:
    """Create ``wanted`` on the cluster (the settings must carry an administrator's credentials);
    return how many. Creating an ACL that exists is a no-op for the broker."""
    from kafka.admin import (
        ACL,
        ACLOperation,
        ACLPermissionType,
        ACLResourcePatternType,
        ResourcePattern,
        ResourceType,
    )

    from wirewatch.topics.admin import connect_admin

    acls = [
        ACL(
            principal=g.principal,
            host="*",
            operation=ACLOperation[g.operation.upper()],
            permission_type=ACLPermissionType.ALLOW,
            resource_pattern=ResourcePattern(
                ResourceType[g.resource.upper()],
                g.name,
                ACLResourcePatternType.PREFIXED if g.pattern == "prefix" else ACLResourcePatternType.LITERAL,
            ),
        )
        for g in wanted
    ]
    admin = connect_admin(settings)
    try:
        result = admin.create_acls(acls)
    finally:
        admin.close()
    if result["failed"]:
        raise WirewatchError(f"creating ACLs failed: {result['failed'][0]}")
    return len(result["succeeded"])
