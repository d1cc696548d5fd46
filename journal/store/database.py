"""Opening a journal: the SQLAlchemy engine on the one connection function, sessions, and
migrations at start-up."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal.store.connection import connect, dbapi_for, errors
from journal.store.files import make_journal_private, make_private_folder

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)


WRITES = "interplay_writes"
"""Execution option marking a connection whose transaction will write."""


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine whose every connection comes from :func:`journal.store.connection.connect`.

    The URL names the file (SQLAlchemy picks its file pool and the migrations find the
    journal from it); the connections themselves are made by ``connect``.
    """
    from sqlalchemy import create_engine, event

    # ``module``: SQLAlchemy wraps the errors of the driver that ``connect`` will use (SQLCipher's
    # for an encrypted journal), so they reach ``faults.explain`` as database errors.
    engine = create_engine(
        f"sqlite:///{path}",
        creator=lambda: connect(path, read_only=read_only),
        module=dbapi_for(path),
    )

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A unit of work takes the write lock at once (BEGIN IMMEDIATE), so a second writer
        # waits out the busy timeout instead of failing on a stale snapshot; readers keep a
        # plain deferred BEGIN and never block anyone (WAL).
        immediate = connection.get_execution_options().get(WRITES, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Database:
    """An open journal: its file, and (made on first use, as SQLAlchemy is slow to import)
    its engine and session factory; plain reads need neither."""

    def __init__(
        self,
        path: Path,
        engine: Engine | None = None,
        sessions: sessionmaker[Session] | None = None,
        *,
        read_only: bool = False,
    ) -> None:
        self.path = path
        self.read_only = read_only
        """Opened read-only (a read-only disk or folder): reads work, every write is refused."""
        self.read_only_reason = "read-only" if read_only else ""
        """Why: "read-only" (the folder cannot be written) or "disk-full"."""
        self._engine = engine
        self._sessions = sessions
        self._plain = threading.local()
        self._plain_connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        # An engine made here is made anew after ``release``: the file may have been replaced
        # by one under another key (or none), which takes another driver.
        self._own_engine = engine is None
        # Units of work under way, and why new ones are refused (a conversion replaces the
        # file: a change written to the old one meanwhile would be lost at the swap).
        self._writes = threading.Condition()
        self._writing = 0
        self._paused = ""

    @property
    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                self._engine = make_engine(self.path, read_only=self.read_only)
            return self._engine

    @property
    def sessions(self) -> sessionmaker[Session]:
        engine = self.engine
        with self._lock:
            if self._sessions is None:
                from sqlalchemy.orm import sessionmaker

                self._sessions = sessionmaker(engine, expire_on_commit=False)
            return self._sessions

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any error.

        A storage fault (read-only folder, full disk, busy or damaged file) is raised as the
        ``JournalError`` that says so (``journal.store.faults``), so every caller, the entry
        forms too, can show it as it is.
        """
        self._begin_writing()
        try:
            with self.sessions() as session, session.begin():
                session.connection(execution_options={WRITES: True})
                yield session
        except Exception as exc:
            from journal.store.faults import explain

            explained = explain(exc, self.path)
            if explained is None or explained is exc:
                raise
            raise explained from exc
        finally:
            with self._writes:
                self._writing -= 1
                self._writes.notify_all()

    def _begin_writing(self) -> None:
        with self._writes:
            if self._paused:
                from journal.store.errors import JournalBusyError

                raise JournalBusyError(self._paused)
            self._writing += 1

    @contextmanager
    def writes_paused(self, why: str, wait_s: float = 30.0) -> Iterator[None]:
        """Refuse every new unit of work (``JournalBusyError(why)``) until the block ends,
        after waiting for those under way to finish: while the file is being replaced."""
        with self._writes:
            self._paused = why
            finished = self._writes.wait_for(lambda: self._writing == 0, timeout=wait_s)
            if not finished:
                self._paused = ""
                from journal.store.errors import JournalBusyError

                raise JournalBusyError(
                    "A change to the journal is still being saved; nothing was converted. "
                    "Try again in a moment."
                )
        try:
            yield
        finally:
            with self._writes:
                self._paused = ""
                self._writes.notify_all()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    @contextmanager
    def plain_reading(self) -> Iterator[sqlite3.Connection]:
        """A bare connection (this thread's own, kept open) inside one read transaction, for
        reads in plain SQL (``journal.store.plain_read``) that need no ORM."""
        connection: sqlite3.Connection | None = getattr(self._plain, "connection", None)
        if connection is None:
            connection = connect(self.path, read_only=self.read_only)
            self._plain.connection = connection
            with self._lock:
                self._plain_connections.append(connection)
        connection.execute("BEGIN")
        try:
            yield connection
        finally:
            connection.execute("ROLLBACK")

    def release(self) -> None:
        """Close every connection to the file (before it is replaced, or at the end); new
        ones are opened on the next use."""
        with self._lock:
            engine, plain = self._engine, self._plain_connections
            self._plain_connections = []
            self._plain = threading.local()
            if self._own_engine:
                self._engine = self._sessions = None
        if engine is not None:
            engine.dispose()
        for connection in plain:
            connection.close()

    def close(self) -> None:
        self.release()


def open_database(path: Path, *, migrate: bool = True, read_only: bool | None = None) -> Database:
    """Open (creating if needed) the journal at ``path`` and bring its schema up to date.

    A journal already at ``SCHEMA_HEAD`` is checked with one plain SELECT; only one that
    needs migrating loads SQLAlchemy and Alembic here. On a read-only disk or folder
    (``read_only`` None: find out) the journal opens read-only, if it exists and is current.
    """
    from journal.store.space import disk_is_full
    from journal.store.writable import can_write

    if read_only is None:
        read_only = not can_write(path)
        if not read_only and path.exists() and disk_is_full(path.parent):
            # SQLite cannot even make its WAL index on a full disk: read what is there, and
            # say "the disk is full" to any change (``journal.store.faults``).
            return _open_read_only(path, migrate=migrate, reason="disk-full")
    if read_only:
        return _open_read_only(path, migrate=migrate)
    make_private_folder(path.parent)
    creating = False
    if migrate:
        from journal.store import empty_journal

        empty = empty_journal.inspect_empty(path)
        if empty is not None and empty.backup is not None:
            raise empty_journal.refusal(empty)
        creating = not path.exists() or empty is not None
        if creating:
            empty_journal.mark_creating(path)
    db = Database(path)
    try:
        if migrate and not _at_head(path):
            from journal.store.migrate import upgrade_to_head

            upgrade_to_head(db.engine)
    except Exception:
        db.close()
        raise
    if creating:
        empty_journal.done_creating(path)
    make_journal_private(path)
    return db


def _open_read_only(path: Path, *, migrate: bool, reason: str = "read-only") -> Database:
    from journal.store.errors import JournalReadOnlyError

    folder = path.parent
    if not path.exists():
        raise JournalReadOnlyError(
            f"There is no journal in {folder}, and Interplay cannot create one there (the "
            "folder is read-only). Make it writable, or choose another with --data-dir."
        )
    if migrate and not _at_head(path, read_only=True):
        raise JournalReadOnlyError(
            f"The journal in {folder} must be updated for this version of Interplay, which "
            "needs to write to it, and the folder is read-only. Copy the journal to a "
            "writable folder (or make this one writable) and open it there."
        )
    db = Database(path, read_only=True)
    db.read_only_reason = reason
    return db


def needs_upgrade(path: Path) -> bool:
    """Whether opening the journal will migrate an existing schema (worth saying on screen:
    it copies the journal first and may take a moment)."""
    from journal.store.plain_read import schema_revision
    from journal.store.schema_version import SCHEMA_HEAD

    if not path.exists() or path.stat().st_size == 0:
        return False
    try:
        connection = connect(path, read_only=True)
        try:
            revision = schema_revision(connection)
        finally:
            connection.close()
    except errors():
        return False  # opening says what is wrong with it
    return revision is not None and revision != SCHEMA_HEAD


def _at_head(path: Path, *, read_only: bool = False) -> bool:
    from journal.store.plain_read import schema_revision
    from journal.store.schema_version import SCHEMA_HEAD

    if not path.exists():
        return False
    connection = connect(path, read_only=read_only)
    try:
        return schema_revision(connection) == SCHEMA_HEAD
    finally:
        connection.close()


def table_names(engine: Engine) -> set[str]:
    from sqlalchemy import inspect

    return set(inspect(engine).get_table_names())
