"""Performance targets printed as one ruled table (长沙): a row per project, its indicators
on the rows below; the department's overall target in the same form.

The header cells name the columns (单位编码 | 单位（项目）名称 | 资金总额 | 绩效目标 | 一级指标 |
二级指标 | 三级指标 | 指标值 | 指标值内容 | … | 度量单位 | 指标值类型), so every cell is read
by its column. A project continued on the next page repeats its first cells (name, amount,
goal) and is one project. The unit and 合计 rows above the projects carry no indicator.
"""

from __future__ import annotations

import re
from decimal import Decimal

from cnbudget.layout.sections import PART_HEADING
from cnbudget.model import DeptPerformance, Indicator, PerformanceProject, SourceLine
from cnbudget.performance.common import amount, make_indicator
from cnbudget.vocabulary.normalize import compact, normalize
from cnbudget.vocabulary.titles import title_kind

_PROJECT_TITLE = re.compile(r"项目(?:支出)?绩效目标表$")
_DEPT_TITLE = re.compile(r"整体(?:支出)?绩效目标表$")
# header label -> column role
_ROLES: dict[str, str] = {
    "单位编码": "code",
    "单位代码": "code",
    "项目编码": "code",
    "单位（项目）名称": "name",
    "项目（单位）名称": "name",
    "项目名称": "name",
    "单位名称": "name",
    "资金总额": "total",
    "项目资金总额": "total",
    "年度资金总额": "total",
    "绩效目标": "goal",
    "年度绩效目标": "goal",
    "整体绩效目标": "goal",
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "indicator",
    "指标值": "value",
    "指标值内容": "description",
    "指标解释": "description",
    "指标值说明": "description",
    "度量单位": "unit",
    "计量单位": "unit",
    "指标值类型": "comparator",
    # the department table's budget columns (按收入性质分 / 按支出性质分)
    "一般公共预算": "fiscal.general",
    "政府性基金拨款": "fiscal.gov_fund",
    "政府性基金": "fiscal.gov_fund",
    "财政专户管理资金": "special_account",
    "其他资金": "other",
    "基本支出": "basic",
    "项目支出": "project",
}
_BUDGET = ("total", "fiscal.general", "fiscal.gov_fund", "special_account", "other")
_BUDGET_SPLIT = ("basic", "project")
_COMPARATORS = frozenset("≥≤=<>")


def _title(text: str) -> str | None:
    flat = compact(text)
    if len(flat) > 40 or "\t" in text:
        return None
    if _DEPT_TITLE.search(flat):
        return "dept"
    if _PROJECT_TITLE.search(flat):
        return "project"
    return None


class _Reader:
    """Reads the data rows of one kind of table (projects or the department target)."""

    def __init__(self) -> None:
        self.projects: list[PerformanceProject] = []
        self.department: DeptPerformance | None = None
        self.roles: dict[int, str] = {}
        self.level1: str | None = None
        self.level2: str | None = None
        self.target: PerformanceProject | DeptPerformance | None = None
        self.in_header = False  # between a title and the first row printing a number

    def header(self, cells: list[str]) -> bool:
        """Take the roles of a header row; False when the row is not a header row."""
        if not self.in_header or any(amount(c) is not None for c in cells):
            self.in_header = False
            return False
        for j, c in enumerate(cells):
            if normalize(c) in _ROLES:
                self.roles[j] = _ROLES[normalize(c)]
        return True

    def cell(self, cells: list[str], role: str) -> str:
        for j, r in self.roles.items():
            if r == role and j < len(cells):
                return re.sub(r"\s+", " ", cells[j]).strip()
        return ""

    def row(self, line: SourceLine, cells: list[str], kind: str) -> None:
        name = compact(self.cell(cells, "name"))
        total = amount(self.cell(cells, "total"))
        if name and total is not None:
            self._start(line, cells, kind, name, total)
        if self.target is not None and self.cell(cells, "indicator"):
            self.target.indicators.append(self._indicator(line, cells))

    def _start(
        self, line: SourceLine, cells: list[str], kind: str, name: str, total: Decimal
    ) -> None:
        goal = self.cell(cells, "goal") or None
        if name == "合计" or (not goal and not self.cell(cells, "indicator")):
            self.target = None  # the 合计 row or a unit's subtotal: no indicators
            return
        current = self.target
        if current is not None and _same(current, name, total):
            return  # the project (department) continued on the next page
        self.level1 = self.level2 = None
        if kind == "dept":
            budget = {
                key: value
                for key in (*_BUDGET, *_BUDGET_SPLIT)
                if (value := amount(self.cell(cells, key))) is not None
            }
            self.department = self.target = DeptPerformance(line.number, name, goal, budget=budget)
            return
        project = PerformanceProject(name, line.number, "listed", total=total, goal=goal)
        project.unit_code = compact(self.cell(cells, "code")) or None
        self.projects.append(project)
        self.target = project

    def _indicator(self, line: SourceLine, cells: list[str]) -> Indicator:
        self.level1 = compact(self.cell(cells, "level1")) or self.level1
        level2 = compact(self.cell(cells, "level2"))
        if self.cell(cells, "level1") or level2:
            self.level2 = level2 or None
        value = self.cell(cells, "value")
        comparator = self.cell(cells, "comparator")
        unit = self.cell(cells, "unit")
        raw = f"{comparator}{value}{unit}" if comparator in _COMPARATORS else f"{value}{unit}"
        if isinstance(self.target, PerformanceProject):
            self.target.last_line = line.number
        return make_indicator(
            self.level1,
            self.level2,
            self.cell(cells, "indicator"),
            raw,
            line.number,
            description=self.cell(cells, "description") or None,
        )


def _same(target: PerformanceProject | DeptPerformance, name: str, total: Decimal) -> bool:
    if isinstance(target, PerformanceProject):
        return target.name == name and target.total == total
    return target.department == name and target.budget.get("total") == total


def extract(lines: list[SourceLine]) -> tuple[list[PerformanceProject], DeptPerformance | None]:
    """Projects and the department target of tab-separated performance tables."""
    readers = {"project": _Reader(), "dept": _Reader()}
    kind: str | None = None
    for line in lines:
        found = _title(line.text)
        if found is not None:
            kind = found
            readers[kind].in_header = True
            continue
        other = title_kind(line.text)
        if other not in (None, "performance", "dept_performance") or PART_HEADING.match(
            compact(line.text)
        ):
            kind = None
        if kind is None or "\t" not in line.text:
            continue
        cells = line.text.split("\t")
        reader = readers[kind]
        if not reader.header(cells):
            reader.row(line, cells, kind)
    return readers["project"].projects, readers["dept"].department
