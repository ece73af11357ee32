"""Alert text: what an analyst reads, with every string from a feed made inert (pure).

Feed titles and outlet names are untrusted: a title may carry ``<!channel>`` (a Slack mention),
``<script>``, a fake ``<http://evil|link>``, or a CR/LF that forges an e-mail header. ``inert()``
flattens control characters and line breaks, and replaces the characters that Slack, Markdown
and HTML treat as markup with look-alikes that render the same to a reader and mean nothing to
a parser.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wirewatch.core.alerting import Notice
from wirewatch.core.health import FeedEvent
from wirewatch.core.incidents import Figure, Incident


@dataclass(frozen=True)
class Rendered:
    """One notification in every format a channel reads; the senders choose theirs."""

    title: str
    text: str  # plain text
    markdown: str  # Slack/Mattermost mrkdwn
    html: str  # e-mail
    payload: dict[str, Any]  # the JSON payload for webhooks
    key: str  # idempotency key


_MARKUP = str.maketrans(
    {
        "<": "‹",
        ">": "›",
        "&": "＆",
        "*": "∗",
        "_": "＿",
        "`": "ˋ",
        "|": "│",
        "~": "∼",
        "[": "［",
        "]": "］",
    }
)
_MENTION = re.compile(r"@(?=(channel|here|everyone|all)\b)", re.IGNORECASE)
_LINK_LIKE = re.compile(r"(?i)\b(https?|ftp|mailto|javascript|data):")

TYPE_NAMES = {
    "rocket": "Rocket attack",
    "missile": "Missile attack",
    "mortar": "Mortar attack",
    "drone": "Drone attack",
    "ied": "IED attack",
    "suicide": "Suicide attack",
    "shooting": "Shooting",
    "airstrike": "Airstrike",
    "other": "Attack",
}


def inert(text: str | None, limit: int = 300) -> str:
    """One line of untrusted text that no channel will interpret as markup, mention or header."""
    if not text:
        return ""
    value = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in text
        if unicodedata.category(ch) != "Cf"
        or ch in "\u200c\u200d"  # keep ZWNJ/ZWJ: Persian/Kurdish need them
    )
    value = " ".join(value.split())
    value = _MENTION.sub("@\u2060", value.translate(_MARKUP))
    value = _LINK_LIKE.sub(lambda m: m.group(1) + "\u2060:", value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def safe_link(url: str | None) -> str:
    """The article link when it is a plain http(s) URL, else nothing."""
    if not url or not re.match(r"(?i)^https?://[^\s<>|\"'`]+$", url):
        return ""
    return url


PAYLOAD_SCHEMA = "wirewatch.alert/1"


def where(incident: Incident) -> str:
    """The most specific target with its governorate and country, then targets outside it."""
    targets = incident.places  # most specific first (``core.incidents`` keeps them so)
    if not targets:
        return "unknown place"
    head = targets[0]
    label = inert(head.name) + (f" ({', '.join(inert(a) for a in head.area)})" if head.area else "")
    covered = set(head.lineage)
    others = []
    for place in targets[1:]:
        if place.id in covered:
            continue  # "Anbar" adds nothing to "Ain al-Asad Air Base (Anbar, Iraq)"
        covered.update(place.lineage)
        others.append(inert(place.name))
    if others:
        label += " and " + ", ".join(others[:2]) + (" …" if len(others) > 2 else "")
    return label


def _figure(figure: Figure, unit: str) -> str:
    if figure.low is None or figure.high is None:
        return ""
    if figure.low == figure.high:
        return f"{figure.low} {unit}"
    return f"{figure.low}–{figure.high} {unit} (outlets differ; latest {figure.latest})"


def casualties(incident: Incident) -> str:
    killed, wounded = incident.killed, incident.wounded
    if killed.high is None and wounded.high is None:
        return "not reported"
    if not killed.high and not wounded.high:
        return "none reported"
    parts = [
        p for p in (_figure(killed, "killed"), _figure(wounded, "wounded")) if p and not p.startswith("0 ")
    ]
    return ", ".join(parts)


def _kind_of(incident: Incident) -> str:
    kind = " + ".join(TYPE_NAMES.get(t, t) for t in incident.attack_types) or "Attack"
    return kind + (" (intercepted)" if incident.intercepted else "")


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "unknown time"


@dataclass(frozen=True)
class _Fact:
    label: str
    value: str  # already inert
    link: str = ""  # a checked http(s) URL


def _incident_facts(notice: Notice, incident: Incident, labels: dict[str, str]) -> tuple[str, list[_Fact]]:
    title = f"{_kind_of(incident)}: {where(incident)}"
    if notice.kind == "update":
        title = f"UPDATE ({incident.state}): {title}"
    projectiles = _figure(incident.projectiles, "projectiles")
    facts = []
    if notice.kind == "update":
        facts.append(
            _Fact("Update", f"of the alert for incident {incident.id}: {notice.change.replace('_', ' ')}")
        )
    facts += [
        _Fact("Watched", ", ".join(labels.get(e, e) for e in notice.entries)),
        _Fact("Severity", notice.severity),
        _Fact("Type", ", ".join(incident.attack_types) + (f", {projectiles}" if projectiles else "")),
        _Fact("Casualties", casualties(incident)),
        _Fact(
            "Status",
            f"{incident.state}, {incident.independent_outlets} independent outlet"
            f"{'s' if incident.independent_outlets != 1 else ''}, {len(incident.reports)} report"
            f"{'s' if len(incident.reports) != 1 else ''} ({', '.join(incident.languages)})",
        ),
    ]
    first = incident.reports[0] if incident.reports else None
    if first is not None:
        facts.append(
            _Fact(
                "First report",
                f"{inert(first.outlet, 120)}, {_when(first.published or first.seen_at)}",
                safe_link(first.url),
            )
        )
        facts.append(_Fact("Headline", inert(first.title)))
    others = [o for o in incident.outlets if first is None or o != first.outlet]
    if others:
        facts.append(
            _Fact(
                "Also reported by",
                ", ".join(inert(o, 60) for o in others[:6])
                + (f" and {len(others) - 6} more" if len(others) > 6 else ""),
            )
        )
    if incident.claimed_by:
        facts.append(_Fact("Claimed by", ", ".join(inert(c, 80) for c in incident.claimed_by)))
    if incident.late:
        facts.append(
            _Fact("Late report", f"the attack was on {_when(incident.event_time)}, reported days later")
        )
    facts.append(_Fact("Incident", f"{incident.id} (revision {incident.revision})"))
    return title, facts


def _digest_facts(notice: Notice) -> tuple[str, list[_Fact]]:
    title = f"Catch-up digest: {len(notice.digest)} earlier incident{'s' if len(notice.digest) != 1 else ''}"
    facts = [
        _Fact(
            "Why a digest",
            "these incidents are older than the freshness budget (the alerter was "
            "down, old news was replayed, or an attack was first reported days later), "
            "so they are summarized instead of paged",
        )
    ]
    for item in sorted(notice.digest, key=lambda i: i.incident.event_time):
        incident = item.incident
        first = incident.reports[0] if incident.reports else None
        facts.append(
            _Fact(
                _when(incident.event_time),
                f"{_kind_of(incident)}: {where(incident)}; watched {', '.join(item.entries)}; "
                f"{incident.state}, {incident.independent_outlets} outlets; {incident.id}",
                safe_link(first.url) if first else "",
            )
        )
    return title, facts


def _feed_facts(notice: Notice) -> tuple[str, list[_Fact]]:
    broken = [e for e in notice.feed_events if e.event == "broken"]
    recovered = [e for e in notice.feed_events if e.event == "recovered"]
    title = f"Feed health: {len(broken)} broken, {len(recovered)} recovered"
    facts = []
    for event in notice.feed_events:
        what = "BROKEN" if event.event == "broken" else "recovered"
        detail = f"{what}; {event.failures} failures"
        if event.error_class:
            detail += f"; {inert(event.error_class, 40)}: {inert(event.error or '', 160)}"
        facts.append(_Fact(inert(event.outlet or event.feed_url, 120), detail, safe_link(event.feed_url)))
    return title, facts


def _incident_payload(incident: Incident) -> dict[str, Any]:
    """The incident as data, with every string that came from a feed made inert."""
    data = incident.model_dump(mode="json", exclude={"reports"})
    data["outlets"] = [inert(o, 120) for o in incident.outlets]
    data["claimed_by"] = [inert(c, 80) for c in incident.claimed_by]
    data["first_report_by_outlet"] = {inert(k, 120): v for k, v in data["first_report_by_outlet"].items()}
    for figure in ("projectiles", "killed", "wounded"):
        data[figure]["sources"] = {inert(k, 120): v for k, v in data[figure]["sources"].items()}
    return data


def _payload(notice: Notice, title: str, facts: list[_Fact], test: bool) -> dict[str, Any]:
    incident = notice.incident
    return {
        "schema": PAYLOAD_SCHEMA,
        "idempotency_key": notice.key,
        "kind": notice.kind,
        "test": test,
        "severity": notice.severity,
        "title": title,
        "text": "\n".join(f"{f.label}: {f.value}" for f in facts),
        "watch_hits": list(notice.entries),
        "change": notice.change or None,
        "incident": _incident_payload(incident) if incident else None,
        "reports": [
            {
                "article_id": r.article_id,
                "outlet": inert(r.outlet, 120),
                "lang": r.lang,
                "title": inert(r.title),
                "url": safe_link(r.url) or None,
                "published": r.published.isoformat() if r.published else None,
                "wire_copy_of": r.wire_of,
            }
            for r in (incident.reports if incident else ())
        ],
        "digest": [
            {"incident": i.incident.id, "entries": list(i.entries), "severity": i.severity}
            for i in notice.digest
        ],
        "feeds": [_feed_payload(e) for e in notice.feed_events],
        "created_at": notice.created_at.isoformat(),
    }


def _feed_payload(event: FeedEvent) -> dict[str, Any]:
    """A feed event as data: the outlet and the error a server sent back are a feed's text too."""
    data = event.model_dump(mode="json")
    data["outlet"] = inert(event.outlet, 120) if event.outlet else None
    data["error_class"] = inert(event.error_class, 40) if event.error_class else None
    data["error"] = inert(event.error, 160) if event.error else None
    data["feed_url"] = safe_link(event.feed_url) or inert(event.feed_url, 200)
    return data


