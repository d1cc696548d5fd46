"""Reads of the journal in plain SQL over a DB-API connection: entries one kind at a time,
tags, flares, medications, trackers, settings and the schema's revision.

No SQLAlchemy: the window's first paint reads Today through these before the ORM has
loaded, and the repository reads entries through them too (over its session's own
connection), so both see one definition. Entries are read per kind, each joined to its own
detail table only, never with one join over every detail table.
"""

from __future__ import annotations

import heapq
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from journal.domain.cgm import utc_bounds_of_days
from journal.domain.entries import Entry, FlareEpisode, Medication, Tracker
from journal.domain.vocabulary import EntryKind
from journal.store import tables
from journal.store.codec import (
    detail_column_names,
    entry_from_stored,
    flare_from_columns,
    medication_from_columns,
    stored_bool,
    stored_date,
    stored_json,
    tracker_from_columns,
)
from journal.store.connection import errors

Connection = sqlite3.Connection
# SQLite allows 999 host parameters in older builds: look ids up in chunks below that.
CHUNK = 900

_COMMON = "e.id, e.uid, e.at_utc, e.utc_offset_min, e.note"


def _kind_query(kind: EntryKind, where: str) -> str:
    detail = tables.DETAIL_TABLE[kind]
    columns = ", ".join(f'd."{c}"' for c in detail_column_names(kind))
    if detail is None:
        return f"SELECT {_COMMON} FROM entry e WHERE e.kind = ? AND {where}"
    return (
        f'SELECT {_COMMON}, {columns} FROM entry e JOIN "{detail}" d ON d.id = e.id '
        f"WHERE e.kind = ? AND {where}"
    )


def _entries_of_kind(
    connection: Connection, kind: EntryKind, where: str, params: Sequence[Any]
) -> list[tuple[tuple[Any, ...], tuple[Any, ...]]]:
    """(common columns, detail columns) of the kind's entries matching ``where``."""
    rows = connection.execute(
        _kind_query(kind, where) + " ORDER BY e.at_utc, e.id", (kind.value, *params)
    ).fetchall()
    return [(tuple(row[:5]), tuple(row[5:])) for row in rows]


def _build(
    connection: Connection,
    found: dict[EntryKind, list[tuple[tuple[Any, ...], tuple[Any, ...]]]],
    by_uid: bool = False,
) -> list[Entry]:
    ids = [common[0] for rows in found.values() for common, _ in rows]
    tags = tags_of(connection, ids)
    per_kind = [
        [
            entry_from_stored(kind, common, stored, tags.get(common[0], ()))
            for common, stored in rows
        ]
        for kind, rows in found.items()
    ]
    # Each kind comes in time order: merge them into one timeline (an export breaks ties
    # by uid, the same on every machine; the views by id, the order of logging).
    if by_uid:
        return sorted((e for entries in per_kind for e in entries), key=lambda e: (e.at, e.uid))
    return list(heapq.merge(*per_kind, key=lambda e: (e.at, e.id or 0)))


def kinds_between(connection: Connection, first: date, last: date) -> list[EntryKind]:
    rows = connection.execute(
        "SELECT DISTINCT kind FROM entry WHERE day >= ? AND day <= ?",
        (first.isoformat(), last.isoformat()),
    ).fetchall()
    return [EntryKind(kind) for (kind,) in rows]


def entries_between(
    connection: Connection,
    first: date,
    last: date,
    kinds: Iterable[EntryKind] | None = None,
    *,
    by_uid: bool = False,
) -> list[Entry]:
    """Entries whose local day lies in [first, last], in time order (ties: by id, or by
    uid with ``by_uid``)."""
    wanted = kinds_between(connection, first, last) if kinds is None else list(kinds)
    bounds = (first.isoformat(), last.isoformat())
    found = {
        kind: _entries_of_kind(connection, kind, "e.day >= ? AND e.day <= ?", bounds)
        for kind in wanted
    }
    return _build(connection, found, by_uid)


