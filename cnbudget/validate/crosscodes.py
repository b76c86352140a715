"""Agreement between tables code by code: general-fund tables inside all-source tables,
basic spending by economic code, the 三公 lines of basic spending, projects, procurement."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cnbudget.model import Document, Row, Table
from cnbudget.tables.assign import half_ulp
from cnbudget.validate.common import TOTALLED, dept_codes, fmt, judge, memo, row_by_code, table_name
from cnbudget.validate.labels import column
from cnbudget.validate.registry import Finding, NotApplicable, rule
from cnbudget.vocabulary.columns import is_comparison


def function_rows(document: Document, kind: str) -> dict[str, Row]:
    """`_function_rows` of a document's table, once per validation run."""
    return memo(document, f"function_rows:{kind}", lambda d: _function_rows(d.table(kind)))


def _function_rows(table: Table | None) -> dict[str, Row]:
    """Function-coded rows (类/款/项) of a table by code; the first row of a code wins."""
    rows: dict[str, Row] = {}
    if table is None:
        return rows
    for row in table.rows:
        if row.code.isdigit() and len(row.code) in (3, 5, 7):
            rows.setdefault(row.code, row)
    return rows


def _value(row: Row | None, key: str) -> Decimal | None:
    if row is None or key not in row.cells:
        return None
    return row.cells[key].value


def _has_amounts(row: Row) -> bool:
    """Money of the budget year in the row (prior-year and change columns aside)."""
    return any(
        cell.value for key, cell in row.cells.items() if cell.value and not is_comparison(key)
    )


def _compare(
    rule_id: str,
    what: str,
    left: tuple[str, Row, str, Decimal],
    right: tuple[str, Row, str, Decimal],
    relation: str = "=",
) -> Iterator[Finding]:
    """left (=|≤) right, as a finding when it fails: (table, row, column, value) each side."""
    l_kind, l_row, l_key, a = left
    r_kind, r_row, r_key, b = right
    if relation == "=" and a == b:
        return
    if relation == "≤" and a <= b:
        return
    severity, word = judge(a - b) if relation == "=" else ("error", "大于")
    message = (
        f"{what}：{table_name(l_kind)}「{l_row.name}」{column(l_key)} {fmt(a)}"
        f" {word} {table_name(r_kind)}{column(r_key)} {fmt(b)}"
    )
    if relation == "=":
        message += f"，相差 {fmt(a - b)}"
    yield Finding(
        rule_id,
        severity,
        message,
        l_kind,
        l_row.code,
        l_key,
        l_row.line,
        {l_kind: a, r_kind: b},
        ((l_kind, l_row.code, l_key), (r_kind, r_row.code, r_key)),
    )


def _totals_equal(a: Table, b: Table, key: str = "total") -> bool:
    ra = row_by_code(a, "total")
    rb = row_by_code(b, "total")
    va, vb = _value(ra, key), _value(rb, key)
    return va is not None and va == vb