TEST_TITLE = "TEST (not a real alert): "
TEST_FACT = _Fact("TEST", "sent by `wirewatch test-alert` to check this channel; nothing happened")


def render(notice: Notice, watch_labels: dict[str, str] | None = None, *, test: bool = False) -> Rendered:
    """The notice in every format a channel may want; all untrusted text already made inert.

    ``test`` marks a sample (``wirewatch test-alert``): TEST leads the title, the part a lock
    screen shows, and the first line of the body, and the payload says ``"test": true``.
    """
    labels = watch_labels or {}
    if notice.kind in ("new", "update") and notice.incident is not None:
        title, facts = _incident_facts(notice, notice.incident, labels)
    elif notice.kind == "digest":
        title, facts = _digest_facts(notice)
    else:
        title, facts = _feed_facts(notice)
    if test:
        title, facts = TEST_TITLE + title, [TEST_FACT, *facts]
    text = "\n".join(f"{f.label}: {f.value}" + (f" <{f.link}>" if f.link else "") for f in facts)
    # No title line: every channel is given the title apart and shows it once (Slack as the
    # attachment's title, Mattermost as the first line).
    markdown = "\n".join(f"*{f.label}:* {f.value}" + (f" (<{f.link}|link>)" if f.link else "") for f in facts)
    rows = "".join(
        f"<tr><th align='left' valign='top'>{html.escape(f.label)}</th><td>{html.escape(f.value)}"
        + (f" <a href='{html.escape(f.link, quote=True)}'>link</a>" if f.link else "")
        + "</td></tr>"
        for f in facts
    )
    page = f"<html><body><h3>{html.escape(title)}</h3><table>{rows}</table></body></html>"
    return Rendered(
        title=title,
        text=text,
        markdown=markdown,
        html=page,
        payload=_payload(notice, title, facts, test),
        key=notice.key,
    )
