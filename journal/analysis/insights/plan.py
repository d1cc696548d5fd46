"""Which tests Insights runs: factor-outcome pairs, their declared lags, and the data gates.

Only declared lags are tested, so the number of tests (and with it the false-discovery
correction) is fixed before the data are looked at:

- same day (lag 0), when the factor's time of day does not come after the outcome's
  (``lag0_allowed``);
- next day (lag 1), always;
- for a flare onset, the next day and "any of the 3 days before" (a window), but not the
  onset day itself: a flare that starts during a day already colours that day's stress,
  sleep and meals, so the onset day's factors are as likely to be its effects.

A test runs only when the data can say something (``Gates``); otherwise it is listed with
what more would be needed, and it does not count in the false-discovery correction.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np

from journal.analysis.insights.table import (
    BoolArray,
    ColumnSpec,
    DailyTable,
    FloatArray,
    Kind,
    lag0_allowed,
)


@dataclass(frozen=True)
class Lag:
    """Outcome on day t against the factor on days t - last .. t - first.

    ``Lag(0, 0)`` is the same day, ``Lag(1, 1)`` the day before the outcome, ``Lag(1, 3)``
    "any of the 3 days before". Negative offsets look forward: ``Lag(-1, -1)`` is the factor
    on the day after the outcome (the reverse direction). ``days`` is what a finding
    reports as ``lag_days``: the farthest day back (3 for the onset window).
    """

    first: int
    last: int

    @property
    def days(self) -> int:
        return self.last

    @property
    def is_window(self) -> bool:
        return self.first != self.last

    @property
    def reverse(self) -> Lag:
        """The same span looked at forwards: the factor after the outcome."""
        span = self.last - self.first
        return Lag(-1 - span, -1)


SAME_DAY = Lag(0, 0)
NEXT_DAY = Lag(1, 1)
ONSET_WINDOW = Lag(1, 3)
# An onset day is at risk only if no episode day falls in the window before it, so the window
# never holds the tail of the previous flare (whose short nights the flare itself caused).
AT_RISK_CLEAR_DAYS = ONSET_WINDOW.last
# A window's factor is known when at least this many of its days are logged (or any day has
# the factor): requiring all three would drop half the days of a journal logged 80 % of days.
WINDOW_MIN_KNOWN = 2


@dataclass(frozen=True)
class Gates:
    """The least data a test needs before it is run.

    Ten days on each side keeps a mean from resting on a handful of days; 28 days with both
    logged is four weeks, so the weekly rhythm cannot masquerade as an effect; five onsets is
    the least from which a risk ratio's interval is not almost unbounded.
    """

    min_days_with: int = 10
    min_days_without: int = 10
    min_days_both: int = 28
    min_onsets: int = 5


@dataclass(frozen=True, eq=False)
class FactorDays:
    """A factor at one lag, on the outcome's day grid: which days count as with / without.

    For a binary factor, with = present, without = logged as absent. For a numeric factor,
    with = its top third of days (at least ``cut_high``) and without = its bottom third (at
    most ``cut_low``); the middle third is left out, so the contrast reads "high against low
    days" in the factor's own unit.
    """

    factor: ColumnSpec
    lag: Lag
    values: FloatArray
    with_days: BoolArray
    without_days: BoolArray
    cut_low: float | None = None
    cut_high: float | None = None

    @property
    def known(self) -> BoolArray:
        known: BoolArray = ~np.isnan(self.values)
        return known


@dataclass(frozen=True, eq=False)
class OutcomeDays:
    """An outcome's days that count (logged, and at risk for an onset) and its values.

    ``stratum`` (for an outcome with ``adjust_for``) is 1 on the counted days in the state
    (in a flare), 0 on the others; days whose state is unknown do not count.
    """

    outcome: ColumnSpec
    known: BoolArray
    values: FloatArray
    stratum: BoolArray | None = None


@dataclass(frozen=True)
class PlannedTest:
    factor: FactorDays
    outcome: OutcomeDays
    n_with: int
    n_without: int

    @property
    def lag(self) -> Lag:
        return self.factor.lag


@dataclass(frozen=True)
class NotEnoughData:
    """A declared test that was not run, and what would let it run."""

    factor: str
    outcome: str
    lag_days: int
    needed: str
    short_by: int = 0
    """Days (or onsets) still missing, summed over the gates: the smallest is nearest."""

    def as_dict(self) -> dict[str, object]:
        return {
            "factor": self.factor,
            "outcome": self.outcome,
            "lag_days": self.lag_days,
            "needed": self.needed,
        }


@dataclass(frozen=True)
class TestPlan:
    tests: tuple[PlannedTest, ...]
    not_enough_data: tuple[NotEnoughData, ...]
    factor_days: dict[tuple[str, Lag], FactorDays] = field(default_factory=dict)


def declared_lags(factor: ColumnSpec, outcome: ColumnSpec) -> tuple[Lag, ...]:
    """The lags tested for a pair (see the module docstring)."""
    if outcome.is_event:
        return (NEXT_DAY, ONSET_WINDOW)
    if lag0_allowed(factor.time_of_day, outcome.time_of_day):
        return (SAME_DAY, NEXT_DAY)
    return (NEXT_DAY,)


def paired(factor: ColumnSpec, outcome: ColumnSpec) -> bool:
    """Whether a pair is tested at all: two different measures, factor and outcome."""
    if not (factor.is_factor and outcome.is_outcome):
        return False
    if factor.measure_group == outcome.measure_group:
        return False
    return outcome.onset_of != factor.name


def plan_tests(table: DailyTable, gates: Gates | None = None) -> TestPlan:
    """Every declared test on ``table``, split into those to run and those short of data."""
    gates = gates or Gates()
    factor_cache: dict[tuple[str, Lag], FactorDays] = {}
    outcome_cache = {spec.name: outcome_days(table, spec) for spec in table.outcomes}
    tests: list[PlannedTest] = []
    short: list[NotEnoughData] = []
    for outcome in table.outcomes:
        for factor in table.factors:
            if not paired(factor, outcome):
                continue
            for lag in declared_lags(factor, outcome):
                key = (factor.name, lag)
                if key not in factor_cache:
                    factor_cache[key] = factor_days(table, factor, lag)
                planned = _gated(factor_cache[key], outcome_cache[outcome.name], gates)
                if isinstance(planned, PlannedTest):
                    tests.append(planned)
                elif planned is not None:
                    short.append(planned)
    short.sort(key=lambda item: item.short_by)
    return TestPlan(tuple(tests), tuple(short), factor_cache)


def factor_values(table: DailyTable, factor: ColumnSpec, lag: Lag) -> FloatArray:
    """The factor's value on the days ``lag`` before each outcome day, NaN where unknown.

    A window's binary value is 1 if any of its days has the factor, 0 if none does and at
    least ``WINDOW_MIN_KNOWN`` of its days are logged; a numeric window takes the mean of its
    logged days on the same condition.
    """
    column = table.column(factor.name)
    shifted = [_shift(column, offset) for offset in range(lag.first, lag.last + 1)]
    if len(shifted) == 1:
        return shifted[0]
    stack = np.vstack(shifted)
    known = np.sum(~np.isnan(stack), axis=0)
    # An all-unknown window is NaN on purpose: numpy's "all-NaN slice" warning is noise here.
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        if factor.kind is Kind.BINARY:
            value = np.nanmax(stack, axis=0)
            enough = (known >= WINDOW_MIN_KNOWN) | (value == 1)
        else:
            value = np.nanmean(stack, axis=0)
            enough = known >= WINDOW_MIN_KNOWN
    result: FloatArray = np.where(enough, value, np.nan)
    return result


def factor_days(table: DailyTable, factor: ColumnSpec, lag: Lag) -> FactorDays:
    values = factor_values(table, factor, lag)
    if factor.kind is Kind.BINARY:
        return FactorDays(factor, lag, values, values == 1, values == 0)
    known = values[~np.isnan(values)]
    if known.size == 0:
        empty = np.zeros(values.shape, dtype=bool)
        return FactorDays(factor, lag, values, empty, empty)
    low, high = (float(v) for v in np.quantile(known, (1 / 3, 2 / 3)))
    with np.errstate(invalid="ignore"):
        if low < high:
            with_days, without_days = values >= high, values <= low
        else:  # mostly one value (a score that is usually 3): compare above and below it
            with_days, without_days = values > high, values < low
    return FactorDays(factor, lag, values, with_days, without_days, low, high)


def outcome_days(table: DailyTable, outcome: ColumnSpec) -> OutcomeDays:
    values = table.column(outcome.name)
    known = ~np.isnan(values)
    if outcome.onset_of is not None:
        known &= _clear_of_episodes(table.column(outcome.onset_of))
    stratum = None
    if outcome.adjust_for is not None:
        state = table.column(outcome.adjust_for)
        known &= ~np.isnan(state)
        stratum = known & (state == 1)
    return OutcomeDays(outcome, known, np.where(known, values, 0.0), stratum)


def _clear_of_episodes(in_episode: FloatArray) -> BoolArray:
    """Days with no episode day among the ``AT_RISK_CLEAR_DAYS`` before: days at risk.

    An unlogged day counts as clear: the onset column is known on the day itself, and an
    episode leaves its days marked.
    """
    clear = np.ones(in_episode.shape, dtype=bool)
    for offset in range(1, AT_RISK_CLEAR_DAYS + 1):
        clear &= _shift(in_episode, offset) != 1
    return clear


def _shift(column: FloatArray, offset: int) -> FloatArray:
    """``column`` moved ``offset`` days later (NaN shifted in): result[t] = column[t - offset]."""
    result = np.full(column.shape, np.nan)
    n = column.size
    if offset >= 0:
        result[offset:] = column[: n - offset] if offset < n else []
    else:
        result[: n + offset] = column[-offset:]
    return result


def _gated(
    factor: FactorDays, outcome: OutcomeDays, gates: Gates
) -> PlannedTest | NotEnoughData | None:
    """The test, what it still needs, or None when nothing of it has been logged yet (a
    factor never present, an outcome never logged: not worth a line of "log more")."""
    both = factor.known & outcome.known
    n_with = int(np.sum(factor.with_days & outcome.known))
    n_without = int(np.sum(factor.without_days & outcome.known))
    needs = _needs(factor, outcome, gates, int(np.sum(both)), n_with, n_without)
    if not needs:
        return PlannedTest(factor, outcome, n_with, n_without)
    if not factor.with_days.any() or not outcome.known.any():
        return None
    onsets = int(np.sum(outcome.values[outcome.known] == 1)) if outcome.outcome.is_event else 0
    if outcome.outcome.is_event and onsets == 0:
        return None  # no flare logged at all: nothing to wait for
    short_by = (
        max(0, gates.min_days_both - int(np.sum(both)))
        + max(0, gates.min_days_with - n_with)
        + max(0, gates.min_days_without - n_without)
        + (max(0, gates.min_onsets - onsets) if outcome.outcome.is_event else 0)
    )
    return NotEnoughData(
        factor.factor.label, outcome.outcome.label, factor.lag.days, "; ".join(needs), short_by
    )


def _needs(
    factor: FactorDays,
    outcome: OutcomeDays,
    gates: Gates,
    n_both: int,
    n_with: int,
    n_without: int,
) -> list[str]:
    f, o = factor.factor, outcome.outcome
    binary = f.kind is Kind.BINARY
    with_words = f"days with {f.label}" if binary else f"days with high {f.label}"
    without_words = f"days without {f.label}" if binary else f"days with low {f.label}"
    needs: list[str] = []
    if n_both < gates.min_days_both:
        needs.append(
            f"log {_more_days(gates.min_days_both - n_both)} with both {f.label} and {o.label}"
        )
    if n_with < gates.min_days_with:
        more = _more_days(gates.min_days_with - n_with, with_words)
        needs.append(f"log {more} (and {o.label})")
    if n_without < gates.min_days_without:
        more = _more_days(gates.min_days_without - n_without, without_words)
        needs.append(f"log {more} (and {o.label})")
    if o.is_event:
        onsets = int(np.sum(outcome.values[factor.known & outcome.known] == 1))
        if onsets < gates.min_onsets:
            needs.append(f"at least {gates.min_onsets} days of {o.label} ({onsets} so far)")
    return needs


def _more_days(count: int, days_words: str = "days") -> str:
    """ "3 more days with gluten", "1 more day with gluten"."""
    words = days_words if count != 1 else days_words.replace("days", "day", 1)
    return f"{count} more {words}"
