"""Handlers of the long-running commands: poll, process, alert, web, and ``up`` (all of them).

Each reads the settings once, starts the worker's health endpoint and lag watch (``health``)
and hands both to the worker in ``workers/``; the worker's own code does the rest.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import Any

from wirewatch.commands import prepare, settings_env
from wirewatch.errors import ConfigError

log = logging.getLogger("wirewatch")


def poll(args: argparse.Namespace) -> int:
    from wirewatch import health
    from wirewatch.feedlist import load_feed_list
    from wirewatch.workers import poller

    settings, metrics = prepare(args, "poller", one_shot=args.once)
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


def process(args: argparse.Namespace) -> int:
    from wirewatch import health
    from wirewatch.alerts.watchlist import analyzer_for
    from wirewatch.workers import processor

    settings, metrics = prepare(args, "processor")
    analyzer = analyzer_for(settings.watchlist, settings.rules)
    mon = health.start("processor", settings, metrics, settings.processor_metrics_port)
    try:
        return processor.run(settings, analyzer, metrics, health=mon.readiness)
    finally:
        mon.close()


def alert(args: argparse.Namespace) -> int:
    from wirewatch import health
    from wirewatch.alerts.watchlist import analyzer_for
    from wirewatch.workers import alerter

    settings, metrics = prepare(args, "alerter")
    if settings.watchlist is None:
        raise ConfigError(
            "the alerter needs a watchlist: --watchlist or WIREWATCH_WATCHLIST", field="watchlist"
        )
    analyzer = analyzer_for(settings.watchlist)
    routing = routing_for(settings)
    mon = health.start("alerter", settings, metrics, settings.alerter_metrics_port)
    try:
        return alerter.run(settings, analyzer, routing, metrics, health=mon.readiness)
    finally:
        mon.close()


def web(args: argparse.Namespace) -> int:
    if args.web_command == "hash-password":
        return _hash_password()
    from wirewatch.alerts.watchlist import analyzer_for
    from wirewatch.workers import web as web_worker

    settings, metrics = prepare(args, "web")
    return web_worker.run(settings, analyzer_for(settings.watchlist, settings.rules), metrics)


def _hash_password() -> int:
    from wirewatch.web.auth import hash_password

    password = sys.stdin.readline().rstrip("\n")
    if not password:
        raise ConfigError("no password on standard input", field="password")
    print(hash_password(password))
    return 0


def up(args: argparse.Namespace) -> int:
    """Every worker under one supervisor, after everything they will read has been validated."""
    from wirewatch.alerts.watchlist import analyzer_for, load_watchlist
    from wirewatch.feedlist import load_feed_list
    from wirewatch.topics.admin import ensure_topics
    from wirewatch.workers import supervisor

    settings, _ = prepare(args, "up")
    # Validate everything before starting anything: one clear error instead of three.
    if settings.feeds is None:
        raise ConfigError("no feed list: --feeds or WIREWATCH_FEEDS", field="feeds")
    if settings.watchlist is None:
        raise ConfigError("no watchlist: --watchlist or WIREWATCH_WATCHLIST", field="watchlist")
    load_feed_list(settings.feeds)
    load_watchlist(settings.watchlist)
    analyzer_for(settings.watchlist)
    routing_for(settings)
    ensure_topics(settings)
    env = dict(os.environ)
    env.update(settings_env(settings))
    return supervisor.supervise(supervisor.worker_commands([]), env=env)


def routing_for(settings: Any) -> Any:
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
