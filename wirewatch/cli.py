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

Every subcommand's ``--help`` ends with what it outputs and an example. Errors that are
wirewatch's to explain (a bad file, an unreachable broker) print one line and exit 2; a
closed output pipe (``| head``) ends the command quietly with 141; a traceback means a bug.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from wirewatch.errors import ConfigError, WirewatchError

log = logging.getLogger("wirewatch")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wirewatch")
    except PackageNotFoundError:  # a source tree that was never installed
        return "unknown (not installed)"


def _command(sub: Any, name: str, help: str, epilog: str) -> argparse.ArgumentParser:
    """A subcommand whose help ends with what it outputs and an example (``epilog``, kept as written)."""
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=help,
        description=help[:1].upper() + help[1:] + ".",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def _kafka_options(p: argparse.ArgumentParser, nested: bool = False) -> None:
    """Broker and logging options. ``nested``: the copy on an action (``silence add``); it has no
    default, so that it cannot undo the same option given before the action."""
    default = argparse.SUPPRESS if nested else None
    p.add_argument(
        "--bootstrap",
        dest="kafka_bootstrap",
        metavar="HOST:PORT",
        default=default,
        help="Kafka brokers, host:port[,host:port] (WIREWATCH_KAFKA_BOOTSTRAP; default 127.0.0.1:9092)",
    )
    p.add_argument(
        "--topic-prefix",
        metavar="PREFIX",
        default=default,
        help="first part of every topic and consumer group name (WIREWATCH_TOPIC_PREFIX; default wirewatch)",
    )
    p.add_argument(
        "--log-level",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        default=default,
        help="least important log lines shown on stderr (WIREWATCH_LOG_LEVEL; default INFO)",
    )
    p.add_argument(
        "--log-json",
        action="store_const",
        const=True,
        default=default,
        help="log lines as one JSON object each (WIREWATCH_LOG_JSON)",
    )


def _watchlist_option(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "--watchlist", type=Path, metavar="FILE", help=f"watchlist YAML: {what} (WIREWATCH_WATCHLIST)"
    )


def _feeds_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--feeds", type=Path, metavar="FILE", help="feed list, YAML or OPML (WIREWATCH_FEEDS)")


def _notify_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--notify",
        action="append",
        metavar="URL",
        help="apprise URL every alert also goes to (repeatable). It holds a secret that the process list "
        "shows: prefer a file named by WIREWATCH_NOTIFY_FILE",
    )


def _metrics_option(p: argparse.ArgumentParser, worker: str, default: int) -> None:
    p.add_argument(
        "--metrics-port",
        dest=f"{worker}_metrics_port",
        type=int,
        metavar="PORT",
        help=f"port of /metrics, /healthz and /readyz; 0 turns them off "
        f"(WIREWATCH_{worker.upper()}_METRICS_PORT; default {default})",
    )


