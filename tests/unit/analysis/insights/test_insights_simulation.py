"""The acceptance check on simulated journals: few false findings, most planted effects found.

A small, deterministic version of tests/bench/insights_simulation.py (which runs 200 null
and 100 planted journals): the thresholds are loose but can fail.
"""

from __future__ import annotations

import pytest

from journal.analysis.insights.simulate import Design, measure


@pytest.mark.slow
def test_null_journals_rarely_show_a_finding_and_planted_effects_are_found() -> None:
    figures = measure(
        Design(), null_journals=40, planted_journals=20, effects_per_journal=4, size_sd=0.5, seed=7
    )
    assert figures.tests_per_journal == 160
    # The project's limit is 1 in 10 null journals; 6 of 40 leaves room for chance.
    assert figures.null_with_any_supported <= 6
    # p-values on null journals are not too small (they would be, ignoring autocorrelation).
    assert figures.null_p_below["0.01"] <= 0.02
    # Half-SD effects over one year: 80 planted, at least 32 found (the full run finds ~50 %).
    assert figures.planted_found >= 32
    assert figures.planted_interval_covers >= 0.85
