"""The screenshot command, run once per test run for the tests that check it (the
``screenshots`` fixture in tests/conftest.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.cli_runner import run_in_process
from tests.e2e.network_guard import GUARDED_MAIN

ROOT = Path(__file__).resolve().parents[2]
MAIN = ROOT / "main.py"


@dataclass(frozen=True)
class Screenshots:
    result: subprocess.CompletedProcess[str]
    data_dir: Path
    out_dir: Path
    network: Any  # what the no-network guard saw: {"attempts": [...], "opened": [...]}


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold ``path`` locked against the other test workers (where fcntl exists)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover (Windows: each worker takes its own)
        yield
        return
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _take_screenshots(folder: Path) -> dict[str, Any]:
    data, out, report = folder / "data", folder / "shots", folder / "network.json"
    assert run_in_process("demo", "--days", "20", data_dir=data).returncode == 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env.pop("INTERPLAY_DATA_DIR", None)
    args = ["--data-dir", str(data), "screenshot", "--out", str(out)]
    result = subprocess.run(
        [sys.executable, "-c", GUARDED_MAIN, str(report), str(MAIN), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    network = json.loads(report.read_text()) if report.exists() else None
    return {
        "args": result.args,
        "returncode": result.returncode,
        "stdout": result.stdout,
        "stderr": result.stderr,
        "network": network,
    }


def shared_screenshots(tmp_path_factory: pytest.TempPathFactory) -> Screenshots:
    """``python main.py screenshot`` of a 20-day demo journal, with the no-network guard of
    tests/e2e/network_guard.py in the program. The command takes ~15 s, so it runs once per
    test run, for the test workers together (pytest-xdist: the first to need it takes it
    under a lock, in the run's shared temporary folder); its tests (in tests/e2e/test_cli.py
    and test_no_network.py) each check what they are about."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = shared / "screenshots"
    done = shared / "screenshots.json"
    with _locked(shared / "screenshots.lock"):
        if not done.exists():
            folder.mkdir(exist_ok=True)
            done.write_text(json.dumps(_take_screenshots(folder)))
    taken = json.loads(done.read_text())
    result = subprocess.CompletedProcess(
        taken["args"], taken["returncode"], taken["stdout"], taken["stderr"]
    )
    return Screenshots(result, folder / "data", folder / "shots", taken["network"])
