"""Use cases the UI and the command line call; the only layer the UI talks to.

``open_services`` builds one ``Services`` per open journal, and every view holds that one
handle (as Anki's views hold its ``Collection``): the journal with its undo stack, goals,
reminders, charts, insights, exports, imports, maintenance and the user's zone, each built
once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from journal.domain.clock import Clock, SystemClock
from journal.domain.glucose import TargetRange
from journal.domain.units import UnitPreferences
from journal.services.experiment_reminders import experiment_reminder_words
from journal.services.exports import ExportService
from journal.services.goals import GoalService
from journal.services.imports import ImportService
from journal.services.journal import JournalService, Topic
from journal.services.maintenance import MaintenanceService
from journal.services.measures import DailyMeasures
from journal.services.preferences import (
    load_target_range,
    load_units,
    save_target_range,
    save_units,
)
from journal.services.reminders import ReminderService
from journal.services.summary import SummaryService
from journal.services.zone import UserZone
from journal.store.database import Database, open_database
from journal.store.faults import explain
from journal.store.files import JOURNAL_FILENAME

if TYPE_CHECKING:
    from journal.services.charts import ChartService
    from journal.services.demo import DemoService
    from journal.services.insights import InsightsService


@dataclass
class Services:
    """Everything the app needs to work on one open journal, built once at start."""

    data_dir: Path
    db: Database
    journal: JournalService
    zone: UserZone
    measures: DailyMeasures = field(init=False)
    goals: GoalService = field(init=False)
    reminders: ReminderService = field(init=False)
    exports: ExportService = field(init=False)
    maintenance: MaintenanceService = field(init=False)
    imports: ImportService = field(init=False)
    summary: SummaryService = field(init=False)

    def __post_init__(self) -> None:
        self.measures = DailyMeasures(self.db)
        self.goals = GoalService(self.db, self.journal)
        self.reminders = ReminderService(self.db, self.journal, self.zone)
        self.exports = ExportService(self.data_dir, self.db, self.journal)
        self.maintenance = MaintenanceService(self.data_dir, self.db, self.journal)
        self.imports = ImportService(self.db, self.journal, self.maintenance)
        # A self-experiment's reminder says today's plan, even before Insights is opened.
        self.reminders.add_wording(experiment_reminder_words(self.db))
        self.summary = SummaryService(self.db, self.journal, self.goals)

    @cached_property
    def charts(self) -> ChartService:
        """The charts' service; built when first asked for, as it loads numpy."""
        from journal.services.charts import ChartService

        charts = ChartService(self.db, self.journal.clock)
        # Its kept reads go stale when the journal changes.
        self.journal.subscribe(lambda _change: charts.forget())
        return charts

    @cached_property
    def insights(self) -> InsightsService:
        """Findings and self-experiments; built when first asked for, as it loads numpy."""
        from journal.services.insights import InsightsService

        return InsightsService(self.db, self.journal, self.reminders)

    @cached_property
    def demo(self) -> DemoService:
        from journal.services.demo import DemoService

        return DemoService(self.db, self.journal, self.journal.clock)

    @property
    def clock(self) -> Clock:
        return self.journal.clock

    @property
    def units(self) -> UnitPreferences:
        return load_units(self.db)

    def set_units(self, units: UnitPreferences) -> None:
        save_units(self.db, units)
        self.journal.announce([], "Units changed", topics=[Topic.SETTINGS])

    @property
    def target_range(self) -> TargetRange:
        """The person's glucose target range, used by charts, goals and CGM figures."""
        return load_target_range(self.db)

    def set_target_range(self, target: TargetRange) -> None:
        save_target_range(self.db, target)
        self.journal.announce([], "Target range changed", topics=[Topic.SETTINGS])

    def close(self) -> None:
        self.db.close()


def open_services(
    data_dir: Path, clock: Clock | None = None, *, zone: tzinfo | None = None
) -> Services:
    """Open (creating and migrating if needed) the journal in ``data_dir``.

    ``zone`` fixes the user's time zone (tests, tools); by default it comes from the
    settings or the system. Storage failures (read-only folder, full disk, busy or damaged
    file) are raised as ``JournalError`` subclasses whose message is meant for the user.
    """
    path = data_dir / JOURNAL_FILENAME
    try:
        db = open_database(path)
    except Exception as exc:
        explained = explain(exc, path)
        if explained is None or explained is exc:
            raise
        raise explained from exc
    journal = JournalService(db, clock or SystemClock())
    return Services(data_dir=data_dir, db=db, journal=journal, zone=UserZone(db, journal, zone))
