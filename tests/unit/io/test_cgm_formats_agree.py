"""The same readings written as four exports give the same metrics, within mmol/L rounding."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

from journal.analysis.cgm_metrics import CgmMetrics, agp, cgm_metrics
from journal.domain.units import GlucoseUnit
from journal.io.cgm.detect import read_cgm
from journal.io.cgm.model import CgmFile
from journal.io.cgm.samples import every, synthetic_readings, write_clarity, write_libreview

ZONE = ZoneInfo("Europe/Madrid")


def metrics_of(result: CgmFile) -> CgmMetrics:
    r = result.readings
    found = cgm_metrics(
        r.utc_seconds,
        r.utc_offset_minutes,
        r.mgdl,
        r.kind,
        interval_minutes=result.interval_minutes,
    )
    assert found is not None
    return found


def test_clarity_g6_g7_and_libreview_us_eu_agree(tmp_path: Path) -> None:
    # Fifteen-minute readings over the autumn change, so all four can hold the same ones.
    trace = every(
        synthetic_readings(20, start=datetime(2024, 10, 15, tzinfo=ZONE), zone=ZONE, seed=3), 15
    )
    files = [
        write_clarity(tmp_path / "g6.csv", trace, ZONE, device="G6"),
        write_clarity(
            tmp_path / "g7.csv", trace, ZONE, device="G7", unit=GlucoseUnit.MMOLL, bom=False
        ),
        write_libreview(tmp_path / "us.csv", trace, ZONE, style="US"),
        write_libreview(
            tmp_path / "eu.csv", trace, ZONE, style="EU", unit=GlucoseUnit.MMOLL, delimiter=";"
        ),
    ]
    results = [read_cgm(path, ZONE) for path in files]
    metrics = [metrics_of(r) for r in results]
    reference = metrics[0]
    # mmol/L to one decimal moves a reading by at most 1 mg/dL, so only readings within
    # 1 mg/dL of a band's bound can change band.
    near = np.zeros(len(trace), bool)
    for bound in (54, 70, 180, 250):
        near |= np.abs(trace.mgdl - bound) <= 1
    share_tolerance = near.mean() * 100 + 1e-9

    for result, found in zip(results, metrics, strict=True):
        assert np.array_equal(result.historic.utc_seconds, trace.utc_seconds), result.file
        assert found.readings == reference.readings == len(trace)
        assert found.active_percent == reference.active_percent == 100.0
        assert abs(found.mean_mgdl - reference.mean_mgdl) < 0.5
        assert abs(found.sd_mgdl - reference.sd_mgdl) < 0.5
        assert abs(found.gmi_percent - reference.gmi_percent) < 0.02
        for band, expected in zip(found.bands, reference.bands, strict=True):
            assert abs(band.percent - expected.percent) <= share_tolerance, (result.file, band.name)
    profiles = [
        agp(r.historic.utc_seconds, r.historic.utc_offset_minutes, r.historic.mgdl) for r in results
    ]
    for profile in profiles:
        assert profile is not None and profiles[0] is not None
        assert np.nanmax(np.abs(profile.p50 - profiles[0].p50)) <= 1.0
