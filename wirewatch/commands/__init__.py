"""The handlers of ``wirewatch``'s subcommands, one function a subcommand, and what they share.

``cli`` parses the command line (grammar in ``cliargs``) and calls the handler its table names;
each handler takes the parsed arguments and returns the exit status. The handlers live by kind:

- ``offline``: analyze, explain, test-alert, check-config (no broker);
- ``workers``: poll, process, alert, web, up (the long-running processes);
- ``operator``: topics, silence, surge, feedback, replay, export (ask Kafka one thing and end);
- ``articles``: the input contract of analyze and explain (JSON Lines to ``Article``).

This module reads the settings once for a command (``settings_for``) and prepares what the
broker-facing commands share (``prepare``). Libraries are imported by the handler that needs
them, so ``wirewatch --help`` and ``wirewatch analyze`` stay quick.
"""

from __future__ import annotations

import argparse
import json
import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wirewatch.config import Settings
    from wirewatch.metrics import Metrics

# Options that override a setting, under the setting's own name.
_OVERRIDES = (
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


def settings_for(args: argparse.Namespace) -> Settings:
    """The settings of this run: the environment, with the command line's options over it."""
    from wirewatch.config import load_settings

    overrides: dict[str, Any] = {k: getattr(args, k, None) for k in _OVERRIDES}
    if getattr(args, "feeds_file", None) is not None:
        overrides["feeds"] = args.feeds_file
    if getattr(args, "notify", None):
        overrides["notify"] = tuple(args.notify)
    if args.command in ("process", "check-config") and args.rules is not None:
        overrides["rules"] = args.rules
    return load_settings(**overrides)


def prepare(args: argparse.Namespace, worker: str, one_shot: bool = False) -> tuple[Settings, Metrics]:
    """Settings, logging and a metrics bundle for a command that talks to the broker.

    ``one_shot``: the command asks Kafka one thing and ends (see ``one_shot_settings``).
    """
    from wirewatch import logs
    from wirewatch.metrics import Metrics

    settings = settings_for(args)
    logs.setup(settings.log_level, settings.log_json, worker, settings.library_log)
    args.json_logs = settings.log_json  # how ``cli`` reports an error from here on
    if one_shot:
        settings = one_shot_settings(settings)
    return settings, Metrics.create()


def one_shot_settings(settings: Settings) -> Settings:
    """Settings for a command that asks Kafka one thing and ends: it gives up on an unreachable broker
    after ``broker_command_timeout`` and says so in one line, where a worker retries forever."""
    # The retry lines of topics.admin and the Kafka clients' connection errors are for workers
    # that wait; here BrokerUnavailable says it all, in one line.
    for name in ("wirewatch.topics", "kafka", "aiokafka"):
        logging.getLogger(name).setLevel(logging.CRITICAL if name != "wirewatch.topics" else logging.ERROR)
    return settings.model_copy(update={"broker_give_up_after": settings.broker_command_timeout})


def settings_env(settings: Settings) -> dict[str, str]:
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
