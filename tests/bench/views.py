"""The views, timed in a fresh process (run by bench.py), ending with its peak memory.

    python tests/bench/views.py app DATA_DIR ROUNDS [HEAVY_DAY]
    python tests/bench/views.py bare

``app`` opens the main window on the journal (as the app does, less the warm-up thread)
and times, each as a median: switching Today between days (and to the heavy day, against
ordinary days, interleaved), opening a quick-add form, opening Charts (the first time,
pyqtgraph included), switching Charts to "2 weeks" and to "all" (separately: never one
median of both), with the series kept and read again as after an entry (and, with CGM
readings, as after a CGM import), and the Glucose view's two weeks. Then the process's
peak RSS (VmHWM). ``bare`` shows an empty QMainWindow and reports its peak RSS: the
baseline. Prints one JSON line.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 2)


def run_bare() -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication, QMainWindow

    application = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1400, 900)
    window.show()
    application.processEvents()
    figures = {"peak_rss_mb": peak_rss_mb()}
    window.close()
    return figures


def run_app(data_dir: Path, rounds: int, heavy: date | None) -> dict[str, Any]:
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

    def timed(action: Callable[[], object]) -> float:
        started = time.perf_counter()
        action()
        QApplication.processEvents()
        return time.perf_counter() - started

    figures: dict[str, Any] = {}
    try:
        today = window.show_view("today")
        show_day: Callable[[date], None] = today.show_day  # type: ignore[attr-defined]
        rng = random.Random(3)
        with services.db.plain_reading() as connection:  # the days the journal covers
            (first_day,) = connection.execute("SELECT min(day) FROM entry").fetchone()
        first = date.fromisoformat(first_day)
        span = (services.journal.now().date() - first).days + 1
        days = [first + timedelta(days=rng.randrange(span)) for _ in range(rounds * 4)]
        figures["today_day_switch_ms"] = ms([timed(lambda d=d: show_day(d)) for d in days])
        if heavy is not None:
            pairs = [
                (timed(lambda: show_day(heavy)), timed(lambda d=d: show_day(d)))
                for d in days[: rounds * 2]
            ]
            figures["today_heavy_day_switch_ms"] = ms([h for h, _ in pairs])
            figures["today_ordinary_day_switch_ms"] = ms([o for _, o in pairs])
            figures["today_heavy_day_ratio"] = round(statistics.median(h / o for h, o in pairs), 2)

        from journal.ui.forms import EntryDialog

        def open_form() -> None:
            dialog = EntryDialog(services, EntryKind.MEAL, parent=window)
            dialog.show()
            QApplication.processEvents()
            dialog.reject()
            dialog.deleteLater()

        figures["open_form_ms"] = ms([timed(open_form) for _ in range(max(5, rounds))])

        figures["charts_first_open_ms"] = round(timed(lambda: window.show_view("charts")) * 1000, 1)
        charts: Any = window.show_view("charts")
        has_cgm = services.cgm.span() is not None
        forgets: dict[str, Callable[[], object]] = {
            "": lambda: None,
            "_after_entry": services.charts.forget,
        }
        if has_cgm:
            forgets["_after_cgm_change"] = lambda: (services.charts.forget(), services.cgm.forget())
        for suffix, forget in forgets.items():
            to_2w: list[float] = []
            to_all: list[float] = []
            for _ in range(rounds):
                forget()
                to_all.append(timed(lambda: charts.set_range("all")))
                forget()
                to_2w.append(timed(lambda: charts.set_range("2w")))
            figures[f"charts_to_2w{suffix}_ms"] = ms(to_2w)
            figures[f"charts_to_all{suffix}_ms"] = ms(to_all)
        if has_cgm:
            glucose: Any = window.show_view("glucose")
            figures["glucose_first_open_ms"] = round(
                timed(lambda: glucose.set_range("2w")) * 1000, 1
            )
            figures["glucose_view_2w_ms"] = ms(
                [timed(lambda: glucose.set_range("2w")) for _ in range(rounds)]
            )
        figures["peak_rss_mb"] = peak_rss_mb()
    finally:
        window.close()
        services.close()
    return figures


def main() -> int:
    if sys.argv[1] == "bare":
        figures = run_bare()
    else:
        heavy = date.fromisoformat(sys.argv[4]) if len(sys.argv) > 4 else None
        figures = run_app(Path(sys.argv[2]), int(sys.argv[3]), heavy)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