def entries_by_ids(connection: Connection, ids: Sequence[int]) -> list[Entry]:
    """The entries with these ids (those that exist), in time order."""
    by_kind: dict[EntryKind, list[int]] = defaultdict(list)
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        marks = ", ".join("?" for _ in chunk)
        for entry_id, kind in connection.execute(
            f"SELECT id, kind FROM entry WHERE id IN ({marks})", chunk
        ):
            by_kind[EntryKind(kind)].append(entry_id)
    found: dict[EntryKind, list[tuple[tuple[Any, ...], tuple[Any, ...]]]] = {}
    for kind, kind_ids in by_kind.items():
        rows: list[tuple[tuple[Any, ...], tuple[Any, ...]]] = []
        for start in range(0, len(kind_ids), CHUNK):
            chunk = kind_ids[start : start + CHUNK]
            marks = ", ".join("?" for _ in chunk)
            rows += _entries_of_kind(connection, kind, f"e.id IN ({marks})", chunk)
        found[kind] = sorted(rows, key=lambda row: (row[0][2], row[0][0]))
    return _build(connection, found)


def latest_entry(connection: Connection, kind: EntryKind) -> Entry | None:
    """The most recent entry of a kind, for "last used values" defaults."""
    row = connection.execute(
        "SELECT id FROM entry WHERE kind = ? ORDER BY at_utc DESC, id DESC LIMIT 1", (kind.value,)
    ).fetchone()
    return None if row is None else entries_by_ids(connection, [row[0]])[0]


def iter_entries(
    connection: Connection, first: date | None, last: date | None, batch: int
) -> Iterator[Entry]:
    """Every entry of the days in [first, last] (all days when not given), oldest first,
    read a batch of days at a time so memory stays bounded on a ten-year journal.

    Batches follow the local days (the indexed column), so entries are in time order within
    each batch and day after day across them.
    """
    span = connection.execute("SELECT MIN(day), MAX(day) FROM entry").fetchone()
    if span is None or span[0] is None:
        return
    low, high = date.fromisoformat(span[0]), date.fromisoformat(span[1])
    low, high = max(low, first or low), min(high, last or high)
    days = connection.execute(
        "SELECT day, COUNT(*) FROM entry WHERE day >= ? AND day <= ? GROUP BY day ORDER BY day",
        (low.isoformat(), high.isoformat()),
    ).fetchall()
    start, count = None, 0
    for day, many in days:
        start = start or day
        count += many
        if count >= batch:
            yield from entries_between(
                connection, date.fromisoformat(start), date.fromisoformat(day), by_uid=True
            )
            start, count = None, 0
    if start is not None:
        yield from entries_between(connection, date.fromisoformat(start), high, by_uid=True)


def days_with_entries(
    connection: Connection, first: date, last: date
) -> dict[date, set[EntryKind]]:
    rows = connection.execute(
        "SELECT DISTINCT day, kind FROM entry WHERE day >= ? AND day <= ?",
        (first.isoformat(), last.isoformat()),
    ).fetchall()
    result: dict[date, set[EntryKind]] = defaultdict(set)
    for day, kind in rows:
        result[date.fromisoformat(day)].add(EntryKind(kind))
    return dict(result)


def tags_of(connection: Connection, entry_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """Each entry's tags, sorted by name."""
    found: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(entry_ids), CHUNK):
        chunk = list(entry_ids[start : start + CHUNK])
        marks = ", ".join("?" for _ in chunk)
        rows = connection.execute(
            "SELECT et.entry_id, t.name FROM entry_tag et JOIN tag t ON t.id = et.tag_id "
            f"WHERE et.entry_id IN ({marks}) ORDER BY t.name",
            chunk,
        )
        for entry_id, name in rows:
            found[entry_id].append(name)
    return {entry_id: tuple(names) for entry_id, names in found.items()}


# --- the rest of the journal ---------------------------------------------------------------


