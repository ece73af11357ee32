"""Log lines: JSON fields, tracebacks kept but masked and escaped, feed URLs shown without secrets."""

import json
import logging
import sys
import threading

import pytest

from wirewatch import logs
from wirewatch.logs import JsonFormatter, RepeatFilter, TextFormatter, mask_credentials, mask_urls

SECRET = "Hunter2-S3cret"


def record(msg: str = "feed %s failed", *args: object, exc: BaseException | None = None, **extra: object):
    """A log record as a logger call with ``extra=`` and ``exc_info`` would make it."""
    exc_info = None
    if exc is not None:
        try:
            raise exc
        except BaseException:
            exc_info = sys.exc_info()
    rec = logging.getLogger("wirewatch.poller").makeRecord(
        "wirewatch.poller", logging.ERROR, __file__, 1, msg, args, exc_info, extra=extra
    )
    return rec


def json_line(rec: logging.LogRecord, worker: str = "poller") -> dict:
    line = JsonFormatter(worker).format(rec)
    assert "\n" not in line and len(line.splitlines()) == 1, line  # one physical line, also for Unicode
    return json.loads(line)


def test_a_json_line_keeps_the_traceback_masked_and_escaped() -> None:
    hostile = ValueError(f"no answer from json://analyst:{SECRET}@hooks.example.org/T0KEN\u2028forged\x1b[2J")
    event = json_line(record("delivery failed", exc=hostile))
    trace = event["exc_info"]
    assert trace.startswith("Traceback (most recent call last):\n")
    assert "test_logs.py" in trace and "in record" in trace  # the frames are there
    assert trace.endswith("ValueError: no answer from json://hooks.example.org/…\\u2028forged\\u001b[2J")
    assert SECRET not in trace and "T0KEN" not in trace
    assert event["error"] == "ValueError" and event["level"] == "error"


def test_a_json_line_keeps_the_stack_a_call_asked_for_masked_and_escaped() -> None:
    rec = record("odd state")
    rec.stack_info = f'Stack (most recent call last):\n  File "w.py", line 3, in f\n    hook("json://u:{SECRET}@h.example.org/T")\x1b[2J'
    event = json_line(rec)
    assert event["stack_info"].startswith('Stack (most recent call last):\n  File "w.py", line 3, in f')
    assert "json://h.example.org/…" in event["stack_info"] and event["stack_info"].endswith("\\u001b[2J")
    assert SECRET not in event["stack_info"] and "exc_info" not in event
    assert "stack_info" not in json_line(record("no stack asked for"))


def test_a_text_line_keeps_the_traceback_masked_too() -> None:
    text = TextFormatter("%(message)s").format(
        record("delivery failed", exc=RuntimeError(f"mailto://u:{SECRET}@smtp.example.org"))
    )
    assert (
        "Traceback (most recent call last):" in text and "RuntimeError: mailto://smtp.example.org/…" in text
    )
    assert SECRET not in text


def test_a_json_line_names_the_worker_and_carries_the_call_sites_fields() -> None:
    event = json_line(
        record(
            "feed %s failed",
            "https://example.org/rss",
            feed="https://example.org/rss",
            outcome="error",
            failures=3,
            note="a\u2028b",
        ),
        worker="poller",
    )
    assert event["worker"] == "poller" and event["msg"] == "feed https://example.org/rss failed"
    assert (event["feed"], event["outcome"], event["failures"]) == ("https://example.org/rss", "error", 3)
    assert event["note"] == "a\\u2028b"  # text fields escaped like the rest
    assert "exc_info" not in event  # only when there is one


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://example.org/rss?format=xml", "https://example.org/rss?format=xml"),
        (f"https://reader:{SECRET}@example.org/rss", "https://example.org/…"),
        (f"https://example.org/feed?api_key={SECRET}", "https://example.org/…"),
        (f"https://example.org/feed?x=1&access_token={SECRET}", "https://example.org/…"),
        ("https://[::1/rss", "https://[::1/…"),  # unparseable: masked
    ],
)
def test_feed_urls_are_masked_only_when_they_carry_credentials(url: str, shown: str) -> None:
    assert mask_credentials(url) == shown


