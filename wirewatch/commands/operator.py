"""Handlers of the commands that ask Kafka one thing and end: topics, silence, surge, feedback,
replay, export. Each gives up on an unreachable broker after ``broker_command_timeout``."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from wirewatch.commands import prepare
from wirewatch.errors import ConfigError


def topics(args: argparse.Namespace) -> int:
    """Create the topics and list them; or print the ACLs or Strimzi resources; or apply the ACLs."""
    from wirewatch.topics import ALL, ARTICLES
    from wirewatch.topics.acls import apply_grants, grants
    from wirewatch.topics.admin import apply_retention, ensure_topics, topic_config

    settings, _ = prepare(args, "topics", one_shot=True)
    wanted = grants(settings, principals(args.principal))
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


def principals(given: list[str]) -> dict[str, str]:
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


def silence(args: argparse.Namespace) -> int:
    from wirewatch.alerts import admin

    settings, _ = prepare(args, "silence", one_shot=True)
    if args.silence_command == "add":
        return admin.silence_add(
            settings, args.entry, args.channel, args.until, args.duration, args.comment, sys.stdout
        )
    if args.silence_command == "list":
        return admin.silence_list(settings, sys.stdout)
    return admin.silence_remove(settings, args.silence_id, sys.stdout)


def surge(args: argparse.Namespace) -> int:
    from wirewatch.poller import surges

    settings, _ = prepare(args, "surge", one_shot=True)
    if args.surge_command == "start":
        return surges.surge_start(
            settings, args.groups, args.every, args.until, args.duration, args.reason, sys.stdout
        )
    if args.surge_command == "stop":
        return surges.surge_stop(settings, args.groups, sys.stdout)
    return surges.surge_list(settings, sys.stdout)


def feedback(args: argparse.Namespace) -> int:
    from wirewatch.feedback import export_marks

    settings, _ = prepare(args, "feedback", one_shot=True)
    if args.output is None:
        return export_marks(settings, sys.stdout)
    with args.output.open("w", encoding="utf-8") as handle:
        return export_marks(settings, handle)


def replay(args: argparse.Namespace) -> int:
    from wirewatch import replay as replaying

    settings, _ = prepare(args, "replay", one_shot=True)
    span = replaying.window(args.since, args.start, args.end, datetime.now(UTC))
    rules = settings.rules if args.rules == "current" else Path(args.rules)
    return replaying.run(
        settings,
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


def export(args: argparse.Namespace) -> int:
    from wirewatch import export as exporting
    from wirewatch import replay as replaying

    settings, _ = prepare(args, "export", one_shot=True)
    span = replaying.window(args.since, args.start, args.end, datetime.now(UTC))
    return exporting.run(
        settings,
        span,
        args.format,
        args.watch or (),
        args.watchlist or settings.watchlist,
        args.output,
        sys.stdout,
    )
