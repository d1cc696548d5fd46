"""What "fits" means for a window or dialog: nothing cut off, nothing pushed out of sight.

A widget is clipped when it reaches outside its window, or outside its parent where the
parent is not a scrolled viewport; a button, combo box or one-line label is clipped when it
is narrower or lower than its text needs (its minimum size hint).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QTextEdit,
    QWidget,
)

# A style sheet's fixed height may trim a few pixels of a control's padding: not clipping.
SLACK_PX = 4

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
        # A list or table may scroll sideways; a page of the app should not.
        paged = isinstance(widget, QAbstractScrollArea) and not isinstance(
            widget, (QAbstractItemView, QPlainTextEdit, QTextEdit)
        )
        if paged and widget.horizontalScrollBar().isVisible():  # type: ignore[attr-defined]
            found.append(f"{type(widget).__name__} {widget.objectName()!r} scrolls sideways")
        name = f"{type(widget).__name__} {widget.objectName()!r} {_text(widget)!r}"
        where = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
        if not window.contains(where):
            found.append(f"{name} reaches outside the window: {where} not in {window}")
            continue
        if _needs_its_width(widget):
            need = widget.minimumSizeHint()
            if widget.width() + 1 < need.width():
                found.append(f"{name} is {widget.width()} wide but needs {need.width()}")
            elif widget.height() + SLACK_PX < need.height():
                found.append(f"{name} is {widget.height()} high but needs {need.height()}")
    return found


def _text(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    if callable(text):
        value = text()
        return value if isinstance(value, str) else ""
    return widget.accessibleName()
