"""Today, Goals and Charts read the same daily measures, so on a year of demo data they show
the same number for every day."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta, timezone

import pytest

from journal.analysis.series import Aggregation, to_epoch_day
from journal.domain.clock import FakeClock
from journal.domain.goals import Comparison, Goal, GoalMeasure, GoalPeriod
from journal.domain.units import UnitPreferences
from journal.io.demo import generate_demo
from journal.services import Services, open_services

TZ = timezone(timedelta(hours=1))
END = date(2026, 11, 24)
FIRST = END - timedelta(days=364)


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Services:
    clock = FakeClock(datetime.combine(END, datetime.min.time(), TZ) + timedelta(hours=22))
    services = open_services(tmp_path_factory.mktemp("year"), clock)
    generate_demo(services.db, days=365, seed=3, end=END, tz=TZ)
    return services


def _goal(measure: GoalMeasure) -> Goal:
    return Goal(
        name=measure.value,
        measure=measure,
        comparison=Comparison.AT_LEAST,
        target=1,
        period=GoalPeriod.DAY,
    )


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None or (isinstance(b, float) and math.isnan(b)):
        return (a is None) and (b is None or math.isnan(b))
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("summary_field", "series", "goal"),
    [
        ("carbs_g", "carbs_g", GoalMeasure.CARBS),
        ("added_sugar_g", "added_sugar_g", GoalMeasure.ADDED_SUGAR),
        ("active_minutes", "active_minutes", GoalMeasure.ACTIVE_MINUTES),
        ("sleep_hours", "sleep_hours", GoalMeasure.SLEEP_HOURS),
        ("mean_stress", "stress_mean", None),
        ("glucose_min_mgdl", "glucose_min", None),
    ],
)
def test_today_goals_and_charts_agree_on_every_day_of_a_year(
    year: Services, summary_field: str, series: str, goal: GoalMeasure | None
) -> None:
    charted = year.charts.series(series, FIRST, END, Aggregation.DAILY, UnitPreferences())
    goal_values = (
        year.goals.daily_values([g := _goal(goal)], FIRST, END)[g.uid] if goal else None
    )
    checked = 0
    for offset in range(0, 365, 3):
        day = FIRST + timedelta(days=offset)
        today = getattr(year.journal.day_view(day).summary, summary_field)
        chart = float(charted.y[to_epoch_day(day) - to_epoch_day(FIRST)])
        if summary_field == "active_minutes" and today == 0:
            today = None if math.isnan(chart) else 0  # Today shows "—" for 0 minutes
        assert _same(today, chart), (day, today, chart)
        if goal_values is not None:
            assert _same(goal_values[day], chart), (day, goal_values[day], chart)
        checked += today is not None
    assert checked > 20  # the demo logs these most days: the comparison saw real values
