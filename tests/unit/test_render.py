from datetime import UTC, datetime

import pytest

from wirewatch.alerts.render import inert, render_alert, safe_link
from wirewatch.core.incidents import PlaceFact, Policy, ReportFacts, apply
from wirewatch.logs import mask_url, untrusted


@pytest.mark.parametrize(
    ("hostile", "must_not_contain"),
    [
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
    ],
)
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


def incident(title: str = "Two rockets hit <!channel> Ain al-Asad", outlet: str = "Wire <!here>"):
    when = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    ain = PlaceFact(
        id="ain-al-asad",
        name="Ain al-Asad Air Base",
        kind="base",
        lineage=("ain-al-asad", "IQ-AN/baghdadi", "IQ-AN", "IQ"),
        area=("Anbar", "Iraq"),
    )
    anbar = PlaceFact(id="IQ-AN", name="Anbar", kind="governorate", lineage=("IQ-AN", "IQ"), area=("Iraq",))
    facts = ReportFacts(
        article_id="a-1",
        outlet=outlet,
        lang="en",
        title=title,
        url="https://example.org/n",
        published=when,
        seen_at=when,
        event_time=when,
        types=("rocket",),
        places=(ain, anbar),
        projectiles=2,
        killed=0,
        wounded=0,
    )
    return apply(None, facts, when, Policy())[0]


def test_render_alert_has_what_the_analyst_needs() -> None:
    alert = render_alert(incident(), ["ain-al-asad", "anbar"], {"ain-al-asad": "ain-al-asad (base)"})
    assert alert.title == "Rocket attack: Ain al-Asad Air Base (Anbar, Iraq)"
    assert "ain-al-asad (base), anbar" in alert.body
    assert "2 projectiles" in alert.body and "none reported" in alert.body
    assert "Status: reported, 1 independent outlet, 1 report (en)" in alert.body
    assert "https://example.org/n" in alert.body
    assert "<!" not in alert.body and "<!" not in alert.title


def test_an_update_says_it_is_one() -> None:
    alert = render_alert(incident(), ["anbar"], {}, kind="update", change="corroborated")
    assert alert.title.startswith("UPDATE (reported): Rocket attack")
    assert alert.body.startswith("Update of the alert for incident inc-")


def test_logs_never_show_secrets_or_raw_newlines() -> None:
    assert mask_url("mailto://user:hunter2@smtp.example.org:587?to=a@b") == "mailto://smtp.example.org:587/…"
    assert "T0KEN" not in mask_url("slack://T0KEN/B1/C2")
    assert "\n" not in untrusted("line one\nforged: line")
