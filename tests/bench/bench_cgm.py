"""CGM benchmark: parse a big Clarity/LibreView export, then the metrics and AGP of it.

    python tests/bench/bench_cgm.py --readings 1000000 --out cgm.json

Writes a synthetic Dexcom G6 Clarity export (5-minute readings, ~9.5 years for a million)
and a LibreView export of the same trace every 15 minutes, then times (best of --runs):
- a bare ``csv.reader`` pass over the Clarity file that keeps every row (the baseline);
- ``read_clarity`` on it, and ``read_libreview`` on the LibreView file;
- ``cgm_metrics`` and ``agp`` over all the readings, and over the last 14 days.
Not part of the test suite: timings belong here, never in assertions.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from journal.analysis.cgm_metrics import agp, cgm_metrics  # noqa: E402
from journal.io.cgm.dexcom import read_clarity  # noqa: E402
from journal.io.cgm.libreview import read_libreview  # noqa: E402
from journal.io.cgm.samples import (  # noqa: E402
    every,
    synthetic_readings,
    write_clarity,
    write_libreview,
)

ZONE = ZoneInfo("Europe/Berlin")


def best(action: Callable[[], object], runs: int) -> float:
    """Seconds of the fastest of ``runs`` calls (the least disturbed by other work)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def bare_csv(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return len(list(csv.reader(handle)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readings", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args()
    days = args.readings * 5 // 1440 + 1
    with tempfile.TemporaryDirectory() as folder:
        clarity = Path(folder) / "clarity.csv"
        libre = Path(folder) / "libreview.csv"
        start = time.perf_counter()
        trace = synthetic_readings(days, start=datetime(2016, 1, 1, tzinfo=ZONE), zone=ZONE)
        trace = type(trace)(trace.utc_seconds[: args.readings], trace.mgdl[: args.readings])
        write_clarity(clarity, trace, ZONE)
        write_libreview(libre, every(trace, 15), ZONE, style="EU")
        written = time.perf_counter() - start
        result = read_clarity(clarity, ZONE)
        historic = result.historic
        figures = {
            "readings": len(historic),
            "clarity_mb": round(clarity.stat().st_size / 1e6, 1),
            "libreview_rows": len(every(trace, 15)),
            "write_s": round(written, 2),
            "bare_csv_s": best(lambda: bare_csv(clarity), args.runs),
            "read_clarity_s": best(lambda: read_clarity(clarity, ZONE), args.runs),
            "read_libreview_s": best(lambda: read_libreview(libre, ZONE), args.runs),
        }
        columns = (historic.utc_seconds, historic.utc_offset_minutes, historic.mgdl)
        last = int(historic.utc_seconds[-1])
        figures["metrics_all_s"] = best(lambda: cgm_metrics(*columns), args.runs)
        figures["agp_all_s"] = best(lambda: agp(*columns), args.runs)
        figures["metrics_14d_s"] = best(
            lambda: cgm_metrics(*columns, start=last - 14 * 86_400), args.runs
        )
        figures["agp_14d_s"] = best(lambda: agp(*columns, start=last - 14 * 86_400), args.runs)
    figures["ratio_clarity_to_bare_csv"] = figures["read_clarity_s"] / figures["bare_csv_s"]
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for key, value in figures.items():
        print(f"{key:28} {value:.3f}" if isinstance(value, float) else f"{key:28} {value}")
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
