"""The demo journal's planted relations are found by Insights over ten years of its days."""

from __future__ import annotations

import pytest
from insights_demo_table import demo_table

from journal.analysis.insights import run_insights


@pytest.fixture(scope="module")
def findings():  # type: ignore[no-untyped-def]
    result = run_insights(demo_table(3652, seed=1))
    return {(f.factor, f.outcome, f.lag_days): f for f in result.findings}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("factor", "outcome", "lag", "direction"),
    [
        ("slept under 6 h", "flare onset", 3, "higher"),
        ("stress 7 or more", "flare onset", 3, "higher"),
        ("weekly active minutes (last 4 weeks)", "fasting glucose", 0, "lower"),
        ("in a flare", "pain", 0, "higher"),
        ("in a flare", "fatigue", 0, "higher"),
        ("in a flare", "stiffness", 0, "higher"),
        ("carbs", "after-meal glucose", 0, "higher"),
    ],
)
def test_a_planted_relation_is_supported(findings, factor, outcome, lag, direction) -> None:  # type: ignore[no-untyped-def]
    finding = findings[(factor, outcome, lag)]
    assert finding.supported
    assert finding.direction == direction


@pytest.mark.slow
def test_the_flare_risk_ratio_is_near_the_planted_five(findings) -> None:  # type: ignore[no-untyped-def]
    # Hazard x5 for a short night in the 2 days before; a 3-day window dilutes it a little,
    # and short nights come with stress (x5 too), so the interval is wide but clear of 1.
    finding = findings[("slept under 6 h", "flare onset", 3)]
    assert 1 < finding.ci_low < 5 < finding.ci_high
