"""Colours shared by views and charts: a colour-blind-safe set (Okabe & Ito) that reads in
light and dark schemes, and a way to know which scheme is active."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from journal.domain.vocabulary import EntryKind
from journal.ui.kinds import KIND_LOOKS

# Okabe & Ito (2008), "Color Universal Design": distinguishable with common colour-vision
# deficiencies.
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}

KIND_COLOURS: dict[EntryKind, str] = {
    kind: OKABE_ITO[look.colour] for kind, look in KIND_LOOKS.items()
}

# Flare shading: vermillion, translucent so the data stays readable over it.
FLARE_RGBA = (213, 94, 0, 40)


def is_dark() -> bool:
    """True when the application paints with a dark palette."""
    hints = QGuiApplication.styleHints()
    if hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark:
        return True
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def kind_colour(kind: EntryKind) -> QColor:
    return QColor(KIND_COLOURS[kind])


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0..1) of the way towards ``b``."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )


def surface_colours(palette: QPalette) -> dict[str, QColor]:
    """The named colours every view's cards, text and toasts share, for either scheme."""
    window = palette.color(QPalette.ColorRole.Window)
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.WindowText)
    accent = palette.color(QPalette.ColorRole.Highlight)
    dark = is_dark()
    card = mix(window, text, 0.04) if dark else mix(window, base, 0.7)
    return {
        "window": window,
        "text": text,
        "card": card,
        "border": mix(window, text, 0.13),
        "muted": mix(text, window, 0.42),
        "hover": mix(window, text, 0.07),
        "accent": accent,
        "accent_soft": mix(card, accent, 0.28 if dark else 0.14),
        "accent_hover": mix(card, accent, 0.4 if dark else 0.24),
        "accent_edge": mix(card, accent, 0.6),
        # Transient messages are drawn in reverse, like a toast.
        "toast": mix(text, window, 0.08),
        "toast_text": window,
        "toast_accent": mix(accent, window, 0.1 if dark else 0.45),
    }
