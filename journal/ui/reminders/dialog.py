"""Add or edit a reminder: what it is for, and when (times, weekdays, or every N hours)."""

from __future__ import annotations

from dataclasses import replace
from datetime import time, timedelta

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
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
from journal.services import Services
from journal.services.reminders import ReminderService
from journal.ui.widgets.card_style import named

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


class ReminderDialog(QDialog):
    def __init__(
        self, services: Services, reminder: Reminder | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.service: ReminderService = services.reminders
        self.original = reminder
        self.saved: Reminder | None = None
        self.setWindowTitle("Edit reminder" if reminder else "New reminder")
        self.setObjectName("reminderDialog")
        self.setMinimumWidth(480)

        self.action = named(QComboBox(), "reminderAction")
        self.action.setAccessibleName("What the reminder is for")
        for action in _ACTIONS:
            self.action.addItem(action.label, action.value)
        self.message = named(QLineEdit(), "reminderMessage")
        self.message.setAccessibleName("Message")
        self.message.setPlaceholderText("Optional: your own words, e.g. “Before breakfast”")
        self.kind_daily = QRadioButton("Every day")
        self.kind_weekdays = QRadioButton("On chosen days")
        self.kind_interval = QRadioButton("Every few hours")
        self.kinds = QButtonGroup(self)
        for index, button in enumerate((self.kind_daily, self.kind_weekdays, self.kind_interval)):
            self.kinds.addButton(button, index)
        self.kind_daily.setChecked(True)
        self.times = named(QLineEdit(), "reminderTimes")
        self.times.setAccessibleName("Times of day")
        self.times.setPlaceholderText("e.g. 08:00, 20:00")
        self.times.setText("08:00")
        self.days: list[QCheckBox] = []
        days_row = QHBoxLayout()
        days_row.setSpacing(6)
        for index, name in enumerate(_DAY_NAMES):
            box = QCheckBox(name)
            box.setChecked(index < 5)
            box.setAccessibleName(name)
            self.days.append(box)
            days_row.addWidget(box)
        days_row.addStretch(1)
        self.days_widget = QWidget()
        self.days_widget.setLayout(days_row)
        days_row.setContentsMargins(0, 0, 0, 0)
        self.every = named(QSpinBox(), "reminderEvery")
        self.every.setRange(1, 12)
        self.every.setValue(2)
        self.every.setPrefix("every ")
        self.every.setSuffix(" h")
        self.every.setAccessibleName("Every how many hours")
        self.window_start = QTimeEdit(_qtime(time(8)))
        self.window_start.setDisplayFormat("HH:mm")
        self.window_start.setAccessibleName("From")
        self.window_end = QTimeEdit(_qtime(time(20)))
        self.window_end.setDisplayFormat("HH:mm")
        self.window_end.setAccessibleName("Until")
        interval_row = QHBoxLayout()
        interval_row.setContentsMargins(0, 0, 0, 0)
        interval_row.addWidget(self.every)
        interval_row.addWidget(QLabel("from"))
        interval_row.addWidget(self.window_start)
        interval_row.addWidget(QLabel("until"))
        interval_row.addWidget(self.window_end)
        interval_row.addStretch(1)
        self.interval_widget = QWidget()
        self.interval_widget.setLayout(interval_row)
        self.summary = named(QLabel(), "reminderSummary")
        self.error = named(QLabel(), "reminderError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #D55E00; font-weight: 600;")
        self.error.hide()

        kinds_row = QHBoxLayout()
        for button in (self.kind_daily, self.kind_weekdays, self.kind_interval):
            kinds_row.addWidget(button)
        kinds_row.addStretch(1)
        form = QFormLayout()
        form.setSpacing(10)
        form.addRow(_label("&Reminder", self.action), self.action)
        form.addRow(_label("&Message", self.message), self.message)
        form.addRow(_label("&When", self.kind_daily), kinds_row)
        self.times_label = _label("&Times", self.times)
        form.addRow(self.times_label, self.times)
        self.days_label = QLabel("Days")
        form.addRow(self.days_label, self.days_widget)
        self.interval_label = QLabel("Repeat")
        form.addRow(self.interval_label, self.interval_widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if reminder is not None:
            self._load(reminder)
        self.kinds.idToggled.connect(lambda _id, _on: self._refresh())
        self.times.textChanged.connect(self._refresh)
        for box in self.days:
            box.toggled.connect(self._refresh)
        self.every.valueChanged.connect(self._refresh)
        self._refresh()

    def _load(self, reminder: Reminder) -> None:
        index = self.action.findData(reminder.action.value)
        if index >= 0:
            self.action.setCurrentIndex(index)
        self.message.setText(reminder.message)
        schedule = reminder.schedule
        button = {
            ScheduleKind.DAILY: self.kind_daily,
            ScheduleKind.WEEKDAYS: self.kind_weekdays,
            ScheduleKind.INTERVAL: self.kind_interval,
        }[schedule.kind]
        button.setChecked(True)
        self.times.setText(", ".join(t.strftime("%H:%M") for t in schedule.times))
        for index, box in enumerate(self.days):
            box.setChecked(index in schedule.weekdays)
        if schedule.every is not None:
            self.every.setValue(max(1, round(schedule.every.total_seconds() / 3600)))
        self.window_start.setTime(_qtime(schedule.window_start))
        self.window_end.setTime(_qtime(schedule.window_end))

    def _kind(self) -> ScheduleKind:
        return (ScheduleKind.DAILY, ScheduleKind.WEEKDAYS, ScheduleKind.INTERVAL)[
            max(0, self.kinds.checkedId())
        ]

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
        self.times.setVisible(not interval)
        self.times_label.setVisible(not interval)
        self.days_widget.setVisible(kind is ScheduleKind.WEEKDAYS)
        self.days_label.setVisible(kind is ScheduleKind.WEEKDAYS)
        self.interval_widget.setVisible(interval)
        self.interval_label.setVisible(interval)
        try:
            self.summary.setText(describe_schedule(self.schedule_from_form()))
        except ScheduleError:
            self.summary.setText("")

    def save(self) -> None:
        try:
            reminder = self.reminder_from_form()
            self.saved = self.service.save_reminder(reminder)
        except ScheduleError as error:
            self.error.setText(str(error))
            self.error.show()
            return
        self.accept()


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


def open_reminder_dialog(
    parent: QWidget | None, services: Services, reminder: Reminder | None = None
) -> Reminder | None:
    dialog = ReminderDialog(services, reminder, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.saved