_UNTIL = "an ISO 8601 time with a timezone, e.g. 2026-11-26T08:00Z"
_FOR = "90m, 2h, 1d from now"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wirewatch",
        description="News monitoring for attacks on watched places.",
        epilog="Run 'wirewatch COMMAND --help' for what a command outputs and an example.\n"
        "Settings: WIREWATCH_* environment variables (wirewatch/config.py), overridden by options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = _command(
        sub,
        "analyze",
        "analyze articles offline (JSON Lines in, JSON Lines out)",
        """output: one JSON object per input line, in order: id, lang, attack, attack_types, watch_hits,
  incident, places, casualties and the other details (README, "wirewatch analyze"). A line that
  is not a valid article gives {"line": N, "error": "..."}, and the command then exits 1.

examples:
  wirewatch analyze --watchlist watch.yaml articles.jsonl
  wirewatch poll --dry-run --entries-only feeds.yaml | wirewatch analyze -""",
    )
    _watchlist_option(p, "the places to watch (default: the built-in gazetteer only)")
    p.add_argument(
        "input",
        help='JSON Lines file, or - for standard input; one article per line: {"id", "url", "outlet", '
        '"title", "text", "published", "lang"}',
    )

    p = _command(
        sub,
        "explain",
        "why each article was or was not flagged, highlighted in its text",
        """output: text for a person. Per article: the verdict, then every sentence with attack words,
  its weapons, places and times highlighted, and the decision taken on it (a current attack,
  a reference to an earlier one, or not an attack, with the reason).

example:
  wirewatch explain --watchlist watch.yaml --color always articles.jsonl | less -R""",
    )
    _watchlist_option(p, "the places to watch (default: the built-in gazetteer only)")
    p.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour the highlights (auto: only on a terminal; otherwise [W:...] brackets)",
    )
    p.add_argument("input", help="JSON Lines file (the analyze input), or - for standard input")

    p = _command(
        sub,
        "poll",
        "run the feed poller",
        """output: articles, feed states and feed-health events to Kafka; log lines on stderr.
  With --dry-run, no Kafka: one JSON line per feed on stdout (url, outcome, status, entries,
  error) and one per new entry in the analyze input format (id, url, outlet, title, text,
  published, lang, and feed: the feed's URL); --entries-only leaves the feed lines out. It
  exits 0 even when feeds fail.

examples:
  wirewatch poll --feeds feeds.yaml --bootstrap kafka:9092
  wirewatch poll --once --dry-run feeds.yaml
  wirewatch poll --dry-run --entries-only feeds.yaml | wirewatch analyze --watchlist watch.yaml -""",
    )
    _kafka_options(p)
    p.add_argument(
        "feeds_file", nargs="?", type=Path, metavar="FEEDS", help="feed list, YAML or OPML (or --feeds)"
    )
    _feeds_option(p)
    p.add_argument("--once", action="store_true", help="poll every feed once, then exit")
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="poll every feed once and print what would be produced as JSON lines; no Kafka",
    )
    p.add_argument(
        "--entries-only",
        action="store_true",
        help="with --dry-run: print only the entries, so the output goes straight into 'analyze -'",
    )
    _metrics_option(p, "poller", 9101)

    p = _command(
        sub,
        "process",
        "run the stream processor (Faust)",
        """output: attack reports, incidents and incident updates to Kafka; log lines on stderr;
  /metrics, /healthz and /readyz on the metrics port.

example:
  wirewatch process --watchlist watch.yaml --bootstrap kafka:9092""",
    )
    _kafka_options(p)
    _watchlist_option(p, "the places to watch (default: the built-in gazetteer only)")
    _metrics_option(p, "processor", 9102)

    p = _command(
        sub,
        "alert",
        "run the alerter",
        """output: alerts to the watchlist's channels and the --notify URLs, each decision also shown on
  stdout; deliveries and dead letters to Kafka; log lines on stderr.

example:
  WIREWATCH_NOTIFY_FILE=/run/secrets/notify wirewatch alert --watchlist watch.yaml""",
    )
    _kafka_options(p)
    _watchlist_option(p, "the places to watch and where their alerts go (required)")
    _notify_option(p)
    _metrics_option(p, "alerter", 9103)

    p = _command(
        sub,
        "up",
        "run poller, processor and alerter together",
        """output: the three workers' output, each line marked with the worker it comes from; the
  configuration is checked and the topics created before anything starts. Ctrl-C stops all.

example:
  wirewatch up --feeds feeds.yaml --watchlist watch.yaml""",
    )
    _kafka_options(p)
    _feeds_option(p)
    _watchlist_option(p, "the places to watch and where their alerts go (required)")
    _notify_option(p)

    p = _command(
        sub,
        "topics",
        "create wirewatch's topics if missing and list them",
        """output: one tab-separated line per topic: name, created or exists, the record key, settings.
  Gives up after WIREWATCH_BROKER_COMMAND_TIMEOUT seconds (default 10) when the broker does
  not answer, with one line on stderr and exit code 2; so do silence, surge and poll --once.

example:
  wirewatch topics --bootstrap kafka:9092 --topic-prefix staging""",
    )
    _kafka_options(p)

    p = _command(
        sub,
        "test-alert",
        "send a sample alert to a channel and say whether it arrived",
        """output: one line, the channel's masked URL and sent or failed (with the reason); exit 0
  when the receiver took the alert, 1 when not. No Kafka.

examples:
  wirewatch test-alert --to 'json://127.0.0.1:8000/hook'
  wirewatch test-alert --to analysts-mail --watchlist watch.yaml""",
    )
    p.add_argument(
        "--to",
        dest="to",
        required=True,
        help="apprise URL, webhook+https://… or a channel name (with --watchlist)",
    )
    _watchlist_option(p, "resolves a channel name given with --to")

    p = _command(
        sub,
        "silence",
        "mute a watched entry or a channel until a time",
        """output: see each action's help. Silences live on a Kafka topic: every running alerter
  follows it, so they act at once without a restart.

examples:
  wirewatch silence add --entry ain-al-asad --for 2h --comment 'known drill'
  wirewatch silence --bootstrap kafka:9092 list""",
    )
    _kafka_options(p)
    silence = p.add_subparsers(dest="silence_command", required=True, metavar="ACTION")
    add = _command(
        silence,
        "add",
        "add a silence (effective without restarting the alerter)",
        """output: one tab-separated line: the silence id, entry, channel (* for all) and its end.

examples:
  wirewatch silence add --entry ain-al-asad --for 2h --comment 'known drill'
  wirewatch silence add --channel ops-slack --until 2026-11-26T08:00Z""",
    )
    _kafka_options(add, nested=True)
    add.add_argument("--entry", help="watch entry id to mute (on all channels unless --channel)")
    add.add_argument("--channel", help="channel name to mute (for all entries unless --entry)")
    when = add.add_mutually_exclusive_group(required=True)
    when.add_argument("--until", help=f"when the silence ends: {_UNTIL}")
    when.add_argument("--for", dest="duration", help=f"how long the silence lasts: {_FOR}")
    add.add_argument("--comment", default="", help="why, for whoever reads 'silence list'")
    listing = _command(
        silence,
        "list",
        "list the silences, in force and expired",
        """output: one tab-separated line per silence: id, entry, channel, end, active or expired,
  and the comment.

example:
  wirewatch silence list""",
    )
    _kafka_options(listing, nested=True)
    remove = _command(
        silence,
        "remove",
        "remove a silence",
        """output: one line, "removed ID"; exit 2 if there is no such silence.

example:
  wirewatch silence remove s-0123456789""",
    )
    _kafka_options(remove, nested=True)
    remove.add_argument("silence_id", metavar="ID", help="the id 'silence add' and 'silence list' show")

    p = _command(
        sub,
        "surge",
        "poll a group of feeds faster for a while",
        """output: see each action's help. Surges live on a Kafka topic: every running poller follows
  it, so they act at once without a restart.

examples:
  wirewatch surge start IQ-AN --every 1m --for 2h --reason 'rockets on Ain al-Asad'
  wirewatch surge --bootstrap kafka:9092 list""",
    )
    _kafka_options(p)
    surge = p.add_subparsers(dest="surge_command", required=True, metavar="ACTION")
    start = _command(
        surge,
        "start",
        "poll the feeds of these groups every --every until the surge ends",
        """output: one tab-separated line per group: the group, the interval and the end.

example:
  wirewatch surge start IQ-AN ain-al-asad --every 1m --for 2h --reason 'rockets on Ain al-Asad'""",
    )
    _kafka_options(start, nested=True)
    start.add_argument(
        "groups", nargs="+", metavar="GROUP", help="a group named in the feed list (IQ, IQ-AN, a base id ...)"
    )
    start.add_argument("--every", required=True, help="the interval in force: 30s, 1m, 5m")
    ends = start.add_mutually_exclusive_group(required=True)
    ends.add_argument("--until", help=f"when the surge ends: {_UNTIL}")
    ends.add_argument("--for", dest="duration", help=f"how long the surge lasts: {_FOR}")
    start.add_argument("--reason", default="", help="shown in the pollers' logs and in 'surge list'")
    stop = _command(
        surge,
        "stop",
        "end surges before their time",
        """output: one line per group, "stopped GROUP"; exit 2 if a group has no surge in force.

example:
  wirewatch surge stop IQ-AN""",
    )
    _kafka_options(stop, nested=True)
    stop.add_argument("groups", nargs="+", metavar="GROUP", help="a group with a surge in force")
    listing = _command(
        surge,
        "list",
        "list the surges in force",
        """output: one tab-separated line per surge in force: group, interval, end and reason.

example:
  wirewatch surge list""",
    )
    _kafka_options(listing, nested=True)

    p = _command(
        sub,
        "check-config",
        "validate every configuration file and print the resolved routes",
        """output: on stdout, what each file resolves to: feeds, channels (URLs masked), routes, policy
  and every watch entry with its place and channels. On stderr, every problem found, one per
  line: FILE:LINE: field 'PATH': what is wrong; a warning (a feed on a loopback or private
  address that the poller will refuse) says "warning:" after the line. Exit 2 on any error,
  0 with warnings only. No Kafka.

example:
  wirewatch check-config --feeds feeds.yaml --watchlist watch.yaml""",
    )
    _feeds_option(p)
    _watchlist_option(p, "the places to watch and where their alerts go")
    _notify_option(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
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
        from wirewatch.checkconfig import check_config

        return check_config(_settings(args), sys.stdout, sys.stderr)
    if args.command == "explain":
        from wirewatch.alerts.watchlist import analyzer_for
        from wirewatch.explain import explain_lines

        color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
        return explain_lines(_lines(args.input), analyzer_for(args.watchlist), sys.stdout, color)

    from wirewatch import health, logs
    from wirewatch.metrics import Metrics

    settings = _settings(args)
    worker = {"poll": "poller", "process": "processor", "alert": "alerter"}.get(args.command, args.command)
    logs.setup(settings.log_level, settings.log_json, worker)
    args.json_logs = settings.log_json
    if args.command in ("topics", "silence", "surge") or (args.command == "poll" and args.once):
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


def _one_shot(settings: Any) -> Any:
    """Settings for a command that asks Kafka one thing and ends: it gives up on an unreachable broker
    after ``broker_command_timeout`` and says so in one line, where a worker retries forever."""
    # The retry lines of topics.admin are for workers that wait; here BrokerUnavailable says it all.
    logging.getLogger("wirewatch.topics").setLevel(logging.ERROR)
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
    from wirewatch.checkconfig import channel_problems

    watchlist = load_watchlist(settings.watchlist)
    found = channel_problems(watchlist.channels, settings.watchlist, settings)
    if found:
        raise ConfigError(problems=found)
    routing = watchlist.routing(settings.notify_urls())
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
