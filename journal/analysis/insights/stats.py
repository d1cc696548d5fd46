"""The statistics of Insights: contrasts over every circular shift at once, their null, BH.

Every test compares an outcome on two kinds of day, "with" and "without" a factor (for a
numeric factor: its top third against its bottom third of days), at a declared lag. Its
statistic is the difference of the outcome's means on the two kinds of day, or for a flare
onset the log of the risk ratio.

Why a circular-shift null. Day-to-day series are autocorrelated: a bad week is seven bad
days, not seven independent samples, so the usual t-test's p-values are far too small. The
null here slides the factor series against the outcome series by every offset of at least
``min_shift`` days (wrapping round the end) and recomputes the statistic each time: each
series keeps its own autocorrelation, its gaps and its weekly and seasonal shape, only their
alignment is broken. For a correlation this spread is Bartlett's variance of a cross-
correlation between two autocorrelated series, estimated without a model of either.

Why a normal tail on the shifts' moments rather than counting shifts. A year gives ~350
shifts, so a counted p-value cannot go below ~0.003, while Benjamini-Hochberg over ~150
tests needs p-values near 0.0003 to find a single real effect. The p-value is therefore
taken from z = (observed - mean of shifts) / (sd of shifts) on a normal tail; the simulation
in tests/bench/insights_simulation.py checks that this keeps false findings rare.

Why the interval is the estimate +- 1.96 sd of the shifts. The same spread is an
autocorrelation-aware standard error (a block bootstrap of every test would take minutes on
ten years), and using it for both means the interval excludes "no difference" exactly when
the two-sided p-value is below 0.05 (up to the small mean of the shifts).

All shifts at once: the sums "outcome over days with the factor, for shift s" are circular
cross-correlations of two 0/1 or value series, so one real FFT of each series and one inverse
FFT per sum give all n shifts in O(n log n) (scipy.fft), for every test in a batch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.fft
from numpy.typing import NDArray
from scipy.stats import norm

from journal.analysis.insights.table import FloatArray

IntArray = NDArray[np.int64]
ComplexArray = NDArray[np.complex128]

Z_95 = float(norm.ppf(0.975))
# Shifts closer than this to the true alignment are left out of the null: a factor that
# persists (a stressful week) still overlaps its own effect a few days later.
DEFAULT_MIN_SHIFT = 7
# Half a day added to each count of events and days at risk, so a risk ratio with no event
# on one side stays finite (Haldane's correction).
HALDANE = 0.5
# Tests per FFT batch: bounds memory at ~ batch x days x 8 bytes per array.
BATCH = 128


def spectra(series: FloatArray) -> ComplexArray:
    """Real FFT of each row (days along the last axis), to be reused across tests."""
    result: ComplexArray = scipy.fft.rfft(series, axis=-1)
    return result


def shift_sums(factor_spectra: ComplexArray, outcome_spectra: ComplexArray, n: int) -> FloatArray:
    """Row-wise sums over days t of factor[t - s] * outcome[t], for every shift s (circular).

    Shift 0 is the alignment as given; the factor series must already carry its lag.
    """
    product = np.conj(factor_spectra) * outcome_spectra
    sums: FloatArray = scipy.fft.irfft(product, n=n, axis=-1)
    # The sums are of counts and values; round-off below 1e-9 is noise, not a day.
    return sums


@dataclass(frozen=True)
class ContrastSeries:
    """The two factor-side and two outcome-side series of one batch of tests.

    ``with_days``/``without_days`` are 1 on the days (outcome days, lag applied) when the
    factor was present/absent and 0 when it was absent/present or not logged; ``known`` is 1
    where the outcome is logged (and the day is at risk, for an onset), ``value`` the outcome
    there and 0 elsewhere. Rows of the factor and outcome arrays correspond one to one.
    """

    with_days: ComplexArray
    without_days: ComplexArray
    known: ComplexArray
    value: ComplexArray
    n: int


@dataclass(frozen=True)
class ShiftTest:
    """One test's observed contrast and its circular-shift null, row per test."""

    n_with: IntArray
    n_without: IntArray
    mean_with: FloatArray  # outcome mean (or risk) on days with the factor
    mean_without: FloatArray
    statistic: FloatArray  # mean difference, or log risk ratio for events
    null_mean: FloatArray
    null_sd: FloatArray

    @property
    def z(self) -> FloatArray:
        sd = np.where(self.null_sd > 0, self.null_sd, np.nan)
        z: FloatArray = np.nan_to_num((self.statistic - self.null_mean) / sd, nan=0.0)
        return z

    @property
    def p_value(self) -> FloatArray:
        p: FloatArray = 2.0 * norm.sf(np.abs(self.z))
        return p

    @property
    def ci_low(self) -> FloatArray:
        low: FloatArray = self.statistic - Z_95 * self.null_sd
        return low

    @property
    def ci_high(self) -> FloatArray:
        high: FloatArray = self.statistic + Z_95 * self.null_sd
        return high


