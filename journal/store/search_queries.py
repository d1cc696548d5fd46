"""Search in plain SQL: every field a person types, in entries and in flare episodes.

A LIKE with a leading wildcard reads every row of the columns it tests, but SQLite does that
in C over narrow text columns; the matches of each table are gathered into one UNION of ids
(twice as fast, on a ten-year journal, as testing every entry against each table in turn),
and the day index narrows a date range first. No entry is loaded into Python until it is one
of the results shown. SQLite's LIKE ignores the case of ASCII letters (not of accented
ones). JSON lists and objects (triggers, stress sources, symptom names and body regions) are
searched value by value through ``json_tree``, which decodes what the JSON writer escaped
("é" is stored as "\\u00e9"). The statements are built from fixed fragments only; what the
person typed is always a bound parameter.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from journal.domain.entries import Entry, FlareEpisode
from journal.domain.labs import LAB_TESTS
from journal.domain.vocabulary import EntryKind
from journal.store import plain_read as plain
from journal.store.codec import flare_from_columns, stored_date, stored_json

Connection = sqlite3.Connection
ESCAPE = "\\"
LIKE = f"LIKE :pattern ESCAPE '{ESCAPE}'"


@dataclass(frozen=True)
class Span:
    """A range of days, either end open (None)."""

    first: date | None = None
    last: date | None = None

    @property
    def bounded(self) -> bool:
        return self.first is not None or self.last is not None


def like_pattern(text: str) -> str:
    """``text`` as a LIKE pattern matching it anywhere; its own ``%`` and ``_`` match only
    themselves (a search for "100%" is not a search for "100")."""
    escaped = text.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")
    return f"%{escaped}%"


def lab_codes_named(text: str) -> list[str]:
    """The lab tests whose name or code contains ``text`` ("a1c" finds HbA1c)."""
    wanted = text.casefold()
    return [
        code
        for code, test in LAB_TESTS.items()
        if wanted in test.name.casefold() or wanted in code.replace("_", " ")
    ]


def _json_holds(column: str) -> str:
    """Whether a JSON list or object holds a text value, or a named key, matching."""
    # List positions are keys too (0, 1 ...): only named keys are words to match.
    return (
        f"EXISTS (SELECT 1 FROM json_tree({column}) AS j WHERE "
        f"(j.type = 'text' AND j.value {LIKE}) OR (typeof(j.key) = 'text' AND j.key {LIKE}))"
    )


_MATCHING: tuple[tuple[str, str, str], ...] = (
    ("SELECT id FROM entry", "id", f"note {LIKE}"),
    (
        "SELECT et.entry_id FROM entry_tag AS et JOIN tag AS t ON t.id = et.tag_id",
        "et.entry_id",
        f"t.name {LIKE}",
    ),
    ("SELECT id FROM meal", "id", f"items {LIKE}"),
    ("SELECT id FROM exercise", "id", f"activity {LIKE}"),
    ("SELECT id FROM stress", "id", f"coping {LIKE} OR {_json_holds('stress.sources')}"),
    (
        "SELECT id FROM symptoms",
        "id",
        f"{_json_holds('symptoms.scores')} OR {_json_holds('symptoms.regions')}",
    ),
    (
        "SELECT d.id FROM dose AS d JOIN medication AS m ON m.id = d.medication_id",
        "d.id",
        f"m.name {LIKE} OR d.dose {LIKE}",
    ),
    (
        "SELECT v.id FROM tracker_value AS v JOIN tracker AS t ON t.id = v.tracker_id",
        "v.id",
        f"t.name {LIKE}",
    ),
)
"""Each table's typed words: the select of entry ids, the id column, what must match."""


def _span_sql(column: str, span: Span, params: dict[str, Any]) -> list[str]:
    parts = []
    if span.first is not None:
        parts.append(f"{column} >= :first")
        params["first"] = span.first.isoformat()
    if span.last is not None:
        parts.append(f"{column} <= :last")
        params["last"] = span.last.isoformat()
    return parts


