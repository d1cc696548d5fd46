"""The passphrase asked before the main window: a calm dialog that says a wrong passphrase
plainly, lets the person try again, and waits a little longer after several tries."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from journal.ui.privacy.passphrase_field import PassphraseField
from journal.ui.runner import BackgroundTask
from journal.ui.widgets.dialog_frame import FramedDialog, add_row, muted

FREE_TRIES = 3
LONGEST_WAIT_S = 30

if TYPE_CHECKING:
    from journal.services import Services

Check = Callable[[str], bool]
"""Tries a passphrase (slow on purpose); True when it opened the journal."""


def wait_after(failures: int) -> int:
    """Seconds to wait before the next try: none for the first few, then doubling."""
    if failures < FREE_TRIES:
        return 0
    return int(min(LONGEST_WAIT_S, 2 ** (failures - FREE_TRIES + 1)))


class UnlockDialog(FramedDialog):
    """Asks for the journal's passphrase; accepted once ``check`` says it is the one."""

    def __init__(self, check: Check, folder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(
            "Your journal is locked",
            "Type your passphrase to open it. It never leaves this computer.",
            parent,
            icon_name="interplay",
            window_title="Unlock",
        )
        self.setObjectName("unlockDialog")
        self._check = check
        self.failures = 0
        self._task: BackgroundTask | None = None
        self._last_task: BackgroundTask | None = None
        form = self.add_section("", "")
        self.field = PassphraseField("Passphrase")
        self.field.submitted.connect(self.save)
        add_row(form, "&Passphrase", self.field)
        self.message = muted("", name="dataError")
        self.message.setObjectName("dataError")
        self.message.setVisible(False)
        self.body.addWidget(self.message)
        if folder:
            self.body.addWidget(muted(f"Journal: {folder}", name="dataNote"))
        self.add_buttons("&Open", cancel="&Quit")
        self.wait_timer = QTimer(self)
        self.wait_timer.setSingleShot(True)
        self.wait_timer.timeout.connect(self._wait_over)
        self.setMinimumWidth(460)
        self.fit_to_screen()
        self.field.edit.setFocus()

    def save(self) -> None:
        if self._task is not None or self.wait_timer.isActive() or not self.field.text:
            return
        self._busy(True, "Opening…")
        passphrase = self.field.text
        # No parent and no deleteLater: the dialog keeps the last task and waits for it
        # before it closes. A task the dialog owned, still finishing when the accepted
        # dialog was destroyed, crashed the app at random right after a right passphrase.
        task = BackgroundTask(lambda _progress, _cancel: self._check(passphrase))
        task.succeeded.connect(self._checked)
        task.failed.connect(self._failed)
        self._task = self._last_task = task
        task.start()

    def _checked(self, opened: object) -> None:
        self._task = None
        if opened:
            self._busy(False, "")
            self.accept()
            return
        self.failures += 1
        self.field.clear()
        wait = wait_after(self.failures)
        words = "That passphrase is not the one for this journal. Please try again."
        if wait:
            words += f" Wait {wait} seconds before the next try."
            self.wait_timer.start(wait * 1000)
        self._busy(bool(wait), words)

    def _failed(self, message: str) -> None:
        self._task = None
        self._busy(False, message)

    def _wait_over(self) -> None:
        self._busy(False, self.message.text().split(" Wait ")[0])
        self.field.edit.setFocus()

    def _busy(self, busy: bool, words: str) -> None:
        if self.save_button is not None:
            self.save_button.setEnabled(not busy)
        self.field.edit.setEnabled(not busy)
        if not busy:  # disabled, the field lost the focus: typing again must go into it
            self.field.edit.setFocus()
        self.message.setText(words)
        self.message.setVisible(bool(words))
        if self.isVisible():
            QTimer.singleShot(0, self, self.fit_to_screen)  # room for the message

    def reject(self) -> None:
        self.wait_for_task()
        super().reject()

    def done(self, result: int) -> None:
        self.wait_for_task()
        super().done(result)

    def wait_for_task(self) -> None:
        """Let the last check's thread end (it may still be returning from ``run``)."""
        if self._last_task is not None:
            self._last_task.wait()


def ask_to_unlock(check: Check, folder: str = "", note: str = "") -> bool:
    """Show the dialog until the journal opens (True) or the person quits (False); ``note``:
    what else the person should know (the key file is missing)."""
    dialog = UnlockDialog(check, folder)
    if note:
        dialog.subtitle.setText(
            "Type your passphrase, or paste your recovery key, to open it. " + note
        )
        retitled(dialog, "&Open")
    return bool(dialog.exec())


def ask_backup_passphrase(parent: QWidget, services: Services, backup: Path) -> bool:
    """Before restoring: the passphrase of a backup made under another (True: go on)."""
    privacy = services.privacy
    if not privacy.backup_needs_passphrase(backup):
        return True
    dialog = UnlockDialog(lambda typed: privacy.unlock_backup(backup, typed), backup.name, parent)
    dialog.title.setText("This backup has another passphrase")
    dialog.subtitle.setText(
        "It was made before the passphrase was changed (or on another computer). Type the "
        "passphrase it was made with; the restored journal keeps your passphrase of now."
    )
    retitled(dialog, "&Restore")
    return bool(dialog.exec())


def ask_passphrase_of_backup(backup: Path, data_dir: Path, parent: QWidget | None = None) -> bool:
    """Before the window, restoring a backup of a journal that could not be opened: the
    backup's passphrase, when it is encrypted and still locked (True: go on; False: quit)."""
    import os

    from journal.services.privacy import backup_is_locked, unlock_backup_file

    if not backup_is_locked(backup):
        return True
    given = os.environ.get("INTERPLAY_PASSPHRASE")
    if given is not None and unlock_backup_file(backup, data_dir, given):
        return True
    dialog = UnlockDialog(lambda typed: unlock_backup_file(backup, data_dir, typed), "", parent)
    dialog.title.setText("The backup is encrypted")
    dialog.subtitle.setText(
        "Type the passphrase of your journal (or paste your recovery key) to restore its "
        "newest backup. The restored journal stays encrypted with it."
    )
    retitled(dialog, "&Restore")
    return bool(dialog.exec())


def retitled(dialog: UnlockDialog, primary: str) -> None:
    """The dialog made to fit its new words (a longer subtitle), ``primary`` on its button."""
    if dialog.save_button is not None:
        dialog.save_button.setText(primary)
    dialog.fit_to_screen()
