"""Give a widget its object name (for tests and style sheets) in the expression creating it."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

W = TypeVar("W", bound=QObject)


def named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget
