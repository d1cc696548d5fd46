"""Daily measures as one value per day, with "not recorded" kept apart from zero.

Plain Python (Today and goals read a few days); the charts turn the same values into
numpy grids in ``journal.analysis.series``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, timedelta

from journal.domain.measures import Absent, Measure

DayValues = dict[date, float | None]


def dates(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def day_values(
    measure: Measure,
    rows: Iterable[tuple[date, float | None]],
    first: date,
    last: date,
    logged: Collection[date],
) -> DayValues:
    """The measure's value on each day from ``first`` to ``last``.

    ``rows`` are the (day, value) pairs the store read (days with the entries the measure
    looks at); ``logged`` the days with anything logged. A day without a value is None
    ("not recorded"), or 0 where the measure counts a logged day without its entries as
    none (no exercise on a logged day is 0 active minutes).
    """
    found = {day: (None if value is None else float(value)) for day, value in rows}
    zero_if_logged = measure.absent is Absent.ZERO_IF_LOGGED
    values: DayValues = {}
    for day in dates(first, last):
        value = found.get(day)
        if value is None and zero_if_logged and day in logged and day not in found:
            value = 0.0
        values[day] = value
    return values
