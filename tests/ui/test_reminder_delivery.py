"""Reminders in a running app: fire on a short schedule, open the prefilled form, log a dose,
snooze and fire again, list what was missed while closed. Fake clock, no sleeps."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from journal.domain.clock import FakeClock
from journal.domain.entries import DoseLog, Entry, Meal, Medication
from journal.domain.reminders import Reminder, ReminderAction, Schedule
from journal.domain.vocabulary import EntryKind, MealType
from journal.services import Services
from journal.services.reminders import LAST_RUN_KEY, DueReminder
from journal.store import repository as repo
from journal.ui.reminders import ReminderCenter, open_reminder_form
from journal.ui.reminders.dialog import ReminderDialog, parse_times
from journal.ui.signals import JournalSignals

BERLIN = ZoneInfo("Europe/Berlin")
# Real waits shrink a thousandfold: a minute becomes 60 ms.
SCALE = 0.001


@pytest.fixture
def signals(services: Services) -> Iterator[JournalSignals]:
    signals = JournalSignals(services)
    yield signals
    signals.detach()


@pytest.fixture
def center(
    qtbot: QtBot, services: Services, signals: JournalSignals, clock: FakeClock
) -> Iterator[ReminderCenter]:
    window = QWidget()
    qtbot.addWidget(window)
    services.zone.override = BERLIN
    center = ReminderCenter(
        services, signals, window, clock=clock, use_tray=False, delay_scale=SCALE
    )
    window.resize(900, 200)
    center.banner.setParent(window)
    window.show()
    yield center
    center.stop()


def add_meal_reminder(center: ReminderCenter, at: time = time(12, 1)) -> Reminder:
    return center.service.save_reminder(
        Reminder(action=ReminderAction.MEAL, schedule=Schedule(times=(at,)))
    )


def fire(qtbot: QtBot, center: ReminderCenter, clock: FakeClock, delta: timedelta) -> DueReminder:
    clock.advance(delta)
    with qtbot.waitSignal(center.scheduler.reminder_due) as blocker:
        pass
    due = blocker.args[0]
    assert isinstance(due, DueReminder)
    return due


def test_a_reminder_a_minute_ahead_fires_and_shows_the_banner(
    qtbot: QtBot, center: ReminderCenter, clock: FakeClock
) -> None:
    add_meal_reminder(center)
    center.start()
    # One timer, armed for the next due moment: 60 s away (scaled to 60 ms).
    assert center.scheduler.timer.isActive() and center.scheduler.timer.interval() == 60
    assert center.scheduler.next_at == datetime(2026, 11, 24, 12, 1, tzinfo=BERLIN)
    due = fire(qtbot, center, clock, timedelta(minutes=1))
    assert due.title == "Log your meal"
    assert center.banner.isVisible() and center.banner.title.text() == "Log your meal"
    assert not center.banner.done_button.isVisible()  # only doses can be marked taken
    # Armed again for tomorrow, capped at five minutes so clock changes are noticed.
    assert center.scheduler.timer.interval() == round(5 * 60 * 1000 * SCALE)


def test_a_reminder_due_while_the_journal_is_converted_still_fires_without_an_error(
    qtbot: QtBot,
    center: ReminderCenter,
    clock: FakeClock,
    services: Services,
    caplog: pytest.LogCaptureFixture,
) -> None:
    add_meal_reminder(center)
    center.start()
    with services.db.writes_paused("The journal is being encrypted."):
        due = fire(qtbot, center, clock, timedelta(minutes=1))  # its last run is not saved
    assert due.title == "Log your meal" and center.banner.isVisible()
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "WARNING")]


def test_clicking_the_reminder_opens_the_prefilled_form(
    qtbot: QtBot,
    center: ReminderCenter,
    services: Services,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[tuple[EntryKind, Entry | None]] = []

    def fake_open_entry_dialog(
        parent: Any,
        services_: Services,
        kind: EntryKind,
        *,
        entry: Any = None,
        day: Any = None,
        prefill: Entry | None = None,
    ) -> Entry | None:
        opened.append((kind, prefill))
        return None

    monkeypatch.setattr("journal.ui.forms.open_entry_dialog", fake_open_entry_dialog)
    center.reminder_activated.connect(lambda due: open_reminder_form(None, services, due))
    add_meal_reminder(center)
    center.start()
    fire(qtbot, center, clock, timedelta(minutes=1))
    qtbot.mouseClick(center.banner.open_button, Qt.MouseButton.LeftButton)
    [(kind, prefill)] = opened
    assert kind is EntryKind.MEAL
    assert isinstance(prefill, Meal) and prefill.meal_type is MealType.LUNCH
    assert prefill.at == clock.now()
    assert not center.banner.isVisible()


def test_marking_a_dose_reminder_done_logs_the_dose(
    qtbot: QtBot, center: ReminderCenter, services: Services, clock: FakeClock
) -> None:
    med = services.journal.save_medication(
        Medication(name="Metformin", dose="500 mg", times=(time(8), time(12, 1)))
    )
    center.start()
    due = fire(qtbot, center, clock, timedelta(minutes=1))
    assert due.title == "Time for Metformin 500 mg"
    assert center.banner.done_button.isVisible()
    qtbot.mouseClick(center.banner.done_button, Qt.MouseButton.LeftButton)
    doses = [
        e
        for e in services.journal.entries_between(date(2026, 11, 24), date(2026, 11, 24))
        if isinstance(e, DoseLog)
    ]
    assert [(d.medication_id, d.scheduled) for d in doses] == [(med.id, time(12, 1))]
    assert not center.banner.isVisible()


def test_snooze_fires_the_same_reminder_again(
    qtbot: QtBot, center: ReminderCenter, clock: FakeClock
) -> None:
    saved = add_meal_reminder(center)
    center.start()
    fire(qtbot, center, clock, timedelta(minutes=1))
    messages: list[str] = []
    center.status.connect(messages.append)
    qtbot.mouseClick(center.banner.snooze_short, Qt.MouseButton.LeftButton)
    assert messages == ["I'll remind you again in 10 minutes."]
    assert center.scheduler.next_at == clock.now() + timedelta(minutes=10)
    again = fire(qtbot, center, clock, timedelta(minutes=10))
    assert again.reminder.key == saved.key
    assert center.banner.title.text() == "Log your meal"


def test_dismiss_hides_the_banner_until_the_next_time(
    qtbot: QtBot, center: ReminderCenter, clock: FakeClock
) -> None:
    add_meal_reminder(center)
    center.start()
    fire(qtbot, center, clock, timedelta(minutes=1))
    qtbot.mouseClick(center.banner.dismiss_button, Qt.MouseButton.LeftButton)
    assert not center.banner.isVisible()
    assert center.scheduler.next_at == datetime(2026, 11, 25, 12, 1, tzinfo=BERLIN)


def test_editing_reminders_rearms_the_one_timer(qtbot: QtBot, center: ReminderCenter) -> None:
    center.start()
    assert center.scheduler.next_at is None
    add_meal_reminder(center, time(12, 30))
    assert center.scheduler.next_at == datetime(2026, 11, 24, 12, 30, tzinfo=BERLIN)


def test_missed_reminders_are_listed_once_at_start(
    qtbot: QtBot, center: ReminderCenter, services: Services, clock: FakeClock
) -> None:
    services.journal.save_medication(
        Medication(name="Metformin", dose="500 mg", times=(time(8), time(20)))
    )
    add_meal_reminder(center, time(9))
    with services.db.transaction() as s:
        repo.put_setting(
            s, LAST_RUN_KEY, (clock.now() - timedelta(hours=20)).isoformat()
        )  # 16:00 yesterday
    missed = center.start()
    assert [(m.reminder.action, m.count) for m in missed] == [
        (ReminderAction.MEDICATION, 2),
        (ReminderAction.MEAL, 1),
    ]
    dialog = center.missed_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.lines() == [
        "Time for Metformin 500 mg — twice, last at 08:00",
        "Log your meal — at 09:00",
    ]
    dialog.reject()
    assert center.start(show_missed=False) == []  # not listed again


def test_reminder_dialog_reads_times_and_saves(qtbot: QtBot, services: Services) -> None:
    assert parse_times("8:00, 12.30; 7 pm") == (time(8), time(12, 30), time(19))
    with pytest.raises(ValueError, match="25:00"):
        parse_times("25:00")
    dialog = ReminderDialog(services)
    qtbot.addWidget(dialog)
    dialog.action.setCurrentIndex(dialog.action.findText("Check glucose"))
    dialog.times.setText("07:00, 21:30")
    assert dialog.summary.text() == "Daily at 07:00, 21:30"
    dialog.save()
    assert dialog.saved is not None and dialog.saved.action is ReminderAction.GLUCOSE
    bad = ReminderDialog(services)
    qtbot.addWidget(bad)
    bad.times.setText("noonish")
    bad.save()
    assert bad.saved is None and "noonish" in bad.error.text()
