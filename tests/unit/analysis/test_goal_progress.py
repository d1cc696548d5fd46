"""Goal progress on exact fixtures: week starts, partial periods, history and streaks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone

import pytest
from sqlalchemy import insert

from journal.analysis.goal_progress import (
    PeriodStatus,
    evaluate_period,
    goal_progress,
    history_range,
    period_of,
)
from journal.domain.clock import FakeClock
from journal.domain.entries import (
    DoseLog,
    Entry,
    Exercise,
    Glucose,
    Meal,
    Medication,
    Note,
    Sleep,
    StressCheck,
    Tracker,
    TrackerValue,
)
from journal.domain.goals import Comparison, Goal, GoalMeasure, GoalPeriod
from journal.domain.vocabulary import DoseStatus, GlucoseContext
from journal.services import Services
from journal.services.goals import GoalService
from journal.store.bulk_write import BulkWriter
from journal.store.codec import medication_columns, tracker_columns
from journal.store.models import MedicationRow, TrackerRow

TZ = timezone(timedelta(hours=1))
TODAY = date(2026, 11, 26)  # a Thursday
MONDAY, SUNDAY = 0, 6


def at(day: int, hour: int = 9, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=TZ)


ValuesFor = Callable[..., dict[date, float | None]]


@pytest.fixture
def values_for(services: Services, clock: FakeClock) -> ValuesFor:
    """Log ``entries`` (and ``meds``) in a journal, then read the goal's daily values
    through the services, as the Goals view does."""
    clock.set(datetime.combine(TODAY, time(23, 30), tzinfo=TZ))

    def compute(
        goal: Goal, entries: list[Entry], meds: list[Medication] | None = None, **kw: int
    ) -> dict[date, float | None]:
        with services.db.transaction() as session:
            for med in meds or []:
                session.execute(insert(MedicationRow).values(id=med.id, **medication_columns(med)))
            trackers = {e.tracker_id for e in entries if isinstance(e, TrackerValue)}
            for tracker_id in sorted(trackers):
                tracker = Tracker(name=f"Tracker {tracker_id}")
                session.execute(
                    insert(TrackerRow).values(id=tracker_id, **tracker_columns(tracker))
                )
            writer = BulkWriter(session)
            for entry in entries:
                writer.add_entry(entry)
            writer.flush()
        first, last = history_range(goal, TODAY, **kw)
        return GoalService(services.db, services.journal).daily_values([goal], first, last)[
            goal.uid
        ]

    return compute


ACTIVE = Goal(
    name="Move",
    measure=GoalMeasure.ACTIVE_MINUTES,
    comparison=Comparison.AT_LEAST,
    target=150,
    period=GoalPeriod.WEEK,
)
EXERCISE = [
    Exercise(at=at(10), minutes=160),
    Exercise(at=at(16), minutes=50),
    Exercise(at=at(18), minutes=45),
    Exercise(at=at(22), minutes=60),  # a Sunday: this week or last, by the locale
    Exercise(at=at(23), minutes=30),
    Exercise(at=at(24), minutes=20),
    Exercise(at=at(26), minutes=15),
]


def test_period_boundaries_follow_the_first_day_of_the_week() -> None:
    assert period_of(TODAY, GoalPeriod.WEEK, MONDAY) == (date(2026, 11, 23), date(2026, 11, 29))
    assert period_of(TODAY, GoalPeriod.WEEK, SUNDAY) == (date(2026, 11, 22), date(2026, 11, 28))
    assert period_of(date(2026, 11, 22), GoalPeriod.WEEK, SUNDAY)[0] == date(2026, 11, 22)
    assert period_of(TODAY, GoalPeriod.DAY, MONDAY) == (TODAY, TODAY)


def test_weekly_minutes_with_weeks_starting_on_monday(values_for: ValuesFor) -> None:
    values = values_for(ACTIVE, list(EXERCISE), week_start=MONDAY, history_periods=2)
    progress = goal_progress(ACTIVE, values, TODAY, week_start=MONDAY, history_periods=2)
    assert progress.current.value == 65  # Mon 30 + Tue 20 + Thu 15
    assert progress.current.status is PeriodStatus.IN_PROGRESS
    assert progress.remaining == 85
    assert progress.fraction == pytest.approx(65 / 150)
    assert progress.days_left == 4  # Thursday to Sunday
    assert [(p.first, p.value, p.status) for p in progress.history] == [
        (date(2026, 11, 9), 160, PeriodStatus.MET),
        (date(2026, 11, 16), 155, PeriodStatus.MET),
    ]
    assert (progress.streak, progress.best_streak) == (2, 2)


def test_the_same_journal_with_weeks_starting_on_sunday(values_for: ValuesFor) -> None:
    values = values_for(ACTIVE, list(EXERCISE), week_start=SUNDAY, history_periods=2)
    progress = goal_progress(ACTIVE, values, TODAY, week_start=SUNDAY, history_periods=2)
    assert progress.current.value == 125  # Sun 60 + Mon 30 + Tue 20 + Thu 15
    assert progress.remaining == 25
    assert progress.days_left == 3  # Thursday to Saturday
    assert [(p.first, p.value, p.status) for p in progress.history] == [
        (date(2026, 11, 8), 160, PeriodStatus.MET),
        (date(2026, 11, 15), 95, PeriodStatus.NOT_MET),
    ]
    assert (progress.streak, progress.best_streak) == (0, 1)


def test_a_weekly_target_reached_early_counts_at_once_and_extends_the_streak(
    values_for: ValuesFor,
) -> None:
    entries = [*EXERCISE, Exercise(at=at(26, 18), minutes=90)]
    values = values_for(ACTIVE, entries, week_start=MONDAY, history_periods=2)
    progress = goal_progress(ACTIVE, values, TODAY, week_start=MONDAY, history_periods=2)
    assert progress.current.value == 155 and progress.met
    assert progress.remaining == 0 and progress.fraction == 1.0
    assert progress.streak == 3


SUGAR = Goal(
    name="Sugar",
    measure=GoalMeasure.ADDED_SUGAR,
    comparison=Comparison.AT_MOST,
    target=25,
    period=GoalPeriod.DAY,
)


def test_a_daily_limit_is_open_until_the_day_ends(values_for: ValuesFor) -> None:
    entries: list[Entry] = [
        Meal(at=at(22), items="toast"),  # no sugar value: the day cannot be judged
        Meal(at=at(24), added_sugar_g=15),
        Meal(at=at(24, 19), added_sugar_g=10),  # exactly at the limit: met
        Meal(at=at(25), added_sugar_g=12.5),
        Meal(at=at(26), added_sugar_g=10),
    ]
    values = values_for(SUGAR, entries, history_periods=4)
    assert values[date(2026, 11, 23)] is None  # nothing logged at all
    progress = goal_progress(SUGAR, values, TODAY, history_periods=4)
    assert progress.current.status is PeriodStatus.IN_PROGRESS
    assert progress.current.value == 10
    assert progress.remaining == 15
    assert progress.fraction == pytest.approx(0.4)
    assert progress.days_left == 1
    assert [p.status for p in progress.history] == [
        PeriodStatus.NOT_LOGGED,  # 22: a meal without sugar
        PeriodStatus.NOT_LOGGED,  # 23: nothing
        PeriodStatus.MET,  # 24: 25 g
        PeriodStatus.MET,  # 25: 12.5 g
    ]
    assert (progress.streak, progress.best_streak) == (2, 2)


def test_going_over_a_limit_is_not_met_but_today_stays_open(values_for: ValuesFor) -> None:
    entries: list[Entry] = [Meal(at=at(25), added_sugar_g=40), Meal(at=at(26), added_sugar_g=30)]
    values = values_for(SUGAR, entries, history_periods=1)
    progress = goal_progress(SUGAR, values, TODAY, history_periods=1)
    assert progress.history[0].status is PeriodStatus.NOT_MET
    assert progress.current.status is PeriodStatus.IN_PROGRESS
    assert progress.remaining == 0 and progress.fraction == 1.0
    assert progress.streak == 0


GLUCOSE_DAYS = Goal(
    name="Fasting",
    measure=GoalMeasure.FASTING_GLUCOSE,
    comparison=Comparison.BELOW,
    target=100,
    period=GoalPeriod.WEEK,
    days_per_period=5,
)


def fasting(day: int, mgdl: float, hour: int = 7) -> Glucose:
    return Glucose(at=at(day, hour), mgdl=mgdl, context=GlucoseContext.FASTING)


def test_days_a_week_counts_days_so_far(values_for: ValuesFor) -> None:
    entries: list[Entry] = [
        fasting(23, 95),
        fasting(24, 102),
        fasting(25, 96),
        fasting(25, 100, hour=8),  # two readings: their mean, 98, counts
        Glucose(at=at(25, 14), mgdl=160, context=GlucoseContext.AFTER_MEAL),  # not fasting
        fasting(26, 99),  # today's reading counts today
    ]
    values = values_for(GLUCOSE_DAYS, entries, history_periods=1)
    assert values[date(2026, 11, 25)] == 98
    progress = goal_progress(GLUCOSE_DAYS, values, TODAY, history_periods=1)
    assert progress.current.value == 3
    assert progress.target == 5
    assert progress.remaining == 2
    assert progress.fraction == pytest.approx(0.6)
    assert progress.days_left == 4
    assert progress.current.status is PeriodStatus.IN_PROGRESS
    assert progress.history[0].status is PeriodStatus.NOT_LOGGED


def test_days_a_week_is_met_as_soon_as_enough_days_are(values_for: ValuesFor) -> None:
    entries: list[Entry] = [fasting(d, 90) for d in (16, 17, 18, 19, 20)]
    values = values_for(GLUCOSE_DAYS, entries, history_periods=1)
    week = evaluate_period(GLUCOSE_DAYS, values, date(2026, 11, 16), date(2026, 11, 22), TODAY)
    assert week.value == 5 and week.status is PeriodStatus.MET and week.days_logged == 5


SLEEP = Goal(
    name="Sleep",
    measure=GoalMeasure.SLEEP_HOURS,
    comparison=Comparison.AT_LEAST,
    target=7,
    period=GoalPeriod.DAY,
)


def test_daily_sleep_and_days_with_other_entries(values_for: ValuesFor) -> None:
    entries: list[Entry] = [
        Sleep(at=at(24, 7), hours=7.5),
        Note(at=at(25), note="busy"),  # logged, but no sleep entry: not judged
        Sleep(at=at(26, 7), hours=6),
    ]
    values = values_for(SLEEP, entries, history_periods=2)
    progress = goal_progress(SLEEP, values, TODAY, history_periods=2)
    assert [p.status for p in progress.history] == [PeriodStatus.MET, PeriodStatus.NOT_LOGGED]
    assert progress.current.value == 6
    assert progress.remaining == pytest.approx(1.0)


def test_stress_check_ins_count_zero_on_a_logged_day(values_for: ValuesFor) -> None:
    goal = Goal(
        name="Check in",
        measure=GoalMeasure.STRESS_CHECKINS,
        comparison=Comparison.AT_LEAST,
        target=1,
        period=GoalPeriod.DAY,
    )
    entries: list[Entry] = [StressCheck(at=at(25)), Note(at=at(26))]
    values = values_for(goal, entries, history_periods=1)
    progress = goal_progress(goal, values, TODAY, history_periods=1)
    assert progress.history[0].status is PeriodStatus.MET
    assert progress.current.value == 0 and progress.remaining == 1
    assert progress.streak == 1  # today is still open, so yesterday's streak stands


def test_doses_as_scheduled_are_a_share_of_the_day_s_scheduled_doses(values_for: ValuesFor) -> None:
    meds = [
        Medication(id=1, name="Metformin", times=(time(8), time(20))),
        Medication(id=2, name="Vitamin D", times=(time(8),)),
        Medication(id=3, name="Old", times=(time(9),), active=False),
    ]
    goal = Goal(
        name="Doses",
        measure=GoalMeasure.DOSES_ON_SCHEDULE,
        comparison=Comparison.AT_LEAST,
        target=100,
        period=GoalPeriod.DAY,
    )
    entries: list[Entry] = [
        DoseLog(at=at(25, 8), medication_id=1, scheduled=time(8)),
        DoseLog(at=at(25, 8), medication_id=1, scheduled=time(8)),  # logged twice: once
        DoseLog(at=at(25, 8), medication_id=2, scheduled=time(8), status=DoseStatus.LATE),
        DoseLog(at=at(25, 20), medication_id=1, scheduled=time(20), status=DoseStatus.SKIPPED),
        DoseLog(at=at(26, 8), medication_id=1, scheduled=time(8)),
        DoseLog(at=at(26, 8), medication_id=2, scheduled=time(8)),
        DoseLog(at=at(26, 20), medication_id=1, scheduled=time(20)),
    ]
    values = values_for(goal, entries, meds, history_periods=1)
    assert values[date(2026, 11, 25)] == pytest.approx(200 / 3)
    progress = goal_progress(goal, values, TODAY, history_periods=1)
    assert progress.history[0].status is PeriodStatus.NOT_MET
    assert progress.current.value == 100 and progress.met


def test_a_custom_tracker_adds_up_its_own_values_only(values_for: ValuesFor) -> None:
    goal = Goal(
        name="Water",
        measure=GoalMeasure.TRACKER,
        comparison=Comparison.AT_LEAST,
        target=8,
        period=GoalPeriod.DAY,
        tracker_id=4,
    )
    entries: list[Entry] = [
        TrackerValue(at=at(26, 9), tracker_id=4, value=3),
        TrackerValue(at=at(26, 12), tracker_id=4, value=2.5),
        TrackerValue(at=at(26, 12), tracker_id=5, value=100),
    ]
    values = values_for(goal, entries, history_periods=0)
    progress = goal_progress(goal, values, TODAY, history_periods=0)
    assert progress.current.value == 5.5
    assert progress.remaining == 2.5


def test_a_month_of_history_has_exact_streaks(values_for: ValuesFor) -> None:
    goal = Goal(
        name="Walk",
        measure=GoalMeasure.ACTIVE_MINUTES,
        comparison=Comparison.AT_LEAST,
        target=30,
        period=GoalPeriod.DAY,
    )
    # 30 days: met every day except the 10th and the 20th of November.
    entries: list[Entry] = [
        Exercise(at=at(d), minutes=10 if d in (10, 20) else 30) for d in range(1, 26)
    ]
    values = values_for(goal, entries, history_periods=25)
    progress = goal_progress(goal, values, TODAY, history_periods=25)
    assert len(progress.history) == 25
    assert progress.streak == 5  # 21st to 25th
    assert progress.best_streak == 9  # 11th to 19th