@rule(
    "GENERAL-IN-ALL",
    "error",
    "表间勾稽",
    "一般公共预算支出与全部支出逐科目一致",
    "一般公共预算支出表的每个科目不超过支出总表同一科目；全部支出都来自一般公共预算时，"
    "两表每个科目的合计、基本支出、项目支出应相同；收入总表某科目的一般公共预算收入"
    "（含上年结转）应等于一般公共预算支出表该科目的合计。",
    "支出总表 2101501 行政运行 合计 425.41，一般公共预算支出表同一科目 452.41。",
)
def general_in_all(document: Document) -> Iterator[Finding]:
    general_table = document.table("general_expenditure")
    spending_table = document.table("expenditure")
    if general_table is None or spending_table is None:
        raise NotApplicable("缺少一般公共预算支出表或支出总表")
    general = function_rows(document, "general_expenditure")
    spending = function_rows(document, "expenditure")
    if not general or not spending:
        raise NotApplicable("两表没有按功能科目列示的行")
    only_general = _totals_equal(general_table, spending_table)
    keys = [k for k in ("total", "basic", "project") if k in general_table.columns]
    for code, row in general.items():
        other = spending.get(code)
        if other is None:
            continue  # reported by MISSING-ROWS
        for key in keys:
            a, b = _value(row, key), _value(other, key)
            if a is None and b is None:
                continue
            relation = "=" if only_general else "≤"
            if key != "total" and not only_general:
                continue
            yield from _compare(
                "GENERAL-IN-ALL",
                "一般公共预算支出与全部支出",
                ("general_expenditure", row, key, a or Decimal(0)),
                ("expenditure", other, key, b or Decimal(0)),
                relation,
            )
    income_table = document.table("income")
    income = function_rows(document, "income")
    if income_table is None or "fiscal.general" not in income_table.columns:
        return
    for code, row in income.items():
        target = general.get(code)
        current = _value(row, "fiscal.general")
        carried = _value(row, "carryover.general")
        if target is None or (current is None and carried is None):
            continue
        funds = (current or Decimal(0)) + (carried or Decimal(0))
        # 上年结转 printed without its source may be general-budget money too
        upper = funds + (_value(row, "carryover") or Decimal(0))
        spent = _value(target, "total") or Decimal(0)
        if funds <= spent <= upper:
            continue
        nearest = funds if spent < funds else upper
        severity, word = judge(nearest - spent)
        yield Finding(
            "GENERAL-IN-ALL",
            severity,
            f"科目 {code}「{row.name}」收入总表一般公共预算收入 {fmt(nearest)} 与一般公共预算"
            f"支出表合计 {fmt(spent)} {word}，相差 {fmt(nearest - spent)}",
            "income",
            code,
            "fiscal.general",
            row.line,
            {"income": nearest, "general_expenditure": spent},
            (("income", code, "fiscal.general"), ("general_expenditure", code, "total")),
        )


# (table that must be inside, table that must contain it, its column, condition word)
_SUBSETS = (
    ("general_expenditure", "expenditure"),
    ("gov_fund_expenditure", "expenditure"),
    ("soe_expenditure", "expenditure"),
    ("procurement", "expenditure"),
)


@rule(
    "MISSING-ROWS",
    "error",
    "表间勾稽",
    "科目行在应有的表中缺失",
    "一般公共预算、政府性基金、国有资本经营预算支出表和政府采购表中有金额的功能科目，"
    "必须出现在支出总表（和收入总表）中；收入总表中有一般公共预算收入的科目，"
    "必须出现在一般公共预算支出表中（政府性基金、国有资本经营预算同样）；分类表中只有某个类（款）"
    "没有明细行，或明细行缺少其上级行，也会列出。只比较对方表列示到的科目级次。",
    "一般公共预算支出表有 2210201 住房公积金 8.41，支出总表没有这一行。",
)
def missing_rows(document: Document) -> Iterator[Finding]:
    compared = 0
    for inner_kind, outer_kind in _SUBSETS:
        inner = function_rows(document, inner_kind)
        outer = function_rows(document, outer_kind)
        if not inner or not outer:
            continue
        compared += 1
        levels = {len(code) for code in outer}
        for code, row in inner.items():
            if code in outer or len(code) not in levels or not _has_amounts(row):
                continue
            yield _missing(inner_kind, row, outer_kind)
    income_table = document.table("income")
    for source, kind in _SOURCE_TABLES:
        spent = function_rows(document, kind)
        if income_table is None or not spent or source not in income_table.columns:
            continue
        compared += 1
        levels = {len(code) for code in spent}
        for code, row in function_rows(document, "income").items():
            if code in spent or len(code) not in levels or not _value(row, source):
                continue
            yield _missing("income", row, kind)
    codes = dept_codes(document)
    for index, table in enumerate(document.tables):
        yield from _childless(table, codes[index])
        yield from _orphans(table, codes[index])
        yield from _total_only(table)
    if not compared:
        raise NotApplicable("没有两张都按功能科目列示的表")


# income of a source (收入总表 column) → the table of spending from that source
_SOURCE_TABLES = (
    ("fiscal.general", "general_expenditure"),
    ("fiscal.gov_fund", "gov_fund_expenditure"),
    ("fiscal.soe", "soe_expenditure"),
)


