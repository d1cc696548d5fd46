"""At start: one calm list of what came due while Interplay was closed (not a flood)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal.domain.reminders import MissedReminder
from journal.services.reminders import DueReminder, ReminderService


def missed_line(due: DueReminder, missed: MissedReminder, time_pattern: str = "%H:%M") -> str:
    """E.g. "Time for Metformin 500 mg — twice, last at 20:00 yesterday"."""
    times = {1: "", 2: " — twice"}.get(missed.count, f" — {missed.count} times")
    last = missed.last
    today = due.at.date()
    when = last.strftime(time_pattern)
    if last.date() != today:
        when += " yesterday" if (today - last.date()).days == 1 else f" on {last:%a %d %b}"
    if missed.count == 1:
        return f"{due.title} — at {when}"
    return f"{due.title}{times}, last at {when}"


class MissedRemindersDialog(QDialog):
    """Lists missed reminders once; each row can open its form. ``log_requested(DueReminder)``."""

    log_requested = Signal(object)

    def __init__(
        self,
        missed: list[MissedReminder],
        service: ReminderService,
        parent: QWidget | None = None,
        time_pattern: str = "%H:%M",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("While Interplay was closed")
        self.setObjectName("missedReminders")
        self.setMinimumWidth(460)
        now = service.journal.now()
        heading = QLabel("While Interplay was closed")
        heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        hint = QLabel("These reminders came due. Log what you did, or just close this list.")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(hint)
        self.rows: list[tuple[DueReminder, QLabel]] = []
        for item in missed:
            due = service.describe(item.reminder, item.last)
            due_now = DueReminder(
                due.reminder, now, due.title, due.body, due.target, due.medication
            )
            row = QFrame()
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 4, 0, 4)
            label = QLabel(missed_line(due_now, item, time_pattern))
            label.setWordWrap(True)
            row_layout.addWidget(label, 1)
            if due.target.kind is not None:
                button = QPushButton("Log it")
                button.setAccessibleName(f"Log: {due.title}")
                button.clicked.connect(lambda _=False, d=due_now: self._log(d))
                row_layout.addWidget(button)
            layout.addWidget(row)
            self.rows.append((due_now, label))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        layout.addWidget(buttons, 0, Qt.AlignmentFlag.AlignRight)

    def _log(self, due: DueReminder) -> None:
        self.log_requested.emit(due)

    def lines(self) -> list[str]:
        return [label.text() for _, label in self.rows]
