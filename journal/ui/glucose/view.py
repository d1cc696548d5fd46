"""The Glucose view: a clinician's AGP page for any range of CGM readings.

From the top, as on the AGP report (International Diabetes Center; Battelino et al.,
Diabetes Care 2019): the statistics with their targets and the time-in-ranges bar, the
ambulatory glucose profile, the daily profiles in a calendar grid, then what the journal
adds: the meals with the rise after each, compared by meal type and tag, and the imports the
readings came from (each can be undone). Long ranges are worked out in the background.
"""

from __future__ import annotations

from datetime import UTC, date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QLocale, Qt, QTimer
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journal.domain.cgm import CONSENSUS_SOURCE, GMI_SOURCE
from journal.domain.units import GlucoseUnit
from journal.domain.vocabulary import EntryKind
from journal.services.cgm.report import GlucoseReport
from journal.services.changes import JournalChange, Topic
from journal.ui.forms.text_inputs import DateInput
from journal.ui.glucose.agp_plot import AgpPlot
from journal.ui.glucose.colours import glucose_colours
from journal.ui.glucose.daily import DailyProfiles
from journal.ui.glucose.meals import MealsPanel
from journal.ui.glucose.ranges import StatisticsPanel, TimeInRangesBar
from journal.ui.palette import surface_colours
from journal.ui.runner import BackgroundTask
from journal.ui.signals import JournalSignals

RANGES: dict[str, tuple[str, int | None]] = {
    "2w": ("2 weeks", 14),
    "30d": ("30 days", 30),
    "90d": ("90 days", 90),
    "1y": ("1 year", 365),
    "all": ("All", None),
}
# Up to this many days the figures are worked out at once; longer ranges in the background.
SYNC_DAYS = 120
GLUCOSE_TOPICS = (Topic.CGM, Topic.SETTINGS)
FOOTNOTE = (
    f"Targets: {CONSENSUS_SOURCE}, for most adults with type 1 or type 2 diabetes; other "
    f"targets apply in pregnancy and for older or high-risk people. GMI: {GMI_SOURCE}. "
    "Figures count the sensor's own (historic) readings; Low and High count at the "
    "device's limits. This page shows data; it is not a diagnosis."
)

if TYPE_CHECKING:
    from journal.services import Services


