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
