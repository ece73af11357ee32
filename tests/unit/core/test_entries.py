import time

from wirewatch.core.entries import entry_fields, html_to_text


def test_html_to_text_drops_tags_and_scripts() -> None:
    html = (
        "<p>Two <b>rockets</b> hit&nbsp;the base.</p><script>alert(1)</script>"
        "<p>No casualties &amp; no damage.</p>"
    )
    assert html_to_text(html) == "Two rockets hit the base.\nNo casualties & no damage."


def test_entry_fields_prefer_full_content_and_parse_dates() -> None:
    entry = {
        "title": "Rockets hit <i>base</i>",
        "link": "https://example.org/x?utm_source=rss",
        "id": "tag:example.org,2026:x",
        "summary": "short",
        "content": [{"value": "<p>Longer body text about the attack.</p>"}],
        "published_parsed": time.strptime("2026-11-25 10:00:00", "%Y-%m-%d %H:%M:%S"),
    }
    fields = entry_fields(entry)
    assert fields is not None
    assert fields.title == "Rockets hit base"
    assert fields.text == "Longer body text about the attack."
    assert fields.published is not None and fields.published.isoformat() == "2026-11-25T10:00:00+00:00"
    assert fields.id.startswith("a-")


def test_empty_entry_is_none() -> None:
    assert entry_fields({}) is None


import pytest  # noqa: E402

from wirewatch.core.entries import article_text  # noqa: E402


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("plain words", "plain words"),
        ("A &amp; B", "A & B"),
        ("<p>one</p><p>two</p>", "one\ntwo"),
        ("line<br>break", "line\nbreak"),
        ("<ul><li>a</li><li>b</li></ul>", "a\nb"),
        ("<style>p{}</style><noscript>x</noscript><iframe>y</iframe>visible", "visible"),
        ("<p>unclosed <b>bold", "unclosed bold"),
        ("  spaced \t\n\n out  ", "spaced\nout"),
        ("<p>سقط صاروخان</p>", "سقط صاروخان"),
        ("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"),  # escaped text stays text
    ],
)
def test_html_to_text_table(markup: str, text: str) -> None:
    assert html_to_text(markup) == text


def test_article_text_keeps_the_article_and_drops_the_chrome() -> None:
    page = (
        "<html><head><title>t</title><script>var x</script></head><body>"
        "<nav>Home | World</nav><header>Site name</header>"
        "<article><h1>Rockets hit the base</h1>"
        f"<p>{'Two rockets struck the base on Tuesday. ' * 4}</p>"
        f"<p>{'No casualties were reported by officials. ' * 4}</p>"
        "<aside>Related: other stories</aside></article>"
        "<footer>Copyright</footer></body></html>"
    )
    text = article_text(page)
    assert text.startswith("Two rockets struck") and "No casualties" in text
    for chrome in ("Home", "Site name", "Related", "Copyright", "var x"):
        assert chrome not in text
    assert article_text("<html><body><main>Short page</main></body></html>") == "Short page"
