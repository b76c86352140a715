"""Reviews of findings, corrections of metadata, stable finding keys and department keys.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 18:30:00
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    from cnbudget.store.corrections import department_key
    from cnbudget.store.review import finding_keys

    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("department_key", sa.String(200), nullable=True))
        batch_op.create_index("ix_documents_department_key", ["department_key"], unique=False)
    op.add_column("findings", sa.Column("finding_key", sa.String(64), nullable=True))
    op.create_table(
        "corrections",
        sa.Column("document_id", sa.String(64), primary_key=True),
        sa.Column("field", sa.String(20), primary_key=True),
        sa.Column("original", sa.Text(), nullable=True),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(100), nullable=True),
        sa.Column("corrected_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "reviews",
        sa.Column("document_id", sa.String(64), primary_key=True),
        sa.Column("finding_key", sa.String(64), primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("reviewer", sa.String(100), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_reviews_status", "reviews", ["status"], unique=False)
    # fill the new keys of documents stored before this revision
    bind = op.get_bind()
    documents = sa.table(
        "documents", sa.column("id"), sa.column("department"), sa.column("department_key")
    )
    for doc_id, department in list(bind.execute(sa.select(documents.c.id, documents.c.department))):
        bind.execute(
            documents.update()
            .where(documents.c.id == doc_id)
            .values(department_key=department_key(department))
        )
    findings = sa.table(
        "findings",
        *(
            sa.column(name)
            for name in (
                "document_id",
                "finding_no",
                "rule",
                "message",
                "table_kind",
                "row_code",
                "column_key",
                "finding_key",
            )
        ),
        sa.column("cells", sa.JSON()),
    )
    rows = list(
        bind.execute(sa.select(findings).order_by(findings.c.document_id, findings.c.finding_no))
    )
    by_document: dict[str, list[Any]] = {}
    for row in rows:
        by_document.setdefault(row.document_id, []).append(row)
    for doc_id, found in by_document.items():
        keys = finding_keys(
            (r.rule, r.table_kind, r.row_code, r.column_key, r.cells or [], r.message)
            for r in found
        )
        for row, key in zip(found, keys, strict=True):
            bind.execute(
                findings.update()
                .where(findings.c.document_id == doc_id, findings.c.finding_no == row.finding_no)
                .values(finding_key=key)
            )


def downgrade() -> None:
    op.drop_index("ix_reviews_status", table_name="reviews")
    op.drop_table("reviews")
    op.drop_table("corrections")
    op.drop_column("findings", "finding_key")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_department_key")
        batch_op.drop_column("department_key")
