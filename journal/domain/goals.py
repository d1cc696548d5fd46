"""Goals: a target on a measure over a period, with the templates offered on first run.

Three shapes cover what people set themselves:

- a daily target ("at most 25 g added sugar a day"): every day is its own period;
- a weekly total ("at least 150 active minutes a week"): the days of the week add up;
- days in a week ("fasting glucose below 100 mg/dL on 5 days a week"): each day is checked
  against the target and the goal counts the days that meet it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from journal.domain.entries import new_uid
from journal.domain.glucose import FASTING_NORMAL_BELOW_MGDL
from journal.domain.guidelines import AHA_ADDED_SUGAR_G, WHO_WEEKLY_MINUTES
from journal.domain.measures import measure
from journal.domain.units import GlucoseUnit, Quantity, format_glucose

MAX_NAME_CHARS = 80


class GoalMeasure(StrEnum):
    """What a goal looks at, one number per day (stored in the database)."""

    ACTIVE_MINUTES = "active_minutes"
    WHO_MINUTES = "who_minutes"
    WEIGHT = "weight"
    """Moderate minutes plus twice the vigorous ones, as the WHO counts (light: none)."""
    ADDED_SUGAR = "added_sugar"
    CARBS = "carbs"
    FASTING_GLUCOSE = "fasting_glucose"
    GLUCOSE_CHECKS = "glucose_checks"
    SLEEP_HOURS = "sleep_hours"
    STRESS_CHECKINS = "stress_checkins"
    DOSES_ON_SCHEDULE = "doses_on_schedule"
    TRACKER = "tracker"


class Comparison(StrEnum):
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    BELOW = "below"

    @property
    def words(self) -> str:
        return {"at_least": "at least", "at_most": "at most", "below": "below"}[self.value]

    def meets(self, value: float, target: float) -> bool:
        if self is Comparison.AT_LEAST:
            return value >= target
        if self is Comparison.AT_MOST:
            return value <= target
        return value < target


class GoalPeriod(StrEnum):
    DAY = "day"
    WEEK = "week"


@dataclass(frozen=True)
class MeasureInfo:
    """How a measure reads and adds up."""

    label: str
    unit: str
    # Whether the days of a week add up (minutes do; an average glucose does not).
    additive: bool
    decimals: int = 0
    upper_bound: float = 100_000.0
    quantity: Quantity | None = None
    """Shown in the unit the person chose for it (glucose, weight)."""


# The daily measure each goal follows (a tracker goal follows "tracker:<id>"; doses on
# schedule compare the doses logged with the medication list's times).
DAILY_MEASURES: dict[GoalMeasure, str] = {
    GoalMeasure.ACTIVE_MINUTES: "active_minutes",
    GoalMeasure.WHO_MINUTES: "who_minutes",
    GoalMeasure.WEIGHT: "weight_kg",
    GoalMeasure.ADDED_SUGAR: "added_sugar_g",
    GoalMeasure.CARBS: "carbs_g",
    GoalMeasure.FASTING_GLUCOSE: "glucose_fasting",
    GoalMeasure.GLUCOSE_CHECKS: "glucose_checks",
    GoalMeasure.SLEEP_HOURS: "sleep_hours",
    GoalMeasure.STRESS_CHECKINS: "stress_checkins",
}


def _info(name: str) -> MeasureInfo:
    spec = measure(name)
    return MeasureInfo(
        spec.label, spec.unit, spec.additive, spec.decimals, spec.plausible_max, spec.quantity
    )


MEASURES: dict[GoalMeasure, MeasureInfo] = {
    **{goal: _info(name) for goal, name in DAILY_MEASURES.items()},
    GoalMeasure.DOSES_ON_SCHEDULE: MeasureInfo("Doses taken", "%", False, upper_bound=100),
    GoalMeasure.TRACKER: MeasureInfo("Tracker", "", True, decimals=1),
}


class GoalError(ValueError):
    """A goal that cannot be saved; ``field`` names the control to fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, kw_only=True)
