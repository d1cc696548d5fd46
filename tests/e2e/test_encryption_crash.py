"""Kill a process while it encrypts, decrypts or changes the passphrase: the journal always
opens with the old or the new passphrase, and nothing is lost.

A child process converts the journal and kills itself with SIGKILL at one stage of the
conversion (every stage, in turn), or after a random delay; the parent then opens the
journal with whichever passphrase works, checks it, and counts every entry and the note.

The kills at a stage fork each child from one helper process that has already imported the
conversion (what a new interpreter spends most of a second on); the kills after a random delay
start a new interpreter each time, so that the delay counts from a real start.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from journal.domain.clock import FakeClock
from journal.domain.entries import Note
from journal.services import open_services
from journal.store.cipher.kdf import FAST_TEST_PARAMS
from journal.store.cipher.keyring import WrongPassphraseError, lock_all
from journal.store.encryption.convert import STAGES, encrypt_journal
from journal.store.encryption.unlock import is_encrypted, unlock_journal
from journal.store.integrity import check_journal
from tests.e2e.forking import start_helper

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

ROOT = Path(__file__).resolve().parents[2]
SECRET = "flare started after the long drive"
NOW = datetime(2026, 11, 24, 12).astimezone()
OLD, NEW = "the old passphrase", "the new passphrase"

CHILD = textwrap.dedent(
    """
    import os, signal, sys, threading
    from pathlib import Path

    from journal.store.cipher.kdf import FAST_TEST_PARAMS
    from journal.store.encryption import convert

    data_dir, operation, stage, delay = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    def progress(reached: str) -> None:
        if reached == stage:
            die()

    if float(delay) > 0:
        threading.Timer(float(delay), die).start()
    if operation == "encrypt":
        convert.encrypt_journal(data_dir, "the new passphrase", params=FAST_TEST_PARAMS, progress=progress)
    elif operation == "decrypt":
        convert.decrypt_journal(data_dir, "the old passphrase", progress=progress)
    else:
        convert.change_passphrase(data_dir, "the old passphrase", "the new passphrase", progress=progress)
    print("finished", flush=True)
    os._exit(0)
    """
)


# Reads "DATA_DIR OPERATION STAGE" lines; for each, forks a child that converts the journal
# and kills itself at STAGE, and prints how the child ended ("killed", "finished", "status N").
FORKING_HELPER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path

    from journal.store.cipher.kdf import FAST_TEST_PARAMS
    from journal.store.encryption import convert

    def convert_and_die_at(data_dir, operation, stage):
        def progress(reached):
            if reached == stage:
                os.kill(os.getpid(), signal.SIGKILL)

        if operation == "encrypt":
            convert.encrypt_journal(data_dir, "the new passphrase", params=FAST_TEST_PARAMS, progress=progress)
        elif operation == "decrypt":
            convert.decrypt_journal(data_dir, "the old passphrase", progress=progress)
        else:
            convert.change_passphrase(data_dir, "the old passphrase", "the new passphrase", progress=progress)

    print("ready", flush=True)
    for line in sys.stdin:
        data_dir, operation, stage = line.rstrip("\\n").split("\\t")
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                convert_and_die_at(Path(data_dir), operation, stage)
                code = 0
            finally:
                sys.stderr.flush()
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            print("killed", flush=True)
        else:
            print("finished" if os.WEXITSTATUS(status) == 0 else f"status {status}", flush=True)
    """
)


@pytest.fixture(scope="module")
def forking_helper(tmp_path_factory: pytest.TempPathFactory) -> Iterator[subprocess.Popen[str]]:
    helper = start_helper(FORKING_HELPER, tmp_path_factory.mktemp("forking-helper"))
    assert helper.stdin is not None and helper.stdout is not None
    yield helper
    helper.stdin.close()
    helper.wait(timeout=60)
    helper.stdout.close()


def _kill_at_stage(
    helper: subprocess.Popen[str], data_dir: Path, operation: str, stage: str
) -> str:
    assert helper.stdin is not None and helper.stdout is not None
    helper.stdin.write(f"{data_dir}\t{operation}\t{stage}\n")
    helper.stdin.flush()
    outcome = helper.stdout.readline().strip()
    assert outcome in ("killed", "finished"), outcome
    return outcome


@pytest.fixture(autouse=True)
def _forget_keys() -> Iterator[None]:
    yield
    lock_all()


def _journal(data_dir: Path, *, encrypted: bool) -> int:
    from journal.io.demo import generate_demo

    services = open_services(data_dir, FakeClock(NOW))
    generate_demo(services.db, days=60, seed=5, end=date(2026, 11, 24), tz=NOW.tzinfo, now=NOW)
    services.journal.add_entry(Note(at=NOW, note=SECRET))
    services.maintenance.backup()
    count = services.journal.count_entries()
    services.close()
    if encrypted:
        encrypt_journal(data_dir, OLD, params=FAST_TEST_PARAMS)
        lock_all()
    return count


def _kill_during(data_dir: Path, operation: str, stage: str, delay: float) -> str:
    script = data_dir.parent / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    child = subprocess.run(
        [sys.executable, str(script), str(data_dir), operation, stage, str(delay)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )
    assert child.returncode in (0, -signal.SIGKILL), child.stderr
    return "killed" if child.returncode else "finished"


def _opens_with(data_dir: Path, count: int) -> str:
    """Which passphrase opens the journal ("none" when plain); it holds everything."""
    lock_all()
    used = "none"
    if is_encrypted(data_dir):
        for name, passphrase in (("old", OLD), ("new", NEW)):
            try:
                unlock_journal(data_dir, passphrase)
                used = name
                break
            except WrongPassphraseError:
                continue
        else:
            raise AssertionError("neither passphrase opens the journal")
    report = check_journal(data_dir)
    assert report.ok, report.problems
    services = open_services(data_dir, FakeClock(NOW))
    try:
        assert services.journal.count_entries() == count
        notes = services.journal.entries_between(NOW.date(), NOW.date())
        assert SECRET in {e.note for e in notes}
    finally:
        services.close()
    return used


OPERATIONS = {"encrypt": ("none", "new"), "decrypt": ("old", "none"), "change": ("old", "new")}


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_a_kill_at_every_stage_leaves_the_old_or_the_new_journal(
    tmp_path: Path, operation: str, forking_helper: subprocess.Popen[str]
) -> None:
    before, after = OPERATIONS[operation]
    for n, stage in enumerate(STAGES):
        data_dir = tmp_path / f"data-{n}"
        count = _journal(data_dir, encrypted=operation != "encrypt")
        outcome = _kill_at_stage(forking_helper, data_dir, operation, stage)
        assert outcome == "killed", stage
        used = _opens_with(data_dir, count)
        expected = before if STAGES.index(stage) < STAGES.index("swapped") else after
        assert used == expected, (stage, used)


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_a_kill_at_random_moments_loses_nothing(tmp_path: Path, operation: str) -> None:
    rng = random.Random(f"{operation}-20261124")
    for trial in range(3):
        data_dir = tmp_path / f"data-{trial}"
        count = _journal(data_dir, encrypted=operation != "encrypt")
        _kill_during(data_dir, operation, "", rng.uniform(0.3, 1.5))
        assert _opens_with(data_dir, count) in OPERATIONS[operation]
