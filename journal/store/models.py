"""SQLAlchemy models of the journal: one ``entry`` row per dated entry, one detail table per kind.

The schema is created only by the Alembic migrations in ``journal/store/migrations``; these
models describe it for queries. Times are stored as naive UTC plus the UTC offset in minutes
the user was in, and the local calendar ``day`` is stored for indexing.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from journal.domain.vocabulary import EntryKind
from journal.store import tables
from journal.store.base import Base
from journal.store.tables import detail_table


class EntryRow(Base):
    __tablename__ = tables.ENTRY

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    day: Mapped[date] = mapped_column(Date)
    at_utc: Mapped[datetime] = mapped_column(DateTime)
    utc_offset_min: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_entry_day_at", "day", "at_utc"),
        Index("ix_entry_kind_day", "kind", "day"),
    )
    __mapper_args__: dict[str, Any] = {"polymorphic_on": "kind", "polymorphic_identity": "entry"}


def _entry_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True)


class MealRow(EntryRow):
    __tablename__ = detail_table(EntryKind.MEAL)
    id: Mapped[int] = _entry_fk()
    meal_type: Mapped[str] = mapped_column(String(16))
    items: Mapped[str] = mapped_column(Text, default="")
    carbs_g: Mapped[float | None] = mapped_column(Float)
    added_sugar_g: Mapped[float | None] = mapped_column(Float)
    fibre_g: Mapped[float | None] = mapped_column(Float)
    protein_g: Mapped[float | None] = mapped_column(Float)
    __mapper_args__: dict[str, Any] = {"polymorphic_identity": "meal"}


class ExerciseRow(EntryRow):
    __tablename__ = detail_table(EntryKind.EXERCISE)
    id: Mapped[int] = _entry_fk()
    activity: Mapped[str] = mapped_column(String(80))
    minutes: Mapped[int] = mapped_column(Integer)
    intensity: Mapped[str] = mapped_column(String(16))
    rpe: Mapped[int | None] = mapped_column(Integer)
    steps: Mapped[int | None] = mapped_column(Integer)
    __mapper_args__: dict[str, Any] = {"polymorphic_identity": "exercise"}


class StressRow(EntryRow):
    __tablename__ = detail_table(EntryKind.STRESS)
    id: Mapped[int] = _entry_fk()
    stress: Mapped[int] = mapped_column(Integer)
    mood: Mapped[int | None] = mapped_column(Integer)
    sources: Mapped[list[str]] = mapped_column(JSON, default=list)
    coping: Mapped[str] = mapped_column(String(80), default="")
    coping_helped: Mapped[bool | None] = mapped_column(Boolean)
    __mapper_args__: dict[str, Any] = {"polymorphic_identity": "stress"}


class SleepRow(EntryRow):
    __tablename__ = detail_table(EntryKind.SLEEP)
    id: Mapped[int] = _entry_fk()
    hours: Mapped[float] = mapped_column(Float)
    bedtime_utc: Mapped[datetime | None] = mapped_column(DateTime)
    bedtime_offset_min: Mapped[int | None] = mapped_column(Integer)
    quality: Mapped[int | None] = mapped_column(Integer)
    __mapper_args__: dict[str, Any] = {"polymorphic_identity": "sleep"}


class SymptomRow(EntryRow):
    __tablename__ = detail_table(EntryKind.SYMPTOMS)
    id: Mapped[int] = _entry_fk()
    scores: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    regions: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict)
    bristol: Mapped[int | None] = mapped_column(Integer)
    flare_id: Mapped[int | None] = mapped_column(
        ForeignKey("flare_episode.id", ondelete="SET NULL"), index=True
    )
    __mapper_args__: dict[str, Any] = {"polymorphic_identity": "symptoms"}


class GlucoseRow(EntryRow):
    __tablename__ = detail_table(EntryKind.GLUCOSE)
    id: Mapped[int] = _entry_fk()
    mgdl: Mapped[float] = mapped_column(Float)
    context: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(16))
    flag: Mapped[str | None] = mapped_column(String(8))
    __mapper_args__: dict[str, Any] = {"polymorphic_identity": "glucose"}


class DoseRow(EntryRow):
    __tablename__ = detail_table(EntryKind.DOSE)
    id: Mapped[int] = _entry_fk()
    medication_id: Mapped[int] = mapped_column(
        ForeignKey("medication.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[str] = mapped_column(String(16))
    scheduled: Mapped[str | None] = mapped_column(String(5))
    dose: Mapped[str] = mapped_column(String(80), default="")
    __mapper_args__: dict[str, Any] = {"polymorphic_identity": "dose"}


class LabRow(EntryRow):
    __tablename__ = detail_table(EntryKind.LAB)
    id: Mapped[int] = _entry_fk()
    test: Mapped[str] = mapped_column(String(32))
    value: Mapped[float] = mapped_column(Float)
    __mapper_args__: dict[str, Any] = {"polymorphic_identity": "lab"}


class TrackerValueRow(EntryRow):
    __tablename__ = detail_table(EntryKind.TRACKER)
    id: Mapped[int] = _entry_fk()
    tracker_id: Mapped[int] = mapped_column(
        ForeignKey("tracker.id", ondelete="RESTRICT"), index=True
    )
    value: Mapped[float] = mapped_column(Float)
    __mapper_args__: dict[str, Any] = {"polymorphic_identity": "tracker"}


class BodyRow(EntryRow):
    __tablename__ = detail_table(EntryKind.BODY)
    id: Mapped[int] = _entry_fk()
    weight_kg: Mapped[float | None] = mapped_column(Float)
    waist_cm: Mapped[float | None] = mapped_column(Float)
    systolic_mmhg: Mapped[int | None] = mapped_column(Integer)
    diastolic_mmhg: Mapped[int | None] = mapped_column(Integer)
    pulse_bpm: Mapped[int | None] = mapped_column(Integer)
    __mapper_args__: dict[str, Any] = {"polymorphic_identity": "body"}


class NoteRow(EntryRow):
    """Notes have no detail columns; the text is ``entry.note``."""

    __mapper_args__: dict[str, Any] = {"polymorphic_identity": "note"}


class TagRow(Base):
    __tablename__ = tables.TAG
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)


class EntryTagRow(Base):
    __tablename__ = tables.ENTRY_TAG
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class FlareEpisodeRow(Base):
    __tablename__ = tables.FLARE
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    start: Mapped[date] = mapped_column(Date, index=True)
    end: Mapped[date | None] = mapped_column(Date)
    condition: Mapped[str] = mapped_column(String(80))
    triggers: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")


class MedicationRow(Base):
    __tablename__ = tables.MEDICATION
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    dose: Mapped[str] = mapped_column(String(80), default="")
    kind: Mapped[str] = mapped_column(String(16))
    times: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")
    # [[from, until or null], ...] as UTC "YYYY-MM-DDTHH:MM:SS" (see Medication.periods).
    periods: Mapped[list[list[str | None]] | None] = mapped_column(JSON)


class TrackerRow(Base):
    __tablename__ = tables.TRACKER
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    type: Mapped[str] = mapped_column(String(16))
    unit: Mapped[str] = mapped_column(String(24), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class FavouriteRow(Base):
    __tablename__ = "favourite"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(16))
    template: Mapped[dict[str, Any]] = mapped_column(JSON)
    __table_args__ = (UniqueConstraint("kind", "name"),)


class SettingRow(Base):
    __tablename__ = tables.SETTING
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
