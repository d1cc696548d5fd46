"""The bulk path: many entries (and what they refer to) written in batches of executemany.

Import and the demo generator write entries through one ``BulkWriter`` inside the caller's
transaction; CGM readings, which are not entries, go through ``ReadingWriter``. Ids are
handed out here (after the largest already in each table), tags are resolved in bulk (one
read of the tag table, new tags inserted with their ids), and each table gets one
``executemany`` per batch of plain tuples, converted by the same SQLAlchemy type
processors an ORM insert would use, so the stored text of dates and JSON is identical. No
ORM round trip per row: that is what made importing ten years take a minute.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from itertools import islice
from typing import Any

from sqlalchemy import Date, DateTime, Float, Table, func, select
from sqlalchemy.orm import Session

from journal.domain.entries import Entry, FlareEpisode, Medication, Tracker
from journal.domain.vocabulary import EntryKind
from journal.store.codec import (
    detail_column_names,
    detail_maker,
    flare_columns,
    medication_columns,
    tracker_columns,
)
from journal.store.mapping import row_type
from journal.store.schema import table

DEFAULT_BATCH = 5000
# Readings are eight small integers a row: bigger batches, still a few MB of tuples.
READING_BATCH = 50_000
_ENTRY_COLUMNS = ("id", "uid", "kind", "day", "at_utc", "utc_offset_min", "note")
# Parents first in every flush, so each foreign key finds its row.
_PARENTS = ("medication", "tracker", "flare_episode", "tag")
READING_COLUMNS = (
    "utc",
    "device_id",
    "kind",
    "utc_offset_min",
    "day",
    "mgdl",
    "flag",
    "import_id",
)
ReadingTuple = tuple[int, int, int, int, int, float, int, int]


# A moment with every part set: the fast conversions below are used only if they turn it
# into exactly the text SQLAlchemy's own would.
_PROBE = datetime(2001, 2, 3, 4, 5, 6, 7)


def _faster(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """The conversion of a date or time column, done by the standard library's ISO format
    when that gives the same text as SQLAlchemy (``process``), which it runs for anything
    else; SQLAlchemy's, in Python, took a fifth of writing an entry."""
    try:
        same_moment = process(_PROBE) == _PROBE.isoformat(" ", "microseconds")
        same_day = process(_PROBE.date()) == _PROBE.date().isoformat()
    except (TypeError, ValueError, AttributeError):
        return process
    if same_moment:

        def moment(value: Any) -> Any:
            if type(value) is datetime and value.tzinfo is None:
                return value.isoformat(" ", "microseconds")
            return process(value)

        return moment
    if same_day:

        def day(value: Any) -> Any:
            return value.isoformat() if type(value) is date else process(value)

        return day
    return process


def _driver_writes_iso_text(session: Session) -> bool:
    """Whether the driver stores a date and a naive datetime as ``isoformat()`` and
    ``isoformat(" ")`` (sqlite3's and SQLCipher's own adapters do): then the entry table
    gets that text from the writer, the same bytes at half the cost of the driver's
    adapters (a Python call for each of two values of every entry)."""
    dbapi = session.get_bind().dialect.dbapi
    adapters = getattr(dbapi, "adapters", None)
    protocol = getattr(dbapi, "PrepareProtocol", None)
    if not isinstance(adapters, dict) or protocol is None:
        return False
    adapt_day = adapters.get((date, protocol))
    adapt_moment = adapters.get((datetime, protocol))
    if adapt_day is None or adapt_moment is None:
        return False
    whole_second = _PROBE.replace(microsecond=0)
    try:
        return bool(
            adapt_day(_PROBE.date()) == _PROBE.date().isoformat()
            and adapt_moment(_PROBE) == _PROBE.isoformat(" ")
            and adapt_moment(whole_second) == whole_second.isoformat(" ")
        )
    except (TypeError, ValueError, AttributeError):
        return False


