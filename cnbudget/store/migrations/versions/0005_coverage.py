"""Coverage: printed amounts vs captured facts, per document and per table.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    for table in ("documents", "tables"):
        op.add_column(table, sa.Column("printed_amounts", sa.Integer(), nullable=True))
        op.add_column(table, sa.Column("captured_amounts", sa.Integer(), nullable=True))
    op.add_column("tables", sa.Column("uncaptured", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("tables", "uncaptured")
    for table in ("tables", "documents"):
        op.drop_column(table, "captured_amounts")
        op.drop_column(table, "printed_amounts")
