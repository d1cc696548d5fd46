"""The SQLAlchemy rows of entries, flares, medications and trackers to domain values.

The translation itself is in ``journal.store.codec`` (shared with the plain reads); here
only what needs the models: which row class holds a kind, and reading a row's attributes.
"""

from __future__ import annotations

from journal.domain.entries import Entry, FlareEpisode, Medication, Tracker
from journal.domain.vocabulary import EntryKind
from journal.store.codec import (
    detail_column_names,
    entry_from_columns,
    flare_from_columns,
    medication_from_columns,
    tracker_from_columns,
)
from journal.store.models import EntryRow, FlareEpisodeRow, MedicationRow, TrackerRow


def row_type(kind: EntryKind) -> type[EntryRow]:
    """The model class of a kind's rows (its detail table, joined to ``entry``)."""
    mapper = EntryRow.__mapper__.polymorphic_map[kind.value]
    row: type[EntryRow] = mapper.class_
    return row


def entry_from_row(row: EntryRow, tags: tuple[str, ...] = ()) -> Entry:
    kind = EntryKind(row.kind)
    details = {column: getattr(row, column) for column in detail_column_names(kind)}
    return entry_from_columns(
        kind, row.id, row.uid, row.at_utc, row.utc_offset_min, row.note, details, tags
    )


def flare_from_row(row: FlareEpisodeRow) -> FlareEpisode:
    return flare_from_columns(
        row.id, row.uid, row.start, row.end, row.condition, row.triggers, row.note
    )


def medication_from_row(row: MedicationRow) -> Medication:
    return medication_from_columns(
        row.id,
        row.uid,
        row.name,
        row.dose,
        row.kind,
        row.times,
        row.active,
        row.note,
        row.periods,
    )


def tracker_from_row(row: TrackerRow) -> Tracker:
    return tracker_from_columns(row.id, row.uid, row.name, row.type, row.unit, row.active)
