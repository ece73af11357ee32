"""The command line itself: version, help for every option and command, option order."""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from wirewatch import cliargs
from wirewatch.commands import settings_for

ROOT = Path(__file__).resolve().parents[2]


def commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Every subcommand and nested action (``silence add``) with its parser, depth first."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield " ".join((*path, name)), child
                yield from commands(child, (*path, name))


COMMANDS = dict(commands(cliargs.parser()))


def test_the_walk_reaches_every_command_and_nested_action() -> None:
    assert set(COMMANDS) == {
        "analyze",
        "explain",
        "poll",
        "process",
        "alert",
        "up",
        "topics",
        "test-alert",
        "silence",
        "silence add",
        "silence list",
        "silence remove",
        "surge",
        "surge start",
        "surge stop",
        "surge list",
        "check-config",
        "replay",
        "export",
        "web",
        "feedback",
    }


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_and_argument_has_help(name: str) -> None:
    parser = COMMANDS[name]
    missing = [
        action.option_strings[0] if action.option_strings else action.dest
        for action in parser._actions
        if not isinstance(action, argparse._SubParsersAction) and not (action.help or "").strip()
    ]
    assert missing == [], f"wirewatch {name}: no help for {missing}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_help_says_what_it_outputs_and_shows_an_example(name: str) -> None:
    parser = COMMANDS[name]
    epilog = parser.epilog or ""
    assert epilog.startswith("output: "), f"wirewatch {name}: the help does not say what it outputs"
    examples = epilog.partition("\nexample")[2].splitlines()[1:]
    assert any(
        line.strip().startswith(f"wirewatch {name}") or f" wirewatch {name}" in line for line in examples
    ), f"wirewatch {name}: no example of the command itself"
    # Kept as written: the example lines come out of --help unwrapped.
    help_text = parser.format_help()
    assert all(line in help_text for line in epilog.splitlines())


def test_version_comes_from_the_installed_package() -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    result = subprocess.run(
        [sys.executable, "-m", "wirewatch.cli", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wirewatch {version}\n"


KAFKA = ["--bootstrap", "kafka-a:9093", "--topic-prefix", "staging", "--log-level", "DEBUG", "--log-json"]


@pytest.mark.parametrize(
    "argv",
    [
        ["silence", *KAFKA, "list"],
        ["silence", "list", *KAFKA],
        ["silence", *KAFKA, "add", "--entry", "anbar", "--for", "2h"],
        ["silence", "add", "--entry", "anbar", *KAFKA, "--for", "2h"],
        ["silence", *KAFKA, "remove", "s-1"],
        ["silence", "remove", "s-1", *KAFKA],
        ["surge", *KAFKA, "start", "IQ", "--every", "1m", "--for", "2h"],
        ["surge", "start", "IQ", "--every", "1m", "--for", "2h", *KAFKA],
        ["surge", *KAFKA, "stop", "IQ"],
        ["surge", "stop", "IQ", *KAFKA],
        ["surge", *KAFKA, "list"],
        ["surge", "list", *KAFKA],
        ["silence", *KAFKA[:2], "list", *KAFKA[2:]],  # split around the action
    ],
    ids=" ".join,
)
def test_kafka_options_work_before_and_after_the_action(
    argv: list[str], clean_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIREWATCH_KAFKA_BOOTSTRAP", "from-env:9092")
    monkeypatch.setenv("WIREWATCH_TOPIC_PREFIX", "from-env")
    settings = settings_for(cliargs.parser().parse_args(argv))
    assert (settings.kafka_bootstrap, settings.topic_prefix, settings.log_level, settings.log_json) == (
        "kafka-a:9093",
        "staging",
        "DEBUG",
        True,
    )


@pytest.mark.parametrize("argv", [["silence", "list"], ["surge", "list"], ["topics"]])
def test_without_the_options_the_environment_decides(
    argv: list[str], clean_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WIREWATCH_KAFKA_BOOTSTRAP", "from-env:9092")
    monkeypatch.setenv("WIREWATCH_LOG_JSON", "true")
    settings = settings_for(cliargs.parser().parse_args(argv))
    assert (settings.kafka_bootstrap, settings.topic_prefix, settings.log_json) == (
        "from-env:9092",
        "wirewatch",
        True,
    )


def test_the_option_given_last_wins() -> None:
    args = cliargs.parser().parse_args(["silence", "--bootstrap", "first:1", "list", "--bootstrap", "last:2"])
    assert args.kafka_bootstrap == "last:2"


@pytest.mark.parametrize(("command", "first"), [("analyze", '{"id": "a0"'), ("explain", "== a0 [en]")])
def test_a_reader_that_leaves_early_ends_the_command_quietly(
    command: str, first: str, tmp_path: Path
) -> None:
    probe_read, probe_write = os.pipe()
    capacity = fcntl.fcntl(probe_write, fcntl.F_GETPIPE_SZ)
    os.close(probe_read)
    os.close(probe_write)
    # Each article gives a few hundred bytes: far more than the pipe holds, so the command is
    # still writing when the reader leaves (had it finished first, it would exit 0 and fail this).
    article = {"title": "Two rockets hit Ain al-Asad air base", "text": "Two rockets hit the base today."}
    source = tmp_path / "in.jsonl"
    source.write_text(
        "".join(json.dumps({"id": f"a{i}", **article}) + "\n" for i in range(4 * capacity // 300)), "utf-8"
    )
    with subprocess.Popen(
        [sys.executable, "-m", "wirewatch.cli", command, str(source)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        line = proc.stdout.readline()  # what `head -1` does, then it exits
        proc.stdout.close()
        stderr = proc.stderr.read()
        assert proc.wait(timeout=120) == 141
    assert line.startswith(first)
    assert stderr == ""  # no BrokenPipeError traceback, no "Exception ignored"


def test_every_command_has_one_handler() -> None:
    from wirewatch.cli import HANDLERS

    assert set(HANDLERS) == {name for name in COMMANDS if " " not in name}
