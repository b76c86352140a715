"""Document structure: tables named in the 目录 are printed, tables marked empty print
nothing, no blank pages or duplicated sections, one department name throughout.

The 目录 entries, page headers and blank pages are kept on the Document by the
pipeline (cnbudget/layout/toc.py, Document.page_headers, Document.blank_pages).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise

from cnbudget.model import Document, SourceLine, Table
from cnbudget.validate.common import table_name
from cnbudget.validate.registry import Finding, NotApplicable, rule
from cnbudget.validate.textquality import _PLACEHOLDER
from cnbudget.vocabulary import textquality as words
from cnbudget.vocabulary.normalize import compact

# tables built from prose or targets, never named in a 目录 as tables of amounts
_DERIVED = frozenset({"narrative"})


def _toc_end(document: Document) -> int:
    return max((entry.line for entry in document.toc), default=0)


def _printed_kinds(document: Document) -> set[str]:
    """Kinds of the tables (and unparsed table sections) printed after the 目录."""
    end = _toc_end(document)
    kinds = {t.kind for t in document.tables if t.line > end}
    kinds |= {s.kind for s in document.sections if s.first_line > end and s.kind != "prose"}
    return kinds


@rule(
    "STRUCT-TOC-TABLE",
    "error",
    "文件结构",
    "目录列出的表格都已公开",
    "目录中列出的每一张表都应在文件中出现；目录列出而正文中找不到的表为错误（表格被删除或漏印）。",
    "目录列有“七、一般公共预算“三公”经费支出表”，文件中没有这张表。",
)
def toc_tables(document: Document) -> Iterator[Finding]:
    named = [entry for entry in document.toc if entry.kind and entry.kind not in _DERIVED]
    if not named:
        raise NotApplicable("文件没有目录，或目录中没有列出表格")
    printed = _printed_kinds(document)
    reported: set[str] = set()
    for entry in named:
        kind = entry.kind or ""
        if kind in printed or kind in reported:
            continue
        reported.add(kind)
        yield Finding(
            "STRUCT-TOC-TABLE",
            "error",
            f"目录列出了“{entry.text}”，但文件中找不到这张表（{table_name(kind)}）",
            kind,
            line=entry.line,
        )


_MARKED_EMPTY = re.compile(r"空表|无数据|无发生额|本表无|此表无")


def _marked_empty(table: Table) -> bool:
    return bool(table.empty_note and _MARKED_EMPTY.search(compact(table.empty_note)))


@rule(
    "STRUCT-EMPTY-MARKED",
    "error",
    "文件结构",
    "注明为空表的表格没有数字",
    "表格注明“本表无数据”“空表”，表中却印有非零金额：说明与表格内容矛盾。",
    "政府性基金预算支出表注明“本表无数据”，表中印有 120.00。",
)
def marked_empty(document: Document) -> Iterator[Finding]:
    for table in document.tables:
        if not _marked_empty(table):
            continue
        nonzero = [(row, cell) for row in table.rows for cell in row.cells.values() if cell.value]
        if not nonzero:
            continue
        row, cell = nonzero[0]
        yield Finding(
            "STRUCT-EMPTY-MARKED",
            "error",
            f"{table_name(table.kind)}注明“{table.empty_note}”，表中却印有"
            f" {len(nonzero)} 个非零金额（如“{row.name}”{cell.text}）",
            table.kind,
            row.code,
            cell.column,
            row.line,
        )


@rule(
    "STRUCT-BLANK-PAGE",
    "warning",
    "文件结构",
    "没有空白页",
    "文件中间的空白页（既无文字也无图片）可能是漏印了内容。",
    "第 3 页为空白页。",
)
def blank_pages(document: Document) -> Iterator[Finding]:
    if document.pages is None:
        raise NotApplicable("文件没有分页信息（只检查 PDF）")
    for page in document.blank_pages:
        if page == document.pages:
            continue  # a blank last page (the back cover) is printing, not content
        yield Finding(
            "STRUCT-BLANK-PAGE",
            "warning",
            f"第 {page} 页为空白页（没有文字也没有图片），可能漏印了内容",
        )


# tables that a document may legitimately print more than once (one per unit, project)
_REPEATABLE = frozenset({"narrative", "performance", "dept_performance", "unknown"})
_MIN_PARAGRAPH = 40  # compact characters: a shorter line may repeat (a heading, a label)


@rule(
    "STRUCT-DUPLICATE",
    "warning",
    "文件结构",
    "没有重复的章节",
    "同一张表在文件中分两处印出，或同一章节（标题及其下第一段）原样印了两遍，为重复章节。",
    "“一般公共预算“三公”经费支出表”在第 12 页和第 15 页各印了一次。",
)
def duplicates(document: Document) -> Iterator[Finding]:
    counts = Counter(t.kind for t in document.tables if t.kind not in _REPEATABLE)
    for kind, count in counts.items():
        if count > 1:
            lines = [t.line for t in document.tables if t.kind == kind]
            yield Finding(
                "STRUCT-DUPLICATE",
                "warning",
                f"{table_name(kind)}在文件中出现了 {count} 次（第 "
                + "、".join(str(n) for n in lines)
                + " 行）",
                kind,
                line=lines[1],
            )
    yield from _repeated_sections(document)


def _repeated_sections(document: Document) -> Iterator[Finding]:
    """A heading printed again with the same first paragraph under it: a section twice.

    A repeated paragraph alone is not enough (a target may restate the duties; text
    overflowing a page frame is read twice), nor a repeated heading alone (the 目录).
    """
    lines = [line for line in document.prose if compact(line.text)]
    earlier: dict[tuple[str, str], int] = {}  # (heading, first paragraph) → line
    reported: set[str] = set()
    for line, following in pairwise(lines):
        flat = compact(line.text)
        if len(flat) > _MAX_HEADING or not _SECTION_HEADING.match(flat):
            continue
        body = compact(following.text)
        if len(body) < _MIN_PARAGRAPH:
            continue
        first = earlier.setdefault((flat, body), line.number)
        if first != line.number and flat not in reported:
            reported.add(flat)
            yield Finding(
                "STRUCT-DUPLICATE",
                "warning",
                f"章节“{flat}”印了两遍（第 {first} 行和第 {line.number} 行，标题和正文相同）",
                line=line.number,
            )


_MAX_HEADING = 40
_SECTION_HEADING = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])"
)


_SUFFIX = re.compile(r"[（(][^）)]*[）)]$")
_CODE_PREFIX = re.compile(r"^\d+[-－—]")


def _plain_name(name: str) -> str:
    return _SUFFIX.sub("", _CODE_PREFIX.sub("", compact(name)))


def same_department(printed: str, department: str) -> bool:
    """True when a printed name is the department's (or a shortening of it)."""
    a, b = _plain_name(printed), _plain_name(department)
    return bool(a and b) and (a in b or b in a)


