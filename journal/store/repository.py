"""Reads and writes of journal records within a session; callers own the transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Table, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session, with_polymorphic

from journal.domain.entries import (
    Entry,
    Favourite,
    FlareEpisode,
    Medication,
    Tracker,
)
from journal.domain.vocabulary import EntryKind
from journal.store.favourites import template_from_json, template_to_json
from journal.store.mapping import (
    entry_columns,
    entry_from_row,
    flare_columns,
    flare_from_row,
    medication_columns,
    medication_from_row,
    row_type,
    tracker_columns,
    tracker_from_row,
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

ANY_ENTRY = with_polymorphic(EntryRow, "*")


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
    row = session.execute(select(ANY_ENTRY).where(ANY_ENTRY.id == entry_id)).scalar_one_or_none()
    if row is None:
        return None
    return entry_from_row(row, tags_of(session, [entry_id]).get(entry_id, ()))


def _entries(session: Session, rows: Sequence[EntryRow]) -> list[Entry]:
    tags = tags_of(session, [r.id for r in rows])
    return [entry_from_row(r, tags.get(r.id, ())) for r in rows]


def entries_between(
    session: Session, first: date, last: date, kinds: Iterable[EntryKind] | None = None
) -> list[Entry]:
    """Entries whose local day lies in [first, last], in time order."""
    query = select(ANY_ENTRY).where(ANY_ENTRY.day >= first, ANY_ENTRY.day <= last)
    if kinds is not None:
        query = query.where(ANY_ENTRY.kind.in_([k.value for k in kinds]))
    rows = session.execute(query.order_by(ANY_ENTRY.at_utc, ANY_ENTRY.id)).scalars().all()
    return _entries(session, rows)


def latest_entry(session: Session, kind: EntryKind) -> Entry | None:
    """The most recent entry of a kind, for "last used values" defaults."""
    rows = row_type(kind)
    row = session.execute(
        select(rows).order_by(rows.at_utc.desc(), rows.id.desc()).limit(1)
    ).scalar_one_or_none()
    return _entries(session, [row])[0] if row is not None else None


def days_with_entries(session: Session, first: date, last: date) -> dict[date, set[EntryKind]]:
    rows = session.execute(
        select(EntryRow.day, EntryRow.kind)
        .where(EntryRow.day >= first, EntryRow.day <= last)
        .distinct()
    ).all()
    result: dict[date, set[EntryKind]] = defaultdict(set)
    for day, kind in rows:
        result[day].add(EntryKind(kind))
    return dict(result)


def count_entries(session: Session) -> int:
    return int(session.execute(select(func.count(EntryRow.id))).scalar_one())


def entries_by_ids(session: Session, ids: Sequence[int]) -> list[Entry]:
    if not ids:
        return []
    rows = session.execute(select(ANY_ENTRY).where(ANY_ENTRY.id.in_(ids))).scalars().all()
    by_id = {e.id: e for e in _entries(session, rows)}
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
    if not entry_ids:
        return {}
    rows = session.execute(
        select(EntryTagRow.entry_id, TagRow.name)
        .join(TagRow, TagRow.id == EntryTagRow.tag_id)
        .where(EntryTagRow.entry_id.in_(entry_ids))
        .order_by(TagRow.name)
    ).all()
    result: dict[int, list[str]] = defaultdict(list)
    for entry_id, name in rows:
        result[entry_id].append(name)
    return {k: tuple(v) for k, v in result.items()}


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
    rows = session.execute(
        select(FlareEpisodeRow)
        .where(
            FlareEpisodeRow.start <= last,
            or_(FlareEpisodeRow.end.is_(None), FlareEpisodeRow.end >= first),
        )
        .order_by(FlareEpisodeRow.start)
    ).scalars()
    return [flare_from_row(r) for r in rows]


def get_flare(session: Session, flare_id: int) -> FlareEpisode | None:
    row = session.get(FlareEpisodeRow, flare_id)
    return flare_from_row(row) if row is not None else None


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


def medications(session: Session, *, active_only: bool = False) -> list[Medication]:
    query = select(MedicationRow).order_by(MedicationRow.name)
    if active_only:
        query = query.where(MedicationRow.active.is_(True))
    return [medication_from_row(r) for r in session.execute(query).scalars()]


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


def trackers(session: Session, *, active_only: bool = False) -> list[Tracker]:
    query = select(TrackerRow).order_by(TrackerRow.name)
    if active_only:
        query = query.where(TrackerRow.active.is_(True))
    return [tracker_from_row(r) for r in session.execute(query).scalars()]


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
