"""Reads and lookups for export and import: whole-journal streams and uid lookups in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from journal.domain.entries import Entry, FlareEpisode
from journal.store import plain_read as plain
from journal.store.experiment_models import ExperimentRow
from journal.store.goal_models import GoalRow, ReminderRow
from journal.store.mapping import flare_from_row
from journal.store.models import (
    EntryRow,
    FavouriteRow,
    FlareEpisodeRow,
    MedicationRow,
    SettingRow,
    TrackerRow,
)

BATCH = 500
UID_TABLES: dict[str, Any] = {
    "medication": MedicationRow,
    "tracker": TrackerRow,
    "flare": FlareEpisodeRow,
    "entry": EntryRow,
    "goal": GoalRow,
    "reminder": ReminderRow,
    "experiment": ExperimentRow,
}


def iter_entries(
    session: Session, first: date | None = None, last: date | None = None
) -> Iterator[Entry]:
    """Every entry (of the days in [first, last] if given), oldest first, read in batches
    of days, each kind with its own detail table."""
    return plain.iter_entries(plain.driver_connection(session), first, last, BATCH)


def count_entries(session: Session, first: date | None = None, last: date | None = None) -> int:
    """How many entries the days in [first, last] hold (all days when not given)."""
    query = select(func.count()).select_from(EntryRow)
    if first is not None:
        query = query.where(EntryRow.day >= first)
    if last is not None:
        query = query.where(EntryRow.day <= last)
    return int(session.execute(query).scalar_one())


def all_flares(session: Session) -> list[FlareEpisode]:
    rows = session.execute(select(FlareEpisodeRow)).scalars()
    return sorted((flare_from_row(r) for r in rows), key=lambda f: (f.start, f.uid))


def all_settings(session: Session) -> dict[str, Any]:
    rows = session.execute(select(SettingRow.key, SettingRow.value).order_by(SettingRow.key))
    return {key: value for key, value in rows}  # noqa: C416 - a Result is not a mapping


def uids_by_id(session: Session, table: str) -> dict[int, str]:
    """id -> uid of each medication, tracker, flare, goal, reminder, experiment (small tables)."""
    model = UID_TABLES[table]
    rows = session.execute(select(model.id, model.uid))
    return {row_id: uid for row_id, uid in rows}  # noqa: C416 - a Result is not a mapping


def ids_by_uid(session: Session, table: str, uids: Iterable[str]) -> dict[str, int]:
    """uid -> id for those of ``uids`` that exist in the table."""
    model = UID_TABLES[table]
    wanted = list(dict.fromkeys(uids))
    found: dict[str, int] = {}
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        query = select(model.uid, model.id).where(model.uid.in_(chunk))
        found.update({uid: row_id for uid, row_id in session.execute(query)})  # noqa: C416
    return found


def entry_uids(session: Session, limit: int) -> set[str] | None:
    """Every entry's uid, or None when the journal holds more than ``limit`` entries
    (then look uids up in batches with :func:`ids_by_uid`)."""
    count = session.execute(select(func.count()).select_from(EntryRow)).scalar_one()
    if count > limit:
        return None
    return set(session.execute(select(EntryRow.uid)).scalars())


def favourite_keys(session: Session) -> set[tuple[str, str]]:
    return {
        (kind, name) for kind, name in session.execute(select(FavouriteRow.kind, FavouriteRow.name))
    }


def setting_keys(session: Session) -> set[str]:
    return set(session.execute(select(SettingRow.key)).scalars())
