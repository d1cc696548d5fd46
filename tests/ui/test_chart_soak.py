"""Soak test: create, show and close the app's chart widgets hundreds of times.

PySide6 6.12.0 on Python 3.11 aborts with "Fatal Python error: none_dealloc" after a few
dozen pyqtgraph PlotWidgets are created and closed; 6.11.0 (pinned in pyproject.toml)
survives. This test fails (by crashing the run) on a Qt binding with that fault.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from journal.analysis.series import Aggregation, bucketed, readings
from journal.services.charts import ChartSpec, Guide, SeriesSpec
from journal.ui.charts.plot import ChartRow
from journal.ui.charts.theme import current_theme

CYCLES = 300

SPEC = ChartSpec(
    key="soak",
    title="Soak",
    unit="mg/dL",
    series=(
        SeriesSpec("mean", "Daily mean", "line", "blue"),
        SeriesSpec("bars", "Carbs", "bars", "orange"),
        SeriesSpec("points", "Readings", "points", "sky"),
    ),
    guides=(Guide("Target", 70.0, 180.0), Guide("Fasting", 100.0)),
)


@pytest.mark.slow
def test_chart_widgets_survive_hundreds_of_create_show_close_cycles(qtbot: QtBot) -> None:
    theme = current_theme()
    daily = np.array([110.0, np.nan, 125.0, 140.0, np.nan, 98.0, 105.0])
    mean = bucketed("mean", "Daily mean", "mg/dL", daily, 20_000, Aggregation.DAILY, "mean")
    bars = bucketed("bars", "Carbs", "g", daily, 20_000, Aggregation.DAILY, "sum")
    seconds = (20_000 + np.arange(7) + 0.3) * 86_400
    points = readings("points", "Readings", "mg/dL", seconds, 20_000 + np.arange(7), daily)
    drawn = 0
    for cycle in range(CYCLES):
        row = ChartRow(SPEC, theme)
        row.resize(320, 140)
        for series in (mean, bars, points):
            row.set_series(series)
        row.set_flares([(20_001 * 86_400.0, 20_003 * 86_400.0)])
        row.show_cursor(20_002 if cycle % 2 else None)
        row.show()
        QApplication.processEvents()
        drawn += len(row.data("points")[0])
        row.close()
        row.deleteLater()
        QApplication.processEvents()
    assert drawn == CYCLES * 5  # every cycle drew its five readings (NaN days are gaps)
