"""Progress of long commands (replay, analyze of a large file, eval-stream): a tqdm bar with the
rate and the time left when the output is a terminal, nothing at all when it is not (a pipe, a
log file, CI), so machine-read output stays clean."""

from __future__ import annotations

from types import TracebackType
from typing import TextIO

from tqdm import tqdm


class Progress:
    def __init__(self, what: str, total: int | None, stream: TextIO, unit: str = "article") -> None:
        self.shown = _is_terminal(stream)
        self._bar = tqdm(
            total=total,
            desc=what,
            unit=unit,
            file=stream,
            disable=not self.shown,
            mininterval=0.5,
            smoothing=0.1,
            dynamic_ncols=True,
            leave=False,
        )

    def advance(self, n: int = 1) -> None:
        self._bar.update(n)

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._bar.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def count_lines(path: str) -> int | None:
    """Lines in a regular file (for a bar's time left), ``None`` for standard input."""
    if path == "-":
        return None
    try:
        with open(path, "rb") as handle:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    except OSError:
        return None
