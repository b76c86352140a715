"""Store commands: `cnbudget ingest`, `list`, `show`, `compare` and `db` (all with `--db`)."""

from __future__ import annotations

import glob
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from cnbudget.coverage import percent as coverage_percent

if TYPE_CHECKING:
    from rich.console import Console

    from cnbudget.model import Document, Table
    from cnbudget.store import IngestResult, Store

# file name endings taken when a folder is given (files named directly are read whatever their name)
INGEST_SUFFIXES = (".txt", ".pdf", ".xlsx", ".xls", ".docx", ".html", ".htm")

db_option = click.option(
    "--db",
    "db",
    default=None,
    metavar="URL",
    help="数据库：SQLite 文件路径或 postgresql:// 地址（默认取环境变量 CNBUDGET_DB，"
    "再默认 ~/.local/share/cnbudget/cnbudget.db）",
)
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="输出格式",
)


def fail(message: str) -> NoReturn:
    click.echo(f"错误：{message}", err=True)
    sys.exit(2)


def open_store(db: str | None, upgrade: bool = True) -> Store:
    """Open the store or exit with a one-line Chinese error."""
    from sqlalchemy.exc import SQLAlchemyError

    from cnbudget.store import open
    from cnbudget.store.engine import resolve_url

    try:
        url = resolve_url(db)
    except Exception as exc:
        fail(f"{db}：数据库地址无效（{exc}）")
    try:
        return open(url.render_as_string(hide_password=False), upgrade=upgrade)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        fail(f"{url.render_as_string(hide_password=True)}：无法打开数据库（{reason}）")
    except OSError as exc:
        fail(f"{url.render_as_string(hide_password=True)}：无法打开数据库（{exc}）")


