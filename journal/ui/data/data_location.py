"""Where the data lives (for Settings): the folder, "Open data folder", "Delete all my data…"."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from journal import APP_NAME
from journal.services.errors import JournalError
from journal.ui.data.common import DATA_SHEET, button, error_label, note_label
from journal.ui.data.common import heading as heading_label
from journal.ui.forms.theme import style_form

if TYPE_CHECKING:
    from journal.services import Services

CONFIRM_WORD = "DELETE"


def open_folder(folder: Path) -> bool:
    """Show the folder in the system's file manager (a local file URL: no network)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class DataLocationPanel(QWidget):
    """The "Your data" section of Settings."""

    data_deleted = Signal()

    def __init__(
        self, data: Services, parent: QWidget | None = None, *, heading: bool = True
    ) -> None:
        super().__init__(parent)
        self._data = data
        self.setObjectName("dataLocationPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        if heading:  # Preferences titles the section itself
            self.setStyleSheet(DATA_SHEET)
            layout.addWidget(heading_label("Your data", self.font(), 1.2))
        layout.addWidget(
            note_label(
                "Everything you log stays on this computer, in this folder. Interplay never "
                "connects to the internet."
            )
        )
        self.path_label = QLabel(str(data.data_dir))
        self.path_label.setObjectName("dataPath")
        self.path_label.setAccessibleName("Data folder")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_label.setWordWrap(True)
        layout.addWidget(self.path_label)
        row = QHBoxLayout()
        self.open_button = button("Open data folder", "openDataFolder", "Open the data folder")
        self.open_button.clicked.connect(lambda: open_folder(self._data.data_dir))
        self.delete_button = button("Delete all my data…", "dangerButton", "Delete all my data")
        self.delete_button.clicked.connect(self.ask_delete)
        row.addWidget(self.open_button)
        row.addStretch(1)
        row.addWidget(self.delete_button)
        layout.addLayout(row)

    def make_delete_dialog(self) -> DeleteAllDataDialog:
        return DeleteAllDataDialog(self._data, self)

    def ask_delete(self) -> None:
        dialog = self.make_delete_dialog()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.data_deleted.emit()


class DeleteAllDataDialog(QDialog):
    """Confirms deleting everything by typing DELETE; offers to save a last copy first."""

    def __init__(self, data: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = data
        self.last_copy: Path | None = None
        self.setWindowTitle(f"Delete all my data — {APP_NAME}")
        self.setModal(True)
        self.setMinimumWidth(520)
        style_form(self)
        self.setStyleSheet(self.styleSheet() + DATA_SHEET)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 20)
        layout.setSpacing(14)
        layout.addWidget(heading_label("Delete all my data", self.font()))
        second = data.maintenance.second_folder
        elsewhere = (
            f" The copies in your second backup folder, {second}, are not touched."
            if second is not None
            else ""
        )
        layout.addWidget(
            note_label(
                "This deletes your journal and every backup in "
                f"{data.data_dir}. It cannot be undone.{elsewhere} You can save a last copy "
                "somewhere else first (a backup file you can restore later)."
            )
        )
        copy_row = QHBoxLayout()
        self.copy_button = button("Save a last copy…", "saveCopy", "Save a last copy first")
        self.copy_button.clicked.connect(self._choose_copy)
        self.copy_label = note_label("No copy will be saved.")
        copy_row.addWidget(self.copy_button)
        copy_row.addWidget(self.copy_label, 1)
        layout.addLayout(copy_row)
        layout.addWidget(QLabel(f"To confirm, type {CONFIRM_WORD}:"))
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setAccessibleName(f"Type {CONFIRM_WORD} to confirm")
        self.confirm_edit.setPlaceholderText(CONFIRM_WORD)
        self.confirm_edit.textChanged.connect(self._update_button)
        layout.addWidget(self.confirm_edit)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = button("Keep my data", "cancelButton", "Cancel and keep my data")
        cancel.clicked.connect(self.reject)
        cancel.setDefault(True)
        self.delete_button = button("Delete everything", "dangerButton", "Delete everything")
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.delete)
        buttons.addWidget(cancel)
        buttons.addWidget(self.delete_button)
        layout.addLayout(buttons)
        self.confirm_edit.setFocus()

    def choose_copy_path(self) -> Path | None:
        """Where to save the last copy (tests replace this with a plain function)."""
        name, _filter = QFileDialog.getSaveFileName(
            self,
            "Save a last copy of the journal",
            str(Path.home() / "interplay-last-copy.sqlite3"),
            "Interplay backup (*.sqlite3)",
        )
        return Path(name) if name else None

    def _choose_copy(self) -> None:
        path = self.choose_copy_path()
        if path is None:
            return
        self.last_copy = path
        self.copy_label.setText(f"A copy will be saved to {path} first.")

    def _update_button(self, text: str) -> None:
        self.delete_button.setEnabled(text.strip() == CONFIRM_WORD)

    def delete(self) -> None:
        if self.confirm_edit.text().strip() != CONFIRM_WORD:
            return
        try:
            self._data.maintenance.delete_all_data(self.last_copy)
        except JournalError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()
