"""Plausibility rules for what a user types, with messages meant to be shown beside the field.

The ranges catch typos (a glucose of 1000, 90 hours of sleep), not unusual but real values;
each entry kind's bounds and rules are in the kind registry (``journal.domain.kinds``).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from journal.domain.entries import Entry, FlareEpisode, Medication, Tracker
from journal.domain.errors import FieldError, ValidationError
from journal.domain.kinds import kind_errors
from journal.domain.vocabulary import TrackerType

MAX_NOTE_CHARS = 20_000
# Tags are a few words each, a handful per entry; thousands are a broken or crafted file,
# and every view that shows an entry's tags would pay for them.
MAX_TAGS = 100
MAX_TAG_CHARS = 80
# An entry may be logged a little ahead (a meal about to be eaten), not days ahead.
FUTURE_TOLERANCE = timedelta(hours=24)


def entry_errors(entry: Entry, now: datetime) -> list[FieldError]:
    """Every rule ``entry`` breaks; empty when it may be saved."""
    errors: list[FieldError] = []
    if entry.at.tzinfo is None:
        errors.append(FieldError("at", "The time must carry its time zone."))
    elif entry.at > now + FUTURE_TOLERANCE:
        errors.append(FieldError("at", "This is more than a day in the future."))
    if len(entry.note) > MAX_NOTE_CHARS:
        errors.append(FieldError("note", f"Notes are limited to {MAX_NOTE_CHARS:,} characters."))
    if not entry.tags:  # (most entries: an import checks every one)
        errors.extend(kind_errors(entry))
        return errors
    if any(not t.strip() for t in entry.tags):
        errors.append(FieldError("tags", "Tags cannot be empty."))
    if len(entry.tags) > MAX_TAGS:
        errors.append(
            FieldError("tags", f"An entry can have up to {MAX_TAGS} tags, not {len(entry.tags):,}.")
        )
    elif any(len(t) > MAX_TAG_CHARS for t in entry.tags):
        errors.append(FieldError("tags", f"A tag is limited to {MAX_TAG_CHARS} characters."))
    errors.extend(kind_errors(entry))
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
