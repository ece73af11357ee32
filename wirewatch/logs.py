"""Logging set-up shared by every worker: text or JSON lines, untrusted text escaped.

Feed titles and article text come from strangers: ``untrusted()`` renders them as a quoted,
escaped, length-limited string so a newline or a terminal escape in a title cannot forge a log
line. URLs with credentials are masked before they are logged.

A JSON line carries ``ts``, ``level``, ``logger``, ``worker`` (poller, processor, alerter or the
command's name) and ``msg``; the fields a call site passes with ``extra=`` (the poller's
``feed``, ``outcome``, ``error_class`` ...); and, when there is one, ``exc_info``: the formatted
traceback with every URL in it masked and every character a terminal would act on escaped;
likewise ``stack_info`` when the call asked for the stack.

The Kafka client libraries' warnings and errors (a broker that went away) are logged, their INFO
is not; ``RepeatFilter`` keeps their reconnect floods to one line of a kind a minute.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit

_SECRET_IN_URL = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)(?P<rest>[^\s]+)", re.IGNORECASE)
# A URL inside free text (an exception's message): it ends where a quote or a bracket closes it.
_URL_IN_TEXT = re.compile(r"[a-z][a-z0-9+.-]*://[^\s'\"<>()\[\]{}]+", re.IGNORECASE)
# Query parameters that by their name hold a secret (``?api_key=``, ``&token=``, ``&sig=``).
_SECRET_PARAM = re.compile(r"(?:^|&)[^=&]*(?:key|token|secret|pass|auth|sig)[^=&]*=", re.IGNORECASE)
TRACEBACK_LIMIT = 8000  # characters of a traceback kept in a log line: its end, where the error is


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


def mask_credentials(url: str) -> str:
    """A URL as it is, or masked (``mask_url``) when it carries credentials: a user or password,
    or a query parameter named like a key, token, secret or signature. For feed URLs, which
    are worth showing whole when nothing in them is secret."""
    try:
        parts = urlsplit(url)
        has_user = parts.username is not None or parts.password is not None
    except ValueError:  # a malformed port or IPv6 host: show nothing of it
        return mask_url(url)
    return mask_url(url) if has_user or _SECRET_PARAM.search(parts.query) else url


def mask_urls(text: str, mask: Callable[[str], str] = mask_url) -> str:
    """Free text (an exception's message, a traceback) with every URL in it masked."""
    return _URL_IN_TEXT.sub(lambda m: mask(m.group()), text)


ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def safe_traceback(exc_info: ExcInfo) -> str:
    """A formatted traceback fit for a log: URLs masked (a webhook token, an SMTP password in an
    exception's message), terminal controls escaped, at most ``TRACEBACK_LIMIT`` characters."""
    text = "".join(traceback.format_exception(*exc_info)).rstrip("\n")
    if len(text) > TRACEBACK_LIMIT:
        text = "…" + text[-TRACEBACK_LIMIT:]
    return for_terminal(mask_urls(text))


# What every LogRecord has; anything else on a record came from ``extra=``.
_RECORD_ATTRS = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}


def _field(value: object) -> object:
    if value is None or isinstance(value, bool | int | float):
        return value
    return for_terminal(str(value))


def extra_fields(record: logging.LogRecord) -> dict[str, object]:
    """The fields a call site passed with ``extra=``, as JSON values (text escaped)."""
    return {
        k: _field(v) for k, v in record.__dict__.items() if k not in _RECORD_ATTRS and not k.startswith("_")
    }


class TextFormatter(logging.Formatter):
    """Text lines; a traceback is kept, masked and escaped like in JSON."""

    def formatException(self, ei: ExcInfo | tuple[None, None, None]) -> str:
        return "" if ei[0] is None else safe_traceback(ei)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: the fields listed in the module's docstring."""

    def __init__(self, worker: str) -> None:
        super().__init__()
        self.worker = worker

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "worker": self.worker,
            "msg": record.getMessage(),
        }
        out.update((k, v) for k, v in extra_fields(record).items() if k not in out)
        if record.exc_info and record.exc_info[0] is not None:
            out["error"] = record.exc_info[0].__name__
            out["exc_info"] = safe_traceback(record.exc_info)
        if record.stack_info:  # ``log.warning(..., stack_info=True)``: where the call came from
            out["stack_info"] = for_terminal(mask_urls(record.stack_info[-TRACEBACK_LIMIT:]))
        return json.dumps(out, ensure_ascii=False)


