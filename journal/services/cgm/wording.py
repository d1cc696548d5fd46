"""The CGM metrics in words, as ``glucose-stats`` prints them: each figure with its consensus
target, in the unit the person chose. Data, not advice: the targets are the consensus's for
most adults with diabetes (Battelino et al. 2019), and the lines say so."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

from journal.analysis.cgm_metrics import CgmMetrics, TimeShare
from journal.domain.cgm import CONSENSUS_SOURCE, CV_TARGET, GMI_SOURCE
from journal.domain.units import GlucoseUnit, format_glucose


def _moment(utc: int, offset_minutes: int) -> str:
    zone = timezone(timedelta(minutes=offset_minutes))
    return datetime.fromtimestamp(utc, UTC).astimezone(zone).strftime("%Y-%m-%d %H:%M")


def share_label(share: TimeShare, unit: GlucoseUnit) -> str:
    """ "70-180 mg/dL" or "3.9-10.0 mmol/L", "Below 54 mg/dL" ..."""
    if unit is GlucoseUnit.MGDL:
        return share.label
    low = f"{share.low_mgdl / 18.016:.1f}" if share.low_mgdl is not None else None
    high = f"{share.high_mgdl / 18.016:.1f}" if share.high_mgdl is not None else None
    if share.name in ("low", "high", "in_range", "user_range") and low and high:
        # The consensus bands in mmol/L: 3.0-3.8, 3.9-10.0, 10.1-13.9 (Battelino 2019).
        return {
            "low": "3.0-3.8 mmol/L",
            "in_range": "3.9-10.0 mmol/L",
            "high": "10.1-13.9 mmol/L",
        }.get(share.name, f"{low}-{high} mmol/L")
    if share.low_mgdl is None:
        return f"Below {high} mmol/L"
    return f"Above {low} mmol/L"


def metrics_lines(
    metrics: CgmMetrics, unit: GlucoseUnit, offsets: tuple[int, int] = (0, 0)
) -> Iterator[str]:
    """The figures, one per line, with their targets; ``offsets`` are the UTC offsets (in
    minutes) of the first and last reading, to print their local times."""
    first = _moment(metrics.first_utc, offsets[0])
    last = _moment(metrics.last_utc, offsets[1])
    yield f"CGM readings {first} to {last}: {metrics.readings:,} historic readings"
    yield (
        f"  {metrics.days_with_data} days with data over {metrics.span_days:.1f} days; sensor "
        f"active {metrics.active_percent:.1f} % (every {metrics.interval_minutes:g} min)"
    )
    for reason in metrics.sufficiency.reasons:
        yield f"  Note: {reason}"
    yield f"  Mean glucose {format_glucose(metrics.mean_mgdl, unit)}"
    yield f"  SD {format_glucose(metrics.sd_mgdl, unit)}"
    met = "meets" if metrics.cv_target_met else "outside"
    yield f"  CV {metrics.cv_percent:.1f} % (target {CV_TARGET.text}: {met})"
    yield f"  GMI {metrics.gmi_percent:.1f} %"
    yield "  Time in ranges (share of readings, and time per day):"
    for share in (*reversed(metrics.bands), metrics.below_70, metrics.above_180):
        target = f"  target {share.target.text}" if share.target is not None else ""
        verdict = ""
        if share.target_met is not None:
            verdict = " (meets)" if share.target_met else " (outside)"
        yield (
            f"    {share_label(share, unit):<20} {share.percent:5.1f} %  "
            f"{share.hours_minutes:>5} h{target}{verdict}"
        )
    own = metrics.user_range
    if (own.low_mgdl, own.high_mgdl) != (70, 180):
        label = f"Your range {share_label(own, unit)}"
        yield f"    {label:<20} {own.percent:5.1f} %  {own.hours_minutes:>5} h"
    yield f"  Targets: {CONSENSUS_SOURCE}, for most adults with diabetes. GMI: {GMI_SOURCE}."


def no_readings_line(first: date | None, last: date | None) -> str:
    if first is None and last is None:
        return "The journal has no CGM readings yet; import a Dexcom Clarity or LibreView export."
    span = f"{first or '…'} to {last or '…'}"
    return f"No historic CGM readings from {span}."
