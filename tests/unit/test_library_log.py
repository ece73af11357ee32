"""``library_log``: the libraries' log lines go to their own file, wirewatch's stay on standard error."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from wirewatch import logs


@pytest.fixture
def restored_logging() -> Iterator[None]:
    """logs.setup changes process-wide logging: put it back for the tests that follow."""
    root = logging.getLogger()
    saved_root = (root.handlers[:], root.level)
    saved = {n: (logging.getLogger(n).handlers[:], logging.getLogger(n).propagate) for n in logs.LIBRARIES}
    saved_levels = {n: logging.getLogger(n).level for n in logs.LIBRARIES}
    yield
    for handler in logging.getLogger("faust").handlers:
        handler.close()
    root.handlers[:], root.level = saved_root
    for name, (handlers, propagate) in saved.items():
        library = logging.getLogger(name)
        library.handlers[:], library.propagate = handlers, propagate
        library.setLevel(saved_levels[name])


def test_library_lines_go_to_their_file_and_wirewatch_lines_to_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], restored_logging: None
) -> None:
    path = tmp_path / "workers.log"
    logs.setup("INFO", worker="processor", library_log=path)
    logging.getLogger("faust.tables.recovery").info("Highwater for active changelog partitions: ┌───┐")
    logging.getLogger("mode.worker").warning("Timer Monitor.sampler woke up too late")
    logging.getLogger("apprise").info("Sent JSON notification to 127.0.0.1")
    logging.getLogger("wirewatch.processor").info("incident i-1 new: Ain al-Asad")
    for handler in logging.getLogger("faust").handlers:
        handler.flush()
    err = capsys.readouterr().err
    written = path.read_text("utf-8")
    assert "incident i-1 new" in err and "incident i-1 new" not in written
    for line in ("Highwater for active changelog", "woke up too late", "Sent JSON notification"):
        assert line in written and line not in err
    assert "processor INFO faust.tables.recovery:" in written  # the same line format, with the worker


def test_without_the_setting_library_lines_share_stderr(
    capsys: pytest.CaptureFixture[str], restored_logging: None
) -> None:
    logs.setup("INFO", worker="processor")
    logging.getLogger("faust.tables.recovery").info("Highwater for active changelog partitions")
    assert "Highwater for active changelog partitions" in capsys.readouterr().err
