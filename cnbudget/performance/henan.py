"""Henan 预算13表: projects by unit code, 成本/产出/效益/满意度 indicators side by side.

Extracted text loses the columns, so each project's indicator text is segmented into
alternating name/value cells (a dynamic programme scoring wraps and value shapes), and
the 一级指标 is inferred from the indicator's name and unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from cnbudget.model import Indicator, PerformanceProject, SourceLine
from cnbudget.performance.common import amount, is_noise, make_indicator, width
from cnbudget.performance.values import is_numeric, looks_like_value
from cnbudget.vocabulary.normalize import compact

_CODE = re.compile(r"^\d{15,}$")
_CODE_TAIL = re.compile(r"^\d{1,4}$")
_UNIT = re.compile(r"^(?P<code>\d{3}(?:\d{3})*)(?:\s+(?P<rest>.*))?$")
_HEADER_END = re.compile(r"^(?:三级指标指标值){2,}$")
_BENEFIT = ("效益", "减轻", "稳定", "保障", "提高", "知晓", "负担", "便民", "方便", "权益", "作用")


@dataclass(frozen=True, slots=True)
class _Fragment:
    text: str
    line: int
    first: bool  # first token of its line
    last: bool  # last token of its line


def is_henan_title(text: str) -> bool:
    """The 预算13 title: 部门预算项目绩效目标表 (not the per-project block tables)."""
    flat = compact(text)
    return flat.endswith("部门预算项目绩效目标表") and "政策和" not in flat


def parse_table(lines: list[SourceLine]) -> list[PerformanceProject]:
    """Every project of the table; a project repeated on a new page is merged by code."""
    index = 0
    while index < len(lines) and not _HEADER_END.match(compact(lines[index].text)):
        index += 1
    index += 1
    projects: dict[str, PerformanceProject] = {}
    order: list[PerformanceProject] = []
    unit_code: str | None = None
    unit_name: str | None = None
    current: PerformanceProject | None = None
    body: list[SourceLine] = []

    def close() -> None:
        if current is not None and body:
            current.indicators.extend(_indicators(body))
        body.clear()

    while index < len(lines):
        line = lines[index]
        text = line.text.strip()
        index += 1
        if is_noise(text) or not text:
            continue
        if _CODE.match(text):
            close()
            code = text
            if index < len(lines) and _CODE_TAIL.match(lines[index].text.strip()):
                code += lines[index].text.strip()
                index += 1
            name_parts, amounts, index = _name_and_amounts(lines, index)
            existing = projects.get(code)
            if existing is None:
                current = PerformanceProject(
                    name=compact("".join(name_parts)),
                    line=line.number,
                    style="henan",
                    code=code,
                    unit=unit_name,
                    unit_code=unit_code,
                )
                _set_amounts(current, amounts)
                projects[code] = current
                order.append(current)
            else:
                current = existing
            current.last_line = line.number
            continue
        unit = _UNIT.match(text)
        if unit and not _CODE.match(text):
            rest = unit.group("rest") or ""
            if not rest or all(amount(token) is not None for token in rest.split()):
                close()
                current = None
                unit_code = unit.group("code")
                unit_name = None
                if not rest:  # the name follows on its own lines, then the amounts
                    name_parts, _amounts, index = _name_and_amounts(lines, index)
                    unit_name = compact("".join(name_parts)) or None
                continue
        if current is not None:
            body.append(line)
            current.last_line = line.number
    close()
    return order


def _name_and_amounts(lines: list[SourceLine], index: int) -> tuple[list[str], list[str], int]:
    parts: list[str] = []
    while index < len(lines):
        tokens = lines[index].text.split()
        index += 1
        if tokens and all(amount(token) is not None for token in tokens):
            return parts, tokens, index
        parts.append(lines[index - 1].text.strip())
        if len(parts) > 12:
            break
    return parts, [], index


def _set_amounts(project: PerformanceProject, amounts: list[str]) -> None:
    values = [amount(token) for token in amounts]
    if values:
        project.total = values[0]
    if len(values) > 1:
        project.fiscal = values[1]
    if len(values) == 4:
        project.special_account, project.unit_funds = values[2], values[3]


def _fragments(lines: list[SourceLine]) -> list[_Fragment]:
    result = []
    for line in lines:
        tokens = line.text.split()
        for position, token in enumerate(tokens):
            result.append(_Fragment(token, line.number, position == 0, position == len(tokens) - 1))
    return result


def _can_join(before: _Fragment, after: _Fragment) -> bool:
    return before.last and after.first


def _name_cost(parts: list[_Fragment]) -> float:
    text = "".join(p.text for p in parts)
    cost = 0.0
    if looks_like_value(parts[0].text):
        cost += 10
    for before in parts[:-1]:
        cost += 0.2 if width(before.text) >= 10 else 3
    if any(looks_like_value(part.text) for part in parts[1:]):
        cost += 10
    if len(text) < 3:
        cost += 5 if len(text) == 1 else 3
    return cost


def _value_cost(parts: list[_Fragment]) -> float:
    text = "".join(p.text for p in parts)
    head = parts[0].text
    if looks_like_value(head):
        cost = 0.0
        for before, after in pairwise(parts):
            cost += 0.3 if before.text.endswith("/") or len(after.text) <= 2 else 4
        return cost if is_numeric(text) or len(parts) == 1 or text.count("/") else cost + 1
    cost = 0.5 if len(text) <= 4 else 1.5 if len(text) <= 6 else 3.0
    for before in parts[:-1]:  # a value cell wraps only when its line is full
        cost += 0.5 if len(before.text) >= 4 else 3
    if any(looks_like_value(part.text) for part in parts[1:]):
        cost += 10
    if len(text) == 1:  # a lone character is the tail of a wrapped cell, not a value
        cost += 2
    return cost


def _indicators(lines: list[SourceLine]) -> list[Indicator]:
    fragments = _fragments(lines)
    n = len(fragments)
    inf = float("inf")
    # best[i]: cost of segmenting fragments[:i] into complete (name, value) pairs
    best = [inf] * (n + 1)
    back: list[tuple[int, int] | None] = [None] * (n + 1)
    best[0] = 0.0
    # joins[i]: fragment i+1 may continue fragment i (a line break lies between them)
    joins = [_can_join(a, b) for a, b in pairwise(fragments)]
    value_costs: dict[tuple[int, int], float] = {}
    for start in range(n):
        if best[start] == inf:
            continue
        for name_end in range(start + 1, min(n, start + 4) + 1):
            if name_end - 1 > start and not joins[name_end - 2]:
                break
            name_cost = _name_cost(fragments[start:name_end])
            for value_end in range(name_end + 1, min(n, name_end + 3) + 1):
                if value_end - 1 > name_end and not joins[value_end - 2]:
                    break
                key = (name_end, value_end)
                if key not in value_costs:
                    value_costs[key] = _value_cost(fragments[name_end:value_end])
                total = best[start] + name_cost + value_costs[key]
                if total < best[value_end]:
                    best[value_end] = total
                    back[value_end] = (start, name_end)
    end = n
    while end > 0 and best[end] == inf:
        end -= 1
    pairs: list[tuple[list[_Fragment], list[_Fragment]]] = []
    position = end
    while position > 0:
        link = back[position]
        assert link is not None
        start, name_end = link
        pairs.append((fragments[start:name_end], fragments[name_end:position]))
        position = start
    pairs.reverse()
    result = []
    for name, value in pairs:
        text = "".join(p.text for p in name)
        raw = "".join(p.text for p in value)
        indicator = make_indicator(None, None, text, raw, value[0].line)
        indicator.level1 = infer_level1(indicator)
        result.append(indicator)
    if end < n:  # leftovers that form no pair: kept, unparsed
        leftover = make_indicator(
            None, None, "".join(f.text for f in fragments[end:]), "", fragments[end].line
        )
        leftover.parsed = False
        result.append(leftover)
    return result


def infer_level1(indicator: Indicator) -> str:
    """The 一级指标 a Henan indicator most likely sits under, from its name and unit."""
    name = indicator.name
    if "满意" in name:
        return "满意度指标"
    if any(word in name for word in _BENEFIT) or "收入" in name:
        return "效益指标"
    if "成本" in name or (indicator.unit or "").startswith(("元", "万元")):
        return "成本指标"
    return "产出指标"
