"""The wirewatch demo: a real local Kafka, bundled feeds, the three workers, local receivers.

    make demo                     (or: .venv/bin/python deploy/demo/run.py)

Starts a single-node Kafka broker (deploy/kafka/launcher.py), serves the demo feeds in
``items.yaml`` from a local HTTP server (items appear over the first half minute, as news does),
starts a local webhook receiver and a local SMTP server, and runs ``wirewatch up`` with the demo
watchlist. Alerts show in this terminal twice: as the alerter prints them, and as the receivers
get them. Ctrl-C stops everything it started.

``--exit-after-alerts N`` ends the demo once the webhook receiver has N alerts (used by the
test suite's smoke test); ``--timeout S`` fails if that takes longer than S seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "deploy" / "kafka"))

from launcher import LocalKafka, port_open  # noqa: E402

from wirewatch.testing.demo import DemoFeeds, DemoSpec  # noqa: E402
from wirewatch.testing.ports import free_port  # noqa: E402
from wirewatch.testing.receivers import FeedServer, Mail, Received, SmtpReceiver, WebhookReceiver  # noqa: E402


def say(text: str) -> None:
    print(f"\033[1;36m[demo]\033[0m {text}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--exit-after-alerts", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=0, help="seconds; 0 = run until Ctrl-C")
    parser.add_argument("--kafka-port", type=int, default=0, help="default 9092, or a free port if taken")
    parser.add_argument("--run-dir", type=Path, default=ROOT / ".run" / "demo", help="emptied at start")
    args = parser.parse_args(argv)

    run_dir = args.run_dir
    shutil.rmtree(run_dir, ignore_errors=True)  # every demo starts from an empty broker
    run_dir.mkdir(parents=True)
    spec = DemoSpec.load(HERE / "items.yaml")
    started = datetime.now(UTC)
    expected_alerts = spec.expected_alerts()

    hook_lock = threading.Lock()
    webhook_alerts: list[dict[str, Any]] = []

    def on_hook(item: Received) -> None:
        payload = item.json()
        with hook_lock:
            webhook_alerts.append(payload)
        say(f"\033[1;32mwebhook receiver got\033[0m: {payload.get('title')}")

    def on_mail(mail: Mail) -> None:
        say(f"\033[1;32mSMTP receiver got mail\033[0m to {', '.join(mail.recipients)}: {mail.subject}")

    hook = WebhookReceiver(on_hook).start()
    smtp = SmtpReceiver(on_mail).start()
    feeds = FeedServer()
    demo = DemoFeeds(spec, f"http://127.0.0.1:{feeds.port}", started)
    feeds.provider = demo.document
    feeds.start()

    kafka_port = args.kafka_port or (9092 if not port_open(9092) and not port_open(9093) else free_port())
    broker = LocalKafka(run_dir / "kafka", port=kafka_port)
    say(f"starting Kafka on 127.0.0.1:{broker.port} (first run fetches its jars from Maven Central)…")
    broker.start()
    say(f"Kafka ready at {broker.bootstrap}")

    feed_list = {
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
    feeds_file = run_dir / "feeds.yaml"
    feeds_file.write_text(yaml.safe_dump(feed_list, allow_unicode=True), "utf-8")
    notify_file = run_dir / "notify.txt"
    notify_file.write_text(f"json://127.0.0.1:{hook.port}/hook\n{smtp.apprise_url()}\n", "utf-8")
    env = dict(os.environ)
    env.update(
        {
            "WIREWATCH_KAFKA_BOOTSTRAP": broker.bootstrap,
            "WIREWATCH_FEEDS": str(feeds_file),
            "WIREWATCH_WATCHLIST": str(HERE / "watchlist.yaml"),
            "WIREWATCH_NOTIFY_FILE": str(notify_file),
            "WIREWATCH_POLL_MIN_INTERVAL": "2",
            "WIREWATCH_PARTITIONS": "3",
            "WIREWATCH_DATA_DIR": str(run_dir / "data"),
            "WIREWATCH_POLLER_METRICS_PORT": str(free_port()),
            "WIREWATCH_PROCESSOR_METRICS_PORT": str(free_port()),
            "WIREWATCH_ALERTER_METRICS_PORT": str(free_port()),
            "WIREWATCH_LOG_LEVEL": "WARNING" if args.exit_after_alerts else "INFO",
        }
    )
    say(f"feeds at {feeds.url('/feeds/')} ; webhook receiver :{hook.port} ; SMTP receiver :{smtp.port}")
    say(
        "watching: "
        + ", ".join(w["id"] for w in yaml.safe_load((HERE / "watchlist.yaml").read_text())["watch"])
    )
    say(
        f"{len(spec.items)} demo items; {len(expected_alerts)} report an attack on a watched place "
        "(an Arabic report after ~8 s, an English one after ~20 s). Ctrl-C stops everything."
    )
    up = subprocess.Popen([sys.executable, "-m", "wirewatch.cli", "up"], env=env, start_new_session=True)

    stop = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    code = 0
    deadline = time.monotonic() + args.timeout if args.timeout else None
    try:
        while not stop.is_set():
            if up.poll() is not None:
                say(f"wirewatch up exited with code {up.returncode}")
                code = 1
                break
            with hook_lock:
                got = len(webhook_alerts)
            if args.exit_after_alerts and got >= args.exit_after_alerts:
                time.sleep(3)  # let any unexpected extra alert arrive before we judge
                break
            if deadline is not None and time.monotonic() > deadline:
                say(f"timed out after {args.timeout:.0f} s with {got} alerts")
                code = 1
                break
            stop.wait(0.2)
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
        with hook_lock:
            titles = [a.get("title", "") for a in webhook_alerts]
        print(
            json.dumps(
                {"alerts": len(titles), "titles": titles, "mails": len(smtp.messages)}, ensure_ascii=False
            )
        )
        if len(titles) != args.exit_after_alerts:
            code = 1
    say("done")
    return code


if __name__ == "__main__":
    sys.exit(main())
