"""Findings: 解析存疑 reason and evidence (page, printed text, box); doubt counts.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 18:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("findings", sa.Column("doubt", sa.Text(), nullable=True))
    op.add_column("findings", sa.Column("page", sa.Integer(), nullable=True))
    op.add_column("findings", sa.Column("evidence", sa.Text(), nullable=True))
    op.add_column("findings", sa.Column("box", sa.JSON(), nullable=True))
    op.add_column("documents", sa.Column("doubts", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("documents", "doubts")
    for name in ("box", "evidence", "page", "doubt"):
        op.drop_column("findings", name)
