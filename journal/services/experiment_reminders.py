"""What a self-experiment's daily reminder says: today's plan, read from the journal.

Kept apart from ``journal.services.insights`` (which loads numpy) so the
reminders can word it from the first minute, before Insights is ever opened.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from journal.domain.experiments import SelfExperiment, day_plan_words
from journal.domain.reminders import Reminder, ReminderAction
from journal.store import experiment_repository as experiment_repo
from journal.store.database import Database


def experiment_reminder_words(
    db: Database,
) -> Callable[[Reminder, datetime], tuple[str, str] | None]:
    """A wording for ``ReminderService.add_wording``: words for experiments' reminders."""

    def words(reminder: Reminder, local: datetime) -> tuple[str, str] | None:
        if reminder.id is None or reminder.action is not ReminderAction.CUSTOM:
            return None
        with db.reading() as session:
            found = experiment_repo.experiments(session)
        experiment = next((e for e in found if e.reminder_id == reminder.id), None)
        return None if experiment is None else reminder_words(experiment, local)

    return words


def reminder_words(experiment: SelfExperiment, local: datetime) -> tuple[str, str]:
    """Title and body for the reminder of ``experiment`` at the local moment ``local``."""
    day = local.date()
    with_factor = experiment.planned_with(day)
    if with_factor is None:
        if day < experiment.start:
            return (
                f"Self-experiment on {experiment.factor_label}",
                f"It starts on {experiment.start:%A %d %B}.",
            )
        return (
            "Your self-experiment has ended",
            f"The result for {experiment.outcome_label} is in Insights.",
        )
    number = (day - experiment.start).days + 1
    return (
        f"Self-experiment, day {number} of {len(experiment.schedule)}: "
        f"{day_plan_words(experiment.factor_label, with_factor)}",
        f"Log your meals and {experiment.outcome_label} as usual; the days were drawn at "
        "random, so keep to today's plan.",
    )
