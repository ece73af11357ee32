"""The command line's grammar: every command, option and action, with help that says what each
command outputs and shows an example (``wirewatch COMMAND --help``). ``cli`` acts on it.

The Kafka options (``--bootstrap``, ``--topic-prefix``, ``--log-level``, ``--log-json``) are
repeated on the actions of ``silence`` and ``surge`` so that they work before or after the action.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


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


def _rules_option(p: argparse.ArgumentParser, env: bool = False) -> None:
    p.add_argument(
        "--rules",
        type=Path,
        metavar="FILE",
        help="the team's own detection rules, YAML: phrases that make a sentence no attack, places "
        "never a target (README, 'Rules')" + (" (WIREWATCH_RULES)" if env else ""),
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


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="wirewatch",
        description="News monitoring for attacks on watched places.",
        epilog="Run 'wirewatch COMMAND --help' for what a command outputs and an example.\n"
        "Settings: WIREWATCH_* environment variables (wirewatch/config.py), overridden by options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

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
    _rules_option(p)
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
    _rules_option(p)
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
    _rules_option(p, env=True)
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
        "web",
        "run the analysts' web pages (board, incidents, feeds, silences, feedback)",
        """output: a web server on WIREWATCH_WEB_HOST:WIREWATCH_WEB_PORT (127.0.0.1:8080), its store
  (WIREWATCH_WEB_STORE) rebuilt from the topics; log lines on stderr. Users come from
  WIREWATCH_WEB_USERS; /healthz and /metrics need no login, everything else does.
  `wirewatch web hash-password` reads a password on stdin and prints its hash for the users file.

example:
  WIREWATCH_WEB_USERS=users.yaml wirewatch web --watchlist watch.yaml --port 8080
  wirewatch web hash-password < secret.txt""",
    )
    p.add_argument(
        "web_command",
        nargs="?",
        choices=["serve", "hash-password"],
        default="serve",
        help="serve the pages (default), or print the argon2 hash of the password read on stdin",
    )
    _kafka_options(p)
    _watchlist_option(p, "the places to watch (watch hits on the board)")
    p.add_argument(
        "--port", dest="web_port", type=int, metavar="PORT", help="WIREWATCH_WEB_PORT (default 8080)"
    )
    p.add_argument(
        "--host", dest="web_host", metavar="ADDRESS", help="WIREWATCH_WEB_HOST (default 127.0.0.1)"
    )
    p.add_argument(
        "--users", dest="web_users", type=Path, metavar="FILE", help="users file (WIREWATCH_WEB_USERS)"
    )

    p = _command(
        sub,
        "feedback",
        "the analysts' marks on incidents (the feedback topic)",
        """output: `feedback export` writes every mark as one labelled JSON object per line, in the
  format of `make eval` (tests/eval/README.md): id, lang, title, text, url, outlet, published and
  the label the mark gives (attack false for not-an-attack; watch_hits without the wrong place).

