"""The import window: checks the file, shows what would be added, then imports with progress.

A Dexcom Clarity or LibreView export opens ``CgmImportDialog`` instead (``import_dialog_for``).

Nothing is written until the person presses Import; the import is all or nothing, so Cancel
(or any problem in the file) leaves the journal exactly as it was.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QProgressBar,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from journal.domain.vocabulary import EntryKind
from journal.services.imports import ImportPreview, ImportReport
from journal.ui.icons import icon, kind_accent, kind_icon
from journal.ui.runner import PROGRESS_STEPS, BackgroundTask, Work
from journal.ui.widgets.dialog_frame import FramedDialog, muted

if TYPE_CHECKING:
    from journal.services import Services
    from journal.ui.data.cgm_import import CgmImportDialog

State = Literal["checking", "preview", "importing", "done", "failed"]
# The app's own icon for the lists an export carries besides entries.
_CATALOGUE_ICONS = {
    "medications": "dose",
    "trackers": "tracker",
    "flare_episodes": "flare",
    "goals": "goals",
    "favourites": "meal",
    "reminders": "calendar",
    "experiments": "insights",
    "cgm_readings": "glucose",
}
_ENTRY_KINDS = {kind.value: kind for kind in EntryKind}
# Room the rest of the window needs beside the table (heading, summary, notes, buttons).
_AROUND_TABLE = 400


def section_icon(key: str) -> QIcon:
    kind = _ENTRY_KINDS.get(key)
    if kind is not None:
        return kind_icon(kind, kind_accent(kind))
    name = _CATALOGUE_ICONS.get(key)
    return icon(name) if name else QIcon()


class ImportPreviewDialog(FramedDialog):
    """Preview and run the import of one file (JSON export, CSV folder or CSV file)."""

    imported = Signal(object)
    """Emitted with the ``ImportReport`` once the import has been written."""

    def __init__(
        self,
        data: Services,
        path: Path,
        fmt: Literal["auto", "json", "csv"] = "auto",
        parent: QWidget | None = None,
        shown: Path | None = None,
    ) -> None:
        """``shown``: the file the person chose, when ``path`` is the plain export read
        from inside it (an encrypted export); named in the title and the summary."""
        super().__init__(
            f"Import {(shown or path).name}",
            "Checking the file; nothing is changed yet…",
            parent,
            window_title="Import",
        )
        self.setObjectName("importPreviewDialog")
        self._data = data
        self._path = path
        self._shown = shown or path
        self._format = fmt
        self._task: BackgroundTask | None = None
        self.state: State = "checking"
        self.preview: ImportPreview | None = None
        self.report: ImportReport | None = None
        self.setMinimumWidth(600)
        self._build()
        self._start(self._check_work(), self._show_preview)

    # --- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.message = self.subtitle
        self.message.setAccessibleName("What is happening")
        self.summary = QLabel()
        self.summary.setObjectName("summaryCard")
        self.summary.setAccessibleName("What the import adds")
        self.summary.setWordWrap(True)
        self.summary.hide()
        self.body.addWidget(self.summary)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("importCounts")
        self.table.setAccessibleName("What the import adds, by kind")
        self.table.setHorizontalHeaderLabels(["", "New", "Already in your journal"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.hide()
        self.body.addWidget(self.table, 1)
        self.progress = QProgressBar()
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setAccessibleName("Progress")
        self.progress.setTextVisible(False)
        self.body.addWidget(self.progress)
        self.error = QLabel()
        self.error.setObjectName("dataError")
        self.error.setAccessibleName("Problem")
        self.error.setWordWrap(True)
        self.error.hide()
        self.body.addWidget(self.error)
        self.changed_note = QLabel()
        self.changed_note.setObjectName("importChanged")
        self.changed_note.setWordWrap(True)
        self.changed_note.hide()
        self.body.addWidget(self.changed_note)
        self.keep_journal = QRadioButton("&Keep your journal's version")
        self.keep_journal.setObjectName("keepJournalVersion")
        self.keep_journal.setChecked(True)
        self.take_file = QRadioButton("&Take the file's version")
        self.take_file.setObjectName("takeFileVersion")
        for choice in (self.keep_journal, self.take_file):
            choice.hide()
            self.body.addWidget(choice)
        self.backup_note = muted(
            "Your journal is backed up first. The import is all or nothing: if anything in "
            "the file is wrong, nothing is added."
        )
        self.backup_note.hide()
        self.body.addWidget(self.backup_note)
        self.add_buttons("&Import")
        assert self.save_button is not None
        self.import_button = self.save_button
        self.import_button.setAccessibleName("Import these records")
        self.import_button.setEnabled(False)
        self.import_button.clicked.disconnect(self.save)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.disconnect(self.reject)
        self.cancel_button.clicked.connect(self._cancel)
        self.cancel_button.setAccessibleName("Cancel the import")

    # --- running work ------------------------------------------------------------------------

    def _check_work(self) -> Work:
        return lambda progress, cancel: self._data.imports.preview_import(
            self._path, self._format, progress, cancel
        )

    def _start(self, work: Work, on_success: object) -> None:
        task = BackgroundTask(work, self)
        task.progressed.connect(self._on_progress)
        task.succeeded.connect(on_success)
        task.failed.connect(self._show_failure)
        self._task = task
        self.progress.setValue(0)
        self.progress.show()
        task.start()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setValue(round(PROGRESS_STEPS * done / max(1, total)))

    def wait_for_task(self) -> None:
        """Block until background work has ended (closing, and tests)."""
        if self._task is not None:
            self._task.wait()

    # --- states ------------------------------------------------------------------------------

    def _show_preview(self, preview: object) -> None:
        assert isinstance(preview, ImportPreview)
        self.preview = preview
        self.state = "preview"
        self.progress.hide()
        self._fill_table(preview)
        if preview.total_changed:
            self._offer_choice(preview)
        if preview.total_to_add == 0 and not preview.total_changed:
            self.message.setText(
                "Everything in this file is already in your journal; there is nothing to add."
            )
            self.cancel_button.setText("Close")
            self.cancel_button.setFocus()
            return
        added = preview.total_to_add
        self.message.setText(
            f"{added:,} new record{'s' if added != 1 else ''} will be added when you press "
            "Import; until then nothing is changed."
        )
        if not added:
            self.message.setText(
                "Nothing in this file is new; some records differ from your journal. Choose "
                "which version to keep, then press Import."
            )
        self.summary.setText(preview.summary())
        self.summary.show()
        self.backup_note.show()
        self.import_button.setEnabled(True)
        self.import_button.setFocus()

    def _offer_choice(self, preview: ImportPreview) -> None:
        """Records whose uid is in the journal with other content: which version to keep."""
        changed = preview.total_changed
        kinds = ", ".join(
            f"{count:,} {label.lower()}"
            for key, label, _new, _present in preview.sections()
            if (count := preview.changed.get(key, 0))
        )
        self.changed_note.setText(
            f"Changed: {changed:,} record{'s' if changed != 1 else ''} ({kinds}) "
            "are in your journal with different content."
        )
        self.changed_note.show()
        self.keep_journal.show()
        self.take_file.show()

    def changed_choice(self) -> Literal["keep", "update"]:
        """What the import does with changed records (the two choices under the table)."""
        return "update" if self.take_file.isChecked() else "keep"

    def _fill_table(self, preview: ImportPreview) -> None:
        sections = preview.sections()
        self.table.setRowCount(len(sections))
        for row, (key, label, new, present) in enumerate(sections):
            cells = [label, f"{new:,}", f"{present:,}"]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                else:
                    item.setIcon(section_icon(key))
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self.table.setMinimumHeight(self._table_height(len(sections)))
        self.table.show()
        # Once the summary and the table have taken their size: grow, and stay on screen.
        QTimer.singleShot(0, self, self.fit_to_screen)

    def _table_height(self, rows: int) -> int:
        """Tall enough to show every row, as far as the screen allows."""
        header = self.table.horizontalHeader().sizeHint().height()
        row = self.table.rowHeight(0) if rows else 0
        wanted = header + rows * row + 2 * self.table.frameWidth() + 2
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().height() - _AROUND_TABLE if screen else 360
        return max(min(wanted, room), min(wanted, 4 * max(row, 1) + header))

    def start_import(self) -> None:
        """Write the records (the Import button)."""
        preview = self.preview
        if self.state != "preview" or preview is None:
            return
        if not preview.total_to_add and not preview.total_changed:
            return
        choice = self.changed_choice()
        self.state = "importing"
        self.import_button.setEnabled(False)
        self.message.setText("Importing… You can cancel: nothing is kept unless it all works.")
        self._start(
            lambda progress, cancel: self._data.imports.import_journal(
                self._path, self._format, progress, cancel, changed=choice
            ),
            self._show_report,
        )

    def _show_report(self, report: object) -> None:
        assert isinstance(report, ImportReport)
        report = dataclasses.replace(report, path=self._shown)
        self.report = report
        self.state = "done"
        self.progress.setValue(PROGRESS_STEPS)
        self.message.setText(report.summary())
        self.summary.hide()
        self.backup_note.hide()
        for widget in (self.changed_note, self.keep_journal, self.take_file):
            widget.hide()
        self.cancel_button.hide()
        self.import_button.setText("Done")
        self.import_button.setEnabled(True)
        self.import_button.clicked.disconnect(self.start_import)
        self.import_button.clicked.connect(self.accept)
        self.import_button.setFocus()
        self.imported.emit(report)

    def _show_failure(self, message: str) -> None:
        self.state = "failed"
        self.progress.hide()
        self.backup_note.hide()
        self.error.setText(message)
        self.error.show()
        self.message.setText("Your journal has not been changed.")
        self.import_button.setEnabled(False)
        self.cancel_button.setText("Close")
        self.cancel_button.setFocus()

    def _cancel(self) -> None:
        if self._task is not None and self._task.isRunning():
            self._task.cancel()
            self._task.wait()
        self.reject()

    def done(self, result: int) -> None:  # Esc and the window's close button come here too
        if self._task is not None and self._task.isRunning():
            self._task.cancel()
            self._task.wait()
        super().done(result)


def import_dialog_for(
    data: Services, chosen: Path, parent: QWidget | None = None, shown: Path | None = None
) -> ImportPreviewDialog | CgmImportDialog:
    """The import window for a file the person chose: a CGM export gets its own preview
    (device, dates, readings new and present, gaps, the zone); a file of an Interplay CSV
    export imports its whole folder; anything else is read as an Interplay export."""
    if data.cgm.detect(chosen) is not None:
        from journal.ui.data.cgm_import import CgmImportDialog

        return CgmImportDialog(data, chosen, parent)
    # A CSV export is a folder: choosing any of its files imports the whole folder.
    source = chosen.parent if chosen.suffix.lower() == ".csv" else chosen
    return ImportPreviewDialog(data, source, parent=parent, shown=shown)
