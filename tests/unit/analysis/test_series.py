"""Chart series arithmetic: daily grids with gaps, weeks and months, totals, export table."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from journal.analysis.series import (
    SECONDS_PER_DAY,
    Aggregation,
    aggregate,
    bucket_starts,
    bucketed,
    columns,
    daily_grid,
    from_epoch_day,
    readings,
    series_table,
    to_epoch_day,
    weekly_total_series,
)

NAN = np.nan
# Monday 2 November 2026 .. Sunday 15 November 2026: two whole ISO weeks.
MONDAY = to_epoch_day(date(2026, 11, 2))


def days(*values: float) -> np.ndarray:
    return np.array(values, dtype=float)


def test_epoch_days_round_trip() -> None:
    assert to_epoch_day(date(1970, 1, 1)) == 0
    assert from_epoch_day(to_epoch_day(date(2026, 11, 24))) == date(2026, 11, 24)


def test_rows_become_float_columns_with_none_as_gap() -> None:
    day, value = columns([(1, 2.5), (3, None)], 2)
    assert day.tolist() == [1.0, 3.0]
    assert value[0] == 2.5 and np.isnan(value[1])
    assert [len(c) for c in columns([], 3)] == [0, 0, 0]


def test_daily_grid_leaves_missing_days_as_gaps_not_zeros() -> None:
    grid = daily_grid(days(10, 12), days(5.0, 0.0), 10, 13)
    np.testing.assert_array_equal(grid, [5.0, NAN, 0.0, NAN])


def test_daily_grid_ignores_days_outside_the_range() -> None:
    grid = daily_grid(days(8, 11, 20), days(1, 2, 3), 10, 12)
    np.testing.assert_array_equal(grid, [NAN, 2.0, NAN])


def test_weeks_start_on_monday_and_the_first_is_clipped_to_the_range() -> None:
    wednesday = MONDAY + 2
    starts = bucket_starts(wednesday, MONDAY + 13, Aggregation.WEEKLY)
    assert [from_epoch_day(d) for d in starts] == [date(2026, 11, 4), date(2026, 11, 9)]


def test_months_start_on_the_first() -> None:
    first, last = to_epoch_day(date(2026, 1, 20)), to_epoch_day(date(2026, 3, 2))
    starts = bucket_starts(first, last, Aggregation.MONTHLY)
    assert [from_epoch_day(d) for d in starts] == [
        date(2026, 1, 20),
        date(2026, 2, 1),
        date(2026, 3, 1),
    ]


def test_weekly_mean_is_over_logged_days_and_an_empty_week_is_a_gap() -> None:
    daily = np.full(21, NAN)
    daily[0], daily[1] = 100.0, 200.0  # week 1: two logged days
    daily[20] = 0.0  # week 3: a logged zero is a value, not a gap
    np.testing.assert_array_equal(
        aggregate(daily, MONDAY, Aggregation.WEEKLY, "mean"), [150.0, NAN, 0.0]
    )
    np.testing.assert_array_equal(
        aggregate(daily, MONDAY, Aggregation.WEEKLY, "sum"), [300.0, NAN, 0.0]
    )
    np.testing.assert_array_equal(
        aggregate(daily, MONDAY, Aggregation.WEEKLY, "max"), [200.0, NAN, 0.0]
    )


def test_daily_aggregation_returns_the_grid_unchanged() -> None:
    daily = days(1, NAN, 3)
    np.testing.assert_array_equal(aggregate(daily, 5, Aggregation.DAILY, "sum"), daily)


def test_bucketed_series_sits_at_the_middle_of_each_bucket() -> None:
    series = bucketed("carbs", "Carbs", "g", np.full(14, 50.0), MONDAY, Aggregation.WEEKLY, "mean")
    assert series.days.tolist() == [MONDAY, MONDAY + 7]
    assert series.ends.tolist() == [MONDAY + 7, MONDAY + 14]
    assert series.x.tolist() == [
        (MONDAY + 3.5) * SECONDS_PER_DAY,
        (MONDAY + 10.5) * SECONDS_PER_DAY,
    ]
    assert series.value_on(MONDAY + 9) == 50.0
    assert series.value_on(MONDAY + 14) is None


def test_daily_series_is_placed_at_noon_and_reads_back_gaps_as_none() -> None:
    series = bucketed("sleep", "Sleep", "h", days(7.5, NAN), MONDAY, Aggregation.DAILY, "mean")
    assert series.x.tolist() == [(MONDAY + 0.5) * SECONDS_PER_DAY, (MONDAY + 1.5) * SECONDS_PER_DAY]
    assert series.value_on(MONDAY) == 7.5
    assert series.value_on(MONDAY + 1) is None
    assert series.value_on(MONDAY - 1) is None


def test_weekly_totals_use_whole_weeks_and_monthly_averages_them() -> None:
    daily = np.full(14, NAN)
    daily[0], daily[3], daily[8] = 30.0, 60.0, 45.0
    weekly = weekly_total_series("w", "Weekly", "min", daily, MONDAY, Aggregation.DAILY)
    assert weekly.y.tolist() == [90.0, 45.0]
    assert weekly.aggregation is Aggregation.WEEKLY
    monthly = weekly_total_series("w", "Weekly", "min", daily, MONDAY, Aggregation.MONTHLY)
    assert monthly.y.tolist() == [67.5]
    assert from_epoch_day(int(monthly.days[0])) == date(2026, 11, 1)


def test_readings_are_never_aggregated_and_keep_their_moment() -> None:
    series = readings("g", "Readings", "mg/dL", days(100.0, 200.0), days(0, 0), days(90, 140))
    assert series.aggregation is None
    assert series.x.tolist() == [100.0, 200.0]
    assert series.value_on(0) == 140.0


def test_export_table_has_one_row_per_bucket_with_data_and_blank_gaps() -> None:
    carbs = bucketed("carbs", "Carbs", "g", days(120, NAN, 80.25), MONDAY, Aggregation.DAILY, "sum")
    sleep = bucketed("sleep", "Sleep", "h", days(7, NAN, NAN), MONDAY, Aggregation.DAILY, "mean")
    points = readings("g", "Readings", "mg/dL", days(1.0), days(MONDAY), days(99))
    header, rows = series_table([carbs, sleep, points])
    assert header == ["date", "Carbs (g)", "Sleep (h)"]
    assert rows == [["2026-11-02", "120", "7"], ["2026-11-04", "80.25", ""]]


@pytest.mark.parametrize("aggregation", list(Aggregation))
def test_every_aggregation_keeps_buckets_sorted_and_contiguous(aggregation: Aggregation) -> None:
    first, last = to_epoch_day(date(2025, 12, 17)), to_epoch_day(date(2026, 3, 3))
    starts = bucket_starts(first, last, aggregation)
    series = bucketed("x", "X", "", np.ones(last - first + 1), first, aggregation, "sum")
    assert starts[0] == first
    assert (np.diff(starts) > 0).all()
    assert (series.ends[:-1] == series.days[1:]).all()
    assert np.nansum(series.y) == last - first + 1
