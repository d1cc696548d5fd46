"""body measures: weight, waist, blood pressure and pulse

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

Only a new detail table: a journal at 0002 keeps every row as it was.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "body",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("weight_kg", sa.Float(), nullable=True),
        sa.Column("waist_cm", sa.Float(), nullable=True),
        sa.Column("systolic_mmhg", sa.Integer(), nullable=True),
        sa.Column("diastolic_mmhg", sa.Integer(), nullable=True),
        sa.Column("pulse_bpm", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["id"], ["entry.id"], name=op.f("fk_body_id_entry"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_body")),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("body")
