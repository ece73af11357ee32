"""Alerts through apprise to real local receivers: webhook (json://), Slack-shaped (mmost://), SMTP."""

import email
import email.policy
import logging
from datetime import UTC, datetime

import pytest

from wirewatch.alerts.delivery import Notifier
from wirewatch.core.analysis import Analyzer
from wirewatch.core.incidents import Incident, PlaceFact, Policy, ReportFacts, apply
from wirewatch.core.watch import WatchEntry
from wirewatch.errors import ConfigError
from wirewatch.metrics import Metrics
from wirewatch.testing.receivers import SmtpReceiver, WebhookReceiver
from wirewatch.topics.codec import encode
from wirewatch.topics.records import IncidentUpdate
from wirewatch.workers.alerter import Alerter

HOSTILE_TITLE = (
    "<!channel> Rockets <script>alert(1)</script> hit base\r\nBcc: victim@example.org <@U024BE7LH>"
)


@pytest.fixture
def receivers():
    hook = WebhookReceiver().start()
    smtp = SmtpReceiver().start()
    yield hook, smtp
    hook.stop()
    smtp.stop()


def update(
    title: str = "Two rockets hit Ain al-Asad",
    article: str = "a-1",
    outlet: str = "Demo Wire",
    previous: Incident | None = None,
) -> IncidentUpdate:
    when = datetime.now(UTC)
    ain = PlaceFact(
        id="ain-al-asad",
        name="Ain al-Asad Air Base",
        kind="base",
        lineage=("ain-al-asad", "IQ-AN/baghdadi", "IQ-AN", "IQ"),
        area=("Anbar", "Iraq"),
    )
    facts = ReportFacts(
        article_id=article,
        outlet=outlet,
        lang="en",
        title=title,
        url="https://example.org/news/1",
        published=datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
        seen_at=when,
        event_time=when,
        types=("rocket",),
        places=(ain,),
        projectiles=2,
    )
    incident, change = apply(previous, facts, when, Policy())
    return IncidentUpdate(
        change=change or "report_added", incident=incident, article_id=article, article_seen_at=when, at=when
    )


def alerter_for(urls: list[str], watch: tuple[WatchEntry, ...] | None = None) -> tuple[Alerter, Metrics]:
    metrics = Metrics.create()
    entries = watch or (WatchEntry("anbar", "region", ("Anbar",)),)
    return Alerter(Analyzer.create(entries), Notifier(urls), metrics), metrics


def test_one_alert_reaches_every_receiver_once(receivers) -> None:
    hook, smtp = receivers
    alerter, metrics = alerter_for(
        [f"json://127.0.0.1:{hook.port}/hook", f"mmost://127.0.0.1:{hook.port}/TOKEN", smtp.apprise_url()]
    )
    first = update()
    assert alerter.handle(encode(first)) is not None
    assert alerter.handle(encode(first)) is None  # the same update again: no second alert
    more = update(article="a-2", outlet="Wire Two", previous=first.incident)  # corroborated: one update
    assert more.change == "corroborated"
    assert alerter.handle(encode(more)) is not None
    also = update(article="a-3", outlet="Wire Three", previous=more.incident)  # one more report: nothing
    assert alerter.handle(encode(also)) is None
    posts = hook.wait_for(4, 10)
    mails = smtp.wait_for(2, 10)
    assert len(posts) == 4 and len(mails) == 2
    as_json = next(p.json() for p in posts if p.path == "/hook")
    slack = next(p.json() for p in posts if p.path == "/hooks/TOKEN")
    assert [p.json()["title"] for p in posts if p.path == "/hook"][1].startswith("UPDATE (corroborated)")
    assert as_json["title"].startswith("Rocket attack: Ain al-Asad Air Base (Anbar, Iraq)")
    for needle in (
        "anbar (region)",
        "rocket, 2 projectiles",
        "Demo Wire",
        "Two rockets hit Ain al-Asad",
        "https://example.org/news/1",
    ):
        assert needle in as_json["message"]
        assert needle in mails[0].text
    assert "Ain al-Asad" in slack["text"]
    assert mails[0].subject.startswith("Rocket attack")
    assert metrics.notifications.labels("json", "sent")._value.get() == 2
    assert metrics.notifications.labels("mailto", "sent")._value.get() == 2


