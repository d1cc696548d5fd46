"""Consensus CGM metrics, the AGP and meal response on readings with known answers."""

from __future__ import annotations

import numpy as np
import pytest

from journal.analysis.cgm_metrics import agp, cgm_metrics, meal_response
from journal.domain.cgm import ReadingKind

DAY = 86_400
START = 1_717_200_000  # 2024-06-01 00:00 UTC, a whole day


def every_five_minutes(days: int, start: int = START) -> np.ndarray:
    return start + np.arange(days * 288, dtype=np.int64) * 300


def zeros(n: int) -> np.ndarray:
    return np.zeros(n, np.int64)


def test_shares_of_time_follow_the_consensus_bands_and_add_up() -> None:
    # 14 days cycling through ten values: one in each of the low bands, five in range,
    # two 181-250 and one above 250.
    pattern = np.array([50, 60, 70, 100, 120, 150, 180, 181, 250, 251], float)
    utc = every_five_minutes(14)[:4030]
    glucose = np.resize(pattern, len(utc))

    m = cgm_metrics(utc, zeros(len(utc)), glucose)

    assert m is not None
    assert [b.percent for b in m.bands] == pytest.approx([10, 10, 50, 20, 10])
    assert m.below_70.percent == pytest.approx(20)
    assert m.above_180.percent == pytest.approx(30)
    assert m.in_range.minutes_per_day == pytest.approx(720)
    assert m.in_range.hours_minutes == "12:00"
    assert m.mean_mgdl == pytest.approx(pattern.mean(), abs=0.01)
    assert m.sd_mgdl == pytest.approx(np.std(glucose, ddof=1))
    assert m.cv_percent == pytest.approx(m.sd_mgdl / m.mean_mgdl * 100)
    assert m.gmi_percent == pytest.approx(3.31 + 0.02392 * m.mean_mgdl)
    # Against the consensus: 50 % in range is not above 70 %, 10 % below 54 is not below 1 %.
    assert (m.in_range.target_met, m.very_low.target_met, m.low.target_met) == (False, False, None)


def test_a_steady_fortnight_meets_every_target_and_is_sufficient() -> None:
    utc = every_five_minutes(14)
    glucose = 110 + 10 * np.sin(np.arange(len(utc)) / 20)

    m = cgm_metrics(utc, zeros(len(utc)), glucose)

    assert m is not None
    assert m.active_percent == 100.0
    assert (m.days_covered, m.days_with_data) == (14, 14)
    assert m.in_range.percent == 100.0
    assert all(s.target_met for s in (m.in_range, m.below_70, m.very_low, m.above_180, m.very_high))
    assert m.cv_target_met
    assert m.sufficiency.enough and m.sufficiency.reasons == ()


def test_active_percent_counts_the_readings_a_gap_lost() -> None:
    # 14 days at 5 minutes with day 5 missing entirely (288 readings).
    utc = every_five_minutes(14)
    utc = utc[(utc < START + 5 * DAY) | (utc >= START + 6 * DAY)]

    m = cgm_metrics(utc, zeros(len(utc)), np.full(len(utc), 120.0), interval_minutes=5)

    assert m is not None
    expected = 14 * 288
    assert m.active_percent == pytest.approx((expected - 288) / expected * 100)
    assert (m.days_covered, m.days_with_data) == (14, 13)


def test_too_few_days_or_readings_are_said_plainly() -> None:
    utc = every_five_minutes(10)[::2]  # ten days, half the readings

    m = cgm_metrics(utc, zeros(len(utc)), np.full(len(utc), 120.0), interval_minutes=5)

    assert m is not None
    assert not m.sufficiency.enough
    assert m.sufficiency.reasons == (
        "The readings cover 10 days; the consensus asks for at least 14 for these figures to "
        "be reliable.",
        "The sensor recorded 50 % of the expected readings; the consensus asks for at least 70 %.",
    )


def test_only_historic_readings_in_the_period_count() -> None:
    utc = every_five_minutes(3)
    glucose = np.full(len(utc), 100.0)
    kind = np.zeros(len(utc), np.int8)
    kind[::10] = ReadingKind.SCAN
    glucose[::10] = 300.0  # scans that would push time above range if they counted

    m = cgm_metrics(utc, zeros(len(utc)), glucose, kind, start=START + DAY, end=START + 2 * DAY)

    assert m is not None
    assert m.very_high.percent == 0.0
    assert m.first_utc >= START + DAY and m.last_utc < START + 2 * DAY
    assert m.days_covered == 1


def test_a_user_range_is_inclusive_and_local_days_follow_the_offset() -> None:
    utc = every_five_minutes(2)
    glucose = np.resize(np.array([139.0, 140.0, 141.0]), len(utc))
    # Readings taken at UTC-05:00: the first five hours belong to the day before.
    m = cgm_metrics(utc, np.full(len(utc), -300), glucose, user_range=(70, 140))

    assert m is not None
    assert m.user_range.percent == pytest.approx(200 / 3)
    assert m.user_range.label == "70-140 mg/dL"
    assert m.days_covered == 3


def test_fewer_than_two_readings_give_no_metrics() -> None:
    assert cgm_metrics(np.array([START]), np.array([0]), np.array([100.0])) is None


def test_a_million_readings_take_well_under_a_second() -> None:
    # Not a timing assertion: the benchmark measures speed. This only proves the metrics
    # run over ten years of readings without building anything per reading.
    utc = every_five_minutes(3473)
    glucose = np.resize(np.arange(60.0, 260.0), len(utc))
    m = cgm_metrics(utc, zeros(len(utc)), glucose)
    assert m is not None and m.readings == len(utc)


