"""The user's time zone: chosen in the settings, else the system's, else the clock's offset.

Reminders fire at wall-clock times in this zone, and imports of wall-clock files (a CGM
export) read their times in it.
"""

from __future__ import annotations

import contextlib
import os
from datetime import UTC, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from journal.lazy import lazy_module
from journal.services.journal import JournalService, Topic
from journal.store import plain_read as plain
from journal.store.database import Database

if TYPE_CHECKING:
    from journal.store import repository as repo
else:  # loaded on first use: the window paints before SQLAlchemy's ORM has loaded
    repo = lazy_module("journal.store.repository")


TIME_ZONE_KEY = "time_zone"


def system_zone_name() -> str | None:
    """The IANA name of the system's time zone, if it can be found."""
    candidates: list[str] = []
    if os.environ.get("TZ"):
        candidates.append(os.environ["TZ"].lstrip(":"))
    localtime = Path("/etc/localtime")
    try:
        target = str(localtime.resolve())
    except OSError:
        target = ""
    if "zoneinfo/" in target:
        candidates.append(target.split("zoneinfo/", 1)[1])
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    for name in candidates:
        if zone_named(name) is not None:
            return name
    return None


def zone_named(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


class UserZone:
    """The zone of one open journal's user (``override`` fixes it, for tests and tools)."""

    def __init__(self, db: Database, journal: JournalService, override: tzinfo | None = None):
        self.db = db
        self.journal = journal
        self.override = override

    def zone(self) -> tzinfo:
        """The user's zone: chosen in settings, else the system's, else the clock's offset."""
        if self.override is not None:
            return self.override
        with self.db.plain_reading() as connection:
            chosen = plain.get_setting(connection, TIME_ZONE_KEY)
        for name in (chosen, system_zone_name()):
            if isinstance(name, str) and (zone := zone_named(name)) is not None:
                return zone
        offset = self.journal.now().tzinfo
        return offset if offset is not None else UTC

    def set_time_zone(self, name: str) -> None:
        """Use ``name`` (IANA, e.g. "Europe/Berlin") from now on; reminders re-anchor to it."""
        if zone_named(name) is None:
            from journal.domain.reminders import ScheduleError

            raise ScheduleError(f"“{name}” is not a time zone this computer knows.")
        with self.db.transaction() as session:
            repo.put_setting(session, TIME_ZONE_KEY, name)
        self.journal.announce([], "Time zone changed", topics=[Topic.SETTINGS, Topic.REMINDERS])
