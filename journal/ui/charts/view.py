"""The Charts view: stacked charts on one linked date axis, a range and aggregation to choose,
flare episodes shaded on every chart, values under a crosshair, click a day to open it."""

from __future__ import annotations

import html
import logging
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QDate, QEvent, QLocale, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from journal.analysis.series import (
    SECONDS_PER_DAY,
    Aggregation,
    Series,
    bucket_of,
    from_epoch_day,
    to_epoch_day,
)
from journal.domain.kinds import label_of
from journal.domain.vocabulary import EntryKind
from journal.services.changes import JournalChange, Topic
from journal.services.charts import RANGES, ChartLayout, ChartSpec, FlareSpan, grouping_for
from journal.ui.charts.chooser import ChartChooser
from journal.ui.charts.naming import named
from journal.ui.charts.plot import ChartRow
from journal.ui.charts.theme import current_theme
from journal.ui.forms.text_inputs import DateInput
from journal.ui.forms.theme import ERROR_DARK, ERROR_LIGHT
from journal.ui.kinds import KIND_LOOKS
from journal.ui.palette import is_dark
from journal.ui.signals import JournalSignals
from journal.ui.style import theme_variables
from journal.ui.widgets.elided import ElidedLabel

log = logging.getLogger(__name__)

HINT = (
    "Shaded: flare episodes.  Point at a day (or use ← →) to read its values; click it or "
    "press Enter to open it in Today.  Drag to move along, scroll to zoom."
)

