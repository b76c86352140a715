"""The parse pipeline: reader → layout → tables → model, for one document."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from cnbudget import coverage
from cnbudget.errors import InputError
from cnbudget.layout.sections import PART_HEADING, Layout, split
from cnbudget.layout.toc import read_toc
from cnbudget.metadata import extract
from cnbudget.model import Document, Notice, PageHeaderLine, Section, Table
from cnbudget.readers import check_size, read_file
from cnbudget.readers.text import SourceText, combine, fold_digits, read_bytes
from cnbudget.tables import PARSERS, SECTION_KINDS, Context, infer
from cnbudget.tables.names import resolve_function_names
from cnbudget.tables.provenance import locate_cells, lower_inferred
from cnbudget.vocabulary.normalize import compact

# Tables that others rely on are parsed first: the summary tells which funding
# sources exist; the basic-expenditure table tells which 三公 items are used.
_PRIORITY = {
    "summary": 0,
    "fiscal_summary": 1,
    "general_basic": 2,
    "projects": 3,
    "expenditure": 4,
}
_THREE_PUBLIC_CODES = {
    "30217": "reception",
    "30231": "vehicles.operation",
    "31013": "vehicles.purchase",
    "30212": "overseas",
}
_UNIT_FACTOR = {"万元": Decimal(1), "元": Decimal(10000), "千元": Decimal(10)}


def clear_caches() -> None:
    """Forget memoised line classifications (benchmarks measure cold documents)."""
    from cnbudget.layout import sections, tokens
    from cnbudget.vocabulary import normalize, titles

    for function in (
        sections.is_page_header,
        sections.is_note,
        sections.is_prose,
        titles.title_kind,
        tokens.tokenize,
        normalize.compact,
        normalize.normalize,
    ):
        function.cache_clear()


def parse_file(path: str | Path) -> Document:
    """Parse a disclosure file of any supported format (text, PDF, XLSX/XLS, DOCX, HTML)."""
    return parse_source(read_file(path))


def parse_files(paths: Sequence[str | Path]) -> Document:
    """Parse several files published as one disclosure (情况说明 + 报表) as one document."""
    return parse_source(combine([read_file(path) for path in paths]))


def parse_text(text: str, source: str = "<text>") -> Document:
    """Parse disclosure text given as a string (UTF-8)."""
    return parse_source(read_bytes(text.encode("utf-8"), source))


def parse_source(source: SourceText) -> Document:
    """Run layout and table parsers over decoded text (within the line limits)."""
    check_size(source)
    source = fold_digits(source)
    layout = split(source.lines)
    inferred = infer.resolve(layout, source.tab_separated)
    metadata = extract(source.lines, layout)
    document = Document(source.id, source.source, source.encoding, metadata)
    document.line_count = len(source.lines)
    document.format = source.format
    document.positions = {
        line.number: (line.page, line.box) for line in source.lines if line.box is not None
    }
    document.notices.extend(inferred)
    document.inferred = tuple(sorted(source.inferred))
    _keep_furniture(document, source, layout)
    if not any(block.kind in PARSERS for block in layout.blocks):
        return _narrative_only(document, source, layout)
    ctx = Context(source.tab_separated, metadata.year, metadata.unit)
    order = sorted(
        range(len(layout.blocks)),
        key=lambda i: (_PRIORITY.get(layout.blocks[i].kind, 9), i),
    )
    parsed: dict[int, Table] = {}
    for index in order:
        block = layout.blocks[index]
        if block.kind in SECTION_KINDS:
            continue
        parser = PARSERS.get(block.kind)
        if parser is None:
            continue
        table = parser(block, ctx)
        locate_cells(table, source.lines)
        lower_inferred(table, source.inferred)
        _convert_units(table)
        parsed[index] = table
        if block.kind == "summary" and ctx.present is None:
            ctx.present = {
                row.code for row in table.rows for cell in row.cells.values() if cell.value
            }
        if block.kind == "projects" and ctx.categories is None:
            ctx.categories = {
                row.cells["category"].text
                for row in table.rows
                if "category" in row.cells
                and any(cell.value for cell in row.cells.values() if cell.value is not None)
            }
        if block.kind == "expenditure" and ctx.expenditure_columns is None:
            ctx.expenditure_columns = {
                row.code: {c for c, cell in row.cells.items() if cell.value} for row in table.rows
            }
            ctx.expenditure_keys = frozenset(table.columns)
        if block.kind == "general_basic" and ctx.economic_classes is None:
            ctx.economic_classes = {
                row.code[:3]
                for row in table.rows
                if row.code[:1].isdigit() and any(c.value for c in row.cells.values())
            }
        if block.kind == "general_basic" and ctx.three_public_items is None:
            ctx.three_public_items = _three_public_items(table)
    resolve_function_names(list(parsed.values()), ctx.notices)
    for index, block in enumerate(layout.blocks):
        if index in parsed:
            document.tables.append(parsed[index])
        else:
            document.sections.append(
                Section(block.kind, block.title.strip(), block.title_line, block.last_line)
            )
    document.sections.extend(_prose_sections(layout))
    document.prose = list(layout.prose)
    document.sections.sort(key=lambda section: section.first_line)
    document.notices.extend(ctx.notices)
    document.notices.extend(Notice("reader", message) for message in source.notices)
    _read_prose_and_targets(document, source, layout)
    coverage.measure(document, source.lines, source.tab_separated)
    if not document.tables:
        document.notices.append(Notice("no-tables", "未解析出任何表格"))
    if not any(
        cell.value is not None
        for table in document.tables
        for row in table.rows
        for cell in row.cells.values()
    ):
        reason = (
            "未能从文件中读出任何预算表数据：识别到表格标题，但没有读出任何金额"
            "（文件可能不完整、被截断，或表格是图片）"
        )
        raise InputError(source.source, reason)
    return document


_UNIT_LABEL = re.compile(r"单位[：:]")
_MAX_LABEL_LINE = 80


def _keep_furniture(document: Document, source: SourceText, layout: Layout) -> None:
    """The 目录, page headers and blank pages, which layout drops (for structure checks)."""
    by_number = {line.number: line for line in source.lines}
    document.toc = read_toc(source.lines)
    document.page_headers = [
        PageHeaderLine(h.line, by_number[h.line].text, h.department, by_number[h.line].page)
        for h in layout.headers
        if h.line in by_number
    ]
    document.unit_lines = [
        line
        for line in source.lines
        if _UNIT_LABEL.search(line.text) and len(compact(line.text)) <= _MAX_LABEL_LINE
    ]
    document.pages = source.pages
    if source.pages:
        printed = {line.page for line in source.lines if line.text.strip()}
        document.blank_pages = [
            page
            for page in range(1, source.pages + 1)
            if page not in printed and page not in source.pictured
        ]


def _narrative_only(document: Document, source: SourceText, layout: Layout) -> Document:
    """A file without tables: its 情况说明 numbers when it has them, else not a disclosure."""
    document.sections.extend(_prose_sections(layout))
    document.prose = list(layout.prose)
    document.notices.extend(Notice("reader", message) for message in source.notices)
    _read_prose_and_targets(document, source, layout)
    if not any(table.rows and table.rows[0].cells for table in document.tables):
        raise InputError(source.source, "未识别到任何预算表格，可能不是部门预算/决算公开文件")
    document.notices.append(
        Notice(
            "no-tables",
            "本文件没有预算表格，只读取了文字说明中的数字；若表格在另一份文件中，"
            "请把两份文件作为一份解析（cnbudget parse 说明.pdf 报表.pdf --as-one）",
        )
    )
    return document


def _read_prose_and_targets(document: Document, source: SourceText, layout: Layout) -> None:
    """Performance targets, narrative facts and the profile (stages after the tables)."""
    from cnbudget import performance
    from cnbudget.prose import narrative, profile
    from cnbudget.prose.scope import department_prose

    # the narrative figures are the department's: not an annex, not one unit's breakdown
    layout = replace(layout, prose=department_prose(layout.prose, document.metadata.department))
    projects, target, notices = performance.extract(source.lines, source.tab_separated)
    document.performance = projects
    document.dept_performance = target
    document.notices.extend(notices)
    for table in (performance.project_table(projects), performance.dept_table(target)):
        if table is not None:
            document.tables.append(table)
    rows = [(row.code, row.name) for table in document.tables for row in table.rows]
    prose_table, document.narrative = narrative.extract(layout.prose, rows)
    if prose_table is not None:
        document.tables.append(prose_table)
    document.profile = profile.extract(source.lines, document.metadata.department)


def _prose_sections(layout: Layout) -> list[Section]:
    """Runs of prose between tables, each titled by its first line (parsed by later stages)."""
    starts = sorted(block.title_line for block in layout.blocks)
    sections: list[Section] = []
    current: list[int] = []
    title = ""

    def flush() -> None:
        if current:
            sections.append(Section("prose", title, current[0], current[-1]))

    for line in layout.prose:
        # a table title between the previous prose line and this one ends the section
        following = bisect_right(starts, current[-1]) if current else len(starts)
        crosses = following < len(starts) and starts[following] < line.number
        if not current or crosses or PART_HEADING.match(compact(line.text)):
            flush()
            current, title = [], compact(line.text)[:40]
        current.append(line.number)
    flush()
    return sections


def _three_public_items(table: Table) -> set[str]:
    items: set[str] = set()
    for row in table.rows:
        dept = row.code.split("/")[0]
        item = _THREE_PUBLIC_CODES.get(dept)
        if item and any(cell.value for cell in row.cells.values()):
            items.add(item)
            if item.startswith("vehicles"):
                items.add("vehicles")
    return items


def _convert_units(table: Table) -> None:
    factor = _UNIT_FACTOR.get(table.unit, Decimal(1))
    if factor == 1:
        return
    for row in table.rows:
        for cell in row.cells.values():
            if cell.value is not None:
                cell.value = (cell.value / factor).normalize()
