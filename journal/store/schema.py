"""Every table of the journal on one ``MetaData``: importing this registers all the models."""

from __future__ import annotations

from sqlalchemy import MetaData, Table

from journal.store import cgm_models, goal_models, models
from journal.store.base import Base

__all__ = ["METADATA", "cgm_models", "goal_models", "models", "table"]

METADATA: MetaData = Base.metadata


def table(name: str) -> Table:
    """The Core table called ``name`` (for bulk writes and reads that need no ORM)."""
    return METADATA.tables[name]
