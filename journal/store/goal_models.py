"""SQLAlchemy models of goals and reminders, on the journal's ``Base`` (created by 0002).

``tracker_id`` and ``medication_id`` are plain integers, not foreign keys: a goal or reminder
whose tracker or medication is gone shows that calmly instead of blocking a delete, an import
or a clear of the journal.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from journal.store.base import Base


class GoalRow(Base):
    __tablename__ = "goal"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    measure: Mapped[str] = mapped_column(String(32))
    comparison: Mapped[str] = mapped_column(String(16))
    target: Mapped[float] = mapped_column(Float)
    period: Mapped[str] = mapped_column(String(16))
    days_per_period: Mapped[int | None] = mapped_column(Integer)
    tracker_id: Mapped[int | None] = mapped_column(Integer)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[date] = mapped_column(Date)


class ReminderRow(Base):
    __tablename__ = "reminder"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    action: Mapped[str] = mapped_column(String(16))
    message: Mapped[str] = mapped_column(Text, default="")
    medication_id: Mapped[int | None] = mapped_column(Integer)
    # {"kind": "daily", "times": ["08:00"], "weekdays": [0..6], "every_min": 120,
    #  "window": ["08:00", "20:00"]}
    schedule: Mapped[dict[str, Any]] = mapped_column(JSON)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
