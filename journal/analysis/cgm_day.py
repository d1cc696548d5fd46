"""One day of CGM readings for Today: the trace, the range and the time in range.

Plain Python, no numpy: a day is at most a few hundred readings, and Today paints before
numpy is loaded. The shares follow the same bounds as ``journal.analysis.cgm_metrics``
(inclusive range, strict below and above), so a day here and the same day in the Glucose
view agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from journal.domain.cgm import TRACE_BREAK_MINUTES, ReadingFlag, ReadingKind

SECONDS_PER_DAY = 86_400
_EPOCH = date(1970, 1, 1)


@dataclass(frozen=True)
class TracePoint:
    """A reading ``minute`` minutes after the local midnight that starts its day, in mg/dL.

    Minutes are elapsed time, so the autumn day runs to 1500 and the spring day to 1380:
    the repeated hour is drawn once after the other, never folded back over itself.
    """

    minute: float
    mgdl: float
    flag: ReadingFlag = ReadingFlag.NONE


@dataclass(frozen=True)
class CgmDay:
    """A local day's CGM readings, summarised as a clinician's daily profile shows them.

    ``trace`` holds the historic readings, ``segments`` the same split where the sensor
    was silent for more than ``TRACE_BREAK_MINUTES`` (no line is drawn across a gap). The
    shares count historic readings only; ``scans`` and ``strips`` are the other readings.
    """

    day: date
    trace: tuple[TracePoint, ...]
    segments: tuple[tuple[TracePoint, ...], ...]
    scans: tuple[TracePoint, ...]
    strips: tuple[TracePoint, ...]
    low_mgdl: float
    high_mgdl: float
    mean_mgdl: float
    in_range_pct: float
    below_pct: float
    above_pct: float
    target_mgdl: tuple[float, float]

    @property
    def readings(self) -> int:
        return len(self.trace)


def summarize_cgm_day(
    day: date,
    rows: Sequence[tuple[int, int, float, int, int]],
    target_mgdl: tuple[float, float],
) -> CgmDay | None:
    """The day from its readings ((UTC seconds, offset minutes, mg/dL, kind, flag), in time
    order); None when the day has no historic reading."""
    points: dict[ReadingKind, list[TracePoint]] = {kind: [] for kind in ReadingKind}
    if not rows:
        return None
    # Local midnight in UTC, at the offset of the day's first reading (clocks change at
    # night, after midnight).
    midnight_utc = (day - _EPOCH).days * SECONDS_PER_DAY - rows[0][1] * 60
    for utc, _offset, mgdl, kind, flag in rows:
        minute = (utc - midnight_utc) / 60.0
        points[ReadingKind(kind)].append(TracePoint(minute, mgdl, ReadingFlag(flag)))
    trace = points[ReadingKind.HISTORIC]
    if not trace:
        return None
    values = [p.mgdl for p in trace]
    low, high = target_mgdl
    count = len(values)
    return CgmDay(
        day=day,
        trace=tuple(trace),
        segments=tuple(_segments(trace)),
        scans=tuple(points[ReadingKind.SCAN]),
        strips=tuple(points[ReadingKind.STRIP]),
        low_mgdl=min(values),
        high_mgdl=max(values),
        mean_mgdl=sum(values) / count,
        in_range_pct=100.0 * sum(1 for v in values if low <= v <= high) / count,
        below_pct=100.0 * sum(1 for v in values if v < low) / count,
        above_pct=100.0 * sum(1 for v in values if v > high) / count,
        target_mgdl=target_mgdl,
    )


def _segments(trace: Sequence[TracePoint]) -> list[tuple[TracePoint, ...]]:
    segments: list[tuple[TracePoint, ...]] = []
    current: list[TracePoint] = []
    for point in trace:
        if current and point.minute - current[-1].minute > TRACE_BREAK_MINUTES:
            segments.append(tuple(current))
            current = []
        current.append(point)
    if current:
        segments.append(tuple(current))
    return segments
