"""The kept day extremes: a change marks its days, and only those are read again."""

from __future__ import annotations

import numpy as np

from journal.services.cgm.day_cache import DayExtremesCache
from journal.store.cgm_stream import DayExtremes


class Journal:
    """Days 0..99 with ``level`` readings each; records the windows read."""

    def __init__(self) -> None:
        self.level = 1
        self.reads: list[tuple[int, int]] = []

    def read(self, first: int, last: int) -> DayExtremes:
        self.reads.append((first, last))
        day = np.arange(max(first, 0), min(last, 99) + 1, dtype=np.int32)
        count = np.full(len(day), self.level, dtype=np.int32)
        return DayExtremes(day, count, day.astype(np.float64), day + float(self.level))


def test_a_change_re_reads_only_its_days_joined_and_clipped_to_the_range() -> None:
    journal = Journal()
    cache = DayExtremesCache(journal.read)
    cache.get(10, 60)
    journal.level = 2
    cache.changed(20, 22)
    cache.changed(23, 25)  # next to the first: one read
    cache.changed(55, 70)  # past the range's end: clipped
    cache.changed(80, 90)  # outside the range: not read
    journal.reads.clear()

    kept = cache.get(10, 60)

    assert journal.reads == [(20, 25), (55, 60)]
    assert kept.day.tolist() == list(range(10, 61))
    changed = {*range(20, 26), *range(55, 61)}
    assert kept.count.tolist() == [2 if d in changed else 1 for d in range(10, 61)]
    journal.reads.clear()
    assert cache.get(10, 60) is kept and journal.reads == []


def test_forget_reads_the_whole_range_again() -> None:
    journal = Journal()
    cache = DayExtremesCache(journal.read)
    cache.get(0, 99)
    cache.forget()
    cache.get(0, 99)
    assert journal.reads == [(0, 99), (0, 99)]
