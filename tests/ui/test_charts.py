"""The Charts view: points per fixture, linked dates, flare shading, click to open a day,
export, the remembered choice of charts, and the colour scheme."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from journal.analysis.series import SECONDS_PER_DAY, Aggregation, to_epoch_day
from journal.domain.entries import FlareEpisode, Glucose, Meal, Sleep, StressCheck, SymptomCheck
from journal.domain.units import GlucoseUnit, UnitPreferences
from journal.domain.vocabulary import GlucoseContext
from journal.services import Services
from journal.ui.application import set_color_scheme
from journal.ui.charts.view import ChartsView
from journal.ui.signals import JournalSignals

TZ = timezone(timedelta(hours=1))
FIRST, LAST = date(2026, 11, 11), date(2026, 11, 24)  # the "2 weeks" range of the fake clock
FLARES = [(date(2026, 11, 14), date(2026, 11, 16)), (date(2026, 11, 20), date(2026, 11, 21))]


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=TZ)


def noon(day: date) -> float:
    return (to_epoch_day(day) + 0.5) * SECONDS_PER_DAY


@pytest.fixture
def signals(services: Services) -> Iterator[JournalSignals]:
    journal = services.journal
    for day in (12, 13, 15, 18):
        journal.add_entry(Meal(at=at(day, 12), carbs_g=10.0 * day))
    for day, hours in ((12, 7.5), (13, 5.0), (19, 8.0)):
        journal.add_entry(Sleep(at=at(day, 7), hours=hours))
    journal.add_entry(Glucose(at=at(12, 7), mgdl=95, context=GlucoseContext.FASTING))
    journal.add_entry(Glucose(at=at(12, 14), mgdl=160, context=GlucoseContext.AFTER_MEAL))
    journal.add_entry(Glucose(at=at(13, 7), mgdl=101, context=GlucoseContext.FASTING))
    journal.add_entry(StressCheck(at=at(13, 20), stress=8, mood=3))
    journal.add_entry(SymptomCheck(at=at(15, 9), scores={"pain": 6}))
    for start, end in FLARES:
        journal.save_flare(FlareEpisode(start=start, end=end, condition="RA"))
    journal_signals = JournalSignals(services)
    yield journal_signals
    journal_signals.detach()


@pytest.fixture
def view(qtbot: QtBot, services: Services, signals: JournalSignals) -> ChartsView:
    charts_view = ChartsView(services, signals)
    qtbot.addWidget(charts_view)
    charts_view.resize(1200, 900)
    charts_view.show()
    qtbot.waitExposed(charts_view)
    charts_view.set_range("2w")
    return charts_view


def test_default_charts_are_shown_in_order(view: ChartsView) -> None:
    assert list(view.rows) == ["glucose", "carbs", "active", "sleep", "stress", "symptoms"]
    assert view.first, view.last == (FIRST, LAST)


def test_plots_show_one_point_per_logged_day_and_gaps_elsewhere(view: ChartsView) -> None:
    x, y = view.row("carbs").data("carbs_g")
    assert x.tolist() == [noon(date(2026, 11, d)) for d in (12, 13, 15, 18)]
    assert y.tolist() == [120.0, 130.0, 150.0, 180.0]
    x, y = view.row("stress").data("stress_mean")
    assert len(x) == 14  # one slot per day of the range ...
    assert np.count_nonzero(np.isfinite(y)) == 1  # ... and a gap on every day without a check
    x, y = view.row("glucose").data("glucose_readings")
    assert len(x) == 3 and y.tolist() == [95.0, 160.0, 101.0]
    bars_x, bars_y = view.row("sleep").data("sleep_hours")
    assert dict(zip(bars_x.tolist(), bars_y.tolist(), strict=True)) == {
        noon(date(2026, 11, 12)): 7.5,
        noon(date(2026, 11, 13)): 5.0,
        noon(date(2026, 11, 19)): 8.0,
    }


def test_weekly_aggregation_redraws_every_chart(view: ChartsView) -> None:
    view.set_aggregation(Aggregation.WEEKLY)
    x, y = view.row("carbs").data("carbs_g")
    # Weeks of 11-15 Nov (clipped to the range) and 16-22 Nov; 23-24 Nov has no meals: no bar.
    assert y.tolist() == pytest.approx([400 / 3, 180.0])
    assert x.tolist() == [noon(date(2026, 11, 13)), noon(date(2026, 11, 19))]
    assert view.charts.layout().aggregation is Aggregation.WEEKLY


def test_glucose_is_shown_in_the_users_unit(view: ChartsView, services: Services) -> None:
    services.set_units(UnitPreferences(glucose=GlucoseUnit.MMOLL))
    view.refresh()
    _, y = view.row("glucose").data("glucose_readings")
    assert y.round(1).tolist() == [5.3, 8.9, 5.6]
    assert view.row("glucose").item.getAxis("left").labelText == "mmol/L"


def test_linked_axes_follow_a_pan_or_zoom_of_any_chart(view: ChartsView, qtbot: QtBot) -> None:
    left, right = noon(date(2026, 11, 14)), noon(date(2026, 11, 18))
    view.row("sleep").view.setXRange(left, right, padding=0)
    for row in view.rows.values():
        assert row.view.viewRange()[0] == pytest.approx([left, right])


def test_flare_shading_matches_the_episodes_on_every_chart(view: ChartsView) -> None:
    expected = [
        (to_epoch_day(start) * SECONDS_PER_DAY, (to_epoch_day(end) + 1) * SECONDS_PER_DAY)
        for start, end in FLARES
    ]
    for row in view.rows.values():
        assert row.flares.spans == expected


def test_clicking_a_day_opens_it_in_today(
    view: ChartsView, signals: JournalSignals, qtbot: QtBot
) -> None:
    row = view.row("carbs")
    scene_point = row.view.mapViewToScene(QPointF(noon(date(2026, 11, 18)), 50.0))
    point = row.plot.mapFromScene(scene_point)
    with qtbot.waitSignal(signals.open_day) as opened:
        qtbot.mouseClick(row.plot.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert opened.args == [date(2026, 11, 18)]


def test_hovering_a_day_reads_out_every_series_without_reflowing(view: ChartsView) -> None:
    headers = {key: row.header.text() for key, row in view.rows.items()}
    heights = {key: row.height() for key, row in view.rows.items()}
    view.set_cursor_day(to_epoch_day(date(2026, 11, 13)))
    tip = view.tooltip_text()
    assert "Fri 13 Nov 2026" in tip
    assert "130 g" in tip and "5 h" in tip and "101 mg/dL" in tip
    assert "Fri 13 Nov 2026" in view.readout.text() and "130 g" in view.readout.text()
    # The legends and sizes stay as they were: nothing moves under the pointer.
    assert {key: row.header.text() for key, row in view.rows.items()} == headers
    assert {key: row.height() for key, row in view.rows.items()} == heights
    assert all(row.crosshair.isVisible() for row in view.rows.values() if not row.empty)
    view.set_cursor_day(None)
    assert not any(row.crosshair.isVisible() for row in view.rows.values())


def test_in_weeks_the_readout_describes_the_week(view: ChartsView) -> None:
    view.set_aggregation(Aggregation.WEEKLY)
    view.set_cursor_day(to_epoch_day(date(2026, 11, 18)))
    assert view.bucket() == (date(2026, 11, 16), date(2026, 11, 22))
    tip = view.tooltip_text()
    assert "Week of 16–22 Nov 2026" in tip
    assert "during a flare (RA)" in tip  # 20-21 Nov
    assert "180 g" in tip  # the week's mean per logged day
    view.set_cursor_day(to_epoch_day(date(2026, 11, 12)))
    assert "Week of 11–15 Nov 2026 (part in range)" in view.tooltip_text()


def test_grouping_follows_the_range_unless_chosen(view: ChartsView) -> None:
    assert view.grouping is None and view.aggregation is Aggregation.DAILY
    view.set_range("1y")
    assert view.aggregation is Aggregation.WEEKLY
    assert view.aggregation_box.currentText() == "Auto (week)"
    view.set_range((date(2020, 1, 1), LAST))
    assert view.aggregation is Aggregation.MONTHLY
    assert view.row("carbs").data("carbs_g")[0].size == 1  # one November 2026 bar
    view.set_aggregation(Aggregation.DAILY)
    view.set_range("1y")
    assert view.aggregation is Aggregation.DAILY  # the user's choice holds
    assert view.charts.layout().aggregation is Aggregation.DAILY


def test_keyboard_in_months_moves_a_month_at_a_time(view: ChartsView, qtbot: QtBot) -> None:
    view.set_range((date(2026, 9, 1), LAST))
    view.set_aggregation(Aggregation.MONTHLY)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.bucket() == (date(2026, 11, 1), LAST)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.bucket() == (date(2026, 10, 1), date(2026, 10, 31))
    assert "October 2026" in view.readout.text()


def test_keyboard_moves_the_day_and_enter_opens_it(
    view: ChartsView, signals: JournalSignals, qtbot: QtBot
) -> None:
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    with qtbot.waitSignal(signals.open_day) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened.args == [date(2026, 11, 23)]


def test_range_buttons_and_custom_range(view: ChartsView, qtbot: QtBot) -> None:
    button = view.findChild(QPushButton, "range-3m")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert (view.first, view.last) == (date(2026, 8, 26), LAST)
    assert button.isChecked()
    view.set_range((date(2026, 11, 18), date(2026, 11, 12)))  # reversed: taken in order
    assert (view.first, view.last) == (date(2026, 11, 12), date(2026, 11, 18))
    assert view.custom_box.isVisible()
    x, _ = view.row("stress").data("stress_mean")
    assert len(x) == 7
    assert view.charts.layout().custom == (date(2026, 11, 12), date(2026, 11, 18))


def test_export_writes_a_png_and_a_csv_matching_the_data(view: ChartsView, tmp_path: Path) -> None:
    png, table = tmp_path / "charts.png", tmp_path / "charts.csv"
    view.export_png(png)
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 500
    rows = view.export_csv(table)
    with table.open(encoding="utf-8") as handle:
        lines = list(csv.DictReader(handle))
    assert rows == len(lines)
    by_day = {line["date"]: line for line in lines}
    assert by_day["2026-11-18"]["Carbohydrates (g)"] == "180"
    assert by_day["2026-11-13"]["Sleep (h)"] == "5"
    assert by_day["2026-11-13"]["Stress (mean) (0-10)"] == "8"
    assert "2026-11-14" not in by_day  # nothing logged: no row, not a row of zeros


def test_chosen_charts_and_order_are_remembered(
    view: ChartsView, services: Services, signals: JournalSignals, qtbot: QtBot
) -> None:
    view.chooser.set_shown("active", False)
    assert "active" not in view.rows
    view.chooser.list.setCurrentRow(view.chooser.order().index("sleep"))
    for _ in range(view.chooser.order().index("sleep") - 1):  # up past hidden charts too
        qtbot.mouseClick(view.chooser.up, Qt.MouseButton.LeftButton)
    assert list(view.rows)[:3] == ["glucose", "sleep", "carbs"]
    again = ChartsView(services, signals)
    qtbot.addWidget(again)
    assert list(again.rows) == ["glucose", "sleep", "carbs", "stress", "symptoms"]


@pytest.mark.slow
def test_new_entries_appear_without_reopening(
    view: ChartsView, services: Services, qtbot: QtBot
) -> None:
    services.journal.add_entry(Meal(at=at(20, 12), carbs_g=55))
    qtbot.waitUntil(lambda: 55.0 in view.row("carbs").data("carbs_g")[1].tolist())


def test_an_empty_range_says_so_calmly(view: ChartsView) -> None:
    view.set_range((date(2025, 1, 1), date(2025, 1, 14)))
    assert view.empty.isVisible()
    assert "Nothing logged" in view.empty.text()
    assert all(row.empty and not row.plot.isVisible() for row in view.rows.values())


def test_an_empty_chart_says_what_to_log_to_fill_it(view: ChartsView) -> None:
    view.set_range((date(2026, 11, 16), date(2026, 11, 17)))  # no meal, no sleep
    carbs, sleep, glucose = view.row("carbs"), view.row("sleep"), view.row("glucose")
    assert carbs.empty and "‘Meal’ (Ctrl+1)" in carbs.empty_note.text()
    assert sleep.empty and "‘Sleep’ (Ctrl+4)" in sleep.empty_note.text()
    assert glucose.empty and "‘Blood glucose’ (Ctrl+6)" in glucose.empty_note.text()
    view.set_range((date(2026, 11, 16), date(2026, 11, 18)))  # a meal on the 18th
    assert not carbs.empty and carbs.plot.isVisible()
    assert sleep.empty and not view.empty.isVisible()


def test_charts_follow_the_dark_scheme(view: ChartsView, qtbot: QtBot) -> None:
    light = view.row("carbs").plot.backgroundBrush().color()
    set_color_scheme(Qt.ColorScheme.Dark)
    try:
        qtbot.waitUntil(lambda: view.theme.dark)
        dark = view.row("carbs").plot.backgroundBrush().color()
        assert dark.lightness() < 100 < light.lightness()
        axis_text = view.row("carbs").item.getAxis("left").textPen().color()
        assert axis_text.lightness() > 128  # light text on the dark background
    finally:
        set_color_scheme(Qt.ColorScheme.Unknown)


def test_custom_dates_are_typed_as_people_write_them(view: ChartsView, qtbot: QtBot) -> None:
    view.set_range((date(2026, 11, 12), date(2026, 11, 18)))
    field = view.from_edit.findChild(QLineEdit)
    assert field is not None
    field.selectAll()
    qtbot.keyClicks(field, "Fri 13 Nov 2026")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert view.first == date(2026, 11, 13)
    field.selectAll()
    qtbot.keyClicks(field, "Thu 13 Nov 2026")  # the 13th was a Friday
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "Friday" in view.date_problem.text()
    assert view.first == date(2026, 11, 13)  # nothing else chosen in its place
