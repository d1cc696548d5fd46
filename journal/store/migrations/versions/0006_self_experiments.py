"""self-experiments: the experiment table

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

Only a new table: a journal at 0005 keeps every row as it was.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "experiment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("factor", sa.String(length=120), nullable=False),
        sa.Column("factor_label", sa.String(length=160), nullable=False),
        sa.Column("outcome", sa.String(length=120), nullable=False),
        sa.Column("outcome_label", sa.String(length=160), nullable=False),
        sa.Column("lag_days", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=8), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("schedule", sa.Text(), nullable=False),
        sa.Column("reminder_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("stopped", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_experiment")),
        sa.UniqueConstraint("uid", name=op.f("uq_experiment_uid")),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("experiment")
