"""One chart of the stack: a header with title and legend above a pyqtgraph plot on the
shared date axis, flare episodes shaded behind the data; a note instead of empty axes."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from journal.analysis.series import SECONDS_PER_DAY, Series
from journal.services.charts import ChartSpec, Guide, SeriesSpec
from journal.ui.charts.axis import DayAxis
from journal.ui.charts.naming import named
from journal.ui.charts.theme import ChartTheme

LEFT_AXIS_WIDTH = 56
# Up to this many points per line, each day also gets a marker so a lone day between gaps
# is still visible; beyond it markers would only blur into the line.
MARKERS_UP_TO = 120
DENSE_DOTS = 1500
DENSE_LINE = 500


class FlareBands(pg.GraphicsObject):  # type: ignore[misc]
    """Flare episodes as full-height shaded spans, drawn as one item (not one per episode)
    so switching to ten years stays fast. Ignored by auto-range."""

    def __init__(self) -> None:
        super().__init__()
        self.spans: list[tuple[float, float]] = []
        self._colour = QColor(213, 94, 0, 40)
        self._bounds: QRectF | None = None
        self.setZValue(-20)

    def set_spans(self, spans: Sequence[tuple[float, float]]) -> None:
        self.prepareGeometryChange()
        self.spans = list(spans)
        self._bounds = None
        self.update()

    def set_colour(self, colour: QColor) -> None:
        self._colour = QColor(colour)
        self.update()

    def dataBounds(self, axis: int, frac: float = 1.0, orthoRange: Any = None) -> None:
        return None

    def viewTransformChanged(self) -> None:
        self._bounds = None
        self.prepareGeometryChange()
        super().viewTransformChanged()

    def boundingRect(self) -> QRectF:
        if self._bounds is None:
            view = self.viewRect()
            if view is None or not self.spans:
                self._bounds = QRectF()
            else:
                left = min(a for a, _ in self.spans)
                right = max(b for _, b in self.spans)
                self._bounds = QRectF(left, view.top(), right - left, view.height())
        return self._bounds

    def paint(self, painter: QPainter, *_args: Any) -> None:
        view = self.viewRect()
        if view is None:
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._colour)
        painter.drawRects(
            [
                QRectF(left, view.top(), right - left, view.height())
                for left, right in self.spans
                if right >= view.left() and left <= view.right()
            ]
        )


class Dots(pg.GraphicsObject):  # type: ignore[misc]
    """Round dots, one per value, drawn by Qt in one call: thousands of glucose readings
    cost a few milliseconds, where a scatter item with per-point objects costs a hundred."""

    def __init__(self) -> None:
        super().__init__()
        self.x = np.empty(0)
        self.y = np.empty(0)
        self._pen = QPen(QColor("#56B4E9"), 5)
        self._pen.setCosmetic(True)
        self._pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self._bounds = QRectF()

    def setData(self, x: np.ndarray, y: np.ndarray) -> None:
        finite = np.isfinite(x) & np.isfinite(y)
        self.prepareGeometryChange()
        self.x, self.y = np.asarray(x[finite], dtype=float), np.asarray(y[finite], dtype=float)
        if len(self.x):
            left, right = float(self.x.min()), float(self.x.max())
            low, high = float(self.y.min()), float(self.y.max())
            self._bounds = QRectF(left, low, right - left, high - low)
        else:
            self._bounds = QRectF()
        self.informViewBoundsChanged()
        self.update()

    def getData(self) -> tuple[np.ndarray, np.ndarray]:
        return self.x, self.y

    def set_style(self, colour: QColor, size: float) -> None:
        self._pen.setColor(colour)
        self._pen.setWidthF(size)
        self.update()

    def dataBounds(
        self,
        axis: int,
        frac: float = 1.0,
        orthoRange: Any = None,
    ) -> tuple[float, float] | tuple[None, None]:
        values, other = (self.x, self.y) if axis == 0 else (self.y, self.x)
        if orthoRange is not None:
            values = values[(other >= orthoRange[0]) & (other <= orthoRange[1])]
        if len(values) == 0:
            return None, None
        return float(values.min()), float(values.max())

    def pixelPadding(self) -> float:
        return self._pen.widthF() / 2

    def boundingRect(self) -> QRectF:
        if self._bounds.isNull() and not len(self.x):
            return QRectF()
        px, py = self.pixelVectors()
        pad = self.pixelPadding()
        dx = 0.0 if px is None else px.length() * pad
        dy = 0.0 if py is None else py.length() * pad
        return self._bounds.adjusted(-dx, -dy, dx, dy)

    def paint(self, painter: QPainter, *_args: Any) -> None:
        view = self.viewRect()
        if view is None or not len(self.x):
            return
        inside = (self.x >= view.left()) & (self.x <= view.right())
        count = int(inside.sum())
        if not count:
            return
        polygon = pg.functions.create_qpolygonf(count)
        points = pg.functions.ndarray_from_qpolygonf(polygon)
        points[:, 0] = self.x[inside]
        points[:, 1] = self.y[inside]
        # Smooth dots while they can be told apart; a dense cloud looks the same without.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, count < DENSE_DOTS)
        painter.setPen(self._pen)
        painter.drawPoints(polygon)


class _Curve:
    """A series on the plot and the pyqtgraph items drawing it: a line, bars or dots (or a
    line with a dot on each value)."""

    def __init__(self, spec: SeriesSpec, item: pg.GraphicsObject, dots: Dots | None) -> None:
        self.spec = spec
        self.item = item
        self.dots = dots
        self.series: Series | None = None


DRAWN_HEIGHT = 190


class ChartRow(QWidget):
    """A chart: header (title, legend, values at the cursor) above a date-axis plot."""

    def __init__(self, spec: ChartSpec, theme: ChartTheme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName(f"chart-{spec.key}")
        self.setAccessibleName(f"{spec.title} chart")
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        self.header = named(QLabel(), "chartHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setContentsMargins(LEFT_AXIS_WIDTH + 4, 0, 8, 0)
        # A long legend wraps rather than widening the window.
        self.header.setWordWrap(True)
        self.header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.empty_note = named(QLabel(), "chartEmptyNote")
        self.empty_note.setTextFormat(Qt.TextFormat.RichText)
        self.empty_note.setWordWrap(True)
        self.empty_note.setContentsMargins(LEFT_AXIS_WIDTH + 4, 4, 8, 10)
        self.empty_note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.empty_note.hide()
        self.axis = DayAxis()
        self.plot = pg.PlotWidget(axisItems={"bottom": self.axis})
        self.plot.setMinimumWidth(200)
        self.plot.setAccessibleName(f"{spec.title}: plot")
        self.plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.item: pg.PlotItem = self.plot.getPlotItem()
        self.view: pg.ViewBox = self.item.getViewBox()
        self._setup_plot()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.plot, 1)

        self.flares = FlareBands()
        self.item.addItem(self.flares, ignoreBounds=True)
        self._guides: list[tuple[Guide, pg.GraphicsObject]] = []
        self._add_guides()
        self.curves: dict[str, _Curve] = {s.name: self._make_curve(s) for s in spec.series}
        self.crosshair = pg.InfiniteLine(angle=90, movable=False)
        self.crosshair.setZValue(50)
        self.crosshair.hide()
        self.item.addItem(self.crosshair, ignoreBounds=True)
        self._cursor_day: int | None = None
        self.theme = theme
        self.apply_theme(theme)

    # --- building ------------------------------------------------------------------------

    def _setup_plot(self) -> None:
        self.item.hideButtons()
        self.item.setMenuEnabled(False)
        self.item.setMouseEnabled(x=True, y=False)
        # Lines (years of days, a million CGM readings) are drawn at the resolution of the
        # screen: peak downsampling keeps every high and low, clipping skips what is out of
        # view. Set on the plot, which hands it to each line it is given (a line's own
        # setting would be overwritten when it is added).
        self.item.setDownsampling(auto=True, mode="peak")
        self.item.setClipToView(True)
        self.item.showGrid(x=False, y=True)
        self.item.getAxis("left").setWidth(LEFT_AXIS_WIDTH)
        self.item.getAxis("left").enableAutoSIPrefix(False)
        self.item.setLabel("left", self.spec.unit or None)
        self.item.layout.setContentsMargins(0, 0, 12, 2)
        self.view.setAutoVisible(y=True)
        if self.spec.y_range is not None:
            low, high = self.spec.y_range
            self.view.setYRange(low, high + (high - low) * 0.04, padding=0)
            self.view.enableAutoRange(y=False)
        self.view.enableAutoRange(x=False)

    def _add_guides(self) -> None:
        for guide in self.spec.guides:
            if guide.high is not None:
                item: pg.GraphicsObject = pg.LinearRegionItem(
                    values=(guide.low, guide.high), orientation="horizontal", movable=False
                )
                item.setZValue(-30)
                for line in item.lines:
                    line.setPen(pg.mkPen(None))
            else:
                item = pg.InfiniteLine(pos=guide.low, angle=0, movable=False)
                item.setZValue(-10)
            self.item.addItem(item)
            self._guides.append((guide, item))

    def _make_curve(self, spec: SeriesSpec) -> _Curve:
        item: pg.GraphicsObject
        dots: Dots | None = None
        if spec.style == "bars":
            item = pg.BarGraphItem(x=[], height=[], width=SECONDS_PER_DAY * 0.8)
            item.setZValue(0)
        elif spec.style == "points":
            item = dots = Dots()
            item.setZValue(5)
        else:
            item = pg.PlotDataItem(connect="finite")
            item.setZValue(10)
            if spec.style != "thin":
                # A dot on each value, so a lone day between gaps still shows.
                dots = Dots()
                dots.setZValue(11)
                self.item.addItem(dots)
        self.item.addItem(item)
        return _Curve(spec, item, dots)

    # --- theme ---------------------------------------------------------------------------

    def apply_theme(self, theme: ChartTheme) -> None:
        self.theme = theme
        self.plot.setBackground(theme.background)
        for name in ("left", "bottom"):
            axis = self.item.getAxis(name)
            axis.setPen(pg.mkPen(theme.axis))
            axis.setTextPen(pg.mkPen(theme.muted))
            axis.setGrid(False)
        self.flares.set_colour(theme.flare)
        self.crosshair.setPen(pg.mkPen(theme.crosshair, width=1))
        for _guide, item in self._guides:
            if isinstance(item, pg.LinearRegionItem):
                item.setBrush(theme.band)
                item.setHoverBrush(theme.band)
            else:
                item.setPen(pg.mkPen(theme.guide, width=1.2, style=Qt.PenStyle.DashLine))
        for curve in self.curves.values():
            self._style_curve(curve)
        self._update_header()

    def _style_curve(self, curve: _Curve) -> None:
        spec = curve.spec
        colour = self.theme.colour(spec.colour)
        if spec.style == "bars":
            curve.item.setOpts(brush=self.theme.translucent(spec.colour, 190), pen=None)
            return
        if spec.style == "points":
            curve.item.set_style(self.theme.translucent(spec.colour, 160), 5)
            return
        if spec.style == "thin":
            # Solid, one pixel: a dashed pen over years of points is very slow to stroke.
            curve.item.setPen(pg.mkPen(self.theme.translucent(spec.colour, 170), width=1))
        else:
            curve.item.setPen(pg.mkPen(colour, width=2 if not self._dense(curve) else 1))
        if curve.dots is not None:
            count = len(curve.series) if curve.series is not None else 0
            curve.dots.set_style(colour, 6)
            curve.dots.setVisible(spec.style == "markers" or count <= MARKERS_UP_TO)

    @staticmethod
    def _dense(curve: _Curve) -> bool:
        """Years of daily values: drawn with thinner lines, which read better and draw faster."""
        return curve.series is not None and len(curve.series) > DENSE_LINE

    # --- data ----------------------------------------------------------------------------

    def set_series(self, series: Series) -> None:
        """Show ``series`` on the curve of the same name; NaN values are gaps."""
        curve = self.curves[series.name]
        previous = len(curve.series) if curve.series is not None else -1
        curve.series = series
        if any(
            (previous <= limit) != (len(series) <= limit) for limit in (MARKERS_UP_TO, DENSE_LINE)
        ):
            # Restyle first: markers left on from a short range would be built for every day.
            self._style_curve(curve)
        style = curve.spec.style
        if style == "bars":
            finite = np.isfinite(series.y)
            curve.item.setOpts(x=series.x[finite], height=series.y[finite], width=series.bar_width)
        elif style == "points":
            curve.item.setData(series.x, series.y)
        else:
            # Single readings (labs) are joined across the days between them; daily values
            # break the line where a day has none, and CGM readings where the sensor was
            # silent (a NaN marks the gap).
            joined = series.aggregation is None and not np.isnan(series.y).any()
            connect = "all" if joined else "finite"
            curve.item.setData(series.x, series.y, connect=connect)
            if curve.dots is not None:
                curve.dots.setData(series.x, series.y)
        self._update_header()

    def set_flares(self, spans: Sequence[tuple[float, float]]) -> None:
        self.flares.set_spans(spans)

    def data(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """What the plot draws for a series (x in local seconds, y), gaps left out for bars."""
        item = self.curves[name].item
        x, y = item.getData()
        return (
            np.asarray(x if x is not None else [], dtype=float),
            np.asarray(y if y is not None else [], dtype=float),
        )

    # --- cursor and header -----------------------------------------------------------------

    def show_cursor(self, day: int | None) -> None:
        self._cursor_day = day
        if day is None:
            self.crosshair.hide()
        else:
            self.crosshair.setPos((day + 0.5) * SECONDS_PER_DAY)
            self.crosshair.show()

    def set_empty(self, note: str | None) -> None:
        """Say what to log instead of drawing empty axes (None: draw the data)."""
        empty = note is not None
        self.empty_note.setText(note or "")
        self.empty_note.setVisible(empty)
        self.plot.setVisible(not empty)
        self.setMinimumHeight(64 if empty else 120)
        self.setSizePolicy(
            QSizePolicy.Policy.Expanding,
            QSizePolicy.Policy.Maximum if empty else QSizePolicy.Policy.Expanding,
        )

    def sizeHint(self) -> QSize:
        """About 190 pixels a chart, so a laptop screen shows three at once; a note is as
        tall as its text."""
        if self.empty:
            return QSize(400, super().sizeHint().height())
        return QSize(400, DRAWN_HEIGHT)

    def hasHeightForWidth(self) -> bool:
        # The plot's height is the row's to choose; only the header wraps, inside the row.
        return self.empty

    @property
    def empty(self) -> bool:
        return not self.plot.isVisibleTo(self)

    def values_on(self, day: int) -> list[tuple[SeriesSpec, str]]:
        """Each series' value on ``day`` as text ("–" where nothing was logged)."""
        return [(c.spec, _value_text(c.series, day)) for c in self.curves.values()]

    def _update_header(self) -> None:
        """Title, a legend entry per series (and what a week's or month's value is) and the
        guides; the values under the cursor go to a tooltip, so the header never reflows."""
        theme = self.theme
        parts = [f"<b>{_escape(self.spec.title)}</b>"]
        for curve in self.curves.values():
            colour = theme.colour(curve.spec.colour).name()
            text = _escape(curve.spec.label)
            if curve.series is not None and curve.series.basis:
                text += f" <span style='color:{theme.muted.name()}'>({curve.series.basis})</span>"
            glyph = _GLYPHS[curve.spec.style]
            parts.append(f"<span style='color:{colour}'>{glyph}</span>&nbsp;{text}")
        muted = theme.muted.name()
        for guide, _item in self._guides:
            glyph = "▬" if guide.high is not None else "╌╌"
            colour = theme.band.name() if guide.high is not None else theme.guide.name()
            parts.append(
                f"<span style='color:{colour}'>{glyph}</span>&nbsp;"
                f"<span style='color:{muted}'>{_escape(guide.label)}</span>"
            )
        self.header.setText(
            f"<span style='color:{theme.text.name()}'>"
            + "&nbsp;&nbsp;&nbsp; ".join(parts)  # a breakable space between items
            + "</span>"
        )

    # --- mapping ---------------------------------------------------------------------------

    def day_at(self, scene_pos: QPointF) -> int | None:
        """The epoch day under a scene position, or None outside the plot area."""
        if not self.view.sceneBoundingRect().contains(scene_pos):
            return None
        x = float(self.view.mapSceneToView(scene_pos).x())
        return math.floor(x / SECONDS_PER_DAY)


