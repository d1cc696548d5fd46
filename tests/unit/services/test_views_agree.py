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
    goal_values = year.goals.daily_values([g := _goal(goal)], FIRST, END)[g.uid] if goal else None
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


@pytest.mark.slow
def test_weekly_activity_counts_the_who_way(year: Services) -> None:
    """Moderate minutes plus twice the vigorous ones, light ones not at all (WHO 2020),
    computed here by hand from the entries, equal the goal's and the chart's weeks."""
    from collections import defaultdict

    from journal.domain.entries import Exercise
    from journal.domain.vocabulary import EntryKind, Intensity

    weight = {Intensity.LIGHT: 0, Intensity.MODERATE: 1, Intensity.VIGOROUS: 2}
    by_hand: dict[date, float] = defaultdict(float)
    everything: dict[date, float] = defaultdict(float)
    monday = FIRST - timedelta(days=FIRST.weekday())
    for entry in year.journal.entries_between(monday, END, [EntryKind.EXERCISE]):
        assert isinstance(entry, Exercise)
        week = entry.day - timedelta(days=entry.day.weekday())
        by_hand[week] += weight[entry.intensity] * entry.minutes
        everything[week] += entry.minutes
    weeks = sorted(w for w in by_hand if w + timedelta(days=6) <= END)
    charted = year.charts.series(
        "who_minutes_weekly", FIRST, END, Aggregation.WEEKLY, UnitPreferences()
    )
    for week in weeks:
        assert charted.value_on(to_epoch_day(week)) == pytest.approx(by_hand[week])
    goal = next(g for g in year.goals.goals() if g.name == "Move 150 minutes a week")
    assert goal.measure is GoalMeasure.WHO_MINUTES
    values = year.goals.daily_values([goal], monday, END)[goal.uid]
    for week in weeks:
        days = [week + timedelta(days=i) for i in range(7)]
        assert sum(values[d] or 0 for d in days) == pytest.approx(by_hand[week])
    met_who = sum(by_hand[w] >= 150 for w in weeks)
    met_any = sum(everything[w] >= 150 for w in weeks)
    assert met_who < met_any  # light walks no longer count towards the WHO's 150 minutes
