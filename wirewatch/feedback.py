"""Analysts' marks as data: what each mark means for a report's label, and ``wirewatch feedback export``.

A mark says what the pipeline got wrong; exported, it becomes a labelled item in the format of
``make eval`` (tests/eval/README.md), so that the marks of a month can be scored like the
evaluation sets. ``label_for`` is pure; ``export_marks`` reads the feedback, incidents and
attack-reports topics.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from wirewatch.core.incidents import Incident, ReportFacts
from wirewatch.topics.records import AttackReport, FeedbackRecord


def label_for(
    mark: FeedbackRecord, incident: Incident, report: ReportFacts, watch_hits: Sequence[str]
) -> dict[str, Any]:
    """The eval label a mark gives one report of its incident (the detector's own where it says nothing).

    ``watch_hits`` are the report's as analyzed (``AttackReport.watch_hits``).
    """
    hits = list(watch_hits)
    types = list(report.types)
    label: dict[str, Any] = {
        "attack": True,
        "types": types,
        "watch_hits": hits,
        "event": incident.id,
        "trap": f"feedback:{mark.mark}",
    }
    if mark.mark == "not_attack":
        label.update(attack=False, types=[], watch_hits=[], event=None)
    elif mark.mark == "not_relevant":
        label.update(watch_hits=[])
    elif mark.mark == "wrong_place" and mark.place_id:
        wrong = mark.place_id
        through_wrong = {
            hit for place in report.places if place.id == wrong for hit in hits if hit in place.lineage
        }
        label["watch_hits"] = [h for h in hits if h not in through_wrong and h != wrong]
    elif mark.mark == "same_event" and mark.other_incident:
        label["event"] = min(incident.id, mark.other_incident)  # both incidents' reports share it
    return label


def labelled_items(
    marks: Iterable[FeedbackRecord], incidents: Mapping[str, Incident], reports: Mapping[str, AttackReport]
) -> list[dict[str, Any]]:
    """One eval item per marked report (an incident mark covers each of its reports); ``reports``
    are the attack reports of their articles, by article id."""
    out: list[dict[str, Any]] = []
    for mark in marks:
        incident = incidents.get(mark.incident_id)
        if incident is None:
            continue
        for report in incident.reports:
            if mark.article_id is not None and report.article_id != mark.article_id:
                continue
            seen = reports.get(report.article_id)
            out.append(
                {
                    "id": report.article_id,
                    "lang": report.lang,
                    "style": "feedback",
                    "outlet": report.outlet,
                    "published": (report.published or report.seen_at).isoformat().replace("+00:00", "Z"),
                    "title": report.title,
                    "text": seen.text if seen is not None else "",
                    "url": report.url,
                    "label": label_for(mark, incident, report, seen.watch_hits if seen is not None else ()),
                    "feedback": {"by": mark.by, "at": mark.at.isoformat(), "why": mark.why},
                }
            )
    return out


def export_marks(settings: Any, out: TextIO) -> int:
    from wirewatch.topics import ATTACK_REPORTS, FEEDBACK, INCIDENTS
    from wirewatch.topics.admin import ensure_topics
    from wirewatch.topics.codec import decode
    from wirewatch.topics.reader import read_compacted
    from wirewatch.topics.records import IncidentRecord, report_or_mark

    ensure_topics(settings, [FEEDBACK])
    marks: dict[str, FeedbackRecord] = {}
    for key, value, _ in read_compacted(settings, FEEDBACK, client="feedback-export"):
        if value is None:
            marks.pop(key, None)
        else:
            marks[key] = decode(value, FeedbackRecord)
    wanted = {m.incident_id for m in marks.values()}
    incidents: dict[str, Incident] = {}
    for key, value, _ in read_compacted(settings, INCIDENTS, client="feedback-export"):
        if key in wanted and value is not None:
            incidents[key] = decode(value, IncidentRecord).incident
    articles = {r.article_id for i in incidents.values() for r in i.reports}
    reports: dict[str, AttackReport] = {}
    for _, value, _ in read_compacted(settings, ATTACK_REPORTS, client="feedback-export"):
        if value is None:
            continue
        report = report_or_mark(value)
        if isinstance(report, AttackReport) and report.facts.article_id in articles:
            reports[report.facts.article_id] = report
    for item in labelled_items(sorted(marks.values(), key=lambda m: m.at), incidents, reports):
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
    return 0
