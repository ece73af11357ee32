"""`wirewatch test-alert` and `wirewatch check-config`, through the console script."""

import subprocess
import sys
from pathlib import Path

from wirewatch.testing.ports import free_port
from wirewatch.testing.receivers import WebhookReceiver


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    import os

    full_env = {k: v for k, v in os.environ.items() if not k.startswith("WIREWATCH_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "wirewatch.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=full_env,
    )


def test_test_alert_reports_whether_the_receiver_took_it() -> None:
    hook = WebhookReceiver().start()
    try:
        ok = cli("test-alert", "--to", f"webhook+http://127.0.0.1:{hook.port}/hook?token=SECRET123")
        assert ok.returncode == 0 and ": sent (HTTP 200)" in ok.stdout
        sample = hook.received[0].json()
        assert sample["incident"]["places"][0]["name"].startswith("Test Base")
        # What a lock screen shows first says it is a test, and so does the body.
        assert sample["title"].startswith("TEST (not a real alert): ") and sample["test"] is True
        assert sample["text"].startswith("TEST: sent by `wirewatch test-alert`")
        assert "SECRET123" not in ok.stdout + ok.stderr
        down = cli("test-alert", "--to", f"webhook+http://127.0.0.1:{free_port()}/hook")
        assert down.returncode == 1 and ": failed" in down.stdout
    finally:
        hook.stop()


def test_check_config_prints_resolved_routes_with_masked_secrets(tmp_path: Path) -> None:
    secret_file = tmp_path / "ops-url"
    secret_file.write_text("# ops channel\nmmost://hooks.example.org/TOKEN-ABC123\n", encoding="utf-8")
    watch = tmp_path / "watch.yaml"
    watch.write_text(
        "channels:\n"
        "  mail: {url_env: MAIL_URL}\n"
        f"  ops: {{url_file: {secret_file}}}\n"
        "routes: {default: [mail], operator: [ops]}\n"
        "alerting: {notify_at: corroborated}\n"
        "watch:\n"
        "  - {id: ain-al-asad, kind: base, names: [Ain al-Asad], channels: [ops, mail]}\n"
        "  - {id: anbar, kind: region, names: [Anbar]}\n"
        "  - {id: my-site, kind: site, names: [Our Compound], within: IQ-AN}\n",
        encoding="utf-8",
    )
    result = cli(
        "check-config", "--watchlist", str(watch), env={"MAIL_URL": "mailto://u:PASSWORD9@smtp.example.org"}
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "PASSWORD9" not in out and "TOKEN-ABC123" not in out
    assert (
        "ain-al-asad (base) = Ain al-Asad Air Base [ain-al-asad > IQ-AN/baghdadi > IQ-AN > IQ] -> ops, mail"
        in out
    )
    assert "anbar (region) = Anbar [IQ-AN > IQ] -> mail" in out
    assert "my-site (site) = Our Compound [watch:my-site > IQ-AN > IQ] (own place) -> mail" in out
    assert "policy: notify at corroborated" in out


def test_check_config_errors_name_the_problem(tmp_path: Path) -> None:
    watch = tmp_path / "watch.yaml"
    watch.write_text(
        "channels:\n  mail: {url_env: NOT_SET_ANYWHERE}\nwatch:\n  - {id: a, kind: base, names: [A]}\n",
        encoding="utf-8",
    )
    result = cli("check-config", "--watchlist", str(watch))
    assert result.returncode == 2
    assert "channel 'mail': environment variable NOT_SET_ANYWHERE is not set" in result.stderr
    watch.write_text("routes: {default: [nope]}\nwatch: []\n", encoding="utf-8")
    result = cli("check-config", "--watchlist", str(watch))
    assert (
        result.returncode == 2
        and "unknown channel 'nope'" in result.stderr
        and "watch.yaml:1" in result.stderr
    )
