"""The developers' log file holds warnings and errors only, not Alembic's chatter."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal.app import LOG_FILENAME, setup_logging
from journal.store.database import open_database
from journal.store.files import JOURNAL_FILENAME


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    setup_logging(tmp_path)
    yield tmp_path
    setup_logging(None)  # close the file before the folder goes


def _log_text(folder: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return (folder / LOG_FILENAME).read_text(encoding="utf-8")


def test_migrating_a_new_journal_writes_nothing_to_the_log(log_dir: Path) -> None:
    open_database(log_dir / JOURNAL_FILENAME).close()  # runs every Alembic migration
    logging.getLogger("journal.store.backup").info("backed up")
    assert _log_text(log_dir) == ""


def test_warnings_and_errors_reach_the_log(log_dir: Path) -> None:
    logging.getLogger("alembic.runtime.migration").info("Running upgrade  -> 0001")
    logging.getLogger("journal.services.maintenance").warning("the daily backup failed")
    logging.getLogger("journal").error("could not open the journal")
    lines = _log_text(log_dir).splitlines()
    assert len(lines) == 2
    assert "WARNING journal.services.maintenance: the daily backup failed" in lines[0]
    assert "ERROR journal: could not open the journal" in lines[1]


def test_the_log_rotates_and_keeps_two_old_files(
    log_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import journal.app

    monkeypatch.setattr(journal.app, "LOG_MAX_BYTES", 300)  # read when the file is first written
    for i in range(40):
        logging.getLogger("journal").warning("a warning worth keeping, number %d", i)
    names = sorted(p.name for p in log_dir.glob(f"{LOG_FILENAME}*"))
    assert names == [LOG_FILENAME, f"{LOG_FILENAME}.1", f"{LOG_FILENAME}.2"]
    assert "number 39" in _log_text(log_dir)
    if os.name == "posix":  # a rotation's new file is the owner's only, as the first was
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in log_dir.glob(f"{LOG_FILENAME}*")}
        assert set(modes.values()) == {0o600}, modes
