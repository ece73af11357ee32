"""One article in, one analysis out: the contract of ``wirewatch analyze`` and the processor (pure).

This room joins language identification, detection, the gazetteer and the watchlist into the
``Analysis`` (``core.findings``) the incident and alerting stages read: is it a current attack,
of which types, on which places (with their governorate and country), with what numbers, and
which watched entries it hits. ``Analysis.record()`` is the line ``wirewatch analyze`` prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from wirewatch.core import incidents
from wirewatch.core.detect import Article, Detection, Mention, detect
from wirewatch.core.findings import Analysis, AttackFacts, AttackMention, Casualties, ReportedPlace, Role
from wirewatch.core.gazetteer import Gazetteer, builtin
from wirewatch.core.lang import identify
from wirewatch.core.lexicon import ATTACK_TYPES, source_name
from wirewatch.core.roles import most_specific
from wirewatch.core.rules import NO_RULES, Rules
from wirewatch.core.watch import WatchEntry, WatchTarget, hits, resolve


@dataclass(frozen=True)
class Analyzer:
    """The gazetteer extended by the watchlist, the resolved watch targets, and the team's rules."""

    gazetteer: Gazetteer
    watch: tuple[WatchTarget, ...] = field(default=())
    rules: Rules = NO_RULES

    @classmethod
    def create(
        cls,
        entries: tuple[WatchEntry, ...] = (),
        gazetteer: Gazetteer | None = None,
        rules: Rules = NO_RULES,
    ) -> Analyzer:
        extended, targets = resolve(entries, gazetteer or builtin())
        return cls(extended, tuple(targets), rules)

    def detect(self, article: Article) -> Detection:
        """The detector's findings, with the team's rules applied (``core.rules``)."""
        return self.rules.apply(detect(article, self.gazetteer))

    def analyze(self, article: Article) -> Analysis:
        return analysis_of(article, self.detect(article), self)

    def warm(self) -> None:
        """Build now what the first analysis would build (the start automaton, about 0.4 s).

        A processor calls this before it joins its group, so that its first real articles do not
        wait for it. The two short texts are the project's own; their analyses are dropped.
        """
        when = datetime(2024, 1, 1, tzinfo=UTC)
        for lang, title, text in _WARM_UP:
            self.analyze(Article(id=f"warm-up-{lang}", title=title, text=text, published=when, lang=lang))


_WARM_UP = (
    ("en", "Rockets hit an air base", "Two rockets hit Ain al-Asad air base in Anbar on Monday."),
    ("ar", "صواريخ على قاعدة", "سقط صاروخان على قاعدة عين الأسد في محافظة الأنبار فجر اليوم."),
)


def _event_time(reference: datetime | None, current: Sequence[Mention]) -> datetime | None:
    """Publication time (or the article's own dateline) moved back by the lead attack's
    "yesterday"/"two days ago", if it says so."""
    if reference is None or not current:
        return None
    lead = current[0]
    days = [
        r.days_ago
        for r in lead.time_refs
        if r.days_ago is not None and (r.kind == "current" or lead.recency == "late")
    ]
    return reference - timedelta(days=max(days) if days else 0)


def _event_dated(current: Sequence[Mention]) -> bool:
    """Whether the text itself gives the lead attack's day ("on Friday", "yesterday", "today"),
    rather than the publication standing in for it."""
    if not current:
        return False
    lead = current[0]
    return any(
        r.days_ago is not None and (r.kind == "current" or lead.recency == "late") for r in lead.time_refs
    )


def _place(place_id: str, role: Role, analyzer: Analyzer) -> ReportedPlace:
    g = analyzer.gazetteer
    p = g.places[place_id]
    governorate = g.governorate_of(p.id)
    country = g.country_of(p.id)
    return ReportedPlace(
        id=p.id,
        name=p.name_en or p.name_ar,
        name_ar=p.name_ar,
        kind=p.kind,
        role=role,
        governorate=governorate,
        country=country,
        lineage=tuple(g.lineage(p.id)),
        area=tuple(_short_name(g, a) for a in (governorate, country) if a is not None and a != p.id),
    )


def _short_name(g: Gazetteer, place_id: str) -> str:
    """ "Anbar" for "Anbar", "Basra" for "Basra Governorate": the name an analyst says."""
    name = g.places[place_id].name_en or g.places[place_id].name_ar
    for suffix in (" Governorate", " Province"):
        name = name.removesuffix(suffix)
    return name


def _attack_mention(m: Mention, analyzer: Analyzer) -> AttackMention:
    return AttackMention(
        sentence=m.sentence + 1,
        types=tuple(m.types),
        recency=m.recency,
        recency_reason=m.recency_reason,
        places=(
            *(_place(p, "target", analyzer) for p in m.places),
            *(_place(p, "origin", analyzer) for p in m.origins),
        ),
        projectiles=m.projectiles,
        killed=m.killed,
        wounded=m.wounded,
        no_casualties=m.no_casualties,
        intercepted=m.intercepted,
    )


def analyze_batch(
    articles: Sequence[Article],
    analyzer: Analyzer,
    policy: incidents.IncidentRules | None = None,
    advance: Callable[[], object] | None = None,
) -> list[Analysis]:
    """Analyses of many articles in input order, grouped into incidents (the processor's offline twin).

    Articles are replayed in publication order through the same incident logic the processor
    runs, so ``incident`` is shared by the reports of one event.
    """
    return analyze_window(articles, analyzer, IncidentBook(policy or incidents.IncidentRules()), advance)


