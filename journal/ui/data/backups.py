"""The Backups window: the journal's automatic and manual backups, and restoring one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journal import APP_NAME
from journal.services import Services
from journal.services.maintenance import BackupInfo
from journal.ui.data.common import (
    DATA_SHEET,
    button,
    data_size,
    error_label,
    heading,
    local_datetime,
    note_label,
)
from journal.ui.forms.theme import style_form
from journal.ui.runner import run_with_progress

COLUMNS = ("Taken", "Why", "Size", "Checked")


class BackupsDialog(QDialog):
    """Lists the backups (newest first); backs up now; restores the one selected."""

    restored = Signal(object)
    """Emitted with the restored ``BackupInfo`` after a restore."""

    def __init__(self, data: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = data
        self.backups: list[BackupInfo] = []
        self.setWindowTitle(f"Backups — {APP_NAME}")
        self.setModal(True)
        self.setMinimumSize(620, 440)
        style_form(self)
        self.setStyleSheet(self.styleSheet() + DATA_SHEET)
        self._build()
        self.refresh()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 20)
        layout.setSpacing(14)
        layout.addWidget(heading("Backups", self.font()))
        layout.addWidget(
            note_label(
                "Interplay backs your journal up once a day and before every import, restore "
                "and update, and keeps recent ones plus one a day, a week and a month. Each "
                f"backup is checked when it is made. They are in {self._data.data_dir / 'backups'}."
            )
        )
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("backupList")
        self.table.setAccessibleName("Backups, newest first")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        layout.addWidget(self.table, 1)
        self.empty_note = note_label("No backups yet. The first is made when you next start.")
        layout.addWidget(self.empty_note)
        self.status = note_label()
        self.status.setAccessibleName("Result")
        layout.addWidget(self.status)
        self.error = error_label()
        layout.addWidget(self.error)
        layout.addLayout(self._buttons())

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.backup_button = button("Back up now", "backupNow", "Back up the journal now")
        self.backup_button.clicked.connect(self.back_up_now)
        row.addWidget(self.backup_button)
        row.addStretch(1)
        self.close_button = button("Close", "cancelButton", "Close backups")
        self.close_button.clicked.connect(self.accept)
        self.restore_button = button("Restore…", "primaryButton", "Restore the selected backup")
        self.restore_button.clicked.connect(self.restore_selected)
        row.addWidget(self.close_button)
        row.addWidget(self.restore_button)
        return row

    # --- the list ------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.backups = self._data.maintenance.backups()
        self.table.setRowCount(len(self.backups))
        for row, backup in enumerate(self.backups):
            cells = (
                local_datetime(backup.taken_at),
                backup.label,
                data_size(backup.size_bytes),
                "✓ Verified" if backup.verified else "Not checked",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self.empty_note.setVisible(not self.backups)
        if self.backups and not self.table.selectedItems():
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    # --- actions -------------------------------------------------------------------------------

    def back_up_now(self) -> None:
        self.error.hide()
        outcome = run_with_progress(
            self,
            f"Backup — {APP_NAME}",
            "Backing up and checking the copy…",
            lambda _progress, _cancel: self._data.maintenance.backup(),
        )
        if not outcome.ok:
            self._show_error(outcome.message)
            return
        info = outcome.result
        self.refresh()
        self.status.setText(f"Backed up ({data_size(info.size_bytes)}, checked).")

    def confirm_restore(self, backup: BackupInfo) -> bool:
        """Ask before replacing the journal (tests replace this with a plain function)."""
        answer = QMessageBox.question(
            self,
            f"Restore — {APP_NAME}",
            f"Replace your journal with the backup of {local_datetime(backup.taken_at)}?\n\n"
            "Your journal as it is now is backed up first, so you can come back to it.",
            QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Ok,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Ok

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is None or not self.confirm_restore(backup):
            return
        self.error.hide()
        outcome = run_with_progress(
            self,
            f"Restore — {APP_NAME}",
            "Restoring the backup…",
            lambda _progress, _cancel: self._data.maintenance.restore(backup.path),
        )
        if not outcome.ok:
            self._show_error(outcome.message)
            return
        safety = outcome.result
        self.refresh()
        text = f"Restored the backup of {local_datetime(backup.taken_at)}."
        if safety is not None:
            text += " Your journal as it was is kept as the backup “Before a restore”."
        self.status.setText(text)
        self.restored.emit(backup)

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
