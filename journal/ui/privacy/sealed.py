"""Encrypted exports in the window: File > Export encrypted…, and importing one back.

Plain exports (JSON, CSV) are readable by anyone who has the file, and their file dialogs
say so; this one is sealed under a passphrase of its own, and Import asks for it.
"""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from journal import APP_NAME
from journal.ui.privacy.passphrase_field import PassphraseField, type_through
from journal.ui.privacy.unlock_dialog import UnlockDialog, retitled
from journal.ui.runner import run_with_progress
from journal.ui.widgets.dialog_frame import FramedDialog, add_row, muted

if TYPE_CHECKING:
    from journal.services import Services

READABLE_WORDS = (
    "Exports as JSON or CSV are readable: anyone who gets the file can read everything in it, "
    "even if your journal is encrypted. An encrypted export opens only with the passphrase "
    "you choose here (it can differ from the journal's); Interplay's Import reads it back."
)
PLAIN_EXPORT_TITLE = "Export the journal as {what} (readable by anyone who has the file)"


class EncryptedExportDialog(FramedDialog):
    """A passphrase for one export, typed twice, with the plain words around it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Export, encrypted", READABLE_WORDS, parent)
        self.setObjectName("encryptedExportDialog")
        form = self.add_section("", "")
        self.new = PassphraseField("Passphrase for the export")
        add_row(form, "&Passphrase", self.new)
        self.again = PassphraseField("The same again", show_toggle=False)
        self.new.show_characters.toggled.connect(self.again._show)
        add_row(form, "The same &again", self.again)
        self.body.addWidget(
            muted(
                "If this passphrase is forgotten, the export cannot be opened by anyone.",
                name="dataNote",
            )
        )
        self.problem = muted("", name="dataError")
        self.problem.setVisible(False)
        self.body.addWidget(self.problem)
        type_through(self.new, self.again)
        self.add_buttons("&Choose where…")
        self.setMinimumWidth(520)
        self.fit_to_screen()

    def save(self) -> None:
        from journal.services.privacy import passphrase_problem

        found = passphrase_problem(self.new.text)
        if found:
            problem = found[0].upper() + found[1:] + "."
        elif self.new.text != self.again.text:
            problem = "The two passphrases differ. Type the same one twice."
        else:
            problem = ""
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.fit_to_screen()
        if not problem:
            self.accept()


def export_encrypted(parent: QWidget, services: Services) -> str | None:
    """Ask for a passphrase and a file, then export sealed; the status line (None: nothing)."""
    from journal.services.sealed_exports import SEALED_SUFFIX, export_sealed

    ask = EncryptedExportDialog(parent)
    if not ask.exec():
        return None
    passphrase = ask.new.text
    suggested = str(Path.home() / f"interplay-export-{date.today().isoformat()}{SEALED_SUFFIX}")
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        "Export the journal, encrypted",
        suggested,
        f"Encrypted Interplay export (*{SEALED_SUFFIX})",
    )
    if not path:
        return None
    outcome = run_with_progress(
        parent,
        f"Export — {APP_NAME}",
        "Exporting and encrypting your journal…",
        lambda progress, cancel: export_sealed(
            services.exports, Path(path), passphrase, on_progress=progress, should_cancel=cancel
        ),
    )
    if not outcome.ok:
        if "cancelled" in outcome.message:
            return "Export cancelled; nothing was written."
        QMessageBox.warning(parent, "Export failed", outcome.message)
        return None
    return f"Exported {outcome.result.entries:,} entries, encrypted, to {outcome.result.path}."


class SealedImport:
    """The plain export inside an encrypted one, kept while it is being imported."""

    def __init__(self) -> None:
        self._stack = contextlib.ExitStack()
        self.path: Path | None = None

    def open(self, parent: QWidget | None, sealed: Path) -> Path | None:
        """Ask for the export's passphrase until it opens it (or the person cancels)."""
        from journal.services.sealed_exports import WrongPassphraseError, unsealed

        def check(passphrase: str) -> bool:
            try:
                self.path = self._stack.enter_context(unsealed(sealed, passphrase))
            except WrongPassphraseError:
                return False
            return True

        dialog = UnlockDialog(check, str(sealed), parent)
        dialog.title.setText("This export is encrypted")
        dialog.subtitle.setText("Type the passphrase it was exported with to import it.")
        retitled(dialog, "&Import")
        if not dialog.exec():
            self.close()
            return None
        return self.path

    def close(self) -> None:
        self._stack.close()
        self.path = None


def import_source(parent: QWidget, path: Path) -> tuple[Path, SealedImport | None] | None:
    """What to import for the chosen ``path``: itself, or (encrypted) the export inside it."""
    from journal.services.sealed_exports import looks_sealed

    if not looks_sealed(path):
        return path, None
    sealed = SealedImport()
    plain = sealed.open(parent, path)
    return None if plain is None else (plain, sealed)
