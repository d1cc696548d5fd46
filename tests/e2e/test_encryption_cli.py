"""Encryption from the command line: nothing readable left, the same export after a round
trip, and a wrong or missing passphrase that stops every command with one line, unchanged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from journal.domain.entries import Note
from journal.services import open_services
from journal.store.cipher.kdf import FAST_TEST_PARAMS
from journal.store.cipher.keyring import lock_all
from journal.store.encryption.convert import encrypt_journal
from journal.store.files import JOURNAL_FILENAME
from tests.e2e.cli_runner import run_in_process

MAIN = Path(__file__).resolve().parents[2] / "main.py"
SECRET = "told the nurse about the night sweats"
HEADER = b"SQLite format 3"
ZONE = datetime(2026, 11, 24, 12).astimezone().tzinfo


@pytest.fixture(autouse=True)
def _forget_keys() -> Iterator[None]:
    yield
    lock_all()


def run(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env}
    for name in ("INTERPLAY_DATA_DIR", "INTERPLAY_PASSPHRASE", "INTERPLAY_NEW_PASSPHRASE"):
        if name not in env:
            environment.pop(name, None)
    return subprocess.run(
        [sys.executable, str(MAIN), "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def run_here(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``run`` inside this process (tests/e2e/cli_runner.py), Argon2id at its cheapest."""
    return run_in_process(*args, data_dir=data_dir, **env)


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def _journal_with_secret(data_dir: Path) -> None:
    from journal.domain.clock import FakeClock
    from journal.io.demo import generate_demo

    now = datetime(2026, 11, 24, 12, tzinfo=ZONE)
    services = open_services(data_dir, FakeClock(now))
    generate_demo(services.db, days=14, seed=3, end=date(2026, 11, 24), tz=ZONE, now=now)
    services.journal.add_entry(Note(at=now, note=SECRET))
    services.maintenance.backup()
    services.close()


def snapshot(data_dir: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(data_dir)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(data_dir.rglob("*"))
        if p.is_file()
    }


def readable(data_dir: Path) -> list[str]:
    """Files of the data folder that hold the note's text or a SQLite header."""
    return [
        name
        for name, (data, _mtime) in snapshot(data_dir).items()
        if SECRET.encode() in data or HEADER in data
    ]


def exported(data_dir: Path, out: Path, runner: Any = run, **env: str) -> dict[str, object]:
    result = runner(data_dir, "export", "--out", str(out), **env)
    assert result.returncode == 0, result.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    document.pop("exported_at", None)
    return document


