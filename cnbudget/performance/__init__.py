"""Performance targets: per-project blocks (four template styles) and the department target."""

from __future__ import annotations

from decimal import Decimal

from cnbudget.model import (
    Cell,
    DeptPerformance,
    Notice,
    PerformanceProject,
    Row,
    SourceLine,
    Table,
    format_decimal,
)
from cnbudget.performance import blocks, dept, goals, hebei, henan, listed
from cnbudget.vocabulary.normalize import compact

_PROJECT_COLUMNS = ("total", "fiscal", "other", "special_account", "unit_funds")


def extract(
    lines: list[SourceLine], tabbed: bool
) -> tuple[list[PerformanceProject], DeptPerformance | None, list[Notice]]:
    """Every project target of a document (in printed order) and the department target."""
    projects: list[PerformanceProject] = []
    for start, end in blocks.find_blocks(lines):
        projects.append(blocks.parse_block(lines[start:end], tabbed))
    for start, end in hebei.find_blocks(lines):
        projects.append(hebei.parse_block(lines[start:end]))
    if tabbed:
        for start, columns, end in goals.find_tables(lines):
            projects.extend(goals.parse_table(lines[start:end], columns))
    notices: list[Notice] = []
    henan_start = next((i for i, line in enumerate(lines) if henan.is_henan_title(line.text)), None)
    if henan_start is not None:
        found = henan.parse_table(lines[henan_start:])
        projects.extend(found)
        if any(project.indicators for project in found):
            notices.append(
                Notice(
                    "performance-columns",
                    "项目绩效目标表中成本/产出/效益/满意度指标并排印刷，文本中无法确定各指标所在列："
                    "一级指标按指标名称和单位推断，名称与指标值按换行和数值形式配对",
                    lines[henan_start].number,
                    "performance",
                    "info",
                )
            )
    department = _department(lines, henan_start)
    if tabbed:
        listed_projects, listed_department = listed.extract(lines)
        projects = projects or listed_projects
        department = department or listed_department
    projects.sort(key=lambda project: project.line)
    notice = unparsed_notice(projects, department)
    if notice is not None:
        notices.append(notice)
    return projects, department, notices


def unparsed_notice(
    projects: list[PerformanceProject], department: DeptPerformance | None
) -> Notice | None:
    """A warning counting the indicators whose value could not be read (each once)."""
    indicators = [i for project in projects for i in project.indicators]
    if department is not None:
        indicators += department.indicators
    unparsed = [indicator for indicator in indicators if not indicator.parsed]
    if not unparsed:
        return None
    return Notice(
        "performance-unparsed",
        f"{len(unparsed)} 个绩效指标的指标值无法解析为比较符、数值和单位，已保留原文"
        f"（第{'、'.join(str(i.line) for i in unparsed[:10])}行"
        f"{'等' if len(unparsed) > 10 else ''}）",
        unparsed[0].line,
        "performance",
    )


def _department(lines: list[SourceLine], henan_start: int | None) -> DeptPerformance | None:
    start = dept.find_table(lines)
    if start is not None:
        end = henan_start if henan_start is not None and henan_start > start else len(lines)
        return dept.parse_table(lines[start:end])
    start = dept.find_prose(lines)
    if start is not None:
        return dept.parse_prose(lines[start:])
    return None


def project_table(projects: list[PerformanceProject]) -> Table | None:
    """The `performance` facts table: one row per project, its budget columns in 万元."""
    if not projects:
        return None
    # only the columns the template prints (no identity over columns it does not have)
    columns = [c for c in _PROJECT_COLUMNS if any(getattr(p, c) is not None for p in projects)]
    table = Table("performance", "项目绩效目标表", projects[0].line, columns=columns)
    names: dict[str, int] = {}
    for project in projects:
        names[project.name] = names.get(project.name, 0) + 1
    seen: dict[str, int] = {}
    for project in projects:
        code = f"project:{project.name}"
        if names[project.name] > 1:
            seen[project.name] = seen.get(project.name, 0) + 1
            code += f"@{project.unit_code or seen[project.name]}"
        row = Row(code, compact(project.name), project.line)
        for column in _PROJECT_COLUMNS:
            value = getattr(project, column)
            if isinstance(value, Decimal):
                row.cells[column] = _cell(column, value, project.line)
        table.rows.append(row)
    table.last_line = max(project.last_line for project in projects)
    return table


def dept_table(target: DeptPerformance | None) -> Table | None:
    """The `dept_performance` facts table: the department target's budget (万元)."""
    if target is None or not target.budget:
        return None
    table = Table(
        "dept_performance", "部门整体绩效目标表", target.line, columns=list(target.budget)
    )
    row = Row("department", compact(target.department or ""), target.line)
    for column, value in target.budget.items():
        row.cells[column] = _cell(column, value, target.line)
    table.rows.append(row)
    return table


def _cell(column: str, value: Decimal, line: int) -> Cell:
    return Cell(column, format_decimal(value), value, line=line)