def _entry_where(text: str, span: Span, params: dict[str, Any]) -> str:
    """The WHERE clause of matching entries (``params`` receives its values)."""
    parts = _span_sql("entry.day", span, params)
    if text:
        params["pattern"] = like_pattern(text)
        matching = list(_MATCHING)
        codes = lab_codes_named(text)
        if codes:
            names = ", ".join(f":lab{i}" for i in range(len(codes)))
            params |= {f"lab{i}": code for i, code in enumerate(codes)}
            matching.append(("SELECT id FROM lab", "id", f"test IN ({names})"))
        in_span = ""
        if span.bounded:
            # The day index finds the range's entries first, so a year is searched, not ten.
            days = " AND ".join(_span_sql("day", span, params))
            in_span = f" AND {{id}} IN (SELECT id FROM entry WHERE {days})"
        selects = [
            f"{select} WHERE ({condition}){in_span.format(id=id_column)}"
            for select, id_column, condition in matching
        ]
        parts.append(f"entry.id IN ({' UNION '.join(selects)})")
    return " AND ".join(parts) or "1"


def count_matching_entries(connection: Connection, text: str, span: Span) -> dict[EntryKind, int]:
    """How many entries of each kind match (whatever kinds the person chose to see)."""
    params: dict[str, Any] = {}
    where = _entry_where(text, span, params)
    rows = connection.execute(
        f"SELECT kind, count(*) FROM entry WHERE {where} GROUP BY kind", params
    ).fetchall()
    return {EntryKind(kind): int(count) for kind, count in rows}


def matching_entries(
    connection: Connection,
    text: str,
    span: Span,
    kinds: Collection[EntryKind] | None,
    limit: int,
) -> list[Entry]:
    """The newest ``limit`` matching entries of ``kinds`` (None: every kind), newest first."""
    params: dict[str, Any] = {"limit": limit}
    where = _entry_where(text, span, params)
    if kinds is not None:
        names = [f":kind{i}" for i in range(len(kinds))]
        params |= {f"kind{i}": k.value for i, k in enumerate(kinds)}
        where += f" AND entry.kind IN ({', '.join(names) or 'NULL'})"
    ids = [
        int(row[0])
        for row in connection.execute(
            f"SELECT id FROM entry WHERE {where} ORDER BY at_utc DESC, id DESC LIMIT :limit",
            params,
        )
    ]
    by_id = {e.id: e for e in plain.entries_by_ids(connection, ids)}
    return [by_id[i] for i in ids if i in by_id]


def _flare_where(text: str, span: Span, today: date, params: dict[str, Any]) -> str:
    parts: list[str] = []
    if text:
        params["pattern"] = like_pattern(text)
        parts.append(
            f"(condition {LIKE} OR note {LIKE} OR {_json_holds('flare_episode.triggers')})"
        )
    # A flare is in the range when any of its days is; an ongoing one lasts until today.
    if span.last is not None:
        parts.append("start <= :last")
        params["last"] = span.last.isoformat()
    if span.first is not None:
        parts.append('coalesce("end", :today) >= :first')
        params |= {"first": span.first.isoformat(), "today": today.isoformat()}
    return " AND ".join(parts) or "1"


def count_matching_flares(connection: Connection, text: str, span: Span, today: date) -> int:
    params: dict[str, Any] = {}
    where = _flare_where(text, span, today, params)
    row = connection.execute(f"SELECT count(*) FROM flare_episode WHERE {where}", params)
    return int(row.fetchone()[0])


def matching_flares(
    connection: Connection, text: str, span: Span, today: date, limit: int
) -> list[FlareEpisode]:
    """The latest ``limit`` flares whose condition, triggers or note match, newest first."""
    params: dict[str, Any] = {"limit": limit}
    where = _flare_where(text, span, today, params)
    rows = connection.execute(
        'SELECT id, uid, start, "end", condition, triggers, note FROM flare_episode '
        f"WHERE {where} ORDER BY start DESC, id DESC LIMIT :limit",
        params,
    ).fetchall()
    return [_flare(row) for row in rows]


def _flare(row: Any) -> FlareEpisode:
    flare_id, uid, start, end, condition, triggers, note = row
    started = stored_date(start)
    assert started is not None
    return flare_from_columns(
        flare_id, uid, started, stored_date(end), condition, stored_json(triggers), note
    )
