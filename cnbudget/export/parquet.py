"""Facts as Parquet: exact decimal128 amounts (text values apart), read back to identical facts."""

from __future__ import annotations

import decimal
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from cnbudget.facts import facts
from cnbudget.model import Document, Fact

# 10 places hold every amount exactly: 万元 to 2 places, or 元 with fen converted (6 places).
SCALE = 10
PRECISION = 38
SCHEMA = pa.schema(
    [
        pa.field("document", pa.string(), nullable=False),
        pa.field("table", pa.string(), nullable=False),
        pa.field("row_code", pa.string(), nullable=False),
        pa.field("row_name", pa.string(), nullable=False),
        pa.field("column", pa.string(), nullable=False),
        pa.field("value", pa.decimal128(PRECISION, SCALE)),
        pa.field("value_scale", pa.int16()),
        pa.field("value_text", pa.string()),
        pa.field("text", pa.string(), nullable=False),
        pa.field("line", pa.int32(), nullable=False),
        pa.field("confidence", pa.float64(), nullable=False),
    ],
    metadata={
        b"cnbudget": b"facts",
        b"unit": "万元".encode(),
        b"value": b"decimal amount in wan yuan; null for text facts (see value_text)",
        b"value_scale": b"decimal places as printed (exponent = -value_scale)",
    },
)
_CONTEXT = decimal.Context(prec=PRECISION + 2)
_QUANTUM = Decimal(1).scaleb(-SCALE)
_BATCH = 4096


class ParquetValueError(ValueError):
    """An amount that decimal128(38, 10) cannot hold exactly."""


def _columns(items: Iterable[Fact]) -> dict[str, list[Any]]:
    columns: dict[str, list[Any]] = {name: [] for name in SCHEMA.names}
    for fact in items:
        columns["document"].append(fact.document)
        columns["table"].append(fact.table)
        columns["row_code"].append(fact.row_code)
        columns["row_name"].append(fact.row_name)
        columns["column"].append(fact.column)
        if isinstance(fact.value, Decimal):
            exponent = fact.value.as_tuple().exponent
            if not isinstance(exponent, int) or -exponent > SCALE:
                raise ParquetValueError(f"{fact.row_code}/{fact.column}: {fact.value}")
            stored = fact.value.quantize(_QUANTUM, context=_CONTEXT)
            if stored.adjusted() >= PRECISION - SCALE:
                raise ParquetValueError(f"{fact.row_code}/{fact.column}: {fact.value}")
            columns["value"].append(stored)
            columns["value_scale"].append(-exponent)
            columns["value_text"].append(None)
        else:
            columns["value"].append(None)
            columns["value_scale"].append(None)
            columns["value_text"].append(fact.value)
        columns["text"].append(fact.text)
        columns["line"].append(fact.line)
        columns["confidence"].append(fact.confidence)
    return columns


def _batches(items: Iterable[Fact]) -> Iterator[list[Fact]]:
    batch: list[Fact] = []
    for fact in items:
        batch.append(fact)
        if len(batch) >= _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def facts_table(items: Iterable[Fact]) -> pa.Table:
    """Facts as an Arrow table with the Parquet schema."""
    return pa.Table.from_pydict(_columns(items), schema=SCHEMA)


def write_parquet(items: Iterable[Fact], path: str | Path) -> int:
    """Stream facts into one Parquet file; returns the number of facts written."""
    count = 0
    with pq.ParquetWriter(str(path), SCHEMA, compression="zstd") as writer:
        for batch in _batches(items):
            writer.write_table(facts_table(batch))
            count += len(batch)
    return count


def _restore(value: Decimal, scale: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-scale), context=_CONTEXT)


def read_parquet(path: str | Path) -> list[Fact]:
    """Facts read back from a Parquet file written by `write_parquet`."""
    table = pq.read_table(str(path), schema=SCHEMA)
    data = table.to_pydict()
    result: list[Fact] = []
    for index in range(table.num_rows):
        number = data["value"][index]
        value: Decimal | str
        if number is None:
            value = data["value_text"][index]
        else:
            value = _restore(number, data["value_scale"][index])
        result.append(
            Fact(
                data["document"][index],
                data["table"][index],
                data["row_code"][index],
                data["row_name"][index],
                data["column"][index],
                value,
                data["text"][index],
                data["line"][index],
                data["confidence"][index],
            )
        )
    return result


