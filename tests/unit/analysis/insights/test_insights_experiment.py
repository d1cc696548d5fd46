"""The self-experiment: a seeded balanced schedule, adherence, and the randomisation test."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from insights_tables import factor, outcome

from journal.analysis.insights import DailyTable
from journal.analysis.insights.experiment import (
    analyse_experiment,
    check_adherence,
    plan_experiment,
)
from journal.analysis.insights.simulate import ar1

START = date(2026, 3, 2)


def journal_following(plan, effect: float, seed: int, skip: int = 0) -> DailyTable:  # type: ignore[no-untyped-def]
    """A journal that kept to ``plan`` (but for ``skip`` unlogged days) with a planted effect."""
    rng = np.random.default_rng(seed)
    days = len(plan.schedule) + 10
    on = np.zeros(days)
    on[: len(plan.schedule)] = [is_on for _, is_on in plan.schedule]
    gluten_free = on.copy()
    gluten_free[:skip] = np.nan
    bloating = (
        4
        + 1.2 * ar1(rng, days, 0.5)
        - effect * np.concatenate(([0.0] * plan.lag_days, on[: days - plan.lag_days]))
    )
    return DailyTable.build(
        START, [(factor("no gluten"), gluten_free), (outcome("bloating"), bloating)]
    )


def test_the_schedule_is_balanced_and_the_same_for_the_same_seed() -> None:
    plan = plan_experiment("no gluten", "bloating", 0, start=START, weeks=8, unit="week", seed=3)
    again = plan_experiment("no gluten", "bloating", 0, start=START, weeks=8, unit="week", seed=3)
    assert plan.schedule == again.schedule
    assert len(plan.schedule) == 56 and plan.first_day == START
    assert sum(on for _, on in plan.schedule) == 28
    # Whole weeks: each week is all on or all off.
    weeks = [{on for _, on in plan.schedule[i : i + 7]} for i in range(0, 56, 7)]
    assert all(len(w) == 1 for w in weeks)
    assert plan.possible_schedules == 70
    assert plan.smallest_p_value == pytest.approx(2 / 70)


def test_an_experiment_runs_four_to_eight_weeks() -> None:
    with pytest.raises(ValueError, match="4 to 8 weeks"):
        plan_experiment("no gluten", "bloating", 0, start=START, weeks=3, unit="day", seed=1)


def test_adherence_counts_followed_missed_and_unlogged_days() -> None:
    plan = plan_experiment("no gluten", "bloating", 0, start=START, weeks=4, unit="day", seed=2)
    table = journal_following(plan, effect=0.0, seed=1, skip=3)
    adherence = check_adherence(plan, table)
    assert adherence.followed == 25
    assert adherence.not_logged == tuple(START + timedelta(days=i) for i in range(3))
    assert adherence.not_followed == ()
    assert "25 of 28 planned days went as planned" in adherence.sentence


def test_a_real_effect_is_found_on_the_planned_days() -> None:
    plan = plan_experiment("no gluten", "bloating", 0, start=START, weeks=6, unit="day", seed=4)
    result = analyse_experiment(plan, journal_following(plan, effect=2.0, seed=5))
    assert result.p_value < 0.01 and not result.exact
    assert result.ci_low < -2.0 * 0.5 and result.ci_high < 0
    assert result.ci_low < result.effect < result.ci_high
    assert result.n_on + result.n_off == 42
    assert "lower on the days planned with no gluten" in result.sentence


def test_no_effect_gives_a_large_p_value_and_an_interval_across_zero() -> None:
    plan = plan_experiment("no gluten", "bloating", 1, start=START, weeks=8, unit="week", seed=6)
    result = analyse_experiment(plan, journal_following(plan, effect=0.0, seed=7))
    assert result.exact and result.schedules_compared == 70
    assert result.p_value > 0.05
    assert result.ci_low < 0 < result.ci_high
    # The last planned day's next day is outside the experiment: not analysed.
    assert result.n_on + result.n_off == 55