CLIENT_LOGGERS = ("kafka", "aiokafka", "faust", "mode")
_DIGITS = re.compile(r"\d+")


@dataclass
class _Seen:
    since: float  # when a line of this kind last went through
    held: int = 0  # lines of this kind held back since


class RepeatFilter(logging.Filter):
    """Client libraries' warnings and errors without the flood: the first line of a kind goes
    through, then at most one per ``window`` seconds, which says how many it stands for.

    A kind is the logger, the level and the message's template with its numbers blanked, so
    "Unable connect to node with id 1" and "... id 2" are one kind. wirewatch's own lines and
    the libraries' INFO lines are not touched.
    """

    def __init__(
        self,
        window: float = 60.0,
        loggers: tuple[str, ...] = CLIENT_LOGGERS,
        clock: Callable[[], float] = time.monotonic,
        max_kinds: int = 1000,
    ) -> None:
        super().__init__()
        self.window, self.loggers, self.clock, self.max_kinds = window, loggers, clock, max_kinds
        self._seen: dict[tuple[str, int, str], _Seen] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING or record.name.split(".", 1)[0] not in self.loggers:
            return True
        kind = (record.name, record.levelno, _DIGITS.sub("#", str(record.msg)))
        with self._lock:
            now, seen = self.clock(), self._seen.get(kind)
            if seen is not None and now - seen.since < self.window:
                seen.held += 1
                return False
            if len(self._seen) >= self.max_kinds:
                self._seen.clear()  # unbounded kinds (a message with text in it): start over
            self._seen[kind] = _Seen(now)
        if seen is not None and seen.held:
            record.msg = f"{record.getMessage()} [and {seen.held} more like it in {now - seen.since:.0f} s]"
            record.args = None
            record.repeated = seen.held
        return True


def _log_thread_exception(args: threading.ExceptHookArgs) -> None:
    """An exception that ends a thread (a client library's): a log line with its traceback,
    so a JSON log stays JSON lines."""
    if args.exc_type is SystemExit or args.exc_value is None:
        return
    name = args.thread.name if args.thread is not None else "?"
    logging.getLogger("wirewatch").error(
        "uncaught exception in thread %s", name, exc_info=(args.exc_type, args.exc_value, args.exc_traceback)
    )


# The libraries' loggers: Faust and mode report every rebalance, recovery and offset table at INFO.
LIBRARIES = (*CLIENT_LOGGERS, "apprise")


def libraries_to(path: Path, formatter: logging.Formatter | None) -> None:
    """Send the libraries' log lines to a file of their own (appended to: workers share it)."""
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(formatter)
    handler.addFilter(RepeatFilter())
    for name in LIBRARIES:
        library = logging.getLogger(name)
        library.handlers[:] = [handler]
        library.propagate = False


def setup(
    level: str = "INFO", json_lines: bool = False, worker: str = "wirewatch", library_log: Path | None = None
) -> None:
    handler = logging.StreamHandler(sys.stderr)
    if json_lines:
        handler.setFormatter(JsonFormatter(worker))
    else:
        handler.setFormatter(TextFormatter(f"%(asctime)s {worker} %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    threading.excepthook = _log_thread_exception
    # The Kafka clients log every failed reconnect at ERROR, dozens of lines a second while a
    # broker is down (bench/outage_logs.py). Their warnings and errors are kept, the first of each
    # kind at once, a repeat at most once a minute with the count held back; their INFO is not.
    handler.addFilter(RepeatFilter())
    for client in ("kafka", "aiokafka"):
        logging.getLogger(client).setLevel(logging.WARNING)
    if library_log is not None:
        libraries_to(library_log, handler.formatter)
