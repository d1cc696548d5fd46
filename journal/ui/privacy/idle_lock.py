"""Locking the window of an encrypted journal after some minutes without use.

Any key press, click, scroll or mouse move restarts the count. When it runs out (and no
dialog is open), the window hides behind the passphrase dialog; the right passphrase shows
it again, Quit closes Interplay. The key stays in memory meanwhile, so reminders keep
coming: this guards an unattended screen, not a computer someone takes apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from journal.ui.privacy.unlock_dialog import UnlockDialog

if TYPE_CHECKING:
    from journal.services import Services

_USE = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
MS_PER_MINUTE = 60_000


class IdleLock(QObject):
    """Watches the application's input; locks ``window`` after the chosen minutes."""

    def __init__(self, window: QWidget, services: Services) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.locked = False
        self.was_visible = True
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.rearm()

    def rearm(self) -> None:
        """Start the count again (after use, or once the minutes were changed)."""
        minutes = self.services.privacy.lock_after_minutes
        if self.locked or not minutes or not self.services.privacy.encrypted:
            self.timer.stop()
            return
        self.timer.start(minutes * MS_PER_MINUTE)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _USE and not self.locked:
            self.rearm()
        return False

    def lock(self) -> None:
        if self.locked:
            return
        if QApplication.activeModalWidget() is not None:  # a dialog open: not mid-task
            self.rearm()
            return
        self.locked = True
        self.was_visible = self.window.isVisible()  # in the tray it stays there
        self.window.hide()
        privacy = self.services.privacy
        dialog = UnlockDialog(privacy.check_passphrase, str(self.services.data_dir))
        dialog.title.setText("Interplay is locked")
        dialog.subtitle.setText(
            "It locked itself after some minutes without use. Type your passphrase to go on."
        )
        self.dialog = dialog
        dialog.finished.connect(self._unlocked)
        dialog.open()

    def _unlocked(self, result: int) -> None:
        self.locked = False
        self.dialog.deleteLater()
        if result:
            if self.was_visible:
                self.window.show()
            self.rearm()
        else:
            self.window.close()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
