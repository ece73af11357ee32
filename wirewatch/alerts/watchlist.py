"""The watchlist file: the bases, regions, cities and sites analysts watch.

Minimal contract (more fields are optional):

```yaml
watch:
  - id: ain-al-asad          # stable id, used in outputs
    kind: base               # base | region | city | site
    names: ["Ain al-Asad", "عين الأسد"]
    place: ain-al-asad       # optional: a built-in gazetteer place id
```
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from wirewatch import yamlfile
from wirewatch.alerts.routing_config import AlertingSpec, Routing, build_routing, unknown_channel
from wirewatch.core.alerting import SeverityRule
from wirewatch.core.analysis import Analyzer
from wirewatch.core.gazetteer import builtin
from wirewatch.core.text import normalize
from wirewatch.core.watch import WATCH_KINDS, WatchEntry, WatchError
from wirewatch.errors import ConfigError
from wirewatch.validation import Loc, StableId

MIN_LETTERS = 3
# Words a watch name must not be on its own: they are in every other sentence.
_EVERYDAY = frozenset(
    normalize(w)
    for w in (
        "the a an of and in on at to for from with by is was al el "
        "و في من على إلى الى عن مع أن ان هذا هذه ذلك التي الذي ال"
    ).split()
)


def too_broad(name: str) -> str | None:
    """Why a watch name would match far too much, or ``None``: fewer than 3 letters, or an
    everyday word ("A" hits every sentence that starts with it, "و" every Arabic text)."""
    letters = sum(ch.isalpha() for ch in name)
    if letters < MIN_LETTERS:
        return f"has {letters} letter{'s' if letters != 1 else ''} (fewer than {MIN_LETTERS})"
    words = normalize(name).split()
    if words and all(w in _EVERYDAY for w in words):
        return "is an everyday word"
    return None


class WatchItem(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: StableId = Field(description="stable id used in outputs and alerts")
    kind: str = Field(description="base | region | city | site")
    names: tuple[str, ...] = Field(
        default=(), description="names in any script; spelling variants are matched"
    )
    place: str | None = Field(default=None, description="a built-in gazetteer place id")
    within: str | None = Field(default=None, description="parent place id for a place the gazetteer lacks")
    channels: tuple[str, ...] = Field(default=(), description="channel names; the default route when empty")
    severity: tuple[SeverityRule, ...] = Field(
        default=(), description="first rule that applies sets severity"
    )
    exact: bool = Field(
        default=False,
        description="take names as written even when short or everyday words (a name of fewer than "
        "3 letters, or a word like 'the' or 'و', would otherwise match far too much)",
    )

    @field_validator("kind")
    @classmethod
    def _kind(cls, value: str) -> str:
        if value not in WATCH_KINDS:
            raise ValueError(f"kind {value!r} is not one of {', '.join(WATCH_KINDS)}")
        return value

    @field_validator("names")
    @classmethod
    def _names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        cleaned = tuple(n.strip() for n in value if n and n.strip())
        if len(cleaned) != len(value):
            raise ValueError("names must not be empty strings")
        return cleaned

    @model_validator(mode="after")
    def _has_a_name(self) -> WatchItem:
        if not self.names and not self.place:
            raise ValueError(f"entry {self.id!r} needs names or a built-in place")
        if not self.exact:
            for name in self.names:
                why = too_broad(name)
                if why:
                    raise ValueError(
                        f"name {name!r} {why}; give a longer name, or mark the entry exact: true"
                    )
        return self

    def entry(self) -> WatchEntry:
        return WatchEntry(self.id, self.kind, self.names, self.place, self.within)


class Watchlist(AlertingSpec):
    """The whole watchlist file: the alerting keys, then the watched entries (checked against them)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    watch: tuple[WatchItem, ...] = ()

    @classmethod
    def references(cls, data: Any) -> list[tuple[Loc, str]]:
        return [*super().references(data), *watch_references(data)]

    def entries(self) -> tuple[WatchEntry, ...]:
        return tuple(item.entry() for item in self.watch)

    def routing(
        self,
        notify_urls: tuple[str, ...] = (),
        environ: dict[str, str] | None = None,
        resolve_urls: bool = True,
    ) -> Routing:
        """Channels and routes; ``resolve_urls=False`` leaves every channel's URL empty, for a tool
        that only decides (``replay``) and must not need the secrets."""
        entries = {item.id: (item.channels, item.severity) for item in self.watch}
        return build_routing(self, entries, notify_urls, environ, resolve_urls)


def watch_references(data: Any) -> list[tuple[Loc, str]]:
    """Reused ids, unknown built-in places and unknown channels of the ``watch`` entries, read from
    the data as written (what is not a list or a mapping there is left to the model to report)."""
    if not isinstance(data, dict) or not isinstance(data.get("watch"), list):
        return []
    channels = data.get("channels")
    places = builtin().places
    found: list[tuple[Loc, str]] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(data["watch"]):
        if not isinstance(item, dict):
            continue
        entry_id = item.get("id")
        if isinstance(entry_id, str) and entry_id in seen:
            found.append(
                (("watch", index, "id"), f"id {entry_id!r} is already used by watch[{seen[entry_id]}]")
            )
        elif isinstance(entry_id, str):
            seen[entry_id] = index
        for field in ("place", "within"):
            value = item.get(field)
            if isinstance(value, str) and value not in places:
                found.append(
                    (
                        ("watch", index, field),
                        f"unknown built-in place {value!r} (ids: wirewatch/data/places.csv)",
                    )
                )
        # Without channels, the --notify URLs make the channels: build_routing checks those names.
        if isinstance(channels, dict) and channels and isinstance(item.get("channels"), list):
            found += [
                (("watch", index, "channels", n), unknown_channel(name, channels))
                for n, name in enumerate(item["channels"])
                if isinstance(name, str) and name not in channels
            ]
    return found


def load_watchlist(path: str | Path) -> Watchlist:
    return yamlfile.load(path, Watchlist)


def analyzer_for(path: str | Path | None, rules: str | Path | None = None) -> Analyzer:
    """The analyzer for a watchlist file (built-in gazetteer only when ``path`` is None) and a rules
    file (``wirewatch.rules``; none when ``rules`` is None)."""
    from wirewatch.rules import load_rules

    team_rules = load_rules(rules)
    if path is None:
        return Analyzer.create(rules=team_rules)
    watchlist = load_watchlist(path)
    try:
        return Analyzer.create(watchlist.entries(), rules=team_rules)
    except WatchError as exc:
        raise ConfigError(str(exc), path=str(path)) from None
