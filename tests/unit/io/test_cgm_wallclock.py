"""Bulk wall-clock parsing and zone placement agree with datetime and zoneinfo, row by row."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from journal.io.cgm.wallclock import (
    NORMAL,
    REPEATED,
    SKIPPED,
    local_seconds,
    parse_iso_stamps,
    place,
)

# Zones with whole-hour, half-hour (Lord Howe) and negative (Dublin) summer time, a
# southern-hemisphere one, a quarter-hour offset without DST, and one that changed its
# standard offset (Samoa skipped 30 December 2011).
ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "Europe/Dublin",
    "America/Santiago",
    "Asia/Kathmandu",
    "Pacific/Apia",
]


def naive_stamps(rng: np.random.Generator, count: int) -> list[datetime]:
    start = datetime(2010, 1, 1)
    minutes = rng.integers(0, 15 * 365 * 1440, count)
    return [start + timedelta(minutes=int(m)) for m in minutes]


@pytest.mark.parametrize("name", ZONES)
def test_placing_wall_clock_times_agrees_with_zoneinfo(name: str) -> None:
    zone = ZoneInfo(name)
    rng = np.random.default_rng(7)
    walls = naive_stamps(rng, 3000)
    # Add the minutes around every change of these years, where mistakes would hide.
    for year in range(2010, 2025):
        moment = datetime(year, 1, 1, tzinfo=UTC)
        while moment.year == year:
            before = moment.astimezone(zone).utcoffset()
            after = (moment + timedelta(hours=6)).astimezone(zone).utcoffset()
            if before != after:
                local = (moment + timedelta(hours=3)).astimezone(zone).replace(tzinfo=None)
                walls += [local + timedelta(minutes=m) for m in range(-240, 240, 15)]
            moment += timedelta(hours=6)
    fields = parse_iso_stamps([w.isoformat() for w in walls])
    local, valid = local_seconds(fields.a, fields.b, fields.c, fields)
    assert valid.all()

    placed, table = place(local, zone)

    for i, wall in enumerate(walls):
        fold0 = int(wall.replace(tzinfo=zone).timestamp())
        fold1 = int(wall.replace(tzinfo=zone, fold=1).timestamp())
        assert (placed.utc_fold0[i], placed.utc_fold1[i]) == (fold0, fold1), wall
        exists = datetime.fromtimestamp(fold0, zone).replace(tzinfo=None) == wall
        expected = NORMAL if fold0 == fold1 else REPEATED if exists else SKIPPED
        assert placed.status[i] == expected, wall
    offsets = table.offset_at(placed.utc_fold0)
    for i in rng.integers(0, len(walls), 200):
        moment = datetime.fromtimestamp(int(placed.utc_fold0[i]), zone)
        assert offsets[i] == moment.utcoffset().total_seconds()  # type: ignore[union-attr]


def test_stamps_in_other_spellings_or_wrong_are_told_apart() -> None:
    stamps = [
        "2024-05-01T08:00:00",
        "2024-05-01 8:00:00",
        "2024-05-01T08:00",
        "2024-02-30T08:00:00",
        "",
        "2024-05-01T25:00:00",
        "2024-05-01T08:00:00Z",
    ]

    fields = parse_iso_stamps(stamps)
    local, valid = local_seconds(fields.a, fields.b, fields.c, fields)

    assert valid.tolist() == [True, True, True, False, False, False, False]
    assert local[0] == local[1] == local[2]