def _short_date(day: date) -> str:
    """ "14 Sep 2016" with the locale's month names (the C locale's short form is numeric)."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


def _card(name: str, title: str, hint: str = "") -> tuple[QFrame, QVBoxLayout]:
    card = QFrame()
    card.setObjectName(name)
    card.setProperty("card", True)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(16, 12, 16, 14)
    layout.setSpacing(8)
    heading = QLabel(title)
    heading.setObjectName("cardTitle")
    heading.setAccessibleName(title)
    layout.addWidget(heading)
    if hint:
        label = QLabel(hint)
        label.setObjectName("sectionHint")
        label.setWordWrap(True)
        layout.addWidget(label)
    return card, layout


class GlucoseView(QWidget):
    """CGM readings of a range as an AGP page (see the module docstring)."""

    def __init__(
        self, services: Services, signals: JournalSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("glucoseView")
        self.setAccessibleName("Glucose")
        self.services = services
        self.signals = signals
        self.range_name = "2w"
        self.first = self.last = services.journal.now().date()
        self.report: GlucoseReport | None = None
        self._task: BackgroundTask | None = None
        self._request = 0
        self._stale = False
        self._styling = False
        self._build()
        self._apply_style()
        signals.changed.connect(self._on_changed)
        self.set_range("2w")

    # --- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel("Glucose")
        self.title.setObjectName("pageTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("pageSubtitle")
        # The dates wrap under the title rather than widening the window.
        self.subtitle.setWordWrap(True)
        self.subtitle.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.subtitle.setMinimumWidth(120)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        header = QHBoxLayout()
        header.addLayout(titles, 1)
        header.addLayout(self._range_controls())

        self.pages = QStackedWidget()
        self.empty = QLabel(
            "No CGM readings yet.\n\nImport a Dexcom Clarity or LibreView export with "
            "File > Import… (Ctrl+I): the readings appear here as an ambulatory glucose "
            "profile, with your meals marked on each day."
        )
        self.empty.setObjectName("emptyHint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.empty)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("glucoseScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.page = QWidget()
        self.page.setObjectName("glucosePage")
        self.scroll_area.setWidget(self.page)
        self.pages.addWidget(self.scroll_area)
        self._build_page()

        root = QVBoxLayout(self)
        root.setContentsMargins(24, 16, 16, 12)
        root.setSpacing(10)
        root.addLayout(header)
        custom_line = QHBoxLayout()
        custom_line.addStretch(1)
        custom_line.addWidget(self.custom_box)
        root.addLayout(custom_line)
        root.addWidget(self.pages, 1)

    def _range_controls(self) -> QHBoxLayout:
        self.range_buttons = QButtonGroup(self)
        bar = QHBoxLayout()
        bar.setSpacing(4)
        for key, (label, _days) in [*RANGES.items(), ("custom", ("Custom…", None))]:
            button = QPushButton(label)
            button.setObjectName(f"glucose-range-{key}")
            button.setProperty("range", True)
            button.setCheckable(True)
            button.setAccessibleName(f"Show {label.rstrip('…').lower()}")
            button.clicked.connect(lambda _checked=False, k=key: self._on_range_clicked(k))
            self.range_buttons.addButton(button)
            bar.addWidget(button)
        self.from_edit = self._date_edit("From")
        self.to_edit = self._date_edit("To")
        self.custom_box = QWidget()
        custom = QHBoxLayout(self.custom_box)
        custom.setContentsMargins(6, 0, 0, 0)
        custom.addWidget(self.from_edit)
        custom.addWidget(QLabel("to"))
        custom.addWidget(self.to_edit)
        self.custom_box.hide()  # on a line of its own (see _build): it never widens the window
        return bar

    def _date_edit(self, name: str) -> DateInput:
        """A date typed in any usual form (or picked); one it cannot read is said so."""
        edit = DateInput()
        edit.setObjectName(f"glucose{name}")
        edit.setAccessibleName(f"{name} date")
        edit.dateChanged.connect(lambda _day: self._on_custom_dates())
        edit.problem.connect(lambda text: self.subtitle.setText(text) if text else None)
        return edit

    def _build_page(self) -> None:
        layout = QVBoxLayout(self.page)
        layout.setContentsMargins(0, 0, 8, 8)
        layout.setSpacing(14)
        self.sufficiency = QLabel()
        self.sufficiency.setObjectName("sufficiencyNote")
        self.sufficiency.setWordWrap(True)
        self.sufficiency.hide()
        layout.addWidget(self.sufficiency)
        self.working = QLabel()
        self.working.setObjectName("sectionHint")
        self.working.hide()
        layout.addWidget(self.working)

        stats_card, stats = _card("statsCard", "Glucose statistics and targets")
        self.statistics = StatisticsPanel()
        stats.addWidget(self.statistics)
        stats.addStretch(1)
        tir_card, tir = _card("tirCard", "Time in ranges")
        self.tir_bar = TimeInRangesBar()
        tir.addWidget(self.tir_bar, 1)
        row = QHBoxLayout()
        row.setSpacing(14)
        row.addWidget(stats_card, 5)
        row.addWidget(tir_card, 6)
        layout.addLayout(row)

        agp_card, agp = _card(
            "agpCard",
            "Ambulatory glucose profile (AGP)",
            "Each time of day over all days of the period: the line is the median, the dark "
            "band holds the middle half of the readings (25-75 %), the light band 90 % of them "
            "(5-95 %); green is the target range.",
        )
        self.agp_plot = AgpPlot()
        agp.addWidget(self.agp_plot, 1)
        layout.addWidget(agp_card)

        daily_card, daily = _card(
            "dailyCard",
            "Daily glucose profiles",
            "Each day from midnight to midnight over the target range; ▲ a meal from your "
            "journal, ● the peak after it with its rise. Point at a day for details, click to "
            "open it in Today.",
        )
        self.daily = DailyProfiles()
        self.daily.day_chosen.connect(self.signals.open_day.emit)
        daily.addWidget(self.daily)
        layout.addWidget(daily_card)

        meals_card, meals = _card("mealsCard", "Meals and the rise after them")
        self.meals = MealsPanel()
        meals.addWidget(self.meals)
        layout.addWidget(meals_card)

        imports_card, imports = _card(
            "importsCard",
            "Imported files",
            "Where these readings came from. Undoing an import removes exactly its readings "
            "(and the entries it made); Edit > Undo brings them back.",
        )
        self.imports = QTableWidget(0, 4)
        self.imports.setObjectName("cgmImports")
        self.imports.setAccessibleName("CGM imports")
        self.imports.setHorizontalHeaderLabels(["Imported", "File", "Readings", "Readings from"])
        self.imports.verticalHeader().hide()
        self.imports.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.imports.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.imports.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.imports.setShowGrid(False)
        header = self.imports.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.imports.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.imports.itemSelectionChanged.connect(self._on_import_selected)
        imports.addWidget(self.imports)
        self.undo_import_button = QPushButton("Undo this import")
        self.undo_import_button.setObjectName("undoImport")
        self.undo_import_button.setEnabled(False)
        self.undo_import_button.clicked.connect(self.undo_selected_import)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.undo_import_button)
        imports.addLayout(buttons)
        layout.addWidget(imports_card)

        footnote = QLabel(FOOTNOTE)
        footnote.setObjectName("sectionHint")
        footnote.setWordWrap(True)
        layout.addWidget(footnote)
        layout.addStretch(1)

    # --- ranges ------------------------------------------------------------------------------

    def set_range(self, name: str | tuple[date, date]) -> None:
        """Show a named range ("2w", "30d", "90d", "1y", "all") ending on the last day with
        readings (or today), or a custom (first, last)."""
        span = self.services.cgm.span()
        if isinstance(name, tuple):
            first, last = sorted(name)
            self.range_name = "custom"
        else:
            self.range_name = name
            first, last = self._dates_for(name, span)
        self.first, self.last = first, last
        self._sync_controls()
        self._load(span)

    def _dates_for(self, name: str, span: tuple[date, date] | None) -> tuple[date, date]:
        today = self.services.journal.now().date()
        end = span[1] if span is not None and span[1] < today else today
        days = RANGES[name][1]
        if days is None:
            start = span[0] if span is not None else end - timedelta(days=13)
            return min(start, end), end
        return end - timedelta(days=days - 1), end

    def _sync_controls(self) -> None:
        for button in self.range_buttons.buttons():
            button.setChecked(button.objectName() == f"glucose-range-{self.range_name}")
        self.custom_box.setVisible(self.range_name == "custom")
        for edit, value in ((self.from_edit, self.first), (self.to_edit, self.last)):
            edit.blockSignals(True)
            edit.setDate(value)
            edit.blockSignals(False)
        days = (self.last - self.first).days + 1
        plural = "s" if days != 1 else ""
        self.subtitle.setText(
            f"{_short_date(self.first)} – {_short_date(self.last)} · {days:,} day{plural}"
        )

    def _on_range_clicked(self, key: str) -> None:
        if key == "custom":
            self.set_range((self.first, self.last))
            self.from_edit.setFocus()
        else:
            self.set_range(key)

    def _on_custom_dates(self) -> None:
        self.set_range((self.from_edit.date(), self.to_edit.date()))

    # --- loading -----------------------------------------------------------------------------

    def _load(self, span: tuple[date, date] | None) -> None:
        self._request += 1
        self._fill_imports()
        if span is None:
            self.report = None
            self.pages.setCurrentWidget(self.empty)
            return
        self.pages.setCurrentWidget(self.scroll_area)
        first, last, request = self.first, self.last, self._request
        days = (last - first).days + 1
        if days <= SYNC_DAYS:
            self.show_report(self.services.cgm.report(first, last))
            return
        self.working.setText(f"Working out the figures of {days:,} days…")
        self.working.show()
        task = BackgroundTask(
            lambda _progress, _cancel: self.services.cgm.report(first, last), self
        )
        task.succeeded.connect(lambda result, r=request: self._on_report(r, result))
        task.failed.connect(self.signals.status.emit)
        self._task = task
        task.start()

    def _on_report(self, request: int, result: object) -> None:
        if request != self._request or not isinstance(result, GlucoseReport):
            return  # a later range was asked for meanwhile
        self.show_report(result)

    def wait_for_task(self) -> None:
        """Block until a background load has ended (tests, closing)."""
        if self._task is not None:
            self._task.wait()

    def show_report(self, report: GlucoseReport) -> None:
        self.report = report
        self.working.hide()
        units = self.services.units
        unit = units.glucose
        metrics = report.metrics
        days = (report.last - report.first).days + 1
        period = f"{days:,} days: {_short_date(report.first)} – {_short_date(report.last)}"
        self.statistics.set_metrics(metrics, unit, period)
        self.tir_bar.set_metrics(metrics, unit)
        twelve = units.time_format.value == "12h"
        self.agp_plot.set_profile(report.agp, unit, report.target_mgdl, twelve)
        self.daily.set_traces(report.traces, report.target_mgdl, unit)
        self.meals.set_meals(report.meals, report.groups, units)
        self._show_sufficiency(report)

    def _show_sufficiency(self, report: GlucoseReport) -> None:
        metrics = report.metrics
        if metrics is None:
            text = "No CGM readings in this period. Choose another range above."
        elif not metrics.sufficiency.enough:
            text = " ".join(metrics.sufficiency.reasons)
        else:
            text = ""
        self.sufficiency.setText(text)
        self.sufficiency.setVisible(bool(text))

    # --- imports -----------------------------------------------------------------------------

    def _fill_imports(self) -> None:
        batches = self.services.cgm.imports()
        zone = self.services.zone.zone()
        self.imports.setRowCount(len(batches))
        for row, batch in enumerate(batches):
            local = batch.imported_at.replace(tzinfo=UTC).astimezone(zone)
            when = (
                f"{_short_date(local.date())} {local.strftime(self.services.units.time_pattern())}"
            )
            span = "–"
            if batch.first_utc is not None and batch.last_utc is not None:
                first = date(1970, 1, 1) + timedelta(seconds=batch.first_utc)
                last = date(1970, 1, 1) + timedelta(seconds=batch.last_utc)
                span = f"{_short_date(first)} – {_short_date(last)}"
            readings = f"{batch.readings:,}"
            if batch.entries:
                readings += f" and {batch.entries:,} entries"
            for column, text in enumerate((when, batch.file, readings, span)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, batch.id)
                self.imports.setItem(row, column, item)
        self.imports.resizeRowsToContents()
        height = self.imports.horizontalHeader().height() + 6
        height += sum(self.imports.rowHeight(r) for r in range(min(len(batches), 6)))
        self.imports.setFixedHeight(max(height, 60))
        self.undo_import_button.setEnabled(False)

    def _on_import_selected(self) -> None:
        self.undo_import_button.setEnabled(
            bool(self.imports.selectedItems()) and not self.services.read_only
        )

    def undo_selected_import(self) -> None:
        items = self.imports.selectedItems()
        if not items:
            return
        import_id = int(items[0].data(Qt.ItemDataRole.UserRole))
        try:
            removed = self.services.cgm.undo_import(import_id)
        except LookupError as error:
            self.signals.status.emit(str(error))
            return
        self.signals.status.emit(
            f"Removed {removed:,} readings of {items[1].text()}. Edit > Undo brings them back."
        )

    # --- reacting ----------------------------------------------------------------------------

    def _on_changed(self, change: JournalChange) -> None:
        if not change.touches_any((EntryKind.MEAL,), GLUCOSE_TOPICS):
            return
        if self.isVisible():
            QTimer.singleShot(0, self, self.refresh)
        else:
            self._stale = True

    def refresh(self) -> None:
        self._stale = False
        if self.range_name == "custom":
            self.set_range((self.first, self.last))
        else:
            self.set_range(self.range_name)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        palette_events = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if event.type() in palette_events and not self._styling:
            self._apply_style()
        super().changeEvent(event)

    # --- looks -------------------------------------------------------------------------------

    def _apply_style(self) -> None:
        self._styling = True
        try:
            colours = surface_colours(self.palette())
            glucose = glucose_colours(self.palette())
            self.setStyleSheet(_stylesheet(colours, glucose.band(1).name()))
            self.agp_plot.apply_colours(glucose)
            self.tir_bar.set_colours(glucose)
            self.daily.set_colours(glucose)
            self.meals.apply_colours(glucose)
        finally:
            self._styling = False

    def unit(self) -> GlucoseUnit:
        return self.services.units.glucose


def _stylesheet(colours: dict[str, QColor], warn: str) -> str:
    c = {k: v.name() for k, v in colours.items()}
    return f"""
    #glucoseScroll, #glucosePage {{ background: transparent; border: none; }}
    #pageTitle {{ font-size: 20pt; font-weight: 600; }}
    #pageSubtitle, #sectionHint, #emptyHint, #statLabel, #statTarget {{ color: {c["muted"]}; }}
    #emptyHint {{ font-size: 12pt; padding: 40px; }}
    QFrame[card="true"] {{
        background: {c["card"]}; border: 1px solid {c["border"]}; border-radius: 12px;
    }}
    QFrame[card="true"] QLabel {{ background: transparent; border: none; }}
    #cardTitle {{ font-size: 12.5pt; font-weight: 600; }}
    #subHeading {{ font-weight: 600; }}
    #statValue, #statPeriod {{ font-weight: 600; }}
    #statTarget[met="no"] {{ color: {warn}; font-weight: 600; }}
    #sufficiencyNote {{
        background: {c["accent_soft"]}; border: 1px solid {c["accent_edge"]};
        border-radius: 8px; padding: 8px 12px;
    }}
    QPushButton[range="true"] {{
        border: 1px solid {c["border"]}; border-radius: 6px; padding: 6px 12px;
        background: {c["card"]};
    }}
    QPushButton[range="true"]:hover {{ background: {c["hover"]}; }}
    QPushButton[range="true"]:checked {{
        background: {c["accent_soft"]}; border-color: {c["accent"]};
    }}
    #undoImport {{
        border: 1px solid {c["border"]}; border-radius: 8px; padding: 6px 14px;
        background: {c["card"]};
    }}
    #undoImport:hover {{ background: {c["hover"]}; }}
    QTableWidget {{
        background: {c["window"]}; border: 1px solid {c["border"]}; border-radius: 8px;
    }}
    """
