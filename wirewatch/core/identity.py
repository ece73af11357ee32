"""Stable article identity across feeds that reorder, re-date and re-GUID their items (pure).

An article's id comes from its canonical link (scheme and host lower-cased, default port,
fragment and tracking parameters dropped, remaining parameters sorted) together with its GUID
when the GUID is not just the link again; with neither, from a fingerprint of its content.
The fingerprint of title and text also tells an edited entry from an unchanged one.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from wirewatch.core.text import normalize

_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi|"
    r"ref|ref_src|ref_url|cmpid|ncid|ocid|sr_share|at_medium|at_campaign|spm|share|s_cid|rss|from|"
    r"xtor|__twitter_impression|feature)$",
    re.IGNORECASE,
)
_DEFAULT_PORTS = {"http": "80", "https": "443"}


def canonical_url(url: str) -> str:
    """The link without tracking parameters, fragment, default port or letter-case noise."""
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    port = parts.port if parts.port and str(parts.port) != _DEFAULT_PORTS.get(scheme) else None
    netloc = f"{host}:{port}" if port else host
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    )
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/")
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def fingerprint(title: str, text: str) -> str:
    """A hash of the normalized title and text: equal for the same words however encoded."""
    words = " ".join(normalize(f"{title} {text}").split())
    return hashlib.blake2b(words.encode("utf-8"), digest_size=12).hexdigest()


def article_id(link: str, guid: str | None, title: str, text: str) -> str:
    """``a-`` and 24 hex digits, stable for the same canonical link and GUID."""
    canon = canonical_url(link)
    guid = (guid or "").strip()
    if guid and canonical_url(guid) == canon:
        guid = ""  # a GUID that is only the link again adds nothing (and its tracking params vary)
    basis = f"{canon}\x1f{guid}" if canon or guid else "content\x1f" + fingerprint(title, text)
    return "a-" + hashlib.blake2b(basis.encode("utf-8"), digest_size=12).hexdigest()
