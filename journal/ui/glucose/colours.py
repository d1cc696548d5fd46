"""The Glucose view's colours: the AGP report's time-in-range colours, and its bands.

Clinicians read the time-in-ranges bar by its colours (the AGP report of the International
Diabetes Center, Battelino et al. 2019): red below range, green in range, yellow and orange
above. The shades here keep those hues and read on a light and a dark background.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from journal.ui.palette import OKABE_ITO, is_dark, mix

# Lowest band first, as in TimeShare order (very low, low, in range, high, very high).
_BANDS_LIGHT = ("#8E1B12", "#D7301F", "#2E9E5B", "#E8B90C", "#E67E16")
_BANDS_DARK = ("#C0392B", "#F0604D", "#3CC078", "#F2CF3A", "#F29A3F")


@dataclass(frozen=True)
class GlucoseColours:
    dark: bool
    text: QColor
    muted: QColor
    background: QColor
    card: QColor
    border: QColor
    target: QColor
    target_fill: QColor
    median: QColor
    inner: QColor
    outer: QColor
    trace: QColor
    meal: QColor
    bands: tuple[QColor, QColor, QColor, QColor, QColor]

    def band(self, index: int) -> QColor:
        return QColor(self.bands[index])


def glucose_colours(palette: QPalette | None = None) -> GlucoseColours:
    palette = palette or QGuiApplication.palette()
    dark = is_dark()
    window = palette.color(QPalette.ColorRole.Window)
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.WindowText)
    card = mix(window, text, 0.04) if dark else mix(window, base, 0.7)
    green = QColor(OKABE_ITO["green"])
    target_fill = QColor(green)
    target_fill.setAlpha(40 if dark else 30)
    blue = QColor("#6FA8DC" if dark else "#5B7FA6")
    inner = QColor(blue)
    inner.setAlpha(150 if dark else 135)
    outer = QColor(blue)
    outer.setAlpha(60 if dark else 50)
    bands = _BANDS_DARK if dark else _BANDS_LIGHT
    return GlucoseColours(
        dark=dark,
        text=text,
        muted=mix(text, window, 0.42),
        background=card,
        card=card,
        border=mix(window, text, 0.13),
        target=mix(green, text, 0.15) if not dark else mix(green, text, 0.1),
        target_fill=target_fill,
        median=QColor("#F2F2F2") if dark else QColor("#1B2A3A"),
        inner=inner,
        outer=outer,
        trace=QColor("#7DB8E8") if dark else QColor(OKABE_ITO["blue"]),
        meal=QColor(OKABE_ITO["orange"]),
        bands=tuple(QColor(c) for c in bands),  # type: ignore[arg-type]
    )
