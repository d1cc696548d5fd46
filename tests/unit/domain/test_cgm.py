"""The consensus targets and device limits as people read them."""

from __future__ import annotations

from journal.domain.cgm import (
    CV_TARGET,
    TAR_180_TARGET,
    TAR_250_TARGET,
    TBR_54_TARGET,
    TBR_70_TARGET,
    TIR_TARGET,
    dexcom_limits,
)


def test_targets_read_as_the_consensus_writes_them() -> None:
    texts = [
        t.text
        for t in (
            TIR_TARGET,
            TBR_70_TARGET,
            TBR_54_TARGET,
            TAR_180_TARGET,
            TAR_250_TARGET,
            CV_TARGET,
        )
    ]
    assert texts == ["> 70 %", "< 4 %", "< 1 %", "< 25 %", "< 5 %", "<= 36 %"]
    assert "Battelino" in TIR_TARGET.source


def test_a_target_on_its_bound_is_met_only_where_the_consensus_says_so() -> None:
    assert not TIR_TARGET.met(70.0) and TIR_TARGET.met(70.1)
    assert not TBR_70_TARGET.met(4.0) and TBR_70_TARGET.met(3.9)
    assert CV_TARGET.met(36.0) and not CV_TARGET.met(36.1)


def test_dexcom_devices_report_40_to_400() -> None:
    for name in ("Dexcom G6", "Dexcom G7", "Dexcom Stelo"):
        limits = dexcom_limits(name)
        assert (limits.low_mgdl, limits.high_mgdl) == (40.0, 400.0)
