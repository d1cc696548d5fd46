"""What a range of the journal holds, for choosing the columns of the Insights table:
the meal tags, symptoms, medications and trackers that appear in it, and where it starts."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session

from journal.domain.vocabulary import EntryKind


def _names(session: Session, sql: str, first: date, last: date) -> list[str]:
    rows = session.execute(text(sql), {"first": first.isoformat(), "last": last.isoformat()})
    return sorted(str(name) for (name,) in rows)


def meal_tags_used(session: Session, first: date, last: date) -> list[str]:
    """Tags on at least one meal in [first, last]."""
    return _names(
        session,
        "SELECT DISTINCT t.name FROM entry e JOIN entry_tag et ON et.entry_id = e.id "
        f"JOIN tag t ON t.id = et.tag_id WHERE e.kind = '{EntryKind.MEAL.value}' "
        "AND e.day >= :first AND e.day <= :last",
        first,
        last,
    )


def symptoms_scored(session: Session, first: date, last: date) -> list[str]:
    """Symptoms with a score in a check-in in [first, last]."""
    return _names(
        session,
        "SELECT DISTINCT s.key FROM entry e JOIN symptoms d ON d.id = e.id, "
        "json_each(d.scores) s WHERE e.day >= :first AND e.day <= :last",
        first,
        last,
    )


def ids_logged(session: Session, kind: EntryKind, first: date, last: date) -> set[int]:
    """The medications (kind DOSE) or trackers (kind TRACKER) with entries in the range."""
    table, column = {
        EntryKind.DOSE: ("dose", "medication_id"),
        EntryKind.TRACKER: ("tracker_value", "tracker_id"),
    }[kind]
    rows = session.execute(
        text(
            f'SELECT DISTINCT d."{column}" FROM entry e JOIN "{table}" d ON d.id = e.id '
            "WHERE e.day >= :first AND e.day <= :last"
        ),
        {"first": first.isoformat(), "last": last.isoformat()},
    )
    return {int(value) for (value,) in rows if value is not None}


def last_day(session: Session) -> date | None:
    """The latest day with an entry."""
    found = session.execute(text("SELECT MAX(day) FROM entry")).scalar_one_or_none()
    return date.fromisoformat(found) if found else None


def has_cgm_readings(session: Session, first: date, last: date) -> bool:
    """Whether any CGM reading falls on a day of the range (the stream's local day column)."""
    epoch = date(1970, 1, 1)
    found = session.execute(
        text("SELECT 1 FROM cgm_reading WHERE day >= :first AND day <= :last LIMIT 1"),
        {"first": (first - epoch).days, "last": (last - epoch).days},
    ).first()
    return found is not None
