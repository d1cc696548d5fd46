"""The statistics: shift sums, the weighted regression, the null, Benjamini-Hochberg."""

from __future__ import annotations

import itertools

import numpy as np

from journal.analysis.insights.stats import (
    benjamini_hochberg,
    factor_products,
    lagged_regression,
    null_shifts,
    outcome_products,
    shift_sums,
    spectra,
)


def test_shift_sums_give_every_circular_alignment_at_once() -> None:
    rng = np.random.default_rng(1)
    a, b = rng.random(50), rng.random(50)
    sums = shift_sums(spectra(a[None]), spectra(b[None]), 50)[0]
    for s in (0, 1, 7, 49):
        assert np.isclose(sums[s], sum(a[(t - s) % 50] * b[t] for t in range(50)))


def test_the_null_leaves_out_shifts_near_the_true_alignment() -> None:
    shifts = null_shifts(100, 28)
    assert shifts.min() == 28 and shifts.max() == 72
    assert 0 not in shifts and 99 not in shifts


def ar1_precision_on_logged_days(known: np.ndarray, psi: float) -> np.ndarray:
    """The precision of a unit-variance AR(1) series seen on the logged days, as a chain:
    neighbours one or two days apart are linked (correlation psi, psi^2), farther ones
    taken as independent; scaled by 1 - psi^2 as lagged_regression's sums are."""
    n = known.size
    precision = np.diag(known.astype(float))
    days = np.flatnonzero(known)
    for a, b in itertools.pairwise(days):
        gap = b - a
        if gap > 2:
            continue
        rho = psi**gap
        precision[a, a] += rho**2 / (1 - rho**2)
        precision[b, b] += 1 / (1 - rho**2) - 1
        precision[a, b] = precision[b, a] = -rho / (1 - rho**2)
    assert precision.shape == (n, n)
    return precision * (1 - psi**2)


def test_the_weighted_regression_matches_a_direct_fit_at_the_observed_alignment() -> None:
    rng = np.random.default_rng(3)
    n, psi = 80, 0.4
    x = (rng.random(n) < 0.4).astype(float)
    x_known = rng.random(n) < 0.8
    c = np.where(x_known, x - x[x_known].mean(), 0.0)
    y = rng.standard_normal(n) + 0.8 * x
    y[rng.random(n) < 0.25] = np.nan
    result = lagged_regression(
        spectra(factor_products(c))[None],
        spectra(outcome_products(y))[None],
        np.array([psi]),
        n,
        10,
    )
    known = ~np.isnan(y)
    d = np.where(known, y - y[known].mean(), 0.0)
    precision = ar1_precision_on_logged_days(known, psi)
    # Gaps of one and of two days both occur, so both kinds of link are checked.
    gaps = np.diff(np.flatnonzero(known))
    assert {1, 2} <= set(gaps.tolist())
    for lag, summary in ((0, result.same_day), (1, result.next_day)):
        # The shift sums are circular: the factor's last day lines up with the first.
        z = np.roll(c, lag) * known
        # The statistic is the slope over its model error: r / sqrt(a).
        direct = (z @ precision @ d) / np.sqrt(z @ precision @ z)
        assert np.isclose(summary.statistic[0], direct)


def test_benjamini_hochberg_matches_the_step_up_rule() -> None:
    p = np.array([0.01, 0.04, 0.03, 0.005, 0.5])
    q = benjamini_hochberg(p)
    # Sorted: 0.005, 0.01, 0.03, 0.04, 0.5 -> x5/rank: 0.025, 0.025, 0.05, 0.05, 0.5
    assert np.allclose(q, [0.025, 0.05, 0.05, 0.025, 0.5])
    assert benjamini_hochberg(np.array([])).size == 0
