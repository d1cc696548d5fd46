"""Interplay's benchmark: medians of repeated runs on a synthetic 10-year journal.

    python tests/bench/bench.py --years 10 --out bench.json

Figures (one JSON key each), with ratios to a bare baseline where one exists:
- cold start to the first painted main window, vs a script that imports PySide6 and
  pyqtgraph and shows an empty QMainWindow;
- saving one entry through the services, vs a raw sqlite3 INSERT + COMMIT with the same pragmas;
- switching the Today view between days, opening a quick-add form;
- opening the charts view and switching its range between "2 weeks" and "all" (with the
  series already read, and read again as after a change to the journal);
- peak RSS of the app at start-up and of this process after the in-process figures.
Not part of the test suite: timings belong here, never in assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BASELINE = """
import os, sys, time, resource
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph  # noqa: F401

out = Path(os.environ["INTERPLAY_FIRST_PAINT_FILE"])
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1200, 800)

class Watch(QObject):
    done = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, finish)
        return False

def finish():
    hwm = [l for l in Path("/proc/self/status").read_text().splitlines() if l.startswith("VmHWM:")]
    rss = int(hwm[0].split()[1]) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out.write_text(f"{time.time():.6f} {rss}\\n")
    app.quit()

watch = Watch()
window.installEventFilter(watch)
window.show()
app.exec()
"""


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def build_journal(data_dir: Path, years: int) -> int:
    from journal.io.demo import generate_demo
    from journal.store.database import open_database
    from journal.store.files import JOURNAL_FILENAME

    db = open_database(data_dir / JOURNAL_FILENAME)
    try:
        tz = datetime.now().astimezone().tzinfo
        assert tz is not None
        stats = generate_demo(db, days=365 * years, seed=7, end=date.today(), tz=tz)
    finally:
        db.close()
    return stats.total_entries


def first_paint(command: list[str], marker: Path, env: dict[str, str]) -> tuple[float, int]:
    """Seconds from spawning ``command`` to its first painted window, and its peak RSS (KiB)."""
    marker.unlink(missing_ok=True)
    started = time.time()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    painted, peak = marker.read_text().split()
    return float(painted) - started, int(peak)


def bench_start(data_dir: Path, runs: int) -> dict[str, float]:
    """App and baseline start alternately, so drift on a shared machine hits both alike;
    the ratio is the median of the per-pair ratios."""
    app_cmd = [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir)]
    base_cmd = [sys.executable, "-c", BASELINE]
    with tempfile.TemporaryDirectory() as tmp:
        marker = Path(tmp) / "painted"
        env = {**os.environ, "INTERPLAY_FIRST_PAINT_FILE": str(marker)}
        # As on a user's machine: Python caches compiled modules (a first run writes them).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for _ in range(2):  # warm the file cache, bytecode caches and the once-a-day backup
            first_paint(app_cmd, marker, env)
            first_paint(base_cmd, marker, env)
        pairs = [
            (first_paint(app_cmd, marker, env), first_paint(base_cmd, marker, env))
            for _ in range(runs)
        ]
    app = [a for (a, _), _b in pairs]
    base = [b for _a, (b, _) in pairs]
    ratios = [a / b for a, b in zip(app, base, strict=True)]
    return {
        "startup_ms": median_ms(app),
        "startup_baseline_ms": median_ms(base),
        "startup_ratio": round(statistics.median(ratios), 3),
        "startup_peak_rss_mb": round(max(rss for (_, rss), _b in pairs) / 1024, 1),
        "baseline_peak_rss_mb": round(max(rss for _a, (_, rss) in pairs) / 1024, 1),
    }


def repeat(action: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def bench_save(data_dir: Path, runs: int) -> dict[str, float]:
    from journal.domain.entries import Meal
    from journal.services import open_services
    from journal.store.connection import PRAGMAS

    services = open_services(data_dir)
    try:
        now = services.journal.now()
        service = repeat(
            lambda: services.journal.add_entry(Meal(at=now, items="bench soup", carbs_g=30)), runs
        )
    finally:
        services.close()
    with tempfile.TemporaryDirectory() as tmp:
        raw = sqlite3.connect(Path(tmp) / "raw.sqlite3", isolation_level=None)
        for name, value in PRAGMAS:
            raw.execute(f"PRAGMA {name}={value}")
        raw.execute("CREATE TABLE meal (id INTEGER PRIMARY KEY, at TEXT, items TEXT, carbs REAL)")

        def insert() -> None:
            raw.execute("BEGIN")
            raw.execute(
                "INSERT INTO meal (at, items, carbs) VALUES (?, ?, ?)",
                (now.isoformat(), "bench soup", 30.0),
            )
            raw.execute("COMMIT")

        baseline = repeat(insert, runs)
        raw.close()
    return {
        "save_entry_ms": median_ms(service),
        "save_baseline_ms": median_ms(baseline),
        "save_ratio": round(statistics.median(service) / statistics.median(baseline), 2),
    }


def bench_views(data_dir: Path, runs: int) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from journal.domain.vocabulary import EntryKind
    from journal.services import open_services
    from journal.ui.application import create_application
    from journal.ui.main_window import MainWindow

    create_application()
    services = open_services(data_dir)
    window = MainWindow(services)
    window.resize(1400, 900)
    window.show()
    QApplication.processEvents()
    results: dict[str, float] = {}
    try:
        today = window.show_view("today")
        rng = random.Random(3)
        first = date.today() - timedelta(days=3650)
        days = [first + timedelta(days=rng.randrange(3650)) for _ in range(runs)]
        samples = []
        for day in days:
            started = time.perf_counter()
            today.show_day(day)  # type: ignore[attr-defined]
            QApplication.processEvents()
            samples.append(time.perf_counter() - started)
        results["day_switch_ms"] = median_ms(samples)

        from journal.ui.forms import EntryDialog

        def open_form() -> None:
            dialog = EntryDialog(services, EntryKind.MEAL, parent=window)
            dialog.show()
            QApplication.processEvents()
            dialog.reject()
            dialog.deleteLater()

        results["open_form_ms"] = median_ms(repeat(open_form, max(5, runs // 5)))

        started = time.perf_counter()
        charts = window.show_view("charts")
        QApplication.processEvents()
        results["charts_first_open_ms"] = round((time.perf_counter() - started) * 1000, 1)
        for label, cold in (
            ("charts_range_switch_ms", False),
            ("charts_range_switch_cold_ms", True),
        ):
            switches = []
            for _ in range(max(5, runs // 10)):
                for name in ("2w", "all"):
                    if cold:  # as after a journal change: the series are read again
                        charts.charts.forget()  # type: ignore[attr-defined]
                    started = time.perf_counter()
                    charts.set_range(name)  # type: ignore[attr-defined]
                    QApplication.processEvents()
                    switches.append(time.perf_counter() - started)
            results[label] = median_ms(switches)
        results["views_peak_rss_mb"] = round(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
        )
    finally:
        window.close()
        services.close()
    return results


def bench_search(data_dir: Path, runs: int) -> dict[str, float]:
    """Searches as people type them: a rare word, a common one, a kind, a year."""
    from journal.domain.vocabulary import EntryKind
    from journal.services import open_services
    from journal.services.search import SearchQuery

    services = open_services(data_dir)
    today = services.journal.now().date()
    queries = {
        "search_rare_word_ms": SearchQuery("lupus"),
        "search_common_word_ms": SearchQuery("walk"),
        "search_one_letter_ms": SearchQuery("a"),
        "search_notes_only_ms": SearchQuery("tired", frozenset({EntryKind.NOTE}), False),
        "search_past_year_ms": SearchQuery("e", first=today - timedelta(days=364), last=today),
    }
    try:
        return {
            name: median_ms(repeat(lambda q=query: services.journal.find(q), runs))
            for name, query in queries.items()
        }
    finally:
        services.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument(
        "--runs", type=int, default=15, help="start-up runs of each (app, baseline)"
    )
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    parser.add_argument("--data-dir", type=Path, help="reuse a journal built earlier")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="interplay-bench-") as tmp:
        data_dir = args.data_dir or Path(tmp)
        figures: dict[str, float] = {"years": args.years}
        if not (data_dir / "journal.sqlite3").exists():
            started = time.perf_counter()
            figures["entries"] = build_journal(data_dir, args.years)
            figures["demo_build_s"] = round(time.perf_counter() - started, 2)
        figures |= bench_start(data_dir, args.runs)
        figures |= bench_save(data_dir, 200)
        figures |= bench_views(data_dir, 100)
        figures |= bench_search(data_dir, 20)

    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
