"""The wirewatch demo: a real local Kafka, bundled feeds, the workers (web pages included), local receivers.

    make demo                     (or: .venv/bin/python deploy/demo/run.py)

Starts a local webhook receiver and a local SMTP server (the watchlist's channels ``demo-webhook``
and ``demo-mail``), a single-node Kafka broker (deploy/kafka/launcher.py) and ``wirewatch up`` with
the demo watchlist, and waits until the three stream workers say they are ready (``/readyz``): that is
the start-up budget, ``--startup-timeout``. Then the news starts: a local HTTP server serves the
demo feeds in ``items.yaml``, whose items appear over the first half minute, as news does. Alerts
show in this terminal twice: as the alerter prints them, and as the receivers get them. The
libraries' own log lines (Faust, mode, the Kafka clients, apprise) go to ``workers.log`` in the
run folder. Once the expected alerts are in, or at Ctrl-C, or when the alert budget runs out,
the demo reports what it expected and what it got; an item whose alert is missing is named with
the stage where it stopped (read back from the topics).

``--exit-after-alerts N`` ends the demo once the webhook receiver has N alerts, after proving
that no other alert is on its way: a last item, the end marker, appears in the feeds, and the demo
waits until its alert has come through the whole pipeline (used by the test suite's smoke test).
``--timeout S`` is the alert budget: fail if the alerts take longer than S seconds after the news
started. Exit code 0 when every expected alert came and nothing else.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "deploy" / "kafka"))

from launcher import LocalKafka, port_open  # noqa: E402

from wirewatch.alerts.watchlist import analyzer_for  # noqa: E402
from wirewatch.config import load_settings  # noqa: E402
from wirewatch.explain import reasons  # noqa: E402
from wirewatch.testing import demo_report  # noqa: E402
from wirewatch.testing.demo import DemoFeeds, DemoItem, DemoSpec  # noqa: E402
from wirewatch.testing.ports import free_port  # noqa: E402
from wirewatch.testing.receivers import FeedServer, Mail, Received, SmtpReceiver, WebhookReceiver  # noqa: E402
from wirewatch.topics.records import ArticleRecord  # noqa: E402
from wirewatch.web.auth import hash_password  # noqa: E402

WATCHLIST = HERE / "watchlist.yaml"
WORKERS = ("poller", "processor", "alerter")


def say(text: str) -> None:
    print(f"\033[1;36m[demo]\033[0m {text}", flush=True)


class Alerts:
    """What the webhook receiver got (wirewatch's JSON payloads), in order."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.items: list[dict[str, Any]] = []

    def on_hook(self, post: Received) -> None:
        payload = post.json()
        with self.lock:
            self.items.append(payload)
        say(f"\033[1;32mwebhook receiver got\033[0m: {payload.get('title')}")

    def now(self) -> list[dict[str, Any]]:
        with self.lock:
            return list(self.items)


def on_mail(mail: Mail) -> None:
    say(f"\033[1;32mSMTP receiver got mail\033[0m to {', '.join(mail.recipients)}: {mail.subject}")


def not_ready(ports: dict[str, int]) -> dict[str, str]:
    """Workers whose /readyz does not answer 200 yet, with what it said."""
    waiting = {}
    for worker, port in ports.items():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as resp:
                if resp.status == 200:
                    continue
                waiting[worker] = f"HTTP {resp.status}"
        except OSError as exc:  # HTTPError (503: the body says which check fails) or not listening yet
            body = exc.read().decode("utf-8", "replace").strip() if hasattr(exc, "read") else ""
            waiting[worker] = body or type(exc).__name__
    return waiting


def wait_until(done: Any, budget: float, stop: threading.Event, up: subprocess.Popen[bytes]) -> str:
    """'ok' once ``done()``, else 'stopped' (Ctrl-C), 'exited' (wirewatch up died) or 'timeout'."""
    deadline = time.monotonic() + budget if budget else None
    while not done():
        if stop.is_set():
            return "stopped"
        if up.poll() is not None:
            say(f"wirewatch up exited with code {up.returncode}")
            return "exited"
        if deadline is not None and time.monotonic() > deadline:
            return "timeout"
        stop.wait(0.2)
    return "ok"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--exit-after-alerts", type=int, default=0, metavar="N")
    parser.add_argument(
        "--timeout", type=float, default=0, help="alert budget in seconds from the news' start; 0 = none"
    )
    parser.add_argument(
        "--startup-timeout",
        type=float,
        default=300,
        help="seconds for the broker and the workers to be ready (default 300)",
    )
    parser.add_argument("--kafka-port", type=int, default=0, help="default 9092, or a free port if taken")
    parser.add_argument("--run-dir", type=Path, default=ROOT / ".run" / "demo", help="emptied at start")
    args = parser.parse_args(argv)

    run_dir = args.run_dir
    shutil.rmtree(run_dir, ignore_errors=True)  # every demo starts from an empty broker
    run_dir.mkdir(parents=True)
    library_log = run_dir / "workers.log"
    say(f"Faust, Kafka-client and apprise log lines go to {library_log}")
    spec = DemoSpec.load(HERE / "items.yaml")
    expected = spec.expected_alerts()

    alerts = Alerts()
    hook = WebhookReceiver(alerts.on_hook).start()
    smtp = SmtpReceiver(on_mail).start()
    feeds = FeedServer()
    demo = DemoFeeds(spec, f"http://127.0.0.1:{feeds.port}", started=None)  # empty until the news starts
    feeds.provider = demo.document
    feeds.start()

    kafka_port = args.kafka_port or (9092 if not port_open(9092) and not port_open(9093) else free_port())
    broker = LocalKafka(run_dir / "kafka", port=kafka_port)
    began = time.monotonic()
    say(f"starting Kafka on 127.0.0.1:{broker.port} (first run fetches its jars from Maven Central)…")
    broker.start(timeout=args.startup_timeout)
    say(f"Kafka ready at {broker.bootstrap} after {time.monotonic() - began:.0f} s")

    feeds_file = run_dir / "feeds.yaml"
    feeds_file.write_text(yaml.safe_dump(feed_list(spec, feeds), allow_unicode=True), "utf-8")
    ports = {worker: free_port() for worker in WORKERS}
    web_port = free_port()
    web_password = secrets.token_urlsafe(9)
    # The demo user's password is a secret: in a file only its owner reads, never on the terminal.
    password_file = run_dir / "web-password.txt"
    password_file.touch(mode=0o600)
    password_file.write_text(web_password + "\n", "utf-8")
    users_file = run_dir / "web-users.yaml"
    users_file.write_text(
        yaml.safe_dump(
            {"users": [{"name": "analyst", "role": "analyst", "password_hash": hash_password(web_password)}]}
        ),
        "utf-8",
    )
    env = dict(os.environ)
    env.update(
        {
            "WIREWATCH_KAFKA_BOOTSTRAP": broker.bootstrap,
            "WIREWATCH_FEEDS": str(feeds_file),
            "WIREWATCH_WATCHLIST": str(WATCHLIST),
            "WIREWATCH_DEMO_WEBHOOK_URL": f"webhook+http://127.0.0.1:{hook.port}/hook",
            "WIREWATCH_DEMO_MAIL_URL": smtp.apprise_url(),
            "WIREWATCH_POLL_MIN_INTERVAL": "2",
            "WIREWATCH_PARTITIONS": "3",
            "WIREWATCH_DATA_DIR": str(run_dir / "data"),
            "WIREWATCH_LOG_LEVEL": "INFO",
            "WIREWATCH_LIBRARY_LOG": str(library_log),
            "WIREWATCH_WEB_PORT": str(web_port),
            "WIREWATCH_WEB_STORE": str(run_dir / "web" / "store.sqlite3"),
            "WIREWATCH_WEB_USERS": str(users_file),
            **{f"WIREWATCH_{worker.upper()}_METRICS_PORT": str(port) for worker, port in ports.items()},
        }
    )
    env.pop("WIREWATCH_NOTIFY_FILE", None)  # the channels are the watchlist's
    say(f"channels: demo-webhook → webhook receiver :{hook.port} ; demo-mail → SMTP receiver :{smtp.port}")
    say("watching: " + ", ".join(w["id"] for w in yaml.safe_load(WATCHLIST.read_text())["watch"]))
    up = subprocess.Popen([sys.executable, "-m", "wirewatch.cli", "up"], env=env, start_new_session=True)

    stop = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    marker_came = False
    try:
        remaining = max(1.0, args.startup_timeout - (time.monotonic() - began))
        waiting: dict[str, str] = dict.fromkeys(WORKERS, "not asked yet")

        def ready() -> bool:
            waiting.clear()
            waiting.update(not_ready(ports))
            return not waiting

        state = wait_until(ready, remaining, stop, up)
        if state != "ok":
            if state == "timeout":
                say(f"the pipeline was not ready within the start-up budget ({args.startup_timeout:.0f} s):")
                for worker, why in waiting.items():
                    say(f"  {worker}: {why}")
            say(f"the libraries' log lines are in {library_log}")
            return 1
        say(f"pipeline ready after {time.monotonic() - began:.0f} s (broker, workers, Faust recovery)")
        say(
            f"web pages: \033[1mhttp://127.0.0.1:{web_port}/\033[0m"
            f"  (log in as analyst; the password is in {password_file})"
        )

        demo.start()
        say(
            f"the news starts: feeds at {feeds.url('/feeds/')}; {len(spec.items)} demo items, "
            f"{len(expected)} report an attack on a watched place (in Arabic after ~8 s, "
            "in English after ~20 s)." + (" Ctrl-C stops everything." if not args.exit_after_alerts else "")
        )
        wanted = args.exit_after_alerts or len(expected)
        state = wait_until(lambda: got_all(alerts.now(), expected, wanted), args.timeout, stop, up)
        if state == "timeout":
            say(f"timed out {args.timeout:.0f} s after the news started")
        if state == "ok" and args.exit_after_alerts:
            marker_came = await_marker(demo, spec.marker, alerts, args.timeout, stop, up) == "ok"
        code = report(
            spec, alerts.now(), broker.bootstrap, library_log, marker_came, bool(args.exit_after_alerts)
        )
        if state in ("timeout", "exited") or (args.exit_after_alerts and not marker_came):
            code = 1
        if state == "ok" and not args.exit_after_alerts:
            say("all expected alerts are in; the demo runs on until Ctrl-C (any further alert shows here)")
            if wait_until(lambda: False, 0, stop, up) == "exited":
                code = 1
    finally:
        say("stopping…")
        if up.poll() is None:
            up.send_signal(signal.SIGTERM)
            try:
                up.wait(40)
            except subprocess.TimeoutExpired:
                os.killpg(up.pid, signal.SIGKILL)
                up.wait()
        broker.stop()
        feeds.stop()
        hook.stop()
        smtp.stop()
    if args.exit_after_alerts:
        received, of_marker = split_marker(alerts.now(), spec.marker)
        titles = [a.get("title", "") for a in received]
        marker_titles = {a.get("title", "") for a in of_marker}
        mails = [m for m in smtp.messages if m.subject not in marker_titles]
        print(json.dumps({"alerts": len(titles), "titles": titles, "mails": len(mails)}, ensure_ascii=False))
        if len(titles) != args.exit_after_alerts:
            code = 1
    say("done")
    return code


def feed_list(spec: DemoSpec, feeds: FeedServer) -> dict[str, Any]:
    return {
        "feeds": [
            {
                "url": feeds.url(f"/feeds/{name}.xml"),
                "outlet": f["title"],
                "interval": 5,
                "lang": f["lang"],
                "allow_private": True,  # the demo feeds are served from 127.0.0.1
            }
            for name, f in spec.feeds.items()
        ]
    }


def split_marker(
    alerts: list[dict[str, Any]], marker: DemoItem
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The alerts of the demo's news, and those of the end marker."""
    of_marker = [a for a in alerts if demo_report.holds(a, marker)]
    return [a for a in alerts if a not in of_marker], of_marker


def got_all(alerts: list[dict[str, Any]], expected: list[DemoItem], count: int) -> bool:
    return len(alerts) >= count and all(demo_report.received(i, alerts) for i in expected)


def await_marker(
    demo: DemoFeeds,
    marker: DemoItem,
    alerts: Alerts,
    budget: float,
    stop: threading.Event,
    up: subprocess.Popen[bytes],
) -> str:
    """Show the end marker after everything else and wait for its alert: it went through the
    whole pipeline after every demo item, so any other alert the news could raise came before it."""
    say(f"end marker: one more item ({marker.name}) appears; every other alert is in once its alert is")
    demo.show(marker)
    state = wait_until(lambda: demo_report.received(marker, alerts.now()) is not None, budget, stop, up)
    if state == "timeout":
        say(f"the end marker's alert did not come within {budget:.0f} s")
    return state


def report(
    spec: DemoSpec,
    alerts: list[dict[str, Any]],
    bootstrap: str,
    library_log: Path,
    marker_came: bool,
    as_json: bool,
) -> int:
    """Say what the demo expected and got; read the topics to find where a missing item stopped."""
    expected = spec.expected_alerts()
    alerts, _ = split_marker(alerts, spec.marker)
    pipeline = demo_report.Pipeline()
    if not all(demo_report.received(i, alerts) for i in expected):
        pipeline = demo_report.read_pipeline(load_settings(kafka_bootstrap=bootstrap))
    analyzer = functools.cache(lambda: analyzer_for(WATCHLIST))  # built only if an item is missing

    def why_not(article: ArticleRecord) -> str:
        return "; ".join(reasons(article.to_article(), analyzer()))

    outcomes = [demo_report.judge(i, alerts, pipeline, why_not) for i in expected]
    extra = demo_report.unexpected(alerts, expected)
    for line in demo_report.lines(outcomes, alerts, extra):
        say(line)
    if marker_came:
        say("the end marker's alert came after them: no other alert was on its way")
    failed = extra or any(o.stage != demo_report.RECEIVED for o in outcomes)
    if failed:
        say(f"the libraries' log lines are in {library_log}")
    if as_json:  # for the smoke test
        said = {
            "expected": [o.as_dict() for o in outcomes],
            "unexpected": [a.get("title", "") for a in extra],
            "marker": marker_came,
        }
        print(json.dumps(said, ensure_ascii=False), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
