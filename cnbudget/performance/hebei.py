"""Hebei-style target tables: 项目编码, 资金支出计划 by quarter, 绩效指标描述, 指标值确定依据."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from cnbudget.model import Indicator, PerformanceProject, PlanItem, SourceLine
from cnbudget.performance.common import amount, is_noise, make_indicator, width
from cnbudget.performance.values import looks_like_value
from cnbudget.vocabulary.normalize import compact
from cnbudget.vocabulary.performance import LEVEL1, LEVEL2, is_basis

_START = re.compile(r"^项目编码\s*(?P<code>[0-9A-Za-z]+)\s*项目名称\s*(?P<name>.*)$")
_TITLE = re.compile(r"^\s*\d+[、.．].*绩效目标表\s*$")
_END = re.compile(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)")
_BUDGET = re.compile(
    r"预算数(?P<total>[\d,.]+)?其中：?财政资金(?P<fiscal>[\d,.]+)?其他资金(?P<other>[\d,.]+)?"
)
_HEADER = re.compile(r"^一级指标二级指标三级指标")


def find_blocks(lines: list[SourceLine]) -> list[tuple[int, int]]:
    """(start, end) indexes of every 项目编码 … 项目名称 block."""
    starts = [i for i, line in enumerate(lines) if _START.match(line.text.strip())]
    blocks = []
    for position, start in enumerate(starts):
        limit = starts[position + 1] if position + 1 < len(starts) else len(lines)
        end = start + 1
        while end < limit:
            text = lines[end].text.strip()
            if _END.match(compact(text)) or (_TITLE.match(text) and end > start + 1):
                break
            end += 1
        blocks.append((start, end))
    return blocks


def parse_block(lines: list[SourceLine]) -> PerformanceProject:
    """One Hebei block: code and name, budget, purpose, plan, goal, indicator rows."""
    match = _START.match(lines[0].text.strip())
    assert match is not None
    project = PerformanceProject(
        name="", line=lines[0].number, style="hebei", code=match.group("code")
    )
    project.last_line = lines[-1].number
    name_parts = [match.group("name")]
    index = 1
    while index < len(lines) and not compact(lines[index].text).startswith("预算规模"):
        name_parts.append(lines[index].text)
        index += 1
    project.name = compact("".join(name_parts))
    section = ""
    purpose: list[str] = []
    goal: list[str] = []
    periods: list[str] = []
    while index < len(lines):
        text = lines[index].text.strip()
        flat = compact(text)
        index += 1
        if _HEADER.match(flat):
            break
        if not flat or flat in ("资金用途", "划（%）", "划(%)") or flat.startswith("预算规模"):
            continue
        budget = _BUDGET.search(flat)
        if budget:
            project.total = _amt(budget.group("total"))
            project.fiscal = _amt(budget.group("fiscal"))
            project.other = _amt(budget.group("other"))
            section = "purpose"
            continue
        if flat.startswith("资金支出计"):
            section = "plan"
            continue
        if flat.startswith("绩效目标"):
            section = "goal"
            rest = text.removeprefix("绩效目标").strip()
            if rest:
                goal.append(rest)
            continue
        if section == "purpose":
            purpose.append(text)
        elif section == "plan":
            if "月" in flat and not periods:
                periods = [part + "月底" for part in flat.split("月底") if part]
            elif periods and not project.plan:
                values = text.split()
                project.plan = [
                    PlanItem(period, value, amount(value))
                    for period, value in zip(periods, values, strict=False)
                ]
        elif section == "goal":
            goal.append(text)
    project.purpose = compact("".join(purpose)) or None
    project.goal = "\n".join(compact(part) for part in goal) or None
    project.indicators = indicator_rows(lines[index:])
    return project


def _amt(text: str | None) -> Decimal | None:
    return amount(text) if text else None


def _is_level(token: str) -> bool:
    return token in LEVEL1 or token in LEVEL2


def indicator_rows(lines: list[SourceLine]) -> list[Indicator]:
    """Rows `[一级] [二级] 三级 描述 指标值 依据`; a row ends with its 依据 word.

    Lines after a row's own line hold wrapped cells: the first starts a new cell; a
    single line continues the cell above it when that line is as wide as the widest
    wrapped line of the row (the cell ran out of room), unless it is a value.
    """
    level1: str | None = None
    rows: list[_Row] = []
    current: _Row | None = None
    for line in lines:
        text = line.text.strip()
        if is_noise(text) or compact(text) in ("指标值确定", "依据"):
            continue
        tokens = text.split()
        if current is not None and not _is_level(tokens[0]):
            if is_basis(tokens[-1]):
                if len(tokens) > 1:
                    current.more.append((tokens[:-1], line.number))
                current.basis = tokens[-1]
                rows.append(current)
                current = None
            else:
                current.more.append((tokens, line.number))
            continue
        if current is not None:
            rows.append(current)
            current = None
        if tokens[0] in LEVEL1 and len(tokens) == 1:
            level1 = tokens[0]
            continue
        if not _is_level(tokens[0]):
            continue
        row = _Row(level1, None, [], line.number)
        rest = tokens
        if rest[0] in LEVEL1 and (len(rest) == 1 or rest[0] != "满意度指标" or rest[1] in LEVEL2):
            row.level1 = level1 = rest[0]
            rest = rest[1:]
        if rest and rest[0] in LEVEL2 and rest[0] != row.level1:
            row.level2, rest = rest[0], rest[1:]
        if len(rest) > 1 and is_basis(rest[-1]):
            row.basis, rest = rest[-1], rest[:-1]
            row.cells = rest
            rows.append(row)
            continue
        row.cells = rest
        current = row
    if current is not None:
        rows.append(current)
    return [_row_indicator(row) for row in rows]


@dataclass(slots=True)
class _Row:
    level1: str | None
    level2: str | None
    cells: list[str]
    line: int
    more: list[tuple[list[str], int]] = field(default_factory=list)
    basis: str | None = None


def _cells(row: _Row) -> tuple[list[str], int]:
    cells = list(row.cells)
    last_line = row.line
    singles = [width(tokens[0]) for tokens, _ in row.more if len(tokens) == 1]
    widest = max(singles, default=0)
    previous: str | None = None
    for position, (tokens, number) in enumerate(row.more):
        last_line = number
        joins = (
            position > 0
            and previous is not None
            and len(tokens) == 1
            and not looks_like_value(tokens[0])
            and width(previous) >= max(widest - 2, 8)
            # the row's last line completes the three cells (三级, 描述, 指标值) first
            and not (position == len(row.more) - 1 and len(cells) < 3)
        )
        if joins:
            cells[-1] += tokens[0]
        else:
            cells.extend(tokens)
        previous = tokens[-1] if len(tokens) == 1 else None
    return cells, last_line


def _row_indicator(row: _Row) -> Indicator:
    cells, line = _cells(row)
    level1, level2, basis = row.level1, row.level2, row.basis
    if len(cells) >= 3:
        name, description, raw = cells[0], cells[1], " ".join(cells[2:])
    elif len(cells) == 2:
        name, description, raw = cells[0], None, cells[1]
    else:
        name, description, raw = (cells[0] if cells else ""), None, ""
    indicator = make_indicator(level1, level2, name, raw, line, description, basis)
    if not raw:
        indicator.parsed = False
    return indicator
