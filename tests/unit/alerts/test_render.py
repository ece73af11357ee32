import json
from datetime import UTC, datetime

import pytest

from tests.factories import AIN_AL_ASAD, ANBAR, facts
from tests.factories import incident as make_incident
from wirewatch.alerts.render import PAYLOAD_SCHEMA, inert, render, safe_link
from wirewatch.core.alerting import DigestItem, Notice
from wirewatch.logs import for_terminal, mask_url, untrusted

HOSTILE = "<!channel> Rockets <script>alert(1)</script> hit\r\nBcc: victim@example.org <@U024BE7LH> *bold*"


# Feed text that must stay inert wherever wirewatch shows it (alerts here, web pages in test_web).
HOSTILE_TITLES = [
    ("<!channel> rockets", "<!channel>"),
    ("<!here|here> alert", "<!here"),
    ("ping <@U024BE7LH>", "<@U"),
    ("<script>alert(1)</script>", "<script>"),
    ("<http://evil.example|Reuters>", "<http"),
    ("Title\r\nBcc: victim@example.org", "\r\n"),
    ("*bold* _it_ `code` ~x~", "*bold*"),
    ("@channel look", "@channel"),
    ("click javascript:alert(1)", "javascript:"),
    ("\x1b[31mred\x1b[0m", "\x1b"),
]


@pytest.mark.parametrize(("hostile", "must_not_contain"), HOSTILE_TITLES)
def test_inert_neutralizes_markup_mentions_and_headers(hostile: str, must_not_contain: str) -> None:
    out = inert(hostile)
    assert must_not_contain not in out
    assert "\n" not in out and "\r" not in out


def test_inert_keeps_arabic_readable() -> None:
    assert inert("سقوط صاروخين على قاعدة عين الأسد") == "سقوط صاروخين على قاعدة عين الأسد"


