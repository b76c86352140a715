"""Fill a PostgreSQL store with many distinct documents fast, to time queries at that size.

Ingesting 100,000 documents takes about an hour of CPU; the compare queries only need the
stored rows. So `bulk_load` parses and stores a few hundred distinct synthetic documents the
normal way (`Store.ingest_document`), then replicates their rows inside PostgreSQL
(`INSERT … SELECT`, no round trip per row) under new content-hash-like ids, each copy with
its own department, year and region, until the store holds the requested number of
documents. Secondary indexes and foreign keys are dropped during the copy and rebuilt
afterwards, as a bulk load would, then the tables are analysed.

The rows are real pipeline output, but only a few hundred distinct documents' worth of
numbers: query timings at this size are meaningful, amounts summed over documents are not.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import text

from cnbudget.pipeline import parse_text
from cnbudget.store import open
from cnbudget.store.schema import Base
from cnbudget.synthetic import LAYOUTS, generate
from cnbudget.validate import check

PROVINCES = [
    "北京市",
    "天津市",
    "河北省",
    "山西省",
    "内蒙古自治区",
    "辽宁省",
    "吉林省",
    "黑龙江省",
    "上海市",
    "江苏省",
    "浙江省",
    "安徽省",
    "福建省",
    "江西省",
    "山东省",
    "河南省",
    "湖北省",
    "湖南省",
    "广东省",
    "广西壮族自治区",
    "海南省",
    "重庆市",
    "四川省",
    "贵州省",
    "云南省",
    "西藏自治区",
    "陕西省",
    "甘肃省",
    "青海省",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
]


def _copy_expression(table: str, column: str) -> str:
    """The value of `column` in copy number `m.k` of a base row (`t`) of `table`."""
    if column == "document_id" or (table == "documents" and column == "id"):
        return "m.dst"
    if table != "documents":
        return f't."{column}"'
    provinces = "ARRAY[" + ", ".join(f"'{name}'" for name in PROVINCES) + "]"
    province = f"({provinces})[1 + m.k % {len(PROVINCES)}]"
    return {
        "source": "t.source || '#' || m.k",
        "department": "coalesce(t.department, '') || '（副本' || m.k || '）'",
        "year": "2016 + m.k % 10",
        "province": province,
        "region": f"{province} || coalesce(t.city, '')",
    }.get(column, f't."{column}"')


def bulk_load(url: str, documents: int, base: int = 300) -> dict[str, Any]:
    """Fill the empty PostgreSQL store at `url` with `documents` distinct documents."""
    started = time.perf_counter()
    with open(url) as store:
        for seed in range(base):
            synthetic = generate(seed, LAYOUTS[seed % len(LAYOUTS)])
            document = parse_text(synthetic.text, f"synthetic-{seed}.txt")
            result = store.ingest_document(document, report=check(document))
            if result.status != "ingested":
                raise RuntimeError(f"{result.source}: {result.status} {result.reason}")
        parsed = time.perf_counter() - started
        copies = -(-documents // base) - 1
        # children first on delete, parents first on insert (foreign keys)
        tables = [t for t in Base.metadata.sorted_tables]
        with store.engine.begin() as connection:
            indexes = connection.execute(
                text(
                    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"
                    " AND indexname NOT IN (SELECT conname FROM pg_constraint)"
                )
            ).all()
            foreign = connection.execute(
                text(
                    "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)"
                    " FROM pg_constraint WHERE contype = 'f'"
                    " AND connamespace = 'public'::regnamespace"
                )
            ).all()
            for table_name, name, _definition in foreign:
                connection.execute(text(f'ALTER TABLE {table_name} DROP CONSTRAINT "{name}"'))
            for name, _definition in indexes:
                connection.execute(text(f'DROP INDEX "{name}"'))
            connection.execute(
                text(
                    "CREATE TEMPORARY TABLE bulk_map AS SELECT d.id AS src, g.k,"
                    " md5(d.id || ':' || g.k) || md5(g.k || ':' || d.id) AS dst"
                    " FROM documents d, generate_series(1, :copies) AS g(k)"
                ),
                {"copies": copies},
            )
            # the last copy is cut short so that the store holds exactly `documents`
            connection.execute(
                text(
                    "DELETE FROM bulk_map WHERE (k, src) IN (SELECT k, src FROM bulk_map"
                    " ORDER BY k DESC, src OFFSET 0 LIMIT :extra)"
                ),
                {"extra": (copies + 1) * base - documents},
            )
            for table in tables:
                key = "id" if table.name == "documents" else "document_id"
                names = [column.name for column in table.columns]
                columns = ", ".join(f'"{name}"' for name in names)
                values = ", ".join(_copy_expression(table.name, name) for name in names)
                connection.execute(
                    text(
                        f'INSERT INTO "{table.name}" ({columns}) SELECT {values}'
                        f' FROM "{table.name}" t JOIN bulk_map m ON m.src = t."{key}"'
                    )
                )
            connection.execute(text("SET LOCAL maintenance_work_mem = '512MB'"))
            for _name, definition in indexes:
                connection.execute(text(definition))
            for table_name, name, definition in foreign:
                connection.execute(
                    text(f'ALTER TABLE {table_name} ADD CONSTRAINT "{name}" {definition}')
                )
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("VACUUM ANALYZE"))
            stored = c.execute(text("SELECT count(*) FROM documents")).scalar_one()
            facts = c.execute(text("SELECT count(*) FROM facts")).scalar_one()
            size = c.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
    return {
        "documents": stored,
        "distinct_parsed": base,
        "facts": facts,
        "database_mib": round(size / 2**20),
        "parse_s": round(parsed, 1),
        "total_s": round(time.perf_counter() - started, 1),
    }
