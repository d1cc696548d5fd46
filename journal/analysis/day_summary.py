"""The numbers shown at the top of a day: carbs, active minutes, stress, sleep, glucose, doses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from journal.domain.entries import (
    Entry,
    Exercise,
    Glucose,
    Meal,
    Sleep,
    StressCheck,
)


@dataclass(frozen=True)
class DaySummary:
    carbs_g: float | None
    added_sugar_g: float | None
    active_minutes: int
    mean_stress: float | None
    sleep_hours: float | None
    glucose_min_mgdl: float | None
    glucose_max_mgdl: float | None
    doses_taken: int
    doses_due: int


def _total(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def summarize_day(entries: Sequence[Entry], doses_due: int, doses_taken: int) -> DaySummary:
    """The day's totals; ``doses_taken`` counts the due doses logged as taken or late."""
    meals = [e for e in entries if isinstance(e, Meal)]
    stress = [e.stress for e in entries if isinstance(e, StressCheck)]
    glucose = [e.mgdl for e in entries if isinstance(e, Glucose)]
    sleep = [e.hours for e in entries if isinstance(e, Sleep)]
    return DaySummary(
        carbs_g=_total([m.carbs_g for m in meals]),
        added_sugar_g=_total([m.added_sugar_g for m in meals]),
        active_minutes=sum(e.minutes for e in entries if isinstance(e, Exercise)),
        mean_stress=sum(stress) / len(stress) if stress else None,
        sleep_hours=sum(sleep) if sleep else None,
        glucose_min_mgdl=min(glucose) if glucose else None,
        glucose_max_mgdl=max(glucose) if glucose else None,
        doses_taken=doses_taken,
        doses_due=doses_due,
    )
