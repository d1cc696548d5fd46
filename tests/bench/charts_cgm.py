"""Charts' glucose chart over long ranges with a million CGM readings: the trace of every
reading (before) against each day's lowest and highest (after), in one process, interleaved.

    python tests/bench/charts_cgm.py DATA_DIR [ROUNDS]

DATA_DIR holds a journal built as the benchmark builds it (``journals.build_demo`` of 3650
days, then ``journals.add_readings`` of 1,000,000). Prints medians in ms as JSON. A real
import of a 14-day Clarity file (and its undo) stands for "a CGM import"; the benchmark's
own figure forgets every kept read instead, as a change naming no days would.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from journal.io.cgm.samples import synthetic_readings, write_clarity
    from journal.services import open_services
    from journal.ui.application import create_application
    from journal.ui.main_window import MainWindow

    data_dir = Path(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    create_application()
    services = open_services(data_dir)
    window = MainWindow(services)
    window.resize(1400, 900)
    window.show()
    QApplication.processEvents()
    charts: Any = window.show_view("charts")
    QApplication.processEvents()
    reader = services.charts.cgm_days
    zone = datetime.now().astimezone().tzinfo
    start = datetime.now(zone) - timedelta(days=400)
    trace = synthetic_readings(14, start=start, zone=zone, seed=11)
    clarity = write_clarity(data_dir.parent / "charts-cgm-clarity.csv", trace, zone)

    def timed(action: Callable[[], object]) -> float:
        started = time.perf_counter()
        action()
        QApplication.processEvents()
        return (time.perf_counter() - started) * 1000

    def forget_all() -> None:
        services.charts.forget()
        services.cgm.forget()

    def imported() -> None:
        services.cgm.import_file(clarity)
        QApplication.processEvents()

    def undone() -> None:
        services.cgm.undo_import(services.cgm.imports()[0].id)
        QApplication.processEvents()

    samples: dict[str, list[float]] = {}
    cases: dict[str, Callable[[], object]] = {
        "all_first_read": forget_all,
        "all_kept": lambda: None,
        "all_after_import": imported,
        "all_after_undo": undone,
    }
    for _ in range(rounds):
        for variant, days in (("before", None), ("after", reader)):
            services.charts.cgm_days = days
            charts.set_range("2w")
            for case, prepare in cases.items():
                if case == "all_kept":
                    charts.set_range("all")
                prepare()
                samples.setdefault(f"{case}_{variant}_ms", []).append(
                    timed(lambda: charts.set_range("all"))
                )
            forget_all()
            samples.setdefault(f"2w_after_forget_{variant}_ms", []).append(
                timed(lambda: charts.set_range("2w"))
            )
    print(json.dumps({k: round(statistics.median(v), 1) for k, v in samples.items()}, indent=1))
    window.close()
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
