"""The Charts view. Importing this package is cheap: pyqtgraph and numpy load only when
``ChartsView`` is first asked for (the main window does so when Charts is first opened)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from journal.ui.charts.view import ChartsView

__all__ = ["ChartsView"]


def __getattr__(name: str) -> Any:
    if name == "ChartsView":
        from journal.ui.charts.view import ChartsView

        return ChartsView
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
