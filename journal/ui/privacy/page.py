"""Preferences > Privacy: encrypt the journal with a passphrase, change it, or remove it.

Setting asks twice, shows a strength hint, says before anything happens that a lost
passphrase cannot be recovered, and offers to save a recovery key. Converting runs off the
interface thread behind a progress dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from journal.ui.privacy.passphrase_field import PassphraseField, type_through
from journal.ui.runner import run_with_progress
from journal.ui.widgets.dialog_frame import (
    FramedDialog,
    add_row,
    field_label,
    muted,
    text_button,
)

if TYPE_CHECKING:
    from journal.services import Services
    from journal.services.privacy import PrivacyService

LOST_WARNING = (
    "If you forget this passphrase, nobody can open your journal or its backups: not you, "
    "not Interplay's developers. There is no reset. Write it down somewhere safe, or save a "
    "recovery key."
)
PLAIN_WORDS = (
    "Your journal is not encrypted. Anyone who can open files on this computer (or a lost "
    "laptop's disk) can read it, and every backup made while it is not encrypted."
)
ENCRYPTED_WORDS = (
    "Your journal and its backups are encrypted (SQLCipher, AES-256). Interplay asks for the "
    "passphrase each time it opens. Exports are readable unless you choose an encrypted one."
)


class PassphraseDialog(FramedDialog):
    """Asks for the current passphrase, a new one twice, or both."""

    def __init__(
        self,
        title: str,
        subtitle: str,
        *,
        current: bool,
        new: bool,
        primary: str,
        parent: QWidget | None = None,
        check_current: Callable[[str], bool] | None = None,
    ) -> None:
        """``check_current``: tries the current passphrase (slow on purpose); a wrong one is
        said here, the dialog kept open, instead of after it has closed."""
        super().__init__(title, subtitle, parent, window_title=title)
        self.setObjectName("passphraseDialog")
        self._check_current = check_current
        form = self.add_section("", "")
        self.current: PassphraseField | None = None
        self.new: PassphraseField | None = None
        self.again: PassphraseField | None = None
        self.recovery: QCheckBox | None = None
        if current:
            self.current = PassphraseField("Current passphrase")
            if new:  # the new passphrase's box below keeps Alt+H
                self.current.show_characters.setText("Sho&w characters")
            add_row(form, "&Current passphrase", self.current)
        if new:
            self.new = PassphraseField("New passphrase")
            self.new.edit.textChanged.connect(self._rate)
            add_row(form, "&New passphrase", self.new)
            self.again = PassphraseField("The same again", show_toggle=False)
            self.new.show_characters.toggled.connect(self.again._show)
            add_row(form, "The same &again", self.again)
            self.strength = muted("", name="dataNote")
            self.strength.setObjectName("strengthHint")
            form.addRow("", self.strength)
            warning = muted(LOST_WARNING, name="dataNote")
            warning.setObjectName("lostWarning")
            self.body.addWidget(warning)
            self.recovery = QCheckBox("Save a &recovery key to a file afterwards")
            self.recovery.setChecked(True)
            self.body.addWidget(self.recovery)
        self.problem = muted("", name="dataError")
        self.problem.setVisible(False)
        self.body.addWidget(self.problem)
        type_through(self.current, self.new, self.again)
        self.add_buttons(primary)
        self.setMinimumWidth(520)
        self.fit_to_screen()

    def _rate(self, text: str) -> None:
        from journal.services.privacy import strength

        self.strength.setText(strength(text).words)

    def _current_is_right(self, typed: str) -> bool:
        if self._check_current is None:
            return True
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # Argon2id: ~0.5 s
        try:
            return self._check_current(typed)
        finally:
            QGuiApplication.restoreOverrideCursor()

    def save(self) -> None:
        from journal.services.privacy import passphrase_problem

        problem = ""
        if self.current is not None and not self.current.text:
            problem = "Type the current passphrase."
        elif self.current is not None and not self._current_is_right(self.current.text):
            problem = "That is not the journal's passphrase. Please try again."
            self.current.clear()
            self.current.edit.setFocus()
        elif self.new is not None and self.again is not None:
            found = passphrase_problem(self.new.text)
            if found:
                problem = found[0].upper() + found[1:] + "."
            elif self.new.text != self.again.text:
                problem = "The two new passphrases differ. Type the same one twice."
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.fit_to_screen()
        if not problem:
            self.accept()


class PrivacyPage(QWidget):
    """The page: what is true now, and the one or two actions that fit."""

    def __init__(self, services: Services, parent: FramedDialog) -> None:
        from journal.services.privacy import LOCK_AFTER

        super().__init__()
        self.setObjectName("privacyPage")
        self.services = services
        self.dialog = parent
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(parent.section_title("Passphrase"))
        self.state = muted("")
        self.state.setObjectName("privacyState")
        layout.addWidget(self.state)
        row = QHBoxLayout()
        self.set_button = text_button("&Set a passphrase…", "setPassphrase")
        self.change_button = text_button("C&hange passphrase…", "changePassphrase")
        self.remove_button = text_button("&Remove passphrase…", "removePassphrase")
        self.set_button.clicked.connect(self.set_passphrase)
        self.change_button.clicked.connect(self.change_passphrase)
        self.remove_button.clicked.connect(self.remove_passphrase)
        for button in (self.set_button, self.change_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.result = muted("", name="dataNote")
        self.result.setObjectName("privacyResult")
        layout.addWidget(self.result)
        self.lock_row = QHBoxLayout()
        self.lock_after = QComboBox()
        self.lock_after.setObjectName("lockAfter")
        self.lock_after.setAccessibleName("Lock the window after this long without use")
        for minutes in LOCK_AFTER:
            self.lock_after.addItem("Never" if not minutes else f"{minutes} minutes", minutes)
        self.lock_label = field_label("&Lock the window after", self.lock_after)
        self.lock_row.addWidget(self.lock_label)
        self.lock_row.addWidget(self.lock_after)
        self.lock_row.addStretch(1)
        layout.addLayout(self.lock_row)
        self.lock_after.currentIndexChanged.connect(self._lock_after_chosen)
        layout.addStretch(1)
        self.refresh()

    @property
    def privacy(self) -> PrivacyService:
        return self.services.privacy

    def refresh(self) -> None:
        encrypted = self.privacy.encrypted
        self.state.setText(ENCRYPTED_WORDS if encrypted else PLAIN_WORDS)
        self.set_button.setVisible(not encrypted)
        self.change_button.setVisible(encrypted)
        self.remove_button.setVisible(encrypted)
        self.lock_label.setVisible(encrypted)
        self.lock_after.setVisible(encrypted)
        if encrypted:
            self.lock_after.blockSignals(True)
            self.lock_after.setCurrentIndex(
                max(0, self.lock_after.findData(self.privacy.lock_after_minutes))
            )
            self.lock_after.blockSignals(False)

    def _lock_after_chosen(self, _index: int) -> None:
        self.privacy.set_lock_after(int(self.lock_after.currentData()))

    # --- the three actions ---------------------------------------------------------------

    def set_passphrase(self) -> None:
        ask = PassphraseDialog(
            "Encrypt your journal",
            "Your journal and its backups will open only with this passphrase.",
            current=False,
            new=True,
            primary="&Encrypt",
            parent=self.dialog,
        )
        if not ask.exec() or ask.new is None:
            return
        passphrase, save_key = ask.new.text, ask.recovery is not None and ask.recovery.isChecked()
        self._convert(
            "Encrypting your journal and its backups…",
            lambda progress, cancelled: self.privacy.encrypt(passphrase, progress, cancelled),
            save_key,
        )

    def change_passphrase(self) -> None:
        ask = PassphraseDialog(
            "Change the passphrase",
            "The journal and its backups are encrypted again under the new passphrase.",
            current=True,
            new=True,
            primary="&Change",
            parent=self.dialog,
            check_current=self.privacy.check_passphrase,
        )
        if not ask.exec() or ask.current is None or ask.new is None:
            return
        old, new = ask.current.text, ask.new.text
        save_key = ask.recovery is not None and ask.recovery.isChecked()
        self._convert(
            "Encrypting your journal under the new passphrase…",
            lambda progress, cancelled: self.privacy.change(old, new, progress, cancelled),
            save_key,
        )

    def remove_passphrase(self) -> None:
        ask = PassphraseDialog(
            "Remove the passphrase",
            "The journal will be stored unencrypted again: anyone using this computer can "
            "read it. Its backups stay encrypted with the passphrase they were made with.",
            current=True,
            new=False,
            primary="&Remove",
            parent=self.dialog,
            check_current=self.privacy.check_passphrase,
        )
        if not ask.exec() or ask.current is None:
            return
        old = ask.current.text
        self._convert(
            "Storing your journal unencrypted…",
            lambda progress, cancelled: self.privacy.remove(old, progress, cancelled),
            False,
        )

    def _convert(self, text: str, work: object, save_key: bool) -> None:
        from journal.services.privacy import STAGES

        def run(progress: object, cancelled: Callable[[], bool]) -> object:
            def stage(name: str) -> None:
                done = STAGES.index(name) + 1 if name in STAGES else len(STAGES) - 1
                progress(done, len(STAGES))  # type: ignore[operator]

            return work(stage, cancelled)  # type: ignore[operator]

        outcome = run_with_progress(self.dialog, "Privacy", text, run)
        self.refresh()
        if not outcome.ok:
            self.result.setText(outcome.message)
            return
        lines = outcome.result if isinstance(outcome.result, list) else []
        if outcome.cancel_pressed:  # after the swap: cancelling could no longer undo it
            lines.insert(0, "It was too late to cancel: the conversion had already finished.")
        self.result.setText(sentences(lines))
        if save_key:
            self.save_recovery_key()

    def save_recovery_key(self) -> Path | None:
        text = self.privacy.recovery_key_text()
        if text is None:
            return None
        name, _filter = QFileDialog.getSaveFileName(
            self.dialog,
            "Save the recovery key",
            str(Path.home() / "Interplay recovery key.txt"),
            "Text files (*.txt)",
        )
        if not name:
            return None
        path = Path(name)
        try:
            self.privacy.save_recovery_key(path)
        except OSError as exc:
            QMessageBox.warning(
                self.dialog, "Privacy", f"The recovery key could not be saved ({exc.strerror})."
            )
            return None
        self.result.setText(
            self.result.text() + f" The recovery key is in {path}: keep it apart from the journal."
        )
        return path


def sentences(lines: list[str]) -> str:
    """The report's lines as one paragraph: a line that ends with a path gets its full stop."""
    return " ".join(line if line.endswith((".", "!", "?")) else f"{line}." for line in lines)


def privacy_page(services: Services, dialog: FramedDialog) -> QWidget:
    return PrivacyPage(services, dialog)
