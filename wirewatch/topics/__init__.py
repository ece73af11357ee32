"""wirewatch's topics: names, keys, partitions, retention or compaction, and record schemas.

Names are ``<prefix>.<name>.v<major>``: a change of record schema that old consumers cannot read
gets a new major version and a new topic, so old and new workers never meet on one topic.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel

from wirewatch.topics.records import (
    AlertStateRecord,
    ArticleRecord,
    AttackReport,
    DeadLetterRecord,
    DeliveryRecord,
    FeedbackRecord,
    FeedHealthEvent,
    FeedRecord,
    FeedState,
    IncidentRecord,
    IncidentUpdate,
    NotificationRecord,
    SilenceRecord,
    SurgeRecord,
)

DAY_MS = 24 * 3600 * 1000
# Latest record per key, kept forever: state topics that workers read whole at start.
COMPACTED = {"cleanup.policy": "compact", "min.compaction.lag.ms": "60000", "segment.ms": str(DAY_MS)}


@dataclass(frozen=True)
class TopicSpec:
    name: str
    key: str
    record: type[BaseModel]
    config: dict[str, str] = field(default_factory=dict)
    partitions: int | None = None  # None: the configured default
    # The workers that write and read it: their principals' ACLs (topics/acls.py) come from these.
    writers: tuple[str, ...] = ()
    readers: tuple[str, ...] = ()

    def full_name(self, prefix: str) -> str:
        return f"{prefix}.{self.name}"


ARTICLES = TopicSpec(
    "articles.v1",
    key="article id",
    record=ArticleRecord,
    config={
        "cleanup.policy": "delete",
        "retention.ms": str(30 * DAY_MS),
        "compression.type": "producer",
    },  # articles_retention_days
    writers=("poller",),
    readers=("processor",),
)
ATTACK_REPORTS = TopicSpec(
    "attack-reports.v2",
    key="region (country of the main target): one event's reports meet on one partition",
    record=AttackReport,
    config={"cleanup.policy": "delete", "retention.ms": str(30 * DAY_MS)},
    writers=("processor",),
    readers=("processor", "web"),
)
INCIDENTS = TopicSpec(
    "incidents.v1",
    key="incident id",
    record=IncidentRecord,
    config=COMPACTED,
    writers=("processor",),
    readers=("web",),
)
INCIDENT_UPDATES = TopicSpec(
    "incident-updates.v1",
    key="incident id",
    record=IncidentUpdate,
    config={"cleanup.policy": "delete", "retention.ms": str(30 * DAY_MS)},
    writers=("processor",),
    readers=("alerter", "web"),
)
FEED_STATE = TopicSpec(
    "feed-state.v1",
    key="feed URL",
    record=FeedState,
    config=COMPACTED,
    writers=("poller",),
    readers=("poller", "web"),
)
FEEDS = TopicSpec(
    "feeds.v1",
    key="feed URL",
    record=FeedRecord,
    # Pollers split the feed list by partition of this topic (consumer-group assignment).
    config=COMPACTED,
    writers=("poller",),
    readers=("poller", "web"),
)
FEED_HEALTH = TopicSpec(
    "feed-health.v1",
    key="feed URL",
    record=FeedHealthEvent,
    config={"cleanup.policy": "delete", "retention.ms": str(30 * DAY_MS)},
    writers=("poller",),
    readers=("alerter", "web"),
)
POLL_SURGES = TopicSpec(
    "poll-surges.v1",
    key="surge group",
    record=SurgeRecord,
    config=COMPACTED,
    partitions=1,
    writers=("processor", "web"),
    readers=("poller", "web"),
)

NOTIFICATIONS = TopicSpec(
    "notifications.v1",
    key="idempotency key (incident, revision, channel, kind)",
    record=NotificationRecord,
    config={"cleanup.policy": "delete", "retention.ms": str(7 * DAY_MS)},
    writers=("alerter",),
    readers=("alerter", "web"),
)
DELIVERIES = TopicSpec(
    "deliveries.v1",
    key="idempotency key",
    record=DeliveryRecord,
    # What was delivered or given up on: read whole at start so a restart never sends twice.
    config={
        "cleanup.policy": "compact,delete",
        "retention.ms": str(14 * DAY_MS),
        "min.compaction.lag.ms": "60000",
        "segment.ms": str(DAY_MS),
    },
    writers=("alerter",),
    readers=("alerter", "web"),
)
DEAD_LETTERS = TopicSpec(
    "dead-letters.v1",
    key="idempotency key",
    record=DeadLetterRecord,
    config={"cleanup.policy": "delete", "retention.ms": str(30 * DAY_MS)},
    writers=("alerter",),
    readers=(),
)
SILENCES = TopicSpec(
    "silences.v1",
    key="silence id",
    record=SilenceRecord,
    config={"cleanup.policy": "compact", "min.compaction.lag.ms": "0", "segment.ms": str(DAY_MS)},
    partitions=1,
    writers=("web",),
    readers=("alerter", "web"),
)
ALERT_STATE = TopicSpec(
    "alert-state.v1",
    key="incident:<id> | digest:<channel> | feeds",
    record=AlertStateRecord,
    config=COMPACTED,
    writers=("alerter",),
    readers=("alerter",),
)

FEEDBACK = TopicSpec(
    "feedback.v1",
    key="<mark>:<incident id>:<article id or *>:<place id or *>",
    record=FeedbackRecord,
    # Analysts' marks are the team's memory: kept forever, one per key; read whole at start.
    config={"cleanup.policy": "compact", "min.compaction.lag.ms": "0", "segment.ms": str(DAY_MS)},
    partitions=1,
    # written by the web pages (and the CLI, with an administrator's rights); the alerter drops
    # what was dismissed, the processor ignores the places marked as misread
    writers=("web",),
    readers=("processor", "alerter", "web"),
)

ALL: tuple[TopicSpec, ...] = (
    ARTICLES,
    ATTACK_REPORTS,
    INCIDENTS,
    INCIDENT_UPDATES,
    FEED_STATE,
    FEEDS,
    FEED_HEALTH,
    POLL_SURGES,
    NOTIFICATIONS,
    DELIVERIES,
    DEAD_LETTERS,
    SILENCES,
    ALERT_STATE,
    FEEDBACK,
)