_GLYPHS = {"line": "━", "thin": "─", "bars": "▮", "points": "●", "markers": "━●"}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def format_value(value: float, unit: str) -> str:
    """A value as people read it: whole numbers stay whole, mmol/L and hours get a decimal."""
    if unit == "":
        return f"{value:.2f}"
    whole = abs(value) >= 100 or float(value).is_integer()
    text = f"{value:.0f}" if whole else f"{value:.1f}"
    # Scores are read as plain numbers; "7 0-10" would only confuse.
    return text if unit == "0-10" else f"{text} {unit}"


def value_text(series: Series | None, day: int) -> str:
    """A series' value for the day or bucket holding ``day``, as people read it."""
    return _value_text(series, day)


def _value_text(series: Series | None, day: int) -> str:
    if series is None:
        return "–"
    if series.aggregation is None:
        on_day = series.days == day
        values = series.y[on_day]
        finite = np.isfinite(values)
        values = values[finite]
        count = len(values) if series.counts is None else int(series.counts[on_day][finite].sum())
        if len(values) == 0:
            return "–"
        if count == 1:
            return format_value(float(values[0]), series.unit)
        low = format_value(float(values.min()), "0-10")
        high = format_value(float(values.max()), series.unit)
        return f"{count} readings, {low}–{high}"
    value = series.value_on(day)
    return "–" if value is None else format_value(value, series.unit)
