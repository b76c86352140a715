"""Exports of parsed documents: facts CSV, XLSX workbooks, Parquet, JSON, a Fiscal Data Package.

Every exporter works from `Document` objects (from `cnbudget.pipeline.parse_file`, or
rebuilt from the database by the store), so files and stored documents export alike
through `export_documents`.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from cnbudget.export_json import document_dict
from cnbudget.facts import facts, write_csv
from cnbudget.model import Document

FORMATS: tuple[str, ...] = ("csv", "xlsx", "parquet", "json", "datapackage")
STDOUT = "-"
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


class ExportError(ValueError):
    """An export that cannot be written as asked (Chinese message for the user)."""


@contextmanager
def _text_output(out: str | Path) -> Iterator[TextIO]:
    if str(out) == STDOUT:
        yield sys.stdout
        return
    path = Path(out)
    if path.parent != Path():
        path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        yield handle


def write_facts_csv(documents: Iterable[Document], out: str | Path) -> int:
    """Facts of all documents in one CSV (the contract's header once); returns the fact count."""
    count = 0
    first = True
    with _text_output(out) as handle:
        for document in documents:
            items = list(facts(document))
            text = write_csv(items)
            handle.write(text if first else text.split("\n", 1)[1])
            first = False
            count += len(items)
        if first:
            handle.write(write_csv(()))
    return count


def write_json(documents: Iterable[Document], out: str | Path) -> int:
    """A JSON array with one object per document (`cnbudget parse --format json` each)."""
    count = 0
    with _text_output(out) as handle:
        handle.write("[")
        for document in documents:
            handle.write(",\n" if count else "\n")
            handle.write(json.dumps(document_dict(document), ensure_ascii=False, indent=2))
            count += 1
        handle.write("\n]\n" if count else "]\n")
    return count


def workbook_name(document: Document) -> str:
    """File name of a document's workbook: department, year, kind and id."""
    meta = document.metadata
    department = _UNSAFE.sub("_", meta.department or "未识别单位")[:60]
    year = f"{meta.year}年" if meta.year else ""
    return f"{department}{year}{meta.kind}_{document.id}.xlsx"


def write_workbooks(documents: Iterable[Document], out: str | Path) -> list[Path]:
    """One workbook per document: into `out` as a folder, or `out` itself for one `.xlsx`."""
    from cnbudget.export.xlsx import write_xlsx

    target = Path(out)
    if target.suffix.lower() == ".xlsx":
        items = list(documents)
        if len(items) != 1:
            raise ExportError(f"{out}：多个文件需要输出到一个目录，而不是单个 .xlsx 文件")
        if target.parent != Path():
            target.parent.mkdir(parents=True, exist_ok=True)
        return [write_xlsx(items[0], target)]
    target.mkdir(parents=True, exist_ok=True)
    return [write_xlsx(document, target / workbook_name(document)) for document in documents]


def export_documents(
    documents: Iterable[Document], fmt: str, out: str | Path, partition: Sequence[str] = ()
) -> list[Path]:
    """Export documents in one format; returns the files written (none for stdout).

    `csv` and `json` write one file (or stdout for `-`), `parquet` one file of facts (or, with
    `partition` keys such as `("year", "province")`, a hive-partitioned dataset folder),
    `xlsx` one workbook per document, `datapackage` a folder with datapackage.json.
    """
    if partition:
        return _write_dataset(documents, fmt, out, partition)
    if fmt == "csv":
        write_facts_csv(documents, out)
        return [] if str(out) == STDOUT else [Path(out)]
    if fmt == "json":
        write_json(documents, out)
        return [] if str(out) == STDOUT else [Path(out)]
    if str(out) == STDOUT:
        raise ExportError(f"{out}：{fmt} 格式不能输出到标准输出，请用 --out 指定路径")
    if fmt == "xlsx":
        return write_workbooks(documents, out)
    if fmt == "parquet":
        from cnbudget.export.parquet import write_parquet

        path = Path(out)
        if path.parent != Path():
            path.parent.mkdir(parents=True, exist_ok=True)
        write_parquet((fact for document in documents for fact in facts(document)), path)
        return [path]
    if fmt == "datapackage":
        from cnbudget.export.datapackage import write_datapackage

        descriptor = write_datapackage(documents, out)
        return [descriptor]
    raise ExportError(f"不支持的导出格式：{fmt}（可选：{'、'.join(FORMATS)}）")


def _write_dataset(
    documents: Iterable[Document], fmt: str, out: str | Path, partition: Sequence[str]
) -> list[Path]:
    from cnbudget.export.parquet import PartitionError, write_dataset

    if fmt != "parquet":
        raise ExportError(f"只有 parquet 格式可以分区导出（--partition），当前格式：{fmt}")
    target = Path(out)
    if str(out) == STDOUT or target.is_file():
        raise ExportError(f"{out}：分区导出需要一个目录（--out 目录/）")
    try:
        write_dataset(documents, target, partition)
    except PartitionError as exc:
        raise ExportError(str(exc)) from exc
    return [target]


__all__ = ["FORMATS", "ExportError", "export_documents", "write_facts_csv", "write_json"]