if TYPE_CHECKING:
    from journal.services import Services


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
        self.grouping: Aggregation | None = layout.aggregation
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
        bar.setSpacing(0)
        for index, (key, label) in enumerate([*RANGES.items(), ("custom", "Custom…")]):
            button = named(QPushButton(label), f"range-{key}")
            button.setCheckable(True)
            button.setProperty("range", "first" if index == 0 else "middle")
            button.setAccessibleName(f"Show {label.rstrip('…').lower()}")
            button.setChecked(key == layout.range)
            button.clicked.connect(lambda _checked=False, k=key: self._on_range_clicked(k))
            self.range_buttons.addButton(button)
            bar.addWidget(button)
        button.setProperty("range", "last")
        bar.addSpacing(16)
        group_label = QLabel("Group by")
        bar.addWidget(group_label)
        bar.addSpacing(6)
        self.aggregation_box = named(QComboBox(), "aggregation")
        self.aggregation_box.setAccessibleName("Group values by")
        group_label.setBuddy(self.aggregation_box)
        self.aggregation_box.addItem("Auto", None)
        for aggregation in Aggregation:
            self.aggregation_box.addItem(_GROUP_WORDS[aggregation], aggregation)
        self.aggregation_box.setToolTip(
            "Auto groups by day up to about three months, by week up to two years, "
            "and by month beyond."
        )
        self.aggregation_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.aggregation_box.currentIndexChanged.connect(self._on_aggregation_changed)
        bar.addWidget(self.aggregation_box)
        bar.addStretch(1)
        self.chooser_button = named(QToolButton(), "toggleChooser")
        self.chooser_button.setText("Charts…")
        self.chooser_button.setCheckable(True)
        self.chooser_button.setToolTip("Choose which charts to show, and their order")
        self.save_button = named(QToolButton(), "saveCharts")
        self.save_button.setText("Save")
        self.save_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.save_button.setToolTip("Save the charts as a picture, or their values as CSV")
        menu = QMenu(self.save_button)
        self.png_action = menu.addAction("Save picture (PNG)…", self._ask_export_png)
        self.csv_action = menu.addAction("Save data for a spreadsheet (CSV)…", self._ask_export_csv)
        self.save_button.setMenu(menu)
        bar.addWidget(self.chooser_button)
        bar.addSpacing(6)
        bar.addWidget(self.save_button)
        self.controls = bar

        # Custom dates on a line of their own, so choosing them never widens the window.
        self.date_problem = named(QLabel(), "rangeProblem")
        self.date_problem.setWordWrap(True)
        self.date_problem.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.from_edit = self._date_edit("From", self.first)
        self.to_edit = self._date_edit("To", self.last)
        self.custom_box = named(QWidget(), "customRange")
        custom = QHBoxLayout(self.custom_box)
        custom.setContentsMargins(0, 0, 0, 0)
        custom.setSpacing(6)
        from_label, to_label = QLabel("From"), QLabel("to")
        from_label.setBuddy(self.from_edit)
        to_label.setBuddy(self.to_edit)
        for widget in (from_label, self.from_edit, to_label, self.to_edit):
            custom.addWidget(widget)
        custom.addWidget(self.date_problem, 1)
        self.custom_box.setVisible(layout.range == "custom")
        self._sync_grouping_box()

    def _date_edit(self, name: str, value: date) -> DateInput:
        """A date typed in any usual form (or picked), that says what is wrong with one it
        cannot read instead of choosing another day."""
        edit = named(DateInput(self.charts.today()), f"range{name}")
        edit.setAccessibleName(f"{name} date")
        edit.setDate(value)
        edit.dateChanged.connect(lambda _day: self._on_custom_dates())
        edit.problem.connect(self.date_problem.setText)
        return edit

    def _build_body(self) -> None:
        self.readout = named(ElidedLabel(HINT), "chartReadout")
        self.rows_box = named(QWidget(), "chartRows")
        self.rows_box.setMinimumWidth(0)
        self.rows_layout = QVBoxLayout(self.rows_box)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(4)
        self.rows_layout.addStretch(0)
        self.scroll_area = named(QScrollArea(), "chartScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.rows_box)
        self.empty = named(QLabel(), "chartsEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.empty.hide()

        charts_column = QVBoxLayout()
        charts_column.setSpacing(6)
        charts_column.addLayout(self.controls)
        charts_column.addWidget(self.custom_box)
        charts_column.addWidget(self.readout)
        charts_column.addWidget(self.empty)
        charts_column.addWidget(self.scroll_area, 1)
        body = QHBoxLayout(self)
        body.setContentsMargins(16, 12, 8, 12)
        body.setSpacing(8)
        body.addLayout(charts_column, 1)
        body.addWidget(self.chooser)
        self.chooser_button.toggled.connect(self._on_chooser_toggled)
        self._chooser_chosen: bool | None = None
        self._fit_chooser()

    # --- the chooser beside the charts ---------------------------------------------------

    def _on_chooser_toggled(self, shown: bool) -> None:
        self._chooser_chosen = shown
        self.chooser.setVisible(shown)

    def _fit_chooser(self) -> None:
        """Show the chooser beside the charts when there is room for both, unless the user
        opened or closed it; narrow windows keep the width for the charts."""
        shown = self._chooser_chosen
        if shown is None:
            shown = self.width() >= CHOOSER_BESIDE_FROM
        self.chooser.setVisible(shown)
        self.chooser_button.blockSignals(True)
        self.chooser_button.setChecked(shown)
        self.chooser_button.blockSignals(False)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_chooser()

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

    def set_aggregation(self, aggregation: Aggregation | None) -> None:
        """Group by day, week or month; None groups as the range suits (``grouping_for``)."""
        self.grouping = aggregation
        self._sync_grouping_box()
        self._load()
        self._save_layout()

    @property
    def aggregation(self) -> Aggregation:
        """The grouping shown now: the user's choice, or the one the range suits."""
        return self.grouping or grouping_for(self.first, self.last)

    def _sync_grouping_box(self) -> None:
        box = self.aggregation_box
        box.blockSignals(True)
        box.setItemText(0, f"Auto ({_GROUP_WORDS[grouping_for(self.first, self.last)].lower()})")
        box.setCurrentIndex(0 if self.grouping is None else box.findData(self.grouping))
        box.blockSignals(False)

    def _dates_for(self, layout: ChartLayout) -> tuple[date, date]:
        if layout.range == "custom" and layout.custom is not None:
            return layout.custom
        return self.charts.range_dates(layout.range if layout.range in RANGES else "3m")

    def _sync_range_controls(self) -> None:
        for button in self.range_buttons.buttons():
            button.setChecked(button.objectName() == f"range-{self.range_name}")
        self.custom_box.setVisible(self.range_name == "custom")
        self._sync_grouping_box()
        for edit, value in ((self.from_edit, self.first), (self.to_edit, self.last)):
            edit.blockSignals(True)
            edit.setDate(value)
            edit.blockSignals(False)

    def _on_range_clicked(self, key: str) -> None:
        if key == "custom":
            self.set_range((self.first, self.last))
            self.from_edit.setFocus()
        else:
            self.set_range(key)

    def _on_custom_dates(self) -> None:
        self.date_problem.clear()
        self.set_range((self.from_edit.date(), self.to_edit.date()))

    def _on_aggregation_changed(self, index: int) -> None:
        self.set_aggregation(self.aggregation_box.itemData(index))

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
            aggregation=self.grouping,
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
            # Before the closing stretch, which takes the room left by charts with nothing.
            self.rows_layout.insertWidget(self.rows_layout.count() - 1, self.rows[key], 1)
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
        """Pan and zoom the drawn charts together; a chart showing a note stays out."""
        drawn = [row for row in self.rows.values() if not row.empty]
        for row in self.rows.values():
            row.item.setXLink(None)
        for row in drawn[1:]:
            row.item.setXLink(drawn[0].item)

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
        x_min, x_max = first_day * SECONDS_PER_DAY, (last_day + 1) * SECONDS_PER_DAY
        for row in self.rows.values():
            for spec in row.spec.series:
                row.set_series(loaded[spec.name])
            row.set_flares(spans)
            drawn = any(bool(np.isfinite(loaded[s.name].y).any()) for s in row.spec.series)
            row.set_empty(None if drawn else self._empty_note(row.spec))
            row.view.setLimits(xMin=x_min, xMax=x_max, minXRange=3 * SECONDS_PER_DAY)
        self._link_rows()
        for row in self.rows.values():
            row.view.setXRange(x_min, x_max, padding=0)
        self._show_empty(all(row.empty for row in self.rows.values()) and bool(self.rows))
        self._stale = False
        self.range_changed.emit(self.first, self.last)

    def _empty_note(self, spec: ChartSpec) -> str:
        """What to log to fill an empty chart, with the keys that open the form."""
        kinds = self.charts.kinds_feeding(spec)
        ways = [f"‘{label_of(kind)}’ ({KIND_LOOKS[kind].shortcut})" for kind in kinds]
        if not ways:
            return "Nothing in these dates."
        return f"Nothing in these dates. Log {html.escape(_either(ways))} to fill this chart."

    def _show_empty(self, empty: bool) -> None:
        if empty:
            self.empty.setText(
                f"Nothing logged between {_long_date(self.first)} and {_long_date(self.last)}. "
                "Entries you log will appear here."
            )
        elif not self.rows:
            self.empty.setText("No charts are ticked. Choose some with “Charts…” above.")
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
            QTimer.singleShot(0, self, self.refresh)
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
        day = row.day_at(pos)
        self.set_cursor_day(day)
        if day is not None and self._cursor_day is not None:
            point = row.plot.mapToGlobal(row.plot.mapFromScene(pos).toPoint())
            QToolTip.showText(point + QPoint(16, 16), self.tooltip_text(), row.plot)
        else:
            QToolTip.hideText()

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
        """Show the crosshair on ``day`` (an epoch day) and read out its day, week or month
        in the line above the charts, or hide both."""
        if day is not None and not to_epoch_day(self.first) <= day <= to_epoch_day(self.last):
            day = None
        self._cursor_day = day
        for row in self.rows.values():
            row.show_cursor(day)
        self.readout.setText(HINT if day is None else self.readout_text())

    def bucket(self) -> tuple[date, date] | None:
        """The first and last day of the day, week or month under the cursor."""
        if self._cursor_day is None:
            return None
        first, last = bucket_of(
            self._cursor_day, self.aggregation, to_epoch_day(self.first), to_epoch_day(self.last)
        )
        return from_epoch_day(first), from_epoch_day(last)

    def cursor_values(self) -> list[tuple[str, str]]:
        """(series label, value) of every drawn chart for the bucket under the cursor."""
        if self._cursor_day is None:
            return []
        values = []
        for row in self.rows.values():
            if row.empty:
                continue
            for spec, text in row.values_on(self._cursor_day):
                label = spec.label if len(row.spec.series) > 1 else row.spec.title
                values.append((label, text))
        return values

    def readout_text(self) -> str:
        """One line: the bucket, any flare in it, and the values (elided where too long)."""
        bucket = self.bucket()
        assert bucket is not None
        parts = [describe_bucket(*bucket, self.aggregation)]
        flare = self._flare_in(*bucket)
        if flare:
            parts.append(flare)
        parts += [f"{label} {value}" for label, value in self.cursor_values() if value != "–"]
        return "  ·  ".join(parts)

    def tooltip_text(self) -> str:
        """The bucket under the cursor and every chart's value in it, as a small table."""
        bucket = self.bucket()
        if bucket is None:
            return ""
        heading = html.escape(describe_bucket(*bucket, self.aggregation))
        flare = self._flare_in(*bucket)
        lines = [f"<b>{heading}</b>"]
        if flare:
            lines.append(f"<i>{html.escape(flare)}</i>")
        cells = "".join(
            f"<tr><td>{html.escape(label)}</td><td align='right'>&nbsp;&nbsp;"
            f"<b>{html.escape(value)}</b></td></tr>"
            for label, value in self.cursor_values()
        )
        basis = {s.basis for s in self.series_shown() if s.basis}
        footer = (
            "<br><span>Weeks and months show each chart's " + ", ".join(sorted(basis)) + ".</span>"
            if basis
            else ""
        )
        return "<br>".join(lines) + f"<table>{cells}</table>" + footer + "<br>Click to open."

    def _flare_in(self, first: date, last: date) -> str:
        flares = [f for f in self._flares if f.first <= last and first <= f.last]
        if not flares:
            return ""
        condition = flares[0].condition
        return "during a flare" + (f" ({condition})" if condition else "")

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave:
            self.set_cursor_day(None)
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        first, last = to_epoch_day(self.first), to_epoch_day(self.last)
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            # One day, week or month at a time, as the charts are grouped.
            if self._cursor_day is None:
                day = last if key == Qt.Key.Key_Left else first
            else:
                start, end = bucket_of(self._cursor_day, self.aggregation, first, last)
                day = start - 1 if key == Qt.Key.Key_Left else end + 1
            self.set_cursor_day(min(max(day, first), last))
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._cursor_day is not None:
            self.open_day(from_epoch_day(self._cursor_day))
        elif key == Qt.Key.Key_Escape:
            self.set_cursor_day(None)
        else:
            super().keyPressEvent(event)

    # --- theme ---------------------------------------------------------------------------

    def _on_scheme_changed(self, _scheme: object) -> None:
        # The palette follows the scheme a moment later; read it once it has.
        QTimer.singleShot(0, self, self.apply_theme)

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
    QPushButton[range] {{
        border: 1px solid {colours["border"]};
        border-left-width: 0px;
        border-radius: 0px;
        padding: 5px 12px;
        background: {colours["card"]};
    }}
    QPushButton[range="first"] {{
        border-left-width: 1px;
        border-top-left-radius: 6px;
        border-bottom-left-radius: 6px;
    }}
    QPushButton[range="last"] {{
        border-top-right-radius: 6px;
        border-bottom-right-radius: 6px;
    }}
    QPushButton[range]:hover {{ background: {colours["hover"]}; }}
    QPushButton[range]:checked {{
        background: {colours["accent_soft"]};
        color: {colours["text"]};
    }}
    QToolButton#toggleChooser, QToolButton#saveCharts {{ padding: 5px 10px; }}
    QLabel#chartReadout {{ color: {colours["muted"]}; }}
    QLabel#chartsEmpty {{ color: {colours["muted"]}; padding: 24px; }}
    QLabel#chartEmptyNote {{ color: {colours["muted"]}; }}
    QLabel#rangeProblem {{ color: {ERROR_DARK if is_dark() else ERROR_LIGHT}; }}
    QWidget#chartChooser {{ border-left: 1px solid {colours["border"]}; }}
    QLabel#chooserHint {{ color: {colours["muted"]}; }}
    """


def describe_bucket(first: date, last: date, aggregation: Aggregation) -> str:
    """ "Fri 13 Nov 2026", "Week of 9–15 Nov 2026" or "November 2026" (clipped: "1–24 Nov")."""
    if aggregation is Aggregation.DAILY or first == last:
        return _long_date(first)
    if (
        aggregation is Aggregation.MONTHLY
        and first.day == 1
        and (last + timedelta(days=1)).month != last.month
    ):
        return QLocale().toString(QDate(first.year, first.month, 1), "MMMM yyyy")
    span = _span(first, last)
    if aggregation is Aggregation.WEEKLY:
        whole = (last - first).days == 6
        return f"Week of {span}" if whole else f"Week of {span} (part in range)"
    return f"{span} (part of the month in range)"


def _span(first: date, last: date) -> str:
    """ "9–15 Nov 2026", "28 Nov – 4 Dec 2026", "29 Dec 2025 – 4 Jan 2026"."""
    locale = QLocale()

    def text(day: date, pattern: str) -> str:
        return locale.toString(QDate(day.year, day.month, day.day), pattern)

    if first.year != last.year:
        return f"{text(first, 'd MMM yyyy')} – {text(last, 'd MMM yyyy')}"
    if first.month != last.month:
        return f"{text(first, 'd MMM')} – {text(last, 'd MMM yyyy')}"
    return f"{first.day}–{text(last, 'd MMM yyyy')}"


def _either(ways: list[str]) -> str:
    return ways[0] if len(ways) == 1 else ", ".join(ways[:-1]) + " or " + ways[-1]


_GROUP_WORDS = {Aggregation.DAILY: "Day", Aggregation.WEEKLY: "Week", Aggregation.MONTHLY: "Month"}
CHOOSER_BESIDE_FROM = 1000
"""The view width from which the chooser sits beside the charts unless the user chose."""


def _long_date(day: date) -> str:
    """A date in the user's locale, with its weekday: "Fri 13 Nov 2026"."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM yyyy")
