"""Handlers of the commands that need no broker: analyze, explain, test-alert, check-config."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Sequence
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from wirewatch.commands import settings_for
from wirewatch.commands.articles import article_from_dict, numbered_lines, parsed

if TYPE_CHECKING:
    from wirewatch.core.analysis import Analyzer
    from wirewatch.core.findings import Analysis

# Input lines analyzed together: their attack reports are grouped in publication order. Memory
# is bounded by this window and the incidents still open, not by the length of the input.
ANALYZE_WINDOW = 2000


def analyze_command(args: argparse.Namespace) -> int:
    return analyze(args.input, args.watchlist, sys.stdout, args.rules)


def explain_command(args: argparse.Namespace) -> int:
    from wirewatch.alerts.watchlist import analyzer_for
    from wirewatch.explain import explain_lines

    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    return explain_lines(
        numbered_lines(args.input), analyzer_for(args.watchlist, args.rules), sys.stdout, color
    )


def test_alert_command(args: argparse.Namespace) -> int:
    from wirewatch.alerts.admin import test_alert

    return test_alert(args.to, args.watchlist, sys.stdout)


def check_config_command(args: argparse.Namespace) -> int:
    from wirewatch.checkconfig import check_config

    return check_config(settings_for(args), sys.stdout, sys.stderr)


def analyze_stream(records: Sequence[dict[str, Any]], analyzer: Analyzer) -> list[Analysis]:
    """Analyses of input objects (already valid), grouped into incidents."""
    from wirewatch.core.analysis import analyze_batch

    return analyze_batch([article_from_dict(r) for r in records], analyzer)


def analyze(source: str, watchlist: Path | None, out: TextIO, rules: Path | None = None) -> int:
    """``wirewatch analyze``: one JSON object per input line, in order; exit 1 if any line was bad."""
    from wirewatch.alerts.watchlist import analyzer_for
    from wirewatch.core.analysis import IncidentBook, analyze_window
    from wirewatch.core.incidents import IncidentRules
    from wirewatch.progress import Progress, count_lines

    analyzer = analyzer_for(watchlist, rules)
    gc.freeze()  # the gazetteer and the tables live as long as the process: no collection scans them
    # What grows after that is the tables' caches of words, kept to the end: a full collection
    # scans them all, for the few cycles a window may leave. One in ten of the default's does as well
    # (nine full collections took 0.25 s of a SaudiNewsNet run; the memory stays the same).
    young, middle, old = gc.get_threshold()
    gc.set_threshold(young, middle, max(old, 100))
    book = IncidentBook(IncidentRules())
    bad = False
    rows = parsed(source)
    total = count_lines(source) if sys.stderr.isatty() else None
    with Progress("analyze", total, sys.stderr) as progress:
        while window := list(islice(rows, ANALYZE_WINDOW)):
            results = iter(analyze_window([a for _, a in window if not isinstance(a, str)], analyzer, book))
            for number, item in window:
                if isinstance(item, str):
                    bad = True
                    out.write(json.dumps({"line": number, "error": item}, ensure_ascii=False) + "\n")
                else:
                    out.write(json.dumps(next(results).record(), ensure_ascii=False) + "\n")
            out.flush()
            progress.advance(len(window))
    return 1 if bad else 0
