"""The charts' date axis: days, weeks, months or years as the range needs, with the year
written where it changes, so ten years never read as "29Oct", "Nov03"."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pyqtgraph as pg

from journal.analysis.series import SECONDS_PER_DAY

# How many pixels a label needs (about "30 Nov 2026") before the next level is used.
LABEL_PIXELS = 84
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(seconds: float) -> date:
    """Local seconds (wall-clock time counted as if UTC) to the local calendar day."""
    return datetime.fromtimestamp(seconds, UTC).date()


def _seconds(day: date) -> float:
    return (day - date(1970, 1, 1)).days * SECONDS_PER_DAY


def _months(first: date, last: date, every: int) -> list[date]:
    month = first.replace(day=1)
    if month < first:
        month = _add_months(month, 1)
    found = []
    while month <= last:
        if (month.month - 1) % every == 0:
            found.append(month)
        month = _add_months(month, 1)
    return found


def _add_months(day: date, count: int) -> date:
    index = day.year * 12 + day.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def tick_days(first: date, last: date, pixels: float) -> tuple[str, list[date]]:
    """The level ("day", "week", "month", "quarter", "year") and the days to label."""
    span = max((last - first).days, 1)
    per_day = pixels / span
    if per_day * 1 >= LABEL_PIXELS * 0.7:
        return "day", [first + timedelta(days=i) for i in range(span + 1)]
    if per_day * 7 >= LABEL_PIXELS * 0.8:
        monday = first + timedelta(days=(7 - first.weekday()) % 7)
        weeks = (last - monday).days // 7 + 1
        return "week", [monday + timedelta(days=7 * i) for i in range(weeks)]
    if per_day * 30 >= LABEL_PIXELS * 0.6:
        return "month", _months(first, last, 1)
    if per_day * 91 >= LABEL_PIXELS * 0.7:
        return "quarter", _months(first, last, 3)
    years = [date(y, 1, 1) for y in range(first.year, last.year + 1) if date(y, 1, 1) >= first]
    step = max(1, round(LABEL_PIXELS / (per_day * 365)))
    return "year", [d for d in years if d.year % step == 0]


def tick_label(day: date, level: str, previous: date | None) -> str:
    """A tick's text: the year only on the first tick and where it changes."""
    new_year = previous is None or previous.year != day.year
    if level == "year":
        return str(day.year)
    if level in ("month", "quarter"):
        return f"{_MONTHS[day.month - 1]} {day.year}" if new_year else _MONTHS[day.month - 1]
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if new_year else text


class DayAxis(pg.AxisItem):  # type: ignore[misc]
    """A bottom axis over local seconds that labels calendar days, weeks, months or years."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(orientation="bottom", **kwargs)
        self._labels: dict[float, str] = {}

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[Any]:
        if maxVal <= minVal or size <= 0:
            return []
        first, last = _day(minVal), _day(maxVal)
        level, days = tick_days(first, last, size)
        # The middle of a day for days, its start otherwise (a week begins on its Monday).
        offset = SECONDS_PER_DAY / 2 if level == "day" else 0.0
        self._labels = {}
        previous: date | None = None
        values = []
        # A label closer to an end than half its width would be cut, and pyqtgraph would
        # hide it: leave it out, so the year goes on the first label that is drawn.
        margin = (maxVal - minVal) * (LABEL_PIXELS / 2) / size
        for day in days:
            value = _seconds(day) + offset
            if minVal + margin <= value <= maxVal - margin:
                self._labels[value] = tick_label(day, level, previous)
                values.append(value)
                previous = day
        return [(SECONDS_PER_DAY, values)]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [self._labels.get(value, "") for value in values]
