"""Run ``interplay ARGS`` inside the test process: the ``journal.app.main`` a real process
runs, with its exit status, stdout and stderr, but without starting an interpreter (~1 s of
imports each time) and, with the ``cheap_argon2`` fixture (tests/conftest.py), cheap Argon2id.

What only a fresh process shows (its imports, its own log handler, nothing but one line on
stderr) stays proven by the tests that still start ``python main.py``: every command family
keeps at least one (tests/e2e/test_cli.py, test_encryption_cli.py, test_cgm_cli.py ...).
"""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

# A command sees these only when a test passes them (a subprocess gets the same treatment).
_VARIABLES = (
    "INTERPLAY_DATA_DIR",
    "INTERPLAY_PASSPHRASE",
    "INTERPLAY_NEW_PASSPHRASE",
    "INTERPLAY_BACKUP_PASSPHRASE",
    "INTERPLAY_EXPORT_PASSPHRASE",
)


def run_in_process(
    *args: str, data_dir: Path | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """``python main.py [--data-dir DIR] ARGS`` with ``env`` set, run by calling ``main``."""
    from journal.app import main, setup_logging
    from journal.store.cipher.keyring import lock_all

    argv = [*(["--data-dir", str(data_dir)] if data_dir else []), *args]
    saved_env, saved_stdin = dict(os.environ), sys.stdin
    root = logging.getLogger()
    level = root.level
    out, err = io.StringIO(), io.StringIO()
    for name in _VARIABLES:
        os.environ.pop(name, None)
    os.environ.update(env)
    sys.stdin = io.StringIO()  # not a terminal, as stdin=DEVNULL: no passphrase prompt
    lock_all()  # a process starts with no key in memory
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse: --help, --version, a usage error
                code = _exit_status(exc, err)
    finally:
        sys.stdin = saved_stdin
        os.environ.clear()
        os.environ.update(saved_env)
        setup_logging(None)  # closes the log file the command opened in its data folder
        root.setLevel(level)
        lock_all()  # ... and ends with none
    return subprocess.CompletedProcess(["main.py", *argv], code, out.getvalue(), err.getvalue())


def _exit_status(exc: SystemExit, err: io.StringIO) -> int:
    if exc.code is None or isinstance(exc.code, int):
        return exc.code or 0
    print(exc.code, file=err)
    return 1
