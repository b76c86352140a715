"""Suspicious values: negative amounts, unit slips (元 for 万元), impossible percentages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from cnbudget.model import Document, SourceLine
from cnbudget.prose.text import Prose, join
from cnbudget.tables.assign import half_ulp
from cnbudget.validate.common import cell_line, fmt, memo, table_name
from cnbudget.validate.labels import column
from cnbudget.validate.registry import Finding, NotApplicable, rule
from cnbudget.validate.settings import current
from cnbudget.vocabulary.columns import is_comparison

# columns that may legitimately be negative (none of the canonical money columns may)
_SIGNED_TABLES = frozenset({"narrative"})


@rule(
    "NEGATIVE-AMOUNT",
    "error",
    "可疑数值",
    "金额不能为负",
    "预算表中的金额（收入、支出、各资金来源、“三公”经费、采购、资产）不能为负数。",
    "一般公共预算基本支出表 30201 办公费 -2.50。",
)
def negative_amount(document: Document) -> Iterator[Finding]:
    tables = [t for t in document.tables if t.kind not in _SIGNED_TABLES]
    if not tables:
        raise NotApplicable("没有表格")
    for table in tables:
        for row in table.rows:
            for key, cell in row.cells.items():
                if cell.value is None or cell.value >= 0 or is_comparison(key):
                    continue
                yield Finding(
                    "NEGATIVE-AMOUNT",
                    "error",
                    f"{table_name(table.kind)}「{row.name}」{column(key)} 为负数 {fmt(cell.value)}",
                    table.kind,
                    row.code,
                    key,
                    cell_line(cell, row),
                    {key: cell.value},
                    ((table.kind, row.code, key),),
                )


_AMOUNT = re.compile(r"(?<![\d.])(\d[\d,]*(?:\.\d+)?)(万元|元)")


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _headline_figures(document: Document) -> dict[Decimal, str]:
    """Totals of the tables (万元) that prose is likely to quote, with where they are."""
    figures: dict[Decimal, str] = {}
    for table in document.tables:
        for row in table.rows:
            if not (
                row.code in ("total", "grand_total")
                or row.code.startswith(("income.", "expenditure."))
            ):
                continue
            for key, cell in row.cells.items():
                if cell.value is not None and cell.value >= 1:
                    figures.setdefault(
                        cell.value, f"{table_name(table.kind)}「{row.name}」{column(key)}"
                    )
    return figures


@rule(
    "UNIT-SLIP",
    "warning",
    "可疑数值",
    "金额单位可疑（元/万元）",
    "文字中以“元”写出的金额恰好等于表中以万元计的合计（应为“万元”），或以“万元”写出的金额"
    "等于表中合计的一万倍；表中金额大到不合理（超过设置 implausible_amount，默认 1000 亿元），"
    "多半是把元当作万元。",
    "“2025年收入预算5,735.36元”，收支总表收入总计 5,735.36 万元。",
)
def unit_slip(document: Document) -> Iterator[Finding]:
    settings = current()
    if not document.tables:
        raise NotApplicable("没有表格")
    for table in document.tables:
        for row in table.rows:
            for key, cell in row.cells.items():
                if cell.value is not None and cell.value > settings.implausible_amount:
                    yield Finding(
                        "UNIT-SLIP",
                        "warning",
                        f"{table_name(table.kind)}「{row.name}」{column(key)} "
                        f"{fmt(cell.value)} 万元大得不合理，可能把“元”当作“万元”",
                        table.kind,
                        row.code,
                        key,
                        cell_line(cell, row),
                        {key: cell.value},
                    )
    ratio = settings.unit_ratio
    figures: dict[Decimal, str] | None = None
    for prose in paragraphs(document):
        for match in _AMOUNT.finditer(prose.text):
            value = _decimal(match.group(1))
            if value is None or value < 1:
                continue
            unit = match.group(2)
            quoted = value if unit == "元" else value / ratio
            if figures is None:
                figures = _headline_figures(document)
            hit = figures.get(quoted)
            if hit is None or (unit == "万元" and value == quoted):
                continue
            meant = "万元" if unit == "元" else "元"
            yield Finding(
                "UNIT-SLIP",
                "warning",
                f"文字“{match.group(0)}”的数字与{hit} {fmt(quoted)} 万元相同，"
                f"单位可能应为“{meant}”",
                "narrative",
                None,
                None,
                prose.line_at(match.start()),
                {"prose": value, "table": quoted},
            )


PERCENT_CHANGE = re.compile(
    r"(?P<a>\d[\d,]*(?:\.\d+)?)万元[^。；;%％]{0,40}?(?P<dir>增加|减少)"
    r"(?P<d>\d[\d,]*(?:\.\d+)?)万元[，,]?(?:同比)?(?P<word>增长|下降|降低|减少|上升)"
    r"(?P<p>\d+(?:\.\d+)?)[%％]"
)
_SHARE = re.compile(r"(?:占|占比|比例为?)(?P<p>\d+(?:\.\d+)?)[%％]")
_DROP = re.compile(r"(?:下降|降低|减少)(?P<p>\d+(?:\.\d+)?)[%％]")


def paragraphs(document: Document) -> list[Prose]:
    return memo(document, "paragraphs", lambda d: _joined(d.prose))


def _joined(lines: list[SourceLine]) -> list[Prose]:
    """Prose joined across wrapped lines, one per paragraph (a gap of 2+ lines ends one)."""
    groups: list[list[SourceLine]] = []
    previous = None
    for line in lines:
        if not groups or (previous is not None and line.number > previous + 2):
            groups.append([])
        groups[-1].append(line)
        previous = line.number
    return [prose for prose in map(join, groups) if prose.text]


@rule(
    "PERCENT-RANGE",
    "error",
    "可疑数值",
    "百分比不可能或与金额不符",
    "文字中的占比和降幅不能超过 100%；“比上年增加/减少 X 万元，增长/下降 Y%”中，"
    "Y 应等于 X 除以上年数（本年数减去或加上 X），按印刷精度比较，不符为警告。",
    "“机关运行经费4.5万元，较上年减少0.9万元，下降18.67%”（应为 16.67%）。",
)
def percent_range(document: Document) -> Iterator[Finding]:
    if not document.prose:
        raise NotApplicable("没有文字部分")
    for prose in paragraphs(document):
        for pattern in (_SHARE, _DROP):
            for match in pattern.finditer(prose.text):
                value = Decimal(match.group("p"))
                if value <= 100:
                    continue
                yield Finding(
                    "PERCENT-RANGE",
                    "error",
                    f"文字“{match.group(0)}”：占比或降幅不可能超过 100%",
                    "narrative",
                    None,
                    None,
                    prose.line_at(match.start()),
                    {"percent": value},
                )
        for match in PERCENT_CHANGE.finditer(prose.text):
            yield from _change(match, prose.line_at(match.start()))


def _change(match: re.Match[str], line: int) -> Iterator[Finding]:
    now = _decimal(match.group("a"))
    delta = _decimal(match.group("d"))
    stated = Decimal(match.group("p"))
    if now is None or delta is None or delta == 0:
        return
    up = match.group("dir") == "增加"
    if up != (match.group("word") in ("增长", "上升")):
        yield Finding(
            "PERCENT-RANGE",
            "warning",
            f"文字“{match.group(0)}”：增减方向前后不一致",
            "narrative",
            None,
            None,
            line,
        )
        return
    before = now - delta if up else now + delta
    if before <= 0:
        return
    # the printed figures stand for intervals; the percentage may be rounded either way
    lowest = (abs(delta) - half_ulp(delta)) / (before + half_ulp(now) + half_ulp(delta)) * 100
    highest = (
        (abs(delta) + half_ulp(delta))
        / max(before - half_ulp(now) - half_ulp(delta), Decimal("0.0001"))
        * 100
    )
    if lowest - half_ulp(stated) <= stated <= highest + half_ulp(stated):
        return
    computed = delta / before * 100
    yield Finding(
        "PERCENT-RANGE",
        "warning",
        f"文字“{match.group(0)}”：按金额计算的变动幅度为 {computed:.2f}%，与所写 {stated}% 不符",
        "narrative",
        None,
        None,
        line,
        {"stated": stated, "computed": computed.quantize(Decimal("0.01"))},
    )
