"""Narrative facts: the numbers the prose states (收入, 支出, 三公, 机关运行经费, 采购, 绩效…)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from cnbudget.model import Cell, Narrative, NarrativeChange, Row, SourceLine, Table
from cnbudget.prose.changes import statements
from cnbudget.prose.items import Names, extract_items
from cnbudget.prose.text import Prose, join

_N = r"(?P<n>\d+(?:,\d{3})*(?:\.\d+)?)"
_WAN = rf"{_N}万元"
_CHANGE = r"(?P<dir>增加|减少|增长|下降)(?P<a>\d+(?:,\d{3})*(?:\.\d+)?)万元"
_PERCENT = r"(?:，?(?:增长|下降|降低|减少|增加))(?P<p>\d+(?:\.\d+)?)[%％]"

# (key, pattern): the first match in the prose wins; `n` is the number
_AMOUNTS: tuple[tuple[str, str], ...] = (
    ("income_total", rf"(?:收入预算|预算收入|收入总计|收入合计){_WAN}"),
    ("expenditure_total", rf"(?:支出预算|预算支出|支出总计|支出合计){_WAN}"),
    ("basic", rf"基本支出(?:年初预算为)?{_WAN}"),
    ("project", rf"项目支出{_WAN}"),
    ("basic.personnel", rf"人员经费(?:支出)?{_WAN}"),
    ("basic.public", rf"(?:日常)?公用经费(?:支出)?{_WAN}"),
    ("general", rf"一般公共预算(?:拨款)?收入{_WAN}"),
    ("gov_fund", rf"(?:政府性)?基金预算(?:拨款)?收入{_WAN}"),
    ("carryover", rf"上年结转(?:结余)?{_WAN}"),
    ("three_public_total", rf"“三公”经费(?:支出)?(?:预算)?(?:数)?(?:共|为|安排|共计)?{_WAN}"),
    ("three_public.overseas", rf"因公出国（境）费(?:为)?{_WAN}"),
    ("three_public.vehicles", rf"公务用车购置及运(?:行|维)(?:维护)?费(?:为)?{_WAN}"),
    ("three_public.vehicles.purchase", rf"公务用车购置费(?:为)?{_WAN}"),
    ("three_public.vehicles.operation", rf"公务用车运(?:行维护|维)费(?:为)?{_WAN}"),
    ("three_public.reception", rf"公务接待费(?:为)?{_WAN}"),
    (
        "operating_costs",
        rf"机关(?:（机构）)?运(?:行|转)经费(?:支出预算|安排|共计安排|预算)?{_WAN}",
    ),
    ("procurement_total", rf"政府采购预算(?:安排)?(?:共计)?{_WAN}"),
    ("procurement.goods", rf"政府采购货物预算{_WAN}"),
    ("procurement.works", rf"政府采购工程预算{_WAN}"),
    ("procurement.services", rf"政府采购服务预算{_WAN}"),
    ("performance_funds", rf"绩效目标管理，涉及(?:预算项目支出\d+个，)?预算(?:资金|拨款){_WAN}"),
    ("key_evaluation_funds", rf"重点绩效评价，涉及预算资金{_WAN}"),
    # the funds of the published target blocks (一级项目绩效目标表)
    ("performance_blocks_funds", rf"个一级项目，涉及资金{_WAN}"),
    ("performance_blocks_funds", rf"绩效目标管理，涉及一般公共预算当年拨款{_WAN}，一级项目"),
)
_COUNTS: tuple[tuple[str, str], ...] = (
    ("vehicles_count", r"共有车辆(?P<n>\d+)辆"),
    ("performance_projects", r"(?:涉及预算项目支出(?P<n>\d+)个|共(?P<m>\d+)个项目)"),
    ("key_evaluation_projects", r"对[^，。]{0,30}?(?P<n>\d+)个项目开展(?:部门)?重点绩效评价"),
    ("equipment.general_count", r"通用设备(?P<n>\d+)台"),
    ("equipment.special_count", r"专用设备(?P<n>\d+)台"),
    ("equipment_count", r"单位价值\d+万元以上的设备(?P<n>\d+)台"),
    # the number of target blocks the prose says are set / published
    ("performance_blocks", r"(?:共计(?P<n>\d+)个一级项目|一级项目(?P<m>\d+)个)"),
    ("performance_blocks", r"设置并编报(?P<n>\d+)个项目绩效目标"),
)
_PERCENTS: tuple[tuple[str, str], ...] = (
    ("basic.share", r"基本支出\d+(?:\.\d+)?万元，占(?P<n>\d+(?:\.\d+)?)%"),
    ("project.share", r"项目支出\d+(?:\.\d+)?万元，占(?P<n>\d+(?:\.\d+)?)%"),
)
# changes: (subject, anchor): the change follows the anchor within its sentence
_CHANGES: tuple[tuple[str, str], ...] = (
    ("change", r"(?:收支预算|收、支总计|预算收支安排)"),
    ("basic", r"基本支出"),
    ("project", r"项目支出"),
    ("three_public_total", r"“三公”经费(?:预算|支出预算)"),
    ("operating_costs", r"机关(?:（机构）)?运(?:行|转)经费"),
)
_SENTENCE_END = "。"


def extract(
    lines: list[SourceLine], function_rows: Iterable[tuple[str, str]] = ()
) -> tuple[Table | None, Narrative]:
    """The `narrative` table (one row, cells by narrative key) and the structured items;
    `function_rows` (code, name) of the document's tables resolve item names to codes."""
    prose = join(lines)
    row = Row("narrative", "情况说明", lines[0].number if lines else 0)
    for key, pattern in _AMOUNTS:
        _first(prose, key, pattern, row)
    for key, pattern in _COUNTS + _PERCENTS:
        _first(prose, key, pattern, row)
    extract_items(prose, row, Names(function_rows))
    narrative = Narrative(statements=statements(prose))
    for subject, anchor in _CHANGES:
        change = _change(prose, subject, anchor)
        if change is None:
            continue
        narrative.changes.append(change)
        key = "change" if subject == "change" else f"{subject}.change"
        if change.amount is not None:
            row.cells[key] = Cell(key, change.text, change.amount, line=change.line)
        if change.percent is not None and change.percent_text is not None:
            pkey = f"{key}_percent"
            row.cells[pkey] = Cell(pkey, change.percent_text, change.percent, line=change.line)
    # the sentence holding the first mention (found from the mention: a pattern starting
    # with [^。]* would rescan the sentence from every position, quadratic in its length)
    match = re.search(r"重点(?:项目)?绩效评价", prose.text)
    end = prose.text.find(_SENTENCE_END, match.end()) if match else -1
    if match and end >= 0:
        start = prose.text.rfind(_SENTENCE_END, 0, match.start()) + 1
        narrative.key_evaluation = prose.text[start : end + 1]
    if not row.cells:
        return None, narrative
    table = Table("narrative", "情况说明", row.line, columns=list(row.cells))
    table.rows.append(row)
    return table, narrative


