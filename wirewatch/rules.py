"""The rules file: a team's own suppressions over detection (see ``core.rules`` for what they do).

```yaml
suppress:
  - id: range-drills                 # shown by explain and replay as "rule range-drills: ..."
    phrases: ["live-fire drill", "مناورات بالذخيرة الحية"]
    reason: drills at the range are not attacks
    scope: article                   # or sentence: only the attack sentence that has the phrase
ignore_places: [IQ-BG]               # gazetteer place ids never taken as a target
```

The processor reads it from ``WIREWATCH_RULES``; ``analyze``, ``explain`` and ``replay`` take
``--rules FILE``. A bad file is a ``ConfigError`` that names each problem with its line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from wirewatch import yamlfile
from wirewatch.core.gazetteer import builtin
from wirewatch.core.rules import NO_RULES, Rules, Suppress, phrase_words
from wirewatch.errors import ConfigError
from wirewatch.validation import StableId


class SuppressItem(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: StableId = Field(description="stable rule id, shown where the rule rejected a sentence")
    phrases: tuple[str, ...] = Field(min_length=1, description="phrases in any script, matched word by word")
    reason: str = Field(min_length=1, description="why such sentences are not attacks, as an analyst says it")
    scope: Literal["article", "sentence"] = Field(
        "article", description="article: a phrase anywhere in it; sentence: in the attack's own sentence"
    )

    @field_validator("phrases")
    @classmethod
    def _phrases(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for phrase in value:
            if not phrase_words(phrase):
                raise ValueError(f"phrase {phrase!r} has no words")
        return value


class RulesFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    suppress: tuple[SuppressItem, ...] = ()
    ignore_places: tuple[str, ...] = Field(default=(), description="gazetteer place ids")

    @field_validator("ignore_places")
    @classmethod
    def _known(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        places = builtin().places
        unknown = [p for p in value if p not in places]
        if unknown:
            raise ValueError(
                f"unknown place id {unknown[0]!r} (ids: wirewatch/data/places.csv and world.csv)"
            )
        return value

    @model_validator(mode="after")
    def _unique(self) -> RulesFile:
        seen: set[str] = set()
        for item in self.suppress:
            if item.id in seen:
                raise ValueError(f"rule id {item.id!r} is used twice")
            seen.add(item.id)
        return self

    def rules(self) -> Rules:
        return Rules(
            suppress=tuple(Suppress.of(i.id, i.phrases, i.reason, i.scope) for i in self.suppress),
            ignore_places=frozenset(self.ignore_places),
        )


def load_rules(path: str | Path | None) -> Rules:
    """The rules of ``path`` (none when ``path`` is None); ``ConfigError`` names what is wrong and where."""
    if path is None:
        return NO_RULES
    if not Path(path).is_file():
        raise ConfigError("rules file not found", path=str(path))
    return yamlfile.load(path, RulesFile).rules()
