"""Opening a journal: the SQLAlchemy engine on the one connection function, sessions, and
migrations at start-up."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from journal.store.connection import connect

log = logging.getLogger(__name__)


WRITES = "interplay_writes"
"""Execution option marking a connection whose transaction will write."""


def make_engine(path: Path) -> Engine:
    """An engine whose every connection comes from :func:`journal.store.connection.connect`.

    The URL names the file (SQLAlchemy picks its file pool and the migrations find the
    journal from it); the connections themselves are made by ``connect``.
    """
    engine = create_engine(f"sqlite:///{path}", creator=lambda: connect(path))

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A unit of work takes the write lock at once (BEGIN IMMEDIATE), so a second writer
        # waits out the busy timeout instead of failing on a stale snapshot; readers keep a
        # plain deferred BEGIN and never block anyone (WAL).
        immediate = connection.get_execution_options().get(WRITES, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@dataclass
class Database:
    """An open journal: its file, engine and session factory."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any error."""
        with self.sessions() as session, session.begin():
            session.connection(execution_options={WRITES: True})
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_database(path: Path, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the journal at ``path`` and bring its schema up to date."""
    from journal.store.migrate import upgrade_to_head

    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(path)
    try:
        if migrate:
            upgrade_to_head(engine)
    except Exception:
        engine.dispose()
        raise
    sessions = sessionmaker(engine, expire_on_commit=False)
    return Database(path=path, engine=engine, sessions=sessions)


def table_names(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())
