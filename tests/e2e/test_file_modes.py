"""A health journal is private on a shared machine: the data folder the app creates is 0700
and every file in it 0600 (journal, WAL, shared memory, backups, log, lock, exports written
there), whatever the umask; an export elsewhere keeps the mode the person's system gives it."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from journal.domain.clock import FakeClock
from journal.domain.entries import Note
from journal.services import open_services
from journal.store.files import JOURNAL_FILENAME
from tests.e2e.cli_runner import run_in_process
from tests.e2e.test_cli import run
from tests.e2e.test_encryption_cli import run as run_encryption

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


@pytest.fixture
def usual_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("usual_umask")
def test_the_data_folder_and_every_file_in_it_are_private(tmp_path: Path) -> None:
    data = tmp_path / "Interplay"
    assert run("demo", "--days", "3", data_dir=data).returncode == 0  # the real program
    # The others in this process (the same umask): no interpreter's start for each.
    assert run_in_process("backup", data_dir=data).returncode == 0
    assert run_in_process("export", "--out", str(data / "all.json"), data_dir=data).returncode == 0
    csv = run_in_process("export", "--format", "csv", "--out", str(data / "csv"), data_dir=data)
    assert csv.returncode == 0
    elsewhere = tmp_path / "shared" / "all.json"
    elsewhere.parent.mkdir()
    assert run_in_process("export", "--out", str(elsewhere), data_dir=data).returncode == 0

    assert _mode(data) == 0o700
    files = [p for p in data.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert {JOURNAL_FILENAME, "interplay.log", "interplay.lock", "all.json", "meal.csv"} <= names
    assert any(p.parent.name == "backups" for p in files)
    loose = {str(p.relative_to(data)): oct(_mode(p)) for p in files if _mode(p) != 0o600}
    assert loose == {}
    assert _mode(data / "backups") == 0o700
    assert _mode(elsewhere) == 0o644  # the person's choice, not ours


@pytest.mark.usefixtures("usual_umask")
def test_the_wal_and_shared_memory_files_are_private_while_open(
    tmp_path: Path, clock: FakeClock
) -> None:
    data = tmp_path / "Interplay"
    services = open_services(data, clock)
    try:
        services.journal.add_entry(Note(at=clock.now(), note="private"))
        journal = data / JOURNAL_FILENAME
        sidecars = [journal.with_name(journal.name + s) for s in ("-wal", "-shm")]
        assert all(p.exists() for p in sidecars)
        assert [_mode(p) for p in (journal, *sidecars)] == [0o600, 0o600, 0o600]
    finally:
        services.close()


def test_an_existing_folder_keeps_its_mode(tmp_path: Path, clock: FakeClock) -> None:
    shared = tmp_path / "shared-on-purpose"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    open_services(shared, clock).close()
    assert _mode(shared) == 0o755
    assert _mode(shared / JOURNAL_FILENAME) == 0o600


@pytest.mark.slow
@pytest.mark.usefixtures("usual_umask")
def test_an_encrypted_journal_its_key_file_and_backups_stay_private(tmp_path: Path) -> None:
    data = tmp_path / "Interplay"
    assert run("demo", "--days", "3", data_dir=data).returncode == 0
    result = run_encryption(data, "encrypt", INTERPLAY_NEW_PASSPHRASE="correct horse battery")
    assert result.returncode == 0, result.stderr
    files = [p for p in data.rglob("*") if p.is_file()]
    assert {JOURNAL_FILENAME, "encryption.json"} <= {p.name for p in files}
    loose = {str(p.relative_to(data)): oct(_mode(p)) for p in files if _mode(p) != 0o600}
    assert loose == {}
