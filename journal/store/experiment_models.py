"""The SQLAlchemy model of self-experiments, on the journal's ``Base`` (created by 0006).

``reminder_id`` is a plain integer, not a foreign key: removing the reminder by hand leaves
the experiment as it was, only without its reminder.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from journal.store.base import Base


class ExperimentRow(Base):
    __tablename__ = "experiment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    factor: Mapped[str] = mapped_column(String(120))
    factor_label: Mapped[str] = mapped_column(String(160))
    outcome: Mapped[str] = mapped_column(String(120))
    outcome_label: Mapped[str] = mapped_column(String(160))
    lag_days: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(8))
    seed: Mapped[int] = mapped_column(Integer)
    start: Mapped[date] = mapped_column(Date)
    # One character per day from ``start``: "1" with the factor, "0" without.
    schedule: Mapped[str] = mapped_column(Text)
    reminder_id: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    stopped: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