def _childless(table: Table, codes: list[str]) -> Iterator[Finding]:
    """A 类 (or 款) with amounts but no rows under it, where its siblings all have some."""
    coded = [(c, r) for c, r in zip(codes, table.rows, strict=True) if c.isdigit()]
    for length in (3, 5):
        parents = [(c, r) for c, r in coded if len(c) == length]
        deeper = {c[:length] for c, _ in coded if len(c) > length}
        if len(parents) < 2 or not deeper:
            continue
        with_kids = sum(1 for c, _ in parents if c in deeper)
        if with_kids < len(parents) - 1 or with_kids < 2:
            continue  # the table does not break every parent down
        for code, row in parents:
            if code in deeper or not _has_amounts(row):
                continue
            level = "类" if length == 3 else "款"
            yield Finding(
                "MISSING-ROWS",
                "error",
                f"{table_name(table.kind)}{level} {row.code}「{row.name}」有金额，"
                f"但其下没有任何明细行（同表其他{level}都列出了明细）",
                table.kind,
                row.code,
                "total",
                row.line,
                {},
                ((table.kind, row.code, "total"),),
            )


def _total_only(table: Table) -> Iterator[Finding]:
    """A 合计 with amounts in a table that lists no row under it."""
    if table.kind not in TOTALLED:
        return
    total = row_by_code(table, "total")
    if total is None or not _has_amounts(total) or not total.name:
        return  # (an unlabeled single line of numbers is the whole table)
    if not any(word in total.name for word in ("合计", "总计")):
        return  # a table by budget unit whose one row is the department itself
    if any(_has_amounts(r) for r in table.rows if r.code != "total"):
        return
    yield Finding(
        "MISSING-ROWS",
        "error",
        f"{table_name(table.kind)}合计有金额，但表中没有任何明细行（表格残缺或无法识别）",
        table.kind,
        "total",
        "total",
        total.line,
        {},
        ((table.kind, "total", "total"),),
    )


def _orphans(table: Table, printed: list[str]) -> Iterator[Finding]:
    """款 (项) rows whose 类 (款) row is missing, in a table that prints rows of that level."""
    codes = set(printed)
    lengths = {len(c) for c in codes if c.isdigit()}
    reported: set[str] = set()
    for code, row in zip(printed, table.rows, strict=True):
        if len(code) not in (5, 7) or not code.isdigit():
            continue
        parent = code[:3] if len(code) == 5 else code[:5]
        if parent in codes or len(parent) not in lengths or parent in reported:
            continue
        reported.add(parent)
        level = "类" if len(parent) == 3 else "款"
        yield Finding(
            "MISSING-ROWS",
            "error",
            f"{table_name(table.kind)}「{row.name}」（{code}）的上级{level} {parent} 没有印出"
            f"（同表其他{level}都有自己的行）",
            table.kind,
            parent,
            "total",
            row.line,
            {},
            ((table.kind, row.code, "total"),),
        )


def _missing(kind: str, row: Row, where: str) -> Finding:
    amount = next(
        (c.value for c in row.cells.values() if c.value is not None and c.value != 0),
        Decimal(0),
    )
    return Finding(
        "MISSING-ROWS",
        "error",
        f"科目 {row.code}「{row.name}」在{table_name(kind)}中为 {fmt(amount)}，"
        f"但{table_name(where)}中没有这一行",
        where,
        row.code,
        "total",
        row.line,
        {kind: amount},
        ((kind, row.code, "total"),),
    )


def _economic_rows(table: Table | None) -> dict[str, Row]:
    """Economic-coded rows by department code (the first of each code)."""
    rows: dict[str, Row] = {}
    if table is None:
        return rows
    for row in table.rows:
        dept = row.code.split("/")[0]
        if dept.isdigit() and len(dept) in (3, 5):
            rows.setdefault(row.code, row)
    return rows


