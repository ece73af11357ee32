"""The skip guard: which offsets a stream consumer skipped, per partition and consumer generation."""

import pytest

from wirewatch.workers.skips import SkipGuard


@pytest.mark.parametrize(
    ("deliveries", "skipped"),
    [
        # (topic, partition, offset, generation) in arrival order -> skipped offsets noticed
        ([("a", 0, 0, 1), ("a", 0, 1, 1), ("a", 0, 2, 1)], []),
        ([("a", 0, 8, 2), ("a", 0, 9, 2), ("a", 0, 11, 2)], [10]),  # the failover test's hole
        ([("a", 0, 8, 2), ("a", 0, 11, 2), ("a", 0, 14, 2)], [9, 10, 12, 13]),
        ([("a", 0, 5, 1), ("a", 0, 9, 2)], []),  # a new generation starts where it is told to
        ([("a", 0, 15, 2), ("a", 0, 15, 2), ("a", 0, 12, 2), ("a", 0, 16, 2)], []),  # redeliveries
        ([("a", 0, 3, 1), ("a", 1, 7, 1), ("a", 0, 4, 1), ("b", 0, 9, 1)], []),  # partitions apart
        ([("a", 0, 3, 1), ("b", 0, 3, 1), ("a", 0, 5, 1)], [4]),
    ],
)
def test_skipped_offsets(deliveries, skipped) -> None:
    guard = SkipGuard()
    noticed = [o for d in deliveries for o in guard.skipped(*d)]
    assert noticed == skipped


def test_a_seek_says_where_the_generation_goes_on() -> None:
    guard = SkipGuard()
    guard.sought("a", 0, 12, 3)
    assert list(guard.skipped("a", 0, 13, 3)) == [12]  # the first record after the seek went missing
    guard.sought("b", 0, 12, 3)
    assert list(guard.skipped("b", 0, 12, 3)) == []
    guard.sought("c", 0, 12, 2)
    assert list(guard.skipped("c", 0, 20, 3)) == []  # sought in an older generation: starts afresh
