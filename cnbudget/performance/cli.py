"""`cnbudget targets FILE`: performance targets, narrative facts and the profile in Chinese."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from cnbudget.model import format_decimal

if TYPE_CHECKING:
    from cnbudget.model import Document, Indicator

NARRATIVE_NAMES = {
    "income_total": "收入预算",
    "expenditure_total": "支出预算",
    "basic": "基本支出",
    "project": "项目支出",
    "change": "收支增减",
    "general": "一般公共预算收入",
    "gov_fund": "政府性基金预算收入",
    "carryover": "上年结转",
    "three_public_total": "“三公”经费",
    "operating_costs": "机关运行经费",
    "procurement_total": "政府采购预算",
    "vehicles_count": "车辆（辆）",
    "performance_projects": "绩效管理项目（个）",
    "performance_funds": "绩效管理资金",
}


@click.command(name="targets")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text：中文可读；json：绩效目标、说明文字中的数字与部门概况",
)
def targets(file: str, fmt: str) -> None:
    """列出文件中的项目绩效目标、部门整体绩效目标、情况说明中的数字和部门概况。"""
    from cnbudget.errors import parse_or_exit
    from cnbudget.export_json import targets_dict

    document = parse_or_exit(file)
    if fmt == "json":
        click.echo(json.dumps(targets_dict(document), ensure_ascii=False, indent=2))
        return
    click.echo(targets_text(document))


def _indicator(indicator: Indicator) -> str:
    levels = "/".join(x for x in (indicator.level1, indicator.level2) if x) or "未分级"
    value = indicator.raw or "（无指标值）"
    parts = [f"    [{levels}] {indicator.name}：{value}"]
    if indicator.number is not None:
        parts.append(
            f"（{indicator.comparator or ''}{format_decimal(indicator.number)}"
            f"{indicator.unit or ''}）"
        )
    if not indicator.parsed:
        parts.append("（未能解析数值）")
    if indicator.basis:
        parts.append(f" 依据：{indicator.basis}")
    return "".join(parts) + f"  第{indicator.line}行"


def targets_text(document: Document) -> str:
    """The readable Chinese listing."""
    out = [f"文件：{document.source}（{document.metadata.department or '未识别单位'}）"]
    profile = document.profile
    if profile is not None:
        region = profile.region
        where = (
            "、".join(x for x in (region.province, region.city, region.county) if x)
            if region
            else "未识别"
        )
        out.append(f"所在地区：{where}{f'（{region.code}）' if region else ''}")
        bodies = "、".join(profile.internal_bodies) or "未列出"
        out.append(f"主要职责：{len(profile.duties)} 项；内设机构：{bodies}")
        for unit in profile.units:
            extra = "，".join(x for x in (unit.type, unit.level, unit.funding) if x)
            out.append(f"  所属单位：{unit.name}{f'（{extra}）' if extra else ''}")
    table = document.table("narrative")
    if table is not None and table.rows:
        out.append("情况说明中的数字（万元，另注者除外）：")
        for key, cell in table.rows[0].cells.items():
            name = NARRATIVE_NAMES.get(key, key)
            out.append(f"  {name}：{cell.text}（{key}，第{cell.line}行）")
    if document.narrative is not None:
        for change in document.narrative.changes:
            reason = f"，原因：{change.reasons}" if change.reasons else ""
            out.append(f"  增减：{change.subject} {change.direction} {change.text}{reason}")
    out.append(f"项目绩效目标：{len(document.performance)} 个项目")
    for project in document.performance:
        money = "/".join(
            format_decimal(v) if v is not None else "-"
            for v in (project.total, project.fiscal, project.other)
        )
        code = f" [{project.code}]" if project.code else ""
        out.append(
            f"  第{project.line}行 {project.name}{code}  资金（总额/财政/其他）：{money} 万元"
        )
        if project.goal:
            out.append(f"    总体目标：{project.goal}")
        for item in project.plan:
            out.append(f"    支出计划 {item.period}：{item.text}")
        out.extend(_indicator(i) for i in project.indicators)
    target = document.dept_performance
    if target is not None:
        out.append(f"部门整体绩效目标（第{target.line}行）：{target.goal or ''}")
        for key, value in target.budget.items():
            out.append(f"  预算 {key}：{format_decimal(value)} 万元")
        for task in target.tasks:
            out.append(f"  任务：{task.name}：{task.content}")
        out.extend(_indicator(i) for i in target.indicators)
    return "\n".join(out)
