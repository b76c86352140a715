"""Performance targets printed as a list of goals: one row per project with its amount and
its goal, no indicators (单位名称 | 项目名称 | 金额 | 绩效目标, 浙江 项目支出绩效表).
Cell grids only."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cnbudget.layout.sections import glued_title, is_note, is_page_header
from cnbudget.model import PerformanceProject, SourceLine
from cnbudget.performance.common import amount
from cnbudget.vocabulary.normalize import compact, normalize
from cnbudget.vocabulary.titles import title_kind

_TOTALS = ("合计", "总计")
_COLUMN_NUMBER = re.compile(r"[\d*＊]*")


@dataclass(frozen=True, slots=True)
class _Columns:
    unit: int | None
    name: int
    amount: int
    goal: int


def _columns(text: str) -> _Columns | None:
    """The columns of a list header: 项目名称, an amount (金额) and the goal (绩效目标)."""
    cells = [normalize(c) for c in text.split("\t")]
    name = next((j for j, c in enumerate(cells) if c == "项目名称"), None)
    money = next((j for j, c in enumerate(cells) if "金额" in c or c.endswith("预算数")), None)
    goal = next((j for j, c in enumerate(cells) if "绩效目标" in c), None)
    if name is None or money is None or goal is None:
        return None
    unit = next((j for j, c in enumerate(cells[:name]) if c in ("单位名称", "单位")), None)
    return _Columns(unit, name, money, goal)


def _title(text: str) -> str | None:
    return title_kind(glued_title(text) or text)


def find_tables(lines: list[SourceLine]) -> list[tuple[int, _Columns, int]]:
    """(first body line index, columns, end index) of each listed performance table: a
    performance title, its list header within four lines, rows up to the next other title."""
    found: list[tuple[int, _Columns, int]] = []
    i = 0
    while i < len(lines):
        if _title(lines[i].text) != "performance":
            i += 1
            continue
        header = next(
            (
                (h, columns)
                for h in range(i + 1, min(i + 5, len(lines)))
                if "\t" in lines[h].text and (columns := _columns(lines[h].text)) is not None
            ),
            None,
        )
        if header is None:
            i += 1
            continue
        end = header[0] + 1
        while end < len(lines) and _title(lines[end].text) in (None, "performance"):
            end += 1
        found.append((header[0] + 1, header[1], end))
        i = end
    return found


def _cell(cells: list[str], j: int | None) -> str:
    return cells[j] if j is not None and j < len(cells) else ""


def parse_table(lines: list[SourceLine], columns: _Columns) -> list[PerformanceProject]:
    """One project per row; a row holding only goal text continues the goal above."""
    projects: list[PerformanceProject] = []
    for line in lines:
        text = line.text
        flat = compact(text)
        if not flat or "\t" not in text or is_note(text) or _title(text) is not None:
            continue
        if is_page_header(text) or _columns(text) is not None:
            continue
        cells = [c.strip() for c in text.split("\t")]
        if all(_COLUMN_NUMBER.fullmatch(compact(c)) for c in cells):
            continue  # the column-number row `** ** 1 2`
        name, value = normalize(_cell(cells, columns.name)), amount(_cell(cells, columns.amount))
        unit, goal = normalize(_cell(cells, columns.unit)), _cell(cells, columns.goal)
        if not name and value is None:
            if projects and goal:
                previous = projects[-1]
                previous.goal = (previous.goal or "") + goal
                previous.last_line = line.number
            continue
        if name in _TOTALS or unit in _TOTALS or (not name and unit in ("", "**")):
            continue
        projects.append(
            PerformanceProject(
                name=name,
                line=line.number,
                style="list",
                unit=unit or None,
                total=value,
                goal=goal or None,
                last_line=line.number,
            )
        )
    return projects
