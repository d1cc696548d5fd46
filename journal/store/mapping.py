"""Translation between domain values and database rows (times, enums, lists)."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime, time, timedelta, timezone
from typing import Any, cast

from journal.domain.entries import (
    COMMON_FIELDS,
    ENTRY_TYPES,
    Entry,
    FlareEpisode,
    Medication,
    Tracker,
)
from journal.domain.vocabulary import (
    DoseStatus,
    EntryKind,
    GlucoseContext,
    GlucoseSource,
    Intensity,
    MealType,
    MedicationKind,
    TrackerType,
)
from journal.store.models import (
    DoseRow,
    EntryRow,
    ExerciseRow,
    FlareEpisodeRow,
    GlucoseRow,
    LabRow,
    MealRow,
    MedicationRow,
    NoteRow,
    SleepRow,
    StressRow,
    SymptomRow,
    TrackerRow,
    TrackerValueRow,
)

ROW_TYPES: dict[EntryKind, type[EntryRow]] = {
    EntryKind.MEAL: MealRow,
    EntryKind.EXERCISE: ExerciseRow,
    EntryKind.STRESS: StressRow,
    EntryKind.SLEEP: SleepRow,
    EntryKind.SYMPTOMS: SymptomRow,
    EntryKind.GLUCOSE: GlucoseRow,
    EntryKind.DOSE: DoseRow,
    EntryKind.LAB: LabRow,
    EntryKind.TRACKER: TrackerValueRow,
    EntryKind.NOTE: NoteRow,
}

_ENUM_FIELDS: dict[str, type[Any]] = {
    "meal_type": MealType,
    "intensity": Intensity,
    "context": GlucoseContext,
    "source": GlucoseSource,
    "status": DoseStatus,
}


def to_utc_naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def offset_minutes(moment: datetime) -> int:
    offset = moment.utcoffset()
    return int(offset.total_seconds() // 60) if offset is not None else 0


def from_utc_naive(utc: datetime, offset_min: int) -> datetime:
    return utc.replace(tzinfo=UTC).astimezone(timezone(timedelta(minutes=offset_min)))


def format_hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def parse_hhmm(value: str) -> time:
    return time.fromisoformat(value)


def detail_fields(kind: EntryKind) -> list[str]:
    return [f.name for f in fields(ENTRY_TYPES[kind]) if f.name not in COMMON_FIELDS]


def _detail_to_column(name: str, value: Any) -> tuple[str, Any]:
    if name == "bedtime":
        return "bedtime_utc", to_utc_naive(value) if value is not None else None
    if name == "scheduled":
        return name, format_hhmm(value) if value is not None else None
    if name == "sources":
        return name, list(value)
    if name == "regions":
        return name, {k: list(v) for k, v in value.items()}
    if name == "scores":
        return name, dict(value)
    return name, value


def _detail_from_column(name: str, row: EntryRow) -> Any:
    if name == "bedtime":
        utc = cast(SleepRow, row).bedtime_utc
        return from_utc_naive(utc, row.utc_offset_min) if utc is not None else None
    value = getattr(row, name)
    if name == "scheduled":
        return parse_hhmm(value) if value else None
    if name == "sources":
        return tuple(value or ())
    if name == "regions":
        return {k: tuple(v) for k, v in (value or {}).items()}
    if name == "scores":
        return {k: int(v) for k, v in (value or {}).items()}
    if name in _ENUM_FIELDS and value is not None:
        return _ENUM_FIELDS[name](value)
    return value


def entry_columns(entry: Entry) -> dict[str, Any]:
    """Every column of the entry's rows (common and detail), ready for insert or update."""
    values: dict[str, Any] = {
        "uid": entry.uid,
        "kind": entry.kind.value,
        "day": entry.day,
        "at_utc": to_utc_naive(entry.at),
        "utc_offset_min": offset_minutes(entry.at),
        "note": entry.note,
    }
    for name in detail_fields(entry.kind):
        column, value = _detail_to_column(name, getattr(entry, name))
        values[column] = value
    return values


def entry_from_row(row: EntryRow, tags: tuple[str, ...] = ()) -> Entry:
    kind = EntryKind(row.kind)
    values: dict[str, Any] = {name: _detail_from_column(name, row) for name in detail_fields(kind)}
    return ENTRY_TYPES[kind](
        id=row.id,
        uid=row.uid,
        at=from_utc_naive(row.at_utc, row.utc_offset_min),
        note=row.note,
        tags=tags,
        **values,
    )


def flare_columns(episode: FlareEpisode) -> dict[str, Any]:
    return {
        "uid": episode.uid,
        "start": episode.start,
        "end": episode.end,
        "condition": episode.condition,
        "triggers": list(episode.triggers),
        "note": episode.note,
    }


def flare_from_row(row: FlareEpisodeRow) -> FlareEpisode:
    return FlareEpisode(
        id=row.id,
        uid=row.uid,
        start=row.start,
        end=row.end,
        condition=row.condition,
        triggers=tuple(row.triggers or ()),
        note=row.note,
    )


def medication_columns(med: Medication) -> dict[str, Any]:
    return {
        "uid": med.uid,
        "name": med.name,
        "dose": med.dose,
        "kind": med.kind.value,
        "times": [format_hhmm(t) for t in med.times],
        "active": med.active,
        "note": med.note,
    }


def medication_from_row(row: MedicationRow) -> Medication:
    return Medication(
        id=row.id,
        uid=row.uid,
        name=row.name,
        dose=row.dose,
        kind=MedicationKind(row.kind),
        times=tuple(parse_hhmm(t) for t in row.times or ()),
        active=row.active,
        note=row.note,
    )


def tracker_columns(tracker: Tracker) -> dict[str, Any]:
    return {
        "uid": tracker.uid,
        "name": tracker.name,
        "type": tracker.type.value,
        "unit": tracker.unit,
        "active": tracker.active,
    }


def tracker_from_row(row: TrackerRow) -> Tracker:
    return Tracker(
        id=row.id,
        uid=row.uid,
        name=row.name,
        type=TrackerType(row.type),
        unit=row.unit,
        active=row.active,
    )
