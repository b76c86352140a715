"""Table kinds from content, for tables whose title the vocabulary does not know (or that
have none): the header's column labels and the kind of row codes decide.

- items of the “三公” table as columns → `three_public`;
- two-sided rows (an income name and an expenditure name on one line) → `summary`, or
  `fiscal_summary` when no income other than fiscal money is named;
- economic codes (301, 30201 …) with 人员经费/公用经费 columns → `general_basic` (a
  一般公共预算 scope named in the title or header) or `basic`; with 基本支出/项目支出
  columns → `economic_summary`;
- funding-source columns (rows by function, by unit or one line of numbers) → `income`;
- function codes (201, 20101 …) with
  基本支出/项目支出 columns → `expenditure`, or the 一般公共预算 / 政府性基金 /
  国有资本经营 table when the title or header names exactly one of these scopes.

Nothing else is guessed (codes of both kinds, or a title saying 经济分类 over function
codes, decide nothing): a titled table with amounts that fits none of these is reported;
one without amounts, or an untitled run of rows, goes back to the prose it was found in.
"""

from __future__ import annotations

import re

from cnbudget.layout.header import tokenize
from cnbudget.layout.sections import UNKNOWN, Block, Layout
from cnbudget.layout.tokens import is_amount
from cnbudget.model import Notice, SourceLine
from cnbudget.tables.common import split_block
from cnbudget.vocabulary.columns import GROUPS
from cnbudget.vocabulary.normalize import compact, normalize
from cnbudget.vocabulary.summary_rows import SummaryContext, classify
from cnbudget.vocabulary.tables import table_name

_THREE_PUBLIC = frozenset({"TP_TOTAL", "OVERSEAS", "VEHICLES", "V_PURCHASE", "V_OPERATION"})
# funding-source columns: what 本年收入 holds, plus carry-over and balances
_SOURCES = (GROUPS["CURRENT"] - {"SUBTOTAL"}) | {
    "CURRENT",
    "CARRYOVER",
    "APPROPRIATION",
    "NON_FISCAL",
}
_SPENDING = frozenset({"BASIC", "PROJECT", "PROJECT_OPERATING", "PROJECT_SPECIFIC"})
_BASIC_SPLIT = frozenset({"PERSONNEL", "PUBLIC", "WAGES", "HOUSEHOLDS"})
_SCOPES = (
    ("一般公共预算", "general_expenditure"),
    ("政府性基金", "gov_fund_expenditure"),
    ("国有资本经营", "soe_expenditure"),
)
_FISCAL_INCOME = frozenset(
    {
        "income.fiscal",
        "income.general",
        "income.gov_fund",
        "income.soe",
        "income.current_total",
        "income.grand_total",
        "income.carryover",
        "income.carryover.general",
        "income.carryover.gov_fund",
        "income.carryover.soe",
    }
)


_CODE = re.compile(r"^[\[【]?(\d{3,7})(?:[\]】]|$|(?=\D))")


def _row_code(line: SourceLine, tabbed: bool, numbered: bool) -> str | None:
    """The code a row starts with (201, [2010101], 30201工资 …) after any 序号, if any."""
    cells = [c for c in (line.text.split("\t") if tabbed else line.text.split()) if c.strip()]
    first = cells[int(numbered)] if len(cells) > int(numbered) else ""
    match = _CODE.match(compact(first))
    return match.group(1) if match else None


def _names(line: SourceLine, tabbed: bool) -> list[str]:
    cells = line.text.split("\t") if tabbed else line.text.split()
    return [normalize(c) for c in cells if compact(c) and not any(ch.isdigit() for ch in c)]


def infer_kind(block: Block, tabbed: bool) -> str | None:
    """The table kind the block's header labels and row codes show; None when unclear."""
    split = split_block(block, tabbed)
    header = " ".join(line.text for line in split.header)
    ids = {label.id for label in tokenize(header)[0]}
    if ids & _THREE_PUBLIC:
        return "three_public"
    numbered = "序号" in compact(header)
    codes = [code for line in split.body if (code := _row_code(line, tabbed, numbered))]
    function = sum(1 for code in codes if code[0] == "2" and len(code) in (3, 5, 7))
    economic = sum(1 for code in codes if code[0] in "35" and len(code) in (3, 5, 7))
    scope = normalize(block.title) + normalize(header)
    if not codes and (two_sided := _two_sided(split.body, tabbed)):
        return two_sided
    if function and economic:
        return None  # codes of both kinds: not one of these tables
    if economic:
        if "功能分类" in scope:
            return None
        if ids & _BASIC_SPLIT:
            return "general_basic" if "一般公共预算" in scope else "basic"
        return "economic_summary" if ids & _SPENDING else None
    if "经济分类" in scope:
        return None
    if len(ids & _SOURCES) >= 2 and not ids & _SPENDING:
        return "income"
    if function and ids & _SPENDING:
        named = [kind for word, kind in _SCOPES if word in scope]
        return named[0] if len(named) == 1 else "expenditure"
    return None


def _two_sided(body: list[SourceLine], tabbed: bool) -> str | None:
    """收支总表 or 财政拨款收支总表: income and expenditure names side by side."""
    context = SummaryContext()
    both = 0
    income: set[str] = set()
    for line in body:
        sides = set()
        for name in _names(line, tabbed):
            found = classify(name, context)
            if found is None or found[1].startswith("other:"):
                continue
            sides.add(found[0])
            if found[0] == "income":
                income.add(found[1])
        both += sides == {"income", "expenditure"}
    if both < 3:
        return None
    return "fiscal_summary" if income <= _FISCAL_INCOME else "summary"


def resolve(layout: Layout, tabbed: bool) -> list[Notice]:
    """Give every block of unknown kind the kind its content shows (or none); say so."""
    notices: list[Notice] = []
    kept: list[Block] = []
    for block in layout.blocks:
        if block.kind != UNKNOWN:
            kept.append(block)
            continue
        kind = infer_kind(block, tabbed)
        line = block.lines[0].number if block.lines else block.title_line
        if kind is not None:
            block.kind = kind
            kept.append(block)
            title = f"「{block.title.strip()}」" if block.title.strip() else "（无标题）"
            notices.append(
                Notice(
                    "inferred-kind",
                    f"表题{title}未能识别，按表头和行编码判断为{table_name(kind)}",
                    line,
                    kind,
                    "info",
                )
            )
        elif block.title.strip() and (amounts := sum(_amounts(x.text) for x in block.lines)):
            kept.append(block)
            notices.append(
                Notice(
                    "unknown-table",
                    f"未能识别的表格「{block.title.strip()}」，其中 {amounts} 个数字未转为事实",
                    line,
                    UNKNOWN,
                    "warning",
                )
            )
        else:
            layout.prose.extend(block.lines)
    layout.prose.sort(key=lambda x: x.number)
    layout.blocks[:] = kept
    return notices


def _amounts(text: str) -> int:
    return sum(1 for cell in text.replace("\t", " ").split() if is_amount(cell))
