"""The small sums a report for the doctor makes of daily measures: a period's summary of a
measure, weekly totals, days over a score, shares of days, and doses taken of those due.

Plain Python over the values the measure registry gives (``journal.analysis.daily``), so
every number in the report is the registry's number for those days, summed or averaged
the way the report says (the mean of the days that have a value, never of calendar days).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

from journal.analysis.doses import Localize, doses_due
from journal.domain.entries import DoseLog, Medication
from journal.domain.vocabulary import DoseStatus

Values = Mapping[date, float | None]


@dataclass(frozen=True)
class PeriodFigure:
    """A daily measure over a period: how many days have a value, their mean, low, high."""

    days: int
    mean: float | None
    low: float | None
    high: float | None

    def as_dict(self) -> dict[str, float | int | None]:
        return {"days": self.days, "mean": self.mean, "low": self.low, "high": self.high}


def period_figure(values: Values) -> PeriodFigure:
    present = [v for v in values.values() if v is not None]
    if not present:
        return PeriodFigure(0, None, None, None)
    return PeriodFigure(len(present), sum(present) / len(present), min(present), max(present))


def count_days(values: Values, *, above: float | None = None, at_least: float | None = None) -> int:
    """Days whose value is above ``above`` (strictly) or at least ``at_least``."""
    count = 0
    for value in values.values():
        if value is None:
            continue
        if (above is not None and value > above) or (at_least is not None and value >= at_least):
            count += 1
    return count


def days_with(values: Values) -> int:
    """Days with a value above zero (a meal tagged "vegetables", a short night)."""
    return sum(1 for v in values.values() if v is not None and v > 0)


def days_recorded(values: Values) -> int:
    return sum(1 for v in values.values() if v is not None)


@dataclass(frozen=True)
class WeekTotal:
    """The total of a Monday-to-Sunday week; ``days_in_period`` is 7 for a whole week and
    fewer at the period's ends, ``days_recorded`` the days of it that have a value."""

    monday: date
    total: float | None
    days_in_period: int
    days_recorded: int

    @property
    def whole(self) -> bool:
        return self.days_in_period == 7


def weekly_totals(values: Values, first: date, last: date) -> list[WeekTotal]:
    """ISO weeks (Monday first) of [first, last] with the sum of their recorded days; a
    week with nothing recorded has no total (a gap, not zero)."""
    weeks: list[WeekTotal] = []
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        days = [monday + timedelta(days=i) for i in range(7)]
        inside = [d for d in days if first <= d <= last]
        present = [v for d in inside if (v := values.get(d)) is not None]
        weeks.append(
            WeekTotal(monday, sum(present) if present else None, len(inside), len(present))
        )
        monday += timedelta(days=7)
    return weeks


@dataclass(frozen=True)
class DoseCount:
    """One medication's scheduled doses over a period: due, and what was logged for them.

    ``taken`` counts doses logged as taken or late; ``skipped`` those logged as skipped;
    ``not_logged`` the rest of the due doses, which nothing says were taken. A dose counts
    for the (day, scheduled time) it was due, as Today ticks it off.
    """

    due: int
    taken: int
    late: int
    skipped: int

    @property
    def not_logged(self) -> int:
        return max(self.due - self.taken - self.skipped, 0)

    @property
    def missed(self) -> int:
        return self.due - self.taken

    @property
    def percent(self) -> float | None:
        return 100.0 * self.taken / self.due if self.due else None


def dose_counts(
    medications: Sequence[Medication],
    doses: Iterable[DoseLog],
    first: date,
    last: date,
    localize: Localize,
) -> dict[int, DoseCount]:
    """Each scheduled medication's doses due in [first, last] (``journal.analysis.doses``,
    the rule Today and goals use) and how many of them were logged taken, late, skipped."""
    logged: dict[tuple[int, date, time], DoseStatus] = {}
    for dose in sorted(doses, key=lambda d: d.at):
        if dose.scheduled is not None:
            logged[(dose.medication_id, dose.day, dose.scheduled)] = dose.status
    due: dict[int, list[DoseStatus | None]] = {m.id: [] for m in medications if m.id is not None}
    day = first
    while day <= last:
        for med, at in doses_due(medications, day, localize):
            if med.id is not None:
                due[med.id].append(logged.get((med.id, day, at)))
        day += timedelta(days=1)
    counts = {}
    for med_id, statuses in due.items():
        taken = sum(1 for s in statuses if s in (DoseStatus.TAKEN, DoseStatus.LATE))
        late = sum(1 for s in statuses if s is DoseStatus.LATE)
        skipped = sum(1 for s in statuses if s is DoseStatus.SKIPPED)
        counts[med_id] = DoseCount(len(statuses), taken, late, skipped)
    return counts
