"""The import window for a Dexcom Clarity or LibreView export: what it holds, what is new.

It reads the file in the background (the runner), then shows the device, the dates, the
readings new and already present, the gaps in the sensor's record, the time zone the file's
clock times are read in (the person's own by default; choosing another reads the file again)
and, when the file has food or notes, whether to add them as entries. Nothing is written
until the person presses Import, and the import is all or nothing.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from zoneinfo import available_timezones

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from journal import APP_NAME
from journal.services.cgm import CgmImportReport, zone_from_name
from journal.services.cgm.importing import CgmPreview
from journal.ui.data.common import (
    DATA_SHEET,
    button,
    error_label,
    heading,
    local_datetime,
    note_label,
)
from journal.ui.forms.theme import style_form
from journal.ui.runner import PROGRESS_STEPS, BackgroundTask, Work

if TYPE_CHECKING:
    from journal.services import Services

State = Literal["checking", "preview", "importing", "done", "failed"]
_EXTRA_WORDS = {
    "calibration": ("calibration", "calibrations"),
    "insulin": ("insulin dose", "insulin doses"),
    "carbs": ("carb entry", "carb entries"),
    "food": ("food record", "food records"),
    "note": ("note", "notes"),
    "ketone": ("ketone reading", "ketone readings"),
    "exercise": ("exercise record", "exercise records"),
    "health": ("health event", "health events"),
}


def duration_text(minutes: float) -> str:
    """ "45 min", "3 h 20 min", "2 days 4 h"."""
    total = round(minutes)
    days, rest = divmod(total, 1440)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} day{'s' if days != 1 else ''} {hours} h"
    if hours:
        return f"{hours} h {mins} min" if mins else f"{hours} h"
    return f"{mins} min"


class CgmImportDialog(QDialog):
    """Preview and run the import of one CGM export."""

    imported = Signal(object)
    """Emitted with the ``CgmImportReport`` once the readings have been written."""

    def __init__(self, data: Services, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = data
        self._path = path
        self._task: BackgroundTask | None = None
        self.state: State = "checking"
        self.preview: CgmPreview | None = None
        self.report: CgmImportReport | None = None
        self.setWindowTitle(f"Import CGM readings — {APP_NAME}")
        self.setObjectName("cgmImportDialog")
        self.setModal(True)
        self.setMinimumWidth(600)
        style_form(self)
        self.setStyleSheet(self.styleSheet() + DATA_SHEET)
        self._build()
        self.check()

    # --- layout ------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(heading(f"Import {self._path.name}", self.font()))
        self.message = note_label("Reading the file; nothing is changed yet…")
        layout.addWidget(self.message)
        self.facts = QWidget()
        form = QFormLayout(self.facts)
        form.setContentsMargins(0, 4, 0, 4)
        form.setHorizontalSpacing(18)
        form.setVerticalSpacing(8)
        self.device_label = self._fact()
        self.dates_label = self._fact()
        self.readings_label = self._fact()
        self.gaps_label = self._fact()
        form.addRow("Device", self.device_label)
        form.addRow("Dates", self.dates_label)
        form.addRow("Readings", self.readings_label)
        form.addRow("Gaps", self.gaps_label)
        self.zone_box = self._zone_box()
        form.addRow("Time zone", self.zone_box)
        self.facts.hide()
        layout.addWidget(self.facts)
        self.zone_note = note_label(
            "The file gives clock times without a zone: they are read as lived in this zone."
        )
        self.zone_note.hide()
        layout.addWidget(self.zone_note)
        self.warning = error_label()
        self.warning.setObjectName("cgmZoneWarning")
        layout.addWidget(self.warning)
        self.entries_box = QCheckBox()
        self.entries_box.setObjectName("cgmEntries")
        self.entries_box.hide()
        layout.addWidget(self.entries_box)
        self.others = note_label()
        self.others.hide()
        layout.addWidget(self.others)
        self.progress = QProgressBar()
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setAccessibleName("Progress")
        self.progress.setTextVisible(False)
        layout.addWidget(self.progress)
        self.error = error_label()
        layout.addWidget(self.error)
        self.backup_note = note_label(
            "Your journal is backed up first. The import is all or nothing, and Edit > Undo "
            "(or “Undo this import” in the Glucose view) takes it out again."
        )
        self.backup_note.hide()
        layout.addWidget(self.backup_note)
        layout.addLayout(self._buttons())

    def _fact(self) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _zone_box(self) -> QComboBox:
        box = QComboBox()
        box.setObjectName("cgmZone")
        box.setAccessibleName("Time zone the file's times were lived in")
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        current = self._data.cgm.zone_name()
        names = sorted(available_timezones() | {current})
        box.addItems(names)
        box.setCurrentText(current)
        completer = QCompleter(names, box)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        box.setCompleter(completer)
        box.activated.connect(lambda _index: self._zone_chosen())
        line = box.lineEdit()
        if line is not None:
            line.editingFinished.connect(self._zone_chosen)
        return box

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        self.cancel_button = button("Cancel", "cancelButton", "Cancel the import")
        self.cancel_button.clicked.connect(self._cancel)
        self.import_button = button("Import", "primaryButton", "Import these readings")
        self.import_button.setDefault(True)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        row.addWidget(self.cancel_button)
        row.addWidget(self.import_button)
        return row

    # --- running work --------------------------------------------------------------------------

    @property
    def zone_name(self) -> str:
        return self.zone_box.currentText().strip()

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

    def check(self) -> None:
        """Read the file in the chosen zone and compare it with the journal."""
        zone = zone_from_name(self.zone_name)
        if zone is None:
            self.error.setText(f"“{self.zone_name}” is not a time zone this computer knows.")
            self.error.show()
            return
        self.state = "checking"
        self.error.hide()
        self.import_button.setEnabled(False)
        self.message.setText("Reading the file; nothing is changed yet…")
        self._start(
            lambda progress, cancel: self._data.cgm.preview_file(
                self._path, zone=zone, on_progress=progress, should_cancel=cancel
            ),
            self._show_preview,
        )

    def _zone_chosen(self) -> None:
        preview = self.preview
        if self.state == "preview" and preview is not None and self.zone_name != preview.zone:
            self.wait_for_task()
            self.check()

    # --- states --------------------------------------------------------------------------------

    def _show_preview(self, preview: object) -> None:
        assert isinstance(preview, CgmPreview)
        self.preview = preview
        self.state = "preview"
        self.progress.hide()
        self._fill(preview)
        if not preview.new and not preview.entries_new:
            self.message.setText(
                "Every reading in this file is already in your journal; there is nothing to add."
            )
            self.cancel_button.setText("Close")
            self.cancel_button.setFocus()
            return
        self.message.setText(f"{preview.new:,} new readings will be added.")
        self.backup_note.show()
        self.import_button.setEnabled(True)
        self.import_button.setFocus()

    def _fill(self, preview: CgmPreview) -> None:
        self.facts.show()
        self.zone_note.show()
        device = preview.device_name
        if preview.devices and preview.device_text != device:
            shown = preview.device_text
            # "FreeStyle Libre 2 (serial)" says it all; "Dexcom G6 — iPhone G6 (serial)" not.
            device = shown if shown.startswith(device) else f"{device} — {shown}"
        if preview.interval_minutes:
            device += f", a reading every {preview.interval_minutes} min"
        self.device_label.setText(device)
        self.dates_label.setText(_dates_text(preview))
        self.readings_label.setText(_readings_text(preview))
        self.gaps_label.setText(_gaps_text(preview))
        warning = preview.zone_warning
        self.warning.setText(warning or "")
        self.warning.setVisible(bool(warning))
        food = preview.extras.get("food", 0) + preview.extras.get("carbs", 0)
        notes = preview.extras.get("note", 0)
        if preview.entries_new:
            parts = []
            if food:
                parts.append(f"{food:,} food record{'s' if food != 1 else ''} as meals")
            if notes:
                parts.append(f"{notes:,} note{'s' if notes != 1 else ''}")
            self.entries_box.setText(f"Also add the file's {' and '.join(parts)} to the journal")
            self.entries_box.setToolTip(
                f"{preview.entries_new:,} new entries; {preview.entries_present:,} are already in "
                "your journal."
            )
            self.entries_box.show()
        else:
            self.entries_box.hide()
        self.others.setText(_others_text(preview))
        self.others.setVisible(bool(self.others.text()))

    def start_import(self) -> None:
        """Write the readings (the Import button)."""
        if self.state != "preview" or self.preview is None:
            return
        zone = zone_from_name(self.preview.zone)
        with_entries = self.entries_box.isVisible() and self.entries_box.isChecked()
        self.state = "importing"
        self.import_button.setEnabled(False)
        self.zone_box.setEnabled(False)
        self.message.setText("Importing… You can cancel: nothing is kept unless it all works.")
        self._start(
            lambda progress, cancel: self._data.cgm.import_file(
                self._path,
                zone=zone,
                with_entries=with_entries,
                on_progress=progress,
                should_cancel=cancel,
            ),
            self._show_report,
        )

    def _show_report(self, report: object) -> None:
        assert isinstance(report, CgmImportReport)
        self.report = report
        self.state = "done"
        self.progress.setValue(PROGRESS_STEPS)
        self.message.setText(report.summary())
        self.backup_note.hide()
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


def _day(moment: datetime) -> str:
    return local_datetime(moment)


def _dates_text(preview: CgmPreview) -> str:
    if preview.first is None or preview.last is None:
        return "No readings with a date."
    return f"{_day(preview.first)} to {_day(preview.last)} ({preview.days:,} days)"


def _readings_text(preview: CgmPreview) -> str:
    lines = [f"{preview.new:,} new, {preview.present:,} already in your journal"]
    if preview.copies:
        lines.append(
            f"{preview.copies:,} left out as copies of another device's readings (the same "
            "value within two minutes)"
        )
    kinds = {k: n for k, n in preview.new_by_kind.items() if n}
    if len(kinds) > 1 or (kinds and "historic" not in kinds):
        lines.append("New: " + ", ".join(f"{n:,} {k}" for k, n in kinds.items()))
    return "\n".join(lines)


def _gaps_text(preview: CgmPreview) -> str:
    gaps = preview.gaps
    if not gaps:
        return "None of an hour or more."
    longest = max(gaps, key=lambda g: g.minutes)
    return (
        f"{len(gaps):,} gap{'s' if len(gaps) != 1 else ''} of an hour or more, "
        f"{duration_text(preview.gap_minutes)} in all; "
        f"the longest {duration_text(longest.minutes)} from {_day(longest.start)}"
    )


def _counted(count: int, kind: str) -> str:
    """ "1 insulin dose", "3 insulin doses"."""
    one, many = _EXTRA_WORDS.get(kind, (kind, kind))
    return f"{count:,} {one if count == 1 else many}"


def _others_text(preview: CgmPreview) -> str:
    kept = {"food", "carbs", "note"} if preview.entries_new else set()
    parts = [_counted(n, k) for k, n in preview.extras.items() if k not in kept and n]
    skipped = [f"{n:,} {reason}" for reason, n in preview.skipped.items()]
    text = ""
    if parts:
        text = "Also in the file, not imported: " + ", ".join(parts) + "."
    if skipped:
        text += (" " if text else "") + "Left out: " + "; ".join(skipped) + "."
    notes = [n for n in preview.notes if n]
    if notes:
        text += (" " if text else "") + " ".join(notes)
    return text