class _PendingTable:
    """Rows of one table as tuples in a fixed column order, with the type conversions."""

    def __init__(self, target: Table, names: Sequence[str], session: Session) -> None:
        self.names = tuple(names)
        dialect = session.get_bind().dialect
        plain = [target.c[name].type.bind_processor(dialect) for name in self.names]
        processors: list[Callable[[Any], Any] | None] = [
            None
            if _stored_as_real(target.c[name].type)
            else _faster(p)
            if p is not None and _is_time(target.c[name].type)
            else p
            for name, p in zip(self.names, plain, strict=True)
        ]
        # Only the columns whose values need converting (dates, JSON) are touched per row.
        self.converted: tuple[tuple[int, Callable[[Any], Any]], ...] = tuple(
            (i, process) for i, process in enumerate(processors) if process is not None
        )
        columns = ", ".join(f'"{name}"' for name in self.names)
        marks = ", ".join("?" for _ in self.names)
        self.sql = f'INSERT INTO "{target.name}" ({columns}) VALUES ({marks})'
        self.rows: list[tuple[Any, ...]] = []

    def take(self) -> list[tuple[Any, ...]]:
        """The rows queued so far; the table starts again empty."""
        rows, self.rows = self.rows, []
        return rows

    def add(self, values: Sequence[Any]) -> None:
        if not self.converted:
            self.rows.append(tuple(values))
            return
        row = list(values)
        for i, process in self.converted:
            if row[i] is not None:
                row[i] = process(row[i])
        self.rows.append(tuple(row))


def _is_time(column_type: Any) -> bool:
    return isinstance(column_type, Date | DateTime)


def _stored_as_real(column_type: Any) -> bool:
    """A ``Float`` column (declared FLOAT: REAL affinity): SQLite itself stores an integer
    given to it as a real, which is all SQLAlchemy's ``float()`` of each value does, so
    the writer leaves that call out (it made most detail rows go the converting way)."""
    return isinstance(column_type, Float) and not column_type.asdecimal


class _KindRows:
    """How one kind's entries become rows in one writer: its detail table (with its
    conversions) and where each column sits, worked out once (an import writes every entry
    of a file through it)."""

    def __init__(self, kind: EntryKind, detail: _PendingTable | None) -> None:
        self.kind_value = kind.value
        self.detail = detail
        """The detail table's pending rows; None for a kind without one (notes)."""
        self.plain = detail is not None and not detail.converted
        """Whether the detail values go in as they are (no dates or JSON to convert)."""
        self.values = detail_maker(kind)
        names = detail_column_names(kind)
        self.position = {name: i for i, name in enumerate(names)}
        """Where each column is in ``detail_values`` (to put a resolved row id in)."""


