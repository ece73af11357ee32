import pytest

from wirewatch.core.identity import article_id, canonical_url, fingerprint


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://www.Example.org/news/1?utm_source=rss&utm_medium=feed", "https://example.org/news/1"),
        ("http://example.org:80/news/1#comments", "http://example.org/news/1"),
        ("https://example.org/news/1/?b=2&a=1&fbclid=x", "https://example.org/news/1?a=1&b=2"),
    ],
)
def test_canonical_url_drops_tracking_and_noise(a: str, b: str) -> None:
    assert canonical_url(a) == canonical_url(b)


def test_article_id_is_stable_and_distinguishes_articles() -> None:
    one = article_id("https://example.org/a?utm_source=x", "guid-1", "t", "x")
    assert one == article_id("https://example.org/a", "guid-1", "other title", "other text")
    assert one != article_id("https://example.org/b", "guid-1", "t", "x")
    # a GUID that is the link itself does not change the id when tracking parameters vary
    assert article_id("https://example.org/a?utm_x=1", "https://example.org/a?utm_x=2", "", "") == article_id(
        "https://example.org/a", None, "", ""
    )


def test_without_link_or_guid_the_content_decides() -> None:
    assert article_id("", None, "Title", "Body") == article_id("", None, "title", " body ")
    assert article_id("", None, "Title", "Body") != article_id("", None, "Title", "Other body")


def test_fingerprint_ignores_diacritics_and_spacing() -> None:
    assert fingerprint("سقوطُ صاروخ", "نص") == fingerprint("سقوط  صاروخ", "نص")
