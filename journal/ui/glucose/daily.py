"""Daily glucose profiles: one small trace per day in a calendar grid, a week to a row.

As the AGP report's daily profiles and Clarity's overlay do: every day midnight to midnight
on the same scale, over the target band, so a run of high evenings or a low night stands
out. Meals from the journal are marked under the trace at the time they were eaten, with a
dot at the peak after each and its rise written beside it where there is room. The grid is
painted in one widget (only the rows in view), so a year of days stays quick to scroll.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

import numpy as np
from PySide6.QtCore import QDate, QLocale, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from journal.domain.units import MGDL_PER_MMOLL, GlucoseUnit
from journal.services.cgm.report import DayTrace
from journal.ui.glucose.colours import GlucoseColours, glucose_colours

MINUTES_PER_DAY = 1440
_HEADER = 22
_GAP = 4
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def rise_text(mgdl: float, unit: GlucoseUnit) -> str:
    """ "+45" or "+2.5" (a fall after a meal shows as "-3")."""
    if unit is GlucoseUnit.MMOLL:
        return f"{mgdl / MGDL_PER_MMOLL:+.1f}"
    return f"{mgdl:+.0f}"


class DailyProfiles(QWidget):
    """The grid; ``day_chosen`` carries the date of a day clicked (or Enter on it)."""

    day_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dailyProfiles")
        self.setAccessibleName("Daily glucose profiles")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.traces: list[DayTrace] = []
        self._by_day: dict[date, DayTrace] = {}
        self.target = (70.0, 180.0)
        self.unit = GlucoseUnit.MGDL
        self.colours: GlucoseColours = glucose_colours()
        self._first_monday = date(1970, 1, 5)
        self._weeks = 0
        self._top_mgdl = 300.0

    # --- data --------------------------------------------------------------------------------

    def set_traces(
        self, traces: Sequence[DayTrace], target: tuple[float, float], unit: GlucoseUnit
    ) -> None:
        self.traces = list(traces)
        self._by_day = {t.day: t for t in self.traces}
        self.target = target
        self.unit = unit
        if self.traces:
            first, last = self.traces[0].day, self.traces[-1].day
            self._first_monday = first - timedelta(days=first.weekday())
            self._weeks = (last - self._first_monday).days // 7 + 1
            highest = [float(np.nanmax(t.mgdl)) for t in self.traces if t.readings]
            self._top_mgdl = max(300.0, max(highest, default=0.0) + 10)
        else:
            self._weeks = 0
        with_data = sum(1 for t in self.traces if t.readings)
        self.setAccessibleDescription(f"{with_data} days with readings")
        self.updateGeometry()
        self.update()

    def set_colours(self, colours: GlucoseColours) -> None:
        self.colours = colours
        self.update()

    # --- geometry ------------------------------------------------------------------------------

    def _cell_size(self) -> tuple[float, float]:
        width = (self.width() - 6 * _GAP) / 7
        height = min(max(width * 0.62, 64.0), 104.0)
        return width, height

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        cell = min(max((width - 6 * _GAP) / 7 * 0.62, 64.0), 104.0)
        return int(_HEADER + self._weeks * (cell + _GAP))

    def sizeHint(self) -> QSize:
        return QSize(700, self.heightForWidth(700))

    def minimumSizeHint(self) -> QSize:
        return QSize(420, self.heightForWidth(420))

    def cell_rect(self, day: date) -> QRectF:
        width, height = self._cell_size()
        offset = (day - self._first_monday).days
        row, column = divmod(offset, 7)
        return QRectF(column * (width + _GAP), _HEADER + row * (height + _GAP), width, height)

    def day_at(self, point: QPoint) -> date | None:
        width, height = self._cell_size()
        if point.y() < _HEADER:
            return None
        row = int((point.y() - _HEADER) // (height + _GAP))
        column = int(point.x() // (width + _GAP))
        if not 0 <= column < 7 or row >= self._weeks:
            return None
        day = self._first_monday + timedelta(days=row * 7 + column)
        return day if day in self._by_day else None

    # --- painting ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.traces:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = self.colours
        small = QFont(self.font())
        if small.pointSizeF() > 0:
            small.setPointSizeF(small.pointSizeF() * 0.85)
        painter.setFont(small)
        width, _height = self._cell_size()
        painter.setPen(colours.muted)
        for column, name in enumerate(_WEEKDAYS):
            painter.drawText(
                QRectF(column * (width + _GAP), 0, width, _HEADER - 4),
                Qt.AlignmentFlag.AlignCenter,
                name,
            )
        exposed = QRectF(event.rect())
        for trace in self.traces:
            rect = self.cell_rect(trace.day)
            if rect.intersects(exposed):
                self._paint_cell(painter, rect, trace)
        painter.end()

    def _y(self, rect: QRectF, mgdl: float) -> float:
        bottom, top = 40.0, self._top_mgdl
        clipped = min(max(mgdl, bottom), top)
        return rect.bottom() - rect.height() * (clipped - bottom) / (top - bottom)

    def _paint_cell(self, painter: QPainter, rect: QRectF, trace: DayTrace) -> None:
        colours = self.colours
        painter.setPen(QPen(colours.border, 1))
        painter.setBrush(colours.card)
        painter.drawRoundedRect(rect, 4, 4)
        plot = rect.adjusted(2, 16, -2, -3)
        low, high = self.target
        band = QRectF(plot.left(), self._y(plot, high), plot.width(), 0)
        band.setBottom(self._y(plot, low))
        painter.fillRect(band, colours.target_fill)
        painter.setPen(colours.muted if not trace.readings else colours.text)
        day = trace.day
        label = (
            str(day.day)
            if day.day != 1
            else f"{day.day} {QLocale().monthName(day.month, QLocale.FormatType.ShortFormat)}"
        )
        painter.drawText(QPointF(rect.left() + 5, rect.top() + 13), label)
        if not trace.readings:
            return
        painter.setPen(QPen(colours.trace, 1.3))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path(plot, trace))
        self._paint_meals(painter, plot, trace)

    def _path(self, plot: QRectF, trace: DayTrace) -> QPainterPath:
        last = max(MINUTES_PER_DAY, float(np.nanmax(trace.minutes)))
        xs = plot.left() + plot.width() * trace.minutes / last
        bottom, top = 40.0, self._top_mgdl
        ys = plot.bottom() - plot.height() * (np.clip(trace.mgdl, bottom, top) - bottom) / (
            top - bottom
        )
        path = QPainterPath()
        pen_down = False
        for x, y in zip(xs.tolist(), ys.tolist(), strict=True):
            if math.isnan(y):
                pen_down = False
            elif pen_down:
                path.lineTo(x, y)
            else:
                path.moveTo(x, y)
                pen_down = True
        return path

    def _paint_meals(self, painter: QPainter, plot: QRectF, trace: DayTrace) -> None:
        if not trace.meals:
            return
        colours = self.colours
        scale = plot.width() / MINUTES_PER_DAY
        roomy = plot.width() > 92
        labels: list[QRectF] = []
        metrics = painter.fontMetrics()
        for mark in trace.meals:
            x = plot.left() + mark.minute * scale
            triangle = QPolygonF(
                [
                    QPointF(x, plot.bottom() - 6),
                    QPointF(x - 4, plot.bottom()),
                    QPointF(x + 4, plot.bottom()),
                ]
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colours.meal)
            painter.drawPolygon(triangle)
            if mark.peak_minute is None or mark.peak_mgdl is None or mark.rise_mgdl is None:
                continue
            peak_x = plot.left() + mark.peak_minute * scale
            peak_y = self._y(plot, mark.peak_mgdl)
            painter.drawEllipse(QPointF(peak_x, peak_y), 2.6, 2.6)
            text = rise_text(mark.rise_mgdl, self.unit)
            where = QPointF(peak_x + 3, max(peak_y - 3, plot.top() + 9))
            box = QRectF(
                where.x(),
                where.y() - metrics.ascent(),
                metrics.horizontalAdvance(text),
                metrics.height(),
            )
            # Two meals sharing one peak, or labels running into each other: the first wins.
            if (
                roomy
                and box.right() <= plot.right() + 2
                and not any(box.intersects(b) for b in labels)
            ):
                labels.append(box)
                painter.setPen(colours.text)
                painter.drawText(where, text)

    # --- interaction ---------------------------------------------------------------------------

    def day_text(self, day: date) -> str:
        """The tooltip of a day: its share in range and its meals with their rises."""
        trace = self._by_day[day]
        text = QLocale().toString(
            QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat
        )
        values = trace.mgdl[np.isfinite(trace.mgdl)]
        if len(values):
            low, high = self.target
            inside = float(np.mean((values >= low) & (values <= high))) * 100
            text += f"\n{inside:.0f} % in range, {len(values)} readings"
        else:
            text += "\nNo readings"
        for mark in trace.meals:
            hours, minutes = divmod(int(mark.minute), 60)
            line = f"\n{hours:02d}:{minutes:02d} {mark.label}"
            if mark.rise_mgdl is not None:
                line += f": rise {rise_text(mark.rise_mgdl, self.unit)} {self.unit.value}"
            text += line
        return text

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        if day is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), self.day_text(day), self)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            day = self.day_at(event.position().toPoint())
            if day is not None:
                self.day_chosen.emit(day)
        super().mouseReleaseEvent(event)
