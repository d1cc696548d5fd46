"""bedtime offsets, meter HI/LO flags, and the periods each medication was taken

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

- ``sleep.bedtime_offset_min``: a bedtime keeps its own UTC offset (a night across a
  clock change had another offset at bedtime than at the wake-up). Existing nights keep
  NULL, which reads as the entry's offset, exactly as before.
- ``glucose.flag``: "high" or "low" when a meter showed HI or LO.
- ``medication.periods``: when it was taken, as [[from, until], ...] in UTC; doses are due
  only inside them. An existing medication with logged doses was taken from the local
  midnight of its first dose's day (the earliest moment we know), until just after its
  last dose if it is paused; one with no dose logged keeps none (always due while active,
  as before).
- The first-run goal "Move 150 minutes a week" now counts the WHO way (moderate minutes,
  vigorous ones double, light ones not): a goal still exactly as the template made it
  follows the new ``who_minutes`` measure.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("sleep") as batch:
        batch.add_column(sa.Column("bedtime_offset_min", sa.Integer(), nullable=True))
    with op.batch_alter_table("glucose") as batch:
        batch.add_column(sa.Column("flag", sa.String(length=8), nullable=True))
    with op.batch_alter_table("medication") as batch:
        batch.add_column(sa.Column("periods", sa.JSON(), nullable=True))
    # From the local midnight (in UTC) of the first dose's day; until just after the last
    # dose for a paused medication. strftime gives the ISO form Medication.periods reads.
    start = """(SELECT strftime('%Y-%m-%dT%H:%M:%S',
                    date(datetime(e.at_utc, e.utc_offset_min || ' minutes')),
                    (-e.utc_offset_min) || ' minutes')
               FROM dose d JOIN entry e ON e.id = d.id
               WHERE d.medication_id = medication.id ORDER BY e.at_utc LIMIT 1)"""
    until = """(SELECT strftime('%Y-%m-%dT%H:%M:%S', max(e.at_utc), '+1 second')
               FROM dose d JOIN entry e ON e.id = d.id
               WHERE d.medication_id = medication.id)"""
    op.execute(
        f"""
        UPDATE medication SET periods = json_array(json_array({start},
            CASE WHEN active THEN NULL ELSE {until} END))
        WHERE EXISTS (SELECT 1 FROM dose d WHERE d.medication_id = medication.id)
        """
    )
    op.execute(
        """
        UPDATE goal SET measure = 'who_minutes'
        WHERE measure = 'active_minutes' AND name = 'Move 150 minutes a week'
          AND target = 150 AND period = 'week' AND days_per_period IS NULL
        """
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.execute("UPDATE goal SET measure = 'active_minutes' WHERE measure = 'who_minutes'")
    with op.batch_alter_table("medication") as batch:
        batch.drop_column("periods")
    with op.batch_alter_table("glucose") as batch:
        batch.drop_column("flag")
    with op.batch_alter_table("sleep") as batch:
        batch.drop_column("bedtime_offset_min")
