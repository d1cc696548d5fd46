"""Fixtures shared by every test: a temporary journal, a fake clock, offscreen Qt."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("INTERPLAY_DATA_DIR", None)

from journal.domain.clock import FakeClock
from journal.services import Services, open_services

# A fixed "now" for every test: Tuesday 24 November 2026, noon, in UTC+01:00.
TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=TZ)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def services(data_dir: Path, clock: FakeClock) -> Iterator[Services]:
    opened = open_services(data_dir, clock)
    yield opened
    opened.close()
