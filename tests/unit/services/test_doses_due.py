"""Doses are due only while a medication is taken: from when it was added (or taken up
again) until it was paused. Today, goals and charts count the same doses."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from journal.analysis.series import Aggregation
from journal.domain.clock import FakeClock
from journal.domain.entries import Medication
from journal.domain.goals import Comparison, Goal, GoalMeasure, GoalPeriod
from journal.domain.units import UnitPreferences
from journal.services import Services

TZ = timezone(timedelta(hours=1))


def test_a_medication_added_in_the_evening_owes_only_its_evening_dose(
    services: Services, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 11, 24, 19, 55, tzinfo=TZ))
    services.journal.save_medication(Medication(name="Metformin", times=(time(8), time(20))))
    today = clock.now().date()
    assert [d.scheduled for d in services.journal.day_view(today).due_doses] == [time(20)]
    assert services.journal.day_view(today - timedelta(days=1)).due_doses == []
    tomorrow = today + timedelta(days=1)
    assert len(services.journal.day_view(tomorrow).due_doses) == 2


def test_a_pause_owes_nothing_and_taking_it_up_again_starts_anew(
    services: Services, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 11, 1, 7, 0, tzinfo=TZ))
    med = services.journal.save_medication(Medication(name="Prednisolone", times=(time(8),)))
    clock.set(datetime(2026, 11, 10, 9, 0, tzinfo=TZ))
    med = services.journal.save_medication(
        Medication(**{**med.__dict__, "active": False})  # paused on the 10th, after 08:00
    )
    clock.set(datetime(2026, 11, 20, 7, 0, tzinfo=TZ))
    services.journal.save_medication(Medication(**{**med.__dict__, "active": True}))
    due = {
        day: len(services.journal.day_view(day).due_doses)
        for day in (date(2026, 11, 1), date(2026, 11, 10), date(2026, 11, 11), date(2026, 11, 20))
    }
    assert due == {
        date(2026, 11, 1): 1,
        date(2026, 11, 10): 1,
        date(2026, 11, 11): 0,
        date(2026, 11, 20): 1,
    }


def test_today_goals_and_charts_count_the_same_doses_due(
    services: Services, clock: FakeClock
) -> None:
    clock.set(datetime(2026, 11, 20, 19, 55, tzinfo=TZ))
    services.journal.save_medication(Medication(name="Metformin", times=(time(8), time(20))))
    clock.set(datetime(2026, 11, 24, 22, 0, tzinfo=TZ))
    first, last = date(2026, 11, 19), date(2026, 11, 24)
    today_counts = [
        services.journal.day_view(first + timedelta(days=i)).summary.doses_due for i in range(6)
    ]
    assert today_counts == [0, 1, 2, 2, 2, 2]
    charted = services.charts.series("doses_due", first, last, Aggregation.DAILY, UnitPreferences())
    assert [0 if y != y else int(y) for y in charted.y.tolist()] == today_counts
    goal = Goal(
        name="Doses",
        measure=GoalMeasure.DOSES_ON_SCHEDULE,
        comparison=Comparison.AT_LEAST,
        target=100,
        period=GoalPeriod.DAY,
    )
    values = services.goals.daily_values([goal], first, last)[goal.uid]
    # Nothing was logged on these days at all, so the goal calls them not logged.
    assert set(values.values()) == {None}
