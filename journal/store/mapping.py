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
    ValueType.CLOCK_TIME: format_hhmm,
    ValueType.ENUM: lambda v: v.value,
    ValueType.STR_LIST: list,
    ValueType.SCORES: dict,
    ValueType.REGIONS: lambda v: {k: list(r) for k, r in v.items()},
}


def _moment_columns(value: datetime | None) -> tuple[datetime | None, int | None]:
    if value is None:
        return None, None
    return to_utc_naive(value), offset_minutes(value)


# Per kind: (attribute, columns, conversion or None), worked out once; a bulk import
# converts every field of every entry. A moment fills two columns (UTC and its offset).
_DETAIL_PLAN: dict[
    EntryKind, tuple[tuple[str, tuple[str, ...], Callable[[Any], Any] | None], ...]
] = {
    kind: tuple(
        (
            f.name,
            f.columns,
            _moment_columns if f.value_type is ValueType.MOMENT else _TO_COLUMN.get(f.value_type),
        )
        for f in spec.fields
    )
    for kind, spec in KINDS.items()
}


def detail_column_names(kind: EntryKind) -> tuple[str, ...]:
    """The columns of a kind's detail table, in the order :func:`detail_values` gives."""
    return tuple(column for _name, columns, _convert in _DETAIL_PLAN[kind] for column in columns)


def detail_values(entry: Entry) -> tuple[Any, ...]:
    """The entry's detail-table values, in the order of :func:`detail_column_names`."""
    values: list[Any] = []
    for name, columns, convert in _DETAIL_PLAN[entry.kind]:
        value = getattr(entry, name)
        if len(columns) > 1:
            values.extend(convert(value) if convert is not None else (None, None))
        else:
            values.append(value if convert is None or value is None else convert(value))
    return tuple(values)


def _from_column(spec: FieldSpec, row: EntryRow) -> Any:
    if spec.value_type is ValueType.MOMENT:
        utc_column, offset_column = spec.columns
        utc = getattr(row, utc_column)
        if utc is None:
            return None
        # Journals before 0004 kept no offset of their own: the entry's was used.
        offset = getattr(row, offset_column)
        return from_utc_naive(utc, row.utc_offset_min if offset is None else offset)
    value = getattr(row, spec.name)
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
    values = {spec.name: _from_column(spec, row) for spec in KINDS[kind].fields}
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


def _utc_text(moment: datetime) -> str:
    return to_utc_naive(moment).isoformat(timespec="seconds")


def _from_utc_text(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def medication_columns(med: Medication) -> dict[str, Any]:
    return {
        "uid": med.uid,
        "name": med.name,
        "dose": med.dose,
        "kind": med.kind.value,
        "times": [format_hhmm(t) for t in med.times],
        "active": med.active,
        "note": med.note,
        "periods": [
            [_utc_text(start), _utc_text(until) if until else None] for start, until in med.periods
        ],
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
        periods=tuple(
            (_from_utc_text(start), _from_utc_text(until) if until else None)
            for start, until in (row.periods or ())
            if start
        ),
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
