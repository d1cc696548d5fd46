"""``interplay screenshot --out DIR``: render each main view to PNG, light and dark."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journal.services import Services

WINDOW_SIZE = (1400, 900)
VIEWS = ("today", "charts", "goals", "insights")


def _show_a_year_by_week(charts: object) -> None:
    """A year by week is where the demo's planted relations are easiest to see."""
    from journal.analysis.series import Aggregation

    charts.set_range("1y")  # type: ignore[attr-defined]
    charts.set_aggregation(Aggregation.WEEKLY)  # type: ignore[attr-defined]


def _wait_for_insights(insights: object, timeout_s: float = 60.0) -> None:
    """Insights computes in the background; the picture shows its result, not "Updating"."""
    import time

    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if getattr(insights, "report", None) is not None and not getattr(insights, "busy", True):
            return
        time.sleep(0.02)


def take_screenshots(services: Services, out_dir: Path) -> list[Path]:
    """Show the open journal off screen and save one PNG per view and scheme."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from journal.ui.application import create_application, set_color_scheme
    from journal.ui.main_window import MainWindow

    out_dir.mkdir(parents=True, exist_ok=True)
    create_application()
    written: list[Path] = []
    try:
        for scheme, suffix in ((Qt.ColorScheme.Light, "light"), (Qt.ColorScheme.Dark, "dark")):
            set_color_scheme(scheme)
            window = MainWindow(services)
            window.resize(*WINDOW_SIZE)
            window.show()
            for key in VIEWS:
                view = window.show_view(key)
                if key == "charts":
                    _show_a_year_by_week(view)
                if key == "insights":
                    _wait_for_insights(view)
                QApplication.processEvents()
                path = out_dir / f"{key}-{suffix}.png"
                if not window.grab().save(str(path)):
                    raise OSError(f"could not write {path}")
                written.append(path)
            window.close()
            window.deleteLater()
            QApplication.processEvents()
    finally:
        set_color_scheme(Qt.ColorScheme.Unknown)
    return written