example:
  wirewatch feedback export --output marks.jsonl""",
    )
    p.add_argument("feedback_command", choices=["export"], help="export: every mark as a labelled item")
    _kafka_options(p)
    p.add_argument("--output", "-o", type=Path, metavar="FILE", help="default: standard output")

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

  With --acls: no broker; one tab-separated line per ACL each worker's principal needs
  (principal, ALLOW, operation, resource:pattern:name). With --apply-acls: create the topics,
  then those ACLs (the settings must carry an administrator's credentials).

example:
  wirewatch topics --bootstrap kafka:9092 --topic-prefix staging
  wirewatch topics --acls --principal alerter=User:team-alerter
  WIREWATCH_REPLICATION_FACTOR=3 WIREWATCH_MIN_INSYNC_REPLICAS=2 wirewatch topics --strimzi wirewatch""",
    )
    _kafka_options(p)
    p.add_argument("--acls", action="store_true", help="print each worker's ACLs; touch no broker")
    p.add_argument(
        "--apply-acls", action="store_true", help="create the topics, then each worker's ACLs on the cluster"
    )
    p.add_argument(
        "--strimzi",
        metavar="CLUSTER",
        help="print the topics and the workers' users as Strimzi KafkaTopic and KafkaUser resources of "
        "this Kafka cluster (YAML); touch no broker",
    )
    p.add_argument("--namespace", default="wirewatch", help="namespace of the --strimzi resources")
    p.add_argument(
        "--principal",
        action="append",
        metavar="WORKER=PRINCIPAL",
        default=[],
        help="a worker's principal (poller, processor, alerter); default User:<topic prefix>-<worker>",
    )

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
        "replay",
        "re-run retained articles through today's rules and watchlist (what-if); sends nothing",
        """output: the window's incidents with watch hits and the alerts each channel would have had;
  with --diff, what differs from what the live pipeline produced and alerted for the same
  articles (+ new, - gone, ~ changed); --json gives one JSON object instead. A progress bar on
  stderr when it is a terminal. Exit 0; 1 if --send-digest could not deliver.

examples:
  wirewatch replay --since 7d --watchlist watch-with-harir.yaml --diff
  wirewatch replay --from 2026-11-01T00:00Z --to 2026-11-08T00:00Z --rules new-rules.yaml --diff
  wirewatch replay --since 1d --watchlist watch.yaml --send-digest analysts-mail""",
    )
    _kafka_options(p)
    span = p.add_mutually_exclusive_group(required=True)
    span.add_argument("--since", metavar="SPAN", help="the window up to now: 90m, 12h, 7d")
    span.add_argument("--from", dest="start", metavar="TIME", help=f"start of the window: {_UNTIL}")
    p.add_argument("--to", dest="end", metavar="TIME", help="end of the window (with --from; default now)")
    _watchlist_option(p, "the places to watch and their routes (default: the built-in gazetteer only)")
    p.add_argument(
        "--rules",
        default="current",
        metavar="current|FILE",
        help="detection rules: 'current' (the processor's, WIREWATCH_RULES) or a rules YAML to try",
    )
    p.add_argument("--diff", action="store_true", help="compare with what the live pipeline did")
    p.add_argument("--json", action="store_true", help="one JSON object on stdout instead of text")
    p.add_argument(
        "--no-silences",
        dest="silences",
        action="store_false",
        help="ignore the silences on record (default: they mute as they did live)",
    )
    p.add_argument("--send-digest", metavar="CHANNEL", help="send one digest of the result to this channel")

    p = _command(
        sub,
        "export",
        "export incidents as a table (CSV), map points (GeoJSON) or JSON Lines",
        """output: on stdout (or -o FILE), the incidents whose event time falls in the window, read
  from the incidents topic. CSV columns in the spirit of ACLED's: event_id, event_date, type,
  sub_type, country, admin1, admin2, location, latitude, longitude, source_outlets,
  source_count, fatalities, notes. GeoJSON: a FeatureCollection of points (a place without
  coordinates has a null geometry). Untrusted text is exported as data, never as markup.

examples:
  wirewatch export incidents --from 2026-11-01T00:00Z --to 2026-12-01T00:00Z --format csv -o november.csv
  wirewatch export incidents --since 7d --format geojson --watch ain-al-asad --watchlist watch.yaml""",
    )
    _kafka_options(p)
    p.add_argument("what", choices=["incidents"], help="what to export")
    span = p.add_mutually_exclusive_group(required=True)
    span.add_argument("--since", metavar="SPAN", help="the window up to now: 90m, 12h, 7d")
    span.add_argument("--from", dest="start", metavar="TIME", help=f"start of the window: {_UNTIL}")
    p.add_argument("--to", dest="end", metavar="TIME", help="end of the window (with --from; default now)")
    p.add_argument("--format", choices=["csv", "geojson", "jsonl"], default="csv", help="default csv")
    p.add_argument(
        "--watch",
        action="append",
        metavar="ENTRY",
        help="only incidents that hit this watch entry (repeatable)",
    )
    _watchlist_option(p, "resolves --watch entries")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here instead of stdout")

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
    _rules_option(p, env=True)
    _notify_option(p)
    return top
