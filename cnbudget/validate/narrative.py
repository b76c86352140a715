"""Prose against tables: figures stated in the 情况说明 must match the tables they describe.

The narrative is a Table of kind `narrative` with one row `narrative` whose cells are
keyed by the spec's narrative keys (docs/canonical-facts.md, "Narrative facts"). A prose
figure is compared at its printed precision: `0.6万元` stands for 0.55–0.65.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from decimal import Decimal

from cnbudget.model import Cell, Document, Row, Table
from cnbudget.tables.assign import half_ulp
from cnbudget.validate.common import amount, cell_line, fmt, row_by_code, table_name
from cnbudget.validate.labels import column
from cnbudget.validate.registry import Finding, NotApplicable, rule
from cnbudget.validate.scope import other_scope
from cnbudget.validate.settings import current

NAMES = {
    "income_total": "收入预算总额",
    "expenditure_total": "支出预算总额",
    "basic": "基本支出",
    "project": "项目支出",
    "general": "一般公共预算收入",
    "gov_fund": "政府性基金预算收入",
    "carryover": "上年结转",
    "three_public_total": "“三公”经费",
    "three_public.overseas": "因公出国（境）费",
    "three_public.vehicles": "公务用车购置及运行费",
    "three_public.vehicles.purchase": "公务用车购置费",
    "three_public.vehicles.operation": "公务用车运行维护费",
    "three_public.reception": "公务接待费",
    "operating_costs": "机关运行经费",
    "procurement_total": "政府采购预算",
    "procurement.goods": "政府采购货物预算",
    "procurement.works": "政府采购工程预算",
    "procurement.services": "政府采购服务预算",
    "performance_projects": "绩效目标管理项目数",
    "performance_funds": "绩效目标管理资金",
}

Target = tuple[str, str, str]  # (table, row code, column)


def narrative(document: Document) -> tuple[Table, Row]:
    """The narrative table and its row; NotApplicable when the prose was not parsed."""
    table = document.table("narrative")
    if table is None:
        raise NotApplicable("没有解析出文字说明中的数字（narrative）")
    row = row_by_code(table, "narrative")
    if row is None or not row.cells:
        raise NotApplicable("文字说明中没有可核对的数字")
    return table, row


def stated_cell(row: Row, key: str) -> Cell | None:
    """The prose figure stated under `key`, or None when the prose does not state it."""
    cell = row.cells.get(key)
    return cell if cell is not None and cell.value is not None else None


def precision(value: Decimal) -> Decimal:
    """Half the last printed digit of a prose figure; a stated zero (“0万元”) is exact."""
    return Decimal(0) if value == 0 else half_ulp(value)


def agrees(stated: Decimal, printed: Decimal) -> bool:
    """A prose figure agrees with a table figure when their rounding intervals overlap."""
    slack = precision(stated) + precision(printed) + current().narrative_slack
    return abs(stated - printed) <= slack


def _lookup(document: Document, targets: Sequence[Target]) -> list[tuple[Target, Decimal, int]]:
    found = []
    for where in targets:
        hit = amount(document.table(where[0]), where[1], where[2])
        if hit is not None:
            found.append((where, hit[0], hit[1].line))
    return found


def _against(
    rule_id: str,
    document: Document,
    row: Row,
    key: str,
    targets: Sequence[Target],
    missing_is_zero: bool = False,
) -> Iterator[Finding]:
    """One prose figure against the first table that prints it (any of `targets` agreeing)."""
    cell = stated_cell(row, key)
    if cell is None:
        return
    assert cell.value is not None
    found = _lookup(document, targets)
    if not found:
        # a table without the row or the column at all (支出总表 printing 人员/公用 but no
        # 基本支出 column) says nothing about the figure; a printed empty cell is zero
        present = [
            t
            for t in targets
            if (table := document.table(t[0])) is not None
            and any(r.code == t[1] for r in table.rows)
            and (not table.columns or t[2] in table.columns)
        ]
        if not (missing_is_zero and present) or agrees(cell.value, Decimal(0)):
            return
        found = [(present[0], Decimal(0), document.table(present[0][0]).line)]  # type: ignore[union-attr]
    if any(agrees(cell.value, value) for _, value, _ in found):
        return
    where, value, _line = found[0]
    gap = cell.value - value
    # a figure of one project, or of the department's own office, is no department total
    scope = other_scope(document, cell, row)
    yield Finding(
        rule_id,
        "error" if scope is None else "info",
        f"文字说明中{NAMES.get(key, key)} {fmt(cell.value)} 万元（原文“{cell.text}”）与"
        f"{table_name(where[0])}{column(where[2]) if where[2] not in ('amount', 'total') else ''}"
        f" {fmt(value)} "
        + (f"不一致，相差 {fmt(gap)}" if scope is None else f"不同（{scope}，不作比较）"),
        "narrative",
        "narrative",
        key,
        cell_line(cell, row),
        {"narrative": cell.value, where[0]: value},
        (("narrative", "narrative", key), where),
    )


def _internal_sum(
    rule_id: str, row: Row, total_key: str, part_keys: Sequence[str]
) -> Iterator[Finding]:
    """A prose total against the prose parts it lists (only when every part is stated)."""
    total = stated_cell(row, total_key)
    parts = [stated_cell(row, k) for k in part_keys]
    if total is None or any(p is None for p in parts):
        return
    assert total.value is not None
    values = [p.value for p in parts if p is not None and p.value is not None]
    added = sum(values, Decimal(0))
    slack = precision(total.value) + sum((precision(v) for v in values), Decimal(0))
    if abs(total.value - added) <= slack + current().narrative_slack:
        return
    names = " + ".join(NAMES[k] for k in part_keys)
    yield Finding(
        rule_id,
        "error",
        f"文字说明中{NAMES[total_key]} {fmt(total.value)} 与 {names} 之和 {fmt(added)} 不一致，"
        f"相差 {fmt(total.value - added)}",
        "narrative",
        "narrative",
        total_key,
        cell_line(total, row),
        {"total": total.value, "sum": added},
        tuple(("narrative", "narrative", k) for k in (total_key, *part_keys)),
    )


@rule(
    "NARRATIVE-TOTALS",
    "error",
    "文字与表格",
    "文字说明的收支总额与表格一致",
    "情况说明中的收入预算、支出预算总额，基本支出、项目支出，一般公共预算、政府性基金预算收入"
    "和上年结转，应与收支总表、支出总表的对应数字相同（按文字的印刷精度比较）。",
    "文字“支出预算5,735.36万元，其中：基本支出166.36万元”，支出总表基本支出 163.36。",
)
def narrative_totals(document: Document) -> Iterator[Finding]:
    _, row = narrative(document)
    checks: dict[str, tuple[Target, ...]] = {
        "income_total": (
            ("summary", "income.grand_total", "amount"),
            ("summary", "income.current_total", "amount"),
            ("income", "total", "total"),
        ),
        "expenditure_total": (
            ("summary", "expenditure.grand_total", "amount"),
            ("summary", "expenditure.current_total", "amount"),
            ("expenditure", "total", "total"),
        ),
        "basic": (("expenditure", "total", "basic"), ("summary", "expenditure.basic", "amount")),
        "project": (
            ("expenditure", "total", "project"),
            ("summary", "expenditure.project", "amount"),
        ),
        "general": (
            ("summary", "income.general", "amount"),
            ("fiscal_summary", "income.general", "amount"),
        ),
        "gov_fund": (
            ("summary", "income.gov_fund", "amount"),
            ("fiscal_summary", "income.gov_fund", "amount"),
        ),
        "carryover": (
            ("summary", "income.carryover", "amount"),
            ("fiscal_summary", "income.carryover", "amount"),
        ),
    }
    for key, targets in checks.items():
        yield from _against("NARRATIVE-TOTALS", document, row, key, targets, key != "income_total")


@rule(
    "NARRATIVE-THREE-PUBLIC",
    "error",
    "文字与表格",
    "文字说明的“三公”经费与表格一致",
    "情况说明中的“三公”经费总额及因公出国（境）费、公务用车购置及运行费（购置费、运行维护费）、"
    "公务接待费，应与“三公”经费表本年数相同，且各项之和等于总额。",
    "文字“公务接待费0.60万元”，“三公”经费表公务接待费 0.33。",
)
def narrative_three_public(document: Document) -> Iterator[Finding]:
    _, row = narrative(document)
    if document.table("three_public") is None:
        raise NotApplicable("没有“三公”经费表")
    for key, item in (
        ("three_public_total", "total"),
        ("three_public.overseas", "overseas"),
        ("three_public.vehicles", "vehicles"),
        ("three_public.vehicles.purchase", "vehicles.purchase"),
        ("three_public.vehicles.operation", "vehicles.operation"),
        ("three_public.reception", "reception"),
    ):
        yield from _against(
            "NARRATIVE-THREE-PUBLIC",
            document,
            row,
            key,
            (("three_public", item, "amount"), ("three_public", item, "fiscal.general")),
            missing_is_zero=True,
        )
    yield from _internal_sum(
        "NARRATIVE-THREE-PUBLIC",
        row,
        "three_public_total",
        ("three_public.overseas", "three_public.vehicles", "three_public.reception"),
    )
    yield from _internal_sum(
        "NARRATIVE-THREE-PUBLIC",
        row,
        "three_public.vehicles",
        ("three_public.vehicles.purchase", "three_public.vehicles.operation"),
    )


@rule(
    "NARRATIVE-PROCUREMENT",
    "error",
    "文字与表格",
    "政府采购：货物 + 工程 + 服务 = 总额，且与采购表一致",
    "情况说明中的政府采购预算总额应等于货物、工程、服务之和，并与政府采购预算表合计相同；"
    "采购表为空表而文字说明有采购预算时也会列出。",
    "文字“政府采购预算31万元，其中：货物1.67万元，工程0万元，服务29.03万元”。",
)
def narrative_procurement(document: Document) -> Iterator[Finding]:
    _, row = narrative(document)
    if stated_cell(row, "procurement_total") is None:
        raise NotApplicable("文字说明中没有政府采购预算")
    yield from _internal_sum(
        "NARRATIVE-PROCUREMENT",
        row,
        "procurement_total",
        ("procurement.goods", "procurement.works", "procurement.services"),
    )
    yield from _against(
        "NARRATIVE-PROCUREMENT",
        document,
        row,
        "procurement_total",
        (("procurement", "total", "total"),),
        missing_is_zero=True,
    )


@rule(
    "NARRATIVE-OPERATING-COSTS",
    "warning",
    "文字与表格",
    "机关运行经费与表格一致",
    "情况说明中的机关运行经费应与机关运行经费表合计（或“三公”经费表的行政经费行）相同（不同为错误）；"
    "没有时与一般公共预算"
    "基本支出表的公用经费合计对照，口径可能不同，不一致只作提示。",
    "文字“机关运行经费安排16.2万元”，一般公共预算基本支出表公用经费 39.51（提示）。",
)
def narrative_operating_costs(document: Document) -> Iterator[Finding]:
    _, row = narrative(document)
    cell = stated_cell(row, "operating_costs")
    if cell is None:
        raise NotApplicable("文字说明中没有机关运行经费")
    assert cell.value is not None
    printed = (
        ("operating_costs", "total", "total"),
        ("three_public", "operating_costs", "amount"),  # 行政经费 row of a 三公 table
    )
    for target in printed:
        if amount(document.table(target[0]), target[1], target[2]) is not None:
            yield from _against(
                "NARRATIVE-OPERATING-COSTS", document, row, "operating_costs", (target,)
            )
            return
    public = amount(document.table("general_basic"), "total", "basic.public")
    if public is None:
        raise NotApplicable("没有机关运行经费表，一般公共预算基本支出表也没有公用经费合计")
    if agrees(cell.value, public[0]):
        return
    yield Finding(
        "NARRATIVE-OPERATING-COSTS",
        "info",
        f"文字说明中机关运行经费 {fmt(cell.value)} 与一般公共预算基本支出表公用经费合计 "
        f"{fmt(public[0])} 不同（机关运行经费口径可能不同，请核对说明）",
        "narrative",
        "narrative",
        "operating_costs",
        cell_line(cell, row),
        {"narrative": cell.value, "general_basic": public[0]},
        (("narrative", "narrative", "operating_costs"), ("general_basic", "total", "basic.public")),
    )


@rule(
    "NARRATIVE-PERFORMANCE",
    "warning",
    "文字与表格",
    "绩效目标管理的项目数和资金与项目支出表一致",
    "情况说明中实施绩效目标管理的项目个数和资金，与项目支出表的项目数、合计对照"
    "（项目全面实施绩效目标管理时应相同）。",
    "文字“涉及预算项目支出8个，预算资金18747.37万元”，项目支出表列出 7 个项目。",
)
def narrative_performance(document: Document) -> Iterator[Finding]:
    _, row = narrative(document)
    projects = document.table("projects")
    if projects is None or projects.is_empty:
        raise NotApplicable("没有项目支出表")
    count = stated_cell(row, "performance_projects")
    funds = stated_cell(row, "performance_funds")
    if count is None and funds is None:
        raise NotApplicable("文字说明中没有绩效目标管理的项目数或资金")
    listed = [r for r in projects.rows if r.code.startswith("project:")]
    if count is not None and count.value is not None and count.value != len(listed):
        yield Finding(
            "NARRATIVE-PERFORMANCE",
            "warning",
            f"文字说明称 {count.value} 个项目实施绩效目标管理，项目支出表列出 {len(listed)} 个项目",
            "narrative",
            "narrative",
            "performance_projects",
            cell_line(count, row),
            {"narrative": count.value, "projects": Decimal(len(listed))},
            (("narrative", "narrative", "performance_projects"),),
        )
    if funds is not None:
        yield from (
            replace(f, severity="warning")
            for f in _against(
                "NARRATIVE-PERFORMANCE",
                document,
                row,
                "performance_funds",
                (("projects", "total", "total"),),
            )
        )
