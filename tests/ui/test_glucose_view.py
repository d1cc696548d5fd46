"""CGM readings in the interface: the Glucose view's AGP and time-in-ranges bar, its daily
grid, meals and imports; Today's CGM card; the glucose chart; the CGM import window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from journal.domain.clock import FakeClock
from journal.domain.entries import Meal
from journal.domain.units import GlucoseUnit, UnitPreferences
from journal.domain.vocabulary import MealType
from journal.io.cgm.samples import synthetic_readings, write_clarity
from journal.services import Services, open_services
from journal.ui.charts.view import ChartsView
from journal.ui.data import import_dialog_for
from journal.ui.data.cgm_import import CgmImportDialog
from journal.ui.glucose import GlucoseView
from journal.ui.signals import JournalSignals
from journal.ui.today import TodayView

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=BERLIN)
FIRST = date(2026, 11, 10)  # 14 days of readings up to the day before the clock's today
LAST = date(2026, 11, 23)


@pytest.fixture
def cgm(tmp_path: Path) -> Iterator[Services]:
    services = open_services(tmp_path / "journal", FakeClock(NOW), zone=BERLIN)
    yield services
    services.close()


@pytest.fixture
def clarity(tmp_path: Path) -> Path:
    readings = synthetic_readings(14, start=datetime(2026, 11, 10, tzinfo=BERLIN), zone=BERLIN)
    return write_clarity(tmp_path / "clarity.csv", readings, BERLIN)


@pytest.fixture
def filled(cgm: Services, clarity: Path) -> Services:
    cgm.cgm.import_file(clarity)
    for day in (date(2026, 11, 20), date(2026, 11, 21)):
        lunch = datetime(day.year, day.month, day.day, 12, 30, tzinfo=BERLIN)
        cgm.journal.add_entry(
            Meal(at=lunch, meal_type=MealType.LUNCH, items="Pasta", carbs_g=80, tags=("wheat",))
        )
    return cgm


@pytest.fixture
def signals(cgm: Services) -> Iterator[JournalSignals]:
    journal_signals = JournalSignals(cgm)
    yield journal_signals
    journal_signals.detach()


def glucose_view(qtbot: QtBot, services: Services, signals: JournalSignals) -> GlucoseView:
    view = GlucoseView(services, signals)
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    return view


def test_the_agp_draws_the_median_and_bands_of_the_range(
    qtbot: QtBot, filled: Services, signals: JournalSignals
) -> None:
    view = glucose_view(qtbot, filled, signals)
    report = view.report
    assert report is not None and report.agp is not None
    assert (view.first, view.last) == (FIRST, LAST)  # two weeks ending on the last reading

    x, median = view.agp_plot.median.getData()
    _x, p95 = view.agp_plot.p95.getData()

    assert x[0] == 0 and x[-1] == 1440 and np.diff(x).max() <= 15  # at most 15 minutes apart
    assert np.allclose(median[:-1], report.agp.p50)
    assert median[-1] == median[0]  # the day closes at midnight
    assert np.all(p95[:-1] >= report.agp.p75)
    assert view.agp_plot.target.getRegion() == (70, 180)


def test_the_time_in_ranges_bar_shows_the_consensus_bands(
    qtbot: QtBot, filled: Services, signals: JournalSignals
) -> None:
    view = glucose_view(qtbot, filled, signals)
    metrics = filled.cgm.metrics(FIRST, LAST)
    assert metrics is not None

    values = dict(view.tir_bar.values())

    assert list(values) == ["Very low", "Low", "Target range", "High", "Very high"]
    assert values["Target range"] == pytest.approx(metrics.in_range.percent)
    assert sum(values.values()) == pytest.approx(100)
    assert view.statistics.value("mean") == f"{metrics.mean_mgdl:.0f} mg/dL"
    assert view.statistics.value("cv") == f"{metrics.cv_percent:.1f} %"
    assert not view.sufficiency.isVisible()  # 14 full days: enough


def test_daily_profiles_mark_meals_and_open_a_day(
    qtbot: QtBot, filled: Services, signals: JournalSignals
) -> None:
    view = glucose_view(qtbot, filled, signals)
    grid = view.daily
    assert [t.day for t in grid.traces] == [FIRST + timedelta(days=i) for i in range(14)]
    marked = {t.day: t.meals for t in grid.traces if t.meals}
    assert set(marked) == {date(2026, 11, 20), date(2026, 11, 21)}
    meal = marked[date(2026, 11, 20)][0]
    assert meal.minute == 12 * 60 + 30 and meal.rise_mgdl is not None and meal.rise_mgdl > 0
    center = grid.cell_rect(date(2026, 11, 20)).center().toPoint()
    with qtbot.waitSignal(signals.open_day) as opened:
        qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=center)
    assert opened.args == [date(2026, 11, 20)]
    assert "in range" in grid.day_text(date(2026, 11, 20))


def test_meals_are_listed_with_their_rise_and_compared_by_tag(
    qtbot: QtBot, filled: Services, signals: JournalSignals
) -> None:
    view = glucose_view(qtbot, filled, signals)
    panel = view.meals
    assert panel.table.rowCount() == 2
    assert len(panel.curve_data()) == 2  # both measured meals drawn over one another
    minutes, change = panel.curve_data()[0]
    assert minutes.min() < 0 < minutes.max() and change.max() > 0
    groups = [panel.groups.item(r, 0).text() for r in range(panel.groups.rowCount())]
    assert groups == ["Lunch", "“wheat”"]


def test_the_meals_table_keeps_its_column_sizing_and_fits_its_text(
    qtbot: QtBot, filled: Services, signals: JournalSignals
) -> None:
    """Columns are sized once after filling (not at every cell), and still to their text."""
    from PySide6.QtWidgets import QHeaderView

    view = glucose_view(qtbot, filled, signals)
    table = view.meals.table
    header = table.horizontalHeader()
    stretch = QHeaderView.ResizeMode.Stretch
    modes = [header.sectionResizeMode(i) for i in range(header.count())]
    assert QHeaderView.ResizeMode.Interactive not in modes
    view.meals.set_meals(view.meals.rises, [], view.meals.units)  # filled again
    assert [header.sectionResizeMode(i) for i in range(header.count())] == modes
    for column in range(table.columnCount()):
        if modes[column] is stretch:
            continue
        for row in range(table.rowCount()):
            item = table.item(row, column)
            assert item is not None
            needed = table.fontMetrics().horizontalAdvance(item.text())
            assert table.columnWidth(column) >= needed, (column, item.text())


def test_undo_this_import_empties_the_view_and_undo_brings_it_back(
    qtbot: QtBot, filled: Services, signals: JournalSignals
) -> None:
    view = glucose_view(qtbot, filled, signals)
    view.imports.selectRow(0)
    assert view.undo_import_button.isEnabled()
    qtbot.mouseClick(view.undo_import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.empty)
    assert filled.cgm.count() == 0
    filled.journal.undo()
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.scroll_area)
    assert view.report is not None and view.report.readings == 14 * 288


def test_mmol_users_see_mmol(qtbot: QtBot, filled: Services, signals: JournalSignals) -> None:
    filled.set_units(UnitPreferences(glucose=GlucoseUnit.MMOLL))
    view = glucose_view(qtbot, filled, signals)
    low, high = view.agp_plot.target.getRegion()
    assert (round(low, 1), round(high, 1)) == (3.9, 10.0)
    assert view.statistics.value("mean").endswith("mmol/L")


def test_no_readings_yet_says_how_to_get_them(
    qtbot: QtBot, cgm: Services, signals: JournalSignals
) -> None:
    view = glucose_view(qtbot, cgm, signals)
    assert view.pages.currentWidget() is view.empty
    assert "Import a Dexcom Clarity or LibreView export" in view.empty.text()


def test_today_shows_the_days_trace_range_and_time_in_range(
    qtbot: QtBot, filled: Services, signals: JournalSignals
) -> None:
    today = TodayView(filled, signals)
    qtbot.addWidget(today)
    today.show()
    card = today.cgm_card
    assert not card.isVisible()  # the clock's today has no readings

    today.show_day(date(2026, 11, 15))

    day = filled.cgm.day(date(2026, 11, 15))
    assert day is not None and card.isVisible()
    assert len(card.trace.points()) == 288
    assert f"{day.in_range_pct:.0f} %" in card.in_range_label.text()
    assert card.range_label.text() == f"Range {day.low_mgdl:.0f}–{day.high_mgdl:.0f} mg/dL"
    assert today.model.rowCount() == 0  # readings are not timeline rows


def test_today_shows_readings_imported_while_it_is_open(
    qtbot: QtBot, cgm: Services, signals: JournalSignals, clarity: Path
) -> None:
    today = TodayView(cgm, signals)
    qtbot.addWidget(today)
    today.show_day(date(2026, 11, 15))
    assert today.cgm_card.day is None
    cgm.cgm.import_file(clarity)
    assert today.cgm_card.day is not None


def test_the_glucose_chart_draws_cgm_readings_downsampled(
    qtbot: QtBot, filled: Services, signals: JournalSignals
) -> None:
    charts = ChartsView(filled, signals)
    qtbot.addWidget(charts)
    charts.set_range((FIRST, LAST))
    row = charts.row("glucose")
    x, y = row.data("cgm_trace")
    item = row.curves["cgm_trace"].item
    assert int(np.isfinite(y).sum()) == 14 * 288
    assert np.all(np.diff(x) > 0)
    assert item.opts["autoDownsample"] and item.opts["downsampleMethod"] == "peak"
    assert item.opts["clipToView"]


def test_choosing_a_clarity_file_opens_the_cgm_preview_and_imports(
    qtbot: QtBot, cgm: Services, clarity: Path
) -> None:
    dialog = import_dialog_for(cgm, clarity)
    assert isinstance(dialog, CgmImportDialog)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.state != "checking")
    dialog.wait_for_task()
    assert dialog.state == "preview"
    assert "Dexcom G6" in dialog.device_label.text()
    assert "4,032 new, 0 already in your journal" in dialog.readings_label.text()
    assert dialog.zone_box.currentText() == "Europe/Berlin"
    assert "None of an hour or more" in dialog.gaps_label.text()
    with qtbot.waitSignal(dialog.imported) as done:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    dialog.wait_for_task()
    assert done.args[0].added == 4032
    assert cgm.cgm.count() == 4032


def test_choosing_another_zone_reads_the_file_again(
    qtbot: QtBot, cgm: Services, clarity: Path
) -> None:
    cgm.cgm.import_file(clarity)
    dialog = CgmImportDialog(cgm, clarity)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.state == "preview")
    dialog.wait_for_task()
    assert "nothing to add" in dialog.message.text()
    dialog.zone_box.setCurrentText("Europe/London")
    dialog.zone_box.activated.emit(dialog.zone_box.currentIndex())
    qtbot.waitUntil(
        lambda: (
            dialog.state == "preview"
            and dialog.preview is not None
            and dialog.preview.zone == "Europe/London"
        )
    )
    dialog.wait_for_task()
    assert dialog.warning.isVisible() or not dialog.warning.isHidden()
    assert "another value" in dialog.warning.text()


def test_the_grid_ignores_clicks_outside_the_days(
    qtbot: QtBot, filled: Services, signals: JournalSignals
) -> None:
    view = glucose_view(qtbot, filled, signals)
    assert view.daily.day_at(QPoint(2, 2)) is None
