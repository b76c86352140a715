"""`export --format parquet --partition`: a hive-partitioned dataset that DuckDB reads exactly."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.dataset as ds
import pytest
from click.testing import CliRunner

from cnbudget.cli import main
from cnbudget.export import ExportError, export_documents
from cnbudget.export.parquet import DOCUMENT_FIELDS, document_fields
from cnbudget.pipeline import parse_file
from cnbudget.store import open

from ..conftest import CORPUS

PATHS = sorted(CORPUS.glob("*.txt"))


def run(*args: str) -> tuple[int, str]:
    result = CliRunner(mix_stderr=False).invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr


def duckdb_rows(folder: Path) -> list[dict[str, Any]]:
    query = f"SELECT * FROM read_parquet('{folder}/**/*.parquet', hive_partitioning = true)"
    relation = duckdb.sql(query)
    return [dict(zip(relation.columns, row, strict=True)) for row in relation.fetchall()]


def expected_rows(url: str) -> list[dict[str, Any]]:
    """Every stored fact with its document's columns, values as printed (exact decimals)."""
    rows = []
    with open(url) as store:
        for summary in store.documents():
            document = store.document(summary.id)
            fields = document_fields(document)
            for fact in store.facts([summary.id]):
                rows.append(
                    {
                        **fields,
                        "document": fact.document,
                        "table": fact.table,
                        "row_code": fact.row_code,
                        "column": fact.column,
                        "value": fact.value,
                        "text": fact.text,
                        "line": fact.line,
                    }
                )
    return rows


def restored(row: dict[str, Any]) -> Decimal | str:
    """The printed value: the exact decimal at its printed scale, or the text of a text fact."""
    if row["value"] is None:
        return str(row["value_text"])
    return Decimal(row["value"]).quantize(Decimal(1).scaleb(-row["value_scale"]))


def test_partitioned_dataset_read_by_duckdb_equals_store(db_url: str, tmp_path: Path) -> None:
    assert run("ingest", *map(str, PATHS), "--db", db_url)[0] == 0
    out = tmp_path / "dataset"
    code, text = run(
        "export",
        "--db",
        db_url,
        "--format",
        "parquet",
        "--partition",
        "year,province",
        "--out",
        str(out),
    )
    assert code == 0, text
    folders = sorted(p.parent.relative_to(out).as_posix() for p in out.rglob("*.parquet"))
    assert folders == [
        "year=2025/province=%E5%B1%B1%E4%B8%9C%E7%9C%81",  # 山东省, percent-encoded
        "year=2025/province=%E6%B2%B3%E5%8C%97%E7%9C%81",
        "year=2025/province=%E6%B2%B3%E5%8D%97%E7%9C%81",
    ]
    got = duckdb_rows(out)
    want = expected_rows(db_url)
    assert len(got) == len(want) > 1000
    key = ("document", "table", "row_code", "column")
    by_key = {tuple(row[k] for k in key): row for row in got}
    assert len(by_key) == len(got)
    for fact in want:
        row = by_key[tuple(fact[k] for k in key)]
        assert restored(row) == fact["value"]
        value = row["value"]
        if isinstance(fact["value"], Decimal):  # exact: DECIMAL(38,10) in DuckDB, not a float
            assert isinstance(value, Decimal) and value == fact["value"]
        assert str(restored(row)) == str(fact["value"])  # 264.00 stays 264.00
        for name in (f.name for f in DOCUMENT_FIELDS):
            assert row[name] == fact[name], name
        assert (row["text"], row["line"]) == (fact["text"], fact["line"])
    # the partition columns are in the folder names, not repeated inside the files
    assert "province" not in ds.dataset(next(out.rglob("*.parquet"))).schema.names
    # a query of the kind shown in docs/scale.md: totals by province, summed exactly
    totals = duckdb.sql(
        f"SELECT province, sum(value) FROM read_parquet('{out}/**/*.parquet', "
        "hive_partitioning = true) WHERE \"table\" = 'expenditure' AND row_code = 'total' "
        "AND \"column\" = 'total' GROUP BY province ORDER BY province"
    ).fetchall()
    assert sum(total for _, total in totals) == sum(
        (
            f["value"]
            for f in want
            if (f["table"], f["row_code"], f["column"]) == ("expenditure", "total", "total")
        ),
        Decimal(0),
    )


def test_unknown_partition_value_is_null_and_partitions_are_replaced(tmp_path: Path) -> None:
    documents = [parse_file(path) for path in PATHS[:2]]
    documents[1].metadata.year = None  # e.g. a document that prints no year
    out = tmp_path / "dataset"
    export_documents(documents, "parquet", out, ["year"])
    assert sorted(p.name for p in out.iterdir()) == ["year=2025", "year=__HIVE_DEFAULT_PARTITION__"]
    years = duckdb.sql(
        f"SELECT DISTINCT year FROM read_parquet('{out}/**/*.parquet', hive_partitioning = true)"
    ).fetchall()
    assert sorted(years, key=str) == [(2025,), (None,)]
    count = len(duckdb_rows(out))
    export_documents(documents, "parquet", out, ["year"])  # again: replaced, not appended
    assert len(duckdb_rows(out)) == count


@pytest.mark.parametrize(
    ("fmt", "partition", "message"),
    [
        ("parquet", ["region"], "分区字段无效"),
        ("parquet", ["year", "year"], "分区字段无效"),
        ("csv", ["year"], "只有 parquet"),
    ],
)
def test_bad_partition_requests(
    tmp_path: Path, fmt: str, partition: list[str], message: str
) -> None:
    with pytest.raises(ExportError, match=message):
        export_documents([parse_file(PATHS[0])], fmt, tmp_path / "out", partition)
    assert not (tmp_path / "out").exists()
