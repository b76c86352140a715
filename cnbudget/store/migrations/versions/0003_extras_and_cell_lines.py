"""Document extras (performance targets, narrative, profile, prose) and per-cell source lines.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 17:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("extras", sa.JSON(), nullable=True))
    with op.batch_alter_table("facts") as batch:
        batch.add_column(sa.Column("cell_line", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("facts") as batch:
        batch.drop_column("cell_line")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("extras")