def test_safe_link_only_plain_http() -> None:
    assert safe_link("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_link("javascript:alert(1)") == ""
    assert safe_link("https://example.org/a|<!channel>") == ""


def incident(title: str = "Two rockets hit Ain al-Asad", outlet: str = "Wire <!here>"):
    when = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    report = facts(
        "a-1",
        outlet,
        when,
        places=(AIN_AL_ASAD, ANBAR),
        title=title,
        url="https://example.org/n",
        projectiles=2,
        killed=0,
        wounded=0,
    )
    return make_incident(report)[0]


def notice(kind: str = "new", **extra) -> Notice:
    return Notice(
        key=f"inc:1:ops:{kind}",
        kind=kind,
        channel="ops",
        severity="high",
        change="corroborated",
        entries=("ain-al-asad", "anbar"),
        incident=incident(**extra),
        created_at=datetime(2026, 11, 25, 10, 1, tzinfo=UTC),
    )


def test_alert_has_what_the_analyst_needs() -> None:
    rendered = render(notice(), {"ain-al-asad": "ain-al-asad (base)"})
    assert rendered.title == "Rocket attack: Ain al-Asad Air Base (Anbar, Iraq)"
    for needle in (
        "ain-al-asad (base), anbar",
        "Severity: high",
        "2 projectiles",
        "none reported",
        "Status: reported, 1 independent outlet, 1 report (en)",
        "https://example.org/n",
    ):
        assert needle in rendered.text
    # The title travels apart (apprise's title): the body does not repeat it.
    assert rendered.markdown.startswith("*Watched:* ain-al-asad (base), anbar\n")
    assert rendered.title not in rendered.markdown
    assert "(<https://example.org/n|link>)" in rendered.markdown
    assert "<table>" in rendered.html and "<a href='https://example.org/n'>link</a>" in rendered.html


def test_an_update_says_it_is_one() -> None:
    rendered = render(notice("update"))
    assert rendered.title.startswith("UPDATE (reported): Rocket attack")
    assert "Update: of the alert for incident inc-" in rendered.text


def test_a_test_alert_says_test_first_in_the_title_and_the_body() -> None:
    sample = render(notice(), test=True)
    assert sample.title == "TEST (not a real alert): Rocket attack: Ain al-Asad Air Base (Anbar, Iraq)"
    assert sample.text.startswith("TEST: sent by `wirewatch test-alert`")
    assert sample.markdown.startswith("*TEST:* sent by") and "<h3>TEST (not a real alert): " in sample.html
    assert sample.payload["test"] is True and sample.payload["title"] == sample.title
    real = render(notice())
    assert "TEST" not in real.title + real.text and real.payload["test"] is False


def test_hostile_feed_text_is_inert_in_every_format() -> None:
    rendered = render(notice(title=HOSTILE, outlet="<!everyone>"))
    for text in (rendered.title, rendered.text, rendered.markdown, rendered.html, str(rendered.payload)):
        assert "<!channel>" not in text and "<!everyone>" not in text and "<@U024BE7LH>" not in text
        assert "<script>" not in text and "\r\n" not in text
    assert "*bold*" not in rendered.markdown  # no markdown smuggled in from a feed


def test_json_payload_is_the_documented_schema() -> None:
    payload = render(notice()).payload
    assert payload["schema"] == PAYLOAD_SCHEMA
    assert payload["idempotency_key"] == "inc:1:ops:new"
    assert payload["kind"] == "new" and payload["severity"] == "high"
    assert payload["watch_hits"] == ["ain-al-asad", "anbar"]
    assert payload["incident"]["attack_types"] == ["rocket"] and payload["incident"]["state"] == "reported"
    assert payload["reports"][0]["url"] == "https://example.org/n"


def test_digest_lists_every_incident() -> None:
    item = DigestItem(incident=incident(), entries=("anbar",), severity="medium")
    digest = Notice(
        key="digest:ops:x",
        kind="digest",
        channel="ops",
        severity="medium",
        digest=(item, item),
        created_at=datetime(2026, 11, 25, 12, 0, tzinfo=UTC),
    )
    rendered = render(digest)
    assert rendered.title.startswith("Catch-up digest: 2 earlier incidents")
    assert rendered.text.count("Rocket attack: Ain al-Asad") == 2


def test_logs_never_show_secrets_or_raw_newlines() -> None:
    assert mask_url("mailto://user:hunter2@smtp.example.org:587?to=a@b") == "mailto://smtp.example.org:587/…"
    assert "T0KEN" not in mask_url("slack://T0KEN/B1/C2")
    assert "\n" not in untrusted("line one\nforged: line")


@pytest.mark.parametrize(
    ("hostile", "shown"),
    [
        ("\x1b]0;owned\x07title", "\\u001b]0;owned\\u0007title"),  # OSC: set the window title
        ("\x9b2J", "\\u009b2J"),  # C1 CSI: clear the screen
        ("base\u202eesab", "base\\u202eesab"),  # right-to-left override
        ("\u2066x\u2069", "\\u2066x\\u2069"),  # isolates
        ("a\u2028b", "a\\u2028b"),
        ("\udcff", "\\udcff"),  # a lone surrogate from undecodable bytes
        ("صاروخان على قاعدة\u200f عين الأسد\tok\n", "صاروخان على قاعدة\u200f عين الأسد\tok\n"),  # kept
    ],
)
def test_for_terminal_escapes_what_a_terminal_would_act_on(hostile: str, shown: str) -> None:
    assert for_terminal(hostile) == shown
    line = for_terminal(json.dumps({"title": hostile}, ensure_ascii=False))
    assert json.loads(line) == {"title": hostile}  # still valid JSON, same text


def test_a_feed_health_notice_makes_the_servers_words_inert_in_every_format() -> None:
    from wirewatch.core.alerting import feed_health_notice
    from wirewatch.core.health import FeedEvent

    at = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    event = FeedEvent(
        feed_url="https://feeds.example.org/rss?x=<!channel>",
        outlet="<!everyone> Outlet",
        event="broken",
        failures=5,
        error_class="http_500",
        error=HOSTILE,
        at=at,
    )
    rendered = render(feed_health_notice("ops", [event], at, at))
    for text in (
        rendered.title,
        rendered.text,
        rendered.markdown,
        rendered.html,
        json.dumps(rendered.payload),
    ):
        assert "<!channel>" not in text and "<!everyone>" not in text and "<@U024BE7LH>" not in text
        assert "<script>" not in text and "\r\n" not in text
    assert rendered.payload["feeds"][0]["event"] == "broken" and rendered.payload["feeds"][0]["failures"] == 5
