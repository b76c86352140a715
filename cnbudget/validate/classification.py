"""Classification codes against the official catalogue: existence, names, hierarchy."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cnbudget.model import Document, Row, Table
from cnbudget.reference.catalog import (
    Catalog,
    economics,
    functions,
    loose_key,
    name_key,
    name_span,
    names_in_year,
)
from cnbudget.validate.common import memo, table_name
from cnbudget.validate.registry import Finding, NotApplicable, rule

# tables whose function rows are named by the parser from a fixed list of classes
_NAMED_BY_CLASS = frozenset({"summary", "fiscal_summary"})
# tables whose rows carry economic codes (部门/政府预算支出经济分类)
ECONOMIC_TABLES = frozenset(
    {"general_basic", "general_project", "basic", "economic_summary", "operating_costs"}
)


def _function_code(table: Table, row: Row) -> str | None:
    code = row.code
    if table.kind in ECONOMIC_TABLES:
        return None
    return code if code.isdigit() and len(code) in (3, 5, 7) else None


def _economic_codes(row: Row) -> list[tuple[str, str]]:
    """(code, printed name) for the department and government parts of an economic row."""
    dept, _, gov = row.code.partition("/")
    if not (dept.isdigit() and dept[:1] == "3" and len(dept) in (3, 5)):
        return []
    names = row.name.split("/") if "/" in row.name else [row.name, ""]
    pairs = [(dept, names[0])]
    if gov.isdigit() and len(gov) in (3, 5):
        pairs.append((gov, names[1] if len(names) > 1 else ""))
    return pairs


Coded = tuple[Table, Row, str, str, Catalog]


def _coded(document: Document) -> list[Coded]:
    """Every classified code of every table: (table, row, code, printed name, catalogue)."""
    return memo(document, "classified", _classified)


def _classified(document: Document) -> list[Coded]:
    result: list[Coded] = []
    function_catalog, economic_catalog = functions(), economics()
    for table in document.tables:
        for row in table.rows:
            code = _function_code(table, row)
            if code is not None:
                result.append((table, row, code, row.name, function_catalog))
                continue
            for part, name in _economic_codes(row):
                result.append((table, row, part, name, economic_catalog))
    return result


@rule(
    "CODE-UNKNOWN",
    "warning",
    "科目分类",
    "科目编码不存在",
    "功能分类（类/款/项）和经济分类（部门/政府）编码应在《2025年政府收支分类科目》中存在。"
    "只判断参考目录完整收录的分支（cnbudget/reference/README.md 说明覆盖范围），"
    "其余编码列为提示，不作判断。",
    "支出总表 2101509「医疗保障其他事务」：21015 下没有 09 项。",
)
def code_unknown(document: Document) -> Iterator[Finding]:
    seen: set[str] = set()
    unjudged: dict[str, Row] = {}
    any_code = False
    for table, row, code, _name, catalog in _coded(document):
        any_code = True
        if code in seen:
            continue
        seen.add(code)
        if catalog.get(code) is not None:
            continue
        if not catalog.covers(code):
            unjudged.setdefault(code, row)
            continue
        parent = catalog.get(code[:-2])
        under = f"{parent.code}「{parent.name}」下" if parent else "目录中"
        yield Finding(
            "CODE-UNKNOWN",
            "warning",
            f"{table_name(table.kind)}「{row.name}」的编码 {code} 在{catalog.name}"
            f"（{catalog.year}年）{under}不存在",
            table.kind,
            row.code,
            None,
            row.line,
        )
    if not any_code:
        raise NotApplicable("没有带分类编码的行")
    if unjudged:
        codes = sorted(unjudged)
        shown = "、".join(codes[:10]) + ("等" if len(codes) > 10 else "")
        first = unjudged[codes[0]]
        yield Finding(
            "CODE-UNKNOWN",
            "info",
            f"{len(codes)} 个编码（{shown}）所在分支参考目录未完整收录，未判断是否存在",
            None,
            codes[0],
            None,
            first.line,
            {"codes": Decimal(len(codes))},
        )


@rule(
    "CODE-NAME",
    "warning",
    "科目分类",
    "科目名称与编码一致",
    "印出的科目名称应与该编码的规范名称相同（忽略序号、空格、括号和末尾的“支出”）。"
    "类名称按文件年度的科目判断（如 210 在 2014–2018 年为“医疗卫生与计划生育支出”，"
    "2019 年起为“卫生健康支出”，见 cnbudget/reference/function-names.txt）：当年的名称不报，"
    "其他年度的名称、或仅“的/和/及/与/等”写法不同的，列为提示。",
    "收支总表“十二、城乡社区事务”（212 的旧名称，2025 年为“城乡社区支出”）：提示。",
)
def code_name(document: Document) -> Iterator[Finding]:
    reported: set[tuple[str, str]] = set()
    checked = 0
    for table, row, code, printed, catalog in _coded(document):
        entry = catalog.get(code)
        if entry is None or not printed:
            continue
        checked += 1
        key = name_key(printed)
        if key == "":
            continue
        year = document.metadata.year
        span = name_span(code, printed) if catalog is functions() and year else None
        if span is not None and year is not None:
            # a name the class history lists: right in its years, an info in others
            if span.covers(year) or (code, key) in reported:
                continue
            reported.add((code, key))
            if span.first is None:
                used = f"{span.last}年及以前"
            elif span.last is None:
                used = f"{span.first}年起"
            else:
                used = f"{span.first}–{span.last}年"
            yield Finding(
                "CODE-NAME",
                "info",
                f"「{printed}」是编码 {code} {used}使用的名称，"
                f"{year}年的名称为「{'、'.join(names_in_year(code, year)) or entry.name}」",
                table.kind,
                row.code,
                None,
                row.line,
            )
            continue
        if key == name_key(entry.name) or (code, key) in reported:
            continue
        reported.add((code, key))
        if key in {name_key(n) for n in entry.former}:
            severity, message = (
                "info",
                f"「{printed}」是编码 {code} 的旧名称，{catalog.year}年规范名称为「{entry.name}」",
            )
        elif loose_key(printed) in {loose_key(n) for n in (entry.name, *entry.former)}:
            severity, message = (
                "info",
                f"「{printed}」与编码 {code} 的规范名称「{entry.name}」写法略有不同",
            )
        else:
            severity, message = (
                "warning",
                f"{table_name(table.kind)}编码 {code} 印为「{printed}」，"
                f"规范名称为「{entry.name}」",
            )
        yield Finding(
            "CODE-NAME",
            severity,  # type: ignore[arg-type]
            message,
            table.kind,
            row.code,
            None,
            row.line,
        )
    if not checked:
        raise NotApplicable("没有参考目录收录的编码")


@rule(
    "CODE-HIERARCHY",
    "error",
    "科目分类",
    "科目层级：款在其类下，项在其款下",
    "按功能分类列示的表中，每个款（项）应印在编码前缀所指的类（款）之下；"
    "经济分类中，政府预算经济分类的类应与部门预算经济分类的类相对应（如 301 对 501/505）。",
    "支出总表 21015「医疗保障管理事务」印在类 208 之下。",
)
def code_hierarchy(document: Document) -> Iterator[Finding]:
    checked = 0
    mapping = economics().mapping
    for table in document.tables:
        if table.kind in _NAMED_BY_CLASS:
            continue
        economic = table.kind in ECONOMIC_TABLES
        codes = {r.code for r in table.rows}
        open_by_length: dict[int, Row] = {}
        for row in table.rows:
            code = row.code
            if economic or not code.isdigit() or len(code) not in (3, 5, 7):
                if not code.isdigit():
                    open_by_length.clear()  # a unit or total row starts a new block
                if "/" in code:
                    yield from _economic_pair(table, row, mapping)
                continue
            checked += 1
            open_by_length[len(code)] = row
            for longer in [n for n in open_by_length if n > len(code)]:
                del open_by_length[longer]
            if len(code) == 3:
                continue
            parent_code = code[:3] if len(code) == 5 else code[:5]
            above = open_by_length.get(len(parent_code))
            if above is None or above.code == parent_code or parent_code not in codes:
                continue
            level = "款" if len(code) == 5 else "项"
            upper = "类" if len(code) == 5 else "款"
            yield Finding(
                "CODE-HIERARCHY",
                "error",
                f"{table_name(table.kind)}{level} {code}「{row.name}」印在{upper} {above.code}"
                f"「{above.name}」之下，应属于{upper} {parent_code}",
                table.kind,
                row.code,
                None,
                row.line,
            )
    if not checked:
        raise NotApplicable("没有按功能分类列示的表")


def _economic_pair(table: Table, row: Row, mapping: dict[str, frozenset[str]]) -> Iterator[Finding]:
    dept, _, gov = row.code.partition("/")
    if not (dept.isdigit() and gov.isdigit()):
        return
    allowed = mapping.get(dept[:3])
    if allowed is None or gov[:3] in allowed:
        return
    expected = "/".join(sorted(allowed))
    problem = f"部门经济分类 {dept[:3]} 不对应政府经济分类 {gov[:3]}（应为 {expected}）"
    yield Finding(
        "CODE-HIERARCHY",
        "error",
        f"{table_name(table.kind)}「{row.name}」：{problem}",
        table.kind,
        row.code,
        None,
        row.line,
    )
