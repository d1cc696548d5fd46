"""The services of one open journal, built once: the handle every view holds.

``open_services`` builds one ``Services`` per open journal, and every view holds that one
handle (as Anki's views hold its ``Collection``): the journal with its undo stack, goals,
reminders, charts, insights, exports, imports, CGM readings, maintenance, the profile and the user's
zone, each built once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from journal.domain.appearance import Appearance
from journal.domain.clock import Clock, SystemClock
from journal.domain.glucose import TargetRange
from journal.domain.units import UnitPreferences
from journal.services.changes import Topic
from journal.services.journal import JournalService
from journal.services.preferences import (
    load_appearance,
    load_target_range,
    load_units,
    save_appearance,
    save_target_range,
    save_units,
)
from journal.services.zone import UserZone
from journal.store.database import Database, open_database
from journal.store.faults import explain
from journal.store.files import JOURNAL_FILENAME

if TYPE_CHECKING:
    from journal.services.cgm import CgmService
    from journal.services.charts import ChartService
    from journal.services.demo import DemoService
    from journal.services.exports import ExportService
    from journal.services.goals import GoalService
    from journal.services.imports import ImportService
    from journal.services.insights import InsightsService
    from journal.services.maintenance import MaintenanceService
    from journal.services.measures import DailyMeasures
    from journal.services.privacy import PrivacyService
    from journal.services.profile import ProfileService
    from journal.services.reminders import ReminderService
    from journal.services.report import ReportService
    from journal.services.summary import SummaryService


@dataclass
class Services:
    """Everything the app needs to work on one open journal.

    The journal, its zone and preferences are there at once; each other service is built
    (and its module, with SQLAlchemy's ORM, imported) when first asked for, so the window
    paints before they have loaded.
    """

    data_dir: Path
    db: Database
    journal: JournalService
    zone: UserZone

    @property
    def read_only(self) -> bool:
        """The journal is on a read-only disk or folder: it can be read, never changed."""
        return self.db.read_only

    @cached_property
    def measures(self) -> DailyMeasures:
        from journal.services.measures import DailyMeasures

        return DailyMeasures(self.db)

    @cached_property
    def goals(self) -> GoalService:
        from journal.services.goals import GoalService

        return GoalService(self.db, self.journal)

    @cached_property
    def reminders(self) -> ReminderService:
        from journal.services.reminders import ReminderService

        reminders = ReminderService(self.db, self.journal, self.zone)
        # A self-experiment's reminder says today's plan, even before Insights is opened.
        from journal.services.experiment_reminders import experiment_reminder_words

        reminders.add_wording(experiment_reminder_words(self.db))
        return reminders

    @cached_property
    def exports(self) -> ExportService:
        from journal.services.exports import ExportService

        return ExportService(self.data_dir, self.db, self.journal)

    @cached_property
    def privacy(self) -> PrivacyService:
        """Encryption of the journal (Preferences > Privacy)."""
        from journal.services.privacy import PrivacyService

        return PrivacyService(self.data_dir, self.db)

    @cached_property
    def maintenance(self) -> MaintenanceService:
        from journal.services.maintenance import MaintenanceService

        return MaintenanceService(self.data_dir, self.db, self.journal)

    @cached_property
    def imports(self) -> ImportService:
        from journal.services.imports import ImportService

        return ImportService(self.db, self.journal, self.maintenance)

    @cached_property
    def cgm(self) -> CgmService:
        from journal.services.cgm import CgmService

        return CgmService(self.db, self.journal, self.zone, self.maintenance)

    @cached_property
    def summary(self) -> SummaryService:
        from journal.services.summary import SummaryService

        return SummaryService(self.db, self.journal, self.goals)

    @cached_property
    def profile(self) -> ProfileService:
        from journal.services.profile import ProfileService

        return ProfileService(self.db, self.journal)

    @cached_property
    def charts(self) -> ChartService:
        """The charts' service; built when first asked for, as it loads numpy."""
        from journal.services.charts import ChartService

        charts = ChartService(self.db, self.journal.clock, self.cgm.historic, self.cgm.day_extremes)
        # Its kept reads go stale when the journal changes.
        self.journal.subscribe(lambda _change: charts.forget())
        return charts

    @cached_property
    def insights(self) -> InsightsService:
        """Findings and self-experiments; built when first asked for, as it loads numpy."""
        from journal.services.insights import InsightsService

        return InsightsService(self.db, self.journal, self.reminders)

    @cached_property
    def reports(self) -> ReportService:
        """The report for the doctor; built when first asked for."""
        from journal.services.report import ReportService

        return ReportService(self)

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

    @property
    def appearance(self) -> Appearance:
        """Light, dark or the system's scheme, and the text size."""
        return load_appearance(self.db)

    def set_appearance(self, appearance: Appearance) -> None:
        # Nothing in the journal reads it, so nothing is announced: the window restyles itself.
        save_appearance(self.db, appearance)

    def prepare(self) -> None:
        """Do ahead what the first change would otherwise make the person wait for: map
        the ORM's classes and open the engine with a first read (together ~150 ms).

        Called off the interface thread once the window shows (``journal.ui.warm_up``);
        safe at any time, as both are done once, under SQLAlchemy's and the store's locks.
        """
        from sqlalchemy.orm import configure_mappers

        from journal.store import repository

        configure_mappers()
        with self.db.reading() as session:
            repository.get_setting(session, "journal.prepared")

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