# -- partitioned dataset ----------------------------------------------------------------------

# document columns added to every fact of a dataset; any of them can be a partition key
DOCUMENT_FIELDS = (
    pa.field("department", pa.string()),
    pa.field("year", pa.int32()),
    pa.field("kind", pa.string()),
    pa.field("scope", pa.string()),
    pa.field("province", pa.string()),
    pa.field("city", pa.string()),
    pa.field("county", pa.string()),
    pa.field("division_code", pa.string()),
)
PARTITION_KEYS: tuple[str, ...] = tuple(field.name for field in DOCUMENT_FIELDS)
DATASET_SCHEMA = pa.schema([*DOCUMENT_FIELDS, *SCHEMA], metadata=SCHEMA.metadata)
_DATASET_BATCH = 16_384  # facts per record batch handed to the dataset writer
_ROW_GROUP = 65_536  # facts per row group (fewer, larger groups read faster)


class PartitionError(ValueError):
    """Partition keys that are not document columns, or repeated (Chinese message)."""


def document_fields(document: Document) -> dict[str, Any]:
    """The document columns of a dataset row: metadata and the region (province, city, …)."""
    from cnbudget.store.records import region_fields

    meta = document.metadata
    region = region_fields(document)
    return {
        "department": meta.department,
        "year": meta.year,
        "kind": meta.kind,
        "scope": meta.scope,
        **{key: region[key] for key in ("province", "city", "county", "division_code")},
    }


def _dataset_batches(documents: Iterable[Document]) -> Iterator[pa.RecordBatch]:
    columns: dict[str, list[Any]] = {name: [] for name in DATASET_SCHEMA.names}
    size = 0
    for document in documents:
        items = list(facts(document))
        if not items:
            continue
        for name, value in document_fields(document).items():
            columns[name].extend([value] * len(items))
        for name, values in _columns(items).items():
            columns[name].extend(values)
        size += len(items)
        if size >= _DATASET_BATCH:
            yield pa.RecordBatch.from_pydict(columns, schema=DATASET_SCHEMA)
            columns = {name: [] for name in DATASET_SCHEMA.names}
            size = 0
    if size:
        yield pa.RecordBatch.from_pydict(columns, schema=DATASET_SCHEMA)


def write_dataset(documents: Iterable[Document], out: str | Path, partition: Sequence[str]) -> int:
    """Facts as a hive-partitioned Parquet dataset (`year=2025/province=山东省/part-0.parquet`).

    Every row is a fact with its document's columns (`DOCUMENT_FIELDS`); the partition keys are
    taken out of the files and into the folder names, percent-encoded, with an unknown value
    written as `__HIVE_DEFAULT_PARTITION__` (read as null), as DuckDB, Spark and pyarrow expect.
    Partitions written again are replaced whole. Returns the number of facts written.
    """
    import pyarrow.dataset as ds

    unknown = [key for key in partition if key not in PARTITION_KEYS]
    if unknown or not partition or len(set(partition)) != len(partition):
        raise PartitionError(
            f"分区字段无效或重复：{'、'.join(unknown or partition) or '（空）'}"
            f"（可选：{'、'.join(PARTITION_KEYS)}）"
        )
    count = 0

    def counted() -> Iterator[pa.RecordBatch]:
        nonlocal count
        for batch in _dataset_batches(documents):
            count += batch.num_rows
            yield batch

    ds.write_dataset(
        counted(),
        str(out),
        schema=DATASET_SCHEMA,
        format="parquet",
        file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"),
        partitioning=ds.partitioning(
            pa.schema([DATASET_SCHEMA.field(key) for key in partition]), flavor="hive"
        ),
        basename_template="part-{i}.parquet",
        existing_data_behavior="delete_matching",
        min_rows_per_group=_ROW_GROUP,
        max_rows_per_group=4 * _ROW_GROUP,
    )
    return count
