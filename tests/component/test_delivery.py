"""Rendering and delivery to real local receivers: webhook (ours and apprise json://), Slack-shaped, SMTP."""

import base64
import email
import email.policy
import logging
from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import facts
from tests.factories import incident as make_incident
from wirewatch.alerts.delivery import WebhookSender, sender_for
from wirewatch.alerts.dispatch import DeliveryPolicy, Dispatcher
from wirewatch.alerts.render import render
from wirewatch.core.alerting import Notice
from wirewatch.errors import ConfigError
from wirewatch.metrics import Metrics
from wirewatch.testing.receivers import SmtpReceiver, WebhookReceiver
from wirewatch.topics import DEAD_LETTERS, DELIVERIES

T0 = datetime(2026, 12, 31, 23, 59, 30, tzinfo=UTC)  # the notices' time; the dispatchers' clock starts here
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


def notice(
    key: str = "inc-1:1:ops:new", title: str = "Two rockets hit Ain al-Asad", channel: str = "ops"
) -> Notice:
    when = T0
    report = facts("a-1", "Demo Wire", when, title=title, url="https://example.org/news/1", projectiles=2)
    incident, _ = make_incident(report)
    return Notice(
        key=key,
        kind="new",
        channel=channel,
        severity="high",
        entries=("ain-al-asad", "anbar"),
        incident=incident,
        created_at=when,
        source_seen_at=when,
    )


def test_every_format_arrives_and_hostile_text_is_inert(receivers) -> None:
    hook, smtp = receivers
    rendered = render(notice(title=HOSTILE_TITLE))
    urls = [
        f"webhook+http://127.0.0.1:{hook.port}/ours",
        f"json://127.0.0.1:{hook.port}/hook",
        f"mmost://127.0.0.1:{hook.port}/TOKEN",
        smtp.apprise_url(),
    ]
    results = [sender_for(url).send(rendered) for url in urls]
    assert [r.status for r in results] == ["sent"] * 4
    posts = {p.path: p for p in hook.wait_for(3, 10)}
    mails = smtp.wait_for(1, 10)
    ours = posts["/ours"]
    assert ours.headers["Idempotency-Key"] == "inc-1:1:ops:new"
    assert ours.json()["schema"] == "wirewatch.alert/1" and ours.json()["incident"]["attack_types"] == [
        "rocket"
    ]
    assert "Ain al-Asad" in posts["/hooks/TOKEN"].json()["text"]  # Slack-shaped (Mattermost) payload
    texts = [p.body.decode() for p in posts.values()] + [
        mails[0].text,
        mails[0].raw.decode("utf-8", "replace"),
    ]
    for text in texts:
        assert "<!channel>" not in text and "<@U024BE7LH>" not in text and "<script>" not in text
    headers = email.message_from_bytes(mails[0].raw, policy=email.policy.default)
    assert headers["Bcc"] is None and headers["Cc"] is None  # the CRLF did not forge a header
    assert "\n" not in str(headers["Subject"]) and mails[0].recipients == ["analyst@example.org"]
    html_part = headers.get_body(preferencelist=("html",))
    assert html_part is not None and "<table>" in html_part.get_content()  # HTML with a text alternative


def test_slack_shaped_message_shows_the_title_once(receivers) -> None:
    hook, _ = receivers
    rendered = render(notice())
    assert sender_for(f"mmost://127.0.0.1:{hook.port}/TOKEN").send(rendered).status == "sent"
    text = hook.wait_for(1, 10)[0].json()["text"]
    assert text.count("Ain al-Asad Air Base") == 1, text
    assert text.startswith(rendered.title) and "*Watched:* ain-al-asad, anbar" in text


