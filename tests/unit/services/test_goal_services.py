"""Goal and reminder use cases: validation, undo, progress, due reminders, catch-up, doses."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from journal.domain.clock import FakeClock
from journal.domain.entries import Exercise, Meal, Medication
from journal.domain.goals import Comparison, Goal, GoalError, GoalMeasure, GoalPeriod
from journal.domain.reminders import Reminder, ReminderAction, Schedule, ScheduleError
from journal.domain.vocabulary import EntryKind, GlucoseContext, MealType
from journal.services import Services
from journal.services.goals import GoalService
from journal.services.journal import JournalChange
from journal.services.reminders import LAST_RUN_KEY, ReminderService

# Each test that uses data_dir runs on a plain and on an encrypted journal (tests/conftest.py).
ENCRYPTED_TOO = True

BERLIN = ZoneInfo("Europe/Berlin")
MOVE = Goal(
    name="Move",
    measure=GoalMeasure.ACTIVE_MINUTES,
    comparison=Comparison.AT_LEAST,
    target=150,
    period=GoalPeriod.WEEK,
)


@pytest.fixture
def goals(services: Services) -> GoalService:
    return services.goals


@pytest.fixture
def reminders(services: Services) -> ReminderService:
    services.zone.override = BERLIN
    return services.reminders


def test_saving_a_goal_validates_and_announces(services: Services, goals: GoalService) -> None:
    changes: list[JournalChange] = []
    services.journal.subscribe(changes.append)
    with pytest.raises(GoalError, match="name"):
        goals.save_goal(
            Goal(
                name=" ",
                measure=GoalMeasure.ACTIVE_MINUTES,
                comparison=Comparison.AT_LEAST,
                target=1,
            )
        )
    assert goals.goals() == []
    saved = goals.save_goal(MOVE)
    assert saved.id is not None and goals.goals() == [saved]
    assert changes and changes[-1].description == "Goal saved"


def test_a_tracker_goal_needs_an_existing_tracker(goals: GoalService) -> None:
    with pytest.raises(GoalError, match="no longer exists"):
        goals.save_goal(
            Goal(
                name="Water",
                measure=GoalMeasure.TRACKER,
                comparison=Comparison.AT_LEAST,
                target=8,
                tracker_id=99,
            )
        )


def test_pause_and_remove_with_undo(services: Services, goals: GoalService) -> None:
    saved = goals.save_goal(MOVE)
    assert saved.id is not None
    assert goals.set_paused(saved.id, True).paused
    assert goals.goals(include_paused=False) == []
    goals.delete_goal(saved.id)
    assert goals.goals() == []
    assert services.journal.undo() == "Remove goal"
    restored = goals.goals()
    assert [g.name for g in restored] == ["Move"] and restored[0].id == saved.id


def test_templates_are_offered_once(goals: GoalService) -> None:
    assert goals.should_offer_templates()
    added = goals.add_templates(goals.templates()[:2])
    assert [g.name for g in added] == ["Move 150 minutes a week", "Added sugar at most 25 g a day"]
    assert not goals.should_offer_templates()


def test_progress_reads_the_journal(services: Services, goals: GoalService) -> None:
    goals.save_goal(MOVE)
    at = services.journal.now()  # Tuesday 24 November 2026
    services.journal.add_entry(Exercise(at=at - timedelta(days=1), minutes=40))  # Monday
    services.journal.add_entry(Exercise(at=at, minutes=30))
    services.journal.add_entry(Exercise(at=at - timedelta(days=2), minutes=200))  # last Sunday
    [(goal, monday)] = goals.progress(week_start=0)
    assert goal.name == "Move" and monday.current.value == 70 and monday.remaining == 80
    assert monday.history[-1].status.value == "met"
    [(_, sunday)] = goals.progress(week_start=6)
    assert sunday.current.value == 270 and sunday.met


# --- reminders ----------------------------------------------------------------------------


def add_metformin(services: Services) -> Medication:
    return services.journal.save_medication(
        Medication(
            name="Metformin",
            dose="500 mg",
            times=(time(8), time(20)),
            periods=((datetime(2026, 1, 1, tzinfo=UTC), None),),
        )
    )


def test_medication_reminders_follow_the_medication_list(
    services: Services, reminders: ReminderService
) -> None:
    med = add_metformin(services)
    [reminder] = reminders.reminders()
    assert reminder.key == f"med{med.id}" and reminder.schedule.times == (time(8), time(20))
    with pytest.raises(ValueError, match="medication list"):
        reminders.save_reminder(reminder)
    assert med.id is not None
    reminders.set_medication_reminder(med.id, False)
    assert not reminders.reminders()[0].enabled
    alarm = reminders.next_alarm(services.journal.now())
    assert alarm is None


def test_saving_a_reminder_validates_it(reminders: ReminderService) -> None:
    with pytest.raises(ScheduleError, match="message"):
        reminders.save_reminder(
            Reminder(action=ReminderAction.CUSTOM, schedule=Schedule(times=(time(9),)))
        )
    with pytest.raises(ScheduleError, match="medication"):
        reminders.save_reminder(
            Reminder(
                action=ReminderAction.MEDICATION,
                medication_id=5,
                schedule=Schedule(times=(time(9),)),
            )
        )
    saved = reminders.save_reminder(
        Reminder(action=ReminderAction.GLUCOSE, message="  ", schedule=Schedule(times=(time(7),)))
    )
    assert saved.key == f"r{saved.id}" and saved.message == ""


def test_delete_a_reminder_and_undo(services: Services, reminders: ReminderService) -> None:
    saved = reminders.save_reminder(
        Reminder(action=ReminderAction.STRESS, schedule=Schedule(times=(time(18),)))
    )
    assert saved.id is not None
    reminders.delete_reminder(saved.id)
    assert reminders.reminders() == []
    services.journal.undo()
    assert [r.key for r in reminders.reminders()] == [saved.key]


def test_next_alarm_and_what_it_opens(services: Services, reminders: ReminderService) -> None:
    reminders.save_reminder(
        Reminder(action=ReminderAction.MEAL, schedule=Schedule(times=(time(12, 30),)))
    )
    reminders.save_reminder(
        Reminder(action=ReminderAction.GLUCOSE, schedule=Schedule(times=(time(7),)))
    )
    now = services.journal.now()  # 12:00 in Berlin
    alarm = reminders.next_alarm(now)
    assert alarm is not None and alarm.at == datetime(2026, 11, 24, 12, 30, tzinfo=BERLIN)
    [due] = reminders.due_between(now, alarm.at)
    assert due.title == "Log your meal"
    assert due.target.kind is EntryKind.MEAL and due.target.values == {"meal_type": MealType.LUNCH}
    prefill = due.target.prefill(now)
    assert isinstance(prefill, Meal) and prefill.meal_type is MealType.LUNCH and prefill.at == now
    tomorrow = datetime(2026, 11, 25, 7, 0, tzinfo=BERLIN)
    [morning] = reminders.due_between(alarm.at, tomorrow)
    assert morning.target.values == {"context": GlucoseContext.FASTING}


def test_snooze_persists_and_dismiss_clears_it(
    services: Services, clock: FakeClock, reminders: ReminderService
) -> None:
    saved = reminders.save_reminder(
        Reminder(action=ReminderAction.STRESS, schedule=Schedule(times=(time(12),)))
    )
    reminders.snooze(saved, timedelta(minutes=10))
    again = services.reminders.reminder(saved.key)
    assert again is not None and again.snoozed_until == clock.now() + timedelta(minutes=10)
    alarm = reminders.next_alarm(clock.now())
    assert alarm is not None and alarm.at == clock.now() + timedelta(minutes=10)
    reminders.dismiss(again)
    cleared = reminders.reminder(saved.key)
    assert cleared is not None and cleared.snoozed_until is None


def test_catch_up_lists_each_missed_reminder_once(
    services: Services, clock: FakeClock, reminders: ReminderService
) -> None:
    add_metformin(services)
    reminders.save_reminder(
        Reminder(action=ReminderAction.GLUCOSE, schedule=Schedule(times=(time(7),)))
    )
    assert reminders.catch_up() == []  # the first run ever misses nothing
    clock.advance(timedelta(hours=21))  # 09:00 the next day: 20:00, 07:00 and 08:00 passed
    missed = reminders.catch_up()
    assert [(m.reminder.action, m.count) for m in missed] == [
        (ReminderAction.GLUCOSE, 1),
        (ReminderAction.MEDICATION, 2),
    ]
    assert reminders.catch_up() == []  # listed once, not again
    assert reminders.last_run() == clock.now()


def test_a_broken_last_run_setting_is_treated_as_a_first_run(
    services: Services, reminders: ReminderService
) -> None:
    from journal.store import repository as repo

    with services.db.transaction() as s:
        repo.put_setting(s, LAST_RUN_KEY, "yesterday-ish")
    assert reminders.last_run() is None and reminders.catch_up() == []


def test_marking_a_dose_reminder_done_logs_the_dose_once(
    services: Services, clock: FakeClock, reminders: ReminderService
) -> None:
    med = add_metformin(services)
    clock.set(datetime(2026, 11, 24, 20, 1, tzinfo=BERLIN))
    [due] = reminders.due_between(datetime(2026, 11, 24, 19, 0, tzinfo=BERLIN), clock.now())
    assert due.is_dose and due.title == "Time for Metformin 500 mg"
    assert due.target.values == {"medication_id": med.id, "dose": "500 mg", "scheduled": time(20)}
    first = reminders.mark_dose_taken(due)
    second = reminders.mark_dose_taken(due)
    assert first is not None and second is not None and first.id == second.id
    day = services.journal.day_view(date(2026, 11, 24))
    assert [(d.scheduled, d.done) for d in day.due_doses] == [(time(8), False), (time(20), True)]


def test_time_zone_setting_is_used_and_checked(services: Services) -> None:
    services.zone.set_time_zone("America/New_York")
    assert str(services.reminders.zone()) == "America/New_York"
    with pytest.raises(ScheduleError, match="not a time zone"):
        services.zone.set_time_zone("Mars/Olympus")
