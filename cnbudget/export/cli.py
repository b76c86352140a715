"""`cnbudget export`: source files, or documents stored in a database (`--db`), to every format."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cnbudget.export import FORMATS, STDOUT, ExportError, export_documents

if TYPE_CHECKING:
    from cnbudget.model import Document


def documents_from_files(files: Sequence[str]) -> list[Document]:
    """Parse every source file first, so a bad input stops the export before anything is written.

    With `--db`, `documents_from_store` rebuilds the documents from the database instead;
    both pass them to `export_documents` unchanged.
    """
    from cnbudget.errors import parse_or_exit

    documents: list[Document] = []
    for file in files:
        documents.append(parse_or_exit(file))
    return documents


def documents_from_store(db: str | None, ids: Sequence[str]) -> Iterator[Document]:
    """The stored documents named by id (or unique id prefix); every document when none is named.

    The ids are resolved first (an unknown id stops the export before anything is written);
    the documents are then rebuilt one at a time as the exporter asks for them, so exporting a
    large database does not hold every document in memory.
    """
    from cnbudget.store.api import StoreError
    from cnbudget.store.cli import open_store

    store = open_store(db)
    try:
        wanted = [store.resolve(item) for item in ids] or [s.id for s in store.documents()]
    except StoreError as exc:
        store.close()
        click.echo(f"错误：{exc}", err=True)
        sys.exit(2)
    if not wanted:
        store.close()
        click.echo("错误：数据库中还没有文档（先用 cnbudget ingest 入库）", err=True)
        sys.exit(2)

    def stream() -> Iterator[Document]:
        with store:
            for item in wanted:
                yield store.document(item)

    return stream()


@click.command(name="export")
@click.argument("files", nargs=-1)
@click.option(
    "--db",
    "db",
    default=None,
    metavar="URL",
    help="从数据库导出：参数为文档编号（或唯一前缀），不给编号时导出全部文档；"
    "值为 SQLite 路径或 postgresql:// 地址，写 --db '' 则用默认数据库（CNBUDGET_DB 或默认文件）",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="csv",
    show_default=True,
    help="csv：规范事实；xlsx：每个文件一个工作簿（按原表版式）；parquet：事实（精确小数）；"
    "json：整个文档；datapackage：Frictionless/Fiscal Data Package 目录",
)
@click.option(
    "--out",
    "out",
    default=STDOUT,
    show_default=True,
    help="输出路径：csv/json 为文件（- 表示标准输出），parquet 为文件，"
    "xlsx 为目录（仅一个文件时可为 .xlsx 文件），datapackage 为目录",
)
@click.option(
    "--partition",
    default="",
    metavar="KEYS",
    help="parquet：按这些字段分区写成目录（Hive 风格，如 year,province；"
    "可选 department、year、kind、scope、province、city、county、division_code）",
)
def export_command(
    files: tuple[str, ...], db: str | None, fmt: str, out: str, partition: str
) -> None:
    """把公开文件（或 --db 数据库中的文档）导出为 CSV、XLSX、Parquet、JSON 或数据包。"""
    documents: Iterable[Document]
    if db is not None:
        documents = documents_from_store(db or None, files)
    elif not files:
        click.echo("错误：请给出要导出的文件，或用 --db 从数据库导出", err=True)
        sys.exit(2)
    else:
        for file in files:
            if Path(file).is_dir():
                click.echo(f"错误：{file}：是目录，请给出文件", err=True)
                sys.exit(2)
        documents = documents_from_files(files)
    try:
        keys = [key.strip() for key in partition.split(",") if key.strip()]
        written = export_documents(documents, fmt, out, keys)
    except ExportError as exc:
        click.echo(f"错误：{exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"错误：{out}：无法写出（{exc.strerror or exc}）", err=True)
        sys.exit(2)
    for path in written:
        click.echo(f"已写出：{path}", err=True)
