"""The ``wirewatch`` command: reads settings once and hands them to the worker or tool asked for.

    wirewatch analyze [--watchlist FILE] INPUT     offline analysis of JSON Lines articles
    wirewatch explain [--watchlist FILE] INPUT     why each article was or was not flagged
    wirewatch poll    [--feeds FILE] [--once] [--dry-run [--entries-only]]
    wirewatch process [--watchlist FILE]
    wirewatch alert   [--watchlist FILE] [--notify URL ...]
    wirewatch up      [--feeds FILE] [--watchlist FILE] [--notify URL ...]
    wirewatch topics                                create the topics and list them
    wirewatch silence add|list|remove ...           silences every running alerter follows
    wirewatch surge start GROUP... --every 1m --for 2h | stop GROUP... | list
    wirewatch check-config [--feeds FILE] [--watchlist FILE]
    wirewatch --version

The grammar (commands, options, help with examples) is in ``cliargs``. Errors that are
wirewatch's to explain (a bad file, an unreachable broker) print one line and exit 2; a
closed output pipe (``| head``) ends the command quietly with 141; a traceback means a bug.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

from wirewatch.cliargs import parser
from wirewatch.errors import ConfigError, WirewatchError

log = logging.getLogger("wirewatch")


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return _dispatch(args)
    except BrokenPipeError:
        return _reader_left()
    except ConfigError as exc:
        return _fail(args, *(f"configuration error: {problem}" for problem in exc.problems))
    except WirewatchError as exc:
        return _fail(args, str(exc))
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        from wirewatch.topics.security import is_refusal, refused

        if not is_refusal(exc):
            raise
        # The brokers refused this principal: one line naming it and the resource, no traceback.
        return _fail(args, str(refused(exc, _settings(args), args.command)))


def _reader_left() -> int:
    """The reader of the output went away (``wirewatch analyze … | head -1``): stop quietly, with the
    status a shell gives a command that SIGPIPE ended (128 + 13), as other Unix tools do."""
    # What is still buffered would fail again when Python flushes stdout at exit, with an
    # "Exception ignored" message: let it go to /dev/null instead.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 128 + signal.SIGPIPE


def _fail(args: argparse.Namespace, *messages: str) -> int:
    """Say why wirewatch stops, a line per reason: log events when logs are JSON lines, else text."""
    for message in messages:
        if getattr(args, "json_logs", False):
            log.error("%s", message)
        else:
            print(f"wirewatch: {message}", file=sys.stderr)
    return 2


def _settings(args: argparse.Namespace) -> Any:
    from wirewatch.config import load_settings

    keys = (
        "kafka_bootstrap",
        "topic_prefix",
        "log_level",
        "log_json",
        "feeds",
        "watchlist",
        "poller_metrics_port",
        "processor_metrics_port",
        "alerter_metrics_port",
        "web_port",
        "web_host",
        "web_users",
    )
    overrides = {k: getattr(args, k, None) for k in keys}
    if getattr(args, "feeds_file", None) is not None:
        overrides["feeds"] = args.feeds_file
    if getattr(args, "notify", None):
        overrides["notify"] = tuple(args.notify)
    if args.command in ("process", "check-config") and args.rules is not None:
        overrides["rules"] = args.rules
    return load_settings(**overrides)


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "analyze":
        return analyze(args.input, args.watchlist, sys.stdout, args.rules)
    if args.command == "test-alert":
        from wirewatch.alerts.admin import test_alert

        return test_alert(args.to, args.watchlist, sys.stdout)
    if args.command == "check-config":
        from wirewatch.checkconfig import check_config

        return check_config(_settings(args), sys.stdout, sys.stderr)
    if args.command == "explain":
        from wirewatch.alerts.watchlist import analyzer_for
        from wirewatch.explain import explain_lines

        color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
        return explain_lines(_lines(args.input), analyzer_for(args.watchlist, args.rules), sys.stdout, color)

    if args.command == "web" and args.web_command == "hash-password":
        from wirewatch.web.auth import hash_password

        password = sys.stdin.readline().rstrip("\n")
        if not password:
            raise ConfigError("no password on standard input", field="password")
        print(hash_password(password))
        return 0

    from wirewatch import health, logs
    from wirewatch.metrics import Metrics

    settings = _settings(args)
    worker = {"poll": "poller", "process": "processor", "alert": "alerter"}.get(args.command, args.command)
    logs.setup(settings.log_level, settings.log_json, worker, settings.library_log)
    args.json_logs = settings.log_json
    if args.command in ("topics", "silence", "surge", "feedback") or (args.command == "poll" and args.once):
        settings = _one_shot(settings)
    metrics = Metrics.create()

    if args.command == "poll":
        from wirewatch.feedlist import load_feed_list
        from wirewatch.workers import poller

        if settings.feeds is None:
            raise ConfigError("no feed list: pass FEEDS.yaml or set WIREWATCH_FEEDS", field="feeds")
        feeds = load_feed_list(settings.feeds)
        if args.dry_run:
            return poller.run(settings, feeds, metrics, dry_run=True, entries_only=args.entries_only)
        if args.entries_only:
            raise ConfigError("--entries-only goes with --dry-run", field="entries_only")
        static = args.once or not settings.poller_scale_out  # no consumer group: no partitions to hold
        checks = ("loop", "broker") if static else ("loop", "broker", "partitions")
        mon = health.start("poller", settings, metrics, settings.poller_metrics_port, checks)
        try:
            return poller.run(settings, feeds, metrics, once=args.once, health=mon.readiness)
        finally:
            mon.close()
    if args.command == "process":
        from wirewatch.alerts.watchlist import analyzer_for
        from wirewatch.workers import processor

        analyzer = analyzer_for(settings.watchlist, settings.rules)
        mon = health.start("processor", settings, metrics, settings.processor_metrics_port)
        try:
            return processor.run(settings, analyzer, metrics, health=mon.readiness)
        finally:
            mon.close()
    if args.command == "alert":
        from wirewatch.alerts.watchlist import analyzer_for
        from wirewatch.workers import alerter

        if settings.watchlist is None:
            raise ConfigError(
                "the alerter needs a watchlist: --watchlist or WIREWATCH_WATCHLIST", field="watchlist"
            )
        analyzer = analyzer_for(settings.watchlist)
        routing = _routing(settings)
        mon = health.start("alerter", settings, metrics, settings.alerter_metrics_port)
        try:
            return alerter.run(settings, analyzer, routing, metrics, health=mon.readiness)
        finally:
            mon.close()
    if args.command == "web":
        from wirewatch.alerts.watchlist import analyzer_for
        from wirewatch.workers import web

        return web.run(settings, analyzer_for(settings.watchlist, settings.rules), metrics)
    if args.command == "feedback":
        from wirewatch.feedback import export_marks

        if args.output is None:
            return export_marks(settings, sys.stdout)
        with args.output.open("w", encoding="utf-8") as handle:
            return export_marks(settings, handle)
    if args.command == "up":
        return _up(settings)
    if args.command == "replay":
        from wirewatch import replay

        span = replay.window(args.since, args.start, args.end, datetime.now(UTC))
        rules = settings.rules if args.rules == "current" else Path(args.rules)
        return replay.run(
            _one_shot(settings),
            span,
            args.watchlist or settings.watchlist,
            rules,
            want_diff=args.diff,
            send_digest=args.send_digest,
            as_json=args.json,
            use_silences=args.silences,
            out=sys.stdout,
            err=sys.stderr,
        )
    if args.command == "export":
        from wirewatch import export, replay

        span = replay.window(args.since, args.start, args.end, datetime.now(UTC))
        return export.run(
            _one_shot(settings),
            span,
            args.format,
            args.watch or (),
            args.watchlist or settings.watchlist,
            args.output,
            sys.stdout,
        )
    if args.command == "topics":
        from wirewatch.topics import ALL, ARTICLES
        from wirewatch.topics.acls import apply_grants, grants
        from wirewatch.topics.admin import apply_retention, ensure_topics, topic_config

        wanted = grants(settings, _principals(args.principal))
        if args.strimzi:
            import yaml

            from wirewatch.topics.strimzi import kafka_topics, kafka_users

            docs = kafka_topics(settings, args.strimzi, args.namespace)
            docs += kafka_users(settings, args.strimzi, args.namespace)
            print(yaml.safe_dump_all(docs, sort_keys=False), end="")
            return 0
        if args.acls:
            for grant in wanted:
                print(grant)
            return 0
        created = ensure_topics(settings)
        retention = apply_retention(settings)
        for spec in ALL:
            name = spec.full_name(settings.topic_prefix)
            status = "created" if name in created else "exists"
            if spec is ARTICLES and retention is not None and name not in created:
                status = "retention updated"
            print(f"{name}\t{status}\tkey={spec.key}\t{topic_config(spec, settings)}")
        if args.apply_acls:
            print(f"{apply_grants(settings, wanted)} ACLs in place")
        return 0
    if args.command == "surge":
        from wirewatch.poller import surges

        if args.surge_command == "start":
            return surges.surge_start(
                settings, args.groups, args.every, args.until, args.duration, args.reason, sys.stdout
            )
        if args.surge_command == "stop":
            return surges.surge_stop(settings, args.groups, sys.stdout)
        return surges.surge_list(settings, sys.stdout)
    if args.command == "silence":
        from wirewatch.alerts import admin

        if args.silence_command == "add":
            return admin.silence_add(
                settings, args.entry, args.channel, args.until, args.duration, args.comment, sys.stdout
            )
        if args.silence_command == "list":
            return admin.silence_list(settings, sys.stdout)
        return admin.silence_remove(settings, args.silence_id, sys.stdout)
    raise AssertionError(args.command)


def _one_shot(settings: Any) -> Any:
    """Settings for a command that asks Kafka one thing and ends: it gives up on an unreachable broker
    after ``broker_command_timeout`` and says so in one line, where a worker retries forever."""
    # The retry lines of topics.admin and the Kafka clients' connection errors are for workers
    # that wait; here BrokerUnavailable says it all, in one line.
    for name in ("wirewatch.topics", "kafka", "aiokafka"):
        logging.getLogger(name).setLevel(logging.CRITICAL if name != "wirewatch.topics" else logging.ERROR)
    return settings.model_copy(update={"broker_give_up_after": settings.broker_command_timeout})


def _up(settings: Any) -> int:
    from wirewatch.alerts.watchlist import analyzer_for, load_watchlist
    from wirewatch.feedlist import load_feed_list
    from wirewatch.topics.admin import ensure_topics
    from wirewatch.workers import supervisor

    # Validate everything before starting anything: one clear error instead of three.
    if settings.feeds is None:
        raise ConfigError("no feed list: --feeds or WIREWATCH_FEEDS", field="feeds")
    if settings.watchlist is None:
        raise ConfigError("no watchlist: --watchlist or WIREWATCH_WATCHLIST", field="watchlist")
    load_feed_list(settings.feeds)
    load_watchlist(settings.watchlist)
    analyzer_for(settings.watchlist)
    _routing(settings)
    ensure_topics(settings)
    env = dict(os.environ)
    env.update(settings_env(settings))
    return supervisor.supervise(supervisor.worker_commands([]), env=env)


def _routing(settings: Any) -> Any:
    """Channels and routes from the watchlist (and --notify URLs), every URL checked with its sender."""
    from wirewatch.alerts.watchlist import load_watchlist
    from wirewatch.checkconfig import EMPTY_WATCHLIST, channel_problems

    watchlist = load_watchlist(settings.watchlist)
    if not watchlist.watch:
        log.warning("%s: %s", settings.watchlist, EMPTY_WATCHLIST)
    found = channel_problems(watchlist.channels, settings.watchlist, settings)
    if found:
        raise ConfigError(problems=found)
    routing = watchlist.routing(settings.notify_urls())
    if not routing.channels:
        log.warning("no notification channels configured: alerts show in the terminal only")
    return routing


def _principals(given: list[str]) -> dict[str, str]:
    """``--principal worker=User:name`` options as a mapping; a bad one is a ConfigError."""
    from wirewatch.topics.acls import WORKERS

    out: dict[str, str] = {}
    for item in given:
        worker, sep, principal = item.partition("=")
        if not sep or worker not in WORKERS or ":" not in principal:
            raise ConfigError(
                f"{item!r} should be WORKER=TYPE:NAME with WORKER one of {', '.join(WORKERS)}",
                field="--principal",
            )
        out[worker] = principal
    return out


def settings_env(settings: Any) -> dict[str, str]:
    """Settings as WIREWATCH_* variables, so child processes see what the parent was given."""
    out: dict[str, str] = {}
    for name, value in settings.model_dump().items():
        if value is None:
            continue
        if isinstance(value, tuple | list):
            out[f"WIREWATCH_{name.upper()}"] = json.dumps(list(value))
        elif isinstance(value, bool):
            out[f"WIREWATCH_{name.upper()}"] = "true" if value else "false"
        else:
            out[f"WIREWATCH_{name.upper()}"] = str(value)
    return out


# -- analyze -----------------------------------------------------------------------------------


def _lines(source: str) -> Iterator[tuple[int, str | UnicodeDecodeError]]:
    """Numbered lines of a file or of standard input; a line that is not UTF-8 comes as its error."""
    try:
        handle = sys.stdin.buffer if source == "-" else open(source, "rb")  # noqa: SIM115
    except FileNotFoundError:
        raise ConfigError("input file not found", path=source) from None
    with handle:
        for number, raw in enumerate(handle, start=1):
            try:
                yield number, raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield number, exc


def _article(line: str) -> Any:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc.msg} at column {exc.colno}") from None
    return article_from_dict(data)


def article_from_dict(data: Any) -> Any:
    """An ``Article`` from one input object of the analyze contract; ``ValueError`` says what is wrong."""
    from wirewatch.core.detect import Article

    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    article_id = data.get("id")
    if not isinstance(article_id, str | int) or article_id == "":
        raise ValueError("missing field 'id'")
    for name in ("title", "text", "url", "outlet", "lang"):
        if data.get(name) is not None and not isinstance(data[name], str):
            raise ValueError(f"field '{name}' must be a string")
    if not (data.get("title") or data.get("text")):
        raise ValueError("needs 'title' or 'text'")
    published = data.get("published")
    when = None
    if published:
        if not isinstance(published, str):
            raise ValueError("field 'published' must be an ISO 8601 string")
        try:
            when = datetime.fromisoformat(published.replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"field 'published' is not ISO 8601: {published[:40]!r}") from None
        if when.tzinfo is None:
            raise ValueError("field 'published' needs a timezone (e.g. Z or +03:00)")
    categories = data.get("categories") or ()
    if isinstance(categories, str):
        categories = (categories,)
    if not isinstance(categories, list | tuple) or not all(isinstance(c, str) for c in categories):
        raise ValueError("field 'categories' must be a string or a list of strings")
    return Article.bounded(
        id=str(article_id),
        title=data.get("title") or "",
        text=data.get("text") or "",
        url=data.get("url") or "",
        outlet=data.get("outlet") or "",
        published=when,
        lang=data.get("lang"),
        categories=tuple(categories),
    )


def analyze_stream(records: Sequence[dict[str, Any]], analyzer: Any) -> list[dict[str, Any]]:
    """Analysis records for input objects (already valid), grouped into incidents."""
    from wirewatch.core.analysis import analyze_batch

    return analyze_batch([article_from_dict(r) for r in records], analyzer)


# Input lines analyzed together: their attack reports are grouped in publication order. Memory
# is bounded by this window and the incidents still open, not by the length of the input.
ANALYZE_WINDOW = 2000


def analyze(source: str, watchlist: Path | None, out: TextIO, rules: Path | None = None) -> int:
    """``wirewatch analyze``: one JSON object per input line, in order; exit 1 if any line was bad."""
    from wirewatch.alerts.watchlist import analyzer_for
    from wirewatch.core.analysis import IncidentBook, analyze_window
    from wirewatch.core.incidents import Policy
    from wirewatch.progress import Progress, count_lines

    analyzer = analyzer_for(watchlist, rules)
    gc.freeze()  # the gazetteer and the tables live as long as the process: no collection scans them
    # What grows after that is the tables' caches of words, kept to the end: a full collection
    # scans them all, for the few cycles a window may leave. One in ten of the default's does as well
    # (nine full collections took 0.25 s of a SaudiNewsNet run; the memory stays the same).
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, max(old, 100))
    book = IncidentBook(Policy())
    bad = False
    rows = _parsed(source)
    total = count_lines(source) if sys.stderr.isatty() else None
    with Progress("analyze", total, sys.stderr) as progress:
        while window := list(islice(rows, ANALYZE_WINDOW)):
            results = iter(analyze_window([a for _, a in window if not isinstance(a, str)], analyzer, book))
            for number, item in window:
                if isinstance(item, str):
                    bad = True
                    out.write(json.dumps({"line": number, "error": item}, ensure_ascii=False) + "\n")
                else:
                    out.write(json.dumps(next(results), ensure_ascii=False) + "\n")
            out.flush()
            progress.advance(len(window))
    return 1 if bad else 0


def _parsed(source: str) -> Iterator[tuple[int, Any]]:
    """(line number, Article or what is wrong with the line) for every non-blank input line."""
    for number, line in _lines(source):
        if isinstance(line, UnicodeDecodeError):
            yield number, f"not UTF-8: byte {line.object[line.start]:#04x} at column {line.start + 1}"
            continue
        if not line.strip():
            continue
        try:
            yield number, _article(line)
        except ValueError as exc:
            yield number, str(exc)


if __name__ == "__main__":
    sys.exit(main())
