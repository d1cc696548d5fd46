"""What "fits" means for a window or dialog: nothing cut off, nothing pushed out of sight.

A widget is clipped when it reaches outside its window, or outside its parent where the
parent is not a scrolled viewport; a button, combo box or one-line label is clipped when it
is narrower than its text needs (its minimum size hint).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QWidget,
)

# Text that is meant to be cut with "…" or wrapped is not clipped.
_ELIDING = ("ElidedLabel",)


def _scrolled(widget: QWidget, top: QWidget) -> bool:
    """Whether ``widget`` sits inside a scroll area's viewport below ``top``."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and parent is grand.viewport():
            return True
        parent = grand
    return False


def _needs_its_width(widget: QWidget) -> bool:
    if type(widget).__name__ in _ELIDING:
        return False
    if widget.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Ignored:
        return False
    if isinstance(widget, QLabel):
        return not widget.wordWrap() and bool(widget.text())
    return isinstance(widget, (QAbstractButton, QComboBox, QLineEdit))


def clipped_widgets(top: QWidget) -> list[str]:
    """A description of every visible widget of ``top`` that is cut off."""
    window = QRect(QPoint(0, 0), top.size())
    found = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow() or _scrolled(widget, top):
            continue
        name = f"{type(widget).__name__} {widget.objectName()!r} {_text(widget)!r}"
        where = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
        if not window.contains(where):
            found.append(f"{name} reaches outside the window: {where} not in {window}")
            continue
        if _needs_its_width(widget):
            need = widget.minimumSizeHint().width()
            if widget.width() + 1 < need:
                found.append(f"{name} is {widget.width()} wide but needs {need}")
    return found


def _text(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    if callable(text):
        value = text()
        return value if isinstance(value, str) else ""
    return widget.accessibleName()
