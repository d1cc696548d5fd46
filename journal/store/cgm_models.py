"""The CGM reading stream's tables: readings, the devices they came from, and import batches.

Readings are not entries: a year of a 5-minute sensor is 105,000 of them, so each is one
compact row keyed by its UTC instant (``WITHOUT ROWID``: the key is the table, in time
order), never an ``entry`` row with a detail row and tags. Columns hold integers where they
can: the instant in UTC seconds, the offset in minutes, the local day as days since
1970-01-01 (3 bytes where an ISO date takes 10, and the form numpy and the analysis use),
the kind and Low/High flag as small integers; mg/dL is REAL, which SQLite stores as an
integer when it is whole (as sensor values are) and keeps exactly when it is not.

Reads by local day bound the key: day d lies within UTC [d x 86400 - 14 h, (d + 1) x 86400
+ 12 h), so a day range is a range scan of the key plus a filter on ``day``; a separate index
on ``day`` would add 60 % to the table and make no read faster (tests/bench/bench_cgm.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    DateTime,
    Float,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from journal.store.base import Base


class CgmDeviceRow(Base):
    """A sensor or receiver, by its name and serial as the export gives them."""

    __tablename__ = "cgm_device"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    serial: Mapped[str] = mapped_column(String(80), default="")
    low_mgdl: Mapped[float] = mapped_column(Float)
    high_mgdl: Mapped[float] = mapped_column(Float)
    __table_args__ = (UniqueConstraint("name", "serial"),)


class CgmImportRow(Base):
    """One import of readings: what "undo this import" removes."""

    __tablename__ = "cgm_import"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime)  # naive UTC
    file: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(16))
    zone: Mapped[str] = mapped_column(String(64), default="")
    readings: Mapped[int] = mapped_column(Integer, default=0)
    entries: Mapped[int] = mapped_column(Integer, default=0)
    first_utc: Mapped[int | None] = mapped_column(Integer)
    last_utc: Mapped[int | None] = mapped_column(Integer)
    # Ids are never reused: undoing "undo this import" puts the batch back under its id.
    __table_args__ = {"sqlite_autoincrement": True}


class CgmReadingRow(Base):
    """One reading; unique per instant, device and kind (module docstring)."""

    __tablename__ = "cgm_reading"
    utc: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[int] = mapped_column(
        ForeignKey("cgm_device.id", ondelete="RESTRICT"), primary_key=True
    )
    kind: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    utc_offset_min: Mapped[int] = mapped_column(SmallInteger)
    day: Mapped[int] = mapped_column(Integer)
    mgdl: Mapped[float] = mapped_column(Float)
    flag: Mapped[int] = mapped_column(SmallInteger, default=0)
    import_id: Mapped[int] = mapped_column(ForeignKey("cgm_import.id", ondelete="CASCADE"))
    __table_args__ = {"sqlite_with_rowid": False}


class CgmImportEntryRow(Base):
    """An entry an import made from the file's food and notes (removed with the import)."""

    __tablename__ = "cgm_import_entry"
    import_id: Mapped[int] = mapped_column(
        ForeignKey("cgm_import.id", ondelete="CASCADE"), primary_key=True
    )
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("entry.id", ondelete="CASCADE"), primary_key=True, index=True
    )
