"""Rendering and delivery to real local receivers: webhook (ours and apprise json://), Slack-shaped, SMTP."""

import base64
import email
import email.policy
import logging
import time
from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import facts
from tests.factories import incident as make_incident
from wirewatch.alerts.delivery import WebhookSender, sender_for
from wirewatch.alerts.dispatch import ChannelThreads, DeliveryPolicy, Dispatcher
from wirewatch.alerts.render import render
from wirewatch.core.alerting import Notice
from wirewatch.errors import ConfigError
from wirewatch.metrics import Metrics
from wirewatch.testing.ports import free_port
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


def stepped_until(d: Dispatcher, produced: Outputs, done, what: str, timeout: float = 30) -> None:
    """Step the dispatcher as the alerter's loop does until ``done()`` holds."""
    deadline = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        d.step(datetime.now(UTC), produced)
        time.sleep(0.02)


def test_a_hung_receiver_holds_only_its_own_channel(receivers) -> None:
    healthy, _ = receivers
    hung = WebhookReceiver().start()
    hung.hang_until = time.monotonic() + 300  # until released below
    senders = {
        "slow": sender_for(f"webhook+http://127.0.0.1:{hung.port}/slow"),
        "ops": sender_for(f"webhook+http://127.0.0.1:{healthy.port}/ops"),
    }
    senders["slow"].timeout = 120  # the hang outlasts nothing in this test: only the release ends it
    d = Dispatcher(senders, Metrics.create(), runner=ChannelThreads())
    produced = Outputs()
    try:
        for n in range(3):
            d.add(0, 2 * n, notice(key=f"inc-{n}:1:slow:new", channel="slow"))
            d.add(1, n, notice(key=f"inc-{n}:1:ops:new", channel="ops"))
        stepped_until(
            d, produced, lambda: len([o for o in produced if o[0] == DELIVERIES]) == 3, "the healthy channel"
        )
        # Every notice of the healthy channel went out while the first of the hung one waits.
        assert len(healthy.received) == 3 and hung.received == []
        assert "slow" in d.inflight and d.committable() == {1: 3}
        hung.hang_until = None
        stepped_until(d, produced, lambda: d.pending == 0, "the hung channel once it answers")
    finally:
        d.close()
        hung.stop()
    assert [r.headers["Idempotency-Key"] for r in hung.received] == [f"inc-{n}:1:slow:new" for n in range(3)]
    assert len([k for spec, k, _ in produced if spec == DELIVERIES]) == 6
    assert d.committable() == {0: 1}  # offsets 0, 2, 4 of partition 0 went out; 1 and 3 were never added


def test_a_dead_channel_is_declared_down_once_and_its_queue_dead_lettered_together(
    receivers, caplog: pytest.LogCaptureFixture
) -> None:
    hook, _ = receivers
    clock = Clock()
    url = f"webhook+http://127.0.0.1:{hook.port}/ops"
    closed = f"webhook+http://127.0.0.1:{free_port()}/ops"  # nothing listens: connection refused
    metrics = Metrics.create()
    policy = DeliveryPolicy(backoff_initial=1, backoff_max=10, down_after=timedelta(seconds=60))
    d = Dispatcher({"ops": sender_for(closed)}, metrics, policy, clock=clock)
    produced = Outputs()
    for offset in range(4):
        d.add(0, offset, notice(key=f"inc-{offset}:1:ops:new"))
    with caplog.at_level(logging.INFO, logger="wirewatch.alerter"):
        while d.pending and clock.now < T0 + timedelta(seconds=120):
            d.step(clock(), produced)
            clock.advance(max(d.next_ready(clock()), 0.5))
        assert clock.now < T0 + timedelta(seconds=75)  # down after 60 s, at the next try (pauses <= 10 s)
        up = metrics.channel_up.labels("ops")._value.get()
        d.add(0, 4, notice(key="inc-4:1:ops:new"))  # while down: one try, then the dead letters
        d.step(clock(), produced)
        d.senders["ops"] = sender_for(url)  # the receiver is back
        d.add(0, 5, notice(key="inc-5:1:ops:new"))
        d.step(clock.advance(30), produced)
    dead = [r for spec, _, r in produced if spec == DEAD_LETTERS]
    assert up == 0 and metrics.channel_up.labels("ops")._value.get() == 1
    assert [r.notice.key for r in dead] == [f"inc-{n}:1:ops:new" for n in range(5)]
    assert [r.attempts for r in dead] == [dead[0].attempts, 0, 0, 0, 1] and dead[0].attempts >= 5
    assert all("channel down since" in r.reason for r in dead[1:4])
    downs = [r for r in caplog.records if "is down" in r.getMessage()]
    ups = [r for r in caplog.records if "is up again" in r.getMessage()]
    assert len(downs) == 1 and downs[0].levelno == logging.ERROR and "4 queued" in downs[0].getMessage()
    assert len(ups) == 1 and [p.headers["Idempotency-Key"] for p in hook.received] == ["inc-5:1:ops:new"]
    assert d.committable() == {0: 6}


def test_rate_limits_do_not_make_a_channel_down(receivers) -> None:
    hook, _ = receivers
    hook.fail_with, hook.retry_after = 429, "30"
    clock = Clock()
    policy = DeliveryPolicy(down_after=timedelta(seconds=60), max_age=timedelta(hours=1))
    d, metrics, produced = dispatcher(f"webhook+http://127.0.0.1:{hook.port}/x", clock)
    d.policy = policy
    d.add(0, 0, notice())
    for _ in range(6):  # three minutes of "slow down": alive, only busy
        d.step(clock(), produced)
        clock.advance(d.next_ready(clock()))
    assert hook.refused == 6 and "ops" not in d.down and metrics.channel_up.labels("ops")._value.get() == 1
    hook.fail_with = None
    d.step(clock(), produced)
    assert [k for spec, k, _ in produced if spec == DELIVERIES] == ["inc-1:1:ops:new"]
