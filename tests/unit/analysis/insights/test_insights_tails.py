"""The scipy-free tails of Insights give scipy.stats' numbers (scipy is imported here only)."""

from __future__ import annotations

import itertools
import subprocess
import sys

import numpy as np
import pytest
import scipy.signal
from scipy.stats import hypergeom, norm

from journal.analysis.insights.engine import fisher_p
from journal.analysis.insights.simulate import ar1
from journal.analysis.insights.stats import ShiftTest
from journal.analysis.insights.tails import (
    Z_95,
    fisher_two_sided_p,
    hypergeometric_tails,
    normal_two_sided_p,
)

RELATIVE = 1e-10


def test_z_95_is_the_normal_quantile() -> None:
    assert pytest.approx(float(norm.ppf(0.975)), rel=1e-15) == Z_95


def test_normal_tail_matches_scipy_from_the_centre_to_underflow() -> None:
    z = np.concatenate([np.linspace(-40, 40, 4001), [0.0, 1e-12, -1e-300, 8.2, 37.5, 38.6]])
    expected = 2.0 * norm.sf(np.abs(z))
    got = normal_two_sided_p(z)
    # Relative agreement wherever the tail is a normal float; below ~1e-307 (|z| > 37.5)
    # erfc keeps subnormal digits that scipy's halving of them rounds away.
    np.testing.assert_allclose(got, expected, rtol=RELATIVE, atol=1e-300)
    normal = expected > 1e-300
    np.testing.assert_allclose(got[normal], expected[normal], rtol=RELATIVE, atol=0)
    assert got.shape == z.shape


def test_normal_tail_keeps_infinities_and_nan() -> None:
    got = normal_two_sided_p(np.array([np.inf, -np.inf, np.nan]))
    assert got[0] == 0.0 and got[1] == 0.0 and np.isnan(got[2])


GRID = [
    (total, marked, drawn)
    for total in (1, 2, 7, 30, 365, 1096, 3650)
    for marked in sorted({0, 1, 2, 4, 12, 40, total // 2, total} & set(range(total + 1)))
    for drawn in sorted({0, 1, 3, 50, total // 3, total - 1, total} & set(range(total + 1)))
]


@pytest.mark.parametrize(("total", "marked", "drawn"), GRID)
def test_hypergeometric_tails_match_scipy(total: int, marked: int, drawn: int) -> None:
    low, high = max(0, drawn - (total - marked)), min(marked, drawn)
    ks = np.arange(max(0, low - 1), high + 2)
    if ks.size > 120:  # every k near both ends of the support, a sample between
        ks = np.unique(np.concatenate([ks[:50], ks[-50:], ks[:: ks.size // 20]]))
    tails = np.array([hypergeometric_tails(int(k), total, marked, drawn) for k in ks])
    want_upper = hypergeom.sf(ks - 1, total, marked, drawn)
    want_lower = hypergeom.cdf(ks, total, marked, drawn)
    np.testing.assert_allclose(tails[:, 0], want_upper, rtol=RELATIVE, atol=1e-300)
    np.testing.assert_allclose(tails[:, 1], want_lower, rtol=RELATIVE, atol=1e-300)


def test_fisher_p_matches_the_scipy_formula_on_onset_counts() -> None:
    rng = np.random.default_rng(7)
    rows = []
    for total, events in itertools.product((60, 365, 1825, 3650), (1, 4, 12, 30)):
        for _ in range(6):
            n_with = int(rng.integers(1, total))
            events_with = int(
                rng.integers(max(0, events - (total - n_with)), min(events, n_with) + 1)
            )
            rows.append((events_with, total, events, n_with))
    events_with, total, events, n_with = (
        np.array(c, dtype=np.int64) for c in zip(*rows, strict=True)
    )
    upper = hypergeom.sf(events_with - 1, total, events, n_with)
    lower = hypergeom.cdf(events_with, total, events, n_with)
    expected = np.minimum(1.0, 2 * np.minimum(upper, lower))
    got = fisher_two_sided_p(events_with, total, events, n_with)
    np.testing.assert_allclose(got, expected, rtol=RELATIVE, atol=0)


def test_fisher_p_of_a_contrast_with_no_days_is_one() -> None:
    contrast = ShiftTest(
        statistic=np.zeros(2),
        null_mean=np.zeros(2),
        null_sd=np.ones(2),
        beyond=np.ones(2),
        n_with=np.array([0, 40], dtype=np.int64),
        n_without=np.array([0, 300], dtype=np.int64),
        mean_with=np.array([np.nan, 0.1]),
        mean_without=np.array([np.nan, 0.0]),
    )
    got = fisher_p(contrast)
    assert got[0] == 1.0
    expected = 2 * hypergeom.sf(3, 340, 4, 40)
    assert got[1] == pytest.approx(expected, rel=RELATIVE)


@pytest.mark.parametrize("phi", [0.0, 0.3, 0.7, 0.95])
def test_ar1_gives_lfilter_s_series(phi: float) -> None:
    got = ar1(np.random.default_rng(11), 3650, phi)
    rng = np.random.default_rng(11)
    noise = rng.standard_normal(3650) * np.sqrt(1 - phi**2)
    noise[0] /= np.sqrt(1 - phi**2)
    np.testing.assert_array_equal(got, scipy.signal.lfilter([1.0], [1.0, -phi], noise))


def test_insights_import_no_scipy() -> None:
    """The CLI's ``insights`` and ``report`` and the Insights view load none of scipy."""
    code = (
        "import sys, journal.services.insights, journal.analysis.insights.simulate; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'scipy'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
