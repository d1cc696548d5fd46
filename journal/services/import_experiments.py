"""Importing self-experiments: their rules checked, their reminder found by uid (or dropped).

An experiment names its daily reminder by uid. A reminder in the file or in the journal is
linked again; one that is in neither (removed since, or left out of a hand-made file) leaves
the experiment without a reminder, as removing a reminder in the app does, rather than
refusing the file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace

from sqlalchemy.orm import Session

from journal.io.importer import ImportFileError, Item
from journal.io.records import ParsedExperiment
from journal.services.import_changes import ChangedRecord
from journal.store import bulk_read as bulk
from journal.store import experiment_repository as experiment_repo

# What the app itself plans: a schedule of whole days drawn by week or by day, the outcome
# looked at on the same day or the next, a seed SQLite keeps exactly.
UNITS = ("week", "day")
LAG_DAYS = (0, 1)
MAX_SEED = 2**63 - 1
# Far beyond the longest experiment the app plans (8 weeks): anything longer is a broken file.
MAX_SCHEDULE_DAYS = 52 * 7


def check_experiment(item: Item, parsed: ParsedExperiment) -> ParsedExperiment:
    """The experiment, if it keeps the rules of one the app plans; else the field at fault."""
    experiment = parsed.experiment
    problem: tuple[str, str] | None = None
    if not experiment.factor.strip():
        problem = ("factor", "Name the factor the experiment tests.")
    elif not experiment.outcome.strip():
        problem = ("outcome", "Name the outcome the experiment looks at.")
    elif experiment.lag_days not in LAG_DAYS:
        problem = ("lag_days", f"{experiment.lag_days} is not 0 (same day) or 1 (next day).")
    elif experiment.unit not in UNITS:
        problem = ("unit", f"{experiment.unit[:20]!r} is not week or day.")
    elif not 0 <= experiment.seed <= MAX_SEED:
        problem = ("seed", f"{experiment.seed} is not a seed from 0 to {MAX_SEED}.")
    elif len(experiment.schedule) > MAX_SCHEDULE_DAYS:
        problem = ("schedule", f"A schedule holds at most {MAX_SCHEDULE_DAYS} days.")
    if problem is not None:
        raise ImportFileError(item.file, problem[1], line=item.line, field=problem[0])
    return parsed


def settle_reminders(
    session: Session, experiments: dict[str, Item], reminders_in_file: Iterable[str]
) -> None:
    """Forget the reminder of each experiment whose reminder is in neither the file nor the
    journal, so the experiment is kept (and compared) without one."""
    in_file = set(reminders_in_file)
    named = {uid for item in experiments.values() if (uid := item.value.references.get("reminder"))}
    known = in_file | set(bulk.ids_by_uid(session, "reminder", named - in_file))
    for uid, item in experiments.items():
        parsed: ParsedExperiment = item.value
        reminder = parsed.references.get("reminder")
        if reminder is None or reminder in known:
            continue
        experiment = replace(parsed.experiment, reminder_id=None)
        experiments[uid] = item._replace(value=ParsedExperiment(experiment, {}))


def reminder_id(session: Session, parsed: ParsedExperiment) -> int | None:
    """The row id of the experiment's reminder in this journal (None: it has none)."""
    uid = parsed.references.get("reminder")
    if uid is None:
        return None
    return bulk.ids_by_uid(session, "reminder", [uid]).get(uid)


def write_experiments(
    session: Session, experiments: Mapping[str, Item], added: Counter[str], present: Counter[str]
) -> None:
    """Add the file's experiments the journal does not have (after the file's reminders)."""
    existing = bulk.ids_by_uid(session, "experiment", experiments)
    for uid, item in experiments.items():
        if uid in existing:
            present["experiments"] += 1
            continue
        parsed: ParsedExperiment = item.value
        experiment = replace(parsed.experiment, id=None, reminder_id=reminder_id(session, parsed))
        experiment_repo.save_experiment(session, experiment)
        added["experiments"] += 1


def write_experiment_updates(session: Session, updates: list[ChangedRecord]) -> Counter[str]:
    """Replace experiments by the file's versions (after the file's reminders are written)."""
    updated: Counter[str] = Counter()
    for change in updates:
        if change.section != "experiments":
            continue
        parsed: ParsedExperiment = change.value.value
        experiment = replace(
            parsed.experiment, id=change.journal_id, reminder_id=reminder_id(session, parsed)
        )
        experiment_repo.save_experiment(session, experiment)
        updated["experiments"] += 1
    return updated
