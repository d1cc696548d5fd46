"""Add or edit a reminder: what it is for, and when (times, weekdays, or every N hours)."""

from __future__ import annotations

from dataclasses import replace
from datetime import time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from journal.domain.reminders import (
    ALL_WEEKDAYS,
    Reminder,
    ReminderAction,
    Schedule,
    ScheduleError,
    ScheduleKind,
    describe_schedule,
)
from journal.domain.text import parse_times_of_day
from journal.services.reminders import ReminderService
from journal.ui.forms.inputs import ChoiceRow
from journal.ui.widgets.card_style import named
from journal.ui.widgets.dialog_frame import FramedDialog, add_row, muted

if TYPE_CHECKING:
    from journal.services import Services

_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# Medication reminders come from the medication list, so they are not offered here.
_ACTIONS = (
    ReminderAction.MEAL,
    ReminderAction.GLUCOSE,
    ReminderAction.STRESS,
    ReminderAction.CUSTOM,
)


def parse_times(text: str) -> tuple[time, ...]:
    """ "8:00, 12:30, 7pm" -> times; raises :class:`ScheduleError` naming the bad one."""
    try:
        return parse_times_of_day(text)
    except ValueError as exc:
        raise ScheduleError(str(exc)) from None


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _time(value: QTime) -> time:
    return time(value.hour(), value.minute())


