"""Oversized input is cut, marked and counted; it never stalls a stage or blocks a feed's other items."""

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from kafka.errors import MessageSizeTooLargeError

from wirewatch.core.detect import MAX_TEXT
from wirewatch.core.entries import EntryFields
from wirewatch.core.feeddoc import ParsedFeed
from wirewatch.poller.articles import new_articles
from wirewatch.topics.records import MAX_TITLE, ArticleRecord, FeedRecord

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def entry(i: int, title: str) -> EntryFields:
    return EntryFields(
        f"id-{i}", f"fp-{i}-{len(title)}", f"https://news.example.org/{i}", None, title, "text", NOW
    )


def test_the_poller_cuts_a_one_megabyte_title_and_marks_the_record() -> None:
    parsed = ParsedFeed([entry(1, "x" * 1_000_000), entry(2, "Rockets hit a base")], [], 2, "Feed", None)
    records, _ = new_articles(FeedRecord(url="https://news.example.org/rss"), parsed, None, NOW)
    big, small = records
    assert len(big.title) == MAX_TITLE and big.truncated is True
    assert small.truncated is False and small.title == "Rockets hit a base"


def test_analyze_cuts_an_overlong_text_and_says_so(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    text = "Rockets hit Ain al-Asad air base today. " + "filler words " * 30_000
    src.write_text(json.dumps({"id": "long", "title": "t", "text": text}) + "\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "wirewatch.cli", "analyze", str(src)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    row = json.loads(out.stdout)
    assert len(text) > MAX_TEXT and row["truncated"] is True and row["attack"] is True


class _Future:
    def __init__(self, error: Exception | None) -> None:
        self.error = error

    def get(self, timeout: float) -> None:
        if self.error is not None:
            raise self.error


class _Producer:
    """Kafka's answers without a broker: the record with a huge title is refused."""

    def __init__(self) -> None:
        self.acked: list[bytes] = []

    def send(self, topic: str, key: bytes, value: bytes) -> _Future:
        if len(value) > 500_000:
            return _Future(MessageSizeTooLargeError("too large"))
        self.acked.append(value)
        return _Future(None)

    def flush(self) -> None:
        pass


def test_a_record_kafka_refuses_as_too_large_is_skipped_and_the_others_go_through() -> None:
    from wirewatch.config import load_settings
    from wirewatch.poller.sinks import KafkaSink

    producer = _Producer()
    sink = KafkaSink(load_settings(), producer)  # type: ignore[arg-type]
    record = ArticleRecord(
        id="a",
        url="u",
        feed_url="https://news.example.org/rss",
        outlet="o",
        title="t",
        text="x",
        fetched_at=NOW,
    )
    huge = record.model_copy(update={"id": "b", "text": "x" * 600_000})
    sink._send_acked([record, huge], [])  # no exception: the feed's state can advance
    assert len(producer.acked) == 1
