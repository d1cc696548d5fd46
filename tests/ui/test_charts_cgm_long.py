"""The glucose chart over long ranges: each day's lowest and highest CGM reading, drawn as
the line of every reading would be, and an import or its undo re-reads only its own days."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from journal.domain.clock import FakeClock
from journal.domain.entries import Meal
from journal.domain.measures import measure
from journal.io.cgm.samples import synthetic_readings, write_clarity
from journal.services import Services, open_services
from journal.services.cgm import report
from journal.services.charts.service import TRACE_BY_DAY_FROM_DAYS
from journal.store import cgm_stream
from journal.store import measure_queries as mq
from journal.ui.charts.view import ChartsView
from journal.ui.signals import JournalSignals

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=BERLIN)
FIRST = date(2026, 11, 10)  # 14 days of readings up to the day before the clock's today
LAST = date(2026, 11, 23)
LONG = (LAST - timedelta(days=TRACE_BY_DAY_FROM_DAYS + 100), LAST)
EPOCH = date(1970, 1, 1)


def clarity_file(path: Path, days: int, start: datetime, seed: int) -> Path:
    readings = synthetic_readings(days, start=start, zone=BERLIN, seed=seed)
    return write_clarity(path, readings, BERLIN)


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    opened = open_services(tmp_path / "journal", FakeClock(NOW), zone=BERLIN)
    opened.cgm.import_file(
        clarity_file(tmp_path / "clarity.csv", 14, datetime(2026, 11, 10, tzinfo=BERLIN), 1)
    )
    # An entry two years back, so "all" is a long range.
    old = datetime(2024, 11, 1, 12, 30, tzinfo=BERLIN)
    opened.journal.add_entry(Meal(at=old, items="Soup", carbs_g=30))
    yield opened
    opened.close()


@pytest.fixture
def signals(services: Services) -> Iterator[JournalSignals]:
    journal_signals = JournalSignals(services)
    yield journal_signals
    journal_signals.detach()


def charts_view(qtbot: QtBot, services: Services, signals: JournalSignals) -> ChartsView:
    charts = ChartsView(services, signals)
    qtbot.addWidget(charts)
    return charts


def by_day(charts: ChartsView) -> dict[int, tuple[float, float, str]]:
    """The drawn CGM trace per day: lowest, highest and the tooltip's text."""
    row = charts.row("glucose")
    series = row.curves["cgm_trace"].series
    assert series is not None
    x, y = row.data("cgm_trace")
    assert np.array_equal(x, series.x, equal_nan=True)
    texts = {spec.name: text for spec, text in row.values_on(0)}
    assert texts["cgm_trace"] == "–"
    found: dict[int, tuple[float, float, str]] = {}
    for day in np.unique(series.days[np.isfinite(series.y)]).tolist():
        values = y[(series.days == day) & np.isfinite(y)]
        text = {s.name: t for s, t in row.values_on(day)}["cgm_trace"]
        found[day] = (float(values.min()), float(values.max()), text)
    return found


def test_a_long_range_draws_each_days_lowest_and_highest_as_every_reading_does(
    qtbot: QtBot, services: Services, signals: JournalSignals
) -> None:
    charts = charts_view(qtbot, services, signals)
    charts.set_range((FIRST, LAST))
    every_reading = by_day(charts)
    drawn_short = len(charts.row("glucose").data("cgm_trace")[0])

    charts.set_range(LONG)

    assert by_day(charts) == every_reading  # the same lows, highs and "288 readings, a–b"
    assert len(every_reading) == 14
    x, _y = charts.row("glucose").data("cgm_trace")
    assert len(x) == 2 * 14 < drawn_short // 100
    assert np.all(np.diff(x) > 0)
    item = charts.row("glucose").curves["cgm_trace"].item
    assert item.opts["autoDownsample"] and item.opts["downsampleMethod"] == "peak"


def test_the_days_extremes_are_the_registrys_cgm_measures(services: Services) -> None:
    with services.db.reading() as session:
        extremes = cgm_stream.read_historic_day_extremes(
            session, (FIRST - EPOCH).days, (LAST - EPOCH).days
        )
        rows = mq.session_rows(session)
        for name, column in (
            ("cgm_readings", extremes.count),
            ("cgm_min", extremes.low),
            ("cgm_max", extremes.high),
        ):
            daily = mq.daily_rows(rows, measure(name).read, FIRST, LAST)
            assert [(day - EPOCH).days for day, _v in daily] == extremes.day.tolist()
            assert [v for _day, v in daily] == column.tolist()


def test_a_cgm_import_and_its_undo_then_all_read_only_their_own_days(
    qtbot: QtBot,
    services: Services,
    signals: JournalSignals,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    charts = charts_view(qtbot, services, signals)
    charts.set_range("all")
    assert charts.charts.range_dates("all")[0] == date(2024, 11, 1)
    before = by_day(charts)
    windows: list[tuple[int, int]] = []
    every_reading: list[tuple[Any, ...]] = []
    read_extremes = cgm_stream.read_historic_day_extremes
    read_every = report.read_historic_days

    def extremes(session: Any, first: int, last: int) -> cgm_stream.DayExtremes:
        windows.append((first, last))
        return read_extremes(session, first, last)

    def every(session: Any, first: int, last: int) -> cgm_stream.HistoricColumns:
        every_reading.append((first, last))
        return read_every(session, first, last)

    monkeypatch.setattr(cgm_stream, "read_historic_day_extremes", extremes)
    monkeypatch.setattr(report, "read_historic_days", every)
    added = clarity_file(tmp_path / "more.csv", 3, datetime(2026, 10, 1, tzinfo=BERLIN), 2)

    result = services.cgm.import_file(added)
    charts.set_range("all")

    new_days = [(date(2026, 10, d) - EPOCH).days for d in (1, 2, 3)]
    assert result.added > 0
    assert windows == [(new_days[0], new_days[-1])]
    assert every_reading == []
    after = by_day(charts)
    assert set(after) == set(before) | set(new_days)
    assert {d: after[d] for d in before} == before

    windows.clear()
    services.cgm.undo_import(services.cgm.imports()[0].id)
    charts.set_range("all")

    assert windows == [(new_days[0], new_days[-1])]
    assert every_reading == []
    assert by_day(charts) == before
