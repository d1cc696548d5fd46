"""A finding's evidence as a small chart: the outcome on the days with the factor beside the
days without (each day a dot, each group's mean a bar), or for a flare onset the share of
days at risk on which a flare began. pyqtgraph loads here, when a card first shows a chart."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QSizePolicy, QWidget

from journal.analysis.insights.evidence import Evidence
from journal.ui.charts.theme import ChartTheme

WIDTH, HEIGHT = 250, 160
# At most this many dots per group: beyond it they only blur into a block.
MAX_DOTS = 400


def group_names(evidence: Evidence) -> tuple[str, str]:
    if evidence.numeric_factor:
        return "high", "low"
    return "with", "without"


class EvidenceChart(pg.PlotWidget):  # type: ignore[misc]
    """Two groups side by side; read-only (no panning or zooming)."""

    def __init__(
        self,
        evidence: Evidence,
        theme: ChartTheme,
        colours: tuple[QColor, QColor],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent=parent, background=theme.background)
        self.evidence = evidence
        self.setObjectName("evidenceChart")
        self.setFixedSize(WIDTH, HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        item = self.getPlotItem()
        item.setContentsMargins(2, 4, 6, 2)
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setPen(theme.axis)
            axis.setTextPen(theme.muted)
        item.getAxis("left").setWidth(48)
        with_name, without_name = group_names(evidence)
        item.getAxis("bottom").setTicks([[(0, with_name), (1, without_name)]])
        self.setXRange(-0.6, 1.6, padding=0)
        if evidence.is_event:
            self._bars(colours)
        else:
            self._dots(colours, theme)
        self.setAccessibleName(self.spoken())

    def _dots(self, colours: tuple[QColor, QColor], theme: ChartTheme) -> None:
        rng = np.random.default_rng(0)  # the same jitter every time the card is drawn
        groups = (self.evidence.values_with(), self.evidence.values_without())
        for x, (values, colour) in enumerate(zip(groups, colours, strict=True)):
            values = values[np.isfinite(values)]
            if values.size == 0:
                continue
            shown = values if values.size <= MAX_DOTS else rng.choice(values, MAX_DOTS, False)
            jitter = x + rng.uniform(-0.22, 0.22, shown.size)
            if np.all(shown == np.round(shown)):  # whole-number scores would stack
                shown = shown + rng.uniform(-0.15, 0.15, shown.size)
            dots = QColor(colour)
            dots.setAlpha(110)
            self.addItem(
                pg.ScatterPlotItem(jitter, shown, size=5, pen=None, brush=pg.mkBrush(dots))
            )
            mean = float(values.mean())
            bar = pg.PlotDataItem([x - 0.32, x + 0.32], [mean, mean])
            bar.setPen(pg.mkPen(theme.text, width=3))
            self.addItem(bar)
        unit = self.evidence.outcome_unit
        self.getPlotItem().getAxis("left").setLabel(unit if unit else None)

    def _bars(self, colours: tuple[QColor, QColor]) -> None:
        risks = [
            100 * _share(self.evidence.outcome, self.evidence.with_days),
            100 * _share(self.evidence.outcome, self.evidence.without_days),
        ]
        for x, (risk, colour) in enumerate(zip(risks, colours, strict=True)):
            self.addItem(pg.BarGraphItem(x=[x], height=[risk], width=0.6, brush=colour, pen=None))
        self.setYRange(0, max(max(risks) * 1.2, 1.0), padding=0)
        self.getPlotItem().getAxis("left").setLabel("% of days")

    def spoken(self) -> str:
        """What the chart shows, for a screen reader."""
        with_name, without_name = group_names(self.evidence)
        if self.evidence.is_event:
            risk_with = 100 * _share(self.evidence.outcome, self.evidence.with_days)
            risk_without = 100 * _share(self.evidence.outcome, self.evidence.without_days)
            return (
                f"Chart: {self.evidence.outcome_label} on {risk_with:.1f} % of days "
                f"{with_name}, {risk_without:.1f} % {without_name}"
            )
        with_values, without_values = self.evidence.values_with(), self.evidence.values_without()
        return (
            f"Chart: {self.evidence.outcome_label}, {with_values.size} days {with_name} "
            f"against {without_values.size} days {without_name}"
        )


def _share(values: np.ndarray, days: np.ndarray) -> float:
    chosen = values[days]
    chosen = chosen[np.isfinite(chosen)]
    return float(chosen.mean()) if chosen.size else 0.0
