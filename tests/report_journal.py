"""Journals for the report's tests and benchmark: demo data, plus synthetic CGM readings
written through the CGM store's bulk path (one import batch, as an import would)."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

import numpy as np

from journal.io.cgm.samples import synthetic_readings
from journal.io.cgm.wallclock import zone_table
from journal.io.readings import ReadingChunk
from journal.services import Services
from journal.services.cgm.transfer import plan_chunks, write_chunks
from journal.services.journal import Topic

DEVICE = ("Dexcom G6", "SM12345678")


def add_cgm_readings(
    services: Services, start: datetime, days: int, zone: tzinfo, *, seed: int = 3
) -> int:
    """Every five minutes for ``days`` days from ``start``; returns how many were written."""
    trace = synthetic_readings(days, start=start, zone=zone, seed=seed)
    utc = trace.utc_seconds.astype(np.int64)
    offsets = zone_table(zone, int(utc[0]), int(utc[-1])).offset_at(utc) // 60
    count = len(utc)
    chunk = ReadingChunk(
        utc=utc,
        offset=offsets.astype(np.int16),
        mgdl=trace.mgdl.astype(np.float64),
        kind=np.zeros(count, np.int8),
        flag=np.zeros(count, np.int8),
        device=np.zeros(count, np.int32),
        devices=(DEVICE,),
        lines=np.zeros(count, np.int32),
        file="synthetic",
    )
    with services.db.transaction() as session:
        plan = plan_chunks(session, [chunk])
        written = write_chunks(
            session, plan, file="synthetic.json", fmt="interplay", imported_at=datetime.now(UTC)
        )
    services.journal.announce([], "CGM readings added", topics=[Topic.CGM])
    return written.readings
