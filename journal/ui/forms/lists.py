"""The lists the user keeps: medications and supplements they take, and their own trackers.
One dialog shape for both: the list on the left, the chosen item's form on the right."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journal import APP_NAME
from journal.domain.entries import Medication, Tracker
from journal.domain.errors import ValidationError
from journal.domain.vocabulary import MedicationKind, TrackerType
from journal.ui.forms.fields import (
    CheckField,
    ChoiceField,
    Field,
    TextField,
    TimeListField,
    entry_values,
    format_clock,
    muted_label,
)
from journal.ui.forms.inputs import action_button
from journal.ui.forms.panel import FormPanel, chain_tab_order
from journal.ui.forms.theme import style_form, title_label

if TYPE_CHECKING:
    from journal.services import Services


def ask_unsaved(parent: QWidget, what: str) -> str:
    """Ask what to do with unsaved changes: "save", "discard" or "cancel"."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        APP_NAME,
        f"Save your changes to {what}?",
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


class ListEditorDialog(QDialog):
    """Add, edit and pause the items of a list; Enter saves the item shown, Esc closes."""

    title_text = ""
    subtitle_text = ""
    new_text = "Add new"

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setModal(True)
        style_form(self)
        self.setWindowTitle(f"{self.title_text} — {APP_NAME}")
        self.current: Any = self.blank()
        self.panel = FormPanel(self.make_fields())
        self.dirty = False
        """True when the form holds changes not saved yet (asked about before they go)."""
        for field in self.panel.fields:
            field.connect_edited(self._mark_dirty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 20)
        layout.setSpacing(14)
        layout.addWidget(title_label(self.title_text, self.font()))
        layout.addWidget(muted_label(self.subtitle_text))
        body = QHBoxLayout()
        body.setSpacing(24)
        body.addLayout(self._list_column())
        body.addLayout(self._form_column(), 1)
        layout.addLayout(body, 1)
        bottom = QHBoxLayout()
        self.status = muted_label("Enter saves · Esc closes")
        bottom.addWidget(self.status)
        bottom.addStretch(1)
        self.close_button = action_button("Close", self.reject)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        chain = [self.list, self.new_button, *self.panel.focus_chain()]
        chain_tab_order([*chain, self.save_button, self.close_button])
        self._reload(select=None)
        self.ensurePolished()
        self.panel.align_labels()

    # --- what a list provides ----------------------------------------------------------

    def items(self) -> list[Any]:
        raise NotImplementedError

    def label(self, item: Any) -> str:
        raise NotImplementedError

    def blank(self) -> Any:
        raise NotImplementedError

    def make_fields(self) -> list[Field]:
        raise NotImplementedError

    def save_item(self, item: Any) -> Any:
        raise NotImplementedError

    # --- layout --------------------------------------------------------------------------

    def _list_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.list = QListWidget()
        self.list.setObjectName("formList")
        self.list.setAccessibleName(self.title_text)
        self.list.setMinimumWidth(260)
        self.list.currentItemChanged.connect(self._show_item)
        column.addWidget(self.list, 1)
        self.new_button = action_button(self.new_text, self.start_new)
        column.addWidget(self.new_button)
        return column

    def _form_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(12)
        self.form_title = QLabel()
        self.form_title.setObjectName("formTitle")
        column.addWidget(self.form_title)
        column.addWidget(self.panel)
        self.general_error = QLabel()
        self.general_error.setObjectName("generalError")
        self.general_error.hide()
        column.addWidget(self.general_error)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        column.addLayout(row)
        return column

    # --- behaviour -----------------------------------------------------------------------

    def _reload(self, select: int | None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        chosen: QListWidgetItem | None = None
        for item in self.items():
            row = QListWidgetItem(self.label(item))
            row.setData(Qt.ItemDataRole.UserRole, item)
            self.list.addItem(row)
            if item.id == select:
                chosen = row
        self.list.blockSignals(False)
        if chosen is not None:
            self.list.setCurrentItem(chosen)
        else:
            self.start_new()

    def _mark_dirty(self) -> None:
        self.dirty = True

    def _heading(self) -> str:
        return self.label(self.current) if self.current.id is not None else "the new item"

    def _keep_or_save(self) -> bool:
        """Before leaving the item shown: True if its changes are saved or may go."""
        if not self.dirty:
            return True
        answer = ask_unsaved(self, self._heading())
        if answer == "save":
            return self.save()
        return answer == "discard"

    def _show_item(
        self, row: QListWidgetItem | None, previous: QListWidgetItem | None = None
    ) -> None:
        if row is None:
            return
        item = row.data(Qt.ItemDataRole.UserRole)
        if self.dirty:
            answer = ask_unsaved(self, self._heading())
            if answer == "cancel" or (answer == "save" and not self.save()):
                self.list.blockSignals(True)
                if previous is None:
                    self.list.setCurrentRow(-1)
                else:
                    self.list.setCurrentItem(previous)
                self.list.blockSignals(False)
                return
            if answer == "save":  # saving reloaded the list: show the row chosen
                self._reload(select=item.id)
                return
        self._load(item, f"Edit {self.label(item)}")

    def _load(self, item: Any, heading: str) -> None:
        self.current = item
        self.panel.clear_errors()
        self.general_error.hide()
        self.panel.load(entry_values(item))
        self.dirty = False
        self.form_title.setText(heading)
        self.save_button.setText("Save changes" if item.id is not None else "Add to list")

    def start_new(self) -> None:
        if not self._keep_or_save():
            return
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.clearSelection()
        self.list.blockSignals(False)
        self._load(self.blank(), self.new_text)
        self.panel.fields[0].focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)

    def reject(self) -> None:
        if self._keep_or_save():
            super().reject()

    def save(self) -> bool:
        self.panel.clear_errors()
        self.general_error.hide()
        values = self.panel.collect()
        if values is None:
            return False
        try:
            saved = self.save_item(replace(self.current, **values))
        except ValidationError as error:
            unmatched = self.panel.show_errors(error.errors)
            if unmatched:
                self.general_error.setText(" ".join(e.message for e in unmatched))
                self.general_error.show()
            return False
        self.dirty = False
        self._reload(select=saved.id)
        self.status.setText(f"Saved {self.label(saved)}.")
        return True


