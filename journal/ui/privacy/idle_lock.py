"""Locking the window of an encrypted journal after some minutes without use.

Any key press, click, scroll or mouse move restarts the count; the application's input is
watched only while the lock is armed, so a plain journal's window pays nothing per event.
When it runs out (and no dialog is open), the window hides behind the passphrase dialog;
the right passphrase shows it again, Quit closes Interplay. The key stays in memory
meanwhile, so reminders keep coming: this guards an unattended screen, not a computer
someone takes apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
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
    """Watches the application's input while armed; locks ``window`` after the chosen
    minutes. It arms and disarms itself when the minutes change or the journal is
    encrypted or decrypted (``PrivacyService.watch_lock``)."""

    _inputs_changed = Signal()  # queued to this thread from a conversion's worker

    def __init__(self, window: QWidget, services: Services) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.locked = False
        self.was_visible = True
        self.watching_input = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self._inputs_changed.connect(self.rearm)
        privacy = services.privacy
        changed = self._inputs_changed.emit
        privacy.watch_lock(changed)
        self.destroyed.connect(lambda *_: privacy.unwatch_lock(changed))
        self.rearm()

    def rearm(self) -> None:
        """Start the count again (after use, or once the minutes or the journal changed),
        or stop it and the watching of input when the lock is off."""
        minutes = self.services.privacy.lock_after_minutes
        armed = bool(minutes) and not self.locked and self.services.privacy.encrypted
        self._watch_input(armed)
        if armed:
            self.timer.start(minutes * MS_PER_MINUTE)
        else:
            self.timer.stop()

    def _watch_input(self, on: bool) -> None:
        app = QApplication.instance()
        if app is None or on == self.watching_input:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self.watching_input = on

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
        self._watch_input(False)
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
        self._watch_input(False)