@rule(
    "BASIC-BY-ECONOMIC",
    "error",
    "表间勾稽",
    "基本支出逐经济科目一致",
    "一般公共预算基本支出表的每个经济分类科目，应等于基本支出表（全部资金来源）同一科目的"
    "一般公共预算列；没有该列时不得超过其合计。支出经济分类汇总表的一般公共预算列不小于"
    "一般公共预算基本支出表同一科目。一般公共预算基本支出表有、基本支出表没有的科目也会列出。",
    "一般公共预算基本支出表 30113 住房公积金 8.41，基本支出表一般公共预算 8.14。",
)
def basic_by_economic(document: Document) -> Iterator[Finding]:
    general = _economic_rows(document.table("general_basic"))
    if not general:
        raise NotApplicable("没有按经济分类列示的一般公共预算基本支出表")
    compared = 0
    for kind in ("basic", "economic_summary"):
        table = document.table(kind)
        other = _economic_rows(table)
        if table is None or not other:
            continue
        compared += 1
        key = "fiscal.general" if "fiscal.general" in table.columns else "total"
        exact = kind == "basic" and key == "fiscal.general"
        # compare at the levels both tables print (a 基本支出表 may list classes only)
        levels = {len(code.split("/")[0]) for code in other} & {
            len(code.split("/")[0]) for code in general
        }
        if exact:
            for code, row in other.items():
                if len(code.split("/")[0]) not in levels:
                    continue
                if code not in general and _value(row, "fiscal.general"):
                    yield _missing_economic(row, "general_basic", kind)
        for code, row in general.items():
            if len(code.split("/")[0]) not in levels:
                continue
            target = other.get(code)
            mine = _value(row, "total")
            if mine is None:
                continue
            if target is None:
                if kind == "basic" and mine:
                    yield _missing_economic(row, kind, "general_basic")
                continue
            theirs = _value(target, key) or Decimal(0)
            yield from _compare(
                "BASIC-BY-ECONOMIC",
                "基本支出按经济分类",
                ("general_basic", row, "total", mine),
                (kind, target, key, theirs),
                "=" if exact else "≤",
            )
    if not compared:
        raise NotApplicable("没有基本支出表或支出经济分类汇总表可对照")


def _missing_economic(row: Row, where: str, found_in: str) -> Finding:
    key = "total" if found_in == "general_basic" else "fiscal.general"
    value = _value(row, key) or Decimal(0)
    return Finding(
        "BASIC-BY-ECONOMIC",
        "error",
        f"经济科目 {row.code}「{row.name}」在{table_name(found_in)}中"
        f"{'' if key == 'total' else '一般公共预算'}为 {fmt(value)}，"
        f"但{table_name(where)}中没有这一行",
        where,
        row.code,
        "total",
        row.line,
        {found_in: value},
        ((found_in, row.code, key),),
    )


# economic code of basic spending → 三公 table row
THREE_PUBLIC_LINES = {
    "30212": "overseas",
    "30217": "reception",
    "30231": "vehicles.operation",
    "31013": "vehicles.purchase",
}
_THREE_PUBLIC_NAMES = {
    "overseas": "因公出国（境）费",
    "reception": "公务接待费",
    "vehicles.operation": "公务用车运行维护费",
    "vehicles.purchase": "公务用车购置费",
}
# a basic-spending row is that 三公 item only when its printed name says so (a document
# printing 30212 for 退休人员活动费 has a wrong code, which CODE-NAME reports)
_THREE_PUBLIC_WORDS = {
    "overseas": ("出国", "出境"),
    "reception": ("接待",),
    "vehicles.operation": ("车",),
    "vehicles.purchase": ("车", "交通工具"),
}


