"""Alert text: what an analyst reads, with every string from a feed made inert (pure).

Feed titles and outlet names are untrusted: a title may carry ``<!channel>`` (a Slack mention),
``<script>``, a fake ``<http://evil|link>``, or a CR/LF that forges an e-mail header. ``inert()``
flattens control characters and line breaks, and replaces the characters that Slack, Markdown
and HTML treat as markup with look-alikes that render the same to a reader and mean nothing to
a parser.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from wirewatch.core.incidents import Figure, Incident

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


@dataclass(frozen=True)
class Alert:
    incident: str
    revision: int
    kind: str  # new | update
    title: str
    body: str
    watch_hits: tuple[str, ...]


_SPECIFICITY = {"base": 3, "site": 3, "city": 2, "district": 2, "governorate": 1, "country": 0}


def _where(incident: Incident) -> str:
    """The most specific target with its governorate and country, then targets outside it."""
    targets = sorted(incident.places, key=lambda p: (-_SPECIFICITY.get(p.kind, 0), -len(p.lineage)))
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


def render_alert(
    incident: Incident,
    hits: Sequence[str],
    watch_labels: dict[str, str],
    kind: str = "new",
    change: str = "new",
) -> Alert:
    """The alert for watched entries ``hits`` (ids): a new incident, or an update of one."""
    types = " + ".join(TYPE_NAMES.get(t, t) for t in incident.attack_types) or "Attack"
    if incident.intercepted:
        types += " (intercepted)"
    title = f"{types}: {_where(incident)}"
    if kind == "update":
        title = f"UPDATE ({incident.state}): {title}"
    first = incident.reports[0] if incident.reports else None
    projectiles = _figure(incident.projectiles, "projectiles")
    lines = [
        f"Watched: {', '.join(watch_labels.get(h, h) for h in hits)}",
        f"Type: {', '.join(incident.attack_types)}" + (f", {projectiles}" if projectiles else ""),
        f"Casualties: {_casualties(incident)}",
        f"Status: {incident.state}, {incident.independent_outlets} independent outlet"
        f"{'s' if incident.independent_outlets != 1 else ''}, {len(incident.reports)} report"
        f"{'s' if len(incident.reports) != 1 else ''} ({', '.join(incident.languages)})",
    ]
    if kind == "update":
        lines.insert(0, f"Update of the alert for incident {incident.id}: {change.replace('_', ' ')}")
    if first is not None:
        when = (first.published or first.seen_at).strftime("%Y-%m-%d %H:%M UTC")
        lines += [f"First report: {inert(first.outlet, 120)}, {when}", f"Headline: {inert(first.title)}"]
        link = safe_link(first.url)
        if link:
            lines.append(f"Link: {link}")
    others = [o for o in incident.outlets if first is None or o != first.outlet]
    if others:
        lines.append(
            "Also reported by: "
            + ", ".join(inert(o, 60) for o in others[:6])
            + (f" and {len(others) - 6} more" if len(others) > 6 else "")
        )
    if incident.claimed_by:
        lines.append(f"Claimed by: {', '.join(inert(c, 80) for c in incident.claimed_by)}")
    lines.append(f"Incident: {incident.id} (revision {incident.revision})")
    return Alert(incident.id, incident.revision, kind, title, "\n".join(lines), tuple(hits))


def _casualties(incident: Incident) -> str:
    killed, wounded = incident.killed, incident.wounded
    if killed.high is None and wounded.high is None:
        return "not reported"
    if not killed.high and not wounded.high:
        return "none reported"
    parts = [
        p for p in (_figure(killed, "killed"), _figure(wounded, "wounded")) if p and not p.startswith("0 ")
    ]
    return ", ".join(parts)
