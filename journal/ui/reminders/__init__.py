"""Reminders: the list and its dialog, the one-timer scheduler, tray and banner delivery."""

from journal.ui.reminders.center import ReminderCenter, open_reminder_form
from journal.ui.reminders.panel import RemindersPanel, StayingAroundPanel
from journal.ui.reminders.scheduler import ReminderScheduler
from journal.ui.reminders.tray import ReminderBanner, TrayNotifier

__all__ = [
    "ReminderBanner",
    "ReminderCenter",
    "ReminderScheduler",
    "RemindersPanel",
    "StayingAroundPanel",
    "TrayNotifier",
    "open_reminder_form",
]
