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
FFT per sum give all n shifts in O(n log n) (numpy.fft), for every test in a batch.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from journal.analysis.insights.table import FloatArray
from journal.analysis.insights.tails import Z_95, normal_two_sided_p

IntArray = NDArray[np.int64]
ComplexArray = NDArray[np.complex128]

# Shifts closer than this to the true alignment are left out of the null: a factor that
# persists (a stressful week, a month of exercise) still overlaps its own effect days or
# weeks later, which would widen the null and hide the effect. 28 rather than 7 days found
# a few more planted effects in the simulation at no cost in false findings.
DEFAULT_MIN_SHIFT = 28
# Half a day added to each count of events and days at risk, so a risk ratio with no event
# on one side stays finite (Haldane's correction).
HALDANE = 0.5
MIN_REACHED = 1
# Tests per FFT batch: bounds memory at ~ batch x days x 8 bytes per array.
BATCH = 128


def spectra(series: FloatArray) -> ComplexArray:
    """Real FFT of each row (days along the last axis), to be reused across tests."""
    result: ComplexArray = np.fft.rfft(series, axis=-1)
    return result


def shift_sums(factor_spectra: ComplexArray, outcome_spectra: ComplexArray, n: int) -> FloatArray:
    """Row-wise sums over days t of factor[t - s] * outcome[t], for every shift s (circular).

    Shift 0 is the alignment as given; the factor series must already carry its lag.
    """
    product = np.conj(factor_spectra) * outcome_spectra
    sums: FloatArray = np.fft.irfft(product, n=n, axis=-1)
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
    value_squared: ComplexArray
    n: int
    # The same three outcome-side series split by a stratum (shape: stratum, row,
    # frequency), for outcomes compared within the flare state; None for a plain contrast.
    strata: tuple[ComplexArray, ComplexArray, ComplexArray] | None = None


@dataclass(frozen=True)
class NullSummary:
    """Observed statistics (one per row) and the moments of their circular-shift null.

    ``beyond`` is the share of the null's shifts at least as far from its mean as the
    observed statistic (in standard deviations), the counted tail that ``p_value`` never
    goes below (see there).
    """

    statistic: FloatArray
    null_mean: FloatArray
    null_sd: FloatArray
    beyond: FloatArray

    @property
    def z(self) -> FloatArray:
        sd = np.where(self.null_sd > 0, self.null_sd, np.nan)
        z: FloatArray = np.nan_to_num((self.statistic - self.null_mean) / sd, nan=0.0)
        return z

    @property
    def p_value(self) -> FloatArray:
        """The normal tail of z, but never below the shifts' own counted tail.

        Why the floor: an outcome logged mostly in a few runs (pain on the days of four
        flares a year) makes the shifted statistics heavier-tailed than a normal curve, and
        the normal tail alone then gave p < 0.003 nearly three times as often as it should
        on simulated journals with no relation. Where some shifts reach the observed value
        the counted share is the honest p; where none does it is 0 and the normal tail
        (which can go below 1 / number of shifts, as the false-discovery correction needs)
        stands. The larger of two valid p-values is valid.
        """
        p: FloatArray = np.maximum(normal_two_sided_p(self.z), self.beyond)
        return p

    @property
    def ci_low(self) -> FloatArray:
        low: FloatArray = self.statistic - Z_95 * self.null_sd
        return low

    @property
    def ci_high(self) -> FloatArray:
        high: FloatArray = self.statistic + Z_95 * self.null_sd
        return high


@dataclass(frozen=True)
class ShiftTest(NullSummary):
    """A with/without contrast: its counts and means as observed, and its null."""

    n_with: IntArray
    n_without: IntArray
    mean_with: FloatArray  # outcome mean (or risk) on days with the factor
    mean_without: FloatArray


