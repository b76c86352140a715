"""Completeness against 地方预决算公开操作规程: required tables and explanations present."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from cnbudget.model import Document, SourceLine, Table
from cnbudget.validate.common import TOTALLED, row_by_code, table_name
from cnbudget.validate.registry import Finding, NotApplicable, rule
from cnbudget.vocabulary.normalize import compact
from cnbudget.vocabulary.required_tables import requirement

NEVER_EMPTY = frozenset({"summary", "income", "expenditure", "fiscal_summary"})
# not empty either when the summary shows general-budget income
GENERAL_TABLES = frozenset({"general_expenditure", "general_basic"})
MIN_TABLES = 4  # fewer recognised tables: an excerpt, not a whole disclosure
_EMPTY_WORDS = re.compile(
    r"无数据|空表|没有|无.{0,12}(?:预算|支出|资金|收入)|未安排|不涉及|为零|为0"
)


def _text(lines: list[SourceLine]) -> str:
    return "".join(compact(line.text) for line in lines)


def _prose_near(document: Document, table: Table) -> list[SourceLine]:
    """Prose lines printed inside a table's span or just after it, before the next table."""
    starts = sorted(t.line for t in document.tables if t.line > table.line)
    end = starts[0] if starts else document.line_count + 1
    return [line for line in document.prose if table.line <= line.number < end][:6]


# what the prose calls a table's money: a sentence saying there is none of it (in the
# table's own 情况说明, often pages away: “2024 年度无“三公”经费财政拨款支出。”)
_SUBJECTS = {
    "three_public": "三公",
    "gov_fund_expenditure": "政府性基金",
    "soe_expenditure": "国有资本经营",
}


def _said_empty(document: Document, kind: str) -> bool:
    subject = _SUBJECTS.get(kind)
    if subject is None:
        return False
    for line in document.prose:
        text = compact(line.text)
        for sentence in text.split("。"):
            if subject in sentence and _EMPTY_WORDS.search(sentence):
                return True
    return False


def _budget_only(document: Document) -> None:
    if document.metadata.kind != "预算":
        raise NotApplicable("只检查预算公开文件（决算的公开要求不同）")


# tables that carry what a required table would (深圳: 基本支出总表 by funding source
# in place of the 一般公共预算基本支出表)
_SUBSTITUTES = {"general_basic": frozenset({"basic"})}


@rule(
    "REQUIRED-TABLES",
    "error",
    "公开完整性",
    "必须公开的表格齐全，空表有说明",
    "部门预算和决算（2017 年起）应公开收支总表、收入总表、支出总表、财政拨款收支总表、"
    "一般公共预算支出表、一般公共预算基本支出表、一般公共预算“三公”经费支出表、"
    "政府性基金预算支出表（地方预决算公开操作规程），缺少为错误；国有资本经营预算支出表"
    "（决算为 2020 年度起）缺少为警告。要求按年度和预算/决算登记在 "
    "cnbudget/vocabulary/required_tables.py。"
    "没有数据的表也要公开，并注明无数据（如“本表无数据”），没有说明为警告。",
    "文件中找不到政府性基金预算支出表；国有资本经营预算支出表为空且没有说明。",
)
def required_tables(document: Document) -> Iterator[Finding]:
    meta = document.metadata
    # by 预算/决算 and year; a document of unknown year is judged by the current rules
    needed = requirement(meta.kind, meta.year or date.today().year)
    if needed is None:
        raise NotApplicable(
            f"{meta.year}年{meta.kind}早于地方预决算公开操作规程，不检查表格是否齐全"
        )
    kinds = {t.kind for t in document.tables}
    if len(kinds) < MIN_TABLES:
        raise NotApplicable(f"只识别出 {len(kinds)} 张表，像是摘录而不是完整的公开文件")
    what = f"部门{meta.kind}" if meta.scope != "单位" else f"单位{meta.kind}"
    for kind in (*needed.required, *needed.expected):
        if kind in kinds or kinds & _SUBSTITUTES.get(kind, frozenset()):
            continue
        severity = "error" if kind in needed.required else "warning"
        yield Finding(
            "REQUIRED-TABLES",
            severity,  # type: ignore[arg-type]
            f"未找到{table_name(kind)}（{meta.year or ''}年{what}应公开此表；"
            "没有数据也应公开空表并说明）",
            kind,
        )
    general_income = any(
        row.code == "income.general" and any(c.value for c in row.cells.values())
        for table in document.tables
        if table.kind == "summary"
        for row in table.rows
    )
    for table in document.tables:
        if not table.is_empty or table.empty_note:
            continue
        if _EMPTY_WORDS.search(_text(_prose_near(document, table))) or _said_empty(
            document, table.kind
        ):
            continue
        core = table.kind in NEVER_EMPTY or (table.kind in GENERAL_TABLES and general_income)
        yield Finding(
            "REQUIRED-TABLES",
            "error" if core else "warning",
            f"{table_name(table.kind)}没有数据，也没有注明“本表无数据”之类的说明"
            + ("（部门预算的这张表不可能没有数据，可能表格残缺）" if core else ""),
            table.kind,
            None,
            None,
            table.line,
        )


_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+部分)"
)
_CHANGE = re.compile(r"(?:增加|减少|增长|下降|降低|上升)(?!0(?:\.0+)?万元)")
_STEADY = re.compile(r"持平|无增减|没有变化|未发生变化")


def _passages(document: Document, pattern: re.Pattern[str]) -> list[list[SourceLine]]:
    """Prose passages (heading to next heading) whose heading or first line matches."""
    found: list[list[SourceLine]] = []
    current: list[SourceLine] | None = None
    for line in document.prose:
        text = compact(line.text)
        if _HEADING.match(text):
            current = [line] if pattern.search(text) else None
            if current is not None:
                found.append(current)
            continue
        if current is not None:
            current.append(line)
    return found


