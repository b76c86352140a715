"""Command line: `cnbudget parse FILE` prints facts, JSON or a short Chinese summary.

Start-up time matters (`cnbudget check file` is a one-second job): this module imports only
click at the top, every command imports what it needs when it runs, and the commands of other
modules (store, export, web, …) are imported only when named or listed (`LazyGroup`), so
`parse` and `check` never load the database, web or spreadsheet libraries.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from cnbudget.model import Document, Severity

# commands defined in other modules, imported on first use: name → "module:attribute"
LAZY_COMMANDS = {
    "export": "cnbudget.export.cli:export_command",
    "targets": "cnbudget.performance.cli:targets",
    "ingest": "cnbudget.store.cli:ingest",
    "list": "cnbudget.store.cli:list_command",
    "show": "cnbudget.store.cli:show",
    "compare": "cnbudget.store.cli:compare",
    "db": "cnbudget.store.cli:db",
    "correct": "cnbudget.store.correct_cli:correct",
    "serve": "cnbudget.web.cli:serve",
}


class LazyGroup(click.Group):
    """A group whose commands from other modules are imported only when needed."""

    def __init__(self, *args: object, lazy: dict[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        found = super().get_command(ctx, cmd_name)
        if found is not None or cmd_name not in self.lazy:
            return found
        module, _, attribute = self.lazy[cmd_name].partition(":")
        command = getattr(importlib.import_module(module), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{self.lazy[cmd_name]} is not a click command")
        return command


@click.group(cls=LazyGroup, lazy=LAZY_COMMANDS)
@click.version_option(package_name="cnbudget")
def main() -> None:
    """cnbudget：把部门预算/决算公开文件变成规范、可核对、可比较的数据。"""


AS_ONE_HELP = (
    "把给出的几个文件作为同一份公开文件（如情况说明和报表分开发布）解析，事实共用一个文件编号"
)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["facts", "json", "summary"]),
    default="facts",
    show_default=True,
    help="facts：规范事实 CSV；json：整个文档；summary：中文摘要",
)
@click.option("--as-one", is_flag=True, help=AS_ONE_HELP)
@click.option("--debug", is_flag=True, help="出错时显示完整调用栈（开发用）")
def parse(files: tuple[str, ...], fmt: str, as_one: bool, debug: bool) -> None:
    """解析一个公开文件并输出结果（分成几个文件发布的，加 --as-one 一起解析）。"""
    import json

    from cnbudget.errors import parse_or_exit
    from cnbudget.export_json import document_dict
    from cnbudget.facts import facts, write_csv

    if len(files) > 1 and not as_one:
        click.echo(
            "错误：parse 一次解析一份公开文件；情况说明和报表分成几个文件发布的，"
            "请加 --as-one 把它们作为一份解析",
            err=True,
        )
        sys.exit(2)
    document = parse_or_exit(files, debug)
    if fmt == "facts":
        sys.stdout.write(write_csv(facts(document)))
    elif fmt == "json":
        click.echo(json.dumps(document_dict(document), ensure_ascii=False, indent=2))
    else:
        click.echo(summary_text(document))


def column_name(key: str) -> str:
    from cnbudget.validate.labels import column

    return column(key)


SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_ORDER: tuple[Severity, ...] = ("error", "warning", "info")


@main.command()
@click.option("--markdown", is_flag=True, help="输出 Markdown 规则目录（docs/rules.md）")
def rules(markdown: bool) -> None:
    """列出全部核查规则（编号、级别、类别、说明）。"""
    from cnbudget.validate import all_rules
    from cnbudget.validate.registry import catalogue

    if markdown:
        click.echo(catalogue(), nl=False)
        return

    for item in all_rules():
        severity = SEVERITY_NAMES[item.severity]
        click.echo(f"{item.id}\t{severity}\t{item.category}\t{item.title}：{item.description}")


@main.command(name="check")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="text：中文文字报告；json：供程序使用；html：独立的网页报告",
)
@click.option("--disable", multiple=True, help="停用某条规则（可重复）")
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    default=None,
    help="核查阈值设置文件（TOML，见 docs/validation.md）",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default="never",
    show_default=True,
    help="发现该级别及以上问题时以状态 1 退出（无法读取的文件为 2，程序内部错误为 3）",
)
@click.option("--as-one", is_flag=True, help=AS_ONE_HELP)
@click.option("--debug", is_flag=True, help="出错时显示完整调用栈（开发用）")
def check_command(
    files: tuple[str, ...],
    fmt: str,
    disable: tuple[str, ...],
    config: str | None,
    fail_on: str,
    as_one: bool,
    debug: bool,
) -> None:
    """核查一个或多个公开文件，按严重程度列出发现的问题（--as-one：几个文件是同一份）。"""
    import json

    from cnbudget.errors import EXIT_INTERNAL, exit_with, internal_reason, parse_or_exit
    from cnbudget.validate import check
    from cnbudget.validate.common import number_label
    from cnbudget.validate.registry import DOUBT_LEGEND, Report, finding_dict
    from cnbudget.validate.settings import SettingsError, load
    from cnbudget.vocabulary.tables import TABLE_NAMES

    settings = None
    if config is not None:
        try:
            settings = load(config)
        except SettingsError as exc:
            click.echo(f"错误：{config}：{exc}", err=True)
            sys.exit(2)
    order = {"error": 3, "warning": 2, "info": 1, "never": 99}
    worst = 0
    payload = []
    results: list[tuple[Document, Report]] = []
    for group in [files] if as_one else [(file,) for file in files]:
        document = parse_or_exit(group, debug)
        try:
            report = check(document, disable, settings)
        except Exception as exc:  # a bug in a rule: one line, and not the --fail-on status
            if debug:
                raise
            exit_with(" + ".join(group), internal_reason(exc, "核查"), EXIT_INTERNAL)
        worst = max([worst, *(order[f.severity] for f in report.findings)])
        if fmt == "html":
            results.append((document, report))
            continue
        if fmt == "json":
            payload.append(
                {
                    "document": document.id,
                    "source": document.source,
                    "ran": report.ran,
                    "not_run": report.not_run,
                    "summary": report.summary(),
                    "findings": [finding_dict(f) for f in report.findings],
                }
            )
            continue
        click.echo(f"== {document.source}（{document.metadata.department or '未识别单位'}）")
        groups = [
            (SEVERITY_NAMES[severity], list(report.by_severity(severity)))
            for severity in SEVERITY_ORDER
        ]
        groups.append(("解析存疑", report.doubts()))
        for title, found in groups:
            if not found:
                continue
            click.echo(f"  {title}（{len(found)}）")
            if title == "解析存疑":
                click.echo(f"    {DOUBT_LEGEND}")
            for f in found:
                where = f"第{f.line}行 " if f.line else ""
                if f.page is not None:
                    where = f"第{f.page}页 {where}"
                table = TABLE_NAMES.get(f.table or "", f.table or "")
                level = f"[{SEVERITY_NAMES[f.severity]}]" if f.doubt else ""
                click.echo(f"    [{f.rule}]{level} {where}{table}：{f.message}")
                if f.numbers:
                    side = " | ".join(f"{number_label(k)} {v:,}" for k, v in f.numbers.items())
                    click.echo(f"        数字：{side}")
                if f.suspect:
                    name = column_name(f.suspect[2])
                    click.echo(f"        最可能有误的单元格：{f.suspect[1]} 行的“{name}”列")
                if f.doubt:
                    click.echo(f"        存疑原因：{f.doubt}")
                for text in (f.evidence or "").splitlines()[:2]:
                    click.echo(f"        原文：{text}")
        if not report.findings:
            click.echo("  未发现问题")
        click.echo(f"  已运行规则：{'、'.join(report.ran) or '无'}")
        for rule_id, reason in report.not_run.items():
            click.echo(f"  未运行：{rule_id}（{reason}）")
    if fmt == "json":
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    if fmt == "html":
        from cnbudget.validate.html import render

        click.echo(render(results), nl=False)
    if worst >= order[fail_on]:
        sys.exit(1)


def summary_text(document: Document) -> str:
    """A short Chinese overview of a parsed document."""
    from cnbudget.coverage import percent
    from cnbudget.facts import facts
    from cnbudget.vocabulary.tables import TABLE_NAMES

    meta = document.metadata
    lines = [
        f"文件：{document.source}（编号 {document.id}，"
        + (
            f"编码 {document.encoding}）"
            if document.format == "text"
            else f"格式 {document.format}）"
        ),
        f"单位：{meta.department or '未识别'}  年度：{meta.year or '未识别'}  "
        f"类型：{meta.scope or ''}{meta.kind}  金额单位：{meta.unit}",
    ]
    items = list(facts(document))
    for table in document.tables:
        count = sum(1 for f in items if f.table == table.kind)
        note = f"（空表：{table.empty_note}）" if table.empty_note else ""
        low = sum(1 for row in table.rows for cell in row.cells.values() if cell.confidence < 0.9)
        flag = f"，{low} 个数字置信度较低" if low else ""
        name = TABLE_NAMES.get(table.kind, table.kind)
        cover = table.coverage
        read = (
            f"，印出金额 {cover.captured}/{cover.printed} 已读取（{percent(cover.ratio)}）"
            if cover is not None and cover.printed
            else ""
        )
        lines.append(f"  第{table.line}行 {name}：{count} 个事实{read}{flag}{note}")
    for section in document.sections:
        if section.kind == "prose":
            lines.append(
                f"  第{section.first_line}-{section.last_line}行 文字部分“{section.title}”："
                "未转为事实（说明文字由文字解析模块处理）"
            )
            continue
        lines.append(
            f"  第{section.first_line}行 {TABLE_NAMES.get(section.kind, section.kind)}：已识别，"
            "不属于金额表（绩效目标由绩效模块解析）"
        )
    whole = document.coverage
    if whole is not None and whole.printed:
        lines.append(
            f"读取程度：印出金额 {whole.printed} 个，已转为事实 {whole.captured} 个"
            f"（{percent(whole.ratio)}），其余 {len(whole.uncaptured)} 个均在提示中列出"
        )
    lines.append(f"共 {len(items)} 个事实，{len(document.notices)} 条提示")
    for notice in document.notices:
        where = f"第{notice.line}行 " if notice.line else ""
        label = TABLE_NAMES.get(notice.table or "", notice.table or "")
        lines.append(f"  提示：{where}{label} {notice.message}")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    main()
