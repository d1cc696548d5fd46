"""Normal and hypergeometric tail probabilities for Insights, without scipy.stats.

Why not scipy.stats: importing it takes about a second (it loads most of scipy), which every
``interplay insights`` and ``interplay report`` run and the Insights view's first computation
paid for two functions. The normal tail is the standard library's erfc (the formula
scipy.stats uses); a hypergeometric tail is a sum of the law's terms, each from the last by
one ratio.
tests/unit/analysis/insights/test_insights_tails.py checks both against scipy.stats.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from journal.analysis.insights.table import FloatArray

IntArray = NDArray[np.int64]

# The two-sided 95% normal quantile, scipy.stats.norm.ppf(0.975) (checked by the tests).
Z_95 = 1.959963984540054

_SQRT_HALF = math.sqrt(0.5)
_erfc = np.vectorize(math.erfc, otypes=[np.float64])


def normal_two_sided_p(z: FloatArray) -> FloatArray:
    """2 P(Z > |z|) for a standard normal Z, element-wise: erfc(|z| / sqrt 2)."""
    p: FloatArray = _erfc(np.abs(np.asarray(z, dtype=np.float64)) * _SQRT_HALF)
    return p


def hypergeometric_tails(k: int, total: int, marked: int, drawn: int) -> tuple[float, float]:
    """P(X >= k) and P(X <= k) for X the marked items among ``drawn`` of ``total``.

    ``marked`` of the ``total`` items are marked and ``drawn`` are taken without
    replacement (scipy.stats.hypergeom(total, marked, drawn)). Each probability P(X = j)
    follows from the last by one ratio, and the tails are sums of these positive terms, so
    nothing cancels and a small tail keeps its digits.
    """
    low, high = max(0, drawn - (total - marked)), min(marked, drawn)
    if high < low:  # counts that cannot occur: no evidence either way
        return 1.0, 1.0
    unmarked = total - marked
    first = _first_probability(total, marked, drawn) if low == 0 else 0.0
    if first < _SMALLEST_FIRST:
        return _exact_tails(k, total, marked, drawn, low, high)
    term, upper, lower = first, 0.0, 0.0
    for j in range(low, high + 1):
        if j >= k:
            upper += term
        if j <= k:
            lower += term
        term *= (marked - j) * (drawn - j) / ((j + 1) * (unmarked - drawn + j + 1))
    return min(upper, 1.0), min(lower, 1.0)


# Below this first term the ratios could underflow before the bulk of the law: exact sums.
_SMALLEST_FIRST = 1e-250


def _first_probability(total: int, marked: int, drawn: int) -> float:
    """P(X = 0) = C(total - marked, drawn) / C(total, drawn), as min(marked, drawn) ratios."""
    few, many = sorted((marked, drawn))
    probability = 1.0
    for i in range(few):
        probability *= (total - many - i) / (total - i)
    return probability


def _exact_tails(
    k: int, total: int, marked: int, drawn: int, low: int, high: int
) -> tuple[float, float]:
    """The tails as exact integer counts of draws over C(total, drawn), rounded once.

    The counts C(marked, j) C(total - marked, drawn - j) follow one another by one
    multiplication and one exact division. Slower (integers of thousands of bits), for the
    laws whose P(X = 0) is too small to start the ratios from.
    """
    unmarked = total - marked
    ways = math.comb(marked, low) * math.comb(unmarked, drawn - low)
    upper = lower = 0
    for j in range(low, high + 1):
        if j >= k:
            upper += ways
        if j <= k:
            lower += ways
        if j < high:
            ways = ways * (marked - j) * (drawn - j) // ((j + 1) * (unmarked - drawn + j + 1))
    every = math.comb(total, drawn)
    return upper / every, lower / every


def fisher_two_sided_p(
    events_with: IntArray, total: IntArray, events: IntArray, n_with: IntArray
) -> FloatArray:
    """Twice the smaller hypergeometric tail of ``events_with``, capped at 1, element-wise.

    The numbers of ``2 * min(hypergeom.sf(events_with - 1, total, events, n_with),
    hypergeom.cdf(events_with, total, events, n_with))`` on 1-d arrays of counts.
    """
    rows = zip(events_with.tolist(), total.tolist(), events.tolist(), n_with.tolist(), strict=True)
    smaller = [min(hypergeometric_tails(*row)) for row in rows]
    result: FloatArray = np.minimum(1.0, 2 * np.asarray(smaller, dtype=np.float64))
    return result
