"""Reads and writes of journal records within a session; callers own the transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.orm import Session

from journal.domain.entries import (
    Entry,
    Favourite,
    FlareEpisode,
    Medication,
    Tracker,
)
from journal.domain.vocabulary import EntryKind
from journal.store import plain_read as plain
from journal.store.codec import entry_columns, flare_columns, medication_columns, tracker_columns
from journal.store.favourites import template_from_json, template_to_json
from journal.store.mapping import (
    row_type,
)
from journal.store.models import (
    EntryRow,
    EntryTagRow,
    FavouriteRow,
    FlareEpisodeRow,
    MedicationRow,
    SettingRow,
    SymptomRow,
    TagRow,
    TrackerRow,
)

# --- entries ------------------------------------------------------------------------------


def _split_columns(entry: Entry) -> tuple[dict[str, Any], dict[str, Any]]:
    columns = entry_columns(entry)
    common = {k: columns.pop(k) for k in ("uid", "kind", "day", "at_utc", "utc_offset_min", "note")}
    return common, columns


def insert_entry(session: Session, entry: Entry) -> int:
    """Insert ``entry`` (keeping its id if it has one, as undo of a delete does)."""
    common, detail = _split_columns(entry)
    if entry.id is not None:
        common["id"] = entry.id
    entry_id = session.execute(
        insert(EntryRow).values(**common).returning(EntryRow.id)
    ).scalar_one()
    detail_table = row_type(entry.kind).__table__
    if detail_table is not EntryRow.__table__:
        assert isinstance(detail_table, Table)
        session.execute(insert(detail_table).values(id=entry_id, **detail))
    set_tags(session, entry_id, entry.tags)
    return int(entry_id)


def update_entry(session: Session, entry: Entry) -> None:
    assert entry.id is not None
    common, detail = _split_columns(entry)
    common.pop("kind")
    session.execute(update(EntryRow).where(EntryRow.id == entry.id).values(**common))
    rows = row_type(entry.kind)
    if detail and rows.__table__ is not EntryRow.__table__:
        detail_table = rows.__table__
        assert isinstance(detail_table, Table)
        session.execute(update(detail_table).where(detail_table.c.id == entry.id).values(**detail))
    set_tags(session, entry.id, entry.tags)


def delete_entry(session: Session, entry_id: int) -> None:
    # Detail rows and tag links go with it through ON DELETE CASCADE.
    session.execute(delete(EntryRow).where(EntryRow.id == entry_id))


def get_entry(session: Session, entry_id: int) -> Entry | None:
    found = plain.entries_by_ids(plain.driver_connection(session), [entry_id])
    return found[0] if found else None


def entries_between(
    session: Session, first: date, last: date, kinds: Iterable[EntryKind] | None = None
) -> list[Entry]:
    """Entries whose local day lies in [first, last], in time order (read kind by kind)."""
    return plain.entries_between(plain.driver_connection(session), first, last, kinds)


def latest_entry(session: Session, kind: EntryKind) -> Entry | None:
    """The most recent entry of a kind, for "last used values" defaults."""
    return plain.latest_entry(plain.driver_connection(session), kind)


def days_with_entries(session: Session, first: date, last: date) -> dict[date, set[EntryKind]]:
    return plain.days_with_entries(plain.driver_connection(session), first, last)


def count_entries(session: Session) -> int:
    return int(session.execute(select(func.count(EntryRow.id))).scalar_one())


def entries_by_ids(session: Session, ids: Sequence[int]) -> list[Entry]:
    """The entries with these ids that exist, in the order of ``ids``."""
    by_id = {e.id: e for e in plain.entries_by_ids(plain.driver_connection(session), ids)}
    return [by_id[i] for i in ids if i in by_id]


# --- tags ---------------------------------------------------------------------------------


def set_tags(session: Session, entry_id: int, tags: Iterable[str]) -> None:
    session.execute(delete(EntryTagRow).where(EntryTagRow.entry_id == entry_id))
    names = sorted({t.strip() for t in tags if t.strip()})
    if not names:
        return
    rows = session.execute(select(TagRow.name, TagRow.id).where(TagRow.name.in_(names)))
    existing: dict[str, int] = {row.name: row.id for row in rows}
    for name in names:
        if name not in existing:
            existing[name] = session.execute(
                insert(TagRow).values(name=name).returning(TagRow.id)
            ).scalar_one()
    session.execute(
        insert(EntryTagRow), [{"entry_id": entry_id, "tag_id": existing[n]} for n in names]
    )


def tags_of(session: Session, entry_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    return plain.tags_of(plain.driver_connection(session), entry_ids)


def all_tags(session: Session) -> list[str]:
    return list(session.execute(select(TagRow.name).order_by(TagRow.name)).scalars())


# --- flare episodes, medications, trackers ---------------------------------------------------


def save_flare(session: Session, episode: FlareEpisode) -> int:
    values = flare_columns(episode)
    if episode.id is None:
        return int(
            session.execute(
                insert(FlareEpisodeRow).values(**values).returning(FlareEpisodeRow.id)
            ).scalar_one()
        )
    if session.get(FlareEpisodeRow, episode.id) is None:
        session.execute(insert(FlareEpisodeRow).values(id=episode.id, **values))
    else:
        session.execute(
            update(FlareEpisodeRow).where(FlareEpisodeRow.id == episode.id).values(**values)
        )
    return episode.id


def delete_flare(session: Session, flare_id: int) -> None:
    session.execute(delete(FlareEpisodeRow).where(FlareEpisodeRow.id == flare_id))


def check_ins_of_flare(session: Session, flare_id: int) -> list[int]:
    """The ids of the symptom check-ins logged as part of a flare."""
    query = select(SymptomRow.__table__.c.id).where(SymptomRow.__table__.c.flare_id == flare_id)
    return [int(i) for i in session.execute(query).scalars()]


def link_check_ins(session: Session, entry_ids: Sequence[int], flare_id: int) -> None:
    """Make check-ins part of a flare again (undoing a flare's delete)."""
    if not entry_ids:
        return
    table = SymptomRow.__table__
    assert isinstance(table, Table)
    session.execute(update(table).where(table.c.id.in_(entry_ids)).values(flare_id=flare_id))


def days_of_entries(session: Session, entry_ids: Sequence[int]) -> frozenset[date]:
    if not entry_ids:
        return frozenset()
    query = select(EntryRow.day).where(EntryRow.id.in_(entry_ids)).distinct()
    return frozenset(session.execute(query).scalars())


def flares_overlapping(session: Session, first: date, last: date) -> list[FlareEpisode]:
    return plain.flares_overlapping(plain.driver_connection(session), first, last)


def get_flare(session: Session, flare_id: int) -> FlareEpisode | None:
    return plain.get_flare(plain.driver_connection(session), flare_id)


def save_medication(session: Session, med: Medication) -> int:
    values = medication_columns(med)
    if med.id is None:
        return int(
            session.execute(
                insert(MedicationRow).values(**values).returning(MedicationRow.id)
            ).scalar_one()
        )
    session.execute(update(MedicationRow).where(MedicationRow.id == med.id).values(**values))
    return med.id


def restore_medication(session: Session, med: Medication) -> None:
    """Put back a medication that was deleted, with its id (redo of a setup)."""
    assert med.id is not None
    session.execute(insert(MedicationRow).values(id=med.id, **medication_columns(med)))


def delete_medication(session: Session, medication_id: int) -> None:
    """Remove a medication no dose refers to (undo of adding it)."""
    session.execute(delete(MedicationRow).where(MedicationRow.id == medication_id))


def medications(session: Session, *, active_only: bool = False) -> list[Medication]:
    return plain.medications(plain.driver_connection(session), active_only=active_only)


def save_tracker(session: Session, tracker: Tracker) -> int:
    values = tracker_columns(tracker)
    if tracker.id is None:
        return int(
            session.execute(
                insert(TrackerRow).values(**values).returning(TrackerRow.id)
            ).scalar_one()
        )
    session.execute(update(TrackerRow).where(TrackerRow.id == tracker.id).values(**values))
    return tracker.id


def restore_tracker(session: Session, tracker: Tracker) -> None:
    """Put back a tracker that was deleted, with its id (redo of a setup)."""
    assert tracker.id is not None
    session.execute(insert(TrackerRow).values(id=tracker.id, **tracker_columns(tracker)))


def delete_tracker(session: Session, tracker_id: int) -> None:
    """Remove a tracker no value refers to (undo of adding it)."""
    session.execute(delete(TrackerRow).where(TrackerRow.id == tracker_id))


def trackers(session: Session, *, active_only: bool = False) -> list[Tracker]:
    return plain.trackers(plain.driver_connection(session), active_only=active_only)


# --- favourites and settings ------------------------------------------------------------------


def save_favourite(session: Session, favourite: Favourite) -> int:
    values = {
        "name": favourite.name,
        "kind": favourite.template.kind.value,
        "template": template_to_json(favourite.template),
    }
    existing = session.execute(
        select(FavouriteRow.id).where(
            FavouriteRow.kind == values["kind"], FavouriteRow.name == favourite.name
        )
    ).scalar_one_or_none()
    if existing is not None:
        session.execute(update(FavouriteRow).where(FavouriteRow.id == existing).values(**values))
        return int(existing)
    return int(
        session.execute(
            insert(FavouriteRow).values(**values).returning(FavouriteRow.id)
        ).scalar_one()
    )


def delete_favourite(session: Session, favourite_id: int) -> None:
    session.execute(delete(FavouriteRow).where(FavouriteRow.id == favourite_id))


def favourites(session: Session, kind: EntryKind | None = None) -> list[Favourite]:
    query = select(FavouriteRow).order_by(FavouriteRow.name)
    if kind is not None:
        query = query.where(FavouriteRow.kind == kind.value)
    return [
        Favourite(id=r.id, name=r.name, template=template_from_json(r.kind, r.template))
        for r in session.execute(query).scalars()
    ]


def get_setting(session: Session, key: str) -> Any:
    row = session.get(SettingRow, key)
    return row.value if row is not None else None


def put_setting(session: Session, key: str, value: Any) -> None:
    row = session.get(SettingRow, key)
    if row is None:
        session.add(SettingRow(key=key, value=value))
    else:
        row.value = value
