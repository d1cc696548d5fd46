"""Each day's count, lowest and highest CGM reading over a range, kept across imports: a
change re-reads only the days it touched, not the decade around them."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journal.store.cgm_stream import DayExtremes

DayReader = Callable[[int, int], "DayExtremes"]
"""Reads the extremes of epoch days first..last from the journal."""


@dataclass
class _Kept:
    value: DayExtremes
    stale: list[tuple[int, int]] = field(default_factory=list)
    """Windows of days (first, last) changed since ``value`` was read."""


class DayExtremesCache:
    """A few ranges' day extremes; ``changed`` marks days to read again on the next ask."""

    def __init__(self, read: DayReader, size: int = 6) -> None:
        self._read = read
        self._size = size
        self._lock = threading.Lock()
        self._ranges: OrderedDict[tuple[int, int], _Kept] = OrderedDict()
        self._generation = 0

    def get(self, first_day: int, last_day: int) -> DayExtremes:
        key = (first_day, last_day)
        with self._lock:
            kept = self._ranges.get(key)
            generation = self._generation
            if kept is not None:
                self._ranges.move_to_end(key)
                stale, kept.stale = kept.stale, []
                value = kept.value
        if kept is None:
            value = self._read(first_day, last_day)
            with self._lock:
                if generation == self._generation:  # nothing changed while it was read
                    self._ranges[key] = _Kept(value)
                    while len(self._ranges) > self._size:
                        self._ranges.popitem(last=False)
            return value
        if not stale:
            return value
        value = self._refreshed(value, _clipped(stale, first_day, last_day))
        with self._lock:
            kept.value = value  # changes that came in meanwhile stay in kept.stale
        return value

    def _refreshed(self, value: DayExtremes, windows: list[tuple[int, int]]) -> DayExtremes:
        from journal.store.cgm_stream import DayExtremes

        for first, last in windows:
            outside = (value.day < first) | (value.day > last)
            value = DayExtremes.concat([value.where(outside), self._read(first, last)])
        return value

    def changed(self, first_day: int, last_day: int) -> None:
        """Readings of days first_day..last_day were added or removed."""
        with self._lock:
            self._generation += 1
            for (first, last), kept in self._ranges.items():
                if first_day <= last and last_day >= first:
                    kept.stale.append((first_day, last_day))

    def forget(self) -> None:
        with self._lock:
            self._generation += 1
            self._ranges.clear()


def _clipped(windows: Iterable[tuple[int, int]], first: int, last: int) -> list[tuple[int, int]]:
    """The windows within [first, last], overlapping ones joined, in day order."""
    joined: list[tuple[int, int]] = []
    for a, b in sorted((max(a, first), min(b, last)) for a, b in windows):
        if joined and a <= joined[-1][1] + 1:
            joined[-1] = (joined[-1][0], max(joined[-1][1], b))
        else:
            joined.append((a, b))
    return joined
