"""A planned self-experiment: a random on/off schedule, its adherence, and its analysis.

The person fixes in advance one yes/no factor (e.g. "meal tagged gluten", to avoid on the
"off" days), one outcome and one lag, and runs 4 to 8 weeks. Weeks (or single days) are
assigned "on" or "off" at random with a seed, half each (complete randomisation with
balance: every balanced schedule is as likely). At the end only the planned days are
analysed, by intention to treat (each day counts as assigned, whatever was logged), with:

- the effect: the outcome's mean on the "on" days minus the "off" days, in its own unit;
- a randomisation-test p-value: the same difference recomputed for every balanced schedule
  that could have been drawn (all of them when there are at most ``EXACT_LIMIT``, else a
  seeded random sample), with the outcomes as observed. Its validity rests on the random
  assignment actually used, not on any model of the days, autocorrelation included;
- a 95 % interval from inverting that test: the constant effects that the randomisation test
  would not reject at 5 % (the usual interval for a randomised experiment, Rosenbaum 2002).

With weeks as the unit the number of possible schedules is small (8 weeks: 70), which bounds
the smallest p-value (2/70 = 0.029); 4 weeks (6 schedules) can never reach 0.05. The plan
says so (``smallest_p_value``); days as the unit do not have that limit, but a factor whose
effect lasts into the next day blurs a day-by-day schedule.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import numpy as np

from journal.analysis.insights.sentences import number
from journal.analysis.insights.table import DailyTable, FloatArray, Kind

Unit = Literal["week", "day"]
MIN_WEEKS, MAX_WEEKS = 4, 8
EXACT_LIMIT = 20_000
RANDOM_SCHEDULES = 10_000
MIN_DAYS_EACH = 5


@dataclass(frozen=True)
class ExperimentPlan:
    """What is tested and the schedule drawn for it: each date, on or off."""

    factor: str
    outcome: str
    lag_days: int
    unit: Unit
    seed: int
    schedule: tuple[tuple[date, bool], ...]

    @property
    def first_day(self) -> date:
        return self.schedule[0][0]

    @property
    def last_day(self) -> date:
        return self.schedule[-1][0]

    @property
    def units(self) -> int:
        return len(self.schedule) // 7 if self.unit == "week" else len(self.schedule)

    @property
    def units_on(self) -> int:
        on = sum(on for _, on in self.schedule)
        return on // 7 if self.unit == "week" else on

    @property
    def possible_schedules(self) -> int:
        return math.comb(self.units, self.units_on)

    @property
    def smallest_p_value(self) -> float:
        """The least two-sided p-value this schedule can give (its mirror is as extreme)."""
        return min(1.0, 2 / self.possible_schedules)


def plan_experiment(
    factor: str,
    outcome: str,
    lag_days: int,
    *,
    start: date,
    weeks: int,
    unit: Unit,
    seed: int,
) -> ExperimentPlan:
    """Draw the on/off schedule for ``weeks`` weeks from ``start`` (half the units on)."""
    if not MIN_WEEKS <= weeks <= MAX_WEEKS:
        raise ValueError(f"An experiment runs {MIN_WEEKS} to {MAX_WEEKS} weeks, not {weeks}.")
    if lag_days not in (0, 1):
        raise ValueError("An experiment looks at the same day (0) or the next day (1).")
    rng = np.random.default_rng(seed)
    units = weeks if unit == "week" else 7 * weeks
    # An odd count gives the extra unit to "on" or "off" at random too.
    on_count = units // 2 + (int(rng.integers(2)) if units % 2 else 0)
    on_units = np.zeros(units, dtype=bool)
    on_units[rng.choice(units, size=on_count, replace=False)] = True
    per_day = np.repeat(on_units, 7) if unit == "week" else on_units
    schedule = tuple((start + timedelta(days=i), bool(on)) for i, on in enumerate(per_day.tolist()))
    return ExperimentPlan(factor, outcome, lag_days, unit, seed, schedule)


@dataclass(frozen=True)
class Adherence:
    """How the logged days matched the schedule."""

    planned_on: int
    planned_off: int
    followed: int
    not_followed: tuple[date, ...]
    not_logged: tuple[date, ...]
    outcome_logged: int

    @property
    def share_followed(self) -> float:
        logged = self.followed + len(self.not_followed)
        return self.followed / logged if logged else 0.0

    @property
    def sentence(self) -> str:
        return (
            f"{self.followed} of {self.planned_on + self.planned_off} planned days went as "
            f"planned, {len(self.not_followed)} did not and {len(self.not_logged)} were not "
            f"logged; the outcome was logged on {self.outcome_logged} of the days analysed."
        )


def check_adherence(plan: ExperimentPlan, table: DailyTable) -> Adherence:
    """Compare the factor as logged with the schedule, day by day."""
    factor = _column(table, plan.factor, binary=True)
    outcome_days, _ = _planned_outcomes(plan, table)
    followed = 0
    not_followed: list[date] = []
    not_logged: list[date] = []
    for day, on in plan.schedule:
        value = _value_on(table, factor, day)
        if np.isnan(value):
            not_logged.append(day)
        elif (value == 1) == on:
            followed += 1
        else:
            not_followed.append(day)
    on_days = sum(on for _, on in plan.schedule)
    return Adherence(
        planned_on=on_days,
        planned_off=len(plan.schedule) - on_days,
        followed=followed,
        not_followed=tuple(not_followed),
        not_logged=tuple(not_logged),
        outcome_logged=int(np.sum(~np.isnan(outcome_days))),
    )


@dataclass(frozen=True)
class ExperimentResult:
    """The planned comparison: effect, interval and randomisation p-value (NaN if too few)."""

    factor: str
    outcome: str
    lag_days: int
    effect: float
    effect_unit: str
    ci_low: float
    ci_high: float
    p_value: float
    n_on: int
    n_off: int
    schedules_compared: int
    exact: bool
    sentence: str

    def as_dict(self) -> dict[str, object]:
        return {
            "factor": self.factor,
            "outcome": self.outcome,
            "lag_days": self.lag_days,
            "effect": self.effect,
            "effect_unit": self.effect_unit,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "p_value": self.p_value,
            "n_on": self.n_on,
            "n_off": self.n_off,
            "schedules_compared": self.schedules_compared,
            "exact": self.exact,
            "sentence": self.sentence,
        }


def analyse_experiment(plan: ExperimentPlan, table: DailyTable) -> ExperimentResult:
    """Analyse only the planned days, by the assignment actually drawn."""
    values, assigned = _planned_outcomes(plan, table)
    spec = table.spec(plan.outcome)
    known = ~np.isnan(values)
    n_on, n_off = int(np.sum(known & assigned)), int(np.sum(known & ~assigned))
    if min(n_on, n_off) < MIN_DAYS_EACH:
        return _too_few(plan, spec.label, spec.unit, n_on, n_off)
    schedules, exact = _schedules(plan)
    per_day = _per_day(plan, schedules)
    y = np.where(known, values, 0.0)
    effect = _difference(assigned[None, :], y, known)[0]
    p_value = _p_value(per_day, y, known, effect)
    low, high = _interval(per_day, values, known, assigned, effect)
    label = table.spec(plan.factor).label
    sentence = _sentence(
        plan, label, spec.label, spec.unit, effect, low, high, p_value, n_on, n_off, len(schedules)
    )
    return ExperimentResult(
        plan.factor,
        spec.label,
        plan.lag_days,
        effect,
        spec.unit,
        low,
        high,
        p_value,
        n_on,
        n_off,
        len(schedules),
        exact,
        sentence,
    )


def _planned_outcomes(plan: ExperimentPlan, table: DailyTable) -> tuple[FloatArray, np.ndarray]:
    """Outcome ``lag_days`` after each planned day that stays inside the experiment."""
    column = _column(table, plan.outcome, binary=False)
    kept = plan.schedule[: len(plan.schedule) - plan.lag_days]
    values = np.array(
        [_value_on(table, column, day + timedelta(days=plan.lag_days)) for day, _ in kept]
    )
    assigned = np.array([on for _, on in kept], dtype=bool)
    return values, assigned


def _column(table: DailyTable, name: str, *, binary: bool) -> FloatArray:
    if name not in table.values:
        raise ValueError(f"The journal has no column {name!r} for this experiment.")
    if binary and table.spec(name).kind is not Kind.BINARY:
        raise ValueError(f"The experiment's factor {name!r} must be a yes/no column.")
    return table.column(name)


def _value_on(table: DailyTable, column: FloatArray, day: date) -> float:
    i = table.index_of(day)
    return float(column[i]) if 0 <= i < column.size else float("nan")


def _schedules(plan: ExperimentPlan) -> tuple[np.ndarray, bool]:
    """Every balanced unit assignment (exact) or a seeded sample with the observed first."""
    units, on = plan.units, plan.units_on
    observed = _observed_units(plan)
    if plan.possible_schedules <= EXACT_LIMIT:
        rows = np.zeros((plan.possible_schedules, units), dtype=bool)
        for r, chosen in enumerate(itertools.combinations(range(units), on)):
            rows[r, list(chosen)] = True
        return rows, True
    rng = np.random.default_rng(plan.seed + 1)
    keys = rng.random((RANDOM_SCHEDULES, units))
    ranks = np.argsort(np.argsort(keys, axis=1), axis=1)
    sample = ranks < on
    return np.vstack((observed[None, :], sample)), False


def _observed_units(plan: ExperimentPlan) -> np.ndarray:
    days = np.array([on for _, on in plan.schedule], dtype=bool)
    return days[::7] if plan.unit == "week" else days


def _per_day(plan: ExperimentPlan, schedules: np.ndarray) -> np.ndarray:
    per_day = np.repeat(schedules, 7, axis=1) if plan.unit == "week" else schedules
    return per_day[:, : len(plan.schedule) - plan.lag_days]


def _difference(assignments: np.ndarray, y: FloatArray, known: np.ndarray) -> FloatArray:
    on = assignments.astype(np.float64)
    off = 1.0 - on
    k = known.astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        result: FloatArray = (on @ y) / (on @ k) - (off @ y) / (off @ k)
    return result


def _p_value(per_day: np.ndarray, y: FloatArray, known: np.ndarray, observed: float) -> float:
    stats = _difference(per_day, y, known)
    # A hair of tolerance so that ties with the observed value count as "as extreme".
    extreme = np.abs(stats) >= abs(observed) - 1e-12
    return float(np.mean(extreme))


def _interval(
    per_day: np.ndarray,
    values: FloatArray,
    known: np.ndarray,
    assigned: np.ndarray,
    effect: float,
) -> tuple[float, float]:
    """The constant effects the randomisation test does not reject at 5 % (bisection)."""
    spread = float(np.nanmax(values) - np.nanmin(values)) or 1.0

    def p_at(delta: float) -> float:
        shifted = np.where(known, values - delta * assigned, 0.0)
        observed = _difference(assigned[None, :], shifted, known)[0]
        return _p_value(per_day, shifted, known, observed)

    def edge(inside: float, outside: float) -> float:
        if p_at(outside) > 0.05:
            return outside  # the test cannot exclude even this: the interval is that wide
        for _ in range(40):
            middle = (inside + outside) / 2
            inside, outside = (middle, outside) if p_at(middle) > 0.05 else (inside, middle)
        return (inside + outside) / 2

    return edge(effect, effect - 4 * spread), edge(effect, effect + 4 * spread)


def _too_few(
    plan: ExperimentPlan, outcome: str, unit: str, n_on: int, n_off: int
) -> ExperimentResult:
    nan = float("nan")
    sentence = (
        f"Not enough planned days with {outcome} logged to analyse: {n_on} on and {n_off} off, "
        f"at least {MIN_DAYS_EACH} of each are needed."
    )
    return ExperimentResult(
        plan.factor,
        outcome,
        plan.lag_days,
        nan,
        unit,
        nan,
        nan,
        nan,
        n_on,
        n_off,
        0,
        False,
        sentence,
    )


def _sentence(
    plan: ExperimentPlan,
    factor: str,
    outcome: str,
    unit: str,
    effect: float,
    low: float,
    high: float,
    p_value: float,
    n_on: int,
    n_off: int,
    schedules: int,
) -> str:
    when = "the same day" if plan.lag_days == 0 else "the next day"
    way = "higher" if effect >= 0 else "lower"
    unit_words = f" {unit}" if unit else ""
    return (
        f"In your experiment ({plan.first_day:%d %b} to {plan.last_day:%d %b %Y}), your "
        f"{outcome} {when} was {number(abs(effect))}{unit_words} {way} on the days planned "
        f"with {factor} than on the days planned without (95 % interval {number(low)} to "
        f"{number(high)}{unit_words}), {n_on} days vs {n_off}; randomisation p = "
        f"{p_value:.2g} over {schedules} possible schedules. The days were assigned at "
        f"random, so other things are unlikely to explain a clear difference; it is still "
        f"one person over a few weeks."
    )
