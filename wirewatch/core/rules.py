"""A team's own rules over detection: phrases that make a sentence no attack, places never a target (pure).

Detection is code; a team still needs to say "drills at this range are not attacks" or "this
street is never the town" without a release, and to see what such a rule would have changed
before it goes live (``wirewatch replay --rules FILE --diff``). The processor, ``analyze``,
``explain`` and ``replay`` apply the same rules, loaded from the file ``wirewatch.rules`` reads.

- **suppress**: when one of a rule's phrases is in the article (scope ``article``, the default)
  or in the attack sentence itself (scope ``sentence``), matched word by word in matching form so
  that Arabic spellings and case fold together, the attack mentions it covers are not counted;
  ``explain`` shows them as rejected with the rule's id and reason.
- **ignore_places**: gazetteer place ids never taken as a target or an origin.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from wirewatch.core.detect import Detection, Mention, Rejected
from wirewatch.core.text import tokens


@dataclass(frozen=True, slots=True)
class Suppress:
    id: str
    phrases: tuple[tuple[str, ...], ...]  # each phrase as its words in matching form
    reason: str
    scope: str = "article"  # "article": a phrase anywhere in it; "sentence": in the attack's sentence

    @classmethod
    def of(cls, rule_id: str, phrases: tuple[str, ...], reason: str, scope: str = "article") -> Suppress:
        return cls(rule_id, tuple(words for p in phrases if (words := phrase_words(p))), reason, scope)

    def matches(self, words: list[str]) -> bool:
        return any(_contains(words, phrase) for phrase in self.phrases)


def phrase_words(text: str) -> tuple[str, ...]:
    """A phrase's words in matching form, as the detector reads the article."""
    return tuple(t.norm for t in tokens(text))


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1) if words[i] == phrase[0])


@dataclass(frozen=True, slots=True)
class Rules:
    suppress: tuple[Suppress, ...] = ()
    ignore_places: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.suppress or self.ignore_places)

    def apply(self, detection: Detection) -> Detection:
        """The detection with every suppressed mention moved to ``rejected`` and ignored places dropped."""
        if not self or not detection.mentions:
            return detection
        kept: list[Mention] = []
        rejected = list(detection.rejected)
        whole = self._suppressing(detection.doc, "article")
        for mention in detection.mentions:
            rule = whole or self._suppressing(detection.doc[mention.start : mention.end], "sentence")
            if rule is not None:
                reason = f"rule {rule.id}: {rule.reason}"
                rejected.append(Rejected(mention.sentence, mention.start, mention.end, reason, mention.terms))
                continue
            kept.append(self._without_ignored(mention))
        return replace(
            detection,
            mentions=tuple(kept),
            rejected=tuple(sorted(rejected, key=lambda r: r.sentence)),
        )

    def _without_ignored(self, mention: Mention) -> Mention:
        ignored = self.ignore_places
        if not ignored or not any(p in ignored for p in (*mention.places, *mention.origins)):
            return mention
        return replace(
            mention,
            places=tuple(p for p in mention.places if p not in ignored),
            origins=tuple(p for p in mention.origins if p not in ignored),
            place_mentions=tuple(p for p in mention.place_mentions if p.place_id not in ignored),
        )

    def _suppressing(self, text: str, scope: str) -> Suppress | None:
        rules = [rule for rule in self.suppress if rule.scope == scope]
        if not rules:
            return None
        words = [t.norm for t in tokens(text)]
        return next((rule for rule in rules if rule.matches(words)), None)


NO_RULES = Rules()
