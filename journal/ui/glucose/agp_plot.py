"""The ambulatory glucose profile: the median by time of day, with the 25-75 % and 5-95 %
bands, over the target range, midnight to midnight (the AGP report's middle panel)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy, QWidget

from journal.analysis.cgm_metrics import Agp
from journal.domain.units import MGDL_PER_MMOLL, GlucoseUnit
from journal.ui.glucose.colours import GlucoseColours, glucose_colours

MINUTES_PER_DAY = 1440
_HOUR_TICKS = [(h * 60, f"{h:02d}:00") for h in range(0, 25, 3)]
_12H_NAMES = ("12 am", "3 am", "6 am", "9 am", "12 pm", "3 pm", "6 pm", "9 pm", "12 am")
_12H_TICKS = [(h * 60, _12H_NAMES[h // 3]) for h in range(0, 25, 3)]
# Lines across the plot: very low and very high dashed, the target range solid (consensus).
_VERY_LOW_MGDL = 54.0
_VERY_HIGH_MGDL = 250.0


class AgpPlot(pg.PlotWidget):  # type: ignore[misc]
    """The AGP drawn with pyqtgraph; ``median``, ``p25`` ... are its curves (``getData``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.time_axis = pg.AxisItem(orientation="bottom")
        super().__init__(parent, axisItems={"bottom": self.time_axis})
        self.setObjectName("agpPlot")
        self.setAccessibleName("Ambulatory glucose profile")
        self.setMinimumHeight(260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        item = self.getPlotItem()
        item.hideButtons()
        item.setMenuEnabled(False)
        item.setMouseEnabled(x=False, y=False)
        item.layout.setContentsMargins(0, 4, 12, 2)
        item.getAxis("left").setWidth(52)
        item.getAxis("left").enableAutoSIPrefix(False)
        self.time_axis.setTicks([_HOUR_TICKS, []])
        self.target = pg.LinearRegionItem(values=(70, 180), orientation="horizontal", movable=False)
        self.target.setZValue(-30)
        for line in self.target.lines:
            line.setPen(pg.mkPen(None))
        item.addItem(self.target)
        self.levels = [pg.InfiniteLine(angle=0, movable=False) for _ in range(4)]
        for line in self.levels:
            line.setZValue(-20)
            item.addItem(line)
        self.p5 = pg.PlotDataItem(connect="finite")
        self.p95 = pg.PlotDataItem(connect="finite")
        self.p25 = pg.PlotDataItem(connect="finite")
        self.p75 = pg.PlotDataItem(connect="finite")
        self.median = pg.PlotDataItem(connect="finite")
        self.outer = pg.FillBetweenItem(self.p5, self.p95)
        self.inner = pg.FillBetweenItem(self.p25, self.p75)
        for z, each in enumerate((self.outer, self.p5, self.p95, self.inner, self.p25, self.p75)):
            each.setZValue(z)
            item.addItem(each)
        self.median.setZValue(10)
        item.addItem(self.median)
        self.unit = GlucoseUnit.MGDL
        self.target_mgdl = (70.0, 180.0)
        self.profile: Agp | None = None
        self.apply_colours(glucose_colours())

    def apply_colours(self, colours: GlucoseColours) -> None:
        self.colours = colours
        self.setBackground(colours.background)
        item = self.getPlotItem()
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(colours.border))
            axis.setTextPen(pg.mkPen(colours.muted))
        self.target.setBrush(colours.target_fill)
        self.target.setHoverBrush(colours.target_fill)
        for index, line in enumerate(self.levels):
            target = index in (1, 2)  # [very low, target low, target high, very high]
            style = Qt.PenStyle.SolidLine if target else Qt.PenStyle.DashLine
            pen_colour = colours.target if target else colours.muted
            line.setPen(pg.mkPen(pen_colour, width=1.4 if target else 1, style=style))
        self.outer.setBrush(pg.mkBrush(colours.outer))
        self.inner.setBrush(pg.mkBrush(colours.inner))
        edge = pg.mkPen(colours.inner, width=1)
        for curve in (self.p25, self.p75):
            curve.setPen(edge)
        for curve in (self.p5, self.p95):
            curve.setPen(pg.mkPen(colours.outer, width=1, style=Qt.PenStyle.DashLine))
        self.median.setPen(pg.mkPen(colours.median, width=2.6))

    def set_profile(
        self,
        profile: Agp | None,
        unit: GlucoseUnit,
        target_mgdl: tuple[float, float],
        twelve_hour: bool = False,
    ) -> None:
        """Show ``profile`` in ``unit``; the day is closed at 24:00 with midnight's values."""
        self.profile = profile
        self.unit = unit
        self.target_mgdl = target_mgdl
        factor = 1 / MGDL_PER_MMOLL if unit is GlucoseUnit.MMOLL else 1.0
        self.time_axis.setTicks([_12H_TICKS if twelve_hour else _HOUR_TICKS, []])
        low, high = target_mgdl
        self.target.setRegion((low * factor, high * factor))
        levels = (_VERY_LOW_MGDL, low, high, _VERY_HIGH_MGDL)
        for level, line in zip(levels, self.levels, strict=True):
            line.setPos(level * factor)
        item = self.getPlotItem()
        item.setLabel("left", unit.value)
        if profile is None:
            for curve in (self.p5, self.p25, self.median, self.p75, self.p95):
                curve.setData([], [])
            item.setYRange(40 * factor, 300 * factor, padding=0)
            return
        minutes = np.append(profile.minute_of_day, MINUTES_PER_DAY).astype(float)
        curves = ((5, self.p5), (25, self.p25), (50, self.median), (75, self.p75), (95, self.p95))
        for p, curve in curves:
            values = profile.percentile(p)
            curve.setData(minutes, np.append(values, values[0]) * factor)
        top = float(np.nanmax(profile.p95)) if np.isfinite(profile.p95).any() else 300.0
        item.setYRange(40 * factor, max(300.0, top + 20) * factor, padding=0)
        item.setXRange(0, MINUTES_PER_DAY, padding=0.01)
