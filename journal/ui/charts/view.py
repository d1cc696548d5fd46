"""The Charts view: stacked charts on one linked date axis, a range and aggregation to choose,
flare episodes shaded on every chart, values under a crosshair, click a day to open it."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import numpy as np
from PySide6.QtCore import QDate, QEvent, QLocale, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from journal.analysis.series import (
    SECONDS_PER_DAY,
    Aggregation,
    Series,
    from_epoch_day,
    to_epoch_day,
)
from journal.domain.vocabulary import EntryKind
from journal.services import Services
from journal.services.charts import RANGES, ChartLayout, ChartSpec, FlareSpan
from journal.services.journal import JournalChange, Topic
from journal.ui.charts.chooser import ChartChooser
from journal.ui.charts.naming import named
from journal.ui.charts.plot import ChartRow
from journal.ui.charts.theme import current_theme
from journal.ui.signals import JournalSignals
from journal.ui.style import theme_variables

log = logging.getLogger(__name__)

HINT = (
    "Shaded: flare episodes.  Point at a day to read every value; click it (or press Enter) "
    "to open that day in Today.  Drag to move along, scroll to zoom."
)


# What the charts show besides entries: flare shading, doses due, trackers, units.
CHART_TOPICS = (Topic.FLARES, Topic.MEDICATIONS, Topic.TRACKERS, Topic.SETTINGS)

class ChartsView(QWidget):
    """All charts of the journal, one above the other, on the same dates."""

    range_changed = Signal(object, object)
    """Emitted with the (first, last) days after the charts show a new range."""

    def __init__(
        self, services: Services, signals: JournalSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("chartsView")
        self.setAccessibleName("Charts")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.services = services
        self.signals = signals
        self.charts = services.charts
        self.theme = current_theme()
        self.rows: dict[str, ChartRow] = {}
        self._catalogue: list[ChartSpec] = []
        self._stale = False
        self._cursor_day: int | None = None
        self._flares: list[FlareSpan] = []
        layout = self.charts.layout()
        self.range_name = layout.range
        self.aggregation = layout.aggregation
        self.first, self.last = self._dates_for(layout)

        self._build_controls(layout)
        self.chooser = ChartChooser()
        self.chooser.changed.connect(self._on_chooser_changed)
        self._build_body()
        self._refresh_catalogue(layout)
        self._rebuild_rows()
        self._load()

        self.setStyleSheet(_stylesheet())
        signals.changed.connect(self._on_journal_changed)
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._on_scheme_changed)

    # --- building ------------------------------------------------------------------------

    def _build_controls(self, layout: ChartLayout) -> None:
        self.range_buttons = QButtonGroup(self)
        self.range_buttons.setExclusive(True)
        bar = QHBoxLayout()
        bar.setSpacing(6)
        for key, label in [*RANGES.items(), ("custom", "Custom…")]:
            button = named(QPushButton(label), f"range-{key}")
            button.setCheckable(True)
            button.setProperty("range", True)
            button.setAccessibleName(f"Show {label.rstrip('…').lower()}")
            button.setChecked(key == layout.range)
            button.clicked.connect(lambda _checked=False, k=key: self._on_range_clicked(k))
            self.range_buttons.addButton(button)
            bar.addWidget(button)
        self.from_edit = self._date_edit("From", self.first)
        self.to_edit = self._date_edit("To", self.last)
        self.custom_box = QWidget()
        custom = QHBoxLayout(self.custom_box)
        custom.setContentsMargins(8, 0, 0, 0)
        custom.addWidget(QLabel("From"))
        custom.addWidget(self.from_edit)
        custom.addWidget(QLabel("to"))
        custom.addWidget(self.to_edit)
        self.custom_box.setVisible(layout.range == "custom")
        bar.addWidget(self.custom_box)
        bar.addSpacing(16)
        bar.addWidget(QLabel("Group by"))
        self.aggregation_box = named(QComboBox(), "aggregation")
        self.aggregation_box.setAccessibleName("Group values by")
        for aggregation in Aggregation:
            self.aggregation_box.addItem(
                {"daily": "Day", "weekly": "Week", "monthly": "Month"}[aggregation.value],
                aggregation,
            )
        self.aggregation_box.setCurrentIndex(list(Aggregation).index(self.aggregation))
        self.aggregation_box.currentIndexChanged.connect(self._on_aggregation_changed)
        bar.addWidget(self.aggregation_box)
        bar.addStretch(1)
        self.chooser_button = named(QPushButton("Choose charts"), "toggleChooser")
        self.chooser_button.setCheckable(True)
        self.chooser_button.setChecked(True)
        self.png_button = named(QPushButton("Save picture…"), "exportPng")
        self.png_button.setToolTip("Save the charts as a PNG picture")
        self.csv_button = named(QPushButton("Save data…"), "exportCsv")
        self.csv_button.setToolTip("Save the values shown as a CSV file for a spreadsheet")
        self.png_button.clicked.connect(self._ask_export_png)
        self.csv_button.clicked.connect(self._ask_export_csv)
        for button in (self.chooser_button, self.png_button, self.csv_button):
            bar.addWidget(button)
        self.controls = bar

    def _date_edit(self, name: str, value: date) -> QDateEdit:
        edit = named(QDateEdit(), f"range{name}")
        edit.setAccessibleName(f"{name} date")
        edit.setCalendarPopup(True)
        edit.setDate(QDate(value.year, value.month, value.day))
        edit.dateChanged.connect(self._on_custom_dates)
        return edit

    def _build_body(self) -> None:
        self.readout = named(QLabel(HINT), "chartReadout")
        self.readout.setWordWrap(True)
        self.readout.setMinimumHeight(24)
        self.rows_box = named(QWidget(), "chartRows")
        self.rows_layout = QVBoxLayout(self.rows_box)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(4)
        self.scroll_area = named(QScrollArea(), "chartScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setWidget(self.rows_box)
        self.empty = named(QLabel(), "chartsEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()

        charts_column = QVBoxLayout()
        charts_column.setSpacing(6)
        charts_column.addLayout(self.controls)
        charts_column.addWidget(self.readout)
        charts_column.addWidget(self.empty)
        charts_column.addWidget(self.scroll_area, 1)
        body = QHBoxLayout(self)
        body.setContentsMargins(16, 12, 8, 12)
        body.setSpacing(8)
        body.addLayout(charts_column, 1)
        body.addWidget(self.chooser)
        self.chooser_button.toggled.connect(self.chooser.setVisible)

    # --- ranges --------------------------------------------------------------------------

    def set_range(self, name: str | tuple[date, date]) -> None:
        """Show a named range ("2w", "3m", "1y", "all") or a custom (first, last); synchronous."""
        if isinstance(name, tuple):
            first, last = name
            if last < first:
                first, last = last, first
            self.range_name, self.first, self.last = "custom", first, last
        else:
            self.first, self.last = self.charts.range_dates(name)
            self.range_name = name
        self._sync_range_controls()
        self._load()
        self._save_layout()

    def set_aggregation(self, aggregation: Aggregation) -> None:
        self.aggregation = aggregation
        index = list(Aggregation).index(aggregation)
        if self.aggregation_box.currentIndex() != index:
            self.aggregation_box.blockSignals(True)
            self.aggregation_box.setCurrentIndex(index)
            self.aggregation_box.blockSignals(False)
        self._load()
        self._save_layout()

    def _dates_for(self, layout: ChartLayout) -> tuple[date, date]:
        if layout.range == "custom" and layout.custom is not None:
            return layout.custom
        return self.charts.range_dates(layout.range if layout.range in RANGES else "3m")

    def _sync_range_controls(self) -> None:
        for button in self.range_buttons.buttons():
            button.setChecked(button.objectName() == f"range-{self.range_name}")
        self.custom_box.setVisible(self.range_name == "custom")
        for edit, value in ((self.from_edit, self.first), (self.to_edit, self.last)):
            edit.blockSignals(True)
            edit.setDate(QDate(value.year, value.month, value.day))
            edit.blockSignals(False)

    def _on_range_clicked(self, key: str) -> None:
        if key == "custom":
            self.set_range((self.first, self.last))
            self.from_edit.setFocus()
        else:
            self.set_range(key)

    def _on_custom_dates(self) -> None:
        first = self.from_edit.date().toPython()
        last = self.to_edit.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        self.set_range((first, last))

    def _on_aggregation_changed(self, index: int) -> None:
        self.set_aggregation(list(Aggregation)[index])

    # --- charts shown ----------------------------------------------------------------------

    def _refresh_catalogue(self, layout: ChartLayout | None = None) -> None:
        units = self.services.units
        self._catalogue = self.charts.catalogue(units, self.services.target_range)
        if layout is None:
            layout = self._current_layout()
        self.chooser.set_charts(layout.arrange(self._catalogue))

    def _current_layout(self) -> ChartLayout:
        return ChartLayout(
            order=tuple(self.chooser.order()),
            hidden=frozenset(self.chooser.hidden()),
            range=self.range_name,
            aggregation=self.aggregation,
            custom=(self.first, self.last) if self.range_name == "custom" else None,
        )

    def _save_layout(self) -> None:
        self.charts.save_layout(self._current_layout())

    def _on_chooser_changed(self) -> None:
        self._rebuild_rows()
        self._load()
        self._save_layout()

    def _rebuild_rows(self) -> None:
        """Show the ticked charts in the chosen order, reusing charts already built."""
        specs = {c.key: c for c in self._catalogue}
        shown = [k for k in self.chooser.shown() if k in specs]
        for key in list(self.rows):
            if key not in shown or self.rows[key].spec != specs[key]:
                row = self.rows.pop(key)
                self.rows_layout.removeWidget(row)
                row.hide()
                row.deleteLater()
        for key in shown:
            if key not in self.rows:
                self.rows[key] = self._make_row(specs[key])
            self.rows_layout.removeWidget(self.rows[key])
            self.rows_layout.addWidget(self.rows[key], 1)
        self.rows = {k: self.rows[k] for k in shown}
        self._link_rows()

    def _make_row(self, spec: ChartSpec) -> ChartRow:
        row = ChartRow(spec, self.theme)
        row.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scene = row.plot.scene()
        scene.sigMouseMoved.connect(lambda pos, r=row: self._on_mouse_moved(r, pos))
        scene.sigMouseClicked.connect(lambda event, r=row: self._on_mouse_clicked(r, event))
        row.plot.viewport().installEventFilter(self)
        return row

    def _link_rows(self) -> None:
        rows = list(self.rows.values())
        for index, row in enumerate(rows):
            row.item.setXLink(rows[0].item if index else None)
            # Only the lowest chart needs the dates written out; the others keep their ticks.
            row.axis.setStyle(showValues=index == len(rows) - 1)
            row.item.getAxis("bottom").setHeight(None if index == len(rows) - 1 else 8)

    # --- data ----------------------------------------------------------------------------

    def _load(self) -> None:
        """Read every shown series over the range (one query each) and draw it."""
        units = self.services.units
        first_day, last_day = to_epoch_day(self.first), to_epoch_day(self.last)
        self._flares = self.charts.flares(self.first, self.last)
        spans = [
            (to_epoch_day(f.first) * SECONDS_PER_DAY, (to_epoch_day(f.last) + 1) * SECONDS_PER_DAY)
            for f in self._flares
        ]
        names = [spec.name for row in self.rows.values() for spec in row.spec.series]
        loaded = self.charts.series_many(names, self.first, self.last, self.aggregation, units)
        anything = any(bool(np.isfinite(s.y).any()) for s in loaded.values())
        for row in self.rows.values():
            for spec in row.spec.series:
                row.set_series(loaded[spec.name])
            row.set_flares(spans)
        x_min, x_max = first_day * SECONDS_PER_DAY, (last_day + 1) * SECONDS_PER_DAY
        for row in self.rows.values():
            row.view.setLimits(xMin=x_min, xMax=x_max, minXRange=3 * SECONDS_PER_DAY)
        if self.rows:
            next(iter(self.rows.values())).view.setXRange(x_min, x_max, padding=0)
        self._show_empty(not anything and bool(self.rows))
        self._stale = False
        self.range_changed.emit(self.first, self.last)

    def _show_empty(self, empty: bool) -> None:
        if empty:
            self.empty.setText(
                f"Nothing logged between {_long_date(self.first)} and {_long_date(self.last)}. "
                "Entries you log will appear here."
            )
        elif not self.rows:
            self.empty.setText("No charts are ticked. Tick some in “Charts shown” on the right.")
        self.empty.setVisible(empty or not self.rows)

    def series_shown(self) -> list[Series]:
        """Every series the charts draw now, in the order shown (for export and tests)."""
        return [
            c.series
            for row in self.rows.values()
            for c in row.curves.values()
            if c.series is not None
        ]

    def row(self, key: str) -> ChartRow:
        return self.rows[key]

    def _on_journal_changed(self, change: JournalChange) -> None:
        if not change.touches_any(EntryKind, CHART_TOPICS):
            return  # goals, reminders, favourites: nothing charted
        self.charts.forget()
        if self.isVisible():
            QTimer.singleShot(0, self.refresh)
        else:
            self._stale = True

    def refresh(self) -> None:
        """Re-read the catalogue (new trackers, lab tests, units) and the shown series."""
        if self.range_name != "custom":
            self.first, self.last = self.charts.range_dates(self.range_name)
            self._sync_range_controls()
        self._refresh_catalogue()
        self._rebuild_rows()
        self._load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # --- cursor, clicks and keys -------------------------------------------------------------

    def _on_mouse_moved(self, row: ChartRow, pos: QPointF) -> None:
        self.set_cursor_day(row.day_at(pos))

    def _on_mouse_clicked(self, row: ChartRow, event: object) -> None:
        button = getattr(event, "button", lambda: None)()
        if button != Qt.MouseButton.LeftButton:
            return
        day = row.day_at(event.scenePos())  # type: ignore[attr-defined]
        if day is not None:
            self.open_day(from_epoch_day(day))

    def open_day(self, day: date) -> None:
        """Ask the main window to show ``day`` in Today."""
        self.signals.open_day.emit(day)

    def set_cursor_day(self, day: int | None) -> None:
        """Show the crosshair and every chart's values on ``day`` (an epoch day), or hide it."""
        if day is not None and not to_epoch_day(self.first) <= day <= to_epoch_day(self.last):
            day = None
        self._cursor_day = day
        for row in self.rows.values():
            row.show_cursor(day)
        self.readout.setText(HINT if day is None else self._day_text(day))

    def _day_text(self, day: int) -> str:
        moment = from_epoch_day(day)
        text = _long_date(moment)
        flares = [f for f in self._flares if f.first <= moment <= f.last]
        if flares:
            text += "  ·  during a flare" + (
                f" ({flares[0].condition})" if flares[0].condition else ""
            )
        return text + "  ·  click or press Enter to open this day in Today"

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave:
            self.set_cursor_day(None)
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            start = (
                self._cursor_day
                if self._cursor_day is not None
                else to_epoch_day(self.last) + (1 if step < 0 else 0)
            )
            self.set_cursor_day(
                min(max(start + step, to_epoch_day(self.first)), to_epoch_day(self.last))
            )
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._cursor_day is not None:
            self.open_day(from_epoch_day(self._cursor_day))
        elif key == Qt.Key.Key_Escape:
            self.set_cursor_day(None)
        else:
            super().keyPressEvent(event)

    # --- theme ---------------------------------------------------------------------------

    def _on_scheme_changed(self, _scheme: object) -> None:
        # The palette follows the scheme a moment later; read it once it has.
        QTimer.singleShot(0, self.apply_theme)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_theme()
        super().changeEvent(event)

    def apply_theme(self) -> None:
        self.theme = current_theme()
        self.setStyleSheet(_stylesheet())
        for row in self.rows.values():
            row.apply_theme(self.theme)

    # --- export --------------------------------------------------------------------------

    def export_png(self, path: Path) -> None:
        """Save the charts as they are shown now (all of them, even scrolled out of sight)."""
        image = self.rows_box.grab()
        if not image.save(str(path), "PNG"):
            raise OSError(f"Could not write {path}.")

    def export_csv(self, path: Path) -> int:
        """Save the values shown as CSV (one row per day, week or month); returns the rows."""
        return self.charts.export_csv(path, self.series_shown())

    def _suggested_name(self, suffix: str) -> str:
        return f"interplay-charts-{self.first.isoformat()}-to-{self.last.isoformat()}.{suffix}"

    def _ask_export_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the charts as a picture", self._suggested_name("png"), "PNG image (*.png)"
        )
        if path:
            self._export(lambda: self.export_png(Path(path)), path)

    def _ask_export_csv(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the chart data", self._suggested_name("csv"), "CSV file (*.csv)"
        )
        if path:
            self._export(lambda: self.export_csv(Path(path)), path)

    def _export(self, write: object, path: str) -> None:
        try:
            write()  # type: ignore[operator]
        except OSError as error:
            log.warning("Export to %s failed: %s", path, error)
            QMessageBox.warning(
                self,
                "Could not save",
                f"The file could not be saved to {path}.\n\n{error.strerror or error}\n\n"
                "Your journal is unchanged. Try another folder.",
            )
            return
        self.signals.status.emit(f"Saved {Path(path).name}")


def _stylesheet() -> str:
    """The range buttons read as one segmented control; the chosen range is highlighted."""
    colours = theme_variables()
    return f"""
    QPushButton[range="true"] {{
        border: 1px solid {colours["border"]};
        border-radius: 6px;
        padding: 6px 14px;
        background: {colours["card"]};
    }}
    QPushButton[range="true"]:hover {{ background: {colours["hover"]}; }}
    QPushButton[range="true"]:checked {{
        background: {colours["accent_soft"]};
        border-color: {colours["accent"]};
    }}
    QLabel#chartReadout {{ color: {colours["muted"]}; }}
    QLabel#chartsEmpty {{ color: {colours["muted"]}; padding: 24px; }}
    QWidget#chartChooser {{ border-left: 1px solid {colours["border"]}; }}
    QLabel#chooserHint {{ color: {colours["muted"]}; }}
    """


def _long_date(day: date) -> str:
    """A date in the user's locale, written out in full."""
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)