def test_urls_inside_free_text_are_masked() -> None:
    text = f"POST 'https://hooks.slack.com/services/T0/B0/{SECRET}' failed (json://u:{SECRET}@127.0.0.1/x)"
    assert mask_urls(text) == "POST 'https://hooks.slack.com/…' failed (json://127.0.0.1/…)"


@pytest.fixture
def restore_logging():
    """``logs.setup`` changes process-wide state: put it back for the other tests."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, threading.excepthook)
    clients = {name: logging.getLogger(name).level for name in logs.CLIENT_LOGGERS}
    yield
    root.handlers[:], level, threading.excepthook = saved
    root.setLevel(level)
    for name, client_level in clients.items():
        logging.getLogger(name).setLevel(client_level)


def test_a_thread_that_dies_leaves_its_traceback_in_the_json_log(restore_logging, capsys) -> None:
    logs.setup("INFO", json_lines=True, worker="processor")

    def crash() -> None:
        raise ConnectionError(f"lost json://u:{SECRET}@broker.example.org")

    thread = threading.Thread(target=crash, name="consumer-thread")
    thread.start()
    thread.join()
    events = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [e["msg"] for e in events] == ["uncaught exception in thread consumer-thread"]
    assert "ConnectionError: lost json://broker.example.org/…" in events[0]["exc_info"]
    assert events[0]["worker"] == "processor" and SECRET not in json.dumps(events)


def test_a_broker_client_error_reaches_the_json_log_and_its_info_does_not(restore_logging, capsys) -> None:
    logs.setup("INFO", json_lines=True, worker="processor")
    logging.getLogger("aiokafka").error("Unable connect to node with id %s: %s", 1, "[Errno 111] refused")
    logging.getLogger("kafka.net.connection").error("Connection lost: %s", "KafkaConnectionError")
    logging.getLogger("kafka.conn").info("Probing node 1 broker version")
    logging.getLogger("aiokafka.consumer.fetcher").info("Resetting offset for partition 0")
    events = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [(e["level"], e["logger"], e["msg"]) for e in events] == [
        ("error", "aiokafka", "Unable connect to node with id 1: [Errno 111] refused"),
        ("error", "kafka.net.connection", "Connection lost: KafkaConnectionError"),
    ]
    handler = logging.getLogger().handlers[0]
    assert [type(f) for f in handler.filters] == [RepeatFilter]  # floods are held back (next test)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def client_error(node: int, logger: str = "aiokafka") -> logging.LogRecord:
    return logging.getLogger(logger).makeRecord(
        logger, logging.ERROR, __file__, 1, "Unable connect to node with id %s: %s", (node, "refused"), None
    )


def test_a_flood_of_one_kind_of_client_line_shows_once_a_minute_with_its_count() -> None:
    clock = Clock()
    repeats = RepeatFilter(window=60, clock=clock)
    passed = []
    for i in range(600):  # ten a second for a minute, from two nodes: one kind
        clock.now = 1000.0 + i / 10
        rec = client_error(1 + i % 2)
        if repeats.filter(rec):
            passed.append(rec)
    assert [r.getMessage() for r in passed] == ["Unable connect to node with id 1: refused"]
    clock.now = 1061.0
    rec = client_error(2)
    assert repeats.filter(rec)
    assert rec.getMessage() == "Unable connect to node with id 2: refused [and 599 more like it in 61 s]"
    assert rec.repeated == 599
    clock.now = 1200.0  # a quiet spell: the next one goes through as it is
    rec = client_error(1)
    assert repeats.filter(rec) and rec.getMessage() == "Unable connect to node with id 1: refused"


def test_other_kinds_and_wirewatch_lines_are_never_held_back() -> None:
    repeats = RepeatFilter(window=60, clock=Clock())
    assert repeats.filter(client_error(1))
    assert repeats.filter(client_error(1, logger="aiokafka.consumer.group_coordinator"))  # another logger
    own = [client_error(1, logger="wirewatch.processor") for _ in range(5)]
    assert all(repeats.filter(r) for r in own)
    info = [client_error(1) for _ in range(3)]
    for r in info:
        r.levelno, r.levelname = logging.INFO, "INFO"
    assert all(repeats.filter(r) for r in info)  # INFO is the logger level's business