def summarize(statistics: FloatArray, min_shift: int, observed: int = 0) -> NullSummary:
    """Statistic at shift ``observed`` and its null over shifts ``min_shift``+ away from 0."""
    n = statistics.shape[1]
    null = statistics[:, null_shifts(n, min_shift)]
    null = np.where(np.isfinite(null), null, np.nan)
    mean, sd = _nan_mean(null), _nan_sd(null)
    observed_values = statistics[:, observed]
    with np.errstate(invalid="ignore", divide="ignore"):
        distance = np.abs(observed_values - mean) / sd
        null_distance = np.abs(null - mean[:, None]) / sd[:, None]
        reached = np.sum(null_distance >= distance[:, None] - 1e-12, axis=1)
        finite = np.sum(np.isfinite(null_distance), axis=1)
        beyond = np.where(
            np.isfinite(distance) & (finite > 0),
            np.where(reached >= MIN_REACHED, reached / np.maximum(finite, 1), 0.0),
            1.0,
        )
    return NullSummary(observed_values, mean, sd, beyond)


def null_shifts(n: int, min_shift: int) -> IntArray:
    """The shifts that make the null: at least ``min_shift`` days from 0 either way round."""
    shifts = np.arange(n, dtype=np.int64)
    distance = np.minimum(shifts, n - shifts)
    chosen: IntArray = shifts[distance >= min_shift]
    return chosen


def contrast_tests(series: ContrastSeries, *, event: bool, min_shift: int) -> ShiftTest:
    """Observed contrast and its studentised circular-shift null for each row of ``series``.

    Why studentised: under a shift the number of days on each side changes, sometimes to a
    handful (pain logged mostly on flare days meets a shifted flare on few of them), and a
    mean over 3 days swings wildly. Each shift's contrast is divided by its own naive
    standard error (Welch's for a mean difference, Katz's for a log risk ratio), so the
    shifts' spread of that ratio measures only what the naive error misses: the
    autocorrelation. The interval is the estimate +- 1.96 x naive error x that spread.
    """
    n = series.n
    n1 = np.rint(shift_sums(series.with_days, series.known, n))
    n0 = np.rint(shift_sums(series.without_days, series.known, n))
    s1 = shift_sums(series.with_days, series.value, n)
    s0 = shift_sums(series.without_days, series.value, n)
    with np.errstate(invalid="ignore", divide="ignore"):
        if event:
            e1, e0 = np.rint(s1) + HALDANE, np.rint(s0) + HALDANE
            m1, m0 = n1 + HALDANE, n0 + HALDANE
            stat = np.log(e1 / m1) - np.log(e0 / m0)
            se = np.sqrt(np.maximum(1 / e1 - 1 / m1 + 1 / e0 - 1 / m0, 0.0))
            usable = (n1 >= 2) & (n0 >= 2) & (se > 0)
        elif series.strata is not None:
            stat, se, usable = _stratified(series, n)
        else:
            q1 = shift_sums(series.with_days, series.value_squared, n)
            q0 = shift_sums(series.without_days, series.value_squared, n)
            stat = s1 / n1 - s0 / n0
            se = np.sqrt(_mean_variance(q1, s1, n1) + _mean_variance(q0, s0, n0))
            usable = (n1 >= 2) & (n0 >= 2) & (se > 0)
        # A shift that leaves a side with under 2 days says nothing and is left out.
        ratio = np.where(usable, stat / se, np.nan)
        mean_with = s1[:, 0] / n1[:, 0]
        mean_without = s0[:, 0] / n0[:, 0]
    studentised = summarize(ratio, min_shift)
    se0 = se[:, 0]
    return ShiftTest(
        statistic=stat[:, 0],
        null_mean=studentised.null_mean * se0,
        null_sd=studentised.null_sd * se0,
        beyond=studentised.beyond,
        n_with=n1[:, 0].astype(np.int64),
        n_without=n0[:, 0].astype(np.int64),
        mean_with=mean_with,
        mean_without=mean_without,
    )