def test_hostile_title_arrives_inert_everywhere(receivers) -> None:
    hook, smtp = receivers
    alerter, _ = alerter_for(
        [f"json://127.0.0.1:{hook.port}/hook", f"mmost://127.0.0.1:{hook.port}/TOKEN", smtp.apprise_url()]
    )
    alerter.handle(encode(update(title=HOSTILE_TITLE)))
    posts = hook.wait_for(2, 10)
    mails = smtp.wait_for(1, 10)
    texts = [p.body.decode() for p in posts] + [mails[0].text, mails[0].raw.decode("utf-8", "replace")]
    for text in texts:
        assert "<!channel>" not in text and "<@U024BE7LH>" not in text and "<script>" not in text
    headers = email.message_from_bytes(mails[0].raw, policy=email.policy.default)
    assert headers["Bcc"] is None and headers["Cc"] is None  # the CRLF did not forge a header
    assert "\n" not in str(headers["Subject"])
    assert all(m.recipients == ["analyst@example.org"] for m in mails)


def test_a_failing_receiver_is_a_status_not_an_exception(receivers, caplog: pytest.LogCaptureFixture) -> None:
    hook, _ = receivers
    hook.fail_with = 500
    secret_url = f"json://user:s3cretpass@127.0.0.1:{hook.port}/hook?token=abc123"
    notifier = Notifier([secret_url])
    with caplog.at_level(logging.DEBUG):
        deliveries = notifier.send("title", "body")
    assert [d.status for d in deliveries] == ["failed"]
    assert hook.refused == 1
    assert "s3cretpass" not in caplog.text and "abc123" not in caplog.text
    assert "s3cretpass" not in deliveries[0].channel


def test_an_unknown_url_is_a_config_error_without_the_secret() -> None:
    with pytest.raises(ConfigError) as err:
        Notifier(["nosuchservice://token-SECRET@host"])
    assert "SECRET" not in str(err.value)


def test_no_alert_for_places_outside_the_watchlist(receivers) -> None:
    hook, _ = receivers
    alerter, _ = alerter_for(
        [f"json://127.0.0.1:{hook.port}/hook"], (WatchEntry("basra", "region", ("Basra",)),)
    )
    assert alerter.handle(encode(update())) is None


def test_failed_deliveries_are_retried_until_the_receiver_recovers(receivers) -> None:
    hook, smtp = receivers
    alerter, metrics = alerter_for([f"json://127.0.0.1:{hook.port}/hook", smtp.apprise_url()])
    hook.fail_with = 500
    pauses: list[float] = []

    def recover_after_first_pause(seconds: float) -> None:
        pauses.append(seconds)
        hook.fail_with = None

    alerter.sleep = recover_after_first_pause
    alerter.handle(encode(update()))
    assert pauses == [1.0]
    assert hook.refused == 1 and len(hook.received) == 1
    assert len(smtp.wait_for(1, 10)) == 1  # the channel that worked was not sent twice
    assert metrics.notifications.labels("json", "sent")._value.get() == 1


def test_a_receiver_that_stays_down_is_counted_and_logged(
    receivers, caplog: pytest.LogCaptureFixture
) -> None:
    hook, _ = receivers
    alerter, metrics = alerter_for([f"json://127.0.0.1:{hook.port}/hook"])
    hook.fail_with = 503
    alerter.sleep = lambda _: None
    alerter.handle(encode(update()))
    assert hook.refused == 3
    assert metrics.notifications.labels("json", "failed")._value.get() == 1
    assert "not delivered" in caplog.text
