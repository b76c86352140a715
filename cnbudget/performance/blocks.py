"""Per-project performance blocks (Shandong 政策和项目预算绩效目标表), space- or tab-separated."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from cnbudget.model import Indicator, PerformanceProject, SourceLine
from cnbudget.performance.common import amount, is_noise, make_indicator, strip_tags, width
from cnbudget.performance.values import looks_like_value
from cnbudget.vocabulary.normalize import compact
from cnbudget.vocabulary.performance import LEVEL2, level1_of

_END = re.compile(r"^(?:第[一二三四五六七八九十]+部分|名词解释|[一二三四五六七八九十]+、)")
_HEADER = re.compile(r"^一级指标二级指标三级指标")
_CODE_NAME = re.compile(r"^(?P<code>[0-9A-Za-z]+)[_＿](?P<name>.+)$")


def find_blocks(lines: list[SourceLine]) -> list[tuple[int, int]]:
    """(start, end) indexes of every 项目名称 block that has a 年度预算资金总额 line."""
    starts = []
    for index, line in enumerate(lines):
        if not compact(line.text).startswith("项目名称"):
            continue
        window = lines[index + 1 : index + 25]
        if any("年度预算资金总额" in compact(other.text) for other in window):
            starts.append(index)
    blocks = []
    for position, start in enumerate(starts):
        limit = starts[position + 1] if position + 1 < len(starts) else len(lines)
        end = start + 1
        while end < limit and not _END.match(compact(lines[end].text)):
            end += 1
        blocks.append((start, end))
    return blocks


def _cells(text: str, tabbed: bool) -> list[str]:
    if tabbed and "\t" in text:
        return [cell.strip() for cell in text.split("\t") if cell.strip()]
    return text.split()


@dataclass(slots=True)
class _Group:
    level1: str | None
    level2: str | None
    line: int
    fragments: list[tuple[str, int]] = field(default_factory=list)


def parse_block(lines: list[SourceLine], tabbed: bool) -> PerformanceProject:
    """One project block: header fields, then the indicator rows."""
    project = PerformanceProject(name="", line=lines[0].number, style="block")
    project.last_line = lines[-1].number
    index = 0
    goal_parts: list[str] = []
    in_goal = False
    dept_parts: list[str] = []
    in_dept = False
    while index < len(lines):
        line = lines[index]
        text = line.text
        flat = compact(text)
        cells = _cells(text, tabbed)
        if _HEADER.match(flat):
            index += 1
            break
        if is_noise(text):
            index += 1
            continue
        if flat.startswith("项目名称"):
            project.name = compact(flat.removeprefix("项目名称"))
        elif flat.startswith("主管部门及代码") or in_dept:
            rest = flat.removeprefix("主管部门及代码")
            in_dept = True
            if "实施单位" in rest:
                before, _, after = rest.partition("实施单位")
                dept_parts.append(before)
                project.unit = after or None
                in_dept = False
            else:
                dept_parts.append(rest)
        elif flat.startswith("实施单位"):
            project.unit = flat.removeprefix("实施单位") or None
        elif "年度预算资金总额" in flat:
            project.total = _amount_after(cells, lines, index)
        elif "财政拨款" in flat and flat.startswith(("其中", "财政拨款")):
            project.fiscal = _amount_after(cells, lines, index)
        elif flat.startswith("其他资金"):
            project.other = _amount_after(cells, lines, index)
        elif flat.startswith("总体目标") or in_goal:
            in_goal = True
            part = text.strip()
            if part.startswith("总体目标"):
                part = part.removeprefix("总体目标")
            goal_parts.append(" ".join(_cells(part, tabbed)) if tabbed else part.strip())
        index += 1
    department = "".join(dept_parts)
    if department:
        project.department = department
        match = _CODE_NAME.match(department)
        if match:
            project.department_code = match.group("code")
    goal = strip_tags("".join(goal_parts))
    project.goal = goal or None
    body = [line for line in lines[index:] if not is_noise(line.text)]
    if tabbed and any("\t" in line.text for line in body):
        project.indicators = _tab_indicators(body)
    else:
        project.indicators = space_indicators(body)
    return project


def _amount_after(cells: list[str], lines: list[SourceLine], index: int) -> Decimal | None:
    for cell in reversed(cells):
        value = amount(cell)
        if value is not None:
            return value
    if index + 1 < len(lines):
        for cell in lines[index + 1].text.split():
            value = amount(cell)
            if value is not None:
                return value
    return None


def _tab_indicators(lines: list[SourceLine]) -> list[Indicator]:
    indicators: list[Indicator] = []
    level1: str | None = None
    level2: str | None = None
    for line in lines:
        cells = [cell.strip() for cell in line.text.split("\t")]
        while cells and not cells[-1]:
            cells.pop()
        if len(cells) < 2 or not any(cells):
            continue
        if cells[0] == "绩效指标" or len(cells) >= 5:
            padded = [""] * max(0, 5 - len(cells)) + cells[-5:]
            level1 = padded[1] or level1
            level2 = padded[2] or level2
            name, raw = padded[3], padded[4]
        else:
            name, raw = cells[-2], cells[-1]
        indicators.append(make_indicator(level1, level2, name, raw, line.number))
    return indicators


def _is_level2(token: str) -> bool:
    return token in LEVEL2 or (len(token) <= 12 and token.endswith(("指标", "成本")))


def _groups(lines: list[SourceLine]) -> list[_Group]:
    groups: list[_Group] = []
    for line in lines:
        tokens = line.text.split()
        if not tokens:
            continue
        if tokens[0] == "绩效指标":
            level1 = tokens[1] if len(tokens) > 1 else None
            rest = tokens[2:]
            level2 = None
            if rest and _is_level2(rest[0]):
                level2, rest = rest[0], rest[1:]
            group = _Group(level1, level2, line.number)
            if rest:
                group.fragments.append((" ".join(rest), line.number))
            groups.append(group)
            continue
        if not groups:
            groups.append(_Group(None, None, line.number))
        groups[-1].fragments.append((line.text.strip(), line.number))
    for group in groups:
        if group.level2 is None:
            _pull_level2(group)
        if group.level1 is None:
            group.level1 = level1_of(group.level2)
    return groups


def _pull_level2(group: _Group) -> None:
    """A 二级指标 wrapped onto its own lines (服务对象满意度 / 指标)."""
    joined = ""
    for count, (text, _line) in enumerate(group.fragments[:3], start=1):
        if " " in text or looks_like_value(text):
            return
        joined += text
        if _is_level2(joined):
            group.level2 = joined
            del group.fragments[:count]
            return
        if len(joined) > 12:
            return


def space_indicators(lines: list[SourceLine]) -> list[Indicator]:
    """Indicator rows of space-separated text, where names and values wrap over lines.

    A name cell wraps when its line is as wide as the widest name printed beside a
    value; a value cell wraps the same way against the widest single value line.
    """
    groups = _groups(lines)
    names = [
        width(text.split(maxsplit=1)[0])
        for group in groups
        for text, _ in group.fragments
        if " " in text and looks_like_value(text.split(maxsplit=1)[1])
    ]
    singles = [
        width(text)
        for group in groups
        for text, _ in group.fragments
        if " " not in text and not looks_like_value(text)
    ]
    value_width = max(singles, default=0)
    # wrapped names fill their column: the commonest width of such lines is the column's
    counts = Counter(w for w in singles if 16 <= w < value_width - 8)
    repeated = [w for w, n in counts.items() if n >= 2 and n == max(counts.values())]
    name_width = max([*names, *repeated[-1:]], default=30)
    wraps_values = value_width >= name_width + 8
    indicators: list[Indicator] = []
    for group in groups:
        indicators.extend(_read_group(group, name_width, value_width if wraps_values else 10**6))
    return indicators


def _full(text: str, limit: int) -> bool:
    """A line as wide as its column: the cell goes on (a sentence end closes it)."""
    return width(text) >= limit - 2 and not text.endswith(("。", "；", ";"))


def _read_group(group: _Group, name_width: int, value_width: int) -> list[Indicator]:
    result: list[Indicator] = []
    fragments = group.fragments
    index = 0

    def emit(name: str, raw: str, line: int) -> None:
        result.append(make_indicator(group.level1, group.level2, name, raw, line))

    while index < len(fragments):
        name_parts: list[str] = []
        while index < len(fragments):
            text, line = fragments[index]
            index += 1
            if looks_like_value(text):
                emit("".join(name_parts), text, line)
                break
            head, _, tail = text.partition(" ")
            if tail and (not name_parts or _full(name_parts[-1], name_width)):
                name_parts.append(head)
                raw, index = _value_run(tail.strip(), fragments, index, value_width, name_width)
                emit("".join(name_parts), raw, line)
                break
            if name_parts and not _full(name_parts[-1], name_width):
                raw, index = _value_run(text, fragments, index, value_width, name_width)
                emit("".join(name_parts), raw, line)
                break
            if name_parts and not _full(text, name_width) and _ends_cell(fragments, index):
                # a full name line, then a short line that the next indicator follows
                # (or nothing does): the short line is this indicator's value
                emit("".join(name_parts), text, line)
                break
            name_parts.append(text)
        else:
            if name_parts:  # a name with no value: keep it, unparsed
                result.append(
                    make_indicator(group.level1, group.level2, "".join(name_parts), "", group.line)
                )
                result[-1].parsed = False
    return result


def _ends_cell(fragments: list[tuple[str, int]], index: int) -> bool:
    """No fragment follows, or the next one is a whole `name value` line."""
    if index >= len(fragments):
        return True
    text = fragments[index][0]
    _head, _, tail = text.partition(" ")
    return bool(tail) and looks_like_value(tail.strip()) and not looks_like_value(text)


def _value_run(
    first: str,
    fragments: list[tuple[str, int]],
    index: int,
    limit: int,
    name_width: int,
) -> tuple[str, int]:
    """A value and the wrapped lines that continue it."""
    parts = [first]
    while (
        _full(parts[-1], limit)
        and index < len(fragments)
        and not looks_like_value(fragments[index][0])
        and not _starts_name(fragments, index, name_width)
    ):
        parts.append(fragments[index][0])
        index += 1
    return "".join(parts), index


def _starts_name(fragments: list[tuple[str, int]], index: int, name_width: int) -> bool:
    """A line exactly as wide as the name column, whose short next line is followed by
    more: the start of a wrapped name (a value cell is wider), not a value continuing."""
    text = fragments[index][0]
    if not name_width - 2 <= width(text) <= name_width or index + 2 >= len(fragments):
        return False
    after = fragments[index + 1][0]
    return not looks_like_value(after) and width(after) < name_width - 2
