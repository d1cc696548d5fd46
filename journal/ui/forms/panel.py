"""A form laid out from fields: labels on the left, each field's message right beneath it;
optionally a second column beside it (labels above) for what a tall form can put aside."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from journal.domain.errors import FieldError
from journal.ui.forms.fields import Field, FieldGroup, InputError, Values

LABEL_HEIGHT = 38  # about one input tall, so a label lines up with its input's first line
ROW_SPACING = 10
COLUMN_GAP = 28


class FormPanel(QWidget):
    """Lays out ``fields``, and ``side`` fields in a column beside them (labels above, read
    after the main column); ``detached`` fields (the time in a dialog's header) are laid out
    by the dialog but loaded, read and given their messages here like the rest."""

    def __init__(
        self,
        fields: Sequence[Field],
        detached: Sequence[Field] = (),
        side: Sequence[Field] = (),
        parent: QWidget | None = None,
        row_spacing: int = ROW_SPACING,
    ) -> None:
        super().__init__(parent)
        self.fields = [*fields, *side, *detached]
        self._labels: list[tuple[QLabel, Field | QWidget]] = []
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(COLUMN_GAP)
        main = QWidget()
        layout = QFormLayout(main)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(20)
        layout.setVerticalSpacing(row_spacing)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for field in fields:
            self._add(layout, field)
        row.addWidget(main, 0 if side else 1)
        self._columns = [main]
        if side:
            column = self._side_column(side)
            row.addWidget(column, 1)
            self._columns.append(column)
        for field in self.fields:
            field.connect_edited(field.clear_error)

    @staticmethod
    def _side_column(side: Sequence[Field]) -> QWidget:
        column = QWidget()
        column.setMinimumWidth(240)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for number, field in enumerate(side):
            for text, widget in field.rows():
                if text is not None:
                    if number:
                        layout.addSpacing(ROW_SPACING)
                    label = QLabel(text)
                    label.setObjectName("fieldLabel")
                    label.setBuddy(field.focus_widget())
                    layout.addWidget(label)
                layout.addWidget(widget)
        layout.addStretch(1)
        return column

    def columns(self) -> list[QWidget]:
        """The main column, and the side column when there is one (read in this order)."""
        return list(self._columns)

    def _add(self, layout: QFormLayout, field: Field) -> None:
        for number, (text, widget) in enumerate(field.rows()):
            if text is None:
                layout.addRow(widget)
                continue
            label = QLabel(text)
            label.setObjectName("fieldLabel")
            label.setFixedHeight(LABEL_HEIGHT)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            label.setBuddy(field.focus_widget())
            layout.addRow(label, widget)
            self._labels.append((label, field if number == 0 else widget))

    def align_labels(self) -> None:
        """Centre each label on the first line of its input (call once styles are applied)."""
        for label, owner in self._labels:
            height = owner.label_height() if isinstance(owner, Field) else LABEL_HEIGHT
            label.setFixedHeight(max(height, label.sizeHint().height()))
        for field in self.fields:
            field.align_captions()

    def field(self, name: str) -> Field:
        """The field bound to attribute ``name`` (also inside a group of fields)."""
        for field in self.fields:
            if field.name == name:
                return field
            if isinstance(field, FieldGroup) and name in [m.name for m in field.members]:
                return field.member(name)
        raise KeyError(name)

    def load(self, values: Mapping[str, Any]) -> None:
        for field in self.fields:
            field.load(values)

    def collect(self) -> Values | None:
        """The typed values by attribute name, or None after showing what could not be read."""
        values: Values = {}
        errors: list[FieldError] = []
        for field in self.fields:
            try:
                field.store(values)
            except InputError as error:
                errors.append(FieldError(error.field, error.message))
        if errors:
            self.show_errors(errors)
            return None
        return values

    def clear_errors(self) -> None:
        for field in self.fields:
            field.clear_error()

    def show_errors(self, errors: Iterable[FieldError]) -> list[FieldError]:
        """Show each message beside its field and focus the first; returns those with no field."""
        unmatched: list[FieldError] = []
        first: Field | None = None
        for error in errors:
            owner = next((f for f in self.fields if error.field in f.error_names()), None)
            if owner is None:
                unmatched.append(error)
                continue
            owner.show_error_for(error.field, error.message)
            first = first or owner
        if first is not None:
            target = first.focus_widget()
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(target, QLineEdit):
                target.selectAll()
        return unmatched

    def focus_chain(self) -> list[QWidget]:
        """The inputs in reading order: the main column, then the side column, then the
        detached fields (the dialog puts those where they are seen)."""
        return [w for field in self.fields for w in field.focus_chain()]


def chain_tab_order(widgets: Sequence[QWidget]) -> None:
    """Tab visits ``widgets`` in this order (hidden ones are skipped by Qt)."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)
