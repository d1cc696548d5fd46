"""Where "now" comes from, so tests can use a fake clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta
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
    """A clock that only moves when told to."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = start

    def now(self) -> datetime:
        return self._now

    def localize(self, wall: datetime) -> datetime:
        """A fake clock lives in one fixed offset."""
        return wall.replace(tzinfo=self._now.tzinfo)

    def advance(self, delta: timedelta) -> None:
        self._now += delta

    def set(self, moment: datetime) -> None:
        self._now = moment


def today(clock: Clock) -> date:
    return clock.now().date()