@rule(
    "STRUCT-DEPARTMENT",
    "warning",
    "文件结构",
    "封面、页眉、表格中的部门名称一致",
    "页眉（部门名称：…）和表格标题中的部门名称应与封面上的部门一致（可以省略地区前缀）。",
    "封面为“上海市普陀区司法局”，第 12 页页眉为“编制部门：上海市普陀区财政局”。",
)
def department_names(document: Document) -> Iterator[Finding]:
    department = document.metadata.department
    if not department:
        raise NotApplicable("文件没有写明部门名称")
    reported: set[str] = set()
    for header in document.page_headers:
        name = header.department
        if not name or name in reported or _PLACEHOLDER.search(name):
            continue  # a placeholder is TEXT-PLACEHOLDER's
        if same_department(name, department):
            continue
        reported.add(name)
        where = f"第 {header.page} 页页眉" if header.page else "页眉"
        yield Finding(
            "STRUCT-DEPARTMENT",
            "warning",
            f"{where}的部门名称“{name}”与封面的“{department}”不一致",
            line=header.line,
        )
    for line, name in _heading_names(document):
        if name in reported or _PLACEHOLDER.search(name) or same_department(name, department):
            continue
        reported.add(name)
        yield Finding(
            "STRUCT-DEPARTMENT",
            "warning",
            f"标题“{compact(line.text)}”中的部门名称“{name}”与封面的“{department}”不一致",
            line=line.number,
        )


# a heading naming the department: 第二部分 国家信访局2024年度部门决算表, 广州市商务局概况
_HEADING_LEAD = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)?(?:附件[：:])?(?:纳入|关于)?"
    r"(?:20\d{2}年度?)?"
)
_HEADING_NAME = re.compile(
    r"^(\S{2,30}?(?:局|委员会|办公室|中心|院|厅|部|馆|处|站|所|队|委|办))(?:本级)?"
    r"(?:20\d{2}年度?)?(?:部门|单位)?(?:预算|决算|概况|基本情况|主要职能)"
)


def _heading_names(document: Document) -> Iterator[tuple[SourceLine, str]]:
    """Short prose lines that name the department before 预算/决算/概况, with the name."""
    for line in document.prose:
        flat = compact(line.text)
        if len(flat) > _MAX_HEADING or re.search(r"[，。；]", flat):
            continue
        found = _HEADING_NAME.match(_HEADING_LEAD.sub("", flat, count=1))
        if found:
            yield line, found.group(1)


def _nonzero(table: Table) -> bool:
    return any(cell.value for row in table.rows for cell in row.cells.values())


@rule(
    "STRUCT-PROSE-TABLE",
    "error",
    "文件结构",
    "情况说明介绍的表格没有被删除或清空",
    "情况说明写明了收入、支出或“三公”经费的非零金额，对应的表格（收支总表、收入总表、"
    "支出总表、“三公”经费支出表）就应印有金额；表格缺失或没有任何非零金额为错误。",
    "情况说明称“三公”经费预算 12.50 万元，“三公”经费支出表却没有任何金额。",
)
def prose_tables(document: Document) -> Iterator[Finding]:
    stated = next((t for t in document.tables if t.kind == "narrative"), None)
    if stated is None or not stated.rows:
        raise NotApplicable("情况说明中没有读到收支或“三公”经费金额")
    cells = stated.rows[0].cells
    if len({t.kind for t in document.tables}) < 3:
        raise NotApplicable("文件中的表格太少，像是只有情况说明的文件")
    for key, kinds in words.PROSE_TABLES.items():
        cell = cells.get(key)
        if cell is None or not cell.value:
            continue
        for kind in kinds:
            tables = [t for t in document.tables if t.kind == kind]
            if any(_nonzero(t) for t in tables):
                continue
            state = "没有任何非零金额" if tables else "在文件中找不到"
            yield Finding(
                "STRUCT-PROSE-TABLE",
                "error",
                f"情况说明写明“{cell.text}”万元（第 {cell.line} 行），"
                f"{table_name(kind)}却{state}，表格可能被删除或清空",
                kind,
                line=tables[0].line if tables else cell.line,
            )