def null_shifts(n: int, min_shift: int) -> IntArray:
    """The shifts that make the null: at least ``min_shift`` days from 0 either way round."""
    shifts = np.arange(n, dtype=np.int64)
    distance = np.minimum(shifts, n - shifts)
    chosen: IntArray = shifts[distance >= min_shift]
    return chosen


def contrast_tests(series: ContrastSeries, *, event: bool, min_shift: int) -> ShiftTest:
    """Observed contrast and circular-shift null moments for each row of ``series``."""
    n = series.n
    n1 = shift_sums(series.with_days, series.known, n)
    s1 = shift_sums(series.with_days, series.value, n)
    n0 = shift_sums(series.without_days, series.known, n)
    s0 = shift_sums(series.without_days, series.value, n)
    # Counts are whole numbers; the FFT leaves them a hair off.
    n1 = np.rint(n1)
    n0 = np.rint(n0)
    if event:
        s1 = np.rint(s1)
        s0 = np.rint(s0)
        stat = np.log((s1 + HALDANE) / (n1 + HALDANE)) - np.log((s0 + HALDANE) / (n0 + HALDANE))
    else:
        with np.errstate(invalid="ignore", divide="ignore"):
            stat = s1 / n1 - s0 / n0
    null = stat[:, null_shifts(n, min_shift)]
    # A shift may leave one side with no day; it says nothing and is left out.
    usable = np.isfinite(null) & (n1[:, null_shifts(n, min_shift)] > 0)
    usable &= n0[:, null_shifts(n, min_shift)] > 0
    null = np.where(usable, null, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_with = s1[:, 0] / n1[:, 0]
        mean_without = s0[:, 0] / n0[:, 0]
    return ShiftTest(
        n_with=n1[:, 0].astype(np.int64),
        n_without=n0[:, 0].astype(np.int64),
        mean_with=mean_with,
        mean_without=mean_without,
        statistic=stat[:, 0],
        null_mean=_nan_mean(null),
        null_sd=_nan_sd(null),
    )


def _nan_mean(rows: FloatArray) -> FloatArray:
    count = np.sum(np.isfinite(rows), axis=1)
    total = np.nansum(rows, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean: FloatArray = np.where(count > 0, total / count, np.nan)
    return mean


def _nan_sd(rows: FloatArray) -> FloatArray:
    count = np.sum(np.isfinite(rows), axis=1)
    mean = _nan_mean(rows)
    squares = np.nansum((rows - mean[:, None]) ** 2, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        sd: FloatArray = np.where(count > 1, np.sqrt(squares / (count - 1)), np.nan)
    return sd


def benjamini_hochberg(p_values: FloatArray) -> FloatArray:
    """Benjamini-Hochberg q-values: the smallest FDR at which each test would be declared.

    q_(i) = min over j >= i of p_(j) * m / j for the sorted p-values, capped at 1. Chosen over
    a family-wise (Bonferroni/Holm) correction because a person wants the few real relations
    in ~150 tests, accepting that a known small share of what is shown may be chance. Valid
    under the positive dependence that overlapping tests on one journal have.
    """
    p = np.asarray(p_values, dtype=np.float64)
    m = p.size
    if m == 0:
        return p.copy()
    order = np.argsort(p, kind="stable")
    ranked = p[order] * m / np.arange(1, m + 1)
    monotone = np.minimum.accumulate(ranked[::-1])[::-1]
    q = np.empty(m, dtype=np.float64)
    q[order] = np.minimum(monotone, 1.0)
    return q
