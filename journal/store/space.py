"""Room on the disk: a full disk is said as such before a write starts, and recognised when
SQLite reports only "disk I/O error" (it does when it cannot grow its shared-memory file).

``free_bytes`` is the one place that asks the operating system, so the tests can stand in
for a full disk where they cannot mount a small one.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from journal.store.errors import DiskFullError

# Below this, SQLite cannot even make the WAL index (32 KiB) and a page or two of WAL.
NEARLY_FULL_BYTES = 1 << 20


def free_bytes(folder: Path) -> int | None:
    """Bytes free on the disk holding ``folder`` (its nearest existing parent), or None if
    the system cannot tell."""
    place = folder
    while not place.exists() and place != place.parent:
        place = place.parent
    try:
        usage = shutil.disk_usage(place)
    except OSError:
        return None
    return usage.free if usage.total else None  # /sys, /proc: no size, nothing to measure


def disk_is_full(folder: Path, needed: int = 0) -> bool:
    """Whether the disk holding ``folder`` lacks ``needed`` bytes (or is nearly full)."""
    free = free_bytes(folder)
    return free is not None and free < max(needed, NEARLY_FULL_BYTES)


def disk_full_error(folder: Path, what: str = "This was not saved") -> DiskFullError:
    return DiskFullError(
        f"The disk is full (the disk holding {folder}). {what}, and nothing was half-written. "
        "Free some space (empty the trash, remove large files you do not need) and try again."
    )


def ensure_room(folder: Path, needed: int, what: str) -> None:
    """Raise ``DiskFullError`` before a write of about ``needed`` bytes that cannot fit."""
    if disk_is_full(folder, needed):
        raise disk_full_error(folder, what)


def file_bytes(*paths: Path) -> int:
    """The size of the files that exist among ``paths``."""
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:
            continue
    return total
