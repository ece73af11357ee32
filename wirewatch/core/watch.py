"""Watched places: resolving watchlist entries to gazetteer places and finding hits (pure).

A watchlist entry names a base, region, city or site in any script. This room links it to a
built-in place when one of its names is a known alias (so the place hierarchy and every
spelling outlets use come with it), or makes it a place of its own when it is unknown. An entry
is *hit* when a current attack's target lies in its place: the base itself, or anything inside
the region or city.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from wirewatch.core.gazetteer import Gazetteer, Place

WATCH_KINDS = ("base", "region", "city", "site")
_PLACE_KINDS_FOR = {
    "base": ("base", "site"),
    "site": ("site", "base"),
    "city": ("city", "district"),
    "region": ("governorate", "country", "district"),
}


@dataclass(frozen=True, slots=True)
class WatchEntry:
    """The minimal watchlist contract: an id, a kind and names; optionally a built-in place id."""

    id: str
    kind: str
    names: tuple[str, ...]
    place: str | None = None
    within: str | None = None  # parent place id for an entry that is not in the gazetteer


@dataclass(frozen=True, slots=True)
class WatchTarget:
    entry_id: str
    kind: str
    place_id: str
    builtin: bool


class WatchError(ValueError):
    """A watchlist entry that cannot be resolved; the message names the entry and the field."""


def resolve(entries: Sequence[WatchEntry], gazetteer: Gazetteer) -> tuple[Gazetteer, list[WatchTarget]]:
    """Link entries to places; return the gazetteer extended with the entries' names."""
    extra: dict[str, Place] = {}
    targets: list[WatchTarget] = []
    for entry in entries:
        place_id = _builtin_place(entry, gazetteer)
        if place_id is not None:
            base = extra.get(place_id) or gazetteer.places[place_id]
            unknown = [n for n in entry.names if place_id not in gazetteer.lookup(n)]
            if unknown:
                extra[place_id] = Place(
                    base.id,
                    base.kind,
                    base.parent,
                    base.name_en,
                    base.name_ar,
                    base.aliases + tuple(n for n in unknown if n not in base.aliases),
                    base.context_aliases,
                )
            targets.append(WatchTarget(entry.id, entry.kind, place_id, builtin=True))
            continue
        if entry.within is not None and entry.within not in gazetteer.places:
            raise WatchError(f"watch entry {entry.id!r}: field 'within': unknown place {entry.within!r}")
        own_id = f"watch:{entry.id}"
        kind = {"region": "governorate", "city": "city", "base": "base", "site": "site"}[entry.kind]
        extra[own_id] = Place(own_id, kind, entry.within, entry.names[0], "", tuple(entry.names[1:]))
        targets.append(WatchTarget(entry.id, entry.kind, own_id, builtin=False))
    return gazetteer.with_places(extra.values()), targets


def _builtin_place(entry: WatchEntry, gazetteer: Gazetteer) -> str | None:
    if entry.place is not None:
        if entry.place not in gazetteer.places:
            raise WatchError(
                f"watch entry {entry.id!r}: field 'place': unknown built-in place {entry.place!r}"
            )
        return entry.place
    votes: dict[str, float] = {}
    preferred = _PLACE_KINDS_FOR[entry.kind]
    for name in entry.names:
        candidates = gazetteer.lookup(name)
        if entry.kind == "region":
            # "Basra" as a region is the governorate, whose bare name the gazetteer gives the city.
            for qualified in (f"{name} province", f"{name} governorate", f"محافظة {name}"):
                candidates = [*gazetteer.lookup(qualified), *candidates]
        for rank, pid in enumerate(dict.fromkeys(candidates)):
            kind_bonus = 2 if gazetteer.places[pid].kind in preferred else 0
            votes[pid] = votes.get(pid, 0.0) + 1 + kind_bonus - rank * 0.1
    if not votes:
        return None
    best, score = max(votes.items(), key=lambda kv: kv[1])
    return best if score >= 1 else None


def hits(targets: Iterable[str], watch: Sequence[WatchTarget], gazetteer: Gazetteer) -> list[str]:
    """Entry ids whose place contains one of the attack's target places, in watchlist order."""
    return hits_in([gazetteer.lineage(t) for t in targets if t in gazetteer.places], watch)


def hits_in(lineages: Iterable[Sequence[str]], watch: Sequence[WatchTarget]) -> list[str]:
    """Entry ids hit by targets given as their lineages (place id first, then its ancestors)."""
    areas = [set(lineage) for lineage in lineages]
    if not areas:
        return []
    return [w.entry_id for w in watch if any(w.place_id in area for area in areas)]
