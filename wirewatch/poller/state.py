"""Feed states in the compacted feed-state topic: read back at start and when feeds move here.

The state topic is keyed by feed URL like the feeds topic, so with equal partition counts a
feed's state lives in the partition of the same number as the feed: a poller given partition 3
of the feeds reads partition 3 of the states, not the whole topic.
"""

from __future__ import annotations

import logging
from collections.abc import Collection

from wirewatch.config import Settings
from wirewatch.errors import BadRecord
from wirewatch.topics import FEED_STATE
from wirewatch.topics.codec import decode
from wirewatch.topics.reader import read_compacted
from wirewatch.topics.records import FeedState

log = logging.getLogger("wirewatch.poller")


def load_states(
    settings: Settings, partitions: Collection[int] | None = None, urls: Collection[str] | None = None
) -> dict[str, FeedState]:
    """The latest state of each feed (of ``urls``, from ``partitions``; None: all)."""
    states: dict[str, FeedState] = {}
    for url, value, offset in read_compacted(settings, FEED_STATE, partitions, client="poller-state"):
        if urls is not None and url not in urls:
            continue
        if value is None:
            states.pop(url, None)
            continue
        try:
            state = decode(value, FeedState)
        except BadRecord as exc:
            log.warning("skipping unreadable feed state at offset %d: %s", offset, exc)
            continue
        states[state.url] = state
    return states
