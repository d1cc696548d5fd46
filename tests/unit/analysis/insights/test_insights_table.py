"""The daily table: columns checked on the way in, and the same-day timing rule."""

from __future__ import annotations

import numpy as np
import pytest
from insights_tables import factor, outcome, table

from journal.analysis.insights import Kind, TableError, TimeOfDay, lag0_allowed

T = TimeOfDay


def test_the_night_before_may_explain_the_morning_but_the_days_meals_may_not() -> None:
    assert lag0_allowed(T.NIGHT_BEFORE, T.MORNING)  # sleep -> fasting glucose
    assert not lag0_allowed(T.DAY, T.MORNING)  # carbs -> fasting glucose: the reading came first
    assert lag0_allowed(T.DAY, T.WHOLE_DAY)  # carbs -> the day's pain
    assert lag0_allowed(T.DAY, T.DAY)  # carbs -> after-meal glucose: order inside unknown
    assert not lag0_allowed(T.WHOLE_DAY, T.EVENING)  # the day's stress partly comes after


def test_not_logged_stays_apart_from_none() -> None:
    t = table((factor("gluten"), np.array([1.0, 0.0, np.nan])))
    column = t.column("gluten")
    assert column[1] == 0.0
    assert np.isnan(column[2])
    assert t.n_days == 3
    assert t.last_day.isoformat() == "2025-01-03"


def test_a_yes_no_column_with_another_value_is_refused() -> None:
    with pytest.raises(TableError, match="binary"):
        table((factor("gluten"), np.array([1.0, 2.0])))


def test_a_score_outside_0_to_10_is_refused() -> None:
    with pytest.raises(TableError, match="0-10"):
        table((outcome("pain", Kind.SCORE), np.array([3.0, 11.0])))


def test_columns_of_different_lengths_are_refused() -> None:
    with pytest.raises(TableError, match="lengths"):
        table((factor("gluten"), np.zeros(3)), (outcome("pain"), np.zeros(4)))


def test_the_columns_cannot_be_changed_behind_the_engine() -> None:
    t = table((factor("gluten"), np.zeros(3)))
    with pytest.raises(ValueError, match="read-only"):
        t.column("gluten")[0] = 1.0
