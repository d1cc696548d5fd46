"""The forking helper of the crash tests: one process that has loaded what its children need,
then forks a child per line it reads (each script prints "ready" first)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start_helper(script: str, folder: Path) -> subprocess.Popen[str]:
    """Run ``script`` from ``folder`` (its stderr kept in ``helper.err`` there) and wait for
    its "ready" line."""
    path = folder / "forking_helper.py"
    path.write_text(script, encoding="utf-8")
    with (folder / "helper.err").open("w") as errors:  # the helper keeps its own copy
        helper = subprocess.Popen(
            [sys.executable, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    assert helper.stdin is not None and helper.stdout is not None
    assert helper.stdout.readline() == "ready\n", (folder / "helper.err").read_text()
    return helper
