"""Record schemas of wirewatch's topics: what each message holds, validated on both ends.

Records are JSON (UTF-8), one object per message, with a ``schema`` field naming the record
type and its major version, so a consumer can tell an old record from a malformed one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from typing import Any, Literal

from pydantic import (
    AliasChoices,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from wirewatch.core.alerting import DigestBuffer, Notice, Silence
from wirewatch.core.alertstep import FeedWindow, Kept
from wirewatch.core.casebook import Held
from wirewatch.core.detect import MAX_TEXT as core_max_text
from wirewatch.core.detect import Article
from wirewatch.core.health import FeedEvent
from wirewatch.core.incidents import Incident, ReportFacts
from wirewatch.core.schedule import SURGE_GROUP
from wirewatch.topics.notices import (
    FeedHealthBuffer,
    WireDigestBuffer,
    WireIncidentAlerts,
    WireNotice,
    WireSilence,
)
from wirewatch.topics.wire import HeldIncident, UpdateIncident, WireFacts, WireIncident

_NONE: Callable[[Any], bool] = lambda value: value is None  # noqa: E731
_EMPTY: Callable[[Any], bool] = lambda value: not value  # noqa: E731


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


# Size limits of an article record's fields, enforced by the poller before Kafka sees the record
# (a longer field is cut and the record marked ``truncated``): a record stays far below Kafka's
# 1 MB message limit, and no stage spends long on one article.
MAX_TITLE = 1_000
MAX_TEXT = core_max_text  # as long as the core analyzes
MAX_URL = 2_048


class ArticleRecord(_Record):
    """One feed entry as the poller saw it. Key: ``id``."""

    schema_: Literal["article/1"] = Field("article/1", alias="schema")
    id: str = Field(description="stable article id from the canonical link and GUID (see core.identity)")
    revision: int = Field(0, ge=0, description="0 for the first version, +1 each time its text changed")
    url: str = ""
    guid: str | None = None
    feed_url: str
    outlet: str
    title: str
    text: str
    published: AwareDatetime | None = None
    fetched_at: AwareDatetime
    lang: str | None = None
    categories: tuple[str, ...] = Field((), description="the feed's sections for the item (<category>)")
    truncated: bool = Field(False, description="a field was cut to its limit (MAX_TITLE, MAX_TEXT, MAX_URL)")

    def to_article(self) -> Article:
        return Article.bounded(
            id=self.id,
            title=self.title,
            text=self.text,
            truncated=self.truncated,
            url=self.url,
            outlet=self.outlet,
            published=self.published,
            lang=self.lang,
            categories=self.categories,
        )


class AttackReport(_Record):
    """An article that reports a current attack: the facts an incident needs (in their wire shape,
    ``topics.wire.WireFacts``, written as version 4 always wrote them; ``facts`` gives them as the
    core's ``ReportFacts``, and core facts given are converted).

    Key: ``country`` (the country of its main target), so that every report of one event lands on
    one partition and one processor instance. Version 2 called it ``region``; it is read still.
    Version 4 drops ``details`` (the whole analysis record): of it, readers used only the watch
    hits, a field of their own now. Versions 3 and 2 are read still, their watch hits from it.
    """

    schema_: Literal["attack-report/4", "attack-report/3", "attack-report/2"] = Field(
        "attack-report/4", alias="schema"
    )
    country: str = Field(validation_alias=AliasChoices("country", "region"))
    wire: WireFacts = Field(alias="facts")
    detected_at: AwareDatetime
    watch_hits: tuple[str, ...] = Field(
        (),
        description="the watchlist entries the current attack hits (none for a late report), as "
        "analyzed: the labels `wirewatch feedback export` writes",
    )
    text: str = Field("", description="the article text as analyzed: the web pages explain it")

    @model_validator(mode="before")
    @classmethod
    def _watch_hits_of_old_versions(cls, data: object) -> object:
        if isinstance(data, dict) and "watch_hits" not in data and isinstance(data.get("details"), dict):
            return {**data, "watch_hits": data["details"].get("watch_hits") or ()}
        return data

    @field_validator("wire", mode="before")
    @classmethod
    def _from_core(cls, value: object) -> object:
        return WireFacts.of(value) if isinstance(value, ReportFacts) else value

    @cached_property
    def facts(self) -> ReportFacts:
        return self.wire.to_core()


class IncidentMarkRecord(_Record):
    """An analyst's merge or split on its way to the incident it changes, on the attack-reports topic.

    The processor routes each ``same_event`` and ``not_this_event`` mark here, to every partition:
    only the partition holding the incident acts (``core.casebook``). ``merge``: ``incident_id``
    is the same event as ``into``; ``absorb``: ``into`` takes in ``reports``, the reports of
    ``incident_id`` merged into it; ``split``: the report ``article_id`` leaves ``incident_id``.
    Readers of the topic other than the processor skip these records. The reports go in their
    wire shape (``topics.wire.WireFacts``, written as version 1 always wrote them).
    """

    schema_: Literal["incident-mark/1"] = Field("incident-mark/1", alias="schema")
    kind: Literal["merge", "absorb", "split"]
    incident_id: str
    into: str | None = None
    article_id: str | None = None
    wire_reports: tuple[WireFacts, ...] = Field((), alias="reports")
    by: str = ""
    at: AwareDatetime

    @field_validator("wire_reports", mode="before")
    @classmethod
    def _from_core(cls, value: object) -> object:
        if isinstance(value, list | tuple):
            return tuple(WireFacts.of(r) if isinstance(r, ReportFacts) else r for r in value)
        return value

    @cached_property
    def reports(self) -> tuple[ReportFacts, ...]:
        return tuple(r.to_core() for r in self.wire_reports)


def report_or_mark(data: bytes | None) -> AttackReport | IncidentMarkRecord:
    """An attack-reports message: a report, or an analyst's merge or split (``BadRecord`` otherwise)."""
    from wirewatch.topics.codec import decode

    if data is not None and b'"incident-mark/' in data[:40]:
        return decode(data, IncidentMarkRecord)
    return decode(data, AttackReport)


class IncidentRecord(_Record):
    """The current state of one incident. Key: incident id (compacted topic).

    The incident in its wire shape (``topics.wire.WireIncident``: no text signatures); ``incident``
    gives it as the core's ``Incident``, and a core ``Incident`` given is converted.
    Version 2: ``country`` (was ``region``), the wire shape of its own. Version 1 is read still.
    """

    schema_: Literal["incident/2", "incident/1"] = Field("incident/2", alias="schema")
    wire: WireIncident = Field(alias="incident")
    country: str = Field(validation_alias=AliasChoices("country", "region"))
    partition: int = Field(description="the attack-reports partition whose processor owns it")

    @field_validator("wire", mode="before")
    @classmethod
    def _from_core(cls, value: object) -> object:
        return WireIncident.of(value) if isinstance(value, Incident) else value

    @cached_property
    def incident(self) -> Incident:
        return self.wire.to_core()


class StoredIncident(_Record):
    """An incident as the processor keeps it in its table (with its reports' text signatures).

    Private to the processor (its table's changelog); tables written before version 1 hold
    ``incident/1`` records, read as this.
    """

    schema_: Literal["stored-incident/1", "incident/1"] = Field("stored-incident/1", alias="schema")
    wire: HeldIncident = Field(alias="incident")
    country: str = Field(validation_alias=AliasChoices("country", "region"))
    partition: int

    @field_validator("wire", mode="before")
    @classmethod
    def _from_core(cls, value: object) -> object:
        return HeldIncident.of(value) if isinstance(value, Incident) else value

    @cached_property
    def incident(self) -> Incident:
        return self.wire.to_core()

    @classmethod
    def of(cls, held: Held) -> StoredIncident:
        return cls(incident=held.incident, country=held.country, partition=held.partition)

    def held(self) -> Held:
        return Held(self.incident, self.country, self.partition)


class IncidentUpdate(_Record):
    """One change of an incident, for the alerting stage. Key: incident id.

    The incident in its small shape (``topics.wire.UpdateIncident``: what an alert shows, under
    1 KB for two reports); ``incident`` gives it as the core's ``Incident``. Made from a core
    ``Incident`` with ``article_id``, ``article_seen_at`` and ``at``, as version 2 was.

    Version 3 leaves out what the reader rebuilds the same: the causing report is its index in
    the incident's reports (``report``; its link keeps its seen time), ``article_id`` and
    ``article_seen_at`` are carried only when they are not that report's, ``at`` only when it is
    not the incident's ``last_update`` (the processor changes an incident at the time it sends
    the change), and the incident leaves out its figures and areas where they are rebuilt (see
    ``topics.wire``). Versions 2 and 1 (the core's whole incident, signatures included) are read
    still.
    """

    schema_: Literal["incident-update/3", "incident-update/2", "incident-update/1"] = Field(
        "incident-update/3", alias="schema"
    )
    change: str  # new | corroborated | updated | report_added | report_revised | merged | split
    wire: UpdateIncident = Field(alias="incident")
    report: int | None = Field(
        None,
        ge=0,
        exclude_if=_NONE,
        description="the index in the incident's reports of the report that caused it",
    )
    article_id_: str = Field(
        "", alias="article_id", exclude_if=_EMPTY, description="the report that caused it, when not `report`"
    )
    article_seen_at_: AwareDatetime | None = Field(
        None, alias="article_seen_at", exclude_if=_NONE, description="when that article reached Kafka"
    )
    at_: AwareDatetime | None = Field(
        None, alias="at", exclude_if=_NONE, description="when the change was sent, when not last_update"
    )

    @model_validator(mode="before")
    @classmethod
    def _compact(cls, data: Any) -> Any:
        """From a core incident: the record's version 3 shape. Version 2: as it was (nothing left
        out). Version 1 carried the core's whole incident: read as from the core incident."""
        if not isinstance(data, dict):
            return data
        if data.get("schema") == "incident-update/2":
            return {**data, "incident": _explicit_v2(data.get("incident"))}
        incident = data.get("incident")
        if data.get("schema") == "incident-update/1":
            incident = WireIncident.model_validate(incident).to_core()
        if not isinstance(incident, Incident):
            return data
        return {**data, **_compact_update(incident, data)}

    @model_validator(mode="after")
    def _report_in_range(self) -> IncidentUpdate:
        if self.report is not None and self.report >= len(self.wire.reports):
            raise ValueError(f"report {self.report} is not among the incident's {len(self.wire.reports)}")
        return self

    @cached_property
    def incident(self) -> Incident:
        return self.wire.to_core()

    @property
    def article_id(self) -> str:
        """The report that caused the change ('' for an analyst's mark)."""
        return self.wire.reports[self.report].article_id if self.report is not None else self.article_id_

    @property
    def article_seen_at(self) -> datetime | None:
        """When the article that caused the change reached Kafka."""
        return self.wire.reports[self.report].seen if self.report is not None else self.article_seen_at_

    @property
    def at(self) -> datetime:
        return self.at_ or self.wire.last_update


def _compact_update(incident: Incident, data: dict[str, Any]) -> dict[str, Any]:
    """The fields of an update of ``incident`` given as version 2 gave them, left out where derivable."""
    article_id, seen_at, at = data.get("article_id", ""), data.get("article_seen_at"), data.get("at")
    cause = next((k for k, r in enumerate(incident.reports) if r.article_id == article_id), None)
    if cause is not None and (seen_at is None or seen_at != incident.reports[cause].seen_at):
        cause = None  # its seen time is not the report's: carried as it is
    return {
        "incident": UpdateIncident.of(incident, cause),
        "report": cause,
        "article_id": "" if cause is not None else article_id,
        "article_seen_at": None if cause is not None else seen_at,
        "at": None if at == incident.last_update else at,
    }


def _explicit_v2(incident: Any) -> Any:
    """A version 2 incident, with what version 2 left out when empty given as empty (version 3
    leaves out what is rebuilt)."""
    if not isinstance(incident, dict):
        return incident
    blank = [None, None, None]
    places = [
        {"area": [], "within": [], **place} if isinstance(place, dict) else place
        for place in incident.get("places") or ()
    ]
    return {"projectiles": blank, "killed": blank, "wounded": blank, **incident, "places": places}


class FeedState(_Record):
    """What the poller remembers of a feed between runs. Key: the feed URL (compacted topic)."""

    schema_: Literal["feed-state/1"] = Field("feed-state/1", alias="schema")
    url: str
    etag: str | None = None
    last_modified: str | None = None
    seen: dict[str, str] = Field(default_factory=dict, description="article id -> content fingerprint")
    revisions: dict[str, int] = Field(default_factory=dict)
    failures: int = 0
    last_success: datetime | None = None
    next_due: datetime | None = None
    fetch_url: str | None = Field(None, description="where a 301/308 moved the feed; None: its listed URL")
    broken: bool = Field(False, description="declared broken after consecutive failures (still polled)")
    last_error: str | None = None
    last_error_class: str | None = None
    last_attempt: datetime | None = None
    failing_since: datetime | None = None


class FeedRecord(_Record):
    """One feed of the shared feed list (the pollers split these by partition). Key: ``url``."""

    schema_: Literal["feed/1"] = Field("feed/1", alias="schema")
    url: str
    outlet: str | None = None
    interval: float | None = None
    lang: str | None = None
    groups: tuple[str, ...] = ()
    full_text: bool = False
    allow_private: bool = False


class FeedHealthEvent(_Record):
    """A feed declared broken after consecutive failures, or recovered. Key: ``feed_url``.

    Meant for an operator channel: one event per change of condition, never one per poll.
    """

    schema_: Literal["feed-health/1"] = Field("feed-health/1", alias="schema")
    feed_url: str
    outlet: str | None = None
    event: Literal["broken", "recovered"]
    failures: int = Field(0, ge=0, description="failures in a row when broken; before recovery")
    error_class: str | None = Field(None, description="class of the last failure (dns, tls, http_404 ...)")
    error: str | None = Field(None, description="the last failure, as a person reads it (untrusted text)")
    failing_since: AwareDatetime | None = None
    at: AwareDatetime

    def to_core(self) -> FeedEvent:
        """The event as the alert router keeps it."""
        return FeedEvent(
            feed_url=self.feed_url,
            outlet=self.outlet,
            event=self.event,
            failures=self.failures,
            error_class=self.error_class,
            error=self.error,
            failing_since=self.failing_since,
            at=self.at,
        )


class SurgeRecord(_Record):
    """Poll the feeds of ``group`` every ``interval`` seconds until ``until``. Key: ``group``.

    A record with ``until`` in the past ends the surge early.
    """

    schema_: Literal["poll-surge/1"] = Field("poll-surge/1", alias="schema")
    group: str = Field(pattern=SURGE_GROUP.pattern)
    interval: float = Field(ge=1, le=86400)
    until: AwareDatetime
    reason: str = ""


class NotificationRecord(_Record):
    """A decided notification waiting for delivery (the outbox). Key: its idempotency key."""

    # Version 3: a schema of its own (``topics.notices.WireNotice``: the incident as the incidents
    # topic carries it, without the reports' empty signature fields). Version 2: the core's incident
    # gained merged_into, absorbed, split_from. Versions 2 and 1 are read still.
    schema_: Literal["notification/3", "notification/2", "notification/1"] = Field(
        "notification/3", alias="schema"
    )
    wire: WireNotice = Field(alias="notice")

    @field_validator("wire", mode="before")
    @classmethod
    def _from_core(cls, value: object) -> object:
        return WireNotice.of(value) if isinstance(value, Notice) else value

    @cached_property
    def notice(self) -> Notice:
        return self.wire.to_core()


class DeliveryRecord(_Record):
    """What became of a notification. Key: its idempotency key (compacted: the dispatcher's memory)."""

    schema_: Literal["delivery/1"] = Field("delivery/1", alias="schema")
    key: str
    channel: str
    status: Literal["delivered", "dead_lettered"]
    attempts: int = Field(ge=0, description="0: dead-lettered untried, its channel down")
    at: AwareDatetime
    detail: str = ""


class DeadLetterRecord(_Record):
    """A notification given up on, with why. Key: its idempotency key."""

    # Version 3: the notice in the outbox's shape (``topics.notices.WireNotice``). Version 2: the
    # core's incident gained merged_into, absorbed, split_from. Versions 2 and 1 are read still.
    schema_: Literal["dead-letter/3", "dead-letter/2", "dead-letter/1"] = Field(
        "dead-letter/3", alias="schema"
    )
    wire: WireNotice = Field(alias="notice")
    reason: str
    attempts: int
    first_attempt_at: AwareDatetime
    at: AwareDatetime

    @field_validator("wire", mode="before")
    @classmethod
    def _from_core(cls, value: object) -> object:
        return WireNotice.of(value) if isinstance(value, Notice) else value

    @cached_property
    def notice(self) -> Notice:
        return self.wire.to_core()


class SilenceRecord(_Record):
    """A silence. Key: silence id (compacted; a tombstone removes it)."""

    schema_: Literal["silence/1"] = Field("silence/1", alias="schema")
    wire: WireSilence = Field(alias="silence")

    @field_validator("wire", mode="before")
    @classmethod
    def _from_core(cls, value: object) -> object:
        return WireSilence.of(value) if isinstance(value, Silence) else value

    @cached_property
    def silence(self) -> Silence:
        return self.wire.to_core()


FeedbackMark = Literal["not_attack", "wrong_place", "same_event", "not_this_event", "not_relevant"]
DISMISSING: frozenset[str] = frozenset({"not_attack", "not_relevant"})


class FeedbackRecord(_Record):
    """An analyst's mark on an incident or one of its reports. Key: ``feedback_key(...)`` (compacted:
    a later mark of the same kind on the same thing replaces it; a tombstone withdraws it).

    ``not_attack`` and ``not_relevant`` dismiss the incident: the alerter sends nothing more for it.
    ``wrong_place`` names the place read wrongly (``place_id``) and, in words, the right one: the
    processor stops taking that place from new articles. ``same_event`` names the other incident:
    the marked incident is merged into it. ``not_this_event`` names a report (``article_id``): the
    processor takes it out of the incident into one of its own.
    """

    # Version 2: the not_this_event mark (version 1 records are read still).
    schema_: Literal["feedback/2", "feedback/1"] = Field("feedback/2", alias="schema")
    mark: FeedbackMark
    incident_id: str = Field(min_length=1, max_length=200)
    article_id: str | None = Field(None, max_length=200, description="the report marked; None: the incident")
    place_id: str | None = Field(None, max_length=200, description="wrong_place: the place read wrongly")
    right_place: str = Field(
        "", max_length=200, description="wrong_place: the right one, as the analyst says"
    )
    other_incident: str | None = Field(None, max_length=200, description="same_event: the other incident")
    by: str = Field(min_length=1, max_length=100, description="who marked it (the logged-in user)")
    at: AwareDatetime
    why: str = Field("", max_length=2000)

    @property
    def dismisses(self) -> bool:
        return self.mark in DISMISSING


def feedback_key(
    mark: str, incident_id: str, article_id: str | None = None, place_id: str | None = None
) -> str:
    return ":".join((mark, incident_id, article_id or "*", place_id or "*"))


class AlertStateRecord(_Record):
    """The alert router's memory. Key: ``incident:<id>``, ``digest:<channel>`` or ``feeds``.

    Version 3: schemas of its own (``topics.notices``; incidents as the incidents topic carries
    them, feed events typed), converted from and to the router's core types by ``of`` and
    ``kept``. Version 2: the core's incident gained merged_into, absorbed, split_from. Versions 2
    and 1 are read still.
    """

    schema_: Literal["alert-state/3", "alert-state/2", "alert-state/1"] = Field(
        "alert-state/3", alias="schema"
    )
    incident: WireIncidentAlerts | None = None
    digest: WireDigestBuffer | None = None
    feeds: FeedHealthBuffer | None = None

    @classmethod
    def of(cls, value: Kept) -> AlertStateRecord:
        if isinstance(value, FeedWindow):
            return cls(feeds=FeedHealthBuffer.of(value))
        if isinstance(value, DigestBuffer):
            return cls(digest=WireDigestBuffer.of(value))
        return cls(incident=WireIncidentAlerts.of(value))

    def kept(self) -> Kept | None:
        """What the router keeps of it (``None``: the record holds nothing)."""
        wire = self.incident or self.digest or self.feeds
        return wire.to_core() if wire is not None else None