class Goal:
    """A target on a measure over a period. ``days_per_period`` makes it a days-in-a-week goal."""

    name: str
    measure: GoalMeasure
    comparison: Comparison
    target: float
    period: GoalPeriod = GoalPeriod.DAY
    days_per_period: int | None = None
    tracker_id: int | None = None
    paused: bool = False
    note: str = ""
    id: int | None = None
    uid: str = field(default_factory=new_uid)

    @property
    def info(self) -> MeasureInfo:
        return MEASURES[self.measure]

    @property
    def daily_measure(self) -> str | None:
        """The name of the daily measure this goal follows (None: doses on schedule)."""
        if self.measure is GoalMeasure.TRACKER:
            return f"tracker:{self.tracker_id}"
        return DAILY_MEASURES.get(self.measure)

    @property
    def counts_days(self) -> bool:
        """True for "on N days a week" goals."""
        return self.period is GoalPeriod.WEEK and self.days_per_period is not None

    @property
    def sums_week(self) -> bool:
        """True for weekly totals such as 150 active minutes."""
        return self.period is GoalPeriod.WEEK and self.days_per_period is None


def validate_goal(goal: Goal) -> None:
    """Raise :class:`GoalError` for the first thing that keeps ``goal`` from working."""
    if not goal.name.strip():
        raise GoalError("name", "Give the goal a name.")
    if len(goal.name) > MAX_NAME_CHARS:
        raise GoalError("name", f"Keep the name under {MAX_NAME_CHARS} characters.")
    if goal.measure is GoalMeasure.TRACKER and goal.tracker_id is None:
        raise GoalError("tracker", "Choose the tracker this goal follows.")
    if not goal.target >= 0:  # also refuses NaN
        raise GoalError("target", "The target has to be zero or more.")
    if goal.target > goal.info.upper_bound:
        raise GoalError("target", f"That target looks too large for {goal.info.label.lower()}.")
    if goal.days_per_period is not None:
        if goal.period is not GoalPeriod.WEEK:
            raise GoalError("days", "Days per period only applies to weekly goals.")
        if not 1 <= goal.days_per_period <= 7:
            raise GoalError("days", "Choose between 1 and 7 days a week.")
    if goal.sums_week and not goal.info.additive:
        raise GoalError(
            "period",
            f"{goal.info.label} does not add up over a week; choose a daily target or "
            "a number of days a week.",
        )


def describe_goal(
    goal: Goal,
    *,
    unit: str | None = None,
    target_text: str | None = None,
    tracker_name: str = "",
) -> str:
    """The goal in words: "At least 150 active minutes a week", "Fasting glucose below
    100 mg/dL on 5 days a week". ``unit``/``target_text`` show the target in the user's units."""
    shown_unit = goal.info.unit if unit is None else unit
    number = target_text if target_text is not None else _number(goal.target, goal.info.decimals)
    how = goal.comparison.words
    if goal.counts_days:
        days = goal.days_per_period or 0
        per = f"on {days} day{'s' if days != 1 else ''} a week"
    else:
        per = "a week" if goal.period is GoalPeriod.WEEK else "a day"
    measure = goal.measure
    if measure is GoalMeasure.STRESS_CHECKINS and goal.target == 1 and per == "a day":
        return "A stress check-in every day"
    if measure is GoalMeasure.DOSES_ON_SCHEDULE:
        share = "All doses" if goal.target >= 100 else f"{how} {number} % of doses"
        return _sentence(f"{share} taken as scheduled {per}".replace(" a day", " each day"))
    nouns = {
        GoalMeasure.ACTIVE_MINUTES: "active minutes",
        GoalMeasure.WHO_MINUTES: "minutes of moderate activity (vigorous counts double)",
        GoalMeasure.ADDED_SUGAR: f"{shown_unit} added sugar",
        GoalMeasure.CARBS: f"{shown_unit} carbohydrates",
        GoalMeasure.GLUCOSE_CHECKS: "glucose checks",
        GoalMeasure.STRESS_CHECKINS: "stress check-ins",
    }
    if measure in nouns:
        return _sentence(f"{how} {number} {nouns[measure]} {per}")
    subject = {
        GoalMeasure.FASTING_GLUCOSE: "Fasting glucose",
        GoalMeasure.SLEEP_HOURS: "Sleep",
        GoalMeasure.WEIGHT: "Weight",
    }.get(measure, tracker_name or "Tracker")
    if measure is GoalMeasure.SLEEP_HOURS and per == "a day":
        per = "a night"
    if measure in (GoalMeasure.FASTING_GLUCOSE, GoalMeasure.WEIGHT) and per == "a day":
        per = "each day it is measured" if measure is GoalMeasure.WEIGHT else "each day"
    return _sentence(f"{subject} {how} {number} {shown_unit}".strip() + f" {per}")