def _stratified(series: ContrastSeries, n: int) -> tuple[FloatArray, FloatArray, np.ndarray]:
    """The difference of means within each stratum, pooled, for every shift.

    Each stratum's difference weighs n1 n0 / (n1 + n0), its share of the information (the
    Cochran-Mantel-Haenszel weight for a difference); a stratum with under 2 days on a side
    weighs nothing. The pooled error is sqrt(sum w^2 v) / sum w. With one stratum holding
    every day this is the plain difference and its Welch error.
    """
    assert series.strata is not None
    known, value, squared = series.strata
    total_weight: FloatArray = np.zeros(1)
    weighted = np.zeros(1)
    variance = np.zeros(1)
    for k in range(known.shape[0]):
        n1 = np.rint(shift_sums(series.with_days, known[k], n))
        n0 = np.rint(shift_sums(series.without_days, known[k], n))
        s1 = shift_sums(series.with_days, value[k], n)
        s0 = shift_sums(series.without_days, value[k], n)
        q1 = shift_sums(series.with_days, squared[k], n)
        q0 = shift_sums(series.without_days, squared[k], n)
        enough = (n1 >= 2) & (n0 >= 2)
        weight = np.where(enough, n1 * n0 / np.maximum(n1 + n0, 1), 0.0)
        difference = np.where(enough, s1 / n1 - s0 / n0, 0.0)
        spread = np.where(enough, _mean_variance(q1, s1, n1) + _mean_variance(q0, s0, n0), 0.0)
        total_weight = total_weight + weight
        weighted = weighted + weight * difference
        variance = variance + weight * weight * spread
    stat = weighted / total_weight
    se = np.sqrt(variance) / total_weight
    usable = (total_weight > 0) & (se > 0)
    return stat, se, usable


def _mean_variance(squares: FloatArray, sums: FloatArray, count: FloatArray) -> FloatArray:
    """Variance of a group's mean from its sums: s^2 / n, with s^2 the sample variance."""
    variance = (squares - sums * sums / count) / (count - 1)
    result: FloatArray = np.maximum(variance, 0.0) / count
    return result


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


# --- the same-day and next-day effects of a factor, as a regression with AR(1) errors -------


def lag1_autocorrelation(values: FloatArray) -> float:
    """Correlation of an outcome with itself a day later, over consecutive logged days.

    Kept in [0, 0.95]: a negative or near-1 estimate from few days would make the weighting
    below worse than none, and the shift null keeps the test valid whatever is used.
    """
    today, yesterday = values[1:], values[:-1]
    both = ~(np.isnan(today) | np.isnan(yesterday))
    if both.sum() < 3:
        return 0.0
    a, b = today[both] - today[both].mean(), yesterday[both] - yesterday[both].mean()
    denominator = float(np.sqrt(np.sum(a * a) * np.sum(b * b)))
    rho = float(np.sum(a * b)) / denominator if denominator > 0 else 0.0
    return min(max(rho, 0.0), 0.95)


def factor_products(coded: FloatArray) -> FloatArray:
    """The factor-side series of ``lagged_regression``, rows: c, c^2, c * c(day before),
    c * c(two days before).

    ``coded`` is the factor as the regression sees it (engine._coded), centred on its mean
    over known days, with 0 where unknown (the day then weighs as an average one).
    """
    before = np.concatenate(([0.0], coded[:-1]))
    two_before = np.concatenate(([0.0, 0.0], coded[:-2]))[: coded.size]
    return np.vstack((coded, coded * coded, coded * before, coded * two_before))


def outcome_products(values: FloatArray) -> FloatArray:
    """The outcome-side series of ``lagged_regression``, by the gaps around each logged day.

    Rows: M0 (1 on logged days), D (the outcome centred on its mean, 0 where not logged),
    then for a gap of one day (the neighbour logged) and of two (one day missing between):
    P (1 on the later logged day of such a pair), N (on logged days, the sum of D on the
    pair's other day, before and after), K (how many such pairs the day is in) and K x D.
    """
    known = ~np.isnan(values)
    d = np.where(known, values - (values[known].mean() if known.any() else 0.0), 0.0)
    rows = [known.astype(np.float64), d]
    for gap in (1, 2):
        earlier = np.concatenate((np.zeros(gap, dtype=bool), known[:-gap]))[: known.size]
        later = np.concatenate((known[gap:], np.zeros(gap, dtype=bool)))
        if gap == 2:  # only when the day between is missing: else it is two gaps of one
            between_before = np.concatenate(([True], ~known[:-1]))
            between_after = np.concatenate((~known[1:], [True]))
            earlier = earlier & between_before
            later = later & between_after
        pair_end = known & earlier
        pair_start = known & later
        d_before = np.concatenate((np.zeros(gap), d[:-gap]))[: d.size]
        d_after = np.concatenate((d[gap:], np.zeros(gap)))
        neighbours = pair_end * d_before + pair_start * d_after
        k = pair_end.astype(np.float64) + pair_start.astype(np.float64)
        rows += [pair_end.astype(np.float64), neighbours, k, k * d]
    return np.vstack(rows)