_THREE_PUBLIC = re.compile(r"三公")
SECTIONS: tuple[tuple[str, re.Pattern[str], tuple[str, ...], tuple[str, ...]], ...] = (
    # (what, prose pattern, tables that also disclose it, section kinds that do)
    ("“三公”经费说明", _THREE_PUBLIC, (), ()),
    (
        "机关运行经费说明",
        re.compile(r"机关(?:（机构）)?(?:运行|运转)经费|运行经费"),
        ("operating_costs",),
        (),
    ),
    ("政府采购说明", re.compile(r"政府采购"), ("procurement",), ()),
    (
        "国有资产占用情况",
        re.compile(r"国有资产占[用有]|资产占[用有]|固定资产|共有车辆|车辆\d+辆"),
        ("assets",),
        (),
    ),
    ("绩效目标", re.compile(r"绩效目标"), (), ("performance", "dept_performance")),
)


@rule(
    "REQUIRED-SECTIONS",
    "warning",
    "公开完整性",
    "必须说明的事项齐全",
    "部门预算情况说明应包括：“三公”经费（有增减变化时说明原因）、机关运行经费、"
    "政府采购、国有资产占用情况、绩效目标（地方预决算公开操作规程）。"
    "以正文中的说明或对应的表格（含注明无数据的空表）为准。",
    "全文没有提到机关运行经费；“三公”经费比上年减少 1.35 万元但没有说明原因。",
)
def required_sections(document: Document) -> Iterator[Finding]:
    _budget_only(document)
    if not document.prose and not document.sections:
        raise NotApplicable("没有文字部分")
    text = _text(document.prose)
    kinds = {t.kind for t in document.tables}
    section_kinds = {s.kind for s in document.sections}
    for what, pattern, tables, sections in SECTIONS:
        if pattern.search(text) or kinds & set(tables) or section_kinds & set(sections):
            continue
        yield Finding("REQUIRED-SECTIONS", "warning", f"文件中没有找到{what}")
    yield from _three_public_reasons(document)


def _three_public_reasons(document: Document) -> Iterator[Finding]:
    """A 三公 change needs its reason (主要原因…) in the explanation."""
    table = document.table("three_public")
    changed_in_table = False
    if table is not None:
        total = row_by_code(table, "total")
        if total is not None:
            now = total.cells.get("amount")
            before = total.cells.get("prior_year")
            changed_in_table = now is not None and before is not None and now.value != before.value
    passages = sorted(_passages(document, _THREE_PUBLIC), key=lambda p: -len(_text(p)))
    for passage in passages[:1]:
        body = _text(passage)
        if any(word in body for word in ("原因", "因为", "由于", "主要是")):
            return
        if changed_in_table or (_CHANGE.search(body) and not _STEADY.search(body)):
            yield Finding(
                "REQUIRED-SECTIONS",
                "warning",
                "“三公”经费比上年有增减变化，但说明中没有写明原因",
                "three_public",
                None,
                None,
                passage[0].number,
            )


_SIDE_TOTALS = (
    "income.current_total",
    "expenditure.current_total",
    "income.grand_total",
    "expenditure.grand_total",
)
SUMMARY_TOTALS = {"summary": _SIDE_TOTALS, "fiscal_summary": _SIDE_TOTALS}
_TOTAL_NAMES = {
    "income.current_total": "本年收入合计",
    "expenditure.current_total": "本年支出合计",
    "income.grand_total": "收入总计",
    "expenditure.grand_total": "支出总计",
}


def _single_total(key: str, codes: set[str]) -> bool:
    """A side printing no carry-over line may close with its grand total alone."""
    side = key.split(".")[0]
    carry = "income.carryover" if side == "income" else "expenditure.carry_forward"
    return (
        key == f"{side}.current_total"
        and f"{side}.grand_total" in codes
        and not any(code.startswith(carry) for code in codes)
    )


@rule(
    "TOTAL-ROWS",
    "error",
    "公开完整性",
    "合计行齐全",
    "有数据的分类表应印出合计行；收支总表、财政拨款收支总表应印出本年收入合计、本年支出合计、"
    "收入总计和支出总计。"
    "缺少合计行时无法核对，多半是漏印或被删去。",
    "支出总表有各科目，但没有“合计”行。",
)
def total_rows(document: Document) -> Iterator[Finding]:
    checked = 0
    for table in document.tables:
        if table.is_empty:
            continue
        codes = {row.code for row in table.rows if row.cells}
        if table.kind in TOTALLED:
            checked += 1
            if "total" not in {row.code for row in table.rows}:
                yield Finding(
                    "TOTAL-ROWS",
                    "error",
                    f"{table_name(table.kind)}有数据，但没有合计行",
                    table.kind,
                    "total",
                    None,
                    table.line,
                )
        for key in SUMMARY_TOTALS.get(table.kind, ()):
            checked += 1
            if key == "income.current_total" and table.kind == "fiscal_summary":
                # `一、财政拨款` heads the current year's income where no 本年收入合计 is printed
                codes = codes | ({key} if "income.fiscal" in codes else set())
            if key not in codes and not _single_total(key, codes):
                side = _TOTAL_NAMES[key]
                yield Finding(
                    "TOTAL-ROWS",
                    "error",
                    f"{table_name(table.kind)}没有{side}",
                    table.kind,
                    key,
                    None,
                    table.line,
                )
    if not checked:
        raise NotApplicable("没有需要合计行的表")
