"""The time-in-ranges bar and the statistics with their targets, as on an AGP report.

The bar is one column split into the five consensus bands (very high at the top), each
labelled with its share and its time per day; the statistics list the period, the sensor's
active time, the mean, GMI and CV, each beside the consensus target where there is one.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from journal.analysis.cgm_metrics import CgmMetrics, TimeShare
from journal.domain.cgm import CV_TARGET
from journal.domain.units import GlucoseUnit, format_glucose
from journal.services.cgm.wording import share_label
from journal.ui.glucose.colours import GlucoseColours, glucose_colours

_BAND_NAMES = ("Very low", "Low", "Target range", "High", "Very high")
# A band under this share still gets a sliver, so a small low is never invisible.
_MIN_SLIVER = 3.0


def _hours(share: TimeShare) -> str:
    total = round(share.minutes_per_day)
    hours, minutes = divmod(total, 60)
    if hours and minutes:
        return f"{hours} h {minutes} min"
    return f"{hours} h" if hours else f"{minutes} min"


class TimeInRangesBar(QWidget):
    """The five bands as one stacked column with labels to its right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeInRanges")
        self.setAccessibleName("Time in ranges")
        self.setMinimumSize(300, 230)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.metrics: CgmMetrics | None = None
        self.unit = GlucoseUnit.MGDL
        self.colours: GlucoseColours = glucose_colours()

    def sizeHint(self) -> QSize:
        return QSize(360, 250)

    def set_metrics(self, metrics: CgmMetrics | None, unit: GlucoseUnit) -> None:
        self.metrics = metrics
        self.unit = unit
        if metrics is not None:
            text = "; ".join(
                f"{name} {share.percent:.0f} percent"
                for name, share in zip(_BAND_NAMES, metrics.bands, strict=True)
            )
            self.setAccessibleDescription(text)
        self.update()

    def set_colours(self, colours: GlucoseColours) -> None:
        self.colours = colours
        self.update()

    def values(self) -> list[tuple[str, float]]:
        """(band, percent) from very low to very high, as drawn (for tests and readers)."""
        if self.metrics is None:
            return []
        return [
            (name, share.percent)
            for name, share in zip(_BAND_NAMES, self.metrics.bands, strict=True)
        ]

    def paintEvent(self, event: QPaintEvent) -> None:
        metrics = self.metrics
        if metrics is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = self.colours
        bar = QRectF(8, 10, 46, self.height() - 20)
        shares = [s.percent for s in metrics.bands]
        shown = [max(p, _MIN_SLIVER) if p > 0 else 0.0 for p in shares]
        scale = bar.height() / max(sum(shown), 1e-9)
        top = bar.bottom()
        spans: list[tuple[float, float]] = []
        for index, value in enumerate(shown):
            height = value * scale
            rect = QRectF(bar.left(), top - height, bar.width(), height)
            painter.fillRect(rect, colours.band(index))
            spans.append((rect.top(), rect.bottom()))
            top -= height
        painter.setPen(QPen(colours.border, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(bar)
        self._labels(painter, metrics, bar, spans)
        painter.end()

    def _labels(
        self,
        painter: QPainter,
        metrics: CgmMetrics,
        bar: QRectF,
        spans: list[tuple[float, float]],
    ) -> None:
        colours = self.colours
        base = QFont(self.font())
        bold = QFont(base)
        bold.setWeight(QFont.Weight.DemiBold)
        font_metrics = painter.fontMetrics()
        line = font_metrics.height()
        block = 2 * line + 2
        # Each label (title, then detail) sits beside its band's middle, pushed apart so
        # none overlaps another or leaves the widget.
        middles = [(a + b) / 2 for a, b in spans]
        tops = {i: middle - block / 2 for i, middle in enumerate(middles)}
        limit = float(self.height())
        for index in range(len(middles)):  # from the bottom band up: stay above the next
            tops[index] = min(tops[index], limit - block)
            limit = tops[index]
        floor = 0.0
        for index in range(len(middles) - 1, -1, -1):  # from the top down: stay inside
            tops[index] = max(tops[index], floor)
            floor = tops[index] + block
        left = bar.right() + 22
        ascent = font_metrics.ascent()
        for index, share in enumerate(metrics.bands):
            top = tops[index]
            painter.setPen(QPen(colours.band(index), 2))
            painter.drawLine(
                QPointF(bar.right() + 3, middles[index]), QPointF(left - 5, top + line * 0.55)
            )
            painter.setPen(colours.text)
            painter.setFont(bold)
            title = f"{_BAND_NAMES[index]}  {share.percent:.0f} %"
            painter.drawText(QPointF(left, top + ascent), title)
            if share.target is not None:
                painter.setFont(base)
                painter.setPen(colours.muted)
                width = QFontMetricsF(bold).horizontalAdvance(title + "  ")
                painter.drawText(QPointF(left + width, top + ascent), f"target {share.target.text}")
            painter.setFont(base)
            painter.setPen(colours.muted)
            detail = f"{share_label(share, self.unit)} · {_hours(share)} a day"
            painter.drawText(QPointF(left, top + line + ascent), detail)


_EXPLAINED = {
    "gmi": "Glucose management indicator: an HbA1c-like figure from the mean glucose "
    "(3.31 + 0.02392 x mean mg/dL; Bergenstal et al. 2018). It can differ from a lab HbA1c.",
    "cv": "Coefficient of variation: the standard deviation as a share of the mean "
    "(Battelino et al. 2019 target: 36 % or less).",
    "active": "The share of the readings the sensor would take over the period that it took.",
}


class StatisticsPanel(QWidget):
    """The statistics of the period, each with the consensus target beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("glucoseStatistics")
        self.setAccessibleName("Glucose statistics and targets")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(7)
        self.grid.setColumnStretch(0, 1)
        self.rows: dict[str, tuple[QLabel, QLabel]] = {}
        self.period = QLabel()
        self.period.setObjectName("statPeriod")
        self.grid.addWidget(self.period, 0, 0, 1, 3)

    def _row(
        self, key: str, label: str, value: str, target: str = "", met: bool | None = None
    ) -> None:
        row = self.grid.rowCount() if key not in self.rows else None
        if key in self.rows:
            value_label, target_label = self.rows[key]
        else:
            name = QLabel(label)
            name.setObjectName("statLabel")
            name.setWordWrap(True)
            name.setToolTip(_EXPLAINED.get(key, ""))
            value_label = QLabel()
            value_label.setObjectName("statValue")
            value_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            target_label = QLabel()
            target_label.setObjectName("statTarget")
            assert row is not None
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(value_label, row, 1)
            self.grid.addWidget(target_label, row, 2)
            self.rows[key] = (value_label, target_label)
        value_label.setText(value)
        value_label.setAccessibleName(f"{label}: {value}")
        if met is None:
            target_label.setText(target)
        else:
            word = "meets" if met else "outside"
            target_label.setText(f"{target} · {word}" if target else word)
        target_label.setProperty("met", "yes" if met else "no" if met is False else "")
        target_label.style().unpolish(target_label)
        target_label.style().polish(target_label)

    def set_metrics(self, metrics: CgmMetrics | None, unit: GlucoseUnit, period: str) -> None:
        self.period.setText(period)
        if metrics is None:
            for key in ("days", "readings", "active", "mean", "gmi", "cv", "sd"):
                if key in self.rows:
                    self.rows[key][0].setText("–")
                    self.rows[key][1].setText("")
            return
        self._row(
            "days", "Days with readings", f"{metrics.days_with_data} of {metrics.days_covered}"
        )
        self._row(
            "readings",
            "Sensor readings",
            f"{metrics.readings:,}",
            f"every {metrics.interval_minutes:g} min",
        )
        self._row(
            "active",
            "Time CGM active",
            f"{metrics.active_percent:.1f} %",
            "≥ 70 %",
            metrics.active_percent >= 70,
        )
        self._row("mean", "Mean glucose", format_glucose(metrics.mean_mgdl, unit))
        self._row("gmi", "GMI", f"{metrics.gmi_percent:.1f} %")
        self._row(
            "cv",
            "Variability (CV)",
            f"{metrics.cv_percent:.1f} %",
            CV_TARGET.text.replace("<=", "≤"),
            metrics.cv_target_met,
        )
        self._row("sd", "Standard deviation", format_glucose(metrics.sd_mgdl, unit))
        own = metrics.user_range
        if (own.low_mgdl, own.high_mgdl) != (70, 180):
            self._row(
                "own",
                f"Your range {share_label(own, unit)}",
                f"{own.percent:.0f} %",
                f"{_hours(own)} a day",
            )

    def value(self, key: str) -> str:
        return self.rows[key][0].text()