class ReminderDialog(FramedDialog):
    def __init__(
        self, services: Services, reminder: Reminder | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "Edit reminder" if reminder else "New reminder",
            "A quiet nudge at the times you choose. Reminders for doses come from your "
            "medication list.",
            parent,
        )
        self.services = services
        self.service: ReminderService = services.reminders
        self.original = reminder
        self.saved: Reminder | None = None
        self.setObjectName("reminderDialog")
        self.setMinimumWidth(600)

        self.action = named(QComboBox(), "reminderAction")
        self.action.setAccessibleName("What the reminder is for")
        for action in _ACTIONS:
            self.action.addItem(action.label, action.value)
        self.message = named(QLineEdit(), "reminderMessage")
        self.message.setAccessibleName("Message")
        self.message.setPlaceholderText("Optional: your own words, e.g. “Before breakfast”")
        self.when = ChoiceRow(
            [
                (ScheduleKind.DAILY, "Every day"),
                (ScheduleKind.WEEKDAYS, "On chosen days"),
                (ScheduleKind.INTERVAL, "Every few hours"),
            ]
        )
        self.when.setObjectName("reminderWhen")
        self.when.setAccessibleName("When")
        self.times = named(QLineEdit(), "reminderTimes")
        self.times.setAccessibleName("Times of day")
        self.times.setPlaceholderText("e.g. 08:00, 20:00")
        self.times.setText("08:00")
        self.days: list[QPushButton] = []
        self.days_widget = QWidget()
        self.days_widget.setObjectName("reminderDays")
        self.days_widget.setAccessibleName("Days of the week")
        days_row = QHBoxLayout(self.days_widget)
        days_row.setContentsMargins(0, 0, 0, 0)
        days_row.setSpacing(6)
        for index, name in enumerate(_DAY_NAMES):
            chip = QPushButton(name)
            chip.setProperty("chip", True)  # the forms' chip look
            chip.setCheckable(True)
            chip.setChecked(index < 5)
            chip.setAutoDefault(False)
            chip.setAccessibleName(name)
            self.days.append(chip)
            days_row.addWidget(chip)
        days_row.addStretch(1)
        self.every = named(QSpinBox(), "reminderEvery")
        self.every.setRange(1, 12)
        self.every.setValue(2)
        self.every.setPrefix("every ")
        self.every.setSuffix(" h")
        self.every.setAccessibleName("Every how many hours")
        self.window_start = QTimeEdit(_qtime(time(8)))
        self.window_start.setDisplayFormat("HH:mm")
        self.window_start.setButtonSymbols(QTimeEdit.ButtonSymbols.NoButtons)
        self.window_start.setAccessibleName("From")
        self.window_end = QTimeEdit(_qtime(time(20)))
        self.window_end.setDisplayFormat("HH:mm")
        self.window_end.setButtonSymbols(QTimeEdit.ButtonSymbols.NoButtons)
        self.window_end.setAccessibleName("Until")
        interval_row = QHBoxLayout()
        interval_row.setContentsMargins(0, 0, 0, 0)
        interval_row.setSpacing(8)
        interval_row.addWidget(self.every)
        interval_row.addWidget(muted("from", wrap=False))
        interval_row.addWidget(self.window_start)
        interval_row.addWidget(muted("until", wrap=False))
        interval_row.addWidget(self.window_end)
        interval_row.addStretch(1)
        self.interval_widget = QWidget()
        self.interval_widget.setLayout(interval_row)
        self.summary = named(QLabel(), "summaryCard")
        self.summary.setAccessibleName("The reminder in words")
        self.summary.setWordWrap(True)
        self.error = named(QLabel(), "formError")
        self.error.setAccessibleName("What to fix")
        self.error.setWordWrap(True)
        self.error.hide()

        form = self.add_section("")
        self._form = form
        add_row(form, "&Reminder", self.action)
        add_row(form, "&Message", self.message)
        add_row(form, "&When", self.when)
        self.times_label = add_row(form, "&Times", self.times)
        self.days_label = add_row(form, "&Days", self.days_widget)
        self.days_label.setBuddy(self.days[0])
        self.interval_label = add_row(form, "Re&peat", self.interval_widget)
        self.interval_label.setBuddy(self.every)
        self.body.addWidget(self.summary)
        self.body.addWidget(self.error)
        self.add_buttons("Save", hint="Enter saves · Esc cancels")
        if reminder is not None:
            self._load(reminder)
        self.when.valueChanged.connect(lambda _kind: self._refresh())
        self.times.textChanged.connect(self._refresh)
        for box in self.days:
            box.toggled.connect(self._refresh)
        self.every.valueChanged.connect(self._refresh)
        self._refresh()
        self.action.setFocus(Qt.FocusReason.OtherFocusReason)

    def _load(self, reminder: Reminder) -> None:
        index = self.action.findData(reminder.action.value)
        if index >= 0:
            self.action.setCurrentIndex(index)
        self.message.setText(reminder.message)
        schedule = reminder.schedule
        self.when.setValue(schedule.kind)
        self.times.setText(", ".join(t.strftime("%H:%M") for t in schedule.times))
        for index, box in enumerate(self.days):
            box.setChecked(index in schedule.weekdays)
        if schedule.every is not None:
            self.every.setValue(max(1, round(schedule.every.total_seconds() / 3600)))
        self.window_start.setTime(_qtime(schedule.window_start))
        self.window_end.setTime(_qtime(schedule.window_end))

    def _kind(self) -> ScheduleKind:
        return ScheduleKind(self.when.value() or ScheduleKind.DAILY)

    def schedule_from_form(self) -> Schedule:
        kind = self._kind()
        if kind is ScheduleKind.INTERVAL:
            return Schedule(
                kind=kind,
                every=timedelta(hours=self.every.value()),
                window_start=_time(self.window_start.time()),
                window_end=_time(self.window_end.time()),
            )
        weekdays = frozenset(i for i, box in enumerate(self.days) if box.isChecked())
        return Schedule(
            kind=kind,
            times=parse_times(self.times.text()),
            weekdays=weekdays if kind is ScheduleKind.WEEKDAYS else ALL_WEEKDAYS,
        )

    def reminder_from_form(self) -> Reminder:
        base = self.original or Reminder(action=ReminderAction.MEAL, schedule=Schedule())
        return replace(
            base,
            action=ReminderAction(self.action.currentData()),
            message=self.message.text(),
            schedule=self.schedule_from_form(),
        )

    def _refresh(self) -> None:
        kind = self._kind()
        interval = kind is ScheduleKind.INTERVAL
        # Whole rows come and go, so no gap is left where a hidden one was.
        self._form.setRowVisible(self.times, not interval)
        self._form.setRowVisible(self.days_widget, kind is ScheduleKind.WEEKDAYS)
        self._form.setRowVisible(self.interval_widget, interval)
        try:
            self.summary.setText(describe_schedule(self.schedule_from_form()))
        except ScheduleError:
            self.summary.setText("")
        self.summary.setVisible(bool(self.summary.text()))

    def save(self) -> None:
        try:
            reminder = self.reminder_from_form()
            self.saved = self.service.save_reminder(reminder)
        except ScheduleError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        self.accept()


def open_reminder_dialog(
    parent: QWidget | None, services: Services, reminder: Reminder | None = None
) -> Reminder | None:
    dialog = ReminderDialog(services, reminder, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.saved