class MedicationsDialog(ListEditorDialog):
    title_text = "Medications and supplements"
    subtitle_text = "What you take and when. Pause one you have stopped; its history stays."
    new_text = "Add a medication"

    def items(self) -> list[Medication]:
        return self.services.journal.medications()

    def label(self, item: Any) -> str:
        assert isinstance(item, Medication)
        times = ", ".join(format_clock(t, self.services.units) for t in item.times)
        text = item.label + (f" · {times}" if times else "")
        return text + (" (paused)" if not item.active else "")

    def blank(self) -> Medication:
        return Medication(name="")

    def make_fields(self) -> list[Field]:
        kinds = [
            (MedicationKind.MEDICATION, "Medication"),
            (MedicationKind.SUPPLEMENT, "Supplement"),
        ]
        return [
            TextField("name", "Name", placeholder="e.g. metformin"),
            TextField("dose", "Dose", placeholder="optional, e.g. 500 mg", optional=True),
            ChoiceField("kind", "Kind", kinds),
            TimeListField("times", "Times of day", self.services.units, optional=True),
            CheckField("active", "Paused", "Not taking it now", invert=True),
            TextField("note", "Note", placeholder="optional", optional=True),
        ]

    def save_item(self, item: Any) -> Medication:
        return self.services.journal.save_medication(item)


class TrackersDialog(ListEditorDialog):
    title_text = "Your trackers"
    subtitle_text = "Anything else you want to follow: water, sunlight, cycle day …"
    new_text = "Add a tracker"

    def items(self) -> list[Tracker]:
        return self.services.journal.trackers()

    def label(self, item: Any) -> str:
        assert isinstance(item, Tracker)
        kind = {TrackerType.NUMBER: item.unit or "number", TrackerType.SCALE: "0-10"}.get(
            item.type, "yes/no"
        )
        return f"{item.name} ({kind})" + (" (paused)" if not item.active else "")

    def blank(self) -> Tracker:
        return Tracker(name="")

    def make_fields(self) -> list[Field]:
        types = [
            (TrackerType.NUMBER, "A number"),
            (TrackerType.SCALE, "0-10 scale"),
            (TrackerType.YES_NO, "Yes or no"),
        ]
        return [
            TextField("name", "Name", placeholder="e.g. water"),
            ChoiceField("type", "Kind of value", types),
            TextField("unit", "Unit", placeholder="optional, e.g. glasses", optional=True),
            CheckField("active", "Paused", "Not tracking it now", invert=True),
        ]

    def save_item(self, item: Any) -> Tracker:
        assert isinstance(item, Tracker)
        if item.type is not TrackerType.NUMBER:
            item = replace(item, unit="")  # only numbers carry a unit
        return self.services.journal.save_tracker(item)


def open_medications_dialog(parent: QWidget | None, services: Services) -> None:
    """Manage the medication list: add, edit, pause (active=False)."""
    MedicationsDialog(services, parent).exec()


def open_trackers_dialog(parent: QWidget | None, services: Services) -> None:
    """Manage custom trackers: name, type (number / 0-10 / yes-no), unit."""
    TrackersDialog(services, parent).exec()
