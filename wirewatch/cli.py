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

The grammar (commands, options, help with examples) is in ``cliargs``, the handler of each
subcommand in ``commands`` (the table ``HANDLERS``). Errors that are wirewatch's to explain (a
bad file, an unreachable broker) print one line and exit 2; a closed output pipe (``| head``)
ends the command quietly with 141; a traceback means a bug.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from collections.abc import Callable, Sequence

from wirewatch.cliargs import parser
from wirewatch.commands import offline, operator, settings_for, workers
from wirewatch.errors import ConfigError, WirewatchError

log = logging.getLogger("wirewatch")

Handler = Callable[[argparse.Namespace], int]

# One handler per subcommand (``commands``); the grammar of each is in ``cliargs``.
HANDLERS: dict[str, Handler] = {
    "analyze": offline.analyze_command,
    "explain": offline.explain_command,
    "test-alert": offline.test_alert_command,
    "check-config": offline.check_config_command,
    "poll": workers.poll,
    "process": workers.process,
    "alert": workers.alert,
    "web": workers.web,
    "up": workers.up,
    "topics": operator.topics,
    "silence": operator.silence,
    "surge": operator.surge,
    "feedback": operator.feedback,
    "replay": operator.replay,
    "export": operator.export,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return HANDLERS[args.command](args)
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
        return _fail(args, str(refused(exc, settings_for(args), args.command)))


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


if __name__ == "__main__":
    sys.exit(main())
