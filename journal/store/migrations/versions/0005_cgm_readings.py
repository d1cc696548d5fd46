"""cgm readings: a compact stream table, its devices and import batches

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

Only new tables: a journal at 0004 keeps every row as it was. Readings are not entries (see
journal/store/cgm_models.py for the layout and why the key is the UTC instant).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "cgm_device",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("serial", sa.String(length=80), nullable=False),
        sa.Column("low_mgdl", sa.Float(), nullable=False),
        sa.Column("high_mgdl", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cgm_device")),
        sa.UniqueConstraint("name", "serial", name=op.f("uq_cgm_device_name")),
    )
    op.create_table(
        "cgm_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("file", sa.Text(), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("zone", sa.String(length=64), nullable=False),
        sa.Column("readings", sa.Integer(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("first_utc", sa.Integer(), nullable=True),
        sa.Column("last_utc", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cgm_import")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "cgm_reading",
        sa.Column("utc", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.SmallInteger(), nullable=False),
        sa.Column("utc_offset_min", sa.SmallInteger(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("mgdl", sa.Float(), nullable=False),
        sa.Column("flag", sa.SmallInteger(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"],
            ["cgm_device.id"],
            name=op.f("fk_cgm_reading_device_id_cgm_device"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["cgm_import.id"],
            name=op.f("fk_cgm_reading_import_id_cgm_import"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("utc", "device_id", "kind", name=op.f("pk_cgm_reading")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "cgm_import_entry",
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["entry.id"],
            name=op.f("fk_cgm_import_entry_entry_id_entry"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["cgm_import.id"],
            name=op.f("fk_cgm_import_entry_import_id_cgm_import"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("import_id", "entry_id", name=op.f("pk_cgm_import_entry")),
    )
    op.create_index(
        op.f("ix_cgm_import_entry_entry_id"), "cgm_import_entry", ["entry_id"], unique=False
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_cgm_import_entry_entry_id"), table_name="cgm_import_entry")
    op.drop_table("cgm_import_entry")
    op.drop_table("cgm_reading")
    op.drop_table("cgm_import")
    op.drop_table("cgm_device")
