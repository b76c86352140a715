"""`cnbudget export FILE... --format csv|xlsx|parquet|json|datapackage --out PATH`."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click

from cnbudget.errors import InputError
from cnbudget.export import FORMATS, STDOUT, ExportError, export_documents
from cnbudget.model import Document
from cnbudget.pipeline import parse_file


def documents_from_files(files: Sequence[str]) -> list[Document]:
    """Parse every source file first, so a bad input stops the export before anything is written.

    This is the seam for the store: a `--db` option would instead yield the documents it
    rebuilds from the database, and pass them to `export_documents` unchanged.
    """
    documents: list[Document] = []
    for file in files:
        try:
            documents.append(parse_file(file))
        except InputError as exc:
            click.echo(f"错误：{exc.source}：{exc.reason}", err=True)
            sys.exit(2)
        except Exception as exc:  # a bug must still give one clear line
            click.echo(f"错误：{file}：解析时发生内部错误（{type(exc).__name__}: {exc}）", err=True)
            sys.exit(3)
    return documents


@click.command(name="export")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
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
def export_command(files: tuple[str, ...], fmt: str, out: str) -> None:
    """把一个或多个公开文件导出为 CSV、XLSX、Parquet、JSON 或数据包。"""
    documents = documents_from_files(files)
    try:
        written = export_documents(documents, fmt, out)
    except ExportError as exc:
        click.echo(f"错误：{exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"错误：{out}：无法写出（{exc.strerror or exc}）", err=True)
        sys.exit(2)
    for path in written:
        click.echo(f"已写出：{path}", err=True)
