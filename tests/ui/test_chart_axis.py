"""The charts' date axis: labels that never collide and carry the year where it changes."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication

from journal.analysis.series import SECONDS_PER_DAY, to_epoch_day
from journal.ui.charts.axis import LABEL_PIXELS, DayAxis, tick_days, tick_label


@pytest.fixture(autouse=True)
def app(qapp: QApplication) -> QApplication:
    return qapp  # an axis is a graphics item: it needs the application


def labels(first: date, last: date, pixels: float) -> list[str]:
    axis = DayAxis()
    low, high = to_epoch_day(first) * SECONDS_PER_DAY, (to_epoch_day(last) + 1) * SECONDS_PER_DAY
    ((_spacing, values),) = axis.tickValues(low, high, pixels)
    return axis.tickStrings(values, 1.0, 1.0)


def test_ten_years_are_labelled_by_year() -> None:
    level, _days = tick_days(date(2016, 12, 2), date(2026, 12, 1), 700)
    assert level == "year"
    shown = labels(date(2016, 12, 2), date(2026, 12, 1), 700)
    assert shown == [str(year) for year in range(2018, 2027)]  # 2017 would be cut at the edge


def test_a_year_is_labelled_by_month_with_the_year_where_it_changes() -> None:
    shown = labels(date(2025, 12, 2), date(2026, 12, 1), 900)
    assert shown[0] == "Jan 2026"  # the first label drawn carries the year ...
    assert "Feb" in shown and "Feb 2026" not in shown  # ... and the rest only where it changes


def test_labels_never_crowd_closer_than_one_label_width() -> None:
    for first, last, pixels in [
        (date(2026, 11, 18), date(2026, 12, 1), 700),
        (date(2026, 9, 2), date(2026, 12, 1), 500),
        (date(2024, 12, 2), date(2026, 12, 1), 600),
    ]:
        level, days = tick_days(first, last, pixels)
        per_day = pixels / (last - first).days
        gaps = [(b - a).days * per_day for a, b in itertools.pairwise(days)]
        assert min(gaps) >= LABEL_PIXELS * 0.6, (level, min(gaps))


def test_days_show_the_year_once() -> None:
    assert tick_label(date(2026, 11, 30), "day", None) == "30 Nov 2026"
    assert tick_label(date(2026, 12, 1), "day", date(2026, 11, 30)) == "1 Dec"
    assert tick_label(date(2027, 1, 1), "day", date(2026, 12, 31)) == "1 Jan 2027"
