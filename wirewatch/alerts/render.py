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

from wirewatch.topics.records import AttackReport

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
    title: str
    body: str
    watch_hits: tuple[str, ...]


_SPECIFICITY = {"base": 3, "site": 3, "city": 2, "district": 2, "governorate": 1, "country": 0}


def _where(report: AttackReport) -> str:
    """The most specific target with its governorate and country, then targets outside it."""
    targets = sorted(
        (p for p in report.places if p.role == "target"),
        key=lambda p: (-_SPECIFICITY.get(p.kind, 0), -len(p.lineage)),
    )
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


def render_alert(report: AttackReport, hits: Sequence[str], watch_labels: dict[str, str]) -> Alert:
    """The new-incident alert for watched entries ``hits`` (ids) as plain text."""
    kind = " + ".join(TYPE_NAMES.get(t, t) for t in report.attack_types) or "Attack"
    if report.intercepted:
        kind += " (intercepted)"
    title = f"{kind}: {_where(report)}"
    lines = [
        f"Watched: {', '.join(watch_labels.get(h, h) for h in hits)}",
        f"Type: {', '.join(report.attack_types)}"
        + (f", {report.projectiles} projectiles" if report.projectiles else ""),
        f"Casualties: {_casualties(report)}",
        f"Outlet: {inert(report.outlet, 120)}",
        f"Headline: {inert(report.title)}",
    ]
    link = safe_link(report.url)
    if link:
        lines.append(f"Link: {link}")
    if report.published:
        lines.append(f"Published: {report.published.strftime('%Y-%m-%d %H:%M UTC')}")
    if report.claimed_by:
        lines.append(f"Claimed by: {', '.join(inert(c, 80) for c in report.claimed_by)}")
    lines.append(f"Incident: {report.incident}")
    return Alert(report.incident, title, "\n".join(lines), tuple(hits))


def _casualties(report: AttackReport) -> str:
    if report.killed is None and report.wounded is None:
        return "not reported"
    if not report.killed and not report.wounded:
        return "none reported"
    parts = []
    if report.killed:
        parts.append(f"{report.killed} killed")
    if report.wounded:
        parts.append(f"{report.wounded} wounded")
    return ", ".join(parts)
