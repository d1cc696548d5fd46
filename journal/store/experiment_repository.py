"""Reads and writes of self-experiments within a session; callers own the transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from journal.domain.experiments import (
    ExperimentStatus,
    SelfExperiment,
    schedule_from_text,
    schedule_text,
)
from journal.store.experiment_models import ExperimentRow


def experiment_from_row(row: ExperimentRow) -> SelfExperiment:
    return SelfExperiment(
        id=row.id,
        uid=row.uid,
        factor=row.factor,
        factor_label=row.factor_label,
        outcome=row.outcome,
        outcome_label=row.outcome_label,
        lag_days=row.lag_days,
        unit=row.unit,
        seed=row.seed,
        start=row.start,
        schedule=schedule_from_text(row.schedule),
        reminder_id=row.reminder_id,
        status=ExperimentStatus(row.status),
        stopped=row.stopped,
        note=row.note,
    )


def _columns(experiment: SelfExperiment) -> dict[str, Any]:
    return {
        "uid": experiment.uid,
        "factor": experiment.factor,
        "factor_label": experiment.factor_label,
        "outcome": experiment.outcome,
        "outcome_label": experiment.outcome_label,
        "lag_days": experiment.lag_days,
        "unit": experiment.unit,
        "seed": experiment.seed,
        "start": experiment.start,
        "schedule": schedule_text(experiment.schedule),
        "reminder_id": experiment.reminder_id,
        "status": experiment.status.value,
        "stopped": experiment.stopped,
        "note": experiment.note,
    }


def experiments(session: Session) -> list[SelfExperiment]:
    """Every experiment, newest first; rows a newer version wrote are skipped."""
    found: list[SelfExperiment] = []
    rows = session.scalars(select(ExperimentRow).order_by(ExperimentRow.start.desc()))
    for row in rows:
        try:
            found.append(experiment_from_row(row))
        except ValueError:
            continue  # a status or schedule from a newer Interplay: leave it alone
    return found


def get_experiment(session: Session, experiment_id: int) -> SelfExperiment | None:
    row = session.get(ExperimentRow, experiment_id)
    return experiment_from_row(row) if row is not None else None


def save_experiment(session: Session, experiment: SelfExperiment) -> int:
    """Insert or update ``experiment`` (an id it already has is kept, as undo needs)."""
    row = session.get(ExperimentRow, experiment.id) if experiment.id is not None else None
    columns = _columns(experiment)
    if row is None:
        row = ExperimentRow(**columns)
        if experiment.id is not None:
            row.id = experiment.id
        session.add(row)
    else:
        for name, value in columns.items():
            setattr(row, name, value)
    session.flush()
    return row.id


def delete_experiment(session: Session, experiment_id: int) -> None:
    session.execute(delete(ExperimentRow).where(ExperimentRow.id == experiment_id))
