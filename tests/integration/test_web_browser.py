"""The analysts' pages in a real browser (Debian's chromium through Playwright), over the real pipeline.

The demo's feeds, watchlist and receivers; the four workers as real processes. An analyst logs in,
watches the Ain al-Asad incident arrive on the board without a reload, opens it (both reports,
highlighted reasons), marks an invented incident "not an attack" and sees that its corroboration
raises no alert (proved by the alerter's dismissed counter, then by the end marker's alert coming
after it), creates a silence, marks the end marker's incident the same event as Ain al-Asad (the two
become one) and takes its report out again (an incident of its own), and logs out. Screenshots of
the board and the incident page are saved in the test's folder.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import yaml

from tests.conftest import make_settings
from tests.integration.procs import Worker, metric, scrape, wait_until, worker_env
from wirewatch.alerts.admin import read_silences
from wirewatch.core.casebook import split_id
from wirewatch.testing.demo import DemoFeeds, DemoItem, DemoSpec
from wirewatch.testing.ports import free_port
from wirewatch.testing.receivers import FeedServer, Received, SmtpReceiver, WebhookReceiver
from wirewatch.topics import INCIDENT_UPDATES, INCIDENTS
from wirewatch.topics.codec import decode
from wirewatch.topics.reader import read_compacted
from wirewatch.topics.records import IncidentRecord, IncidentUpdate
from wirewatch.web.auth import hash_password

pytestmark = [pytest.mark.broker, pytest.mark.e2e]
ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "a long demo password"

# An invented incident on a watched place, told by two outlets: the second report would corroborate
# it and, undismissed, raise an update alert (as the Ain al-Asad one does).
INVENTED_FIRST = DemoItem(
    feed="local-news",
    slug="drone-baghdad-airport",
    appear_after=0,
    age_minutes=1,
    expect="alert",
    title="Drone strikes Baghdad International Airport",
    text="A drone struck Baghdad International Airport today, airport officials said. "
    "The strike caused no casualties.",
)
INVENTED_SECOND = DemoItem(
    feed="english-wire",
    slug="drone-baghdad-airport-2",
    appear_after=0,
    age_minutes=1,
    expect="none",
    title="Drone attack targets Baghdad International Airport",
    text="A drone attack targeted Baghdad International Airport today near the cargo area, security "
    "sources told reporters. Nobody was hurt, they said.",
)


class Hooks:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.titles: list[str] = []

    def __call__(self, post: Received) -> None:
        with self.lock:
            self.titles.append(str(post.json().get("title", "")))

    def now(self) -> list[str]:
        with self.lock:
            return list(self.titles)


def test_an_analyst_follows_an_incident_marks_another_and_silences_in_a_real_browser(
    kafka, topic_prefix: str, tmp_path: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    assert CHROMIUM.exists(), "Debian's chromium is missing: run `make browser`"
    ports = {"processor": free_port(), "alerter": free_port(), "poller": free_port()}
    web_port = free_port()
    settings = make_settings(
        kafka,
        topic_prefix,
        tmp_path,
        poller_metrics_port=ports["poller"],
        processor_metrics_port=ports["processor"],
        alerter_metrics_port=ports["alerter"],
    )
    spec = DemoSpec.load(ROOT / "deploy" / "demo" / "items.yaml")
    hooks = Hooks()
    hook = WebhookReceiver(hooks).start()
    smtp = SmtpReceiver().start()
    server = FeedServer()
    demo = DemoFeeds(spec, f"http://127.0.0.1:{server.port}", started=None)
    server.provider = demo.document
    server.start()
    feeds_file = tmp_path / "feeds.yaml"
    feeds = [
        {"url": server.url(f"/feeds/{name}.xml"), "outlet": f["title"], "interval": 3, "allow_private": True}
        for name, f in spec.feeds.items()
    ]
    feeds_file.write_text(yaml.safe_dump({"feeds": feeds}, allow_unicode=True), "utf-8")
    users = tmp_path / "users.yaml"
    users.write_text(
        yaml.safe_dump(
            {"users": [{"name": "dana", "role": "analyst", "password_hash": hash_password(PASSWORD)}]}
        ),
        "utf-8",
    )
    env = worker_env(
        settings,
        WIREWATCH_FEEDS=str(feeds_file),
        WIREWATCH_WATCHLIST=str(ROOT / "deploy" / "demo" / "watchlist.yaml"),
        WIREWATCH_DEMO_WEBHOOK_URL=f"webhook+http://127.0.0.1:{hook.port}/hook",
        WIREWATCH_DEMO_MAIL_URL=smtp.apprise_url(),
        WIREWATCH_POLL_MIN_INTERVAL="2",
        WIREWATCH_WEB_PORT=str(web_port),
        WIREWATCH_WEB_STORE=str(tmp_path / "web" / "store.sqlite3"),
        WIREWATCH_WEB_USERS=str(users),
    )
    workers = [Worker(name, [name], env, tmp_path) for name in ("process", "alert", "poll", "web")]
    base = f"http://127.0.0.1:{web_port}"

    def logs() -> str:
        return "\n".join(f"--- {w.name}\n{w.output()[-3000:]}" for w in workers)

    try:
        wait_until(lambda: scrape(ports["processor"]) and scrape(ports["alerter"]), 240, what="workers up")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.set_default_timeout(30_000)

            # Log in: the board sends to the login form, which comes back to the board.
            wait_until(lambda: _answers(f"{base}/healthz"), 120, what="the web worker")
            page.goto(f"{base}/board")
            assert "/login" in page.url
            page.fill("input[name=name]", "dana")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{base}/board")
            expect(page.locator("#live")).to_have_class("live on", timeout=30_000)
            page.evaluate("window.__sameLoad = 'still the first load'")

            # The news starts; the Ain al-Asad incident appears without a reload, then gets its
            # second (English) report.
            demo.start()
            asad = page.locator("tr.incident", has_text="Ain al-Asad")
            expect(asad).to_have_count(1, timeout=240_000)
            expect(asad).to_contain_text("2 outlets", timeout=180_000)
            assert page.evaluate("window.__sameLoad") == "still the first load"
            expect(asad).to_contain_text("ain-al-asad")
            page.screenshot(path=str(tmp_path / "board.png"), full_page=True)

            asad.locator("a").first.click()
            page.wait_for_url(f"{base}/incidents/**")
            expect(page.locator("article.report")).to_have_count(2)
            expect(page.locator("article.report").first).to_contain_text("وكالة الأنباء التجريبية")
            expect(page.locator("article.report").nth(1)).to_contain_text("Demo Wire English")
            expect(page.locator("mark.place").first).to_be_visible()
            expect(page.locator("mark.weapon").first).to_be_visible()
            expect(page.locator(".decision").first).to_contain_text("counted as a CURRENT attack")
            expect(page.locator("table.sent")).to_contain_text("demo-webhook")
            page.screenshot(path=str(tmp_path / "incident.png"), full_page=True)

            # An invented incident: its first report alerts; an analyst marks it "not an attack".
            demo.show(INVENTED_FIRST)
            wait_until(lambda: any("Baghdad" in t for t in hooks.now()), 180, what="the invented alert")
            page.goto(f"{base}/board")
            invented = page.locator("tr.incident", has_text="Baghdad International Airport")
            expect(invented).to_have_count(1, timeout=60_000)
            invented.locator("a").first.click()
            page.wait_for_url(f"{base}/incidents/**")
            form = page.locator("details.mark[open] form")
            form.locator("select[name=mark]").select_option("not_attack")
            form.locator("input[name=why]").fill("an air-defence drill, not an attack")
            form.locator("button[type=submit]").click()
            expect(page.locator(".dismissed-note")).to_be_visible()
            expect(page.locator("ul.feedback")).to_contain_text("Not an attack by dana")
            wait_until(
                lambda: 'mark read: "not_attack:' in workers[1].output(), 60, what="the alerter read the mark"
            )

            # Its second report would corroborate it: the alerter drops the update (its counter says
            # so), and the end marker's alert, shown after, arrives with no Baghdad update before it.
            demo.show(INVENTED_SECOND)
            wait_until(
                lambda: metric(scrape(ports["alerter"]), "wirewatch_notifications_dismissed_total") >= 1,
                180,
                what="the alerter to drop the dismissed incident's update",
            )
            demo.show(spec.marker)
            wait_until(lambda: any("Erbil" in t for t in hooks.now()), 180, what="the end marker's alert")
            baghdad = [t for t in hooks.now() if "Baghdad" in t]
            assert len(baghdad) == 1 and not baghdad[0].startswith("UPDATE"), baghdad
            page.reload()
            expect(page.locator("article.report")).to_have_count(2)  # the second report did join it

            # A silence from the page reaches the topic the alerters follow, as `wirewatch silence add`.
            page.goto(f"{base}/silences")
            silence = page.locator("#new-silence")
            silence.locator("select[name=entry]").select_option("anbar")
            silence.locator("input[name=duration]").fill("3h")
            silence.locator("input[name=comment]").fill("maintenance window")
            silence.locator("button[type=submit]").click()
            expect(page.locator("table.silences tr.active")).to_contain_text("maintenance window (by dana)")
            wait_until(
                lambda: any(s.entry == "anbar" for s in read_silences(settings).values()),
                30,
                what="the silence on its topic",
            )

            page.goto(f"{base}/map")
            expect(page.locator("svg.map circle.pt")).to_have_count(
                2
            )  # Ain al-Asad, Erbil (Baghdad was dismissed)
            page.screenshot(path=str(tmp_path / "map.png"))
            page.goto(f"{base}/feeds")
            expect(page.locator("table.feeds tbody tr")).to_have_count(len(spec.feeds))
            page.screenshot(path=str(tmp_path / "feeds.png"))

            _same_event_then_not_this_event(page, expect, base, settings, ports["processor"])

            # Log out: every page sends back to the login form.
            page.goto(f"{base}/board")
            page.click("form.who button[type=submit]")
            page.wait_for_url(f"{base}/login")
            for path in ("/board", "/silences", "/feeds", "/map"):
                page.goto(base + path)
                assert "/login" in page.url, path
            browser.close()
        print(f"screenshots: {tmp_path / 'board.png'} {tmp_path / 'incident.png'}")
    except BaseException:
        print(logs())
        raise
    finally:
        for worker in reversed(workers):
            worker.stop()
        server.stop()
        hook.stop()
        smtp.stop()


def _same_event_then_not_this_event(page, expect, base: str, settings, processor_port: int) -> None:
    """The analyst says the Erbil incident (the end marker) is the Ain al-Asad one: the two become
    one (three reports there, Erbil off the board, marked merged on the incidents topic, and no
    update of its own for the alerter); then takes the Erbil report out again: it is an incident
    of its own, and Ain al-Asad has its two reports back."""
    page.goto(f"{base}/board")
    asad_id = page.locator("tr.incident", has_text="Ain al-Asad").get_attribute("data-id")
    erbil = page.locator("tr.incident", has_text="Erbil")
    expect(erbil).to_have_count(1)
    erbil_id = erbil.get_attribute("data-id")
    assert asad_id and erbil_id and asad_id != erbil_id
    erbil.locator("a").first.click()
    page.wait_for_url(f"{base}/incidents/**")
    form = page.locator("details.mark[open] form")
    form.locator("select[name=mark]").select_option("same_event")
    form.locator("input[name=other_incident]").fill(asad_id)
    form.locator("input[name=why]").fill("the same drone, told as two")
    form.locator("button[type=submit]").click()
    expect(page.locator("ul.feedback")).to_contain_text("Same event as another incident by dana")
    wait_until(
        lambda: metric(scrape(processor_port), "wirewatch_incident_changes_total", change="merged") >= 1,
        120,
        what="the processor to merge the incidents",
    )
    page.goto(f"{base}/incidents/{asad_id}")
    expect(page.locator("article.report")).to_have_count(3, timeout=60_000)
    expect(page.locator(".merged-note")).to_contain_text(erbil_id)
    stored = {
        k: decode(v, IncidentRecord) for k, v, _ in read_compacted(settings, INCIDENTS) if v is not None
    }
    assert stored[erbil_id].incident.merged_into == asad_id
    assert erbil_id in stored[asad_id].incident.absorbed
    merged_at = stored[erbil_id].incident.revision
    updates = [decode(v, IncidentUpdate) for _, v, _ in read_compacted(settings, INCIDENT_UPDATES) if v]
    assert [u.change for u in updates if u.incident.id == asad_id][-1] == "merged"
    # The absorbed incident sent nothing after it was merged: no alert can follow for it. (Its
    # record was written before its reports were handed over, so before the update read above.)
    assert all(u.incident.revision < merged_at for u in updates if u.incident.id == erbil_id)
    page.goto(f"{base}/board")
    expect(page.locator(f'tr.incident[data-id="{erbil_id}"]')).to_have_count(0)
    expect(page.locator(f'tr.incident[data-id="{asad_id}"]')).to_have_count(1)

    # Not this event: the Erbil report leaves Ain al-Asad into an incident of its own.
    page.goto(f"{base}/incidents/{asad_id}")
    report = page.locator("article.report", has_text="end marker")
    article_id = report.locator("input[name=article_id]").get_attribute("value")
    report.locator("details.mark summary").click()
    report.locator("select[name=mark]").select_option("not_this_event")
    report.locator("button[type=submit]").click()
    expect(page.locator("ul.feedback")).to_contain_text("Not this event")
    page.goto(f"{base}/incidents/{asad_id}")
    expect(page.locator("article.report")).to_have_count(2, timeout=60_000)
    assert article_id
    page.goto(f"{base}/board")
    alone = page.locator(f'tr.incident[data-id="{split_id(asad_id, article_id)}"]')
    expect(alone).to_have_count(1, timeout=60_000)
    expect(alone).to_contain_text("Erbil")


def _answers(url: str) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return bool(resp.status == 200)
    except OSError:
        return False
