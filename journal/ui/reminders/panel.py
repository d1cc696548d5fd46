"""The reminders list (add, edit, turn off, remove) and the "staying around" options."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from journal.domain.entries import Medication
from journal.domain.reminders import Reminder, ReminderAction, describe_schedule
from journal.domain.vocabulary import EntryKind
from journal.services.autostart import Autostart, AutostartError, autostart_for_platform
from journal.services.reminders import ReminderService, reminder_title
from journal.ui.icons import kind_pixmap
from journal.ui.palette import kind_colour
from journal.ui.reminders.dialog import open_reminder_dialog
from journal.ui.signals import JournalSignals
from journal.ui.widgets.card_style import named

_ACTION_KINDS = {
    ReminderAction.MEAL: EntryKind.MEAL,
    ReminderAction.GLUCOSE: EntryKind.GLUCOSE,
    ReminderAction.MEDICATION: EntryKind.DOSE,
    ReminderAction.STRESS: EntryKind.STRESS,
    ReminderAction.CUSTOM: EntryKind.NOTE,
}


class ReminderRow(QFrame):
    """One reminder: icon, name, schedule, an on/off switch, and Edit/Remove for your own."""

    def __init__(
        self,
        reminder: Reminder,
        medication: Medication | None,
        time_pattern: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reminderRow")
        self.reminder = reminder
        kind = _ACTION_KINDS[reminder.action]
        icon = QLabel()
        icon.setPixmap(kind_pixmap(kind, 22, kind_colour(kind)))
        icon.setFixedSize(24, 24)
        self.title = named(QLabel(reminder_title(reminder, medication)), "reminderTitle")
        schedule = describe_schedule(reminder.schedule, time_pattern)
        origin = " · from your medication list" if reminder.from_medication else ""
        self.schedule = named(QLabel(schedule + origin), "reminderSchedule")
        self.enabled = QCheckBox("On")
        self.enabled.setChecked(reminder.enabled)
        self.enabled.setAccessibleName(f"Reminder {self.title.text()} on")
        self.edit = named(QPushButton("Edit…"), "reminderEdit")
        self.edit.setAccessibleName(f"Edit reminder {self.title.text()}")
        self.remove = named(QPushButton("Remove"), "reminderRemove")
        self.remove.setAccessibleName(f"Remove reminder {self.title.text()}")
        for button in (self.edit, self.remove):
            button.setVisible(not reminder.from_medication)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        text = QVBoxLayout()
        text.setSpacing(1)
        text.addWidget(self.title)
        text.addWidget(self.schedule)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 12, 10)
        layout.setSpacing(12)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(text, 1)
        layout.addWidget(self.enabled)
        layout.addWidget(self.edit)
        layout.addWidget(self.remove)
        self.setAccessibleName(f"{self.title.text()}, {schedule}")


class RemindersPanel(QWidget):
    """Every reminder, your own and those of the medication list."""

    def __init__(
        self, services: Services, signals: JournalSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("remindersPanel")
        self.services = services
        self.signals = signals
        self.service: ReminderService = services.reminders
        self.rows: list[ReminderRow] = []
        heading = named(QLabel("Reminders"), "sectionHeading")
        hint = named(
            QLabel(
                "A nudge at the right moment; click it to log straight away. "
                "Medication reminders follow the times in your medication list."
            ),
            "sectionHint",
        )
        hint.setWordWrap(True)
        self.add_button = named(QPushButton("Add reminder…"), "quietButton")
        self.add_button.setAccessibleName("Add a reminder")
        self.add_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.add_button.clicked.connect(self.add_reminder)
        self.empty = named(
            QLabel("No reminders yet. Add one for a meal, a glucose check or a stress check-in."),
            "emptyHint",
        )
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(heading)
        titles.addWidget(hint)
        head.addLayout(titles, 1)
        head.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.list_layout = QVBoxLayout()
        self.list_layout.setSpacing(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(head)
        layout.addWidget(self.empty)
        layout.addLayout(self.list_layout)

    def refresh(self) -> None:
        for row in self.rows:
            self.list_layout.removeWidget(row)
            row.deleteLater()
        self.rows = []
        meds = {m.id: m for m in self.services.journal.medications()}
        pattern = self.services.units.time_pattern()
        for reminder in self.service.reminders():
            med = meds.get(reminder.medication_id) if reminder.medication_id is not None else None
            row = ReminderRow(reminder, med, pattern)
            row.enabled.toggled.connect(lambda on, r=reminder: self.set_enabled(r, on))
            row.edit.clicked.connect(lambda _=False, r=reminder: self.edit_reminder(r))
            row.remove.clicked.connect(lambda _=False, r=reminder: self.remove_reminder(r))
            self.list_layout.addWidget(row)
            self.rows.append(row)
        self.empty.setVisible(not self.rows)

    def add_reminder(self) -> Reminder | None:
        saved = open_reminder_dialog(self, self.services)
        if saved is not None:
            self.signals.status.emit("Reminder added.")
        return saved

    def edit_reminder(self, reminder: Reminder) -> Reminder | None:
        saved = open_reminder_dialog(self, self.services, reminder)
        if saved is not None:
            self.signals.status.emit("Reminder saved.")
        return saved

    def set_enabled(self, reminder: Reminder, enabled: bool) -> None:
        from dataclasses import replace

        if reminder.from_medication and reminder.medication_id is not None:
            self.service.set_medication_reminder(reminder.medication_id, enabled)
        else:
            self.service.save_reminder(replace(reminder, enabled=enabled))
        self.signals.status.emit("Reminder on." if enabled else "Reminder off.")

    def remove_reminder(self, reminder: Reminder) -> None:
        if reminder.id is None:
            return
        try:
            self.service.delete_reminder(reminder.id)
        except LookupError as error:
            QMessageBox.information(self, "Reminder", str(error))
            return
        self.signals.status.emit("Reminder removed. Undo (Ctrl+Z) brings it back.")


NO_TRAY_REASON = (
    "Not available: your desktop has no system tray, so Interplay cannot keep running "
    "there. Reminders show inside the window while it is open."
)

if TYPE_CHECKING:
    from journal.services import Services


class StayingAroundPanel(QFrame):
    """Keep running in the tray, and start at login: reminders with the window closed."""

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        autostart: Autostart | None = None,
        tray_available: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("stayingAround")
        self.service = services.reminders
        self.autostart = autostart or autostart_for_platform()
        has_tray = (
            QSystemTrayIcon.isSystemTrayAvailable() if tray_available is None else tray_available
        )
        heading = named(QLabel("Reminders with the window closed"), "reminderTitle")
        self.keep_running = QCheckBox("Keep running in the tray when the window is closed")
        self.keep_running.setChecked(has_tray and self.service.keep_running_in_tray())
        self.keep_running.setEnabled(has_tray)
        # A greyed option says why, beside it (a tooltip is easy to miss and needs a mouse).
        self.no_tray_reason = named(QLabel(NO_TRAY_REASON), "sectionHint")
        self.no_tray_reason.setWordWrap(True)
        self.no_tray_reason.setVisible(not has_tray)
        if not has_tray:
            self.keep_running.setToolTip(NO_TRAY_REASON)
            self.keep_running.setAccessibleDescription(NO_TRAY_REASON)
        self.keep_running.toggled.connect(self.service.set_keep_running_in_tray)
        self.start_at_login = QCheckBox("Start Interplay when I log in")
        self.start_at_login.setChecked(self.autostart.is_enabled())
        self.start_at_login.setToolTip(f"Uses {self.autostart.describe()}")
        self.start_at_login.toggled.connect(self._set_start_at_login)
        self.error = named(QLabel(), "sectionHint")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        layout.addWidget(heading)
        layout.addWidget(self.keep_running)
        layout.addWidget(self.no_tray_reason)
        layout.addWidget(self.start_at_login)
        layout.addWidget(self.error)

    def _set_start_at_login(self, enabled: bool) -> None:
        try:
            if enabled:
                self.autostart.enable()
            else:
                self.autostart.disable()
        except AutostartError as error:
            self.error.setText(f"{error} Nothing else was changed.")
            self.error.show()
            self.start_at_login.blockSignals(True)
            self.start_at_login.setChecked(self.autostart.is_enabled())
            self.start_at_login.blockSignals(False)
            return
        self.error.hide()
