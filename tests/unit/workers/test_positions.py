"""The processor's guards on Faust's fetch positions: a fetch that outlived a rebalance is put back,
and a seek to committed offsets starts a source partition that has none from offset 0."""

import asyncio
from types import SimpleNamespace

from faust.types import TP

from wirewatch.workers.positions import keep_positions


def tp(topic: str, partition: int) -> TP:
    return TP(topic, partition)


class FakeConsumer:
    """What ``keep_positions`` uses of Faust's consumer, and a record of the seeks it asked for."""

    def __init__(self, app: SimpleNamespace, batch: dict, committed: dict, rebalance: bool) -> None:
        self.app, self.batch, self.committed, self.rebalance = app, batch, committed, rebalance
        self.seeks: list[dict] = []
        self.starts: list[dict] = []  # what on_seek was told

    async def _getmany(self, active_partitions, timeout):
        if self.rebalance:
            self.app.consumer_generation_id += 1  # the fetch waited for the new assignment
        return self.batch

    async def seek_to_committed(self):
        return self.committed

    async def earliest_offsets(self, *partitions):
        return {p: 3 for p in partitions if p.partition != 2}  # partition 2: never written to

    async def seek_wait(self, partitions):
        self.seeks.append({(p.topic, p.partition): o for p, o in partitions.items()})

    def assignment(self):
        return set(self.batch)


def guarded(batch=None, committed=None, rebalance=False) -> FakeConsumer:
    app = SimpleNamespace(consumer_generation_id=3)
    app.consumer = FakeConsumer(app, batch or {}, committed or {}, rebalance)
    starts = app.consumer.starts
    keep_positions(
        app, {"articles"}, on_seek=lambda s: starts.append({(p.topic, p.partition): o for p, o in s.items()})
    )
    return app.consumer


def records(*offsets: int) -> list[SimpleNamespace]:
    return [SimpleNamespace(offset=o) for o in offsets]


def test_a_fetch_in_one_generation_is_handed_on() -> None:
    consumer = guarded(batch={tp("articles", 0): records(4, 5)})
    batch = asyncio.run(consumer._getmany(active_partitions=set(), timeout=1.0))
    assert [r.offset for r in next(iter(batch.values()))] == [4, 5]
    assert consumer.seeks == []


def test_a_fetch_that_outlived_a_rebalance_is_put_back_where_its_records_began() -> None:
    consumer = guarded(
        batch={tp("articles", 0): records(0, 1, 2), tp("reports", 1): records(7)}, rebalance=True
    )
    assert asyncio.run(consumer._getmany(active_partitions=set(), timeout=1.0)) == {}
    assert consumer.seeks == [{("articles", 0): 0, ("reports", 1): 7}]


def test_a_source_partition_without_a_committed_offset_is_read_from_the_start() -> None:
    committed = {
        tp("articles", 0): None,
        tp("articles", 1): 12,
        tp("articles", 2): 0,
        tp("changelog", 0): None,
    }
    consumer = guarded(committed=committed)
    assert asyncio.run(consumer.seek_to_committed()) == committed
    assert consumer.seeks == [{("articles", 0): 3, ("articles", 2): 0}]
    assert consumer.starts == [{("articles", 0): 3, ("articles", 1): 12, ("articles", 2): 0}]


def test_nothing_to_start_asks_for_no_seek() -> None:
    consumer = guarded(committed={tp("articles", 0): 5})
    asyncio.run(consumer.seek_to_committed())
    assert consumer.seeks == []
    assert consumer.starts == [{("articles", 0): 5}]