# --- AGP -----------------------------------------------------------------------------------


def day_curve(minute_of_day: np.ndarray) -> np.ndarray:
    return 100 + 60 * np.exp(-(((minute_of_day - 780) / 60.0) ** 2))


def test_the_agp_of_days_that_differ_by_a_constant_has_known_percentiles() -> None:
    # 21 days, day d reads curve + d: each time of day holds 0..20 above the curve, whose
    # type-7 percentiles are 1, 5, 10, 15 and 19.
    utc = every_five_minutes(21)
    minute = (utc - START) % DAY // 60
    glucose = day_curve(minute) + (utc - START) // DAY

    profile = agp(utc, zeros(len(utc)), glucose, window_minutes=0)

    assert profile is not None
    assert profile.step_minutes == 5 and len(profile.minute_of_day) == 288
    base = day_curve(profile.minute_of_day)
    for p, above in ((5, 1), (25, 5), (50, 10), (75, 15), (95, 19)):
        assert profile.percentile(p) == pytest.approx(base + above)
    assert profile.days == 21
    assert set(profile.values.tolist()) == {21}


def test_the_agp_window_pools_an_hour_around_each_point_and_wraps_midnight() -> None:
    utc = every_five_minutes(14)
    minute = (utc - START) % DAY // 60
    glucose = day_curve(minute)

    profile = agp(utc, zeros(len(utc)), glucose)

    assert profile is not None
    assert profile.window_minutes == 60
    assert profile.values[0] == 14 * 13  # 13 slots of +-30 minutes, midnight wrapping
    # A centred window keeps the peak where it is: the median curve is symmetric about 13:00
    # and tops out within 15 minutes of it, a few mg/dL below the sharp peak.
    at = {int(m): i for i, m in enumerate(profile.minute_of_day)}
    assert profile.p50[at[765]] == pytest.approx(profile.p50[at[795]])
    peak = int(np.argmax(profile.p50))
    assert abs(int(profile.minute_of_day[peak]) - 780) <= 15
    assert profile.p50[peak] == pytest.approx(160, abs=6)


def test_the_agp_follows_the_local_clock_across_summer_time() -> None:
    # A curve lived by the local clock: winter at UTC+1, summer at UTC+2. By UTC the peak
    # moves an hour; by local time it stays at 13:00.
    utc = every_five_minutes(28)
    offset = np.where(utc < START + 14 * DAY, 60, 120)
    local_minute = (utc + offset * 60 - START) % DAY // 60
    glucose = day_curve(local_minute)

    profile = agp(utc, offset, glucose, window_minutes=0)

    assert profile is not None
    assert profile.minute_of_day[int(np.argmax(profile.p50))] == 780
    assert np.nanmax(np.abs(profile.p95 - profile.p5)) == pytest.approx(0, abs=1e-9)


def test_the_agp_does_not_bridge_long_gaps_and_uses_fifteen_minute_libre_data() -> None:
    utc = START + np.arange(14 * 96, dtype=np.int64) * 900
    utc = utc[(utc < START + 2 * DAY + 3600) | (utc > START + 2 * DAY + 5 * 3600)]
    profile = agp(utc, zeros(len(utc)), np.full(len(utc), 100.0), window_minutes=0)

    assert profile is not None
    assert profile.step_minutes == 15
    # The 4-hour gap on day 2 leaves 15 grid points out of those times of day.
    assert profile.values.min() == 13


def test_no_agp_from_readings_that_span_less_than_a_grid_step() -> None:
    utc = np.array([START + 60, START + 180])
    assert agp(utc, zeros(2), np.array([100.0, 110.0]), interval_minutes=5) is None
    assert agp(utc[:1], zeros(1), np.array([100.0])) is None


# --- meal response ---------------------------------------------------------------------------


def meal_trace(back_to_baseline: bool = True) -> tuple[np.ndarray, np.ndarray, int]:
    utc = START + np.arange(0, 6 * 3600, 300, dtype=np.int64)
    meal = START + 2 * 3600
    minutes = (utc - meal) / 60
    rise = np.interp(minutes, [0, 45, 120], [0, 60, -5 if back_to_baseline else 10])
    glucose = 100 + np.where(minutes > 0, rise, 0)
    return utc, glucose, meal


def test_a_meal_response_has_baseline_peak_rise_and_return() -> None:
    utc, glucose, meal = meal_trace()

    response = meal_response(utc, glucose, meal, interval_minutes=5)

    assert response is not None
    assert response.baseline_mgdl == 100
    assert (response.peak_mgdl, response.rise_mgdl) == (160, 60)
    assert response.minutes_to_peak == 45
    assert response.minutes_to_baseline == pytest.approx(115)  # first reading <= 100


def test_a_meal_response_that_never_comes_back_says_so() -> None:
    utc, glucose, meal = meal_trace(back_to_baseline=False)

    response = meal_response(utc, glucose, meal, interval_minutes=5)

    assert response is not None
    assert response.minutes_to_baseline is None


def test_too_few_readings_around_a_meal_give_no_response() -> None:
    utc, glucose, meal = meal_trace()
    no_baseline = (utc < meal - 1800) | (utc > meal)
    assert meal_response(utc[no_baseline], glucose[no_baseline], meal, interval_minutes=5) is None
    sparse = (utc <= meal) | ((utc - meal) % 1800 == 0)  # one reading per half hour after
    assert meal_response(utc[sparse], glucose[sparse], meal, interval_minutes=5) is None
    gap = (utc <= meal + 600) | (utc > meal + 3600)  # nearly an hour missing after eating
    assert meal_response(utc[gap], glucose[gap], meal, interval_minutes=5) is None
