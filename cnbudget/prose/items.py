"""Item-level prose: amounts and shares per function class and 项, and 财政拨款收支总计.

A statement such as “科学技术（类）支出28.00万元，占0.5%” or “一般公共服务支出（类）财政事务
（款）行政运行（项）1,623.18万元，主要用于…” becomes narrative cells keyed
`items.<scope>.<code>` (and `items.<scope>.<code>.share`). The scope is the funding scope the
prose names in the heading or lead sentence of the passage (一般公共预算 → `general`,
政府性基金 → `gov_fund`, 财政拨款 → `fiscal`, the department's whole spending → `all`); a
passage whose scope is not named gives no cell (never guessed). Codes come from the
document's own function tables and the shipped catalogue, matched by name level by level.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from cnbudget.model import Cell, Row
from cnbudget.prose.text import Prose
from cnbudget.reference.catalog import functions, loose_key, name_key
from cnbudget.vocabulary.functions import class_code

SCOPES = ("general", "gov_fund", "fiscal", "all")
_NUM = r"(?P<n>\d+(?:,\d{3})*(?:\.\d+)?)"
_SHARE = r"(?:，(?:占[^，。；\d]{0,10}?)(?P<p>\d+(?:\.\d+)?)[%％])?"
_LEVEL = r"[（(]\d{{0,3}}{}[）)]"
_NAME = r"[\u4e00-\u9fff、]{2,30}?"
# 类（类）款（款）项（项） then at most a short lead (“科目”, “2026年预算数为”) and the amount
_ITEM = re.compile(
    rf"“?(?P<c>{_NAME}){_LEVEL.format('类')}(?P<k>{_NAME}){_LEVEL.format('款')}"
    rf"(?P<x>{_NAME}){_LEVEL.format('项')}”?(?:科目)?(?:支出)?(?:\d{{4}}年)?(?:预算数|决算数|支出)?"
    rf"(?:为)?{_NUM}万元"
)
_CLASS = re.compile(
    rf"(?P<c>{_NAME}){_LEVEL.format('类')}(?:支出)?(?:\d{{4}}年)?(?:预算数|决算数)?(?:为)?"
    rf"{_NUM}万元{_SHARE}"
)
# the heading of a passage: （二）… or 二、… (numbered list items 1. 2. are not headings)
_HEADING = re.compile(r"(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)")
# scope words; each alternative swallows its compounds (一般公共预算财政拨款支出决算 is one
# general-budget phrase, not a general word followed by a fiscal and a whole-spending word)
_TAIL = r"(?:财政)?(?:当年)?(?:拨款)?(?:收入|支出)?(?:预算|决算)?"
_SCOPE_WORDS = re.compile(
    rf"(?P<general>一般公共预算{_TAIL})|(?P<gov_fund>政府性基金(?:预算)?{_TAIL})"
    rf"|(?P<fiscal>财政拨款(?:收入|支出)?(?:预算|决算)?)"
    r"|(?P<all>(?:支出预算|支出决算|本年支出|部门支出|总支出))"
)
_FISCAL_TOTAL = re.compile(
    rf"财政拨款(?:收入支出|收、支|收支)(?:总预算|总决算|总计|预算总额)(?:各)?(?:为)?{_NUM}万元"
)


def scope_at(text: str, start: int) -> str | None:
    """The funding scope named last in the lead of the passage holding offset `start`."""
    heading = None
    for match in _HEADING.finditer(text, max(0, start - 1500), start):
        heading = match
    lead_start = heading.end() if heading is not None else max(0, start - 300)
    # the lead ends at the first statement of the passage
    first = min(
        (m.start() for r in (_CLASS, _ITEM) if (m := r.search(text, lead_start, start + 1))),
        default=start,
    )
    words = list(_SCOPE_WORDS.finditer(text, max(lead_start, first - 300), first))
    return words[-1].lastgroup if words else None


def _keys(name: str) -> set[str]:
    """Comparison keys of a name (其它 and 其他 are one word)."""
    name = name.replace("其它", "其他")
    return {name_key(name), loose_key(name)}


class Names:
    """Function codes by name: the document's own rows first, then the catalogue."""

    def __init__(self, rows: Iterable[tuple[str, str]]) -> None:
        self.by_code: dict[str, set[str]] = {}
        for code, name in rows:
            self._add(code, name)
        for entry in functions().entries.values():
            for name in (entry.name, *entry.former):
                self._add(entry.code, name)

    def _add(self, code: str, name: str) -> None:
        if code.isdigit() and len(code) in (3, 5, 7):
            self.by_code.setdefault(code, set()).update(_keys(name))

    def resolve(self, parent: str, name: str, width: int) -> str | None:
        """The unique code of `width` digits under `parent` whose name is `name`."""
        keys = _keys(name)
        hits = [
            code
            for code, names in self.by_code.items()
            if len(code) == width and code.startswith(parent) and names & keys
        ]
        return hits[0] if len(hits) == 1 else None

    def klass(self, name: str) -> str | None:
        return class_code(name) or self.resolve("", name, 3)


def extract_items(prose: Prose, row: Row, names: Names) -> None:
    """Add item-level cells (`items.<scope>.<code>`, `….share`, `fiscal_total`) to `row`."""
    text = prose.text
    taken: list[tuple[int, int]] = []
    for match in _ITEM.finditer(text):
        taken.append(match.span())
        klass = names.klass(match.group("c"))
        kuan = names.resolve(klass, match.group("k"), 5) if klass else None
        code = names.resolve(kuan, match.group("x"), 7) if kuan else None
        _add(prose, row, match, code, None)
    for match in _CLASS.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        if re.match(r"[^，。；]{0,30}?[（(]\d{0,3}款[）)]", text[match.end("c") :]):
            continue
        _add(prose, row, match, names.klass(match.group("c")), match.group("p"))
    total = _FISCAL_TOTAL.search(text)
    if total is not None and "fiscal_total" not in row.cells:
        value = total.group("n")
        line = prose.line_at(total.start("n"))
        row.cells["fiscal_total"] = Cell("fiscal_total", value, _decimal(value), line=line)


def _add(prose: Prose, row: Row, match: re.Match[str], code: str | None, share: str | None) -> None:
    scope = scope_at(prose.text, match.start())
    if code is None or scope is None:
        return
    key = f"items.{scope}.{code}"
    if key in row.cells:
        return
    value = match.group("n")
    line = prose.line_at(match.start("n"))
    row.cells[key] = Cell(key, value, _decimal(value), line=line)
    if share is not None:
        skey = f"{key}.share"
        row.cells[skey] = Cell(skey, share, Decimal(share), line=prose.line_at(match.start("p")))


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))
