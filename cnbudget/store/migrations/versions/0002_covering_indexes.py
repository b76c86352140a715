"""Covering indexes for compare queries (facts by code / by table column; projects by category).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 16:30:00
"""

from __future__ import annotations

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.drop_index("ix_facts_code", table_name="facts")
    op.drop_index("ix_facts_table_column", table_name="facts")
    op.create_index(
        "ix_facts_code",
        "facts",
        ["row_code", "table_kind", "column_key", "document_id", "micros"],
    )
    op.create_index(
        "ix_facts_table_column",
        "facts",
        ["table_kind", "column_key", "row_code", "document_id", "micros"],
    )
    op.create_index(
        "ix_projects_document_category", "projects", ["document_id", "category", "total_micros"]
    )


def downgrade() -> None:
    op.drop_index("ix_projects_document_category", table_name="projects")
    op.drop_index("ix_facts_table_column", table_name="facts")
    op.drop_index("ix_facts_code", table_name="facts")
    op.create_index("ix_facts_code", "facts", ["row_code", "table_kind", "column_key"])
    op.create_index("ix_facts_table_column", "facts", ["table_kind", "column_key", "row_code"])
