"""Fetch positions that Faust moves past records no agent saw, put back.

Around a rebalance faust-streaming 0.15.3 (on aiokafka 0.14.0) can leave a partition's fetch
position past records that never reached an agent, and never move it back. In the failover test
(two processors, one SIGKILLed) the survivor took over the dead instance's partitions and analyzed
nothing from them, in 3 runs of 10 with both cores busy:

1. A fetch outlives a rebalance. Faust hands aiokafka its set of active partitions, and empties
   that very set when the partitions are revoked; aiokafka reads an empty set as "every partition",
   waits inside the fetch for the new assignment, and then returns the new partitions' records,
   their positions already advanced (``Consumer._wait_next_records``, ``Fetcher.fetched_records``).
2. Faust's flow is stopped while it recovers, so it drops that batch and seeks every partition to
   its committed offset to read it again (``Consumer.getmany``, ``perform_seek``). aiokafka's
   ``seek_to_committed`` leaves a partition without a committed offset (or at 0) where it is:
   past the dropped records.

A partition has no committed offset until its first commit; in the test the killed instance held
its partitions for less than the commit interval. ``SkipGuard`` cannot see this: the records are
gone before the first one of the generation, and often no record follows them.

``keep_positions`` guards the processor's consumer twice: a fetch during which the consumer
generation changed returns nothing and puts its partitions back where its records began, and a
seek to the committed offsets sends a source partition with none to its first offset, as
``consumer_auto_offset_reset="earliest"`` means. Both only move positions back: at worst a record
is read again, which the idempotent stages absorb. Each seek also tells where every source
partition goes on from (``on_seek``), so that ``SkipGuard`` notices records dropped after it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping
from typing import Any

import faust

log = logging.getLogger("wirewatch.processor")

# Faust's consumer, its fetched batches ({partition: [record, ...]}) and its partitions are untyped
# internals of the pinned faust-streaming.
Batch = Mapping[Any, list[Any]]


def keep_positions(
    app: faust.App, sources: Collection[str], on_seek: Callable[[Mapping[Any, int]], None]
) -> None:
    """Wrap the fetch and the seek of ``app``'s consumer (create it: call before the worker runs).

    ``on_seek`` gets the offset each source partition was sought to: its next record.
    """
    consumer: Any = app.consumer
    fetch = consumer._getmany
    seek_to_committed = consumer.seek_to_committed

    async def fetch_in_one_generation(active_partitions: Any, timeout: float) -> Batch:
        generation = app.consumer_generation_id
        batch: Batch = await fetch(active_partitions=active_partitions, timeout=timeout)
        if batch and app.consumer_generation_id != generation:
            await _put_back(consumer, batch)
            return {}
        return batch

    async def seek_to_committed_or_start() -> Mapping[Any, int | None]:
        committed: Mapping[Any, int | None] = await seek_to_committed()
        starts = {tp: offset for tp, offset in committed.items() if offset and tp.topic in sources}
        unstarted = [tp for tp, offset in committed.items() if not offset and tp.topic in sources]
        if unstarted:
            first: Mapping[Any, int] = await consumer.earliest_offsets(*unstarted)
            beginnings = {tp: first.get(tp) or 0 for tp in unstarted}
            log.debug("no committed offset for %s: reading them from the start", _names(beginnings))
            await consumer.seek_wait(beginnings)
            starts.update(beginnings)
        on_seek(starts)
        return committed

    consumer._getmany = fetch_in_one_generation
    consumer.seek_to_committed = seek_to_committed_or_start


async def _put_back(consumer: Any, batch: Batch) -> None:
    """Seek each partition of a batch fetched across a rebalance back to its first record."""
    assigned = consumer.assignment()
    starts = {tp: records[0].offset for tp, records in batch.items() if records and tp in assigned}
    log.info("a fetch outlived a rebalance: %s put back to re-read", _names(starts))
    if starts:
        await consumer.seek_wait(starts)


def _names(offsets: Mapping[Any, int]) -> str:
    return ", ".join(f"{tp.topic}[{tp.partition}]@{offset}" for tp, offset in sorted(offsets.items()))
