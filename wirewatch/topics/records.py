"""Record schemas of wirewatch's topics: what each message holds, validated on both ends.

Records are JSON (UTF-8), one object per message, with a ``schema`` field naming the record
type and its major version, so a consumer can tell an old record from a malformed one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from wirewatch.core.detect import Article


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


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

    def to_article(self) -> Article:
        return Article(
            id=self.id,
            title=self.title,
            text=self.text,
            url=self.url,
            outlet=self.outlet,
            published=self.published,
            lang=self.lang,
        )


class PlaceRef(_Record):
    id: str
    name: str
    name_ar: str = ""
    kind: str
    role: str = "target"
    governorate: str | None = None
    country: str | None = None
    lineage: tuple[str, ...] = ()
    area: tuple[str, ...] = Field((), description="names of its governorate and country, for display")


class AttackReport(_Record):
    """An article that reports a current attack, with what the processor found. Key: ``incident``."""

    schema_: Literal["attack-report/1"] = Field("attack-report/1", alias="schema")
    incident: str
    article_id: str
    revision: int = 0
    url: str = ""
    outlet: str
    title: str
    lang: str
    published: AwareDatetime | None = None
    article_seen_at: AwareDatetime | None = Field(None, description="when the article reached Kafka")
    detected_at: AwareDatetime
    attack_types: tuple[str, ...]
    intercepted: bool = False
    places: tuple[PlaceRef, ...] = ()
    projectiles: int | None = None
    killed: int | None = None
    wounded: int | None = None
    claimed_by: tuple[str, ...] = ()
    details: dict[str, Any] = Field(default_factory=dict, description="the full analysis record")

    @classmethod
    def from_analysis(
        cls, article: ArticleRecord, analysis: dict[str, Any], *, seen_at: datetime | None, now: datetime
    ) -> AttackReport:
        casualties = analysis.get("casualties") or {}
        return cls(
            incident=analysis["incident"],
            article_id=article.id,
            revision=article.revision,
            url=article.url,
            outlet=article.outlet,
            title=article.title,
            lang=analysis["lang"],
            published=article.published,
            article_seen_at=seen_at,
            detected_at=now,
            attack_types=tuple(analysis["attack_types"]),
            intercepted=analysis["intercepted"],
            places=tuple(PlaceRef(**p) for p in analysis["places"]),
            projectiles=analysis.get("projectiles"),
            killed=casualties.get("killed"),
            wounded=casualties.get("wounded"),
            claimed_by=tuple(analysis.get("claimed_by") or ()),
            details=analysis,
        )


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