def _sentence(text: str) -> str:
    """Capitalise the first letter only ("mg/dL" keeps its case)."""
    return text[:1].upper() + text[1:]


def _number(value: float, decimals: int) -> str:
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class GoalTemplate:
    """A goal offered on first run, with the public source it follows."""

    goal: Goal
    source: str


def goal_templates(glucose_unit: GlucoseUnit = GlucoseUnit.MGDL) -> list[GoalTemplate]:
    """General guidance for a first goal: each cites its source, none is medical advice.

    Names carry their unit in the person's glucose unit ("below 5.6 mmol/L").
    """
    fasting = format_glucose(FASTING_NORMAL_BELOW_MGDL, glucose_unit)
    return [
        GoalTemplate(
            Goal(
                name="Move 150 minutes a week",
                measure=GoalMeasure.WHO_MINUTES,
                comparison=Comparison.AT_LEAST,
                target=WHO_WEEKLY_MINUTES,
                period=GoalPeriod.WEEK,
            ),
            # WHO guidelines on physical activity and sedentary behaviour (Bull et al., Br J
            # Sports Med 2020): adults 150-300 min/week of moderate or 75-150 min of
            # vigorous activity; a vigorous minute counts as two, light activity not at all.
            "WHO 2020: 150–300 minutes of moderate activity a week for adults "
            "(vigorous minutes count double, light activity does not count)",
        ),
        GoalTemplate(
            Goal(
                name="Added sugar at most 25 g a day",
                measure=GoalMeasure.ADDED_SUGAR,
                comparison=Comparison.AT_MOST,
                target=AHA_ADDED_SUGAR_G[0],
                period=GoalPeriod.DAY,
            ),
            # American Heart Association scientific statement (Johnson et al., Circulation
            # 2009): added sugar at most 100 kcal (25 g) a day for women, 150 (36 g) for men.
            "AHA (Johnson et al., Circulation 2009): at most 25 g added sugar a day for "
            "women, 36 g for men",
        ),
        GoalTemplate(
            Goal(
                name=f"Fasting glucose below {fasting} on 5 days",
                measure=GoalMeasure.FASTING_GLUCOSE,
                comparison=Comparison.BELOW,
                target=FASTING_NORMAL_BELOW_MGDL,
                period=GoalPeriod.WEEK,
                days_per_period=5,
            ),
            # ADA Standards of Care: fasting plasma glucose < 100 mg/dL is the normal range.
            "ADA Standards of Care: a fasting glucose below 100 mg/dL (5.6 mmol/L) is in the "
            "normal range",
        ),
        GoalTemplate(
            Goal(
                name="Sleep at least 7 hours",
                measure=GoalMeasure.SLEEP_HOURS,
                comparison=Comparison.AT_LEAST,
                target=7,
                period=GoalPeriod.DAY,
            ),
            # Watson et al., AASM/SRS consensus statement, Sleep 2015: adults 7 h or more.
            "AASM & Sleep Research Society (Watson et al., Sleep 2015): 7 hours or more a "
            "night for adults",
        ),
        GoalTemplate(
            Goal(
                name="Daily stress check-in",
                measure=GoalMeasure.STRESS_CHECKINS,
                comparison=Comparison.AT_LEAST,
                target=1,
                period=GoalPeriod.DAY,
            ),
            "A moment to notice how you feel; no target value",
        ),
        GoalTemplate(
            Goal(
                name="Doses as scheduled",
                measure=GoalMeasure.DOSES_ON_SCHEDULE,
                comparison=Comparison.AT_LEAST,
                target=100,
                period=GoalPeriod.DAY,
            ),
            "Follows the times in your medication list",
        ),
    ]


TEMPLATE_SOURCES = (
    "General guidance: WHO 2020 activity guidelines; AHA added sugar (Johnson et al. 2009); "
    "ADA fasting glucose; AASM/SRS sleep (Watson et al. 2015)"
)
