"""Input stall after the first paint, in a fresh process (run by bench.py).

    python tests/bench/stall.py app DATA_DIR      # the app, started as ``interplay`` starts
    python tests/bench/stall.py bare SECONDS      # a bare window, idle, for SECONDS

A ``QTimer`` ticks every ``TICK_MS`` on the interface thread from the first frame on; the
longest gap between two ticks is the longest the interface could not answer input. For
the app it runs from the moment the warm-up thread starts (right after the first frame)
until ``SETTLE_MS`` after the warm-up has loaded the ORM and the services (so the start-up
work it releases, reminders and the daily backup's start, is inside it too). The bare
window ticks as long, idle: the machine's own noise. Prints one JSON line.
"""

from __future__ import annotations

import itertools
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TICK_MS = 5
SETTLE_MS = 300


class Ticker:
    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.stamps: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(lambda: self.stamps.append(time.perf_counter()))

    def start(self) -> None:
        self.stamps.append(time.perf_counter())
        self.timer.start()

    def mark(self) -> int:
        """Where a phase ends (the ticks so far)."""
        return len(self.stamps)

    def stop(self, split: int | None = None) -> dict[str, float]:
        """The gaps over the whole run; with ``split``, also before and after it."""
        self.timer.stop()
        self.stamps.append(time.perf_counter())
        figures = _gaps(self.stamps, "")
        if split is not None:
            figures |= _gaps(self.stamps[:split], "warm_up_")
            figures |= _gaps(self.stamps[split - 1 :], "after_")
        return figures


def _gaps(stamps: list[float], prefix: str) -> dict[str, float]:
    gaps = sorted(b - a for a, b in itertools.pairwise(stamps))
    if not gaps:
        return {}
    return {
        f"{prefix}max_gap_ms": round(gaps[-1] * 1000, 2),
        f"{prefix}p99_gap_ms": round(gaps[int(len(gaps) * 0.99)] * 1000, 2),
        f"{prefix}median_gap_ms": round(statistics.median(gaps) * 1000, 2),
        f"{prefix}ticks": len(gaps),
        f"{prefix}span_ms": round((stamps[-1] - stamps[0]) * 1000, 1),
    }


def run_app(data_dir: Path) -> dict[str, float]:
    from PySide6.QtCore import QTimer

    from journal import app
    from journal.ui.main_window import MainWindow

    result: dict[str, float] = {}
    start_warm_up = MainWindow._start_warm_up

    def measured(window: MainWindow) -> None:
        ticker = Ticker()
        ticker.start()
        started = time.perf_counter()
        start_warm_up(window)

        split: list[int] = []

        def loaded() -> None:
            result["warm_up_ms"] = round((time.perf_counter() - started) * 1000, 1)
            split.append(ticker.mark())
            QTimer.singleShot(SETTLE_MS, finish)

        def finish() -> None:
            result.update(ticker.stop(split[0]))
            window.quit_for_real()

        window.warm_up.loaded.connect(loaded)

    MainWindow._start_warm_up = measured  # type: ignore[method-assign]
    code = app.main(["--data-dir", str(data_dir)])
    if code or "max_gap_ms" not in result:
        raise SystemExit(f"the app did not finish its warm-up (exit {code})")
    return result


def run_bare(seconds: float) -> dict[str, float]:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    application = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1200, 800)
    ticker = Ticker()
    result: dict[str, float] = {}

    def finish() -> None:
        result.update(ticker.stop())
        application.quit()

    class Watch(QObject):
        done = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                QTimer.singleShot(0, ticker.start)
                QTimer.singleShot(int(seconds * 1000), finish)
            return False

    watch = Watch()
    window.installEventFilter(watch)
    window.show()
    application.exec()
    return result


def main() -> int:
    mode, argument = sys.argv[1], sys.argv[2]
    figures = run_app(Path(argument)) if mode == "app" else run_bare(float(argument))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
