"""Translation between domain values and database rows (times, enums, lists)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta, timezone
from typing import Any

from journal.domain.entries import Entry, FlareEpisode, Medication, Tracker
from journal.domain.kinds import KINDS, FieldSpec, ValueType, entry_type
from journal.domain.vocabulary import EntryKind, MedicationKind, TrackerType
from journal.store.models import (
    EntryRow,
    FlareEpisodeRow,
    MedicationRow,
    TrackerRow,
)


def row_type(kind: EntryKind) -> type[EntryRow]:
    """The model class of a kind's rows (its detail table, joined to ``entry``)."""
    mapper = EntryRow.__mapper__.polymorphic_map[kind.value]
    row: type[EntryRow] = mapper.class_
    return row


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


_TO_COLUMN: dict[ValueType, Callable[[Any], Any]] = {
    ValueType.MOMENT: to_utc_naive,
    ValueType.CLOCK_TIME: format_hhmm,
    ValueType.ENUM: lambda v: v.value,
    ValueType.STR_LIST: list,
    ValueType.SCORES: dict,
    ValueType.REGIONS: lambda v: {k: list(r) for k, r in v.items()},
}
# Per kind: (attribute, column, conversion or None), worked out once; a bulk import
# converts every field of every entry.
_DETAIL_PLAN: dict[EntryKind, tuple[tuple[str, str, Callable[[Any], Any] | None], ...]] = {
    kind: tuple((f.name, f.column, _TO_COLUMN.get(f.value_type)) for f in spec.fields)
    for kind, spec in KINDS.items()
}


def detail_column_names(kind: EntryKind) -> tuple[str, ...]:
    """The columns of a kind's detail table, in the order :func:`detail_values` gives."""
    return tuple(column for _name, column, _convert in _DETAIL_PLAN[kind])


def detail_values(entry: Entry) -> tuple[Any, ...]:
    """The entry's detail-table values, in the order of :func:`detail_column_names`."""
    values: list[Any] = []
    for name, _column, convert in _DETAIL_PLAN[entry.kind]:
        value = getattr(entry, name)
        values.append(value if convert is None or value is None else convert(value))
    return tuple(values)


def _from_column(spec: FieldSpec, value: Any, offset_min: int) -> Any:
    match spec.value_type:
        case ValueType.STR_LIST:
            return tuple(value or ())
        case ValueType.SCORES:
            return {k: int(v) for k, v in (value or {}).items()}
        case ValueType.REGIONS:
            return {k: tuple(v) for k, v in (value or {}).items()}
    if value is None:
        return None
    match spec.value_type:
        case ValueType.MOMENT:
            return from_utc_naive(value, offset_min)
        case ValueType.CLOCK_TIME:
            return parse_hhmm(value) if value else None
        case ValueType.ENUM:
            assert spec.enum is not None
            return spec.enum(value)
    return value


def detail_columns(entry: Entry) -> dict[str, Any]:
    """The entry's detail-table columns by name (none for a note)."""
    return dict(zip(detail_column_names(entry.kind), detail_values(entry), strict=True))


def entry_columns(entry: Entry) -> dict[str, Any]:
    """Every column of the entry's rows (common and detail), ready for insert or update."""
    return {
        "uid": entry.uid,
        "kind": entry.kind.value,
        "day": entry.day,
        "at_utc": to_utc_naive(entry.at),
        "utc_offset_min": offset_minutes(entry.at),
        "note": entry.note,
    } | detail_columns(entry)


def entry_from_row(row: EntryRow, tags: tuple[str, ...] = ()) -> Entry:
    kind = EntryKind(row.kind)
    values = {
        spec.name: _from_column(spec, getattr(row, spec.column), row.utc_offset_min)
        for spec in KINDS[kind].fields
    }
    return entry_type(kind)(
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
