"""Kill a process that is saving entries at random moments: nothing acknowledged is ever lost.

A child process saves glucose readings through the services in a loop and prints each uid
(flushed) only after the save has returned. The parent kills it with SIGKILL after a random
number of acknowledgements, many times over the same journal; after each kill the journal
passes ``check``, holds every acknowledged entry, and has no half-written entry.
"""

from __future__ import annotations

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

TRIALS = 30
SEED = 20261124
UID = re.compile(r"^[0-9a-f]{32}$")

CHILD = textwrap.dedent(
    """
    import sys
    from datetime import datetime
    from pathlib import Path

    from journal.domain.clock import SystemClock
    from journal.domain.entries import Glucose
    from journal.services import open_services

    services = open_services(Path(sys.argv[1]), SystemClock())
    value = 70.0
    while True:
        saved = services.journal.add_entry(
            Glucose(at=datetime.now().astimezone(), mgdl=value, note="x" * int(value))
        )
        sys.stdout.write(saved.uid + "\\n")
        sys.stdout.flush()
        value = 70.0 + (value + 7.0) % 200.0
    """
)


def _run_and_kill(script: Path, data_dir: Path, acks_before_kill: int) -> list[str]:
    """Start the child, wait for some acknowledgements, SIGKILL it; return every ack."""
    child = subprocess.Popen(
        [sys.executable, str(script), str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert child.stdout is not None
    acked: list[str] = []
    try:
        while len(acked) < acks_before_kill:
            line = child.stdout.readline()
            if not line:
                raise AssertionError(f"the child stopped early: {child.stderr.read()}")  # type: ignore[union-attr]
            acked.append(line.strip())
        child.send_signal(signal.SIGKILL)
        rest = child.stdout.read()  # lines written before the kill are acknowledged too
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
        if child.stderr is not None:
            child.stderr.close()
    acked += [line for line in rest.split("\n") if UID.match(line)]
    return acked


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killing_a_saving_process_never_loses_an_acknowledged_entry(tmp_path: Path) -> None:
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    data_dir = tmp_path / "data"
    rng = random.Random(SEED)
    acknowledged: set[str] = set()
    for trial in range(TRIALS):
        acknowledged.update(_run_and_kill(script, data_dir, rng.randint(1, 25)))
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
    assert len(acknowledged) >= TRIALS