def expand(paths: tuple[str, ...]) -> Iterator[Path]:
    """Files named, files under folders (by suffix, sorted), and glob matches; in order."""
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in INGEST_SUFFIXES
            )
        elif path.exists() or not glob.has_magic(raw):
            found = [path]
        else:
            found = sorted(Path(p) for p in glob.glob(raw, recursive=True) if Path(p).is_file())
        for item in found:
            if item not in seen:
                seen.add(item)
                yield item


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--replace", is_flag=True, help="已入库的文件也重新解析并替换")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 512),
    default=1,
    show_default=True,
    help="并行解析、核查的工作进程数（本机）；与 --dask 同用时为本地集群的工作进程数",
)
@click.option(
    "--dask",
    "dask",
    default=None,
    metavar="ADDRESS",
    help="在 Dask 集群上解析、核查并写入 PostgreSQL：调度器地址（如 tcp://scheduler:8786），"
    "或 local（本机启动 --jobs 个工作进程的 LocalCluster）；需要 pip install 'cnbudget[dask]'",
)
@click.option(
    "--as-one",
    is_flag=True,
    help="给出的文件是同一份公开文件（情况说明和报表分开发布），合为一份入库",
)
def ingest(
    paths: tuple[str, ...],
    db: str | None,
    replace: bool,
    jobs: int,
    dask: str | None,
    as_one: bool,
) -> None:
    """把公开文件解析、核查后存入数据库（文件、文件夹或通配符；每份文件一个事务）。

    内容相同的文件（按内容哈希）不会重复入库；某份文件失败不影响其他文件，也不会留下不完整的数据；
    中断后再次运行同一命令即可续上（已入库的文件跳过）。--jobs N 用 N 个进程并行，
    --dask 在 Dask 集群上运行（见 docs/scale.md）。--as-one：所给的全部文件合为一份文件入库
    （一个文件编号）。
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from cnbudget.store import IngestResult

    files = list(expand(paths))
    if not files:
        fail(f"{'、'.join(paths)}：没有找到可入库的文件")
    store = open_store(db)
    url = store.engine.url.render_as_string(hide_password=False)
    if dask is not None and store.engine.dialect.name != "postgresql":
        store.close()
        fail(
            f"{store.url}：--dask 需要 PostgreSQL 数据库（--db postgresql://…），各工作节点直接写入"
        )
    # counts and failures only: a national collection is millions of results
    failures = [
        IngestResult(str(path), "failed", reason="文件不存在")
        for path in files
        if not path.is_file()
    ]
    present = [str(path) for path in files if path.is_file()]
    counts: Counter[str] = Counter(failed=len(failures))
    skipped: Counter[str | None] = Counter()
    fact_count = 0
    err = console(stderr=True)
    if as_one and failures:
        present = []  # one document: nothing is stored when one of its files is missing
    with (
        store,
        _ingest_results(store, url, present, replace, jobs, dask, as_one) as stream,
        Progress(
            TextColumn("入库"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            console=err,
            disable=not err.is_terminal,
            transient=True,
        ) as progress,
    ):
        task = progress.add_task("", total=len(files), completed=len(failures))
        for result in stream:
            counts[result.status] += 1
            fact_count += result.facts
            if result.status == "failed":
                failures.append(result)
            elif result.status == "skipped":
                skipped[result.reason] += 1
            progress.update(task, advance=1, description=Path(result.source).name)
    for result in failures:
        click.echo(f"失败：{result.source}：{result.reason}", err=True)
    click.echo(
        f"已入库 {counts['ingested']} 份（{fact_count} 个事实），"
        f"跳过 {counts['skipped']} 份，失败 {counts['failed']} 份"
    )
    for reason, number in skipped.items():
        click.echo(f"  跳过 {number} 份：{reason}")
    if counts["failed"]:
        sys.exit(2)


@contextmanager
def _ingest_results(
    store: Store,
    url: str,
    paths: list[str],
    replace: bool,
    jobs: int,
    dask: str | None,
    as_one: bool = False,
) -> Iterator[Iterator[IngestResult]]:
    """The results of ingesting `paths`: in this process, in `jobs` processes, or on Dask;
    with `as_one`, all the paths are one document."""
    from cnbudget.store import parallel

    if as_one:
        yield iter([store.ingest_paths(paths, replace=replace)] if paths else [])
    elif dask is None and jobs == 1:
        yield (store.ingest_path(path, replace=replace) for path in paths)
    elif dask is None:
        yield parallel.ingest_processes(url, paths, jobs, replace)
    else:
        with ExitStack() as stack:
            try:
                client = stack.enter_context(parallel.dask_client(dask, jobs))
            except ImportError:
                fail("--dask 需要安装 Dask：pip install 'cnbudget[dask]'")
            except (OSError, TimeoutError) as exc:
                fail(f"{dask}：无法连接 Dask 调度器（{exc}）")
            yield parallel.ingest_dask(url, paths, client, replace)


def _amount(value: Decimal | None) -> str:
    from cnbudget.model import format_decimal

    return "" if value is None else format_decimal(value)


@click.command(name="list")
@db_option
@click.option("--year", type=int, help="预算年度")
@click.option("--region", help="地区（省/市/县名称的一部分；暂无地区信息时按单位名称匹配）")
@click.option("--department", help="单位名称的一部分")
@format_option
def list_command(
    db: str | None, year: int | None, region: str | None, department: str | None, fmt: str
) -> None:
    """列出数据库中的文档（可按年度、地区、单位筛选）。"""
    import csv
    import dataclasses
    import io
    import json

    from cnbudget.formulas import csv_row

    with open_store(db) as store:
        summaries = store.documents(year=year, region=region, department=department)
    if fmt == "json":
        payload = [
            {
                key: (_amount(value) or None) if isinstance(value, Decimal) else value
                for key, value in dataclasses.asdict(s).items()
            }
            | {"coverage": None if s.coverage is None else round(s.coverage, 4)}
            for s in summaries
        ]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    header = [
        "编号",
        "单位",
        "年度",
        "类型",
        "支出合计",
        "基本支出",
        "项目支出",
        "三公经费",
        "错误",
        "警告",
        "提示",
        "事实数",
        "读取",
        "来源文件",
    ]
    rows = [
        [
            s.id,
            s.department or "未识别",
            str(s.year or ""),
            f"{s.scope or ''}{s.kind}",
            _amount(s.expenditure_total),
            _amount(s.basic_total),
            _amount(s.project_total),
            _amount(s.three_public_total),
            str(s.findings.get("error", 0)),
            str(s.findings.get("warning", 0)),
            str(s.findings.get("info", 0)),
            str(s.facts),
            "" if s.coverage is None else coverage_percent(s.coverage),
            s.source,
        ]
        for s in summaries
    ]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(csv_row(row) for row in rows)
        click.echo(buffer.getvalue(), nl=False)
        return
    from rich.table import Table as RichTable

    table = RichTable(title=f"共 {len(rows)} 份文档（金额单位：万元）")
    for index, name in enumerate([*header[:8], "错/警/提", "事实数", "读取"]):
        table.add_column(
            name, justify="right" if index >= 4 else "left", no_wrap=index == 0, overflow="fold"
        )
    for row in rows:
        table.add_row(row[0][:8], *row[1:8], "/".join(row[8:11]), row[11], row[12])
    console().print(table)


def _depth(table: Table, index: int) -> int:
    depth, parent = 0, table.rows[index].parent
    while parent is not None and depth < 5:
        depth, parent = depth + 1, table.rows[parent].parent
    return depth


# Chinese labels of column keys the validation labels do not name
LABELS = {
    "prior_year": "上年数",
    "budget_initial": "年初预算数",
    "budget_adjusted": "调整预算数",
    "final": "决算数",
    "category": "项目类别",
    "unit": "单位编码",
    "reserve": "单位预留机动经费",
    "amount": "金额",
}


def label(key: str) -> str:
    from cnbudget.validate.labels import column

    return LABELS.get(key) or column(key)


def _printed_code(code: str) -> str:
    """Classification codes as printed; canonical row keys (total, project:…) stay blank."""
    if code.startswith("unit:"):
        return code.removeprefix("unit:")
    return code if code[:1].isdigit() else ""


def render_table(table: Table) -> Any:
    """A rich table printed like the disclosure's own table (codes, names, columns)."""
    from rich.table import Table as RichTable

    from cnbudget.vocabulary.tables import TABLE_NAMES

    keys = list(table.columns)
    for row in table.rows:
        keys.extend(key for key in row.cells if key not in keys)
    name = TABLE_NAMES.get(table.kind, table.kind)
    title = f"{name}（{table.title}，第{table.line}行，单位：{table.unit}）"
    out = RichTable(title=title, title_justify="left", show_lines=False)
    out.add_column("编码", overflow="fold")
    out.add_column("名称", overflow="fold")
    for key in keys:
        out.add_column(label(key), justify="right", overflow="fold")
    for index, row in enumerate(table.rows):
        cells = []
        for key in keys:
            cell = row.cells.get(key)
            text = "" if cell is None else cell.text
            if cell is not None and cell.confidence < 0.9:
                text += "?"
            cells.append(text)
        code = _printed_code(row.code)
        out.add_row(code, "  " * _depth(table, index) + row.name, *cells)
    if table.empty_note:
        out.caption = f"空表：{table.empty_note}"
    return out


