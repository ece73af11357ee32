"""Records a stream consumer skipped: noticed, and read back so that no article is lost.

Around a rebalance faust-streaming can hand an agent a partition's records with a hole in them:
in the failover test (two processors, one SIGKILLed) the survivor went from offset 11 to 13 of
an articles partition in about one run in ten, and the skipped article never became a report.
Faust 0.15.3 resumes the partitions before it seeks them to the committed offsets
(``Recovery.on_recovery_completed``), and upstream has reports of the same symptom
(faust-streaming/faust#216, #221); whatever the cause, the guard below does not depend on it.

The articles and attack-reports topics are neither compacted nor transactional, so their
offsets are consecutive: within one consumer generation, a jump forward means records were
skipped. ``SkipGuard`` notices the jump; the agent reads the skipped records itself
(``topics.reader.read_range``) and processes them before the record in hand. Both stages are
idempotent, so a record that also comes back through the stream later changes nothing.

The first records of a generation can go missing too: Faust seeks a new assignment to the
committed offsets and can then drop what it fetches next (``workers.positions``). The seek says
where the stream must go on (``sought``), so a first record past that point is a skip as well.
"""

from __future__ import annotations


class SkipGuard:
    """The last offset seen per partition in the current consumer generation."""

    def __init__(self) -> None:
        self._last: dict[tuple[str, int], tuple[int, int]] = {}  # (topic, partition) -> (generation, offset)

    def sought(self, topic: str, partition: int, offset: int, generation: int) -> None:
        """The stream was sought to ``offset``: its next record of this partition should be that one."""
        self._last[(topic, partition)] = (generation, offset - 1)

    def skipped(self, topic: str, partition: int, offset: int, generation: int) -> range:
        """Offsets between the last record seen and this one that never arrived (usually none).

        The first record of a partition in a generation starts the count afresh unless the
        stream was ``sought`` in that generation; a record at or before the last one (a
        redelivery after a seek) is no skip.
        """
        key = (topic, partition)
        previous = self._last.get(key)
        if previous is None or previous[0] != generation:
            self._last[key] = (generation, offset)
            return range(0)
        last = previous[1]
        self._last[key] = (generation, max(last, offset))
        return range(last + 1, offset)
