"""Goal progress from the journal: one number per day, then periods, history and streaks.

Exact and plain Python: a week is ``week_start`` (0 = Monday ... 6 = Sunday, from the
locale) plus six days; the current period is partial and never counted as missed.
A day with no entries at all is "not logged", which is never counted against anyone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from enum import StrEnum

from journal.analysis.daily import dates
from journal.analysis.doses import Localize, doses_due
from journal.domain.entries import DoseLog, Medication
from journal.domain.goals import Comparison, Goal, GoalPeriod
from journal.domain.vocabulary import DoseStatus

DailyValues = Mapping[date, float | None]


class PeriodStatus(StrEnum):
    MET = "met"
    NOT_MET = "not met"
    NOT_LOGGED = "not logged"
    IN_PROGRESS = "in progress"


@dataclass(frozen=True)
class PeriodResult:
    """One day or week of a goal. ``value`` is the day's value, the week's total, or the
    number of days met, whichever the goal compares with its target."""

    first: date
    last: date
    value: float | None
    status: PeriodStatus
    days_logged: int = 0


@dataclass(frozen=True)
class GoalProgress:
    goal: Goal
    today: date
    current: PeriodResult
    target: float
    """What ``current.value`` is compared with (the number of days for days-a-week goals)."""
    fraction: float
    """0..1 for a bar: the part done (at least) or the part of the allowance used (at most)."""
    remaining: float | None
    """To go (at least), or left before the limit (at most / below); None without data."""
    days_left: int
    """Days of the current period still ahead, today included."""
    history: tuple[PeriodResult, ...]
    streak: int
    best_streak: int

    @property
    def met(self) -> bool:
        return self.current.status is PeriodStatus.MET


# --- doses on schedule --------------------------------------------------------------------


def _doses_percent(doses: Sequence[DoseLog], due: set[tuple[int | None, time]]) -> float | None:
    """The share of the due (medication, time) pairs logged as taken or taken late."""
    if not due:
        return None
    taken = {
        (d.medication_id, d.scheduled)
        for d in doses
        if d.status in (DoseStatus.TAKEN, DoseStatus.LATE) and d.scheduled is not None
    }
    return 100.0 * len(taken & due) / len(due)


def doses_on_schedule(
    doses: Iterable[DoseLog],
    medications: Sequence[Medication],
    first: date,
    last: date,
    logged: Collection[date],
    localize: Localize,
) -> dict[date, float | None]:
    """The share of the day's due doses (``journal.analysis.doses``) logged as taken, on
    each logged day."""
    by_day: dict[date, list[DoseLog]] = defaultdict(list)
    for dose in doses:
        by_day[dose.day].append(dose)
    values: dict[date, float | None] = {}
    for day in dates(first, last):
        if day not in logged:
            values[day] = None
            continue
        due = {(m.id, t) for m, t in doses_due(medications, day, localize)}
        values[day] = _doses_percent(by_day.get(day, []), due)
    return values


# --- periods ------------------------------------------------------------------------------


def period_of(day: date, period: GoalPeriod, week_start: int) -> tuple[date, date]:
    """The first and last day of the period holding ``day``."""
    if period is GoalPeriod.DAY:
        return day, day
    first = day - timedelta(days=(day.weekday() - week_start) % 7)
    return first, first + timedelta(days=6)


def _additive_limit(goal: Goal) -> bool:
    """An upper limit on something that only grows during a day (sugar): today is not final."""
    return goal.comparison is not Comparison.AT_LEAST and goal.info.additive


def _day_met(goal: Goal, day: date, value: float | None, today: date) -> bool:
    if value is None or not goal.comparison.meets(value, goal.target):
        return False
    return day < today or not _additive_limit(goal)


def evaluate_period(
    goal: Goal, values: DailyValues, first: date, last: date, today: date
) -> PeriodResult:
    """The result of the period ``first``..``last`` as of ``today`` (later days ignored)."""
    seen = dates(first, min(last, today))
    logged = [values[d] for d in seen if values.get(d) is not None]
    complete = last < today
    if goal.counts_days:
        met_days = sum(1 for d in seen if _day_met(goal, d, values.get(d), today))
        target = goal.days_per_period or 0
        if met_days >= target:
            status = PeriodStatus.MET
        elif not complete:
            status = PeriodStatus.IN_PROGRESS
        else:
            status = PeriodStatus.NOT_MET if logged else PeriodStatus.NOT_LOGGED
        return PeriodResult(first, last, float(met_days), status, len(logged))
    value: float | None
    if goal.sums_week:
        value = float(sum(v for v in logged if v is not None)) if logged else None
    else:
        value = values.get(first)
    return PeriodResult(first, last, value, _status(goal, value, complete), len(logged))


def _status(goal: Goal, value: float | None, complete: bool) -> PeriodStatus:
    if value is None:
        return PeriodStatus.NOT_LOGGED if complete else PeriodStatus.IN_PROGRESS
    meets = goal.comparison.meets(value, goal.target)
    if complete:
        return PeriodStatus.MET if meets else PeriodStatus.NOT_MET
    # An open period: reaching an "at least" target cannot be undone; a limit can.
    if meets and goal.comparison is Comparison.AT_LEAST:
        return PeriodStatus.MET
    if meets and not goal.info.additive:
        return PeriodStatus.MET
    return PeriodStatus.IN_PROGRESS


def _streaks(current: PeriodResult, history: Sequence[PeriodResult]) -> tuple[int, int]:
    """(current streak, best streak) of met periods; an open period never breaks one."""
    ordered = [*history, current] if current.status is PeriodStatus.MET else list(history)
    streak = 0
    for result in reversed(ordered):
        if result.status is not PeriodStatus.MET:
            break
        streak += 1
    best = run = 0
    for result in ordered:
        run = run + 1 if result.status is PeriodStatus.MET else 0
        best = max(best, run)
    return streak, best


def _fraction_and_remaining(goal: Goal, current: PeriodResult) -> tuple[float, float | None]:
    if goal.counts_days:
        target = float(goal.days_per_period or 0)
        done = current.value or 0.0
        return (min(done / target, 1.0) if target else 1.0), max(target - done, 0.0)
    if current.value is None:
        return 0.0, None
    value, target = current.value, goal.target
    if goal.comparison is Comparison.AT_LEAST:
        return (min(value / target, 1.0) if target else 1.0), max(target - value, 0.0)
    used = min(value / target, 1.0) if target else 1.0
    return used, max(target - value, 0.0)


def goal_progress(
    goal: Goal,
    values: DailyValues,
    today: date,
    *,
    week_start: int = 0,
    history_periods: int = 8,
) -> GoalProgress:
    """Progress of ``goal`` on ``today``: the current period, ``history_periods`` before it,
    and streaks within them. ``values`` must cover those days (see :func:`history_range`)."""
    first, last = period_of(today, goal.period, week_start)
    current = evaluate_period(goal, values, first, last, today)
    history: list[PeriodResult] = []
    step = timedelta(days=1 if goal.period is GoalPeriod.DAY else 7)
    for back in range(history_periods, 0, -1):
        p_first = first - step * back
        p_last = last - step * back
        history.append(evaluate_period(goal, values, p_first, p_last, today))
    fraction, remaining = _fraction_and_remaining(goal, current)
    streak, best = _streaks(current, history)
    target = (
        float(goal.days_per_period) if goal.counts_days and goal.days_per_period else goal.target
    )
    return GoalProgress(
        goal=goal,
        today=today,
        current=current,
        target=target,
        fraction=fraction,
        remaining=remaining,
        days_left=(last - today).days + 1,
        history=tuple(history),
        streak=streak,
        best_streak=best,
    )


def history_range(
    goal: Goal, today: date, *, week_start: int = 0, history_periods: int = 8
) -> tuple[date, date]:
    """The days :func:`goal_progress` reads for ``goal``."""
    first, last = period_of(today, goal.period, week_start)
    step = timedelta(days=1 if goal.period is GoalPeriod.DAY else 7)
    return first - step * history_periods, min(last, today)
