"""Initial schema: documents, tables, rows, facts, notices, sections, findings, projects…

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-29 15:44:31.509579
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("encoding", sa.String(length=40), nullable=False),
        sa.Column("department", sa.String(length=200), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("scope", sa.String(length=20), nullable=True),
        sa.Column("region", sa.String(length=200), nullable=True),
        sa.Column("province", sa.String(length=100), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("county", sa.String(length=100), nullable=True),
        sa.Column("division_code", sa.String(length=20), nullable=True),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.Column("line_count", sa.Integer(), nullable=False),
        sa.Column("fact_count", sa.Integer(), nullable=False),
        sa.Column("expenditure_total", sa.String(length=48), nullable=True),
        sa.Column("basic_total", sa.String(length=48), nullable=True),
        sa.Column("project_total", sa.String(length=48), nullable=True),
        sa.Column("three_public_total", sa.String(length=48), nullable=True),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("warnings", sa.Integer(), nullable=False),
        sa.Column("infos", sa.Integer(), nullable=False),
        sa.Column("rules_ran", sa.JSON(), nullable=False),
        sa.Column("rules_not_run", sa.JSON(), nullable=False),
        sa.Column("parser_version", sa.String(length=40), nullable=False),
        sa.Column("parsed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_documents_department"), ["department"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_region"), ["region"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_year"), ["year"], unique=False)

    op.create_table(
        "findings",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("finding_no", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=80), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("table_kind", sa.String(length=40), nullable=True),
        sa.Column("row_code", sa.String(length=400), nullable=True),
        sa.Column("column_key", sa.String(length=80), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("numbers", sa.JSON(), nullable=False),
        sa.Column("cells", sa.JSON(), nullable=False),
        sa.Column("suspect", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", "finding_no"),
    )
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.create_index("ix_findings_rule", ["rule", "severity"], unique=False)

    op.create_table(
        "notices",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("notice_no", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("table_kind", sa.String(length=40), nullable=True),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", "notice_no"),
    )
    op.create_table(
        "performance_indicators",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("indicator_no", sa.Integer(), nullable=False),
        sa.Column("project_code", sa.String(length=80), nullable=True),
        sa.Column("project_name", sa.Text(), nullable=True),
        sa.Column("level1", sa.String(length=100), nullable=True),
        sa.Column("level2", sa.String(length=100), nullable=True),
        sa.Column("level3", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("comparator", sa.String(length=8), nullable=True),
        sa.Column("number", sa.String(length=48), nullable=True),
        sa.Column("unit", sa.String(length=40), nullable=True),
        sa.Column("raw_text", sa.Text(), nullable=True),
        sa.Column("basis", sa.Text(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", "indicator_no"),
    )
    op.create_table(
        "projects",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("project_no", sa.Integer(), nullable=False),
        sa.Column("row_code", sa.String(length=400), nullable=False),
        sa.Column("project_code", sa.String(length=80), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("unit_code", sa.String(length=80), nullable=True),
        sa.Column("category", sa.String(length=100), nullable=True),
        sa.Column("total", sa.String(length=48), nullable=True),
        sa.Column("total_micros", sa.BigInteger(), nullable=True),
        sa.Column("fiscal", sa.String(length=48), nullable=True),
        sa.Column("goal", sa.Text(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", "project_no"),
    )
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.create_index("ix_projects_category", ["category"], unique=False)

    op.create_table(
        "sections",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("section_no", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("first_line", sa.Integer(), nullable=False),
        sa.Column("last_line", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", "section_no"),
    )
    op.create_table(
        "tables",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("table_no", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("last_line", sa.Integer(), nullable=True),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("columns", sa.JSON(), nullable=False),
        sa.Column("empty_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", "table_no"),
    )
    op.create_table(
        "rows",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("table_no", sa.Integer(), nullable=False),
        sa.Column("row_no", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=400), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("parent", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id", "table_no"],
            ["tables.document_id", "tables.table_no"],
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "table_no", "row_no"),
    )
    op.create_table(
        "facts",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("table_no", sa.Integer(), nullable=False),
        sa.Column("row_no", sa.Integer(), nullable=False),
        sa.Column("cell_no", sa.Integer(), nullable=False),
        sa.Column("table_kind", sa.String(length=40), nullable=False),
        sa.Column("row_code", sa.String(length=400), nullable=False),
        sa.Column("column_key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.String(length=48), nullable=True),
        sa.Column("micros", sa.BigInteger(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id", "table_no", "row_no"],
            ["rows.document_id", "rows.table_no", "rows.row_no"],
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "table_no", "row_no", "cell_no"),
    )
    with op.batch_alter_table("facts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_facts_code", ["row_code", "table_kind", "column_key"], unique=False
        )
        batch_op.create_index(
            "ix_facts_table_column", ["table_kind", "column_key", "row_code"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("facts", schema=None) as batch_op:
        batch_op.drop_index("ix_facts_table_column")
        batch_op.drop_index("ix_facts_code")

    op.drop_table("facts")
    op.drop_table("rows")
    op.drop_table("tables")
    op.drop_table("sections")
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.drop_index("ix_projects_category")

    op.drop_table("projects")
    op.drop_table("performance_indicators")
    op.drop_table("notices")
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_index("ix_findings_rule")

    op.drop_table("findings")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_year"))
        batch_op.drop_index(batch_op.f("ix_documents_region"))
        batch_op.drop_index(batch_op.f("ix_documents_department"))

    op.drop_table("documents")
