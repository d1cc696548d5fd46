"""Preferences: the units and time format the user reads and types in."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from journal.domain.glucose import PRESET_RANGES, TargetRange
from journal.domain.units import GlucoseUnit, LengthUnit, TimeFormat, UnitPreferences, WeightUnit
from journal.services import Services


def _combo(name: str, options: list[tuple[str, object]], current: object) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for text, value in options:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class PreferencesDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle("Preferences")
        self.setObjectName("preferencesDialog")
        units = services.units
        self.glucose = _combo(
            "glucoseUnit",
            [("mg/dL", GlucoseUnit.MGDL), ("mmol/L", GlucoseUnit.MMOLL)],
            units.glucose,
        )
        self.weight = _combo(
            "weightUnit", [("kg", WeightUnit.KG), ("lb", WeightUnit.LB)], units.weight
        )
        self.length = _combo(
            "lengthUnit", [("cm", LengthUnit.CM), ("inches", LengthUnit.IN)], units.length
        )
        self.time_format = _combo(
            "timeFormat",
            [("24-hour (17:30)", TimeFormat.H24), ("12-hour (5:30 PM)", TimeFormat.H12)],
            units.time_format,
        )
        self.target_range = _combo(
            "targetRange",
            [
                (f"{r.label(units.glucose)} ({r.source.split(',')[0]})", i)
                for i, r in enumerate(PRESET_RANGES)
            ],
            next((i for i, r in enumerate(PRESET_RANGES) if r == services.target_range), 0),
        )
        self.target_range.setToolTip(
            "The band drawn on glucose charts and used for time in range. Choose it with "
            "your care team; Help > Reference ranges says where each comes from."
        )
        form = QFormLayout()
        form.addRow("&Blood glucose in", self.glucose)
        form.addRow("Glucose &target range", self.target_range)
        form.addRow("&Weight in", self.weight)
        form.addRow("&Lengths (waist) in", self.length)
        form.addRow("&Times as", self.time_format)
        hint = QLabel(
            "Your journal always stores the same values; this only changes how "
            "they are shown and typed."
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        from journal.ui.data import DataLocationPanel

        self.data_panel = DataLocationPanel(services, self)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.data_panel)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def chosen(self) -> UnitPreferences:
        # Qt hands enum data back as plain strings.
        return UnitPreferences(
            glucose=GlucoseUnit(self.glucose.currentData()),
            weight=WeightUnit(self.weight.currentData()),
            time_format=TimeFormat(self.time_format.currentData()),
            length=LengthUnit(self.length.currentData()),
        )

    def chosen_range(self) -> TargetRange:
        return PRESET_RANGES[int(self.target_range.currentData())]

    def accept(self) -> None:
        self.services.set_units(self.chosen())
        if self.chosen_range() != self.services.target_range:
            self.services.set_target_range(self.chosen_range())
        super().accept()
