"""Drawing on a report page in points (1/72 inch): fonts, inks and patterns that survive a
black-and-white printer, wrapped text and measuring it.

Every page device (a ``QPdfWriter`` or a preview ``QImage``) is set to 72 dots per inch, so
a font's point size is its size on paper and one unit is one point, whatever the device;
a preview image is drawn with the painter scaled up.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPen,
)

POINTS_PER_INCH = 72
MARGIN = 42.0

# Inks: each a different grey when printed in black and white, so no chart depends on hue.
INK = QColor("#111111")
MUTED = QColor("#555555")
RULE = QColor("#9A9A9A")
FAINT = QColor("#E4E4E4")
ACCENT = QColor("#1F5F8B")  # headings: dark enough to read as near-black in grey
BAND_OUTER = QColor("#BFD7EA")  # AGP 5-95 %: light
BAND_INNER = QColor("#5E93BF")  # AGP 25-75 %: mid
TARGET_FILL = QColor("#EEF5EC")
FLARE_FILL = QColor("#F3D9D3")

# The five consensus bands, lowest first: (fill, pattern drawn over it in black).
BAND_STYLES: tuple[tuple[QColor, Qt.BrushStyle], ...] = (
    (QColor("#8B1A1A"), Qt.BrushStyle.CrossPattern),  # below 54: dark, crossed
    (QColor("#E06C5F"), Qt.BrushStyle.BDiagPattern),  # 54-69: diagonal hatch
    (QColor("#4E9A5B"), Qt.BrushStyle.NoBrush),  # 70-180: plain mid grey
    (QColor("#F2C14E"), Qt.BrushStyle.Dense6Pattern),  # 181-250: sparse dots
    (QColor("#E8893A"), Qt.BrushStyle.Dense4Pattern),  # above 250: dense dots
)


@dataclass(frozen=True)
class Paper:
    name: str
    size: QPageSize.PageSizeId

    @property
    def points(self) -> tuple[float, float]:
        size = QPageSize(self.size).size(QPageSize.Unit.Point)
        return size.width(), size.height()


A4 = Paper("A4", QPageSize.PageSizeId.A4)
LETTER = Paper("Letter", QPageSize.PageSizeId.Letter)
PAPERS = {"a4": A4, "letter": LETTER}


def font(size: float, *, bold: bool = False, italic: bool = False) -> QFont:
    chosen = QFont("DejaVu Sans")
    chosen.setStyleHint(QFont.StyleHint.SansSerif)
    chosen.setPointSizeF(size)
    chosen.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    if bold:
        chosen.setWeight(QFont.Weight.Bold)
    chosen.setItalic(italic)
    return chosen


BODY = 8.4
SMALL = 7.0
TINY = 6.2
H1 = 17.0
H2 = 11.5
H3 = 9.0

_WRAP = int(Qt.TextFlag.TextWordWrap)


class Canvas:
    """One painter on one page device, with text helpers that measure as they draw."""

    def __init__(self, painter: QPainter | None, device: QPaintDevice) -> None:
        self.painter = painter
        self.device = device

    def metrics(self, chosen: QFont) -> QFontMetricsF:
        return QFontMetricsF(chosen, self.device)

    def text_height(self, text: str, chosen: QFont, width: float) -> float:
        if not text:
            return 0.0
        rect = self.metrics(chosen).boundingRect(
            QRectF(0, 0, width, 100_000), _WRAP | int(Qt.AlignmentFlag.AlignLeft), text
        )
        return rect.height()

    def text_width(self, text: str, chosen: QFont) -> float:
        return self.metrics(chosen).horizontalAdvance(text)

    def line_height(self, chosen: QFont) -> float:
        return self.metrics(chosen).height()

    def text(
        self,
        x: float,
        y: float,
        width: float,
        text: str,
        chosen: QFont,
        color: QColor = INK,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> float:
        """Draw wrapped ``text`` with its top at ``y``; returns its height."""
        height = self.text_height(text, chosen, width)
        p = self.painter
        if p is not None and text:
            p.setFont(chosen)
            p.setPen(color)
            p.drawText(QRectF(x, y, width, height + 2), _WRAP | int(align), text)
        return height

    def line_text(
        self,
        x: float,
        y: float,
        text: str,
        chosen: QFont,
        color: QColor = INK,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        width: float = 0.0,
    ) -> None:
        """One line whose vertical centre is ``y``; ``align`` right or centre within
        ``width`` from ``x``."""
        p = self.painter
        if p is None:
            return
        m = self.metrics(chosen)
        w = m.horizontalAdvance(text)
        if align & Qt.AlignmentFlag.AlignRight:
            x = x + width - w
        elif align & Qt.AlignmentFlag.AlignHCenter:
            x = x + (width - w) / 2
        p.setFont(chosen)
        p.setPen(color)
        p.drawText(QPointF(x, y + (m.ascent() - m.descent()) / 2), text)

    def rule(
        self, x1: float, y: float, x2: float, color: QColor = RULE, width: float = 0.6
    ) -> None:
        if self.painter is not None:
            self.painter.setPen(QPen(color, width))
            self.painter.drawLine(QPointF(x1, y), QPointF(x2, y))

    def patterned(self, rect: QRectF, fill: QColor, pattern: Qt.BrushStyle) -> None:
        """A filled box with a black pattern over it and a thin outline."""
        p = self.painter
        if p is None:
            return
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(fill)
        p.drawRect(rect)
        if pattern is not Qt.BrushStyle.NoBrush:
            brush = QBrush(QColor(0, 0, 0, 150), pattern)
            p.setBrush(brush)
            p.drawRect(rect)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(INK, 0.5))
        p.drawRect(rect)


def pen(color: QColor, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    chosen = QPen(color, width, style)
    chosen.setCapStyle(Qt.PenCapStyle.FlatCap)
    chosen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return chosen
