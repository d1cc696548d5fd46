"""Plausibility rules for what a user types, with messages meant to be shown beside the field.

The ranges catch typos (a glucose of 1000, 90 hours of sleep), not unusual but real values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from journal.domain.entries import (
    DoseLog,
    Entry,
    Exercise,
    FlareEpisode,
    Glucose,
    LabResult,
    Meal,
    Medication,
    Sleep,
    StressCheck,
    SymptomCheck,
    Tracker,
    TrackerValue,
)
from journal.domain.labs import LAB_TESTS
from journal.domain.units import GlucoseUnit, format_glucose
from journal.domain.vocabulary import TrackerType

GLUCOSE_MIN_MGDL = 20.0
GLUCOSE_MAX_MGDL = 600.0
MAX_CARBS_G = 500.0
MAX_NUTRIENT_G = 500.0
MAX_MINUTES = 1440
MAX_STEPS = 200_000
MAX_SLEEP_HOURS = 24.0
MAX_NOTE_CHARS = 20_000
# An entry may be logged a little ahead (a meal about to be eaten), not days ahead.
FUTURE_TOLERANCE = timedelta(hours=24)


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


class ValidationError(ValueError):
    """Raised by services when an entry breaks a rule; carries every broken rule."""

    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{e.field}: {e.message}" for e in errors))

    def for_field(self, name: str) -> str | None:
        return next((e.message for e in self.errors if e.field == name), None)


def _scale(field: str, value: int | None, label: str) -> Iterator[FieldError]:
    if value is not None and not 0 <= value <= 10:
        yield FieldError(field, f"{label} is on a scale from 0 to 10.")


def _grams(field: str, value: float | None, label: str, high: float) -> Iterator[FieldError]:
    if value is not None and not 0 <= value <= high:
        yield FieldError(field, f"{label} must be between 0 and {high:.0f} g.")


def _meal(e: Meal) -> Iterator[FieldError]:
    yield from _grams("carbs_g", e.carbs_g, "Carbohydrates", MAX_CARBS_G)
    yield from _grams("added_sugar_g", e.added_sugar_g, "Added sugar", MAX_NUTRIENT_G)
    yield from _grams("fibre_g", e.fibre_g, "Fibre", MAX_NUTRIENT_G)
    yield from _grams("protein_g", e.protein_g, "Protein", MAX_NUTRIENT_G)
    if e.added_sugar_g is not None and e.carbs_g is not None and e.added_sugar_g > e.carbs_g:
        yield FieldError("added_sugar_g", "Added sugar cannot exceed total carbohydrates.")
    if not e.items.strip() and e.carbs_g is None and not e.note.strip():
        yield FieldError("items", "Say what was eaten, or give the carbohydrates.")


def _exercise(e: Exercise) -> Iterator[FieldError]:
    if not e.activity.strip():
        yield FieldError("activity", "Name the activity (for example: walk).")
    if not 1 <= e.minutes <= MAX_MINUTES:
        yield FieldError("minutes", f"Duration must be between 1 and {MAX_MINUTES} minutes.")
    if e.rpe is not None and not 0 <= e.rpe <= 10:
        yield FieldError("rpe", "Perceived effort is on a scale from 0 to 10.")
    if e.steps is not None and not 0 <= e.steps <= MAX_STEPS:
        yield FieldError("steps", f"Steps must be between 0 and {MAX_STEPS:,}.")


def _stress(e: StressCheck) -> Iterator[FieldError]:
    yield from _scale("stress", e.stress, "Stress")
    yield from _scale("mood", e.mood, "Mood")


def _sleep(e: Sleep) -> Iterator[FieldError]:
    if not 0 < e.hours <= MAX_SLEEP_HOURS:
        yield FieldError("hours", f"Sleep must be more than 0 and at most {MAX_SLEEP_HOURS:.0f} h.")
    if e.bedtime is not None and e.bedtime >= e.at:
        yield FieldError("bedtime", "Bedtime must be before the wake-up time.")
    yield from _scale("quality", e.quality, "Sleep quality")


def _symptoms(e: SymptomCheck) -> Iterator[FieldError]:
    for name, score in e.scores.items():
        yield from _scale("scores", score, name.capitalize())
    if e.bristol is not None and not 1 <= e.bristol <= 7:
        yield FieldError("bristol", "The Bristol stool scale runs from 1 to 7.")
    if not e.scores and e.bristol is None and not e.note.strip():
        yield FieldError("scores", "Rate at least one symptom, or add a note.")


def _glucose(e: Glucose) -> Iterator[FieldError]:
    if not GLUCOSE_MIN_MGDL <= e.mgdl <= GLUCOSE_MAX_MGDL:
        low = f"{format_glucose(GLUCOSE_MIN_MGDL, GlucoseUnit.MGDL)}"
        high = f"{format_glucose(GLUCOSE_MAX_MGDL, GlucoseUnit.MGDL)}"
        mmol = (
            f"{format_glucose(GLUCOSE_MIN_MGDL, GlucoseUnit.MMOLL)}"
            f"-{format_glucose(GLUCOSE_MAX_MGDL, GlucoseUnit.MMOLL)}"
        )
        yield FieldError("mgdl", f"Glucose must be between {low} and {high} ({mmol}).")


def _dose(e: DoseLog) -> Iterator[FieldError]:
    if e.medication_id <= 0:
        yield FieldError("medication_id", "Choose a medication from your list.")


def _lab(e: LabResult) -> Iterator[FieldError]:
    test = LAB_TESTS.get(e.test)
    if test is None:
        yield FieldError("test", f"Unknown lab test {e.test!r}.")
        return
    if not test.low <= e.value <= test.high:
        yield FieldError(
            "value", f"{test.name} must be between {test.low:g} and {test.high:g} {test.unit}."
        )


def _tracker_value(e: TrackerValue) -> Iterator[FieldError]:
    if e.tracker_id <= 0:
        yield FieldError("tracker_id", "Choose a tracker.")


_RULES: dict[type[Entry], Callable[[Entry], Iterator[FieldError]]] = {
    Meal: _meal,  # type: ignore[dict-item]
    Exercise: _exercise,  # type: ignore[dict-item]
    StressCheck: _stress,  # type: ignore[dict-item]
    Sleep: _sleep,  # type: ignore[dict-item]
    SymptomCheck: _symptoms,  # type: ignore[dict-item]
    Glucose: _glucose,  # type: ignore[dict-item]
    DoseLog: _dose,  # type: ignore[dict-item]
    LabResult: _lab,  # type: ignore[dict-item]
    TrackerValue: _tracker_value,  # type: ignore[dict-item]
}


def entry_errors(entry: Entry, now: datetime) -> list[FieldError]:
    """Every rule ``entry`` breaks; empty when it may be saved."""
    errors: list[FieldError] = []
    if entry.at.tzinfo is None:
        errors.append(FieldError("at", "The time must carry its time zone."))
    elif entry.at > now + FUTURE_TOLERANCE:
        errors.append(FieldError("at", "This is more than a day in the future."))
    if len(entry.note) > MAX_NOTE_CHARS:
        errors.append(FieldError("note", f"Notes are limited to {MAX_NOTE_CHARS:,} characters."))
    if any(not t.strip() for t in entry.tags):
        errors.append(FieldError("tags", "Tags cannot be empty."))
    rule = _RULES.get(type(entry))
    if rule is not None:
        errors.extend(rule(entry))
    return errors


def validate_entry(entry: Entry, now: datetime) -> None:
    errors = entry_errors(entry, now)
    if errors:
        raise ValidationError(errors)


def validate_flare(episode: FlareEpisode) -> None:
    errors: list[FieldError] = []
    if not episode.condition.strip():
        errors.append(FieldError("condition", "Name the condition that flared."))
    if episode.end is not None and episode.end < episode.start:
        errors.append(FieldError("end", "A flare cannot end before it starts."))
    if errors:
        raise ValidationError(errors)


def validate_medication(med: Medication) -> None:
    if not med.name.strip():
        raise ValidationError([FieldError("name", "Give the medication a name.")])


def validate_tracker(tracker: Tracker) -> None:
    if not tracker.name.strip():
        raise ValidationError([FieldError("name", "Give the tracker a name.")])


def tracker_value_errors(tracker: Tracker, value: float) -> list[FieldError]:
    """Rules that depend on the tracker's type."""
    if tracker.type is TrackerType.SCALE and not 0 <= value <= 10:
        return [FieldError("value", f"{tracker.name} is on a scale from 0 to 10.")]
    if tracker.type is TrackerType.YES_NO and value not in (0, 1):
        return [FieldError("value", f"{tracker.name} is yes or no.")]
    if value < 0 or value > 1e9:
        return [FieldError("value", f"{tracker.name} must be between 0 and 1,000,000,000.")]
    return []
