"""CGM benchmark: importing Clarity exports, glucose-stats, Charts and Today with readings.

    python tests/bench/bench_cgm.py --out cgm.json            # a year and ten years
    python tests/bench/bench_cgm.py --readings 200000 --runs 3  # quicker

Each figure is the median of interleaved runs, with its baseline from the same run where
one exists (the ratio is the median of the per-pair ratios, so drift on a shared machine
hits both alike):
- importing a year (105,120 readings) and ten years (1M) of a Dexcom G6 Clarity export into
  a fresh journal through the services (read, compare, write, backup), vs a bare
  ``csv.reader`` pass over the same file that keeps every row;
- ``glucose-stats`` over a year (the metrics and AGP as the command computes them, the
  readings read from the journal each time), vs reading those readings alone;
- switching the Charts range between "2 weeks" and "all" with 1M readings (the series kept,
  after an entry change, and after a CGM change), and the first read of "all";
- switching Today between days with a CGM day on them, vs days without readings;
- peak memory of the 1M import, in a fresh process (VmHWM).
Not part of the test suite: timings belong here, never in assertions.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from journal.io.cgm.samples import synthetic_readings, write_clarity  # noqa: E402

ZONE = ZoneInfo("Europe/Berlin")
YEAR = 365 * 288
START = datetime(2016, 1, 1, tzinfo=ZONE)


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_export(path: Path, readings: int) -> Path:
    days = readings * 5 // 1440 + 1
    trace = synthetic_readings(days, start=START, zone=ZONE)
    trace = type(trace)(trace.utc_seconds[:readings], trace.mgdl[:readings])
    return write_clarity(path, trace, ZONE)


def bare_csv(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return len(list(csv.reader(handle)))


def clock_after(readings: int) -> datetime:
    return START + timedelta(minutes=5 * readings) + timedelta(days=1)


def open_journal(folder: Path, readings: int):  # type: ignore[no-untyped-def]
    from journal.domain.clock import FakeClock
    from journal.services import open_services

    return open_services(folder, FakeClock(clock_after(readings)), zone=ZONE)


def import_once(path: Path, readings: int) -> float:
    """Seconds to import ``path`` into a fresh journal (the whole service call)."""
    with tempfile.TemporaryDirectory(prefix="interplay-cgm-") as folder:
        services = open_journal(Path(folder), readings)
        try:
            return timed(lambda: services.cgm.import_file(path))
        finally:
            services.close()


def bench_import(path: Path, readings: int, runs: int, label: str) -> dict[str, float]:
    pairs = [(timed(lambda: bare_csv(path)), import_once(path, readings)) for _ in range(runs)]
    bare = [b for b, _ in pairs]
    ours = [i for _, i in pairs]
    return {
        f"import_{label}_s": round(statistics.median(ours), 2),
        f"import_{label}_bare_csv_s": round(statistics.median(bare), 2),
        f"import_{label}_ratio": round(statistics.median(i / b for b, i in pairs), 2),
    }


def bench_stats(data: Path, readings: int, runs: int) -> dict[str, float]:
    from journal.services.cgm.report import historic_between

    services = open_journal(data, readings)
    try:
        span = services.cgm.span()
        assert span is not None
        last = span[1]
        first = last - timedelta(days=364)

        def stats() -> None:
            services.cgm.forget()  # as a fresh command: read from the journal
            services.cgm.stats_json(first, last)

        def read_only() -> None:
            with services.db.reading() as session:
                historic_between(session, first, last)

        pairs = [(timed(read_only), timed(stats)) for _ in range(runs)]
    finally:
        services.close()
    return {
        "glucose_stats_year_ms": median_ms([s for _, s in pairs]),
        "glucose_stats_year_read_only_ms": median_ms([r for r, _ in pairs]),
        "glucose_stats_year_ratio": round(statistics.median(s / r for r, s in pairs), 2),
    }


def bench_views(data: Path, readings: int, runs: int) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from journal.ui.application import create_application
    from journal.ui.main_window import MainWindow

    create_application()
    services = open_journal(data, readings)
    window = MainWindow(services)
    window.resize(1400, 900)
    window.show()
    QApplication.processEvents()
    results: dict[str, float] = {}
    try:
        charts = window.show_view("charts")
        QApplication.processEvents()
        services.cgm.forget()
        services.charts.forget()
        started = time.perf_counter()
        charts.set_range("all")  # type: ignore[attr-defined]
        QApplication.processEvents()
        results["charts_all_first_read_ms"] = round((time.perf_counter() - started) * 1000, 1)
        for label, forget in (
            ("charts_range_switch_ms", lambda: None),
            ("charts_range_switch_after_entry_ms", services.charts.forget),
            (
                "charts_range_switch_after_cgm_change_ms",
                lambda: (services.charts.forget(), services.cgm.forget()),
            ),
        ):
            switches = []
            for _ in range(runs):
                for name in ("2w", "all"):
                    forget()
                    switches.append(
                        timed(
                            lambda n=name: (
                                charts.set_range(n),  # type: ignore[attr-defined]
                                QApplication.processEvents(),
                            )
                        )
                    )
            results[label] = median_ms(switches)
        # Today's change of day, to days with a CGM day and to days without readings.
        span = services.cgm.span()
        assert span is not None
        today = window.show_view("today")
        with_cgm = [span[0] + timedelta(days=3 + 7 * i) for i in range(runs * 4)]
        without = [span[0] - timedelta(days=30 + i) for i in range(runs * 4)]
        pairs = []
        for a, b in zip(with_cgm, without, strict=True):
            pairs.append(
                (
                    timed(lambda d=a: (today.show_day(d), QApplication.processEvents())),  # type: ignore[attr-defined]
                    timed(lambda d=b: (today.show_day(d), QApplication.processEvents())),  # type: ignore[attr-defined]
                )
            )
        results["today_cgm_day_switch_ms"] = median_ms([a for a, _ in pairs])
        results["today_plain_day_switch_ms"] = median_ms([b for _, b in pairs])
        results["today_cgm_day_ratio"] = round(statistics.median(a / b for a, b in pairs), 2)
        glucose = window.show_view("glucose")
        results["glucose_view_2w_ms"] = median_ms(
            [
                timed(lambda: (glucose.set_range("2w"), QApplication.processEvents()))
                for _ in range(runs)
            ]  # type: ignore[attr-defined]
        )
        results["views_peak_rss_mb"] = round(peak_rss_mb(), 1)
    finally:
        window.close()
        services.close()
    return results


def child(task: str, path: Path, readings: int, data: Path | None) -> None:
    """One measurement in a fresh process, printed as JSON (peak memory needs its own)."""
    figures: dict[str, float] = {}
    if task == "import":
        if data is None:
            figures["seconds"] = import_once(path, readings)
        else:
            services = open_journal(data, readings)
            figures["seconds"] = timed(lambda: services.cgm.import_file(path))
            services.close()
    elif task == "views":
        assert data is not None
        figures = bench_views(data, readings, 5)
    figures["peak_rss_mb"] = round(peak_rss_mb(), 1)
    print(json.dumps(figures))


def in_child(*args: str) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise SystemExit(f"the measurement {args[0]} failed:\n{result.stderr}")
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readings", type=int, default=1_000_000, help="the long export")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        task, path, readings, *rest = args.child
        child(task, Path(path), int(readings), Path(rest[0]) if rest else None)
        return 0
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="interplay-cgm-bench-") as tmp:
        folder = Path(tmp)
        year = write_export(folder / "year.csv", YEAR)
        long = write_export(folder / "long.csv", args.readings)
        figures["year_readings"] = YEAR
        figures["long_readings"] = args.readings
        figures["long_file_mb"] = round(long.stat().st_size / 1e6, 1)
        figures |= bench_import(year, YEAR, args.runs, "year")
        figures |= bench_import(long, args.readings, max(3, args.runs // 2), "long")
        memory = in_child("import", str(long), str(args.readings))
        figures["import_long_peak_rss_mb"] = memory["peak_rss_mb"]
        data = folder / "journal"
        written = in_child("import", str(long), str(args.readings), str(data))
        figures["journal_mb_per_million"] = round(
            (data / "journal.sqlite3").stat().st_size / 1e6 * 1e6 / args.readings, 1
        )
        del written
        figures |= bench_stats(data, args.readings, args.runs)
        views = in_child("views", str(long), str(args.readings), str(data))
        figures |= {k: v for k, v in views.items() if k != "peak_rss_mb"}
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
