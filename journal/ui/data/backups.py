"""The Backups window: the backups in the journal's folder and in a second folder (a USB
stick), each with its free space; backing up now, choosing the second folder, restoring."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from journal import APP_NAME
from journal.services.maintenance import BackupInfo, BackupPlace
from journal.ui.data.common import data_size, local_datetime
from journal.ui.runner import run_with_progress
from journal.ui.widgets.dialog_frame import FramedDialog, muted, text_button

COLUMNS = ("Taken", "Why", "Size", "Checked")
SECOND_FOLDER_PITCH = (
    "Keep a second copy of the daily and manual backups on another drive, such as a USB "
    "stick, so a lost or broken computer does not take them all. When the drive is "
    "unplugged, Interplay says so here and copies again at the next backup."
)

if TYPE_CHECKING:
    from journal.services import Services


def _table(name: str, accessible: str) -> QTableWidget:
    table = QTableWidget(0, len(COLUMNS))
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setHorizontalHeaderLabels(list(COLUMNS))
    table.verticalHeader().hide()
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = table.horizontalHeader()
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    for column in (0, 2, 3):  # the date whole, even in the largest text
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    table.setMinimumHeight(150)
    return table


def _fill(table: QTableWidget, backups: list[BackupInfo]) -> None:
    table.setRowCount(len(backups))
    for row, backup in enumerate(backups):
        cells = (
            local_datetime(backup.taken_at),
            backup.label,
            data_size(backup.size_bytes),
            "✓ Verified" if backup.verified else "Not checked",
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column == 2:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(row, column, item)
    table.resizeRowsToContents()
    if backups and not table.selectedItems():
        table.selectRow(0)


def place_words(place: BackupPlace) -> str:
    """One line about a folder: where it is, how many backups, the free space."""
    count = len(place.backups)
    if not place.connected:
        return f"{place.folder} · not connected"
    text = f"{place.folder} · {count} backup{'s' if count != 1 else ''}"
    if place.free_bytes is not None:
        text += f" · {data_size(place.free_bytes)} free"
    return text


class BackupsDialog(FramedDialog):
    """Lists each folder's backups (newest first); backs up now; restores the one selected."""

    restored = Signal(object)
    """Emitted with the restored ``BackupInfo`` after a restore."""

    def __init__(self, data: Services, parent: QWidget | None = None) -> None:
        super().__init__(
            "Backups",
            "Interplay backs your journal up once a day and before every import, restore and "
            "update, and keeps recent ones plus one a day, a week and a month. Each backup is "
            "checked when it is made.",
            parent,
        )
        self.setObjectName("backupsDialog")
        self._data = data
        self.places: list[BackupPlace] = []
        self.backups: list[BackupInfo] = []
        self.second_backups: list[BackupInfo] = []
        self._build()
        self.setMinimumWidth(680)
        self.refresh()
        self.fit_to_screen()

    # --- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("backupPlaces")
        self.tabs.setDocumentMode(False)
        self.tabs.addTab(self._own_page(), "On this computer")
        self.tabs.addTab(self._second_page(), "Second folder")
        self.tabs.currentChanged.connect(lambda _i: self._update_buttons())
        self.body.addWidget(self.tabs, 1)
        self.status = muted()
        self.status.setAccessibleName("Result")
        self.status.hide()
        self.body.addWidget(self.status)
        self.error = QLabel()
        self.error.setObjectName("dataError")
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Problem")
        self.error.hide()
        self.body.addWidget(self.error)
        self.add_buttons("&Restore…", cancel="Close")
        assert self.save_button is not None
        self.restore_button: QPushButton = self.save_button
        self.restore_button.setAccessibleName("Restore the selected backup")
        self.restore_button.setDefault(False)
        self.restore_button.setAutoDefault(False)
        self.close_button = self.cancel_button
        self.close_button.setDefault(True)
        self.backup_button = text_button("&Back up now", "backupNow")
        self.backup_button.setAccessibleName("Back up the journal now")
        self.backup_button.clicked.connect(self.back_up_now)
        self.left_buttons.addWidget(self.backup_button)

    def _page(self) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(10)
        return page, layout

    def _own_page(self) -> QWidget:
        page, layout = self._page()
        self.own_words = muted()
        self.own_words.setObjectName("ownFolder")
        self.own_words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.own_words)
        self.table = _table("backupList", "Backups on this computer, newest first")
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        layout.addWidget(self.table, 1)
        self.empty_note = muted("No backups yet. The first is made when you next start.")
        layout.addWidget(self.empty_note)
        return page

    def _second_page(self) -> QWidget:
        page, layout = self._page()
        self.second_words = muted()
        self.second_words.setObjectName("secondFolder")
        self.second_words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.second_words)
        self.second_state = muted(name="reason")
        self.second_state.setObjectName("secondState")
        layout.addWidget(self.second_state)
        self.second_table = _table("secondBackupList", "Backups in the second folder, newest first")
        self.second_table.itemSelectionChanged.connect(self._update_buttons)
        self.second_table.doubleClicked.connect(lambda _index: self.restore_selected())
        layout.addWidget(self.second_table, 1)
        row = QHBoxLayout()
        self.choose_button = text_button("&Choose a folder…", "chooseSecondFolder")
        self.choose_button.clicked.connect(self.choose_second_folder)
        self.stop_button = text_button("&Stop copying there", "stopSecondFolder")
        self.stop_button.clicked.connect(self.stop_second_folder)
        row.addWidget(self.choose_button)
        row.addWidget(self.stop_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(0)  # takes the room only while there is no table to show
        return page

    # --- the lists -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self.places = self._data.maintenance.places()
        own = self.places[0]
        self.backups = own.backups
        self.own_words.setText(place_words(own))
        _fill(self.table, own.backups)
        self.empty_note.setVisible(not own.backups)
        self.tabs.setTabText(0, f"On this computer ({len(own.backups)})")
        self._refresh_second(self.places[1] if len(self.places) > 1 else None)
        self._update_buttons()

    def _refresh_second(self, place: BackupPlace | None) -> None:
        self.second_backups = place.backups if place is not None else []
        _fill(self.second_table, self.second_backups)
        self.stop_button.setVisible(place is not None)
        if place is None:
            self.tabs.setTabText(1, "Second folder")
            self.second_words.setText(SECOND_FOLDER_PITCH)
            self.second_state.hide()
            self.second_table.hide()
            self.choose_button.setText("&Choose a folder…")
            return
        self.second_table.setVisible(place.connected)
        self.choose_button.setText("&Choose another folder…")
        self.second_words.setText(place_words(place))
        if not place.connected:
            self.tabs.setTabText(1, "Second folder (not connected)")
            self.second_state.setText(
                "Not connected: the folder is not there now (is the drive unplugged?). Your "
                "backups on this computer are fine. Plug the drive in, and the next backup "
                "is copied there, or press Back up now."
            )
        elif place.problem:
            self.tabs.setTabText(1, f"Second folder ({len(place.backups)})")
            self.second_state.setText(f"The last copy was not made: {place.problem}")
        else:
            self.tabs.setTabText(1, f"Second folder ({len(place.backups)})")
            self.second_state.setText(
                "Every daily and manual backup is copied here, checked, and thinned on the "
                "same plan as the ones on this computer."
            )
        self.second_state.show()

    def selected(self) -> BackupInfo | None:
        second = self.tabs.currentIndex() == 1
        table = self.second_table if second else self.table
        backups = self.second_backups if second else self.backups
        if table.isHidden():
            return None
        rows = table.selectionModel().selectedRows()
        return backups[rows[0].row()] if rows and rows[0].row() < len(backups) else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    # --- actions -------------------------------------------------------------------------------

    def back_up_now(self) -> None:
        self._clear_messages()
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
        text = f"Backed up ({data_size(info.size_bytes)}, checked)."
        if len(self.places) > 1:
            second = self.places[1]
            if not second.connected:
                text += " The second folder is not connected, so no copy went there."
            elif second.problem:
                text += " The copy to the second folder was not made; see its tab."
            else:
                text += f" Copied to {second.folder} too."
        self._show_status(text)

    def choose_folder_path(self) -> Path | None:
        """Ask where the second copies go (tests replace this with a plain function)."""
        start = self._data.maintenance.second_folder or Path.home()
        name = QFileDialog.getExistingDirectory(
            self, "Choose a second folder for backups", str(start)
        )
        return Path(name) if name else None

    def choose_second_folder(self) -> None:
        folder = self.choose_folder_path()
        if folder is None:
            return
        self._clear_messages()
        outcome = run_with_progress(
            self,
            f"Backups — {APP_NAME}",
            f"Copying the newest backup to {folder}…",
            lambda _progress, _cancel: self._data.maintenance.set_second_folder(folder),
        )
        if not outcome.ok:
            self._show_error(outcome.message + " The second folder was not changed.")
            return
        self.refresh()
        self.tabs.setCurrentIndex(1)
        copied = " The newest backup is copied there." if outcome.result is not None else ""
        self._show_status(f"Backups are also copied to {folder}.{copied}")

    def stop_second_folder(self) -> None:
        folder = self._data.maintenance.second_folder
        self._data.maintenance.set_second_folder(None)
        self.refresh()
        self._show_status(
            f"Backups are no longer copied to {folder}. The copies already there are kept."
        )

    def confirm_restore(self, backup: BackupInfo) -> bool:
        """Ask before replacing the journal (tests replace this with a plain function)."""
        own = self.places[0].folder if self.places else None
        where = "" if backup.path.parent == own else f" in {backup.path.parent}"
        answer = QMessageBox.question(
            self,
            f"Restore — {APP_NAME}",
            f"Replace your journal with the backup of {local_datetime(backup.taken_at)}{where}?"
            "\n\nYour journal as it is now is backed up first, so you can come back to it.",
            QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Ok,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Ok

    def save(self) -> None:  # the main button is Restore
        self.restore_selected()

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is None or not self.confirm_restore(backup):
            return
        from journal.ui.privacy.unlock_dialog import ask_backup_passphrase

        if not ask_backup_passphrase(self, self._data, backup.path):  # made under another
            return
        self._clear_messages()
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
        self._show_status(text)
        self.restored.emit(backup)

    def _clear_messages(self) -> None:
        self.error.hide()
        self.status.hide()

    def _show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