def test_email_text_part_is_our_plain_text_with_the_links(receivers) -> None:
    _, smtp = receivers
    rendered = render(notice(title="سقوط صاروخين على قاعدة عين الأسد"))
    assert sender_for(smtp.apprise_url()).send(rendered).status == "sent"
    mail = email.message_from_bytes(smtp.wait_for(1, 10)[0].raw, policy=email.policy.default)
    assert mail.get_content_type() == "multipart/alternative"
    # Plain text first, HTML last: the last alternative is the one a capable client prefers.
    assert [p.get_content_type() for p in mail.iter_parts()] == ["text/plain", "text/html"]
    # Text on the wire is in canonical form, CRLF line ends (RFC 2046 4.1.1).
    plain = mail.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    html_part = mail.get_body(preferencelist=("html",)).get_content()
    assert "First report: Demo Wire" in plain and "<https://example.org/news/1>" in plain
    assert "Headline: سقوط صاروخين على قاعدة عين الأسد" in plain  # wirewatch's rendering, not a conversion
    assert plain.startswith(rendered.title + "\n") and rendered.text in plain
    assert "href='https://example.org/news/1'" in html_part and "<table>" in html_part
    assert str(mail["Subject"]) == rendered.title


def test_email_retry_skips_the_recipients_that_took_it(receivers) -> None:
    _, smtp = receivers
    smtp.refuse = {"b@example.org"}
    sender = sender_for(smtp.apprise_url(to="a@example.org,b@example.org"))
    first = sender.send(render(notice()))
    assert first.status == "failed" and "refused 1 of 2" in first.detail
    assert [m.recipients for m in smtp.wait_for(1, 10)] == [["a@example.org"]]
    smtp.refuse = set()
    assert sender.send(render(notice())).status == "sent"
    assert [m.recipients for m in smtp.wait_for(2, 10)] == [["a@example.org"], ["b@example.org"]]


def test_email_sender_refuses_what_it_does_not_do() -> None:
    with pytest.raises(ConfigError, match="PGP"):
        sender_for("mailto://user:s3cret@smtp.example.org?to=a@example.org&pgp=encrypt")


def test_webhook_reads_status_and_retry_after(receivers) -> None:
    hook, _ = receivers
    sender = WebhookSender(f"webhook+http://127.0.0.1:{hook.port}/x")
    hook.fail_with = 429
    hook.retry_after = "7"
    limited = sender.send(render(notice()))
    assert (limited.status, limited.retry_after, limited.permanent) == ("failed", 7.0, False)
    hook.fail_with = 404
    missing = sender.send(render(notice()))
    assert missing.status == "failed" and missing.permanent
    hook.fail_with = None
    assert sender.send(render(notice())).status == "sent"


class Outputs(list):
    def __call__(self, outputs) -> None:
        self.extend(outputs)


