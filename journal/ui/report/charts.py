"""The report's charts as vector drawings that read in black and white: the time-in-ranges
bar, the AGP, daily traces, meter readings, symptoms with flares, and weekly activity.

Bands differ by grey level and pattern, lines by dash, points by marker shape; every axis
names its unit. Glucose arrives in mg/dL and is shown in the person's unit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPolygonF

from journal.analysis.cgm_metrics import Agp, CgmMetrics, TimeShare
from journal.domain.units import GlucoseUnit, glucose_from_mgdl
from journal.ui.report.canvas import (
    BAND_INNER,
    BAND_OUTER,
    BAND_STYLES,
    FAINT,
    FLARE_FILL,
    INK,
    MUTED,
    RULE,
    SMALL,
    TARGET_FILL,
    TINY,
    Canvas,
    font,
    pen,
)

FloatArray = NDArray[np.float64]
Scale = Callable[[float], float]

_SOLID = Qt.PenStyle.SolidLine
_DASH = Qt.PenStyle.DashLine
_DOT = Qt.PenStyle.DotLine


def glucose_text(mgdl: float, unit: GlucoseUnit, *, with_unit: bool = True) -> str:
    value = glucose_from_mgdl(mgdl, unit)
    number = f"{value:.1f}" if unit is GlucoseUnit.MMOLL else f"{value:.0f}"
    return f"{number} {unit.value}" if with_unit else number


def _linear(lo: float, hi: float, out_lo: float, out_hi: float) -> Scale:
    span = (hi - lo) or 1.0
    return lambda v: out_lo + (v - lo) / span * (out_hi - out_lo)


def _path(xs: Sequence[float], ys: Sequence[float]) -> QPainterPath:
    """A line through the points; NaN breaks it."""
    path = QPainterPath()
    drawing = False
    for x, y in zip(xs, ys, strict=True):
        if not (math.isfinite(x) and math.isfinite(y)):
            drawing = False
            continue
        if drawing:
            path.lineTo(x, y)
        else:
            path.moveTo(x, y)
            drawing = True
    return path


def _band(xs: FloatArray, lows: FloatArray, highs: FloatArray) -> list[QPolygonF]:
    """Polygons between two curves, one per run of finite values."""
    polygons = []
    finite = np.isfinite(lows) & np.isfinite(highs)
    index = 0
    while index < len(xs):
        if not finite[index]:
            index += 1
            continue
        end = index
        while end < len(xs) and finite[end]:
            end += 1
        top = [QPointF(xs[i], highs[i]) for i in range(index, end)]
        bottom = [QPointF(xs[i], lows[i]) for i in range(end - 1, index - 1, -1)]
        polygons.append(QPolygonF(top + bottom))
        index = end
    return polygons


def _glucose_axis(
    canvas: Canvas, plot: QRectF, y: Scale, unit: GlucoseUnit, ticks_mgdl: Sequence[float]
) -> None:
    p = canvas.painter
    assert p is not None
    for tick in ticks_mgdl:
        ty = y(tick)
        canvas.rule(plot.left(), ty, plot.right(), FAINT, 0.4)
        canvas.line_text(
            plot.left() - 30,
            ty,
            glucose_text(tick, unit, with_unit=False),
            font(TINY),
            MUTED,
            Qt.AlignmentFlag.AlignRight,
            27,
        )


def _hour_axis(canvas: Canvas, plot: QRectF, x: Scale, every: int = 3, labels: bool = True) -> None:
    for hour in range(0, 25, every):
        hx = x(hour * 60)
        if canvas.painter is not None:
            canvas.painter.setPen(pen(FAINT, 0.4))
            canvas.painter.drawLine(QPointF(hx, plot.top()), QPointF(hx, plot.bottom()))
        if labels:
            text = {0: "12am", 12: "12pm", 24: "12am"}.get(
                hour, f"{hour % 12}{'am' if hour < 12 else 'pm'}"
            )
            canvas.line_text(
                hx - 15,
                plot.bottom() + 6,
                text,
                font(TINY),
                MUTED,
                Qt.AlignmentFlag.AlignHCenter,
                30,
            )


# --- time in ranges ---------------------------------------------------------------------------

_BAND_NAMES = ("Very low", "Low", "In range", "High", "Very high")


def band_label(share: TimeShare, unit: GlucoseUnit) -> str:
    """The band's bounds in the person's unit, as the consensus names them."""
    if share.low_mgdl is None and share.high_mgdl is not None:
        return f"below {glucose_text(share.high_mgdl, unit)}"
    if share.high_mgdl is None and share.low_mgdl is not None:
        return f"above {glucose_text(share.low_mgdl, unit)}"
    assert share.low_mgdl is not None and share.high_mgdl is not None
    low = share.low_mgdl + (1 if not share.low_inclusive else 0)
    high = share.high_mgdl - (1 if not share.high_inclusive else 0)
    if unit is GlucoseUnit.MMOLL:
        low, high = share.low_mgdl, share.high_mgdl
    return f"{glucose_text(low, unit, with_unit=False)}–{glucose_text(high, unit)}"


def time_in_ranges(metrics: CgmMetrics, unit: GlucoseUnit) -> Callable[[Canvas, QRectF], None]:
    """A stacked bar of the five consensus bands (highest on top), each labelled with its
    share, its time a day and the consensus target."""

    def paint(canvas: Canvas, rect: QRectF) -> None:
        p = canvas.painter
        assert p is not None
        bar = QRectF(rect.left(), rect.top() + 4, 26, rect.height() - 8)
        bands = metrics.bands
        # Tiny bands still get a sliver so their pattern can be seen.
        shares = [max(b.percent, 0.0) for b in bands]
        total = sum(shares) or 1.0
        bottom = bar.bottom()
        label_slots = []
        for share, band, (fill, pattern) in zip(shares, bands, BAND_STYLES, strict=True):
            h = bar.height() * share / total
            segment = QRectF(bar.left(), bottom - h, bar.width(), h)
            if h > 0:
                canvas.patterned(segment, fill, pattern)
            label_slots.append((bottom - h / 2, band, fill, pattern))
            bottom -= h
        # Labels evenly spaced top to bottom (highest band first), with a leader line.
        step = bar.height() / 5
        for i, (centre, band, fill, pattern) in enumerate(reversed(label_slots)):
            ly = bar.top() + step * (i + 0.5)
            name = _BAND_NAMES[4 - i]
            key = QRectF(bar.right() + 12, ly - 4.5, 9, 9)
            canvas.patterned(key, fill, pattern)
            p.setPen(pen(RULE, 0.4, _DOT))
            p.drawLine(QPointF(bar.right(), centre), QPointF(key.left(), ly))
            x = key.right() + 5
            canvas.line_text(x, ly - 4, f"{name} ({band_label(band, unit)})", font(SMALL), INK)
            target = band.target.text if band.target is not None else ""
            detail = f"{band.percent:.0f} %  ·  {band.hours_minutes} h a day"
            if target:
                detail += f"  ·  target {target}"
            canvas.line_text(x, ly + 5, detail, font(TINY), MUTED)
            canvas.line_text(
                rect.right() - 40,
                ly - 4,
                f"{band.percent:.0f} %",
                font(SMALL, bold=True),
                INK,
                Qt.AlignmentFlag.AlignRight,
                40,
            )

    return paint


# --- the AGP ----------------------------------------------------------------------------------


def agp_chart(
    agp: Agp, unit: GlucoseUnit, target: tuple[float, float]
) -> Callable[[Canvas, QRectF], None]:
    """Percentiles 5-95 (light band, dashed edges), 25-75 (darker band), the median
    (thick line), over the target range (shaded, its edges solid)."""

    def paint(canvas: Canvas, rect: QRectF) -> None:
        p = canvas.painter
        assert p is not None
        plot = QRectF(rect.left() + 34, rect.top() + 4, rect.width() - 40, rect.height() - 20)
        top = max(350.0, float(np.nanmax(agp.p95)) if np.isfinite(agp.p95).any() else 0.0)
        y = _linear(40.0, top, plot.bottom(), plot.top())
        x = _linear(0, 1440, plot.left(), plot.right())
        p.fillRect(
            QRectF(plot.left(), y(target[1]), plot.width(), y(target[0]) - y(target[1])),
            TARGET_FILL,
        )
        _glucose_axis(canvas, plot, y, unit, [54, 70, 180, 250, 350])
        _hour_axis(canvas, plot, x)
        minutes = agp.minute_of_day.astype(np.float64)
        # Close the day: midnight again at the right edge.
        xs = np.append(minutes, 1440.0)

        def wrap(values: FloatArray) -> FloatArray:
            return np.append(values, values[0])

        px = np.array([x(v) for v in xs])

        def ys(values: FloatArray) -> FloatArray:
            return np.array([y(float(v)) if math.isfinite(v) else math.nan for v in wrap(values)])

        p5, p25, p50, p75, p95 = (ys(agp.percentile(q)) for q in (5, 25, 50, 75, 95))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(BAND_OUTER)
        for polygon in _band(px, p5, p95):
            p.drawPolygon(polygon)
        p.setBrush(BAND_INNER)
        for polygon in _band(px, p25, p75):
            p.drawPolygon(polygon)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(pen(INK, 0.7, _DASH))
        p.drawPath(_path(list(px), list(p5)))
        p.drawPath(_path(list(px), list(p95)))
        p.setPen(pen(INK, 2.0))
        p.drawPath(_path(list(px), list(p50)))
        p.setPen(pen(INK, 0.8))
        for edge in target:
            p.drawLine(QPointF(plot.left(), y(edge)), QPointF(plot.right(), y(edge)))
        p.setPen(pen(INK, 0.6))
        p.drawRect(plot)
        canvas.line_text(rect.left(), rect.top() - 2, unit.value, font(TINY), MUTED)

    return paint


def agp_legend(unit: GlucoseUnit, target: tuple[float, float]) -> Callable[[Canvas, QRectF], None]:
    def paint(canvas: Canvas, rect: QRectF) -> None:
        p = canvas.painter
        assert p is not None
        items: list[tuple[str, Callable[[QRectF], None]]] = []

        def median(r: QRectF) -> None:
            p.setPen(pen(INK, 2.0))
            p.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.right(), r.center().y()))

        def inner(r: QRectF) -> None:
            p.fillRect(r, BAND_INNER)

        def outer(r: QRectF) -> None:
            p.fillRect(r, BAND_OUTER)
            p.setPen(pen(INK, 0.7, _DASH))
            p.drawLine(QPointF(r.left(), r.top()), QPointF(r.right(), r.top()))
            p.drawLine(QPointF(r.left(), r.bottom()), QPointF(r.right(), r.bottom()))

        def band(r: QRectF) -> None:
            p.fillRect(r, TARGET_FILL)
            p.setPen(pen(INK, 0.8))
            p.drawLine(QPointF(r.left(), r.top()), QPointF(r.right(), r.top()))
            p.drawLine(QPointF(r.left(), r.bottom()), QPointF(r.right(), r.bottom()))

        low, high = (glucose_text(t, unit, with_unit=False) for t in target)
        items = [
            ("median", median),
            ("25–75 %", inner),
            ("5–95 % (dashed edges)", outer),
            (f"target {low}–{high} {unit.value}", band),
        ]
        x = rect.left() + 34
        for label, draw in items:
            key = QRectF(x, rect.center().y() - 3.5, 16, 7)
            draw(key)
            canvas.line_text(key.right() + 4, rect.center().y(), label, font(TINY), INK)
            x = key.right() + 10 + canvas.text_width(label, font(TINY))

    return paint


# --- daily traces -----------------------------------------------------------------------------


def daily_traces(
    traces: Sequence[tuple[date, FloatArray, FloatArray]],
    unit: GlucoseUnit,
    target: tuple[float, float],
    columns: int = 7,
) -> Callable[[Canvas, QRectF], None]:
    """Small multiples, one box a day (local midnight to midnight), target range shaded."""

    def paint(canvas: Canvas, rect: QRectF) -> None:
        p = canvas.painter
        assert p is not None
        rows = max(1, math.ceil(len(traces) / columns))
        gap = 4.0
        w = (rect.width() - gap * (columns - 1)) / columns
        h = (rect.height() - gap * (rows - 1)) / rows
        for i, (day, minutes, mgdl) in enumerate(traces):
            box = QRectF(
                rect.left() + (i % columns) * (w + gap),
                rect.top() + (i // columns) * (h + gap),
                w,
                h,
            )
            plot = QRectF(box.left(), box.top() + 10, box.width(), box.height() - 10)
            y = _linear(40.0, 350.0, plot.bottom(), plot.top())
            x = _linear(0, 1440, plot.left(), plot.right())
            p.fillRect(
                QRectF(plot.left(), y(target[1]), plot.width(), y(target[0]) - y(target[1])),
                TARGET_FILL,
            )
            p.setPen(pen(RULE, 0.4))
            p.drawLine(QPointF(x(720), plot.top()), QPointF(x(720), plot.bottom()))
            for edge in target:
                p.setPen(pen(MUTED, 0.4, _DASH))
                p.drawLine(QPointF(plot.left(), y(edge)), QPointF(plot.right(), y(edge)))
            if len(minutes):
                clipped = np.clip(mgdl, 40, 350)
                xs = [x(float(m)) if math.isfinite(m) else math.nan for m in minutes]
                ys_ = [y(float(v)) if math.isfinite(v) else math.nan for v in clipped]
                p.setPen(pen(INK, 0.7))
                p.drawPath(_path(xs, ys_))
            else:
                canvas.line_text(
                    plot.left(),
                    plot.center().y(),
                    "no readings",
                    font(TINY),
                    MUTED,
                    Qt.AlignmentFlag.AlignHCenter,
                    plot.width(),
                )
            p.setPen(pen(INK, 0.5))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(plot)
            canvas.line_text(box.left(), box.top() + 4, f"{day:%a %d %b}", font(TINY), INK)

    return paint


# --- meter readings ---------------------------------------------------------------------------


def meter_trend(
    first: date,
    last: date,
    fasting: Sequence[tuple[date, float]],
    after_meal: Sequence[tuple[date, float]],
    unit: GlucoseUnit,
    changes: Sequence[tuple[date, str]] = (),
) -> Callable[[Canvas, QRectF], None]:
    """Each day's fasting mean (filled circles) and after-meal mean (open squares), with
    the ADA fasting line at 100 mg/dL (dashed) and 126 mg/dL (dotted), and medication
    changes as numbered dotted lines."""

    def paint(canvas: Canvas, rect: QRectF) -> None:
        p = canvas.painter
        assert p is not None
        plot = QRectF(rect.left() + 34, rect.top() + 10, rect.width() - 40, rect.height() - 26)
        values = [v for _, v in (*fasting, *after_meal)]
        top = max(200.0, max(values, default=0) + 10)
        bottom = min(60.0, min(values, default=60) - 10)
        y = _linear(bottom, top, plot.bottom(), plot.top())
        x = _day_scale(first, last, plot)
        ticks = [t for t in (70, 100, 126, 140, 180, 250, 300) if bottom <= t <= top]
        _glucose_axis(canvas, plot, y, unit, ticks)
        _date_axis(canvas, plot, first, last, x)
        p.setPen(pen(INK, 0.7, _DASH))
        p.drawLine(QPointF(plot.left(), y(100)), QPointF(plot.right(), y(100)))
        p.setPen(pen(INK, 0.7, _DOT))
        p.drawLine(QPointF(plot.left(), y(126)), QPointF(plot.right(), y(126)))
        p.setPen(pen(INK, 0.6))
        p.setBrush(INK)
        for day, value in fasting:
            p.drawEllipse(QPointF(x(day), y(value)), 1.8, 1.8)
        p.setBrush(QColor("white"))
        for day, value in after_meal:
            p.drawRect(QRectF(x(day) - 2, y(value) - 2, 4, 4))
        change_marks(canvas, plot, rect.top() + 3, x, first, last, changes)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(pen(INK, 0.6))
        p.drawRect(plot)
        canvas.line_text(rect.left(), rect.top() + 3, unit.value, font(TINY), MUTED)

    return paint


def meter_legend(unit: GlucoseUnit, has_changes: bool = False) -> Callable[[Canvas, QRectF], None]:
    def paint(canvas: Canvas, rect: QRectF) -> None:
        p = canvas.painter
        assert p is not None

        def dot(r: QRectF) -> None:
            p.setPen(pen(INK, 0.6))
            p.setBrush(INK)
            p.drawEllipse(r.center(), 1.8, 1.8)

        def square(r: QRectF) -> None:
            p.setPen(pen(INK, 0.6))
            p.setBrush(QColor("white"))
            p.drawRect(QRectF(r.center().x() - 2, r.center().y() - 2, 4, 4))

        def line(style: Qt.PenStyle) -> Callable[[QRectF], None]:
            def draw(r: QRectF) -> None:
                p.setPen(pen(INK, 0.7, style))
                p.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.right(), r.center().y()))

            return draw

        def upright(r: QRectF) -> None:
            p.setPen(pen(INK, 0.8, _DOT))
            p.drawLine(
                QPointF(r.center().x(), r.top() - 2), QPointF(r.center().x(), r.bottom() + 2)
            )

        legend(
            canvas,
            rect,
            [
                ("fasting (daily mean)", dot),
                ("1–2 h after a meal (daily mean)", square),
                (f"{glucose_text(100, unit)}: ADA, fasting normal below", line(_DASH)),
                (f"{glucose_text(126, unit)}: ADA, diabetes at or above", line(_DOT)),
                *([("medication change (numbered)", upright)] if has_changes else []),
            ],
        )

    return paint


def legend(
    canvas: Canvas, rect: QRectF, items: Sequence[tuple[str, Callable[[QRectF], None]]]
) -> None:
    """Keys and their words from the plot's left edge, on a second line when they run out
    of room."""
    left = rect.left() + 34
    x = left
    cy = rect.top() + 6
    for label, draw in items:
        width = 14 + 4 + canvas.text_width(label, font(TINY))
        if x > left and x + width > rect.right():
            x, cy = left, cy + 11
        key = QRectF(x, cy - 3.5, 14, 7)
        draw(key)
        canvas.line_text(key.right() + 4, cy, label, font(TINY), INK)
        x += width + 12


# --- dates ------------------------------------------------------------------------------------


def _day_scale(first: date, last: date, plot: QRectF) -> Callable[[date], float]:
    days = (last - first).days + 1
    width = plot.width() / days
    return lambda d: plot.left() + ((d - first).days + 0.5) * width


def _date_axis(
    canvas: Canvas, plot: QRectF, first: date, last: date, x: Callable[[date], float]
) -> None:
    days = (last - first).days + 1
    step = 1 if days <= 10 else 7 if days <= 100 else 30 if days <= 400 else 91
    day = first
    if step == 7:
        day = first + timedelta(days=(7 - first.weekday()) % 7)
    while day <= last:
        canvas.line_text(
            x(day) - 20,
            plot.bottom() + 6,
            f"{day:%d %b}",
            font(TINY),
            MUTED,
            Qt.AlignmentFlag.AlignHCenter,
            40,
        )
        if canvas.painter is not None:
            canvas.painter.setPen(pen(FAINT, 0.4))
            canvas.painter.drawLine(QPointF(x(day), plot.top()), QPointF(x(day), plot.bottom()))
        day += timedelta(days=step)


def change_marks(
    canvas: Canvas,
    plot: QRectF,
    label_y: float,
    x: Callable[[date], float],
    first: date,
    last: date,
    changes: Sequence[tuple[date, str]],
) -> None:
    """Medication changes as dotted lines numbered as in the medication list."""
    p = canvas.painter
    assert p is not None
    for number, (day, _what) in enumerate(changes, start=1):
        if not first <= day <= last:
            continue
        p.setPen(pen(INK, 0.8, _DOT))
        p.drawLine(QPointF(x(day), plot.top() - 2), QPointF(x(day), plot.bottom()))
        canvas.line_text(
            x(day) - 6, label_y, str(number), font(TINY, bold=True), INK,
            Qt.AlignmentFlag.AlignHCenter, 12,
        )  # fmt: skip


# --- symptoms and flares ----------------------------------------------------------------------


def symptom_chart(
    days: Sequence[date],
    worst: Sequence[float | None],
    in_flare: Sequence[bool],
    changes: Sequence[tuple[date, str]],
) -> Callable[[Canvas, QRectF], None]:
    """The day's worst symptom score (0-10) as bars, flare days shaded and hatched, and
    medication changes as numbered dotted lines."""

    def paint(canvas: Canvas, rect: QRectF) -> None:
        p = canvas.painter
        assert p is not None
        plot = QRectF(rect.left() + 34, rect.top() + 10, rect.width() - 40, rect.height() - 26)
        first, last = days[0], days[-1]
        x = _day_scale(first, last, plot)
        y = _linear(0, 10, plot.bottom(), plot.top())
        width = plot.width() / len(days)
        for day, flare in zip(days, in_flare, strict=True):
            if flare:
                band = QRectF(x(day) - width / 2, plot.top(), width, plot.height())
                p.fillRect(band, FLARE_FILL)
                p.fillRect(band, QBrush(QColor(0, 0, 0, 90), Qt.BrushStyle.BDiagPattern))
        for tick in (0, 5, 10):
            canvas.rule(plot.left(), y(tick), plot.right(), FAINT if tick else RULE, 0.4)
            canvas.line_text(
                plot.left() - 30,
                y(tick),
                str(tick),
                font(TINY),
                MUTED,
                Qt.AlignmentFlag.AlignRight,
                27,
            )
        p.setPen(pen(INK, 0.6, _DASH))
        p.drawLine(QPointF(plot.left(), y(5)), QPointF(plot.right(), y(5)))
        _date_axis(canvas, plot, first, last, x)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#333333"))
        bar = max(width * 0.7, 0.6)
        for day, score in zip(days, worst, strict=True):
            if score is None:
                continue
            p.drawRect(QRectF(x(day) - bar / 2, y(score), bar, y(0) - y(score)))
        change_marks(canvas, plot, rect.top() + 3, x, first, last, changes)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(pen(INK, 0.6))
        p.drawRect(plot)

    return paint


def symptom_legend(has_changes: bool) -> Callable[[Canvas, QRectF], None]:
    def paint(canvas: Canvas, rect: QRectF) -> None:
        p = canvas.painter
        assert p is not None
        cy = rect.center().y()
        x = rect.left() + 34
        p.fillRect(QRectF(x, cy - 3.5, 12, 7), QColor("#333333"))
        canvas.line_text(x + 16, cy, "worst symptom of the day (0–10)", font(TINY))
        x += 140
        key = QRectF(x, cy - 3.5, 12, 7)
        p.fillRect(key, FLARE_FILL)
        p.fillRect(key, QBrush(QColor(0, 0, 0, 90), Qt.BrushStyle.BDiagPattern))
        canvas.line_text(x + 16, cy, "days in a flare (hatched)", font(TINY))
        x += 110
        p.setPen(pen(INK, 0.6, _DASH))
        p.drawLine(QPointF(x, cy), QPointF(x + 14, cy))
        canvas.line_text(x + 18, cy, "score 5", font(TINY))
        if has_changes:
            x += 52
            p.setPen(pen(INK, 0.8, _DOT))
            p.drawLine(QPointF(x + 5, cy - 5), QPointF(x + 5, cy + 5))
            canvas.line_text(x + 10, cy, "medication change (numbered, see the list)", font(TINY))

    return paint


# --- weekly activity ----------------------------------------------------------------------


def weekly_minutes(
    weeks: Sequence[tuple[date, float | None, bool]], target: float
) -> Callable[[Canvas, QRectF], None]:
    """Bars of each week's WHO minutes (solid for a whole week, hatched for a part week at
    an end of the period), the 150-minute line dashed."""

    def paint(canvas: Canvas, rect: QRectF) -> None:
        p = canvas.painter
        assert p is not None
        plot = QRectF(rect.left() + 34, rect.top() + 6, rect.width() - 40, rect.height() - 22)
        highest = max([v or 0.0 for _, v, _ in weeks] + [target * 1.3]) * 1.18
        y = _linear(0, highest, plot.bottom(), plot.top())
        step = plot.width() / max(len(weeks), 1)
        for tick in _nice_ticks(highest):
            canvas.rule(plot.left(), y(tick), plot.right(), FAINT, 0.4)
            canvas.line_text(
                plot.left() - 30,
                y(tick),
                f"{tick:.0f}",
                font(TINY),
                MUTED,
                Qt.AlignmentFlag.AlignRight,
                27,
            )
        p.setPen(pen(INK, 1.0, _DASH))
        p.drawLine(QPointF(plot.left(), y(target)), QPointF(plot.right(), y(target)))
        label_every = max(1, math.ceil(len(weeks) / 14))
        for i, (monday, value, whole) in enumerate(weeks):
            cx = plot.left() + step * (i + 0.5)
            if value is not None:
                bar = QRectF(cx - step * 0.35, y(value), step * 0.7, y(0) - y(value))
                if whole:
                    canvas.patterned(bar, QColor("#5E93BF"), Qt.BrushStyle.NoBrush)
                else:
                    canvas.patterned(bar, QColor("white"), Qt.BrushStyle.BDiagPattern)
                if step > 18:
                    text = f"{value:.0f}"
                    w = canvas.text_width(text, font(TINY)) + 3
                    p.fillRect(QRectF(cx - w / 2, y(value) - 9.5, w, 8), QColor("white"))
                    canvas.line_text(
                        cx - 15,
                        y(value) - 5,
                        f"{value:.0f}",
                        font(TINY),
                        INK,
                        Qt.AlignmentFlag.AlignHCenter,
                        30,
                    )
            if i % label_every == 0:
                canvas.line_text(
                    cx - 20,
                    plot.bottom() + 6,
                    f"{monday:%d %b}",
                    font(TINY),
                    MUTED,
                    Qt.AlignmentFlag.AlignHCenter,
                    40,
                )
        canvas.line_text(
            plot.left() + 3,
            plot.top() + 5,
            f"dashed: WHO {target:.0f} min a week",
            font(TINY, bold=True),
            INK,
        )
        p.setPen(pen(INK, 0.6))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(plot)
        canvas.line_text(rect.left(), plot.top() - 1, "min", font(TINY), MUTED)

    return paint


def _nice_ticks(highest: float) -> list[float]:
    step = 50.0 if highest <= 300 else 100.0 if highest <= 700 else 250.0
    return [i * step for i in range(int(highest // step) + 1)]
