"""Which scheduled doses are due on a day: the one rule Today, goals and charts share.

A medication's dose at a time of its schedule is due on a day when that moment lies in one
of the periods the medication was taken (from when it was added or taken up again until
it was paused). So a medication added at 19:55 with doses at 08:00 and 20:00 has only its
20:00 dose due that day, and the days of a pause owe nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time

from journal.domain.entries import Medication

Localize = Callable[[datetime], datetime]
"""A wall-clock time on a date, with the user's UTC offset on that date (Clock.localize)."""


def dose_is_due(medication: Medication, moment: datetime) -> bool:
    """Whether the dose of ``medication`` scheduled at ``moment`` (aware) is due."""
    if not medication.periods:  # kept by a journal older than the periods: always due
        return medication.active
    return any(
        start <= moment and (until is None or moment < until) for start, until in medication.periods
    )


def due_times(medication: Medication, day: date, localize: Localize) -> list[time]:
    """The times of ``medication``'s schedule that are due on ``day``."""
    return [
        t for t in medication.times if dose_is_due(medication, localize(datetime.combine(day, t)))
    ]


def doses_due(
    medications: Iterable[Medication], day: date, localize: Localize
) -> list[tuple[Medication, time]]:
    """Every (medication, scheduled time) due on ``day``, by time then name."""
    due = [(m, t) for m in medications for t in due_times(m, day, localize)]
    return sorted(due, key=lambda pair: (pair[1], pair[0].name))


def due_count(medications: Sequence[Medication], day: date, localize: Localize) -> int:
    return sum(len(due_times(m, day, localize)) for m in medications)