class BulkWriter:
    """Rows waiting to be written; :meth:`flush` (or a full batch) writes them."""

    def __init__(self, session: Session, *, batch: int = DEFAULT_BATCH) -> None:
        self._session = session
        self._batch = batch
        self._next_id: dict[str, int] = {}
        self._tag_ids: dict[str, int] | None = None
        self._tables: dict[str, _PendingTable] = {}
        self._kinds: dict[EntryKind, _KindRows] = {}
        self._iso_text = (
            _driver_writes_iso_text(session)
            and not self._pending("entry", _ENTRY_COLUMNS).converted
        )
        self._queued = 0
        self.counts: Counter[EntryKind] = Counter()
        """Entries written (or queued) per kind."""

    # --- ids -------------------------------------------------------------------------------

    def new_id(self, name: str) -> int:
        if name not in self._next_id:
            column = table(name).c.id
            largest = self._session.execute(select(func.coalesce(func.max(column), 0)))
            self._next_id[name] = int(largest.scalar_one()) + 1
        value = self._next_id[name]
        self._next_id[name] = value + 1
        return value

    def _tag_id(self, name: str) -> int:
        if self._tag_ids is None:
            tags = table("tag")
            rows = self._session.execute(select(tags.c.name, tags.c.id))
            self._tag_ids = {str(row.name): int(row.id) for row in rows}
        tag_id = self._tag_ids.get(name)
        if tag_id is None:
            tag_id = self._tag_ids[name] = self.new_id("tag")
            self._queue("tag", ("id", "name"), (tag_id, name))
        return tag_id

    # --- queueing --------------------------------------------------------------------------

    def _queue(self, name: str, columns: Sequence[str], values: Sequence[Any]) -> None:
        pending = self._tables.get(name)
        if pending is None:
            pending = self._tables[name] = _PendingTable(table(name), columns, self._session)
        pending.add(values)
        self._queued += 1

    def _queue_dict(self, name: str, row: dict[str, Any]) -> None:
        self._queue(name, tuple(row), tuple(row.values()))

    def add_entry(self, entry: Entry, row_ids: Mapping[str, int] | None = None) -> int:
        """Queue ``entry`` (its id is kept if it has one) with its detail row and tags;
        ``row_ids`` replaces reference attributes (``medication_id``) by these row ids."""
        entry_id = entry.id
        if entry_id is None:
            entry_id = self.new_id("entry")
        kind = entry.kind
        rows = self._kinds.get(kind) or self._kind_rows(kind)
        at = entry.at
        offset = at.utcoffset()
        day: Any = at.date()  # the entry's day
        utc: Any = at.astimezone(UTC).replace(tzinfo=None)
        if self._iso_text:
            day, utc = day.isoformat(), utc.isoformat(" ")
        self._pending("entry", _ENTRY_COLUMNS).add(
            (
                entry_id,
                entry.uid,
                rows.kind_value,
                day,
                utc,
                int(offset.total_seconds() // 60) if offset is not None else 0,
                entry.note,
            )
        )
        queued = 1
        detail = rows.detail
        if detail is not None:
            details = rows.values(entry)
            if row_ids:
                changed = list(details)
                for attr, row_id in row_ids.items():
                    changed[rows.position[attr]] = row_id
                details = tuple(changed)
            if rows.plain:
                detail.rows.append((entry_id, *details))
            else:
                detail.add((entry_id, *details))
            queued += 1
        tags = entry.tags
        if tags:
            links = self._pending("entry_tag", ("entry_id", "tag_id")).rows  # two ids
            for tag in sorted({t.strip() for t in tags if t.strip()}):
                links.append((entry_id, self._tag_id(tag)))
                queued += 1
        self.counts[kind] += 1
        self._queued += queued
        if self._queued >= self._batch:
            self.flush()
        return entry_id

    def _kind_rows(self, kind: EntryKind) -> _KindRows:
        names = detail_column_names(kind)
        detail = self._pending(row_type(kind).__tablename__, ("id", *names)) if names else None
        found = self._kinds[kind] = _KindRows(kind, detail)
        return found

    def _pending(self, name: str, columns: Sequence[str]) -> _PendingTable:
        pending = self._tables.get(name)
        if pending is None:
            pending = self._tables[name] = _PendingTable(table(name), columns, self._session)
        return pending

    def add_medication(self, med: Medication) -> int:
        med_id = self.new_id("medication")
        self._queue_dict("medication", {"id": med_id} | medication_columns(med))
        return med_id

    def add_tracker(self, tracker: Tracker) -> int:
        tracker_id = self.new_id("tracker")
        self._queue_dict("tracker", {"id": tracker_id} | tracker_columns(tracker))
        return tracker_id

    def add_flare(self, episode: FlareEpisode) -> int:
        flare_id = self.new_id("flare_episode")
        self._queue_dict("flare_episode", {"id": flare_id} | flare_columns(episode))
        return flare_id

    # --- writing ---------------------------------------------------------------------------

    def flush(self) -> None:
        """Write everything queued: parents, then entries, details and tag links."""
        pending, self._queued = self._tables, 0
        order = [*_PARENTS, "entry"]
        order += [name for name in pending if name not in (*order, "entry_tag")]
        order.append("entry_tag")
        connection = self._session.connection()
        for name in order:
            rows = pending.get(name)
            if rows is not None and rows.rows:
                connection.exec_driver_sql(rows.sql, rows.take())


class ReadingWriter:
    """CGM readings into the ``cgm_reading`` stream: tuples in ``READING_COLUMNS`` order,
    one executemany per batch, inside the caller's transaction.

    An import has already left out readings the journal holds, so a duplicate key there is
    a bug and the transaction (so the whole import) fails rather than half-writing;
    ``skip_existing`` is for putting back readings removed earlier (an undone removal),
    where the same reading may have been imported again since.
    """

    def __init__(
        self, session: Session, *, batch: int = READING_BATCH, skip_existing: bool = False
    ) -> None:
        self._session = session
        self._batch = batch
        columns = ", ".join(READING_COLUMNS)
        marks = ", ".join("?" for _ in READING_COLUMNS)
        verb = "INSERT OR IGNORE" if skip_existing else "INSERT"
        self._sql = f"{verb} INTO cgm_reading ({columns}) VALUES ({marks})"
        self.written = 0

    def add_many(self, rows: Iterable[ReadingTuple]) -> int:
        """Write ``rows`` (any iterable, consumed a batch at a time); returns how many."""
        connection = self._session.connection()
        iterator = iter(rows)
        count = 0
        while batch := list(islice(iterator, self._batch)):
            connection.exec_driver_sql(self._sql, batch)
            count += len(batch)
        self.written += count
        return count
