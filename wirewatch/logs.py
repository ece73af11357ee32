"""Logging set-up shared by every worker: text or JSON lines, untrusted text escaped.

Feed titles and article text come from strangers: ``untrusted()`` renders them as a quoted,
escaped, length-limited string so a newline or a terminal escape in a title cannot forge a log
line. URLs with credentials are masked before they are logged.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

_SECRET_IN_URL = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)(?P<rest>[^\s]+)", re.IGNORECASE)


def untrusted(text: object, limit: int = 160) -> str:
    """A quoted, escaped form of untrusted text, safe to put in a log line."""
    value = str(text)
    if len(value) > limit:
        value = value[:limit] + "…"
    return json.dumps(value, ensure_ascii=True)


# What a terminal would act on rather than show: C0/C1 controls (ESC, CSI ...) but tab and
# newline, DEL, line/paragraph separators, bidi embeddings/overrides/isolates (text that reads
# differently from what it is), lone surrogates. Letters of every script, RLM and LRM stay.
_TERMINAL_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def for_terminal(text: str) -> str:
    """Untrusted text (feed titles, article text) made inert for a terminal: every character a
    terminal would act on is shown as a ``\\uXXXX`` escape, which also keeps a JSON line valid."""
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def mask_url(url: str) -> str:
    """Scheme and host only (``json://127.0.0.1:8000/…``): tokens and passwords never reach logs."""
    match = _SECRET_IN_URL.match(url)
    if not match:
        return "<url>"
    rest = match.group("rest")
    host = re.split(r"[/?#]", rest, maxsplit=1)[0].rsplit("@", 1)[-1]
    # Services like slack://TokenA/TokenB put secrets where a host would be: show only real hosts.
    if not (host.startswith("localhost") or "." in host or host.startswith("[")):
        return f"{match.group('scheme')}…"
    return f"{match.group('scheme')}{host}/…"


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out = {
            "ts": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if record.exc_info and record.exc_info[0] is not None:
            out["error"] = record.exc_info[0].__name__
        return json.dumps(out, ensure_ascii=False)


# The libraries' loggers: Faust and mode report every rebalance, recovery and offset table at INFO.
LIBRARIES = ("faust", "mode", "aiokafka", "kafka", "apprise")


def libraries_to(path: Path, formatter: logging.Formatter | None) -> None:
    """Send the libraries' log lines to a file of their own (appended to: workers share it)."""
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(formatter)
    for name in LIBRARIES:
        library = logging.getLogger(name)
        library.handlers[:] = [handler]
        library.propagate = False


def setup(
    level: str = "INFO", json_lines: bool = False, worker: str = "wirewatch", library_log: Path | None = None
) -> None:
    handler = logging.StreamHandler(sys.stderr)
    if json_lines:
        handler.setFormatter(_JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter(f"%(asctime)s {worker} %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # The Kafka clients log every failed reconnect at ERROR, many per second while a broker is down;
    # wirewatch's own lines say it once per attempt (topics.admin.connect_admin).
    for noisy in ("kafka", "aiokafka"):
        logging.getLogger(noisy).setLevel(logging.CRITICAL)
    if library_log is not None:
        libraries_to(library_log, handler.formatter)
