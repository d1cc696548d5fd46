"""The benchmark's journals: demo journals (through the services, as ``interplay demo``
writes them), a million CGM readings added through the bulk writer, and a heavy day.

Each is built once per run in the benchmark's own process; every figure that depends on
what a process has loaded or allocated is then measured in a fresh process.
"""

from __future__ import annotations

import shutil
import time
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

JOURNAL = "journal.sqlite3"
HEAVY_DAY_ENTRIES = 300


def local_zone() -> tzinfo:
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


def build_demo(data_dir: Path, days: int, seed: int = 7) -> dict[str, Any]:
    """A demo journal of ``days`` days ending today, written by the demo service."""
    from journal.services import open_services

    data_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    services = open_services(data_dir)
    try:
        stats = services.demo.fill(lambda _done, _total: None, lambda: False, days=days, seed=seed)
    finally:
        services.close()
    return {
        "days": days,
        "entries": stats.total_entries,
        "build_s": round(time.perf_counter() - started, 2),
        "file_mb": round((data_dir / JOURNAL).stat().st_size / 1e6, 1),
    }


def copy_journal(source: Path, target: Path) -> Path:
    """A copy of the journal in ``source`` (the file only: no backups, no lock)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / JOURNAL, target / JOURNAL)
    return target


def add_readings(data_dir: Path, count: int, seed: int = 3) -> dict[str, Any]:
    """``count`` five-minute CGM readings ending now, as one import batch of one device,
    written through ``ReadingWriter`` (the bulk path an import takes) in one transaction."""
    import numpy as np

    from journal.io.cgm.samples import synthetic_readings
    from journal.io.cgm.wallclock import zone_table
    from journal.services import open_services
    from journal.store import cgm_store
    from journal.store.bulk_write import ReadingWriter

    zone = local_zone()
    started = time.perf_counter()
    days = count * 5 // 1440 + 2
    first = datetime.now(zone) - timedelta(minutes=5 * count)
    trace = synthetic_readings(days, start=first, zone=zone, seed=seed)
    utc = trace.utc_seconds[:count]
    mgdl = trace.mgdl[:count].astype(np.float64)
    offset = zone_table(zone, int(utc[0]), int(utc[-1])).offset_at(utc)
    day = (utc + offset) // 86_400
    services = open_services(data_dir)
    try:
        with services.db.transaction() as session:
            device = cgm_store.device_id(session, "Dexcom G6", "BENCH0001", 40.0, 400.0)
            now = datetime.now(zone)
            batch = cgm_store.add_import(session, now, "bench.csv", "clarity", str(zone))
            rows = zip(
                utc.tolist(),
                [device] * count,
                [0] * count,  # historic readings
                (offset // 60).tolist(),
                day.tolist(),
                mgdl.tolist(),
                [0] * count,
                [batch] * count,
                strict=True,
            )
            written = ReadingWriter(session).add_many(rows)
            cgm_store.finish_import(
                session,
                batch,
                readings=written,
                entries=0,
                first_utc=int(utc[0]),
                last_utc=int(utc[-1]),
            )
    finally:
        services.close()
    return {
        "readings": written,
        "build_s": round(time.perf_counter() - started, 2),
        "file_mb": round((data_dir / JOURNAL).stat().st_size / 1e6, 1),
    }


def heavy_day() -> date:
    """The day the benchmark fills with ``HEAVY_DAY_ENTRIES`` entries (in the past, so the
    first paint still shows an ordinary today)."""
    return date.today() - timedelta(days=40)


def add_heavy_day(data_dir: Path, count: int = HEAVY_DAY_ENTRIES) -> dict[str, Any]:
    """``count`` entries of every common kind on ``heavy_day()``, logged one by one through
    the services as a person would (with tags on some)."""
    from journal.domain.entries import (
        BodyMeasure,
        Entry,
        Exercise,
        Glucose,
        Meal,
        Note,
        StressCheck,
        SymptomCheck,
    )
    from journal.services import open_services

    zone = local_zone()
    day = heavy_day()
    start = datetime(day.year, day.month, day.day, 0, 30, tzinfo=zone)

    def entry(i: int) -> Entry:
        at = start + timedelta(seconds=i * 23 * 3600 // count)
        tags = ("bench", f"t{i % 7}") if i % 3 == 0 else ()
        kinds: list[Entry] = [
            Meal(at=at, items=f"bench meal {i}", carbs_g=30 + i % 20, tags=tags),
            Glucose(at=at, mgdl=90 + i % 60, tags=tags),
            Note(at=at, note=f"bench note {i}: tired after the walk", tags=tags),
            Exercise(at=at, activity="walk", minutes=10 + i % 30, tags=tags),
            StressCheck(at=at, stress=1 + i % 9, mood=1 + i % 5, tags=tags),
            SymptomCheck(at=at, scores={"fatigue": i % 10, "pain": i % 5}, tags=tags),
            BodyMeasure(at=at, weight_kg=70 + i % 5, pulse_bpm=60 + i % 20, tags=tags),
        ]
        return kinds[i % len(kinds)]

    services = open_services(data_dir)
    try:
        for i in range(count):
            services.journal.add_entry(entry(i))
    finally:
        services.close()
    return {"day": day.isoformat(), "entries": count}