def analyze_window(
    articles: Sequence[Article],
    analyzer: Analyzer,
    book: IncidentBook,
    advance: Callable[[], object] | None = None,
) -> list[Analysis]:
    """Analyses of one window of a stream, in input order, grouped into the stream's incidents.

    Within the window the attack reports are replayed in publication order; ``book`` carries the
    open incidents from one window to the next and forgets those too old to take reports, so a
    long stream is analyzed in memory bounded by its window and the open incidents. ``advance``
    is called after each article's analysis (a progress bar).
    """
    analyses = []
    for article in articles:
        analyses.append(analyzer.analyze(article))
        if advance is not None:
            advance()
    reports = [i for i, r in enumerate(analyses) if incidents.reported(r) is not None]
    order = sorted(
        reports,
        key=lambda i: (
            articles[i].published is None,
            articles[i].published or datetime.min.replace(tzinfo=UTC),
            i,
        ),
    )
    for i in order:
        article = articles[i]
        seen = article.published or datetime.now(UTC)
        facts = incidents.facts_from_analysis(analyses[i], article, seen_at=seen)
        # Without a publication date there is no time to match on: the article stands alone.
        incident, _ = book.add(facts, seen, match=article.published is not None)
        analyses[i] = analyses[i].in_incident(incident.id)
    return analyses


class IncidentBook:
    """Incidents kept in memory while they are open: the state ``analyze`` replays reports into."""

    def __init__(self, policy: incidents.IncidentRules) -> None:
        self.policy = policy
        self.index = incidents.OpenIncidents()
        self.store: dict[str, incidents.Incident] = {}
        self.owner: dict[str, str] = {}

    def add(
        self, facts: incidents.ReportFacts, now: datetime, match: bool = True
    ) -> tuple[incidents.Incident, str | None]:
        if not match:  # stands alone: nothing joins it, nothing to keep
            return incidents.apply(None, facts, now, self.policy)
        for gone in self.index.expire(now, self.policy):
            self._forget(gone)
        incident, change = incidents.assign(
            self.index, self.store.get, self.owner.get, facts, now, self.policy
        )
        if change is not None:
            self.store[incident.id] = incident
            self.owner[facts.article_id] = incident.id
            self.index.put(incident)
        return incident, change

    def _forget(self, incident_id: str) -> None:
        incident = self.store.pop(incident_id, None)
        for report in incident.reports if incident is not None else ():
            if self.owner.get(report.article_id) == incident_id:
                del self.owner[report.article_id]


def analysis_of(article: Article, detection: Detection, analyzer: Analyzer) -> Analysis:
    current = detection.current
    late_report = not current and bool(detection.late)
    claims = detection.claims
    return Analysis(
        id=article.id,
        lang=article.lang or identify(f"{article.title}\n{article.text}"),
        attack=detection.attack,
        late_report=late_report,
        current=_facts(current, detection, analyzer),
        claimed_by=tuple(claims.by),
        claim="claimed" if claims.by else ("none" if claims.none else None),
        references=tuple(_attack_mention(m, analyzer) for m in detection.mentions if m.recency == "past"),
        # An attack days old, told as news: its facts apart, so that "attack" and the current
        # facts' watch hits keep meaning a current attack.
        late=_facts(detection.late, detection, analyzer) if late_report else None,
        truncated=article.truncated,
    )


def _facts(mentions: Sequence[Mention], detection: Detection, analyzer: Analyzer) -> AttackFacts:
    types = {t for m in mentions for t in m.types}
    if "missile" in types and all(m.generic_rocket for m in mentions if "rocket" in m.types):
        types.discard("rocket")  # "صاروخ" beside "صاروخ باليستي" elsewhere in the article is the missile
    if len(types) > 1:
        types.discard("other")  # "the explosion caused no casualties" adds nothing to "ied"
    targets = list(
        most_specific(list(dict.fromkeys(p for m in mentions for p in m.places)), analyzer.gazetteer)
    )
    projectiles = [m.projectiles for m in mentions if m.projectiles is not None]
    killed = [m.killed for m in mentions if m.killed is not None]
    wounded = [m.wounded for m in mentions if m.wounded is not None]
    unhurt = any(m.no_casualties for m in mentions)
    return AttackFacts(
        attack_types=tuple(t for t in ATTACK_TYPES if t in types),
        watch_hits=tuple(hits(targets, analyzer.watch, analyzer.gazetteer)),
        event_time=_event_time(detection.reference, mentions),
        event_dated=_event_dated(mentions),
        intercepted=any(m.intercepted for m in mentions),
        places=tuple(_place(p, "target", analyzer) for p in targets),
        projectiles=max(projectiles) if projectiles else None,
        casualties=Casualties(
            killed=max(killed) if killed else (0 if unhurt else None),
            wounded=max(wounded) if wounded else (0 if unhurt else None),
        ),
        reported_by=tuple(
            dict.fromkeys(source_name(h.term) for m in mentions for h in m.terms if h.label == "source")
        ),
        attacks=tuple(_attack_mention(m, analyzer) for m in mentions),
    )
