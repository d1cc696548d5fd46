"""What a goal card says: the number, what is left, history and streaks, in calm words.

Encouraging, never scolding: a missed period is "not this time", an open one is "so far",
and going over a limit points at tomorrow rather than at the miss.
"""

from __future__ import annotations

from dataclasses import dataclass

from journal.analysis.goal_progress import GoalProgress, PeriodStatus
from journal.domain.goals import Comparison, Goal, GoalMeasure, GoalPeriod, describe_goal
from journal.domain.text import format_number
from journal.domain.units import UnitPreferences, conversion


@dataclass(frozen=True)
class CardWords:
    """Every piece of text on a goal card."""

    title: str
    description: str
    value: str
    """The big number, e.g. "95"."""
    of_target: str
    """Beside it, e.g. "of 150 min"."""
    detail: str
    """What is left, e.g. "55 min to go · 4 days left this week"."""
    streak: str
    history: str

    @property
    def spoken(self) -> str:
        parts = (self.title, f"{self.value} {self.of_target}", self.detail, self.streak)
        return ". ".join(p for p in parts if p.strip())


def unit_of(goal: Goal, units: UnitPreferences, tracker_unit: str = "") -> str:
    if goal.info.quantity is not None:
        return conversion(goal.info.quantity, units).unit
    if goal.measure is GoalMeasure.TRACKER:
        return tracker_unit
    return goal.info.unit


def shown(goal: Goal, value: float, units: UnitPreferences) -> str:
    """A value of the goal's measure in the user's units."""
    if goal.info.quantity is not None:
        unit = conversion(goal.info.quantity, units)
        return f"{unit.shown(value):.{unit.decimals}f}"
    return format_number(value, goal.info.decimals)


def _with_unit(number: str, unit: str) -> str:
    if unit == "%":
        return f"{number} %"
    if number == "1" and unit.endswith("s") and unit not in ("mg/dL",):
        unit = unit[:-1]  # "1 check-in", not "1 check-ins"
    return f"{number} {unit}".strip()


def describe(
    goal: Goal, units: UnitPreferences, tracker_name: str = "", tracker_unit: str = ""
) -> str:
    unit = unit_of(goal, units, tracker_unit)
    return describe_goal(
        goal, unit=unit, target_text=shown(goal, goal.target, units), tracker_name=tracker_name
    )


def _period_word(goal: Goal) -> str:
    return "this week" if goal.period is GoalPeriod.WEEK else "today"


def _days_left(progress: GoalProgress) -> str:
    if progress.goal.period is GoalPeriod.DAY:
        return ""
    left = progress.days_left
    if left <= 1:
        return "last day of the week"
    return f"{left} days left this week"


def _detail(progress: GoalProgress, units: UnitPreferences, unit: str) -> str:
    goal, current = progress.goal, progress.current
    if goal.paused:
        return "Paused — resume whenever you like."
    if goal.counts_days:
        done = int(current.value or 0)
        target = goal.days_per_period or 0
        if done >= target:
            return f"Goal reached {_period_word(goal)} — well done!"
        to_go = target - done
        if to_go > progress.days_left:
            return f"{done} so far — every good day counts; next week starts fresh."
        return f"{to_go} to go · {_days_left(progress)}"
    if current.value is None:
        return f"Nothing logged yet {_period_word(goal)}."
    remaining = progress.remaining or 0.0
    if goal.comparison is Comparison.AT_LEAST:
        if current.status is PeriodStatus.MET:
            return f"Goal reached {_period_word(goal)} — well done!"
        left = _with_unit(shown(goal, remaining, units), unit)
        return " · ".join(p for p in (f"{left} to go", _days_left(progress)) if p)
    # A limit (at most / below).
    if goal.comparison.meets(current.value, goal.target):
        if goal.info.additive:
            left = _with_unit(shown(goal, remaining, units), unit)
            return " · ".join(
                p for p in (f"{left} left {_period_word(goal)}", _days_left(progress)) if p
            )
        return f"Within your target {_period_word(goal)}."
    return "Above the target this time — tomorrow starts fresh."


def _streak(progress: GoalProgress) -> str:
    noun = "week" if progress.goal.period is GoalPeriod.WEEK else "day"
    if progress.streak >= 2:
        return f"{progress.streak} {noun}s in a row"
    if progress.streak == 1:
        met_now = progress.current.status is PeriodStatus.MET
        if noun == "day":
            return "Met today" if met_now else "Met yesterday"
        return "Met this week" if met_now else "Met last week"
    return ""


def _history(progress: GoalProgress) -> str:
    judged = [p for p in progress.history if p.status is not PeriodStatus.NOT_LOGGED]
    if not progress.history:
        return ""
    noun = "weeks" if progress.goal.period is GoalPeriod.WEEK else "days"
    met = sum(1 for p in progress.history if p.status is PeriodStatus.MET)
    if not judged:
        return f"No entries in the last {len(progress.history)} {noun}"
    best = f" · best run {progress.best_streak}" if progress.best_streak >= 2 else ""
    return f"Met {met} of the last {len(progress.history)} {noun}{best}"


def card_words(
    progress: GoalProgress,
    units: UnitPreferences,
    *,
    tracker_name: str = "",
    tracker_unit: str = "",
) -> CardWords:
    goal, current = progress.goal, progress.current
    unit = unit_of(goal, units, tracker_unit)
    if goal.counts_days:
        value = str(int(current.value or 0))
        days = goal.days_per_period or 0
        of_target = f"of {days} days" + (
            " so far" if current.status is PeriodStatus.IN_PROGRESS else ""
        )
    else:
        value = shown(goal, current.value, units) if current.value is not None else "—"
        target = _with_unit(shown(goal, goal.target, units), unit)
        of_target = f"of {target}"
        if unit == "%":
            of_target = "% of scheduled doses"
        if goal.comparison is not Comparison.AT_LEAST:
            so_far = (
                " so far"
                if goal.info.additive and current.status is PeriodStatus.IN_PROGRESS
                else ""
            )
            limit = "below" if goal.comparison is Comparison.BELOW else "limit"
            of_target = f"{unit}{so_far} · {limit} {target}".strip(" ·")
    return CardWords(
        title=goal.name,
        description=describe(goal, units, tracker_name, tracker_unit),
        value=value,
        of_target=of_target,
        detail=_detail(progress, units, unit),
        streak=_streak(progress),
        history=_history(progress),
    )


def period_tooltip(goal: Goal, first_label: str, status: PeriodStatus, value: str) -> str:
    """The tooltip of one dot in the history strip."""
    what = {
        PeriodStatus.MET: "met",
        PeriodStatus.NOT_MET: "not this time",
        PeriodStatus.NOT_LOGGED: "nothing logged",
        PeriodStatus.IN_PROGRESS: "in progress",
    }[status]
    return f"{first_label}: {what}" + (f" ({value})" if value else "")
