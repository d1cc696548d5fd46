"""Preferences: how Interplay looks (theme, text size), the units the person reads and types in,
and where their data lives; one page per section, so new sections slot in beside them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from journal.domain.appearance import (
    NORMAL_TEXT,
    TEXT_SIZES,
    THEME_LABELS,
    Appearance,
    Theme,
)
from journal.domain.glucose import PRESET_RANGES, TargetRange
from journal.domain.units import GlucoseUnit, LengthUnit, TimeFormat, UnitPreferences, WeightUnit
from journal.ui.appearance import apply_appearance, apply_text_size, apply_theme, system_font
from journal.ui.forms.inputs import ChoiceRow
from journal.ui.widgets.dialog_frame import FramedDialog, add_row, muted, text_button

if TYPE_CHECKING:
    from journal.services import Services


SAVE_HINT = "The theme and text size change as you choose; Save keeps them."
AT_ONCE_HINT = (
    "What you do on this page is done at once, whatever you press below; Save keeps the "
    "look and the units."
)


class PreferencesDialog(FramedDialog):
    """Pages listed on the left; Save keeps every change, Cancel undoes the look's preview."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(
            "Preferences",
            "How Interplay looks, the units you read and type in, and where your data lives.",
            parent,
        )
        self.services = services
        self.setObjectName("preferencesDialog")
        self.original_appearance = services.appearance
        self._pages: dict[str, int] = {}
        row = QHBoxLayout()
        row.setSpacing(20)
        self.nav = QListWidget()
        self.nav.setObjectName("sectionNav")
        self.nav.setAccessibleName("Preference sections")
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self.stack.setObjectName("preferencePages")
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.body.addLayout(row, 1)
        self.add_page("appearance", "Appearance", self._appearance_page())
        self.add_page("units", "Units", self._units_page())
        self.add_page("data", "Your data", self._data_page())
        from journal.ui.privacy.page import privacy_page

        self.add_page("privacy", "Privacy", privacy_page(services, self))
        self.add_buttons("Save", hint=SAVE_HINT)
        self.nav.currentRowChanged.connect(self._show_hint)
        self.nav.setCurrentRow(0)
        self.setMinimumWidth(680)
        self.fit_to_screen()

    # --- pages -----------------------------------------------------------------------------

    def add_page(self, key: str, title: str, page: QWidget) -> None:
        """A section of its own, listed on the left (e.g. a passphrase section)."""
        self._pages[key] = self.stack.addWidget(page)
        item = QListWidgetItem(title)
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.nav.addItem(item)
        width = max(self.nav.sizeHintForColumn(0) + 28, 150)
        self.nav.setFixedWidth(width)

    def _show_hint(self, row: int) -> None:
        """The footer says what Save does; on the pages whose actions act at once (a
        passphrase, a copy of the data) it says that they do."""
        item = self.nav.item(row)
        key = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self.hint.setText(AT_ONCE_HINT if key in ("data", "privacy") else SAVE_HINT)

    def show_page(self, key: str) -> None:
        self.nav.setCurrentRow(self._pages[key])

    def page(self, key: str) -> QWidget:
        page = self.stack.widget(self._pages[key])
        assert page is not None
        return page

    @property
    def page_titles(self) -> list[str]:
        return [self.nav.item(i).text() for i in range(self.nav.count())]

    def _page(self) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(20)
        return page, layout

    def _appearance_page(self) -> QWidget:
        page, layout = self._page()
        form = self.add_section(
            "Appearance", "Changes show at once, in every window, charts included.", layout
        )
        chosen = self.original_appearance
        self.theme = ChoiceRow([(theme, label) for theme, label in THEME_LABELS.items()])
        self.theme.setObjectName("theme")
        self.theme.setAccessibleName("Theme")
        self.theme.setValue(chosen.theme)
        self.theme.valueChanged.connect(self._theme_chosen)
        add_row(form, "&Theme", self.theme)
        self.text_size = ChoiceRow([(percent, label) for percent, label in TEXT_SIZES])
        self.text_size.setObjectName("textSize")
        self.text_size.setAccessibleName("Text size")
        self.text_size.setValue(chosen.text_percent)
        self.text_size.valueChanged.connect(self._text_size_chosen)
        self.text_size_note = muted(name="reason")
        sizes = QWidget()
        column = QVBoxLayout(sizes)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.text_size)
        column.addWidget(self.text_size_note)
        label = add_row(form, "Te&xt size", sizes)
        self._text_size_label = label
        label.setBuddy(self.text_size)
        # Level with the buttons, not with the middle of buttons and note together.
        label.setFixedHeight(self.text_size.sizeHint().height())
        self._describe_text_size()
        layout.addStretch(1)
        return page

    def _units_page(self) -> QWidget:
        page, layout = self._page()
        form = self.add_section(
            "Units",
            "Your journal always stores the same values; this only changes how they are shown "
            "and typed.",
            layout,
        )
        units = self.services.units
        self.glucose = self._choice(
            "glucoseUnit", [(GlucoseUnit.MGDL, "mg/dL"), (GlucoseUnit.MMOLL, "mmol/L")]
        )
        self.glucose.setValue(units.glucose)
        add_row(form, "&Blood glucose in", self.glucose)
        self.target_range = QComboBox()
        self.target_range.setObjectName("targetRange")
        self.target_range.setAccessibleName("Glucose target range")
        for index, target in enumerate(PRESET_RANGES):
            source = target.source.split(",")[0]
            self.target_range.addItem(f"{target.label(units.glucose)} ({source})", index)
        current = next(
            (i for i, r in enumerate(PRESET_RANGES) if r == self.services.target_range), 0
        )
        self.target_range.setCurrentIndex(current)
        self.target_range.setToolTip(
            "The band drawn on glucose charts and used for time in range. Choose it with "
            "your care team; Help > Reference ranges says where each comes from."
        )
        add_row(form, "Glucose &target range", self.target_range)
        self.weight = self._choice("weightUnit", [(WeightUnit.KG, "kg"), (WeightUnit.LB, "lb")])
        self.weight.setValue(units.weight)
        add_row(form, "&Weight in", self.weight)
        self.length = self._choice("lengthUnit", [(LengthUnit.CM, "cm"), (LengthUnit.IN, "inches")])
        self.length.setValue(units.length)
        add_row(form, "&Lengths (waist) in", self.length)
        self.time_format = self._choice(
            "timeFormat",
            [(TimeFormat.H24, "24-hour (17:30)"), (TimeFormat.H12, "12-hour (5:30 PM)")],
        )
        self.time_format.setValue(units.time_format)
        add_row(form, "T&imes as", self.time_format)
        self.glucose.valueChanged.connect(self._relabel_ranges)
        layout.addStretch(1)
        return page

    def _data_page(self) -> QWidget:
        from journal.ui.data import DataLocationPanel

        page, layout = self._page()
        box = QVBoxLayout()
        box.setSpacing(8)
        box.addWidget(self.section_title("Your data"))
        self.data_panel = DataLocationPanel(self.services, self, heading=False)
        box.addWidget(self.data_panel)
        layout.addLayout(box)
        backups = QVBoxLayout()
        backups.setSpacing(8)
        backups.addWidget(self.section_title("Backups"))
        self.backups_note = muted(self._backups_words())
        backups.addWidget(self.backups_note)
        row = QHBoxLayout()
        self.backups_button = text_button("&Backups…", "openBackups", accessible="Open Backups")
        self.backups_button.clicked.connect(self.open_backups)
        row.addWidget(self.backups_button)
        row.addStretch(1)
        backups.addLayout(row)
        layout.addLayout(backups)
        layout.addStretch(1)
        return page

    def _backups_words(self) -> str:
        places = self.services.maintenance.places()
        own = len(places[0].backups)
        text = (
            f"{own} backup{'s' if own != 1 else ''} on this computer, made once a day and "
            "before every import and restore."
        )
        if len(places) > 1:
            second = places[1]
            state = "connected" if second.connected else "not connected now"
            text += f" A copy also goes to {second.folder} ({state})."
        else:
            text += " Add a second folder, such as a USB stick, in Backups."
        return text

    def open_backups(self) -> None:
        from journal.ui.data import BackupsDialog

        dialog = BackupsDialog(self.services, self)
        dialog.exec()
        self.backups_note.setText(self._backups_words())

    def after_restyle(self) -> None:
        label = getattr(self, "_text_size_label", None)
        if label is not None:
            label.setFixedHeight(self.text_size.sizeHint().height())

    @staticmethod
    def _choice(name: str, options: list[tuple[Any, str]]) -> ChoiceRow:
        row = ChoiceRow(options)
        row.setObjectName(name)
        return row

    # --- live changes ----------------------------------------------------------------------

    def _theme_chosen(self, theme: Theme) -> None:
        apply_theme(theme)

    def _text_size_chosen(self, percent: int) -> None:
        apply_text_size(percent)
        self._describe_text_size()

    def _describe_text_size(self) -> None:
        base = system_font().pointSizeF()
        percent = int(self.text_size.value())
        name = dict(TEXT_SIZES).get(percent, f"{percent} %")
        system = f"your system's text size ({base:g} pt)" if base > 0 else "your system's size"
        if percent == NORMAL_TEXT:
            self.text_size_note.setText(f"{name} is {system}.")
        else:
            self.text_size_note.setText(f"{name} is {percent} % of {system}.")

    def _relabel_ranges(self, unit: GlucoseUnit) -> None:
        for index, target in enumerate(PRESET_RANGES):
            source = target.source.split(",")[0]
            self.target_range.setItemText(index, f"{target.label(unit)} ({source})")

    def form_rows(self, key: str) -> QFormLayout | None:
        """The labelled rows of a page (tests, and sections that add a row)."""
        return self.page(key).findChild(QFormLayout)

    # --- results ---------------------------------------------------------------------------

    def chosen(self) -> UnitPreferences:
        return UnitPreferences(
            glucose=GlucoseUnit(self.glucose.value()),
            weight=WeightUnit(self.weight.value()),
            time_format=TimeFormat(self.time_format.value()),
            length=LengthUnit(self.length.value()),
            labs=self.services.units.labs,
        )

    def chosen_range(self) -> TargetRange:
        return PRESET_RANGES[int(self.target_range.currentData())]

    def chosen_appearance(self) -> Appearance:
        return Appearance(theme=Theme(self.theme.value()), text_percent=int(self.text_size.value()))

    def save(self) -> None:
        self.accept()

    def accept(self) -> None:
        if self.chosen() != self.services.units:
            self.services.set_units(self.chosen())
        if self.chosen_range() != self.services.target_range:
            self.services.set_target_range(self.chosen_range())
        if self.chosen_appearance() != self.original_appearance:
            self.services.set_appearance(self.chosen_appearance())
        super().accept()

    def reject(self) -> None:
        if self.chosen_appearance() != self.original_appearance:
            apply_appearance(self.original_appearance)  # the preview goes back
        super().reject()