def _first(prose: Prose, key: str, pattern: str, row: Row) -> None:
    match = re.search(pattern, prose.text)
    if match is None or key in row.cells:
        return
    group = "n" if match.group("n") is not None else "m"
    text = match.group(group)
    value = Decimal(text.replace(",", ""))
    row.cells[key] = Cell(key, text, value, line=prose.line_at(match.start(group)))


def _change(prose: Prose, subject: str, anchor: str) -> NarrativeChange | None:
    for match in re.finditer(anchor, prose.text):
        end = prose.text.find(_SENTENCE_END, match.end())
        sentence = prose.text[match.end() : end if end >= 0 else None]
        if end >= 0 and re.match(r"^。(?:与\d{4}年相比|比上年)", prose.text[end:]):
            after = prose.text.find(_SENTENCE_END, end + 1)
            sentence = prose.text[match.end() : after if after >= 0 else None]
        head = sentence
        found = re.search(
            r"(?:比上年|较\d{4}年?(?:预算)?|比\d{4}年|与\d{4}年相比，?[^，。]{0,8}?)" + _CHANGE,
            head,
        )
        if found is None:
            found = re.match(r"^(?:[^，。]{0,12}?)" + _CHANGE, head)
        if found is not None:
            direction = "增加" if found.group("dir") in ("增加", "增长") else "减少"
            amount = Decimal(found.group("a").replace(",", ""))
            if direction == "减少":
                amount = -amount
            rest = sentence[found.end() :]
            percent = re.match(_PERCENT, rest)
            reasons = _reasons(prose.text, match.end() + found.end(), subject == "change")
            line = prose.line_at(match.end() + found.start("a"))
            value = Decimal(percent.group("p")) if percent else None
            return NarrativeChange(
                subject,
                direction,
                amount,
                value,
                reasons,
                line,
                found.group("a"),
                percent.group("p") if percent else None,
            )
        flat = re.match(r"^[^。]{0,20}?(?P<f>与上年基本持平|与上年持平|与\d{4}年持平)", sentence)
        if flat:
            reasons = _reasons(prose.text, match.end() + flat.end(), subject == "change")
            line = prose.line_at(match.end() + flat.start("f"))
            return NarrativeChange(subject, "持平", Decimal(0), None, reasons, line, "持平")
    return None


def _reasons(text: str, start: int, whole: bool) -> str | None:
    """主要原因 of a change: in its own or the next sentence (for the totals, further on)."""
    window = text[start : start + (300 if whole else 200)]
    label = r"主要原因" if whole else r"(?:主要原因|主要为)"
    match = re.search(label + r"[是为：:，,]*(?P<r>[^。]+。?)", window)
    if match is None:
        return None
    head = window[: match.start()]
    if not whole and (head.count("。") > 1 or re.search(r"。\d+[.．、]", head)):
        return None
    return match.group("r")
