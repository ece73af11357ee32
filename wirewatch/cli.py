"""The ``wirewatch`` command: reads settings once and hands them to the worker or tool asked for.

    wirewatch analyze [--watchlist FILE] INPUT     offline analysis of JSON Lines articles
    wirewatch explain [--watchlist FILE] INPUT     why each article was or was not flagged
    wirewatch poll    [--feeds FILE] [--once] [--dry-run]
    wirewatch process [--watchlist FILE]
    wirewatch alert   [--watchlist FILE] [--notify URL ...]
    wirewatch up      [--feeds FILE] [--watchlist FILE] [--notify URL ...]
    wirewatch topics                                create the topics and list them
    wirewatch surge start GROUP... --every 1m --for 2h | stop GROUP... | list

Errors that are wirewatch's to explain (a bad file, an unreachable broker) print one line and
exit 2; a traceback means a bug.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from wirewatch.errors import ConfigError, WirewatchError

log = logging.getLogger("wirewatch")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wirewatch", description="News monitoring for attacks on watched places."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--bootstrap", dest="kafka_bootstrap", help="Kafka host:port (WIREWATCH_KAFKA_BOOTSTRAP)"
        )
        p.add_argument("--topic-prefix", help="topic and group name prefix (WIREWATCH_TOPIC_PREFIX)")
        p.add_argument("--log-level", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
        p.add_argument("--log-json", action="store_const", const=True, help="JSON log lines")

    p = sub.add_parser("analyze", help="analyze articles offline (JSON Lines in, JSON Lines out)")
    p.add_argument("--watchlist", type=Path)
    p.add_argument("input", help="JSON Lines file, or - for standard input")

    p = sub.add_parser("explain", help="why each article was or was not flagged, highlighted in its text")
    p.add_argument("--watchlist", type=Path)
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    p.add_argument("input", help="JSON Lines file (the analyze input), or - for standard input")

    p = sub.add_parser("poll", help="run the feed poller")
    common(p)
    p.add_argument("feeds_file", nargs="?", type=Path, help="feed list YAML (or --feeds / WIREWATCH_FEEDS)")
    p.add_argument("--feeds", type=Path)
    p.add_argument("--once", action="store_true", help="poll every feed once, then exit")
    p.add_argument("--dry-run", action="store_true", help="print what would be produced; no Kafka")
    p.add_argument("--metrics-port", dest="poller_metrics_port", type=int)

    p = sub.add_parser("process", help="run the stream processor (Faust)")
    common(p)
    p.add_argument("--watchlist", type=Path)
    p.add_argument("--metrics-port", dest="processor_metrics_port", type=int)

    p = sub.add_parser("alert", help="run the alerter")
    common(p)
    p.add_argument("--watchlist", type=Path)
    p.add_argument("--notify", action="append", help="apprise URL (repeatable); prefer WIREWATCH_NOTIFY_FILE")
    p.add_argument("--metrics-port", dest="alerter_metrics_port", type=int)

    p = sub.add_parser("up", help="run poller, processor and alerter together")
    common(p)
    p.add_argument("--feeds", type=Path)
    p.add_argument("--watchlist", type=Path)
    p.add_argument("--notify", action="append")

    p = sub.add_parser("topics", help="create wirewatch's topics if missing and list them")
    common(p)

    p = sub.add_parser("test-alert", help="send a sample alert to a channel and say whether it arrived")
    p.add_argument("--to", dest="to", required=True, help="apprise URL, webhook+https://… or a channel name")
    p.add_argument("--watchlist", type=Path, help="to resolve a channel name given with --to")

    p = sub.add_parser("silence", help="mute a watched entry or a channel until a time")
    common(p)
    silence = p.add_subparsers(dest="silence_command", required=True, metavar="ACTION")
    add = silence.add_parser("add", help="add a silence (effective without restarting the alerter)")
    add.add_argument("--entry", help="watch entry id to mute (all channels unless --channel)")
    add.add_argument("--channel", help="channel name to mute (all entries unless --entry)")
    when = add.add_mutually_exclusive_group(required=True)
    when.add_argument("--until", help="ISO 8601 time with a timezone, e.g. 2026-11-26T08:00Z")
    when.add_argument("--for", dest="duration", help="a duration: 90m, 2h, 1d")
    add.add_argument("--comment", default="")
    silence.add_parser("list", help="list the silences in force")
    remove = silence.add_parser("remove", help="remove a silence")
    remove.add_argument("silence_id")

    p = sub.add_parser("surge", help="poll a group of feeds faster for a while")
    common(p)
    surge = p.add_subparsers(dest="surge_command", required=True, metavar="ACTION")
    start = surge.add_parser(
        "start", help="poll the feeds of these groups every --every until the surge ends"
    )
    start.add_argument(
        "groups", nargs="+", metavar="GROUP", help="a group named in the feed list (IQ, anbar ...)"
    )
    start.add_argument("--every", required=True, help="the interval in force: 30s, 1m, 5m")
    ends = start.add_mutually_exclusive_group(required=True)
    ends.add_argument("--until", help="ISO 8601 time with a timezone, e.g. 2026-11-26T08:00Z")
    ends.add_argument("--for", dest="duration", help="a duration: 90m, 2h, 1d")
    start.add_argument("--reason", default="", help="shown in the pollers' logs and in 'surge list'")
    stop = surge.add_parser("stop", help="end surges before their time")
    stop.add_argument("groups", nargs="+", metavar="GROUP")
    surge.add_parser("list", help="list the surges in force")

    p = sub.add_parser("check-config", help="validate every configuration file and print the resolved routes")
    p.add_argument("--feeds", type=Path)
    p.add_argument("--watchlist", type=Path)
    p.add_argument("--notify", action="append")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _dispatch(args)
    except ConfigError as exc:
        return _fail(args, f"configuration error: {exc}")
    except WirewatchError as exc:
        return _fail(args, str(exc))
    except KeyboardInterrupt:
        return 130


def _fail(args: argparse.Namespace, message: str) -> int:
    """Say why wirewatch stops: a log event when logs are JSON lines (one object per line), else text."""
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
    )
    overrides = {k: getattr(args, k, None) for k in keys}
    if getattr(args, "feeds_file", None) is not None:
        overrides["feeds"] = args.feeds_file
    if getattr(args, "notify", None):
        overrides["notify"] = tuple(args.notify)
    return load_settings(**overrides)


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "analyze":
        return analyze(args.input, args.watchlist, sys.stdout)
    if args.command == "test-alert":
        from wirewatch.alerts.admin import test_alert

        return test_alert(args.to, args.watchlist, sys.stdout)
    if args.command == "check-config":
        from wirewatch.alerts.admin import check_config

        return check_config(_settings(args), sys.stdout)
    if args.command == "explain":
        from wirewatch.alerts.watchlist import analyzer_for
        from wirewatch.explain import explain_lines

        color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
        return explain_lines(_lines(args.input), analyzer_for(args.watchlist), sys.stdout, color)

    from wirewatch import health, logs
    from wirewatch.metrics import Metrics

    settings = _settings(args)
    worker = {"poll": "poller", "process": "processor", "alert": "alerter"}.get(args.command, args.command)
    logs.setup(settings.log_level, settings.log_json, worker, settings.library_log)
    args.json_logs = settings.log_json
    metrics = Metrics.create()

    if args.command == "poll":
        from wirewatch.feedlist import load_feed_list
        from wirewatch.workers import poller

        if settings.feeds is None:
            raise ConfigError("no feed list: pass FEEDS.yaml or set WIREWATCH_FEEDS", field="feeds")
        feeds = load_feed_list(settings.feeds)
        if args.dry_run:
            return poller.run(settings, feeds, metrics, once=args.once, dry_run=True)
        static = args.once or not settings.poller_scale_out  # no consumer group: no partitions to hold
        checks = ("loop", "broker") if static else ("loop", "broker", "partitions")
        mon = health.start("poller", settings, metrics, settings.poller_metrics_port, checks)
        try:
            return poller.run(settings, feeds, metrics, once=args.once, health=mon.health)
        finally:
            mon.close()
    if args.command == "process":
        from wirewatch.alerts.watchlist import analyzer_for
        from wirewatch.workers import processor

        analyzer = analyzer_for(settings.watchlist)
        mon = health.start("processor", settings, metrics, settings.processor_metrics_port)
        try:
            return processor.run(settings, analyzer, metrics, health=mon.health)
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
            return alerter.run(settings, analyzer, routing, metrics, health=mon.health)
        finally:
            mon.close()
    if args.command == "up":
        return _up(settings)
    if args.command == "topics":
        from wirewatch.topics import ALL
        from wirewatch.topics.admin import ensure_topics

        created = ensure_topics(settings)
        for spec in ALL:
            name = spec.full_name(settings.topic_prefix)
            print(f"{name}\t{'created' if name in created else 'exists'}\tkey={spec.key}\t{spec.config}")
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
    from wirewatch.alerts.delivery import senders_for
    from wirewatch.alerts.watchlist import load_watchlist

    routing = load_watchlist(settings.watchlist).routing(settings.notify_urls())
    senders_for(routing.channels)
    if not routing.channels:
        log.warning("no notification channels configured: alerts show in the terminal only")
    return routing


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


def _lines(source: str) -> Iterator[tuple[int, str]]:
    if source == "-":
        yield from enumerate(sys.stdin, start=1)
        return
    try:
        with open(source, encoding="utf-8") as handle:
            yield from enumerate(handle, start=1)
    except FileNotFoundError:
        raise ConfigError("input file not found", path=source) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"input is not UTF-8 ({exc.reason})", path=source) from None


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
    return Article(
        id=str(article_id),
        title=data.get("title") or "",
        text=data.get("text") or "",
        url=data.get("url") or "",
        outlet=data.get("outlet") or "",
        published=when,
        lang=data.get("lang"),
    )


def analyze_stream(records: Sequence[dict[str, Any]], analyzer: Any) -> list[dict[str, Any]]:
    """Analysis records for input objects (already valid), grouped into incidents."""
    from wirewatch.core.analysis import analyze_batch

    return analyze_batch([article_from_dict(r) for r in records], analyzer)


def analyze(source: str, watchlist: Path | None, out: TextIO) -> int:
    """``wirewatch analyze``: one JSON object per input line, in order; exit 1 if any line was bad."""
    from wirewatch.alerts.watchlist import analyzer_for
    from wirewatch.core.analysis import analyze_batch

    analyzer = analyzer_for(watchlist)
    rows: list[tuple[int, Any]] = []  # (line number, Article or error message)
    for number, line in _lines(source):
        if not line.strip():
            continue
        try:
            rows.append((number, _article(line)))
        except ValueError as exc:
            rows.append((number, str(exc)))
    articles = [a for _, a in rows if not isinstance(a, str)]
    results = iter(analyze_batch(articles, analyzer))
    for number, item in rows:
        if isinstance(item, str):
            out.write(json.dumps({"line": number, "error": item}, ensure_ascii=False) + "\n")
        else:
            out.write(json.dumps(next(results), ensure_ascii=False) + "\n")
    out.flush()
    return 1 if any(isinstance(item, str) for _, item in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
