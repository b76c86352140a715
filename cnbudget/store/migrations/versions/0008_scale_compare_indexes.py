"""Compare indexes in document order: each document's facts for a code or a table row are
adjacent, so the per-document pivots stream from the index without a sort or a hash.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 18:40:00
"""

from __future__ import annotations

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.drop_index("ix_facts_code", table_name="facts")
    op.drop_index("ix_facts_table_column", table_name="facts")
    op.create_index(
        "ix_facts_code", "facts", ["row_code", "document_id", "table_kind", "column_key", "micros"]
    )
    op.create_index(
        "ix_facts_table_column",
        "facts",
        ["table_kind", "row_code", "document_id", "column_key", "micros"],
    )


def downgrade() -> None:
    op.drop_index("ix_facts_table_column", table_name="facts")
    op.drop_index("ix_facts_code", table_name="facts")
    op.create_index(
        "ix_facts_code", "facts", ["row_code", "table_kind", "column_key", "document_id", "micros"]
    )
    op.create_index(
        "ix_facts_table_column",
        "facts",
        ["table_kind", "column_key", "row_code", "document_id", "micros"],
    )