def flares_overlapping(connection: Connection, first: date, last: date) -> list[FlareEpisode]:
    """Flare episodes with a day in [first, last] (an ongoing one has no end)."""
    rows = connection.execute(
        'SELECT id, uid, start, "end", condition, triggers, note FROM flare_episode '
        'WHERE start <= ? AND ("end" IS NULL OR "end" >= ?) ORDER BY start, id',
        (last.isoformat(), first.isoformat()),
    ).fetchall()
    return [_flare(row) for row in rows]


def get_flare(connection: Connection, flare_id: int) -> FlareEpisode | None:
    row = connection.execute(
        'SELECT id, uid, start, "end", condition, triggers, note FROM flare_episode WHERE id = ?',
        (flare_id,),
    ).fetchone()
    return None if row is None else _flare(row)


def ongoing_flare(connection: Connection) -> FlareEpisode | None:
    row = connection.execute(
        'SELECT id, uid, start, "end", condition, triggers, note FROM flare_episode '
        'WHERE "end" IS NULL ORDER BY start DESC, id DESC LIMIT 1'
    ).fetchone()
    return None if row is None else _flare(row)


def _flare(row: Sequence[Any]) -> FlareEpisode:
    flare_id, uid, start, end, condition, triggers, note = row
    started = stored_date(start)
    assert started is not None
    return flare_from_columns(
        flare_id, uid, started, stored_date(end), condition, stored_json(triggers), note
    )


def medications(connection: Connection, *, active_only: bool = False) -> list[Medication]:
    rows = connection.execute(
        "SELECT id, uid, name, dose, kind, times, active, note, periods FROM medication"
        + (" WHERE active" if active_only else "")
        + " ORDER BY name, id"
    ).fetchall()
    return [
        medication_from_columns(
            med_id,
            uid,
            name,
            dose,
            kind,
            stored_json(times),
            bool(stored_bool(active)),
            note,
            stored_json(periods),
        )
        for med_id, uid, name, dose, kind, times, active, note, periods in rows
    ]


def trackers(connection: Connection, *, active_only: bool = False) -> list[Tracker]:
    rows = connection.execute(
        "SELECT id, uid, name, type, unit, active FROM tracker"
        + (" WHERE active" if active_only else "")
        + " ORDER BY name, id"
    ).fetchall()
    return [
        tracker_from_columns(tracker_id, uid, name, kind, unit, bool(stored_bool(active)))
        for tracker_id, uid, name, kind, unit, active in rows
    ]


def cgm_day_readings(
    connection: Connection, first_day: int, last_day: int
) -> list[tuple[int, int, float, int, int]]:
    """(utc, offset min, mg/dL, kind, flag) of every CGM reading of local days
    first..last (epoch days), in time order; the UTC bounds keep it on the table's key."""
    start, end = utc_bounds_of_days(first_day, last_day)
    rows = connection.execute(
        "SELECT utc, utc_offset_min, mgdl, kind, flag FROM cgm_reading "
        "WHERE utc >= ? AND utc < ? AND day >= ? AND day <= ? ORDER BY utc, device_id, kind",
        (start, end, first_day, last_day),
    ).fetchall()
    return [(int(u), int(o), float(m), int(k), int(f)) for u, o, m, k, f in rows]


def get_setting(connection: Connection, key: str) -> Any:
    row = connection.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return None if row is None else stored_json(row[0])


def schema_revision(connection: Connection) -> str | None:
    """The Alembic revision the journal's schema is at (None: no schema yet)."""
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except errors("OperationalError"):  # no such table: an empty or new file
        return None
    return None if row is None else str(row[0])


def driver_connection(session: Any) -> Connection:
    """The sqlite3 connection under an SQLAlchemy session, inside its transaction."""
    raw = session.connection().connection.driver_connection
    assert hasattr(raw, "execute")  # sqlite3's, or SQLCipher's for an encrypted journal
    return raw  # type: ignore[no-any-return]
