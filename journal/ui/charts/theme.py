"""Chart colours for the current light or dark scheme: Okabe & Ito series colours, shaded
flares, reference bands, axes that follow the window palette."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from journal.ui.palette import FLARE_RGBA, OKABE_ITO, is_dark, mix

# Okabe & Ito's blue and yellow lose contrast on one background each: on dark, the blue is
# lifted; on light, the yellow is deepened (same hues, readable luminance).
_DARK_ADJUST = {"blue": "#3D9BE0", "grey": "#B0B0B0"}
_LIGHT_ADJUST = {"yellow": "#B59F00", "grey": "#7A7A7A"}


def _with_alpha(colour: QColor, alpha: int) -> QColor:
    result = QColor(colour)
    result.setAlpha(alpha)
    return result


@dataclass(frozen=True)
class ChartTheme:
    dark: bool
    background: QColor
    text: QColor
    muted: QColor
    axis: QColor
    grid_alpha: float
    flare: QColor
    band: QColor
    guide: QColor
    crosshair: QColor

    def colour(self, key: str) -> QColor:
        """The shade of an Okabe & Ito colour (by name) that reads on this background."""
        adjust = _DARK_ADJUST if self.dark else _LIGHT_ADJUST
        return QColor(adjust.get(key, OKABE_ITO.get(key, OKABE_ITO["grey"])))

    def translucent(self, key: str, alpha: int) -> QColor:
        return _with_alpha(self.colour(key), alpha)


def current_theme() -> ChartTheme:
    """Colours taken from the application palette, so charts match the rest of the window."""
    palette = QGuiApplication.palette()
    dark = is_dark()
    window = palette.color(QPalette.ColorRole.Window)
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.WindowText)
    red, green, blue, alpha = FLARE_RGBA
    return ChartTheme(
        dark=dark,
        background=mix(window, base, 0.6),
        text=text,
        muted=mix(text, window, 0.35),
        axis=mix(text, window, 0.55),
        grid_alpha=0.12 if dark else 0.10,
        # Translucent enough to read the data through; a little stronger on dark.
        flare=QColor(red, green, blue, round(alpha * 1.5) if dark else alpha),
        band=_with_alpha(QColor(OKABE_ITO["green"]), 34 if dark else 26),
        guide=mix(text, window, 0.45),
        crosshair=_with_alpha(text, 110),
    )
