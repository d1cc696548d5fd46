"""After the first frame: load the rest of the app off the interface thread.

The window paints from plain SQL before SQLAlchemy, the ORM and the services that use them
have been imported. Those imports (a few hundred milliseconds) run here in a background
thread, so the first click does not wait for them and the interface keeps answering while
they load; start-up work that needs them (reminders, the daily backup, the welcome) runs
once they are in.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

log = logging.getLogger(__name__)

# In the order the first actions need them: saving an entry, reminders, the rest.
MODULES = (
    "sqlalchemy.orm",
    "journal.store.models",
    "journal.store.repository",
    "journal.services.reminders",
    "journal.services.goals",
    "journal.services.maintenance",
    "journal.services.profile",
    "journal.services.cgm",
    "journal.services.exports",
    "journal.services.imports",
    "journal.services.summary",
    "journal.services.demo",
    "journal.store.backup",
    "journal.ui.reminders",  # no Qt object is made at import: classes only
)


class WarmUp(QThread):
    """Imports ``MODULES``, then runs ``prepare`` (the journal's ``Services.prepare``: the
    ORM's mappers and the engine's first read); ``loaded`` is emitted (on the interface
    thread) when done."""

    loaded = Signal()

    def __init__(
        self, parent: QObject | None = None, prepare: Callable[[], None] | None = None
    ) -> None:
        super().__init__(parent)
        self._prepare = prepare
        self.finished.connect(self.loaded.emit)

    def run(self) -> None:
        from journal.ui.source_scan import WITHOUT_QT, spare_source_scans

        try:  # before PySide6's import hook reads every one of their sources
            for package in sorted(WITHOUT_QT):
                spare_source_scans(package)
        except Exception:  # only time is lost
            log.warning("could not name the modules to PySide6's import hook", exc_info=True)
        for name in MODULES:
            try:
                importlib.import_module(name)
            except Exception:  # the same import fails again, with its message, where used
                log.warning("could not load %s ahead of time", name, exc_info=True)
        if self._prepare is not None:
            try:
                self._prepare()
            except Exception:  # a damaged or vanished journal says so where it is used
                log.warning("could not prepare the journal ahead of time", exc_info=True)
