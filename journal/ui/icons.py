"""The app's icons: stroke SVGs from resources/icons, recoloured for the light or dark scheme."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer

from journal.domain.vocabulary import EntryKind
from journal.resources import resource_path
from journal.ui.kinds import KIND_LOOKS
from journal.ui.palette import kind_colour, mix

# The sizes toolbars, menus and lists ask for; Qt picks the nearest. A label that shows
# an icon at a fixed size asks for exactly that size with icon_pixmap().
_SIZES = (16, 20, 24, 32)

KIND_ICON_NAMES: dict[EntryKind, str] = {kind: look.icon for kind, look in KIND_LOOKS.items()}

ICON_NAMES: tuple[str, ...] = (
    *KIND_ICON_NAMES.values(),
    "flare",
    "calendar",
    "today",
    "prev",
    "next",
    "search",
    "undo",
    "charts",
    "add",
    "close",
    "edit",
    "delete",
)


def text_colour() -> QColor:
    """The colour of ordinary text in the active palette (dark on light, light on dark)."""
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText)


@lru_cache(maxsize=64)
def _svg_text(name: str) -> str:
    path = resource_path("icons", f"{name}.svg")
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""  # a missing icon shows as blank space rather than stopping the app


@lru_cache(maxsize=256)
def _icon(name: str, colour: str) -> QIcon:
    svg = _svg_text(name)
    if not svg:
        return QIcon()
    renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", colour).encode("utf-8")))
    result = QIcon()
    for size in _SIZES:
        result.addPixmap(_render(renderer, size))
    return result


@lru_cache(maxsize=512)
def _pixmap(name: str, colour: str, size: int, ratio: float) -> QPixmap:
    svg = _svg_text(name)
    renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", colour).encode("utf-8")))
    pixmap = _render(renderer, round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def icon_pixmap(name: str, size: int, colour: QColor | None = None) -> QPixmap:
    """The icon ``name`` drawn at exactly ``size`` (logical pixels), sharp on any screen."""
    chosen = colour if colour is not None else text_colour()
    app = QGuiApplication.instance()
    ratio = app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0
    return _pixmap(name, chosen.name(QColor.NameFormat.HexRgb), size, ratio)


def kind_pixmap(kind: EntryKind, size: int, colour: QColor | None = None) -> QPixmap:
    return icon_pixmap(KIND_ICON_NAMES[kind], size, colour)


def _render(renderer: QSvgRenderer, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


class _TextColourIcon(QIconEngine):
    """An icon drawn in the palette's text colour at the moment it is painted, so toolbars,
    menus and lists follow a switch between light and dark without being rebuilt."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name

    def _colour(self, mode: QIcon.Mode) -> str:
        palette = QGuiApplication.palette()
        group = (
            QPalette.ColorGroup.Disabled
            if mode == QIcon.Mode.Disabled
            else QPalette.ColorGroup.Active
        )
        return palette.color(group, QPalette.ColorRole.WindowText).name(QColor.NameFormat.HexRgb)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        side = max(1, min(size.width(), size.height()))
        return _pixmap(self._name, self._colour(mode), side, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        side = max(1, min(size.width(), size.height()))
        return _pixmap(self._name, self._colour(mode), round(side / max(scale, 1.0)), scale)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        side = max(1, min(rect.width(), rect.height()))
        pixmap = _pixmap(self._name, self._colour(mode), side, ratio)
        x = rect.x() + (rect.width() - side) // 2
        y = rect.y() + (rect.height() - side) // 2
        painter.drawPixmap(QRect(x, y, side, side), pixmap)

    def availableSizes(
        self, mode: QIcon.Mode = QIcon.Mode.Normal, state: QIcon.State = QIcon.State.Off
    ) -> list[QSize]:
        return [QSize(s, s) for s in _SIZES]

    def isNull(self) -> bool:
        return not _svg_text(self._name)

    def clone(self) -> QIconEngine:
        return _TextColourIcon(self._name)

    def key(self) -> str:
        return "interplay-text-colour"


def icon(name: str, colour: QColor | None = None) -> QIcon:
    """The icon ``name`` (e.g. "meal", "prev") in ``colour``; by default in the text colour,
    following the palette when it changes (light to dark)."""
    if colour is None:
        return QIcon(_TextColourIcon(name))
    return _icon(name, colour.name(QColor.NameFormat.HexRgb))


def kind_icon(kind: EntryKind, colour: QColor | None = None) -> QIcon:
    """The icon of an entry kind."""
    return icon(KIND_ICON_NAMES[kind], colour)


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG 2 contrast ratio of two colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable_on(colour: QColor, background: QColor, minimum: float = 2.0) -> QColor:
    """``colour``, moved towards the text colour until it stands out from ``background``
    (the Okabe-Ito yellow, for one, is nearly invisible on white)."""
    text = text_colour()
    result = QColor(colour)
    step = 0
    while contrast(result, background) < minimum and step < 6:
        step += 1
        result = mix(colour, text, step * 0.15)
    return result


def kind_accent(kind: EntryKind, background: QColor | None = None) -> QColor:
    """The kind's colour as a small accent (icon, dot) that reads on ``background``."""
    behind = background or QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return readable_on(kind_colour(kind), behind)
