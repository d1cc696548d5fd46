"""Kill a process that is saving entries at random moments: nothing acknowledged is ever lost.

A child process saves glucose readings through the services in a loop and prints each uid
(flushed) only after the save has returned. The parent kills it with SIGKILL after a random
number of acknowledgements, many times over the same journal; after each kill the journal
passes ``check``, holds every acknowledged entry, and has no half-written entry.

The children are forked from one helper process that has already imported the services and
saved once in a scratch journal (what a fresh interpreter spends ~1 s of each trial on): each
child is still its own process, with its own connection to the journal, killed by SIGKILL.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from journal.store.files import JOURNAL_FILENAME
from journal.store.integrity import check_journal
from tests.e2e.forking import start_helper

TRIALS = 30
SEED = 20261124
UID = re.compile(r"^[0-9a-f]{32}$")

# Reads one data folder per line on stdin; for each, forks a child that prints "pid N", then
# saves and acknowledges until it is killed; once it has died, prints "dead".
FORKING_HELPER = textwrap.dedent(
    """
    import os, sys, tempfile
    from datetime import datetime
    from pathlib import Path

    from journal.domain.clock import SystemClock
    from journal.domain.entries import Glucose
    from journal.services import open_services


    def save_until_killed(data_dir):
        services = open_services(data_dir, SystemClock())
        value = 70.0
        while True:
            saved = services.journal.add_entry(
                Glucose(at=datetime.now().astimezone(), mgdl=value, note="x" * int(value))
            )
            sys.stdout.write(saved.uid + "\\n")
            sys.stdout.flush()
            value = 70.0 + (value + 7.0) % 200.0


    with tempfile.TemporaryDirectory() as scratch:  # load what the first save loads
        warm = open_services(Path(scratch), SystemClock())
        warm.journal.add_entry(Glucose(at=datetime.now().astimezone(), mgdl=90.0))
        warm.close()
    sys.stdout.write("ready\\n")
    sys.stdout.flush()
    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            try:
                sys.stdout.write(f"pid {os.getpid()}\\n")
                sys.stdout.flush()
                save_until_killed(Path(line.strip()))
            finally:
                os._exit(1)
        os.waitpid(pid, 0)
        sys.stdout.write("dead\\n")
        sys.stdout.flush()
    """
)


def _start_helper(tmp_path: Path) -> subprocess.Popen[str]:
    return start_helper(FORKING_HELPER, tmp_path)


def _run_and_kill(
    helper: subprocess.Popen[str], data_dir: Path, acks_before_kill: int
) -> list[str]:
    """Start a child, wait for some acknowledgements, SIGKILL it; return every ack."""
    assert helper.stdin is not None and helper.stdout is not None
    helper.stdin.write(f"{data_dir}\n")
    helper.stdin.flush()
    first = helper.stdout.readline()
    assert first.startswith("pid "), first
    pid = int(first.split()[1])
    acked: list[str] = []
    try:
        while len(acked) < acks_before_kill:
            line = helper.stdout.readline().strip()
            if not UID.match(line):
                raise AssertionError(
                    f"the child stopped early: {line!r}; see {data_dir.parent / 'helper.err'}"
                )
            acked.append(line)
    finally:
        with contextlib.suppress(ProcessLookupError):  # it may have stopped by itself
            os.kill(pid, signal.SIGKILL)
    # Lines written before the kill are acknowledged too; "dead" comes once it has died.
    for line in iter(helper.stdout.readline, "dead\n"):
        assert line, "the helper stopped"
        if UID.match(line.strip()):
            acked.append(line.strip())
    return acked


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killing_a_saving_process_never_loses_an_acknowledged_entry(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    rng = random.Random(SEED)
    acknowledged: set[str] = set()
    helper = _start_helper(tmp_path)
    try:
        for trial in range(TRIALS):
            acknowledged.update(_run_and_kill(helper, data_dir, rng.randint(1, 25)))
            _check_after_kill(data_dir, acknowledged, trial)
    finally:
        helper.kill()
        helper.wait()
        for stream in (helper.stdin, helper.stdout):
            if stream is not None:
                stream.close()
    assert len(acknowledged) >= TRIALS


def _check_after_kill(data_dir: Path, acknowledged: set[str], trial: int) -> None:
    report = check_journal(data_dir)
    assert report.ok, f"trial {trial}: {report.problems}"
    with sqlite3.connect(data_dir / JOURNAL_FILENAME) as db:
        stored = {uid for (uid,) in db.execute("SELECT uid FROM entry")}
        orphans = db.execute(
            "SELECT count(*) FROM entry LEFT JOIN glucose ON glucose.id = entry.id "
            "WHERE glucose.id IS NULL"
        ).fetchone()[0]
    missing = acknowledged - stored
    assert not missing, f"trial {trial}: {len(missing)} acknowledged entries lost"
    assert orphans == 0, f"trial {trial}: a half-written entry"
