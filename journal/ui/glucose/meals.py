"""Meals and the glucose after them: a table of each meal's rise, the selected meals drawn
over one another from the moment of eating, and meals compared by meal type and tag.

A meal's baseline is the median reading of the 30 minutes before it, its peak the highest
reading of the 3 hours after, its rise the difference (journal.analysis.cgm_metrics). These
are one person's observations: other things (activity, sleep, stress, the meal before) move
glucose too, so the comparison shows associations, not causes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journal.domain.units import MGDL_PER_MMOLL, GlucoseUnit, UnitPreferences
from journal.services.cgm.report import MealGroup, MealRise
from journal.ui.glucose.colours import GlucoseColours, glucose_colours
from journal.ui.palette import OKABE_ITO

NOTE = (
    "Rise: the highest reading in the 3 hours after a meal minus the median of the 30 minutes "
    "before it. Other things move glucose too (activity, sleep, stress, the meal before), so "
    "differences between meals are associations, not causes."
)
_COLUMNS = (
    "When",
    "Meal",
    "Tags",
    "Carbs",
    "Baseline",
    "Peak",
    "Rise",
    "To peak",
    "Back down",
)
_MEAL_COLUMN = 1
_OVERLAY_COLOURS = ("blue", "orange", "green", "vermillion", "purple", "sky", "yellow", "grey")
SHOWN_AT_FIRST = 4


def _glucose(mgdl: float | None, unit: GlucoseUnit) -> str:
    if mgdl is None:
        return "–"
    if unit is GlucoseUnit.MMOLL:
        return f"{mgdl / MGDL_PER_MMOLL:.1f}"
    return f"{mgdl:.0f}"


def _signed(mgdl: float | None, unit: GlucoseUnit) -> str:
    """A rise as "+45" (a fall after a meal as "-3")."""
    if mgdl is None:
        return "–"
    text = _glucose(abs(mgdl), unit)
    return ("-" if mgdl < 0 else "+") + text


def _minutes(value: float | None) -> str:
    if value is None:
        return "–"
    total = round(value)
    return f"{total // 60} h {total % 60:02d} min" if total >= 60 else f"{total} min"


class _Item(QTableWidgetItem):
    """A cell that sorts by a number where it has one (the table sorts by column)."""

    def __init__(self, text: str, key: float | str | None = None) -> None:
        super().__init__(text)
        self.key = key if key is not None else text

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.key, getattr(other, "key", other.text())
        if isinstance(mine, float) and isinstance(theirs, float):
            return mine < theirs
        if isinstance(mine, float) != isinstance(theirs, float):
            return isinstance(theirs, float)  # no value sorts last
        return str(mine) < str(theirs)


def _table(columns: Sequence[str], name: str, accessible: str) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setHorizontalHeaderLabels(list(columns))
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


@contextmanager
def _columns_sized_once(table: QTableWidget) -> Iterator[None]:
    """Fill ``table`` with its columns sized once at the end, not at every cell.

    A header that resizes to contents measures its columns again for each item set, so
    filling a few hundred meals took most of a second (1M readings' two weeks: 0.8 s).
    """
    header = table.horizontalHeader()
    modes = [header.sectionResizeMode(i) for i in range(header.count())]
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    try:
        yield
    finally:
        for i, mode in enumerate(modes):
            header.setSectionResizeMode(i, mode)


class MealsPanel(QWidget):
    """The meals table, the overlay of the chosen meals, and the comparison by group."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mealsPanel")
        self.rises: list[MealRise] = []
        self.units = UnitPreferences()
        self.colours: GlucoseColours = glucose_colours()
        self.table = _table(_COLUMNS, "mealTable", "Meals and the rise after each")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.itemSelectionChanged.connect(self._draw_selected)
        self.table.setMinimumHeight(160)
        self.table.setMaximumHeight(300)
        self.table.horizontalHeader().setStretchLastSection(False)
        for column in (_MEAL_COLUMN, _MEAL_COLUMN + 1):  # the meal and its tags give way
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.Stretch
            )
        back = self.table.horizontalHeaderItem(len(_COLUMNS) - 1)
        if back is not None:
            back.setToolTip("Time from the meal until glucose was back at its baseline")
        self.groups = _table(
            ("Meal type or tag", "Measured", "Rise", "Peak", "To peak", "Back down"),
            "mealGroups",
            "Meals compared by meal type and tag",
        )
        self.groups.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.groups.horizontalHeader().setStretchLastSection(False)
        self.groups.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.overlay = pg.PlotWidget()
        self.overlay.setObjectName("mealOverlay")
        self.overlay.setAccessibleName("Glucose after the chosen meals")
        self.overlay.setMinimumHeight(200)
        self.overlay.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        item = self.overlay.getPlotItem()
        item.hideButtons()
        item.setMenuEnabled(False)
        item.setMouseEnabled(x=False, y=False)
        item.setLabel("bottom", "minutes after the meal")
        item.getAxis("left").setWidth(52)
        item.getAxis("left").enableAutoSIPrefix(False)
        self.zero = pg.InfiniteLine(pos=0, angle=90, movable=False)
        self.baseline = pg.InfiniteLine(pos=0, angle=0, movable=False)
        item.addItem(self.zero)
        item.addItem(self.baseline)
        self.curves: list[pg.PlotDataItem] = []
        self.legend = QLabel()
        self.legend.setObjectName("overlayLegend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.empty = QLabel("No meals are logged in this period.")
        self.empty.setObjectName("sectionHint")
        note = QLabel(NOTE)
        note.setObjectName("sectionHint")
        note.setWordWrap(True)
        hint = QLabel(
            "Select meals in the table (Ctrl or Shift for several) to draw them over one another."
        )
        hint.setObjectName("sectionHint")
        hint.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(self.overlay, 1)
        left.addWidget(self.legend)
        groups_title = QLabel("Compared by meal type and tag (medians)")
        groups_title.setObjectName("subHeading")
        right = QVBoxLayout()
        right.addWidget(groups_title)
        right.addWidget(self.groups)
        right.addStretch(1)
        below = QHBoxLayout()
        below.setSpacing(14)
        below.addLayout(left, 1)
        below.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.empty)
        layout.addWidget(hint)
        layout.addWidget(self.table)
        layout.addLayout(below, 1)
        layout.addWidget(note)
        self.apply_colours(self.colours)

    def apply_colours(self, colours: GlucoseColours) -> None:
        self.colours = colours
        self.overlay.setBackground(colours.background)
        item = self.overlay.getPlotItem()
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(colours.border))
            axis.setTextPen(pg.mkPen(colours.muted))
        self.zero.setPen(pg.mkPen(colours.meal, width=1.2, style=Qt.PenStyle.DashLine))
        self.baseline.setPen(pg.mkPen(colours.muted, width=1))
        self._draw_selected()

    # --- data --------------------------------------------------------------------------------

    def set_meals(
        self, rises: Sequence[MealRise], groups: Sequence[MealGroup], units: UnitPreferences
    ) -> None:
        self.rises = list(rises)
        self.units = units
        unit = units.glucose
        self.empty.setVisible(not self.rises)
        self.table.setSortingEnabled(False)
        self.table.clearSelection()
        self.table.setRowCount(len(self.rises))
        with _columns_sized_once(self.table):
            for row, rise in enumerate(self.rises):
                self._fill_row(row, rise, unit, units)
        self.table.setSortingEnabled(True)
        self.table.sortItems(0, Qt.SortOrder.DescendingOrder)  # the newest meal first
        self.table.resizeRowsToContents()
        self._fill_groups(groups, unit)
        self._select_first()

    def _fill_row(
        self, row: int, rise: MealRise, unit: GlucoseUnit, units: UnitPreferences
    ) -> None:
        meal, response = rise.meal, rise.response
        when = meal.at.strftime(f"%a %d %b, {units.time_pattern()}")
        cells = [
            _Item(when, meal.at.isoformat()),
            _Item(rise.label),
            _Item(", ".join(meal.tags)),
            _Item(f"{meal.carbs_g:.0f} g" if meal.carbs_g is not None else "–", meal.carbs_g),
        ]
        if response is None:
            cells += [_Item("–") for _ in range(5)]
            for cell in cells:
                cell.setToolTip("Too few CGM readings around this meal to tell its rise.")
        else:
            back = response.minutes_to_baseline
            cells += [
                _Item(_glucose(response.baseline_mgdl, unit), response.baseline_mgdl),
                _Item(_glucose(response.peak_mgdl, unit), response.peak_mgdl),
                _Item(_signed(response.rise_mgdl, unit), response.rise_mgdl),
                _Item(_minutes(response.minutes_to_peak), response.minutes_to_peak),
                _Item(_minutes(back) if back is not None else "not in 3 h", back),
            ]
        cells[0].setData(Qt.ItemDataRole.UserRole, row)  # the index into self.rises
        for column, cell in enumerate(cells):
            if column >= 3:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, cell)

    def _fill_groups(self, groups: Sequence[MealGroup], unit: GlucoseUnit) -> None:
        self.groups.setRowCount(len(groups))
        for row, group in enumerate(groups):
            name = group.name.capitalize() if group.by == "meal type" else f"“{group.name}”"
            rise = group.median_rise_mgdl
            cells = [
                name,
                f"{group.measured} of {group.meals}",
                _signed(rise, unit),
                _glucose(group.median_peak_mgdl, unit),
                _minutes(group.median_minutes_to_peak),
                f"{group.back_to_baseline} of {group.measured}" if group.measured else "–",
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.groups.setItem(row, column, item)
        self.groups.resizeRowsToContents()
        shown = sum(self.groups.rowHeight(r) for r in range(min(len(groups), 10)))
        self.groups.setFixedHeight(self.groups.horizontalHeader().height() + shown + 6)

    def _select_first(self) -> None:
        """Start with the most recent measured meals drawn (up to four)."""
        measured = [
            row
            for row in range(self.table.rowCount())
            if self.rises[self._rise_index(row)].response is not None
        ]
        model = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        self.table.blockSignals(True)
        for row in measured[:SHOWN_AT_FIRST]:
            model.select(self.table.model().index(row, 0), flags)
        self.table.blockSignals(False)
        self._draw_selected()

    def _rise_index(self, row: int) -> int:
        item = self.table.item(row, 0)
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else row

    def selected(self) -> list[MealRise]:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        return [self.rises[self._rise_index(r)] for r in rows]

    def _draw_selected(self) -> None:
        item = self.overlay.getPlotItem()
        for curve in self.curves:
            item.removeItem(curve)
        self.curves = []
        factor = 1 / MGDL_PER_MMOLL if self.units.glucose is GlucoseUnit.MMOLL else 1.0
        parts = []
        for index, rise in enumerate(r for r in self.selected() if r.response is not None):
            assert rise.response is not None
            key = _OVERLAY_COLOURS[index % len(_OVERLAY_COLOURS)]
            colour = OKABE_ITO[key] if not (self.colours.dark and key == "blue") else "#3D9BE0"
            values = (rise.mgdl - rise.response.baseline_mgdl) * factor
            curve = pg.PlotDataItem(rise.minutes, values, pen=pg.mkPen(colour, width=2))
            item.addItem(curve)
            self.curves.append(curve)
            when = rise.meal.at.strftime("%d %b")
            parts.append(f"<span style='color:{colour}'>━</span>&nbsp;{when} {rise.label}")
        item.setLabel("left", f"change, {self.units.glucose.value}")
        item.setXRange(-30, 180, padding=0.02)
        self.legend.setText("&nbsp;&nbsp; ".join(parts) if parts else "")

    def curve_data(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """What the overlay draws for each chosen meal (for tests)."""
        return [c.getData() for c in self.curves]