@pytest.mark.slow
def test_encrypt_leaves_nothing_readable_and_decrypt_gives_the_same_export(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    _journal_with_secret(data_dir)
    before = exported(data_dir, tmp_path / "before.json")

    result = run(data_dir, "encrypt", INTERPLAY_NEW_PASSPHRASE="a long enough passphrase")
    assert result.returncode == 0, result.stderr
    assert "Encrypted the journal" in result.stdout
    assert "1 backup(s) were rewritten" in result.stdout
    assert readable(data_dir) == []
    assert (data_dir / "backups").is_dir() and len(list((data_dir / "backups").iterdir())) == 2

    assert "INTERPLAY_PASSPHRASE" in one_line_error(run(data_dir, "summary"))
    result = run(data_dir, "check", INTERPLAY_PASSPHRASE="a long enough passphrase")
    assert result.returncode == 0, result.stderr
    assert "Integrity: ok" in result.stdout

    result = run(data_dir, "decrypt", INTERPLAY_PASSPHRASE="a long enough passphrase")
    assert result.returncode == 0, result.stderr
    assert "backups stay encrypted" in result.stdout
    assert exported(data_dir, tmp_path / "after.json") == before
    assert all(not p.read_bytes().startswith(HEADER) for p in (data_dir / "backups").iterdir()), (
        "turning encryption off keeps the backups encrypted"
    )


@pytest.mark.slow
def test_a_wrong_passphrase_stops_every_command_and_changes_no_file(
    tmp_path: Path, cheap_argon2: None
) -> None:
    data_dir = tmp_path / "data"
    _journal_with_secret(data_dir)
    encrypt_journal(data_dir, "the right passphrase", params=FAST_TEST_PARAMS)
    lock_all()
    backup = next((data_dir / "backups").iterdir())
    (data_dir / "interplay.log").touch()  # the log file each command opens (for appending)
    before = snapshot(data_dir)
    for args in (
        ("summary",),
        ("check",),
        ("backup",),
        ("decrypt",),
        ("change-passphrase",),
        ("restore", str(backup)),
        ("export", "--out", str(tmp_path / "x.json")),
    ):
        line = one_line_error(
            run_here(
                data_dir,
                *args,
                INTERPLAY_PASSPHRASE="not the passphrase",
                INTERPLAY_NEW_PASSPHRASE="a new passphrase",
            )
        )
        assert "not the journal's" in line, (args, line)
        assert snapshot(data_dir) == before, args
    assert not (tmp_path / "x.json").exists()


@pytest.mark.slow
def test_change_passphrase_and_restore_a_backup_made_under_the_old_one(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _journal_with_secret(data_dir)
    encrypt_journal(data_dir, "the first passphrase", params=FAST_TEST_PARAMS)
    elsewhere = tmp_path / "stick" / "journal-2026-11-24T120000.sqlite3"
    from journal.store.backup import backup_journal

    backup_journal(data_dir / JOURNAL_FILENAME, out=elsewhere)
    lock_all()

    result = run(
        data_dir,
        "change-passphrase",
        "--recovery-key",
        str(tmp_path / "recovery.txt"),
        INTERPLAY_PASSPHRASE="the first passphrase",
        INTERPLAY_NEW_PASSPHRASE="the second passphrase",
    )
    assert result.returncode == 0, result.stderr
    assert "not the journal's" in one_line_error(
        run(data_dir, "summary", INTERPLAY_PASSPHRASE="the first passphrase")
    )
    recovery = (tmp_path / "recovery.txt").read_text(encoding="utf-8").splitlines()[-1]
    assert run(data_dir, "summary", INTERPLAY_PASSPHRASE=recovery).returncode == 0

    # The backup on the stick was made under the first passphrase: restore asks for it.
    line = one_line_error(
        run(data_dir, "restore", str(elsewhere), INTERPLAY_PASSPHRASE="the second passphrase")
    )
    assert "INTERPLAY_BACKUP_PASSPHRASE" in line
    result = run(
        data_dir,
        "restore",
        str(elsewhere),
        INTERPLAY_PASSPHRASE="the second passphrase",
        INTERPLAY_BACKUP_PASSPHRASE="the first passphrase",
    )
    assert result.returncode == 0, result.stderr
    # The restored journal keeps the journal's passphrase of now.
    result = run(data_dir, "check", INTERPLAY_PASSPHRASE="the second passphrase")
    assert result.returncode == 0, result.stderr
    assert readable(data_dir) == []


def test_a_new_passphrase_that_is_too_short_is_refused(tmp_path: Path, data_dir: Path) -> None:
    (data_dir / "interplay.log").touch()
    before = snapshot(data_dir)
    line = one_line_error(run(data_dir, "encrypt", INTERPLAY_NEW_PASSPHRASE="short"))
    assert "at least 8 characters" in line
    assert snapshot(data_dir) == before


@pytest.mark.slow
def test_an_encrypted_export_imports_back_with_its_passphrase(
    tmp_path: Path, cheap_argon2: None
) -> None:
    data_dir = tmp_path / "data"
    _journal_with_secret(data_dir)
    sealed = tmp_path / "mine.interplay"
    result = run_here(
        data_dir,
        "export",
        "--encrypt",
        "--out",
        str(sealed),
        INTERPLAY_EXPORT_PASSPHRASE="export passphrase",
    )
    assert result.returncode == 0, result.stderr
    assert SECRET.encode() not in sealed.read_bytes()
    other = tmp_path / "other"
    assert "does not open" in one_line_error(
        run_here(other, "import", str(sealed), INTERPLAY_EXPORT_PASSPHRASE="not the passphrase")
    )
    result = run_here(other, "import", str(sealed), INTERPLAY_EXPORT_PASSPHRASE="export passphrase")
    assert result.returncode == 0, result.stderr
    assert "from mine.interplay" in result.stdout  # the file given, not the copy inside
    assert (
        exported(other, tmp_path / "b.json", run_here)["entries"]
        == exported(data_dir, tmp_path / "a.json", run_here)["entries"]
    )
