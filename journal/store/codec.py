"""Entries, flares, medications and trackers to and from the journal's columns, without
the ORM.

The SQLAlchemy models (``journal.store.mapping``), the bulk writer and the plain reads of
the first paint (``journal.store.plain_read``) all translate here, so a value is written
and read back one way. Times are naive UTC plus the offset in minutes the user was in.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time, timedelta, timezone
from operator import attrgetter
from typing import Any

from journal.domain.entries import Entry, FlareEpisode, Medication, Tracker, assemble
from journal.domain.kinds import KINDS, FieldSpec, ValueType, entry_type
from journal.domain.vocabulary import EntryKind, MedicationKind, TrackerType

# --- times -----------------------------------------------------------------------------------


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


# --- SQLite's storage of SQLAlchemy's types, read without SQLAlchemy --------------------------


def stored_datetime(text: str | None) -> datetime | None:
    """A DateTime column as SQLAlchemy stores it in SQLite ("2026-11-24 07:30:00.000000")."""
    return None if text is None else datetime.fromisoformat(text)


def stored_date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def stored_json(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def stored_bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _stored_decoder(spec: FieldSpec) -> tuple[Callable[[Any], Any], ...]:
    """How each of a field's columns is read from its stored form."""
    match spec.value_type:
        case ValueType.MOMENT:
            return (stored_datetime, _same)
        case ValueType.BOOL:
            return (stored_bool,)
        case ValueType.STR_LIST | ValueType.SCORES | ValueType.REGIONS:
            return (stored_json,)
    return (_same,)


def _same(value: Any) -> Any:
    return value


# --- entries ---------------------------------------------------------------------------------

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

_STORED_PLAN: dict[EntryKind, tuple[Callable[[Any], Any], ...]] = {
    kind: tuple(decode for f in spec.fields for decode in _stored_decoder(f))
    for kind, spec in KINDS.items()
}

COMMON_COLUMNS = ("uid", "kind", "day", "at_utc", "utc_offset_min", "note")
"""The columns of ``entry`` every kind has, besides its id."""


def detail_column_names(kind: EntryKind) -> tuple[str, ...]:
    """The columns of a kind's detail table, in the order :func:`detail_values` gives."""
    return tuple(column for _name, columns, _convert in _DETAIL_PLAN[kind] for column in columns)


def detail_values(entry: Entry) -> tuple[Any, ...]:
    """The entry's detail-table values, in the order of :func:`detail_column_names`."""
    return _DETAIL_MAKERS[entry.kind](entry)


def detail_maker(kind: EntryKind) -> Callable[[Entry], tuple[Any, ...]]:
    """:func:`detail_values` for entries of one kind, without the lookup of the kind."""
    return _DETAIL_MAKERS[kind]


def _detail_maker(kind: EntryKind) -> Callable[[Entry], tuple[Any, ...]]:
    """``detail_values`` for one kind: the attributes read in one call (``attrgetter``),
    then only the values that need it converted (a bulk import converts every entry)."""
    plan = _DETAIL_PLAN[kind]
    if not plan:
        return lambda _entry: ()
    names = [name for name, _columns, _convert in plan]
    getter = attrgetter(*names)
    single = len(names) == 1
    steps = tuple((len(columns) > 1, convert) for _name, columns, convert in plan)
    if all(not wide and convert is None for wide, convert in steps):
        return (lambda entry: (getter(entry),)) if single else getter
    if not single and not any(wide for wide, _convert in steps):
        # One column a field: only the values that need it are converted, in place.
        conversions = tuple((i, c) for i, (_wide, c) in enumerate(steps) if c is not None)

        def convert_some(entry: Entry) -> tuple[Any, ...]:
            values = list(getter(entry))
            for i, convert in conversions:
                value = values[i]
                if value is not None:
                    values[i] = convert(value)
            return tuple(values)

        return convert_some

    def make(entry: Entry) -> tuple[Any, ...]:
        raw = (getter(entry),) if single else getter(entry)
        values: list[Any] = []
        for value, (wide, convert) in zip(raw, steps, strict=True):
            if wide:  # a moment: its UTC and its offset
                values.extend(convert(value) if convert is not None else (None, None))
            else:
                values.append(value if convert is None or value is None else convert(value))
        return tuple(values)

    return make


