"""Search in SQL: every field a person types, in entries and in flare episodes.

A LIKE with a leading wildcard reads every row of the columns it tests, but SQLite does that
in C over narrow text columns, and the day index narrows a date range first; no entry is
loaded into Python until it is one of the results shown. SQLite's LIKE ignores the case of
ASCII letters (not of accented ones). JSON lists and objects (triggers, stress sources,
symptom names and body regions) are searched value by value through ``json_tree``, which
decodes what the JSON writer escaped ("é" is stored as "\\u00e9").
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    and_,
    exists,
    func,
    literal,
    or_,
    select,
    true,
    union,
)
from sqlalchemy.orm import Session

from journal.domain.entries import FlareEpisode
from journal.domain.labs import LAB_TESTS
from journal.domain.vocabulary import EntryKind
from journal.store.base import Base
from journal.store.mapping import flare_from_row
from journal.store.models import FlareEpisodeRow

ESCAPE = "\\"


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


@dataclass(frozen=True)
class Span:
    """A range of days, either end open (None)."""

    first: date | None = None
    last: date | None = None


def like_pattern(text: str) -> str:
    """``text`` as a LIKE pattern matching it anywhere; its own ``%`` and ``_`` match only
    themselves (a search for "100%" is not a search for "100")."""
    escaped = text.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")
    return f"%{escaped}%"


def _like(column: Any, pattern: str) -> ColumnElement[bool]:
    result: ColumnElement[bool] = column.like(pattern, escape=ESCAPE)
    return result


def _json_holds(column: Any, pattern: str) -> ColumnElement[bool]:
    """Whether a JSON list or object holds a text value, or a key, matching ``pattern``."""
    tree = func.json_tree(column).table_valued("key", "value", "type").alias("json_item")
    value_matches = and_(tree.c["type"] == "text", _like(tree.c["value"], pattern))
    # List positions are keys too (0, 1 ...): only named keys are words to match.
    key_matches = and_(func.typeof(tree.c["key"]) == "text", _like(tree.c["key"], pattern))
    return exists(select(literal(1)).select_from(tree).where(or_(value_matches, key_matches)))


def lab_codes_named(text: str) -> list[str]:
    """The lab tests whose name or code contains ``text`` ("a1c" finds HbA1c)."""
    wanted = text.casefold()
    return [
        code
        for code, test in LAB_TESTS.items()
        if wanted in test.name.casefold() or wanted in code.replace("_", " ")
    ]


def _entry_text_matches(text: str, span: Span) -> ColumnElement[bool]:
    """Entries with ``text`` in their note, tags or any field typed for their kind, or in
    the name of the medication, tracker or lab test they record.

    One UNION of the ids each table matches, then a look-up by id: twice as fast as testing
    every entry against each table in turn (measured on a ten-year journal).
    """
    if not text:
        return true()
    pattern = like_pattern(text)
    entry, tag, entry_tag = _table("entry"), _table("tag"), _table("entry_tag")
    meal, exercise, stress = _table("meal"), _table("exercise"), _table("stress")
    symptoms, dose, medication = _table("symptoms"), _table("dose"), _table("medication")
    tracker_value, tracker, lab = _table("tracker_value"), _table("tracker"), _table("lab")
    matching: list[Select[Any]] = [
        select(entry.c.id).where(_like(entry.c.note, pattern)),
        select(entry_tag.c.entry_id)
        .join(tag, tag.c.id == entry_tag.c.tag_id)
        .where(_like(tag.c.name, pattern)),
        select(meal.c.id).where(_like(meal.c["items"], pattern)),
        select(exercise.c.id).where(_like(exercise.c.activity, pattern)),
        select(stress.c.id).where(
            or_(_like(stress.c.coping, pattern), _json_holds(stress.c.sources, pattern))
        ),
        select(symptoms.c.id).where(
            or_(_json_holds(symptoms.c.scores, pattern), _json_holds(symptoms.c.regions, pattern))
        ),
        select(dose.c.id)
        .join(medication, medication.c.id == dose.c.medication_id)
        .where(or_(_like(medication.c.name, pattern), _like(dose.c.dose, pattern))),
        select(tracker_value.c.id)
        .join(tracker, tracker.c.id == tracker_value.c.tracker_id)
        .where(_like(tracker.c.name, pattern)),
    ]
    codes = lab_codes_named(text)
    if codes:
        matching.append(select(lab.c.id).where(lab.c.test.in_(codes)))
    if span.first is not None or span.last is not None:
        # The day index finds the range's entries first, so a year is searched, not ten.
        in_span = select(entry.c.id).where(_in_span(entry.c.day, span))
        matching = [q.where(q.selected_columns[0].in_(in_span)) for q in matching]
    return entry.c.id.in_(union(*matching))


def _in_span(day: Any, span: Span) -> ColumnElement[bool]:
    parts: list[ColumnElement[bool]] = []
    if span.first is not None:
        parts.append(day >= span.first)
    if span.last is not None:
        parts.append(day <= span.last)
    return and_(true(), *parts)


def _entry_filter(text: str, span: Span) -> ColumnElement[bool]:
    return and_(_entry_text_matches(text, span), _in_span(_table("entry").c.day, span))


def count_matching_entries(session: Session, text: str, span: Span) -> dict[EntryKind, int]:
    """How many entries of each kind match (whatever kinds the person chose to see)."""
    entry = _table("entry")
    rows = session.execute(
        select(entry.c.kind, func.count()).where(_entry_filter(text, span)).group_by(entry.c.kind)
    ).all()
    return {EntryKind(kind): int(count) for kind, count in rows}


def matching_entry_ids(
    session: Session, text: str, span: Span, kinds: Collection[EntryKind] | None, limit: int
) -> list[int]:
    """The ids of the newest ``limit`` matching entries of ``kinds`` (None: every kind)."""
    entry = _table("entry")
    query = select(entry.c.id).where(_entry_filter(text, span))
    if kinds is not None:
        query = query.where(entry.c.kind.in_([k.value for k in kinds]))
    query = query.order_by(entry.c.at_utc.desc(), entry.c.id.desc()).limit(limit)
    return [int(i) for i in session.execute(query).scalars()]


def _flare_filter(text: str, span: Span, today: date) -> ColumnElement[bool]:
    flare = FlareEpisodeRow
    parts: list[ColumnElement[bool]] = []
    if text:
        pattern = like_pattern(text)
        parts.append(
            or_(
                _like(flare.condition, pattern),
                _like(flare.note, pattern),
                _json_holds(flare.triggers, pattern),
            )
        )
    # A flare is in the range when any of its days is; an ongoing one lasts until today.
    if span.last is not None:
        parts.append(flare.start <= span.last)
    if span.first is not None:
        parts.append(func.coalesce(flare.end, today) >= span.first)
    return and_(true(), *parts)


def count_matching_flares(session: Session, text: str, span: Span, today: date) -> int:
    query = select(func.count(FlareEpisodeRow.id)).where(_flare_filter(text, span, today))
    return int(session.execute(query).scalar_one())


def matching_flares(
    session: Session, text: str, span: Span, today: date, limit: int
) -> list[FlareEpisode]:
    """The latest ``limit`` flares whose condition, triggers or note match, newest first."""
    rows = session.execute(
        select(FlareEpisodeRow)
        .where(_flare_filter(text, span, today))
        .order_by(FlareEpisodeRow.start.desc(), FlareEpisodeRow.id.desc())
        .limit(limit)
    ).scalars()
    return [flare_from_row(r) for r in rows]
