"""Delivering a reminder: a system tray notification where there is a tray, and always an
in-app banner with the actions (log it, mark taken, snooze 10 min or 1 h, dismiss)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QEvent, QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QAction, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from journal import APP_NAME
from journal.services.reminders import DueReminder
from journal.ui.icons import icon, kind_pixmap
from journal.ui.palette import kind_colour
from journal.ui.widgets.card_style import goal_colours, goals_stylesheet, named

NOTIFICATION_MS = 15_000
SNOOZE_SHORT = timedelta(minutes=10)
SNOOZE_LONG = timedelta(hours=1)


class ReminderBanner(QFrame):
    """The reminder inside the window: what is due and one button per thing to do.

    Reminders due together queue up; the banner shows one at a time with "1 more".
    """

    open_clicked = Signal(object)
    done_clicked = Signal(object)
    snooze_clicked = Signal(object, object)
    dismiss_clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminderBanner")
        self.apply_theme()
        self.queue: list[DueReminder] = []
        self.icon = QLabel()
        self.icon.setFixedSize(22, 22)
        self.title = named(QLabel(), "bannerTitle")
        self.body = named(QLabel(), "bannerBody")
        # Long words wrap inside the banner instead of widening the window.
        for label in (self.title, self.body):
            label.setWordWrap(True)
            label.setMinimumWidth(120)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.more = named(QLabel(), "bannerMore")
        self.open_button = self._button(
            "Log it", "bannerOpen", lambda: self._emit(self.open_clicked)
        )
        self.done_button = self._button(
            "Mark taken", "bannerDone", lambda: self._emit(self.done_clicked)
        )
        self.snooze_short = self._button(
            "Snooze 10 min", "bannerSnoozeShort", lambda: self._snooze(SNOOZE_SHORT)
        )
        self.snooze_long = self._button(
            "Snooze 1 h", "bannerSnoozeLong", lambda: self._snooze(SNOOZE_LONG)
        )
        self.dismiss_button = self._button(
            "Dismiss", "bannerDismiss", lambda: self._emit(self.dismiss_clicked)
        )
        text = QVBoxLayout()
        text.setSpacing(1)
        text.addWidget(self.title)
        text.addWidget(self.body)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 10, 10)
        layout.setSpacing(8)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)
        layout.addWidget(self.more)
        for button in (
            self.open_button,
            self.done_button,
            self.snooze_short,
            self.snooze_long,
            self.dismiss_button,
        ):
            layout.addWidget(button)
        self.hide()

    def apply_theme(self) -> None:
        """Colours from the current palette; again whenever the scheme changes."""
        self.setStyleSheet(goals_stylesheet(goal_colours(QGuiApplication.palette())))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self.apply_theme()

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = named(QPushButton(text), name)
        button.setAccessibleName(text)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.clicked.connect(slot)
        return button

    @property
    def current(self) -> DueReminder | None:
        return self.queue[0] if self.queue else None

    def add(self, due: DueReminder) -> None:
        # The same reminder again (a snooze ending while it still shows) replaces itself.
        self.queue = [d for d in self.queue if d.reminder.key != due.reminder.key] + [due]
        self._show_current()

    def remove(self, due: DueReminder) -> None:
        self.queue = [d for d in self.queue if d.reminder.key != due.reminder.key]
        self._show_current()

    def _show_current(self) -> None:
        due = self.current
        if due is None:
            self.hide()
            return
        self.title.setText(due.title)
        self.body.setText(due.body)
        self.body.setVisible(bool(due.body))
        kind = due.target.kind
        if kind is not None:
            self.icon.setPixmap(kind_pixmap(kind, 22, kind_colour(kind)))
        self.open_button.setVisible(kind is not None)
        self.open_button.setText("Log it" if not due.is_dose else "Open form")
        self.done_button.setVisible(due.is_dose)
        waiting = len(self.queue) - 1
        self.more.setText(f"{waiting} more" if waiting else "")
        self.more.setVisible(waiting > 0)
        self.setAccessibleName(f"Reminder: {due.title}. {due.body}")
        self.show()

    def _emit(self, signal: SignalInstance) -> None:
        due = self.current
        if due is not None:
            signal.emit(due)

    def _snooze(self, delay: timedelta) -> None:
        due = self.current
        if due is not None:
            self.snooze_clicked.emit(due, delay)


class TrayNotifier(QObject):
    """Shows reminders as tray notifications when the system has a tray, and always in the
    banner. ``activated`` fires when the user clicks a notification."""

    activated = Signal(object)
    show_window_requested = Signal()
    quit_requested = Signal()

    def __init__(
        self,
        banner: ReminderBanner,
        parent: QObject | None = None,
        *,
        use_tray: bool | None = None,
        app_icon: QIcon | None = None,
    ) -> None:
        super().__init__(parent)
        self.banner = banner
        available = QSystemTrayIcon.isSystemTrayAvailable()
        self.has_tray = available if use_tray is None else (use_tray and available)
        self.last_shown: DueReminder | None = None
        self.tray: QSystemTrayIcon | None = None
        if self.has_tray:
            self._make_tray(app_icon or icon("today"))

    def _make_tray(self, app_icon: QIcon) -> None:
        tray = QSystemTrayIcon(app_icon, self)
        tray.setToolTip(APP_NAME)
        menu = QMenu()
        open_action = QAction(f"Open {APP_NAME}", menu)
        open_action.triggered.connect(self.show_window_requested.emit)
        quit_action = QAction(f"Quit {APP_NAME}", menu)
        quit_action.triggered.connect(self.quit_requested.emit)
        menu.addAction(open_action)
        menu.addSeparator()
        menu.addAction(quit_action)
        self._menu = menu  # the tray does not own its menu
        tray.setContextMenu(menu)
        tray.activated.connect(self._on_tray_activated)
        tray.messageClicked.connect(self._on_message_clicked)
        tray.show()
        self.tray = tray

    def notify(self, due: DueReminder) -> None:
        """Show ``due`` in the banner and, if there is a tray, as a notification."""
        self.banner.add(due)
        self.last_shown = due
        if self.tray is not None:
            self.tray.showMessage(
                due.title, due.body, QSystemTrayIcon.MessageIcon.Information, NOTIFICATION_MS
            )

    def _on_message_clicked(self) -> None:
        if self.last_shown is not None:
            self.activated.emit(self.last_shown)

    def _on_tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.show_window_requested.emit()

    def hide_tray(self) -> None:
        if self.tray is not None:
            self.tray.hide()
