"""A demo journal: filling a new journal with made-up days, and telling one apart.

``interplay --demo`` opens the window on an empty throwaway journal at once and fills it
here, in the background, with progress; ``interplay demo`` fills a chosen folder.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo

from journal.domain.clock import Clock
from journal.io.demo import DemoCancelled, DemoStats, generate_demo, is_demo
from journal.services.collector import collector_paused
from journal.services.errors import JournalError
from journal.services.journal import JournalService
from journal.store.database import Database

DEMO_DAYS = 730
"""Two years: enough for every chart range and for the insights to say something."""


class DemoService:
    """Make and recognise demo journals."""

    def __init__(self, db: Database, journal: JournalService, clock: Clock) -> None:
        self.db = db
        self.journal = journal
        self.clock = clock

    @property
    def is_demo(self) -> bool:
        """Whether this journal holds demo data (the window says so in its title)."""
        return is_demo(self.db)

    def fill(
        self,
        on_progress: Callable[[int, int], None],
        should_cancel: Callable[[], bool],
        *,
        days: int | None = None,
        seed: int = 1,
    ) -> DemoStats:
        """Fill the journal with ``days`` (default ``DEMO_DAYS``) made-up days ending today,
        all or nothing.

        Cancelling writes nothing; the journal stays as it was.
        """
        now = self.clock.now()
        zone: tzinfo | None = now.tzinfo
        assert zone is not None, "the clock gives aware times"
        try:
            with collector_paused():
                stats = generate_demo(
                    self.db,
                    days=days or DEMO_DAYS,
                    seed=seed,
                    end=now.date(),
                    tz=zone,
                    now=now,  # nothing "taken" or eaten later today than the clock says
                    on_progress=on_progress,
                    should_cancel=should_cancel,
                )
        except DemoCancelled:
            raise JournalError("The demo was cancelled; the journal is still empty.") from None
        self.journal.announce([], "Filled the journal with demo data")
        return stats
