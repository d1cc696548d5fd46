"""The numbers shown at the top of a day: carbs, active minutes, stress, sleep, glucose, doses.

Each comes from a daily measure of ``journal.domain.measures`` (read for the one day), so
Today shows exactly what goals and charts count for that day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# The measures a day's summary shows, by the registry's names.
SUMMARY_MEASURES: tuple[str, ...] = (
    "carbs_g",
    "added_sugar_g",
    "active_minutes",
    "stress_mean",
    "sleep_hours",
    "glucose_min",
    "glucose_max",
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


def summarize_day(
    values: Mapping[str, float | None], doses_due: int, doses_taken: int
) -> DaySummary:
    """The day's summary from its :data:`SUMMARY_MEASURES` values; ``doses_taken`` counts
    the due doses logged as taken or late."""
    return DaySummary(
        carbs_g=values["carbs_g"],
        added_sugar_g=values["added_sugar_g"],
        active_minutes=round(values["active_minutes"] or 0),
        mean_stress=values["stress_mean"],
        sleep_hours=values["sleep_hours"],
        glucose_min_mgdl=values["glucose_min"],
        glucose_max_mgdl=values["glucose_max"],
        doses_taken=doses_taken,
        doses_due=doses_due,
    )
