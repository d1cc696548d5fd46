"""A Qt signal for journal changes, so views refresh when the services say something changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from journal.services.changes import JournalChange

if TYPE_CHECKING:
    from journal.services import Services


class JournalSignals(QObject):
    """Re-emits the services' change notifications as a Qt signal.

    ``changed`` carries a :class:`JournalChange`; ``status`` a short message for the status bar.
    """

    changed = Signal(object)
    status = Signal(str)
    open_day = Signal(object)
    """Ask the main window to show a day in Today (carries a ``datetime.date``)."""

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        services.journal.subscribe(self._forward)

    def _forward(self, change: JournalChange) -> None:
        self.changed.emit(change)

    def detach(self) -> None:
        self._services.journal.unsubscribe(self._forward)
