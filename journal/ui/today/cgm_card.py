"""Today's CGM card: the day's glucose trace over the target band, its range and time in range.

CGM readings are a stream, not timeline entries: a day of a 5-minute sensor is 288 readings,
so Today draws them as one small trace instead of 288 rows. Painted with QPainter (no chart
library), so Today stays quick to open.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from journal.analysis.cgm_day import CgmDay
from journal.domain.units import GlucoseUnit, UnitPreferences, glucose_from_mgdl
from journal.ui.palette import OKABE_ITO, is_dark, mix

MINUTES_PER_DAY = 1440
_TICKS = (0, 360, 720, 1080, 1440)


def glucose_text(mgdl: float, unit: GlucoseUnit) -> str:
    """The number only: whole mg/dL, or mmol/L to one decimal."""
    value = glucose_from_mgdl(mgdl, unit)
    return f"{value:.1f}" if unit is GlucoseUnit.MMOLL else f"{value:.0f}"


class DayTrace(QWidget):
    """The day's readings as a line over the target band (midnight to midnight)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cgmTrace")
        self.setMinimumHeight(96)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.day: CgmDay | None = None

    def sizeHint(self) -> QSize:
        return QSize(420, 110)

    def set_day(self, day: CgmDay | None) -> None:
        self.day = day
        self.update()

    def points(self) -> list[tuple[float, float]]:
        """(minute after midnight, mg/dL) of every historic reading drawn (for tests)."""
        if self.day is None:
            return []
        return [(p.minute, p.mgdl) for p in self.day.trace]

    def paintEvent(self, event: QPaintEvent) -> None:
        day = self.day
        if day is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(self.foregroundRole())
        window = self.palette().color(self.backgroundRole())
        muted = mix(text, window, 0.45)
        dark = is_dark()
        font = painter.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.82))
        painter.setFont(font)
        metrics = painter.fontMetrics()
        plot = QRectF(self.rect()).adjusted(4, 4, -4, -(metrics.height() + 4))
        last_minute = max(MINUTES_PER_DAY, max(p.minute for p in day.trace))
        top = max(300.0, day.high_mgdl + 20)
        bottom = 40.0

        def x(minute: float) -> float:
            return plot.left() + plot.width() * minute / last_minute

        def y(mgdl: float) -> float:
            clipped = min(max(mgdl, bottom), top)
            return plot.bottom() - plot.height() * (clipped - bottom) / (top - bottom)

        low, high = day.target_mgdl
        band = QColor(OKABE_ITO["green"])
        band.setAlpha(46 if dark else 34)
        painter.fillRect(QRectF(plot.left(), y(high), plot.width(), y(low) - y(high)), band)
        edge = QPen(mix(QColor(OKABE_ITO["green"]), window, 0.2), 1)
        painter.setPen(edge)
        for level in (low, high):
            painter.drawLine(QPointF(plot.left(), y(level)), QPointF(plot.right(), y(level)))
        painter.setPen(QPen(mix(text, window, 0.8), 1))
        for tick in _TICKS:
            painter.drawLine(QPointF(x(tick), plot.top()), QPointF(x(tick), plot.bottom()))
        painter.setPen(muted)
        for tick in _TICKS:
            label = f"{tick // 60:02d}:00" if tick < MINUTES_PER_DAY else "24:00"
            width = metrics.horizontalAdvance(label)
            left = min(max(x(tick) - width / 2, 0.0), self.width() - width)
            painter.drawText(QPointF(left, self.height() - 3), label)
        line = QColor("#3D9BE0" if dark else OKABE_ITO["blue"])
        painter.setPen(QPen(line, 1.8))
        for segment in day.segments:
            path = QPainterPath(QPointF(x(segment[0].minute), y(segment[0].mgdl)))
            for point in segment[1:]:
                path.lineTo(x(point.minute), y(point.mgdl))
            painter.drawPath(path)
            if len(segment) == 1:
                painter.drawPoint(QPointF(x(segment[0].minute), y(segment[0].mgdl)))
        dot = QPen(QColor(OKABE_ITO["orange"]), 5)
        dot.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(dot)
        for point in (*day.scans, *day.strips):
            painter.drawPoint(QPointF(x(point.minute), y(point.mgdl)))
        painter.end()


class CgmDayCard(QFrame):
    """The card above the timeline; hidden on a day without CGM readings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cgmCard")
        self.setAccessibleName("CGM glucose of the day")
        self.title = QLabel("CGM glucose")
        self.title.setObjectName("cgmTitle")
        self.range_label = QLabel()
        self.range_label.setObjectName("cgmRange")
        self.in_range_label = QLabel()
        self.in_range_label.setObjectName("cgmInRange")
        self.detail_label = QLabel()
        self.detail_label.setObjectName("cgmDetail")
        self.trace = DayTrace()
        numbers = QVBoxLayout()
        numbers.setSpacing(2)
        numbers.addWidget(self.title)
        numbers.addWidget(self.in_range_label)
        numbers.addWidget(self.range_label)
        numbers.addWidget(self.detail_label)
        numbers.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 8)
        layout.setSpacing(16)
        layout.addLayout(numbers, 0)
        layout.addWidget(self.trace, 1)
        self.day: CgmDay | None = None
        self.hide()

    def show_day(self, day: CgmDay | None, units: UnitPreferences) -> None:
        self.day = day
        self.trace.set_day(day)
        if day is None:
            self.hide()
            return
        unit = units.glucose
        low, high = day.target_mgdl
        target = f"{glucose_text(low, unit)}–{glucose_text(high, unit)}"
        self.in_range_label.setText(f"<b>{day.in_range_pct:.0f} %</b> in range {target}")
        self.range_label.setText(
            f"Range {glucose_text(day.low_mgdl, unit)}–{glucose_text(day.high_mgdl, unit)} "
            f"{unit.value}"
        )
        extra = []
        if day.below_pct:
            extra.append(f"{day.below_pct:.0f} % below")
        if day.above_pct:
            extra.append(f"{day.above_pct:.0f} % above")
        detail = f"Mean {glucose_text(day.mean_mgdl, unit)} · {day.readings} readings"
        if extra:
            detail = f"{', '.join(extra)} · {detail}"
        self.detail_label.setText(detail)
        self.setAccessibleDescription(
            f"{day.in_range_pct:.0f} percent in range {target} {unit.value}; "
            f"{self.range_label.text()}; {detail}"
        )
        self.show()