@click.command()
@click.argument("doc")
@db_option
@click.option(
    "--table", "kinds", multiple=True, help="只显示这些表（表键，如 expenditure；可重复）"
)
def show(doc: str, db: str | None, kinds: tuple[str, ...]) -> None:
    """在终端以中文表格显示一份已入库文档的全部标准表（DOC 为编号或编号前缀）。"""
    from cnbudget.store import StoreError

    with open_store(db) as store:
        try:
            document = store.document(doc)
            findings = store.findings(document.id)
        except StoreError as exc:
            fail(str(exc))
    out = console()
    _print_header(out, document)
    for table in document.tables:
        if kinds and table.kind not in kinds:
            continue
        out.print(render_table(table))
        out.print()
    if findings:
        from cnbudget.validate.registry import summarize

        counts = summarize(findings)
        out.print(
            f"核查发现：错误 {counts['error']} 条，警告 {counts['warning']} 条，"
            f"提示 {counts['info']} 条，解析存疑 {counts['doubt']} 条（“?”表示置信度较低的数字）"
        )


def _print_header(out: Console, document: Document) -> None:
    meta = document.metadata
    out.print(f"文档 {document.id}：{document.source}", markup=False)
    out.print(
        f"单位：{meta.department or '未识别'}  年度：{meta.year or '未识别'}  "
        f"类型：{meta.scope or ''}{meta.kind}  金额单位：{meta.unit}",
        markup=False,
    )
    out.print()