@rule(
    "THREE-PUBLIC-BASIC",
    "error",
    "表间勾稽",
    "“三公”经费表与基本支出经济科目",
    "一般公共预算基本支出表中的因公出国（境）费用（30212）、公务接待费（30217）、"
    "公务用车运行维护费（30231）、公务用车购置（31013）是“三公”经费的一部分，"
    "不得大于“三公”经费表对应项目（“三公”经费还可能含项目支出安排的部分）。",
    "基本支出表公务接待费 0.60，“三公”经费表公务接待费 0.00。",
)
def three_public_basic(document: Document) -> Iterator[Finding]:
    basic = document.table("general_basic")
    three = document.table("three_public")
    if basic is None or three is None:
        raise NotApplicable("缺少一般公共预算基本支出表或“三公”经费表")
    rows = {row.code: row for row in three.rows}
    # the money spent: 决算数 in a 决算, else the budget year's amount (or its 一般公共预算 part)
    key = next(
        (k for k in ("final", "amount", "fiscal.general") if any(k in r.cells for r in three.rows)),
        "amount",
    )
    for code, item in THREE_PUBLIC_LINES.items():
        lines = [
            r
            for r in basic.rows
            if r.code.split("/")[0] == code
            and (not r.name.strip() or any(w in r.name for w in _THREE_PUBLIC_WORDS[item]))
        ]
        spent = sum((_value(r, "total") or Decimal(0) for r in lines), Decimal(0))
        if not lines or not spent:
            continue
        target = rows.get(item)
        budget = _value(target, key) if target is not None else None
        # printed in 元 in one table and 万元 in the other: within the rounding of both
        if budget is not None and spent - budget < half_ulp(spent) + half_ulp(budget):
            continue
        shown = budget if budget is not None else Decimal(0)
        yield Finding(
            "THREE-PUBLIC-BASIC",
            "error",
            f"一般公共预算基本支出表「{lines[0].name}」{fmt(spent)} 大于“三公”经费表"
            f"{_THREE_PUBLIC_NAMES[item]} {fmt(shown)}",
            "three_public",
            item,
            key,
            target.line if target is not None else three.line,
            {"general_basic": spent, "three_public": shown},
            (("general_basic", lines[0].code, "total"), ("three_public", item, key)),
        )


@rule(
    "PROJECTS-SUM",
    "error",
    "表内勾稽",
    "项目支出表合计 = 各项目之和",
    "项目支出表的合计行（每一列）等于各项目之和；按单位列示时，每个末级单位等于其下各项目之和。",
    "项目支出表合计 5,569.00，各项目之和 5,559.00。",
)
def projects_sum(document: Document) -> Iterator[Finding]:
    table = document.table("projects")
    if table is None or table.is_empty:
        raise NotApplicable("没有项目支出表或项目支出表为空")
    total = row_by_code(table, "total")
    groups: list[tuple[Row, list[Row]]] = []
    units: list[tuple[Row, list[Row]]] = []
    projects = [r for r in table.rows if r.code.startswith("project:")]
    if total is not None and projects:
        groups.append((total, projects))
    for row in table.rows:
        if row.code.startswith("unit:"):
            units.append((row, []))
        elif row.code.startswith("project:") and units:
            units[-1][1].append(row)
    groups.extend((unit, kids) for unit, kids in units if kids)
    for parent, kids in groups:
        for key in table.columns:
            own = _value(parent, key)
            values = [v for v in (_value(k, key) for k in kids) if v is not None]
            if own is None and not values:
                continue
            mine = own or Decimal(0)
            added = sum(values, Decimal(0))
            if mine == added:
                continue
            severity, word = judge(mine - added, len(values))
            yield Finding(
                "PROJECTS-SUM",
                severity,
                f"「{parent.name or '合计'}」{column(key)} {fmt(mine)} 与其下 {len(kids)} "
                f"个项目之和 {fmt(added)} {word}，相差 {fmt(mine - added)}",
                "projects",
                parent.code,
                key,
                parent.line,
                {"parent": mine, "sum": added},
                tuple(("projects", r.code, key) for r in [parent, *kids]),
            )


@rule(
    "PROCUREMENT-TOTAL",
    "error",
    "表间勾稽",
    "政府采购预算不超过支出",
    "政府采购预算表的合计不大于支出总表的合计；按功能科目列示时，每个科目的采购预算"
    "不大于支出总表同一科目。",
    "政府采购表合计 387.40，支出总表合计 300.00。",
)
def procurement_total(document: Document) -> Iterator[Finding]:
    procurement = document.table("procurement")
    spending = document.table("expenditure")
    if procurement is None or spending is None:
        raise NotApplicable("缺少政府采购表或支出总表")
    if procurement.is_empty:
        raise NotApplicable("政府采购表为空")
    outer = {r.code: r for r in spending.rows}
    for row in procurement.rows:
        target = outer.get(row.code)
        if target is None or not (row.code == "total" or row.code.isdigit()):
            continue
        bought = _value(row, "total")
        spent = _value(target, "total")
        if bought is None or spent is None:
            continue
        yield from _compare(
            "PROCUREMENT-TOTAL",
            "政府采购预算",
            ("procurement", row, "total", bought),
            ("expenditure", target, "total", spent),
            "≤",
        )
