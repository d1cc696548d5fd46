"""The days behind one finding, for a small chart and for "show these days in Charts".

``evidence_for`` lines the factor up with the outcome at the finding's lag, exactly as the
test did (plan.factor_days, plan.outcome_days): the outcome on each day it counts, and
which of those days were "with" the factor (for a numeric factor: its top third) and which
"without" (its bottom third).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from journal.analysis.insights.plan import NEXT_DAY, ONSET_WINDOW, SAME_DAY, Lag, factor_days
from journal.analysis.insights.plan import outcome_days as counted_outcome_days
from journal.analysis.insights.table import BoolArray, DailyTable, FloatArray, Kind

# "Show these days in Charts" opens this many weeks around the densest run of factor days.
CHART_WEEKS = 8


@dataclass(frozen=True, eq=False)
class Evidence:
    """One finding's days: ``outcome[i]`` is day ``first_day + i`` (NaN: does not count)."""

    first_day: date
    factor_label: str
    outcome_label: str
    outcome_unit: str
    lag: Lag
    is_event: bool
    numeric_factor: bool
    outcome: FloatArray
    with_days: BoolArray
    without_days: BoolArray
    factor_present: BoolArray
    """The days the factor itself was present (top third for a numeric one), not lagged."""

    @property
    def n_days(self) -> int:
        return int(self.outcome.size)

    def day(self, index: int) -> date:
        return self.first_day + timedelta(days=index)

    def values_with(self) -> FloatArray:
        result: FloatArray = self.outcome[self.with_days]
        return result

    def values_without(self) -> FloatArray:
        result: FloatArray = self.outcome[self.without_days]
        return result

    def busiest_stretch(self, weeks: int = CHART_WEEKS) -> tuple[date, date]:
        """The ``weeks`` with the most days on both sides of the comparison (the latest such
        stretch on a tie), clipped to the table: where the evidence is easiest to see."""
        span = 7 * weeks
        if self.n_days <= span:
            return self.first_day, self.day(self.n_days - 1)
        counted = (self.with_days | self.without_days).astype(np.float64)
        sides = np.minimum(
            _window_sums(self.with_days.astype(np.float64), span),
            _window_sums(self.without_days.astype(np.float64), span),
        )
        score = sides * 1000 + _window_sums(counted, span)
        start = int(len(score) - 1 - np.argmax(score[::-1]))
        return self.day(start), self.day(start + span - 1)


def lag_for(lag_days: int, *, event: bool) -> Lag:
    """The lag a finding's ``lag_days`` names (3 for an onset is the 1-3 day window)."""
    if event and lag_days == ONSET_WINDOW.days:
        return ONSET_WINDOW
    return SAME_DAY if lag_days == 0 else NEXT_DAY if lag_days == 1 else Lag(lag_days, lag_days)


def evidence_for(table: DailyTable, factor: str, outcome: str, lag_days: int) -> Evidence:
    """The days behind the test of ``factor`` (a column name) against ``outcome``."""
    factor_spec, outcome_spec = table.spec(factor), table.spec(outcome)
    lag = lag_for(lag_days, event=outcome_spec.is_event)
    lagged = factor_days(table, factor_spec, lag)
    counted = counted_outcome_days(table, outcome_spec)
    values = np.where(counted.known, table.column(outcome), np.nan)
    own = factor_days(table, factor_spec, SAME_DAY)
    return Evidence(
        first_day=table.first_day,
        factor_label=factor_spec.label,
        outcome_label=outcome_spec.label,
        outcome_unit=outcome_spec.unit,
        lag=lag,
        is_event=outcome_spec.is_event,
        numeric_factor=factor_spec.kind is not Kind.BINARY,
        outcome=values,
        with_days=lagged.with_days & counted.known,
        without_days=lagged.without_days & counted.known,
        factor_present=own.with_days,
    )


def _window_sums(values: FloatArray, span: int) -> FloatArray:
    """Sums over every run of ``span`` days, one per possible start."""
    cumulative = np.concatenate(([0.0], np.cumsum(values)))
    sums: FloatArray = cumulative[span:] - cumulative[:-span]
    return sums
