"""The chart service: exact series from a small journal, units, ranges, layout and export."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest

from journal.analysis.series import Aggregation, to_epoch_day
from journal.domain.entries import (
    Exercise,
    FlareEpisode,
    Glucose,
    LabResult,
    Meal,
    Sleep,
    Tracker,
    TrackerValue,
)
from journal.domain.units import MGDL_PER_MMOLL, GlucoseUnit, UnitPreferences
from journal.domain.vocabulary import GlucoseContext, TrackerType
from journal.services import Services
from journal.services.charts import ChartLayout, ChartService

TZ = timezone(timedelta(hours=1))
MGDL = UnitPreferences()
MMOLL = UnitPreferences(glucose=GlucoseUnit.MMOLL)
FIRST, LAST = date(2026, 11, 16), date(2026, 11, 22)  # Monday .. Sunday


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=TZ)


@pytest.fixture
def charts(services: Services) -> ChartService:
    journal = services.journal
    journal.add_entry(Meal(at=at(16, 8), carbs_g=40))
    journal.add_entry(Meal(at=at(16, 13), carbs_g=80))
    journal.add_entry(Meal(at=at(18, 13), carbs_g=30))
    journal.add_entry(Glucose(at=at(17, 7), mgdl=90.08, context=GlucoseContext.FASTING))
    journal.add_entry(Glucose(at=at(17, 14), mgdl=180.16, context=GlucoseContext.AFTER_MEAL))
    journal.add_entry(Sleep(at=at(19, 7), hours=6.5))
    journal.add_entry(Exercise(at=at(20, 18), minutes=50))
    return services.charts


def finite_days(series_days: np.ndarray, values: np.ndarray) -> dict[date, float]:
    return {
        date.fromordinal(date(1970, 1, 1).toordinal() + int(day)): float(value)
        for day, value in zip(series_days, values, strict=True)
        if not np.isnan(value)
    }


def test_daily_carbs_have_a_value_per_logged_day_and_gaps_elsewhere(charts: ChartService) -> None:
    series = charts.series("carbs_g", FIRST, LAST, Aggregation.DAILY, MGDL)
    assert len(series) == 7
    assert finite_days(series.days, series.y) == {
        date(2026, 11, 16): 120.0,
        date(2026, 11, 18): 30.0,
    }
    assert int(np.isnan(series.y).sum()) == 5


def test_weekly_carbs_are_the_mean_of_logged_days(charts: ChartService) -> None:
    series = charts.series("carbs_g", FIRST, LAST, Aggregation.WEEKLY, MGDL)
    assert series.y.tolist() == [75.0]
    assert series.unit == "g"


def test_glucose_follows_the_users_unit(charts: ChartService) -> None:
    mgdl = charts.series("glucose_mean", FIRST, LAST, Aggregation.DAILY, MGDL)
    mmoll = charts.series("glucose_mean", FIRST, LAST, Aggregation.DAILY, MMOLL)
    assert mgdl.unit == "mg/dL" and mmoll.unit == "mmol/L"
    assert mgdl.value_on(to_epoch_day(date(2026, 11, 17))) == pytest.approx(135.12)
    assert mmoll.value_on(to_epoch_day(date(2026, 11, 17))) == pytest.approx(
        135.12 / MGDL_PER_MMOLL
    )
    readings = charts.series("glucose_readings", FIRST, LAST, Aggregation.WEEKLY, MMOLL)
    assert readings.y.tolist() == pytest.approx([5.0, 10.0])
    assert readings.aggregation is None
    fasting = charts.series("glucose_fasting", FIRST, LAST, Aggregation.DAILY, MGDL)
    after = charts.series("glucose_after_meal", FIRST, LAST, Aggregation.DAILY, MGDL)
    assert finite_days(fasting.days, fasting.y) == {date(2026, 11, 17): 90.08}
    assert finite_days(after.days, after.y) == {date(2026, 11, 17): 180.16}


def test_glucose_guides_are_converted_too(charts: ChartService) -> None:
    glucose = next(c for c in charts.catalogue(MMOLL) if c.key == "glucose")
    band, fasting = glucose.guides
    assert (band.low, band.high) == pytest.approx((70 / MGDL_PER_MMOLL, 180 / MGDL_PER_MMOLL))
    assert fasting.low == pytest.approx(100 / MGDL_PER_MMOLL)
    assert glucose.unit == "mmol/L"


def test_weekly_active_minutes_against_the_150_line(charts: ChartService) -> None:
    series = charts.series("active_minutes_weekly", FIRST, LAST, Aggregation.DAILY, MGDL)
    assert series.y.tolist() == [50.0]
    chart = next(c for c in charts.catalogue(MGDL) if c.key == "active_weekly")
    assert [g.low for g in chart.guides] == [150.0]


def test_trackers_and_labs_join_the_catalogue(services: Services, charts: ChartService) -> None:
    journal = services.journal
    water = journal.save_tracker(Tracker(name="Water", unit="glasses"))
    pain = journal.save_tracker(Tracker(name="Energy", type=TrackerType.SCALE))
    assert water.id is not None and pain.id is not None
    journal.add_entry(TrackerValue(at=at(17, 9), tracker_id=water.id, value=3))
    journal.add_entry(TrackerValue(at=at(17, 15), tracker_id=water.id, value=4))
    journal.add_entry(TrackerValue(at=at(17, 9), tracker_id=pain.id, value=4))
    journal.add_entry(TrackerValue(at=at(17, 15), tracker_id=pain.id, value=6))
    journal.add_entry(LabResult(at=at(18, 8), test="fasting_glucose", value=99))
    journal.add_entry(LabResult(at=at(18, 8), test="fasting_insulin", value=10))
    keys = [c.key for c in charts.catalogue(MGDL)]
    assert {f"tracker:{water.id}", f"tracker:{pain.id}", "lab:fasting_insulin", "homa_ir"} <= set(
        keys
    )
    day = to_epoch_day(date(2026, 11, 17))
    water_series = charts.series(f"tracker:{water.id}", FIRST, LAST, Aggregation.DAILY, MGDL)
    energy = charts.series(f"tracker:{pain.id}", FIRST, LAST, Aggregation.DAILY, MGDL)
    assert (water_series.value_on(day), water_series.unit) == (7.0, "glasses")
    assert energy.value_on(day) == 5.0
    homa = charts.series("homa_ir", FIRST, LAST, Aggregation.DAILY, MGDL)
    assert homa.y.tolist() == [2.44]  # 10 x 99 / 405 (Matthews 1985)
    lab = charts.series("lab:fasting_glucose", FIRST, LAST, Aggregation.DAILY, MMOLL)
    assert lab.y.tolist() == pytest.approx([99 / MGDL_PER_MMOLL])


def test_ranges_end_today_and_all_starts_at_the_first_entry(charts: ChartService) -> None:
    today = date(2026, 11, 24)
    assert charts.range_dates("2w") == (today - timedelta(days=13), today)
    assert charts.range_dates("3m") == (today - timedelta(days=90), today)
    assert charts.range_dates("1y") == (today - timedelta(days=364), today)
    assert charts.range_dates("all") == (date(2026, 11, 16), today)


def test_an_ongoing_flare_is_shaded_up_to_today(services: Services, charts: ChartService) -> None:
    services.journal.save_flare(FlareEpisode(start=date(2026, 11, 21), condition="RA"))
    (flare,) = charts.flares(FIRST, LAST)
    assert (flare.first, flare.last, flare.ongoing) == (
        date(2026, 11, 21),
        date(2026, 11, 24),
        True,
    )


def test_reads_are_reused_until_the_journal_changes(
    services: Services, charts: ChartService, monkeypatch: pytest.MonkeyPatch
) -> None:
    from journal.store import measure_queries

    queries: list[object] = []
    real = measure_queries.daily_rows

    def counted(*args: object) -> object:
        queries.append(args)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(measure_queries, "daily_rows", counted)
    before = charts.series("carbs_g", FIRST, LAST, Aggregation.DAILY, MGDL)
    again = charts.series("carbs_g", FIRST, LAST, Aggregation.DAILY, MGDL)
    assert len(queries) == 1  # the second request read nothing
    assert np.array_equal(again.y, before.y, equal_nan=True)
    services.journal.add_entry(Meal(at=at(19, 12), carbs_g=10))  # the services forget
    fresh = charts.series("carbs_g", FIRST, LAST, Aggregation.DAILY, MGDL)
    assert len(queries) == 2
    assert fresh.value_on(to_epoch_day(date(2026, 11, 19))) == 10.0


def test_unknown_series_and_reversed_ranges_are_refused(charts: ChartService) -> None:
    with pytest.raises(KeyError):
        charts.series("cholesterol", FIRST, LAST, Aggregation.DAILY, MGDL)
    with pytest.raises(ValueError, match="before its first day"):
        charts.series("carbs_g", LAST, FIRST, Aggregation.DAILY, MGDL)


def test_layout_is_remembered_in_the_journal(charts: ChartService) -> None:
    assert charts.layout() == ChartLayout()
    layout = ChartLayout(
        order=("sleep", "glucose"),
        hidden=frozenset({"glucose"}),
        range="custom",
        aggregation=Aggregation.WEEKLY,
        custom=(FIRST, LAST),
    )
    charts.save_layout(layout)
    assert charts.layout() == layout
    arranged = layout.arrange(charts.catalogue(MGDL))
    assert [(c.key, shown) for c, shown in arranged[:2]] == [("sleep", True), ("glucose", False)]
    carbs = next(shown for c, shown in arranged if c.key == "carbs")
    assert carbs  # new to this layout, shown by default


def test_a_damaged_layout_falls_back_to_the_default(
    services: Services, charts: ChartService
) -> None:
    from journal.store import repository as repo

    with services.db.transaction() as session:
        repo.put_setting(session, "charts.layout", {"aggregation": "fortnightly"})
    assert charts.layout() == ChartLayout()


def test_csv_export_writes_one_row_per_day_with_data(charts: ChartService, tmp_path: Path) -> None:
    shown = charts.series_many(
        ["carbs_g", "sleep_hours", "glucose_readings"], FIRST, LAST, Aggregation.DAILY, MGDL
    )
    path = tmp_path / "charts.csv"
    assert charts.export_csv(path, list(shown.values())) == 3
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows == [
        ["date", "Carbohydrates (g)", "Sleep (h)"],
        ["2026-11-16", "120", ""],
        ["2026-11-18", "30", ""],
        ["2026-11-19", "", "6.5"],
    ]
    assert not path.with_name("charts.csv.partial").exists()


def test_weeks_and_months_say_what_their_value_is(charts: ChartService, tmp_path: Path) -> None:
    weekly = charts.series("carbs_g", FIRST, LAST, Aggregation.WEEKLY, MGDL)
    assert weekly.basis == "mean per logged day"
    assert charts.series("carbs_g", FIRST, LAST, Aggregation.DAILY, MGDL).basis == ""
    glucose = charts.series("glucose_mean", FIRST, LAST, Aggregation.MONTHLY, MGDL)
    assert glucose.basis == "mean per logged day"
    path = tmp_path / "weeks.csv"
    charts.export_csv(path, [weekly])
    with path.open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == ["date", "Carbohydrates (g, mean per logged day)"]


def test_the_glucose_chart_speaks_the_users_unit_and_range(services: Services) -> None:
    from journal.domain.glucose import TIGHT_RANGE

    services.set_target_range(TIGHT_RANGE)
    catalogue = services.charts.catalogue(MMOLL, services.target_range)
    glucose = next(c for c in catalogue if c.key == "glucose")
    labels = [g.label for g in glucose.guides]
    assert labels == [
        "Your target range 3.9–7.8 mmol/L",
        "Fasting normal below 5.6 mmol/L (ADA)",
    ]
    assert glucose.guides[0].low == pytest.approx(70 / MGDL_PER_MMOLL)
    assert all("mg/dL" not in label for label in labels)
