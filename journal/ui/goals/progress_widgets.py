"""Painted progress: a ring with the share done, and a strip of dots for past periods."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from journal.analysis.goal_progress import PeriodStatus


class ProgressRing(QWidget):
    """A ring filled to ``fraction`` with a short text in the middle ("43 %", "✓")."""

    def __init__(self, diameter: int = 76, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressRing")
        self.fraction = 0.0
        self.text = ""
        self.colour = QColor("#009E73")
        self.track = QColor("#dddddd")
        self.text_colour = QColor("#000000")
        self.setFixedSize(diameter, diameter)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_progress(self, fraction: float, text: str, colour: QColor) -> None:
        self.fraction = max(0.0, min(1.0, fraction))
        self.text = text
        self.colour = colour
        self.setAccessibleName(f"Progress {round(self.fraction * 100)} percent")
        self.update()

    def set_theme(self, track: QColor, text: QColor) -> None:
        self.track, self.text_colour = track, text
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = max(6.0, self.width() / 10)
        inset = width / 2 + 1
        rect = QRectF(inset, inset, self.width() - 2 * inset, self.height() - 2 * inset)
        pen = QPen(self.track, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawEllipse(rect)
        if self.fraction > 0:
            pen.setColor(self.colour)
            painter.setPen(pen)
            # Qt angles are 1/16 degree, counter-clockwise from 3 o'clock: start at 12.
            painter.drawArc(rect, 90 * 16, -round(self.fraction * 360 * 16))
        font = QFont(self.font())
        font.setPointSizeF(
            max(8.0, self.font().pointSizeF() * (1.25 if len(self.text) <= 4 else 1.0))
        )
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(self.text_colour)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text)
        painter.end()


class HistoryDots(QWidget):
    """One dot per past period (oldest left): filled = met, ring = not this time,
    small dot = nothing logged. Hover a dot for its period."""

    DOT = 12
    GAP = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDots")
        self.statuses: list[PeriodStatus] = []
        self.tips: list[str] = []
        self.met_colour = QColor("#009E73")
        self.muted = QColor("#999999")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_history(self, statuses: Sequence[PeriodStatus], tips: Sequence[str]) -> None:
        self.statuses, self.tips = list(statuses), list(tips)
        met = sum(1 for s in statuses if s is PeriodStatus.MET)
        self.setAccessibleName(f"History: met {met} of {len(statuses)}")
        self.updateGeometry()
        self.update()

    def set_theme(self, met: QColor, muted: QColor) -> None:
        self.met_colour, self.muted = met, muted
        self.update()

    def sizeHint(self) -> QSize:
        count = len(self.statuses)
        return QSize(max(0, count * (self.DOT + self.GAP) - self.GAP) + 2, self.DOT + 4)

    def _centre(self, index: int) -> QPointF:
        return QPointF(1 + index * (self.DOT + self.GAP) + self.DOT / 2, self.height() / 2)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = self.DOT / 2 - 1
        for index, status in enumerate(self.statuses):
            centre = self._centre(index)
            if status is PeriodStatus.MET:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(self.met_colour)
                painter.drawEllipse(centre, radius, radius)
            elif status is PeriodStatus.NOT_MET:
                painter.setPen(QPen(self.muted, 1.6))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(centre, radius - 0.5, radius - 0.5)
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(self.muted)
                painter.drawEllipse(centre, 2.0, 2.0)
        painter.end()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = int((event.pos().x() - 1) // (self.DOT + self.GAP))
            if 0 <= index < len(self.tips):
                QToolTip.showText(event.globalPos(), self.tips[index], self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