class Clock:
    """The dispatcher's clock: it moves only when a test moves it."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> datetime:
        self.now += timedelta(seconds=seconds)
        return self.now


def dispatcher(url: str, clock: Clock | None = None, **policy) -> tuple[Dispatcher, Metrics, Outputs]:
    metrics = Metrics.create()
    d = Dispatcher({"ops": sender_for(url)}, metrics, DeliveryPolicy(**policy), clock=clock or Clock())
    return d, metrics, Outputs()


def test_dispatcher_retries_with_backoff_until_the_receiver_recovers(receivers) -> None:
    hook, _ = receivers
    clock = Clock()
    d, metrics, produced = dispatcher(
        f"webhook+http://127.0.0.1:{hook.port}/x", clock, backoff_initial=1, backoff_max=8
    )
    hook.fail_with = 500
    for offset in range(3):
        d.add(0, offset, notice(key=f"inc-{offset}:1:ops:new"))
    waits = []
    for _ in range(4):  # four failed attempts: the pause doubles each time
        d.step(clock(), produced)
        wait = d.next_ready(clock())
        waits.append(round(wait))
        clock.advance(wait)
    assert hook.refused == 4 and waits[0] in (1,) and waits[3] >= 6  # 1, 2, 4, 8 (with ±20 % jitter)
    assert d.next_ready(clock()) == 0  # due now; a second earlier it was not
    assert d.next_ready(clock.now - timedelta(seconds=1)) == 1
    hook.fail_with = None
    d.step(clock(), produced)
    assert [p.headers["Idempotency-Key"] for p in hook.received] == [
        "inc-0:1:ops:new",
        "inc-1:1:ops:new",
        "inc-2:1:ops:new",
    ]
    assert [k for spec, k, _ in produced if spec == DELIVERIES] == [
        "inc-0:1:ops:new",
        "inc-1:1:ops:new",
        "inc-2:1:ops:new",
    ]
    assert {r.at for spec, _, r in produced if spec == DELIVERIES} == {clock.now}  # the dispatcher's clock
    assert d.committable() == {0: 3}
    assert metrics.notifications.labels("webhook", "high", "retried")._value.get() == 4
    assert metrics.notifications.labels("webhook", "high", "sent")._value.get() == 3


def test_delivered_notifications_are_never_sent_again(receivers) -> None:
    hook, _ = receivers
    d, _, produced = dispatcher(f"webhook+http://127.0.0.1:{hook.port}/x")
    d.remember("inc-0:1:ops:new", object())  # read back from the deliveries topic after a restart
    d.add(0, 7, notice(key="inc-0:1:ops:new"))
    d.step(T0, produced)
    assert hook.received == [] and d.committable() == {0: 8}


def test_dead_letter_after_the_budget_with_the_reason(receivers) -> None:
    hook, _ = receivers
    clock = Clock()
    d, metrics, produced = dispatcher(
        f"webhook+http://127.0.0.1:{hook.port}/x", clock, max_attempts=3, backoff_initial=0.01
    )
    hook.fail_with = 503
    d.add(0, 0, notice())
    for _ in range(3):
        d.step(clock(), produced)
        clock.advance(1)
    dead = [record for spec, _, record in produced if spec == DEAD_LETTERS]
    assert len(dead) == 1 and "HTTP 503" in dead[0].reason and dead[0].attempts == 3
    assert d.committable() == {0: 1}
    assert metrics.notifications_dead_lettered.labels("webhook", "high")._value.get() == 1


def test_secrets_never_reach_logs_or_errors(receivers, caplog: pytest.LogCaptureFixture) -> None:
    hook, _ = receivers
    hook.fail_with = 500
    with caplog.at_level(logging.DEBUG):
        sender = sender_for(f"json://user:s3cretpass@127.0.0.1:{hook.port}/hook?token=abc123")
        result = sender.send(render(notice()))
        d, _, produced = dispatcher(f"webhook+http://127.0.0.1:{hook.port}/hook?token=abc123")
        d.add(0, 0, notice())
        d.step(T0, produced)
    assert result.status == "failed"
    assert "s3cretpass" not in caplog.text and "abc123" not in caplog.text
    assert "s3cretpass" not in sender.masked and "abc123" not in sender.masked
    with pytest.raises(ConfigError) as err:
        sender_for("nosuchservice://token-SECRET@host")
    assert "SECRET" not in str(err.value)


def test_a_webhook_url_with_credentials_sends_them_as_basic_auth(receivers) -> None:
    hook, _ = receivers
    sender = sender_for(f"webhook+http://alerts:p%40ss@127.0.0.1:{hook.port}/secured")
    assert "p%40ss" not in sender.masked and "p@ss" not in sender.masked
    result = sender.send(render(notice()))
    assert result.status == "sent", result
    [got] = hook.wait_for(1, 10)
    assert got.path == "/secured"
    assert got.headers.get("Authorization") == "Basic " + base64.b64encode(b"alerts:p@ss").decode()


def test_a_resent_email_has_the_same_message_id_so_clients_show_it_once(receivers) -> None:
    _, smtp = receivers
    first = render(notice(key="inc-1:1:ops:new"))
    assert sender_for(smtp.apprise_url()).send(first).status == "sent"
    # A restarted alerter (a new sender, nothing remembered) resends what it had not committed.
    assert sender_for(smtp.apprise_url()).send(first).status == "sent"
    assert sender_for(smtp.apprise_url()).send(render(notice(key="inc-1:2:ops:update"))).status == "sent"
    mails = smtp.wait_for(3, 10)
    ids = [email.message_from_bytes(m.raw, policy=email.policy.default)["Message-ID"] for m in mails]
    assert ids[0] == ids[1] != ids[2]
    assert ids[0].startswith("<inc-1.1.ops.new.") and ids[0].endswith("@127.0.0.1>")  # a dot-atom
