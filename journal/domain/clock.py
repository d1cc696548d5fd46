"""Where "now" comes from, so tests can use a fake clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, aware, in the user's local offset."""
        ...

    def localize(self, wall: datetime) -> datetime:
        """A naive wall-clock time on any date, with the user's offset on that date
        (so a time typed for a summer day gets summer time in winter)."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now().astimezone().replace(microsecond=0)

    def localize(self, wall: datetime) -> datetime:
        return wall.replace(tzinfo=None).astimezone()


class FakeClock:
    """A clock that only moves when told to; in one fixed offset, or in ``zone`` (an IANA
    zone, so tests can cross a clock change)."""

    def __init__(self, start: datetime, zone: tzinfo | None = None) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = start
        self._zone = zone

    def now(self) -> datetime:
        if self._zone is None:
            return self._now
        return _fixed(self._now.astimezone(self._zone))

    def localize(self, wall: datetime) -> datetime:
        if self._zone is None:
            return wall.replace(tzinfo=self._now.tzinfo)
        return _fixed(wall.replace(tzinfo=self._zone))

    def advance(self, delta: timedelta) -> None:
        self._now += delta

    def set(self, moment: datetime) -> None:
        self._now = moment


def _fixed(moment: datetime) -> datetime:
    """The same moment with its offset as a fixed ``timezone`` (as entries keep it)."""
    offset = moment.utcoffset()
    assert offset is not None
    return moment.replace(tzinfo=timezone(offset))


def today(clock: Clock) -> date:
    return clock.now().date()