@click.command()
@click.argument(
    "measure", type=click.Choice(["code", "share", "three_public", "project_categories"])
)
@click.argument("code", required=False)
@db_option
@click.option("--table", help="表键：code 默认依次取支出总表等；share 默认 expenditure")
@click.option("--parts", default="basic,project", show_default=True, help="share：比较的列")
@click.option("--whole", default="total", show_default=True, help="share：作为分母的列")
@click.option("--row", "row_code", default="total", show_default=True, help="share：所取的行")
@click.option("--year", type=int, help="预算年度")
@click.option("--region", help="地区（名称的一部分）")
@click.option("--department", help="单位名称的一部分")
@click.option("--doc", "docs", multiple=True, help="只比较这些文档（编号或前缀，可重复）")
@format_option
def compare(
    measure: str,
    code: str | None,
    db: str | None,
    table: str | None,
    parts: str,
    whole: str,
    row_code: str,
    year: int | None,
    region: str | None,
    department: str | None,
    docs: tuple[str, ...],
    fmt: str,
) -> None:
    """跨文档比较。

    MEASURE：code（功能科目，如 `compare code 2101202`）、share（基本/项目支出占比）、
    three_public（“三公”经费）、project_categories（项目类别）。
    """
    from cnbudget.store import StoreError

    options: dict[str, Any] = {"year": year, "region": region, "department": department}
    if measure == "code":
        if not code:
            fail("compare code 需要功能科目编码，例如：cnbudget compare code 2101202")
        options.update(code=code, table=table)
    elif measure == "share":
        options.update(
            table=table or "expenditure",
            parts=tuple(p.strip() for p in parts.split(",") if p.strip()),
            whole=whole,
            row=row_code,
        )
    with open_store(db) as store:
        try:
            if docs:
                options["doc_ids"] = [store.resolve(d) for d in docs]
            result = store.compare(measure, **options)
        except StoreError as exc:
            fail(str(exc))
    if fmt == "csv":
        click.echo(result.to_csv(), nl=False)
        return
    if fmt == "json":
        click.echo(result.to_json())
        return
    from rich.table import Table as RichTable

    out = RichTable(title=f"{result.title}：{len(result.rows)} 行")
    for index, (_key, label) in enumerate(result.columns):
        out.add_column(
            label, justify="left" if index < 3 else "right", no_wrap=index == 0, overflow="fold"
        )
    from cnbudget.vocabulary.tables import TABLE_NAMES

    for record in result.records():
        if isinstance(record.get("table"), str):
            record["table"] = TABLE_NAMES.get(str(record["table"]), record["table"])
        values = ["" if value is None else str(value) for value in record.values()]
        values[0] = values[0][:8]
        out.add_row(*values)
    console().print(out)


@click.group()
def db() -> None:
    """数据库维护：查看位置与版本、升级表结构。"""


@db.command()
@db_option
def upgrade(db: str | None) -> None:
    """把数据库表结构升级到最新版本（打开数据库时也会自动升级）。"""
    with open_store(db) as store:
        from cnbudget.store.engine import current_revision

        click.echo(f"{store.url}：表结构版本 {current_revision(store.engine)}（最新）")


@db.command()
@db_option
def info(db: str | None) -> None:
    """显示数据库地址、表结构版本和文档数。"""
    from cnbudget.store.engine import current_revision, head_revision

    with open_store(db, upgrade=False) as store:
        current = current_revision(store.engine)
        click.echo(f"数据库：{store.url}")
        click.echo(f"表结构版本：{current or '未建表'}（最新：{head_revision()}）")
        if current == head_revision():
            click.echo(f"文档数：{len(store.documents())}")
        else:
            click.echo("需要升级：运行 cnbudget db upgrade（或任何读写命令都会自动升级）")


COMMANDS = (ingest, list_command, show, compare, db)
