"""One running Interplay per journal: an OS-level lock on a file in the data directory.

The lock is released by the operating system when the process ends, even after a crash,
so a stale lock file never blocks the user.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sys
from pathlib import Path
from typing import IO, Literal

from journal.store.files import make_private

log = logging.getLogger(__name__)

LOCK_FILENAME = "interplay.lock"


class JournalLockedError(Exception):
    """Another Interplay already has this journal open."""


Holder = Literal["window", "command"]
# errno values meaning "this folder cannot be written" (a read-only disk, no permission).
_CANNOT_WRITE = (errno.EROFS, errno.EACCES, errno.EPERM)


class JournalLock:
    """The lock of one data folder, taken by a window or by a command (``holder``), which
    the lock file records so a second instance can say which is in the way."""

    def __init__(self, data_dir: Path, holder: Holder = "command") -> None:
        self.path = data_dir / LOCK_FILENAME
        self.holder = holder
        self._file: IO[str] | None = None
        self.skipped: str | None = None
        """Why no lock was taken (the folder cannot be written), or None."""

    def acquire(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = self.path.open("a+", encoding="utf-8")
        except OSError as exc:
            if exc.errno not in _CANNOT_WRITE or not self.path.parent.is_dir():
                raise
            # Nothing can change a journal in a folder that cannot be written, so there is
            # nothing to guard; opening it read-only says so to the person.
            self.skipped = (
                f"no lock was taken: the data folder {self.path.parent} cannot be written "
                f"({exc.strerror or exc})"
            )
            log.info("%s", self.skipped)
            return
        try:
            _lock(handle)
        except OSError:
            holder = _holder_of(handle)
            handle.close()
            raise JournalLockedError(_locked_message(self.path.parent, holder)) from None
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()} {self.holder}")
            handle.flush()
        except OSError:  # a full disk: the lock is held all the same; who holds it is a nicety
            log.info("could not note the lock's holder in %s", self.path)
        make_private(self.path)
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            _unlock(self._file)
            with contextlib.suppress(OSError):  # the holder's note could not be written
                self._file.close()
            self._file = None

    @property
    def held(self) -> bool:
        return self._file is not None

    def __enter__(self) -> JournalLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def _holder_of(handle: IO[str]) -> str:
    """What the lock file says holds it: "window", "command", or "" (an older version)."""
    try:
        handle.seek(0)
        words = handle.read(64).split()
    except (OSError, ValueError):
        return ""
    return words[1] if len(words) > 1 else ""


def _locked_message(folder: Path, holder: str) -> str:
    if holder == "command":
        return (
            f"Interplay is already using this journal ({folder}): a command is running on it. "
            "Wait for it to finish, then try again."
        )
    if holder == "window":
        return (
            f"Interplay is already open on this journal ({folder}). "
            "Switch to that window, or close it and try again."
        )
    return (
        f"Interplay is already using this journal ({folder}), in a window or a command. "
        "Switch to that window or wait for the command to finish, then try again."
    )


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
