"""The person's glucose target range: one function every CGM figure and view reads it from."""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy.orm import Session

from journal.domain.cgm import DEFAULT_TARGET_RANGE_MGDL, TARGET_RANGE_SETTING
from journal.store import repository as repo

# A range outside these bounds is a typing or unit slip, not a target anyone is given.
_SENSIBLE_MGDL = (40.0, 400.0)


def glucose_target_range(session: Session) -> tuple[float, float]:
    """(low, high) mg/dL: the setting ``glucose.target_range`` when it holds a sensible
    range, else the consensus 70-180 mg/dL (Battelino et al., Diabetes Care 2019).

    The setting (written by the settings of issue 10) may be ``[low, high]`` or
    ``{"low_mgdl": low, "high_mgdl": high}``, in mg/dL.
    """
    return target_range_from_setting(repo.get_setting(session, TARGET_RANGE_SETTING))


def target_range_from_setting(raw: Any) -> tuple[float, float]:
    """The range a stored setting value describes, or the default if it describes none."""
    pair: list[Any] | None = None
    if isinstance(raw, list | tuple) and len(raw) == 2:
        pair = list(raw)
    elif isinstance(raw, dict):
        pair = [raw.get("low_mgdl"), raw.get("high_mgdl")]
    if pair is None or not all(_is_number(v) for v in pair):
        return DEFAULT_TARGET_RANGE_MGDL
    low, high = float(pair[0]), float(pair[1])
    lowest, highest = _SENSIBLE_MGDL
    if not lowest <= low < high <= highest:
        return DEFAULT_TARGET_RANGE_MGDL
    return low, high


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )
