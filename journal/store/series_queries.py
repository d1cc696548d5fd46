"""Reads for the charts that are not daily measures (those are in ``measure_queries``):
single readings, lab results, flare spans and medication schedules, as column tuples.

Days come back as "epoch days" (days since 1970-01-01 of the stored local ``day``) and moments
as "local seconds" (the wall-clock time the user lived, counted as if it were UTC), so the
analysis layer can place them on a date axis with plain integer arithmetic. Per-day sums,
means and maxima are left to SQLite, which is much faster at them than Python loops.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    cast,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session

from journal.store import models

# Core tables, not ORM classes: the detail classes use joined inheritance, so selecting from
# them would join ``entry`` a second time.
ENTRY = models.EntryRow.__table__
SYMPTOMS = models.SymptomRow.__table__
GLUCOSE = models.GlucoseRow.__table__
DOSE = models.DoseRow.__table__
LAB = models.LabRow.__table__
FLARE = models.FlareEpisodeRow.__table__
MEDICATION = models.MedicationRow.__table__

# julianday('1970-01-01') in SQLite.
_UNIX_EPOCH_JULIAN = 2440587.5

Rows = Sequence[Sequence[Any]]


def epoch_day(column: Any) -> ColumnElement[int]:
    """A DATE column as whole days since 1970-01-01."""
    return cast(func.julianday(column) - _UNIX_EPOCH_JULIAN, Integer)


def _local_seconds() -> ColumnElement[int]:
    """The entry's moment as local wall-clock seconds (UTC seconds plus the stored offset)."""
    return cast(func.strftime("%s", ENTRY.c.at_utc), Integer) + ENTRY.c.utc_offset_min * 60


_DAY = epoch_day(ENTRY.c.day).label("day")


def _in_range(kind: str, first: date, last: date) -> ColumnElement[bool]:
    # The kind filter lets SQLite use ix_entry_kind_day instead of scanning every entry.
    return and_(ENTRY.c.kind == kind, ENTRY.c.day >= first, ENTRY.c.day <= last)


# --- glucose ----------------------------------------------------------------------------


def glucose_readings(session: Session, first: date, last: date) -> Rows:
    """(local seconds, day, mg/dL) of every reading, in time order."""
    query = (
        select(_local_seconds(), _DAY, GLUCOSE.c.mgdl)
        .select_from(ENTRY)
        .join(GLUCOSE, GLUCOSE.c.id == ENTRY.c.id)
        .where(_in_range("glucose", first, last))
        .order_by(ENTRY.c.at_utc, ENTRY.c.id)
    )
    return session.execute(query).all()


# --- symptoms and flares ----------------------------------------------------------------


def symptom_names(session: Session) -> list[str]:
    """Every symptom that has a score somewhere in the journal."""
    scores = func.json_each(SYMPTOMS.c.scores).table_valued("key").alias("score")
    query = select(scores.c.key).distinct().select_from(SYMPTOMS).join(scores, literal(True))
    return sorted(str(name) for name in session.execute(query).scalars())


def flare_spans(session: Session, first: date, last: date) -> Rows:
    """(start day, end day or NULL while ongoing, condition) of episodes touching the range."""
    query = (
        select(
            epoch_day(FLARE.c.start),
            epoch_day(FLARE.c.end),
            FLARE.c.condition,
        )
        .where(
            FLARE.c.start <= last,
            or_(FLARE.c.end.is_(None), FLARE.c.end >= first),
        )
        .order_by(FLARE.c.start)
    )
    return session.execute(query).all()


# --- labs and trackers ------------------------------------------------------------------


def lab_values(session: Session, first: date, last: date, tests: Sequence[str]) -> Rows:
    """(local seconds, day, test, value) of results of ``tests``, in time order."""
    query = (
        select(_local_seconds(), _DAY, LAB.c.test, LAB.c.value)
        .select_from(ENTRY)
        .join(LAB, LAB.c.id == ENTRY.c.id)
        .where(_in_range("lab", first, last), LAB.c.test.in_(tests))
        .order_by(ENTRY.c.at_utc, ENTRY.c.id)
    )
    return session.execute(query).all()


def lab_tests_present(session: Session) -> list[str]:
    return sorted(session.execute(select(LAB.c.test).distinct()).scalars())


# --- the journal's extent ---------------------------------------------------------------


def first_day(session: Session) -> date | None:
    """The earliest day with an entry or a flare (where "All" starts)."""
    entries = session.execute(select(func.min(ENTRY.c.day))).scalar_one_or_none()
    flares = session.execute(select(func.min(FLARE.c.start))).scalar_one_or_none()
    present = [d for d in (entries, flares) if d is not None]
    return min(present) if present else None