_DETAIL_MAKERS = {kind: _detail_maker(kind) for kind in KINDS}


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


def _field_value(spec: FieldSpec, columns: Mapping[str, Any], entry_offset: int) -> Any:
    if spec.value_type is ValueType.MOMENT:
        utc_column, offset_column = spec.columns
        utc = columns[utc_column]
        if utc is None:
            return None
        # Journals before 0004 kept no offset of their own: the entry's was used.
        offset = columns[offset_column]
        return from_utc_naive(utc, entry_offset if offset is None else offset)
    value = columns[spec.name]
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


def entry_from_columns(
    kind: EntryKind,
    entry_id: int,
    uid: str,
    at_utc: datetime,
    offset_min: int,
    note: str,
    details: Mapping[str, Any],
    tags: tuple[str, ...] = (),
) -> Entry:
    """An entry from its columns, read back as Python values (datetimes, lists, dicts)."""
    values = {spec.name: _field_value(spec, details, offset_min) for spec in KINDS[kind].fields}
    values.update(id=entry_id, uid=uid, at=from_utc_naive(at_utc, offset_min), note=note, tags=tags)
    return assemble(entry_type(kind), values)


def entry_from_stored(
    kind: EntryKind, common: tuple[Any, ...], stored: tuple[Any, ...], tags: tuple[str, ...]
) -> Entry:
    """An entry from plain SQL: ``common`` is (id, uid, at_utc, utc_offset_min, note) and
    ``stored`` the detail columns in the order of :func:`detail_column_names`, as SQLite
    holds them."""
    entry_id, uid, at_utc, offset_min, note = common
    details = {
        column: decode(value)
        for column, decode, value in zip(
            detail_column_names(kind), _STORED_PLAN[kind], stored, strict=True
        )
    }
    at = stored_datetime(at_utc)
    assert at is not None
    return entry_from_columns(kind, entry_id, uid, at, offset_min, note or "", details, tags)


# --- flares, medications, trackers ------------------------------------------------------------


def flare_columns(episode: FlareEpisode) -> dict[str, Any]:
    return {
        "uid": episode.uid,
        "start": episode.start,
        "end": episode.end,
        "condition": episode.condition,
        "triggers": list(episode.triggers),
        "note": episode.note,
    }


def flare_from_columns(
    flare_id: int,
    uid: str,
    start: date,
    end: date | None,
    condition: str,
    triggers: list[str] | None,
    note: str | None,
) -> FlareEpisode:
    return FlareEpisode(
        id=flare_id,
        uid=uid,
        start=start,
        end=end,
        condition=condition,
        triggers=tuple(triggers or ()),
        note=note or "",
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


def medication_from_columns(
    med_id: int,
    uid: str,
    name: str,
    dose: str | None,
    kind: str,
    times: list[str] | None,
    active: bool,
    note: str | None,
    periods: list[list[str | None]] | None,
) -> Medication:
    return Medication(
        id=med_id,
        uid=uid,
        name=name,
        dose=dose or "",
        kind=MedicationKind(kind),
        times=tuple(parse_hhmm(t) for t in times or ()),
        active=active,
        note=note or "",
        periods=tuple(
            (_from_utc_text(start), _from_utc_text(until) if until else None)
            for start, until in (periods or ())
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


def tracker_from_columns(
    tracker_id: int, uid: str, name: str, kind: str, unit: str | None, active: bool
) -> Tracker:
    return Tracker(
        id=tracker_id,
        uid=uid,
        name=name,
        type=TrackerType(kind),
        unit=unit or "",
        active=active,
    )
