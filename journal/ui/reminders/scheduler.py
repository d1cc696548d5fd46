"""One QTimer armed for the next due reminder; the rules themselves live in the domain.

On every tick the scheduler asks the service what came due since the last tick (so a late
wake-up after sleep or a clock change still delivers each reminder once), notes the run for
next start's catch-up, and arms the timer again. The wait is capped, so a changed system
clock or time zone is noticed within minutes.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from journal.domain.clock import Clock
from journal.services.errors import JournalBusyError
from journal.services.reminders import DueReminder, ReminderService

log = logging.getLogger(__name__)

MAX_WAIT = timedelta(minutes=5)


class ReminderScheduler(QObject):
    """Emits ``reminder_due(DueReminder)`` when a reminder comes due.

    ``clock`` is injectable (tests use a fake one); ``delay_scale`` shrinks real waits in
    tests so a minute-ahead reminder fires in milliseconds without sleeping.
    """

    reminder_due = Signal(object)
    armed = Signal(object)
    """The moment the timer is armed for (aware datetime), after every re-arm."""

    def __init__(
        self,
        service: ReminderService,
        clock: Clock,
        parent: QObject | None = None,
        *,
        delay_scale: float = 1.0,
        max_wait: timedelta = MAX_WAIT,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.clock = clock
        self.delay_scale = delay_scale
        self.max_wait = max_wait
        self.last_checked: datetime | None = None
        self.next_at: datetime | None = None
        self.timer = QTimer(self)
        self.timer.setObjectName("reminderTimer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)

    @property
    def running(self) -> bool:
        return self.last_checked is not None

    def start(self, since: datetime | None = None) -> None:
        """Start watching from ``since`` (default now: catch-up is the service's job)."""
        self.last_checked = since or self.clock.now()
        self.rearm()

    def stop(self) -> None:
        self.timer.stop()
        self.last_checked = None
        self.next_at = None

    def rearm(self) -> None:
        """Arm the one timer for the next due moment (call after reminders change)."""
        if self.last_checked is None:
            return
        now = self.clock.now()
        alarm = self.service.next_alarm(self.last_checked)
        self.next_at = alarm.at if alarm is not None else None
        # Subtract in UTC: aware datetimes sharing a zone subtract as wall clock times.
        wait = (alarm.at.astimezone(UTC) - now.astimezone(UTC)) if alarm else self.max_wait
        wait = max(timedelta(0), min(wait, self.max_wait))
        self.timer.start(round(wait.total_seconds() * 1000 * self.delay_scale))
        self.armed.emit(self.next_at)

    def check(self) -> list[DueReminder]:
        """Deliver what came due since the last check, then arm for the next one."""
        if self.last_checked is None:
            return []
        now = self.clock.now()
        if now <= self.last_checked:
            self.rearm()  # woke early (or the clock went back): nothing is due yet
            return []
        try:
            due = self.service.due_between(self.last_checked, now)
        except Exception:  # a broken reminder must not silence the others for good
            log.exception("Could not work out which reminders are due")
            due = []
        self.last_checked = now
        try:
            self.service.mark_run(now)
        except JournalBusyError:  # the journal is being converted: the next check notes it
            log.info("The reminders' last run waits for the conversion to end")
        except Exception:
            log.exception("Could not note the reminders' last run")
        for item in due:
            self.reminder_due.emit(item)
        self.rearm()
        return due
