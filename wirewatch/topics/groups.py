"""The consumer groups the workers join: one place for their names.

A group is ``<topic_prefix>-<name>``. The processor's group is its Faust app id, which also
prefixes the topics Faust creates for it (table changelogs, its assignor topic). The workers,
their health watch (``health.lag``) and their ACLs (``topics.acls``) all take the names from here.
"""

from __future__ import annotations

POLLER = "poller"  # pollers that share the feeds topic (scale-out)
PROCESSOR = "processor"  # the Faust app id
ALERTER = "alerter"  # the router: incident updates and feed health in
DISPATCHER = "dispatcher"  # the delivery outbox

# The groups each worker joins; the web worker assigns its partitions and keeps its offsets in its store.
BY_WORKER: dict[str, tuple[str, ...]] = {
    "poller": (POLLER,),
    "processor": (PROCESSOR,),
    "alerter": (ALERTER, DISPATCHER),
    "web": (),
}


def group_id(prefix: str, name: str) -> str:
    """The Kafka group id of the group ``name`` under ``prefix``."""
    return f"{prefix}-{name}"