@dataclass(frozen=True)
class LaggedTests:
    """One regression per row, read at three alignments."""

    same_day: NullSummary
    next_day: NullSummary  # the factor on the day before the outcome
    reverse: NullSummary  # the factor on the day after the outcome


def lagged_regression(
    factor_spectra: ComplexArray,
    outcome_spectra: ComplexArray,
    psi: FloatArray,
    n: int,
    min_shift: int,
) -> LaggedTests:
    """Outcome_t = b * factor_(t-s) + AR(1) error, fitted for every shift s at once.

    Returns the slope's t-like ratio (b over its model error) for each alignment; only its
    z against the shift null is used, for the p-value.

    Why a regression with AR(1) errors: an outcome that carries over from day to day
    (yesterday's pain is half of today's) makes a plain days-with minus days-without mean
    noisy; weighting by the AR(1) precision (generalised least squares: 1 + psi^2 on the
    day, -psi with each neighbour) compares each day with what its neighbours predict and,
    on the simulated journals, finds half as many more real effects for the same false
    findings. The coefficient is still the difference between days with and without the
    factor, in the outcome's unit (for a numeric factor, between its top and bottom thirds).

    Why ``psi`` is the smaller of the outcome's and the factor's own day-to-day correlation
    (engine._weighting): a lag fitted alone picks up an effect at the neighbouring lag
    through the factor's persistence, and with a weighting above the factor's persistence
    that echo turns negative (a same-day rise shows as a next-day fall). With psi at most the
    factor's persistence the echo keeps the sign the raw days show, and the weighting keeps
    most of its power.

    Why the shift null still: the AR(1) model need not be right (flares, seasons, slow
    drifts); the shifts give the test its validity, the model only its power.

    The normal equation A(s) b(s) = r(s) has sums that are circular cross-correlations of
    a factor-side series (``factor_products``) with an outcome-side one
    (``outcome_products``), so one FFT product and inverse FFT each give them for all
    shifts. The same-day test reads shift 0, the next-day test shift 1, the reverse (the
    factor on the day after) shift -1, each against the same null.
    """
    c_, cc_, cb_, cb2_ = (factor_spectra[:, k] for k in range(4))
    m0_, d_, p1_, n1_, k1_, kd1_, p2_, n2_, k2_, kd2_ = (outcome_spectra[:, k] for k in range(10))
    psi_ = psi[:, None]
    psi2 = psi_ * psi_
    # The precision of an AR(1) series seen on the logged days only, scaled by 1 - psi^2:
    # a day alone weighs 1 - psi^2; each logged neighbour adds psi^2 to its weight and
    # links the two by -psi; a neighbour two days off (the day between missing) adds
    # psi^4 / (1 + psi^2) and links them by -psi^2 / (1 + psi^2); farther is taken as
    # independent (psi^3 and less).
    far = psi2 * psi2 / (1 + psi2)
    link2 = psi2 / (1 + psi2)
    a = (
        (1 - psi2) * shift_sums(cc_, m0_, n)
        + psi2 * shift_sums(cc_, k1_, n)
        + far * shift_sums(cc_, k2_, n)
        - 2 * psi_ * shift_sums(cb_, p1_, n)
        - 2 * link2 * shift_sums(cb2_, p2_, n)
    )
    r = (
        (1 - psi2) * shift_sums(c_, d_, n)
        + psi2 * shift_sums(c_, kd1_, n)
        + far * shift_sums(c_, kd2_, n)
        - psi_ * shift_sums(c_, n1_, n)
        - link2 * shift_sums(c_, n2_, n)
    )
    # Studentised as in contrast_tests: the slope r/a over its model error 1/sqrt(a) (up to
    # the residual scale, the same at every shift), so shifts with little overlap between
    # the factor's days and the outcome's logged days do not widen the null.
    with np.errstate(invalid="ignore", divide="ignore"):
        b = np.where(a > 1e-9, r / np.sqrt(a), np.nan)
    return LaggedTests(
        same_day=summarize(b, min_shift, observed=0),
        next_day=summarize(b, min_shift, observed=1),
        reverse=summarize(b, min_shift, observed=n - 1),
    )
