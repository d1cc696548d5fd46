"""The reminders at run time: scheduler, tray and banner wired to the service, in one object
the main window creates once."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from journal.domain.clock import Clock
from journal.domain.entries import DoseLog, Entry
from journal.domain.reminders import MissedReminder
from journal.services.changes import JournalChange, Topic
from journal.services.reminders import DueReminder, ReminderService
from journal.ui.reminders.missed import MissedRemindersDialog
from journal.ui.reminders.scheduler import ReminderScheduler
from journal.ui.reminders.tray import ReminderBanner, TrayNotifier
from journal.ui.signals import JournalSignals

if TYPE_CHECKING:
    from journal.services import Services

log = logging.getLogger(__name__)


def open_reminder_form(
    parent: QWidget | None, services: Services, due: DueReminder
) -> Entry | None:
    """Open the quick-add form a reminder leads to, prefilled; returns the saved entry."""
    from journal.ui import forms  # looked up at call time, so tests can replace it

    kind = due.target.kind
    if kind is None:
        return None
    prefill = due.target.prefill(services.journal.now())
    return forms.open_entry_dialog(parent, services, kind, prefill=prefill)


class ReminderCenter(QObject):
    """Delivers reminders while the app runs and lists the missed ones at start.

    ``reminder_activated(DueReminder)``: the user clicked a reminder (banner "Log it",
    a tray notification, or a row of the missed list); connect it to
    :func:`open_reminder_form`. ``status(str)`` carries short confirmations.
    """

    reminder_activated = Signal(object)
    status = Signal(str)
    show_window_requested = Signal()
    quit_requested = Signal()

    def __init__(
        self,
        services: Services,
        signals: JournalSignals,
        window: QWidget,
        *,
        clock: Clock | None = None,
        use_tray: bool | None = None,
        delay_scale: float = 1.0,
    ) -> None:
        super().__init__(window)
        self.services = services
        self.window = window
        self.service: ReminderService = services.reminders
        self.scheduler = ReminderScheduler(
            self.service, clock or services.journal.clock, self, delay_scale=delay_scale
        )
        self.banner = ReminderBanner()
        self.notifier = TrayNotifier(self.banner, self, use_tray=use_tray)
        self.missed_dialog: MissedRemindersDialog | None = None
        self.scheduler.reminder_due.connect(self.notifier.notify)
        self.notifier.activated.connect(self.activate)
        self.notifier.show_window_requested.connect(self.show_window_requested.emit)
        self.notifier.quit_requested.connect(self.quit_requested.emit)
        self.banner.open_clicked.connect(self.activate)
        self.banner.done_clicked.connect(self.mark_done)
        self.banner.snooze_clicked.connect(self.snooze)
        self.banner.dismiss_clicked.connect(self.dismiss)
        signals.changed.connect(self._on_changed)

    def _on_changed(self, change: JournalChange) -> None:
        if change.touches_any((), (Topic.REMINDERS, Topic.MEDICATIONS, Topic.SETTINGS)):
            self.scheduler.rearm()

    @property
    def has_tray(self) -> bool:
        return self.notifier.has_tray

    def keep_running_in_tray(self) -> bool:
        """True when closing the window should hide it to the tray instead of quitting."""
        return self.has_tray and self.service.keep_running_in_tray()

    def start(
        self, *, show_missed: bool = True, missed: list[MissedReminder] | None = None
    ) -> list[MissedReminder]:
        """Catch up on what was missed while closed (listed once), then start the timer.

        ``missed``: the catch-up already done (off the interface thread, at start-up)."""
        if missed is None:
            try:
                missed = self.service.catch_up()
            except Exception:
                log.exception("Could not read the reminders missed while closed")
                missed = []
        self.scheduler.start()
        if missed and show_missed:
            self.show_missed(missed)
        return missed

    def show_missed(self, missed: list[MissedReminder]) -> MissedRemindersDialog:
        dialog = MissedRemindersDialog(
            missed, self.service, self.window, self.services.units.time_pattern()
        )
        dialog.log_requested.connect(self.activate)
        self.missed_dialog = dialog
        dialog.open()
        return dialog

    def stop(self) -> None:
        self.scheduler.stop()
        self.notifier.hide_tray()

    # --- what the user does with a reminder --------------------------------------------------

    def activate(self, due: DueReminder) -> None:
        self.banner.remove(due)
        self.service.dismiss(due.reminder)
        self.show_window_requested.emit()
        self.reminder_activated.emit(due)

    def mark_done(self, due: DueReminder) -> DoseLog | None:
        self.banner.remove(due)
        logged = self.service.mark_dose_taken(due)
        if logged is not None and due.medication is not None:
            self.status.emit(f"{due.medication.label} logged as taken.")
        return logged

    def snooze(self, due: DueReminder, delay: timedelta) -> None:
        self.banner.remove(due)
        self.service.snooze(due.reminder, delay)
        self.scheduler.rearm()
        minutes = round(delay.total_seconds() / 60)
        when = (
            f"{minutes} minutes"
            if minutes < 60
            else "an hour"
            if minutes == 60
            else f"{minutes // 60} hours"
        )
        self.status.emit(f"I'll remind you again in {when}.")

    def dismiss(self, due: DueReminder) -> None:
        self.banner.remove(due)
        self.service.dismiss(due.reminder)
