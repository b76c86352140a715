"""Split a document's lines into table blocks and prose, dropping page furniture.

A table block starts at a recognised title and runs until the next title,
part heading or prose paragraph. Titles repeated on continuation pages merge
into the open block of the same kind. Page numbers, 公开表N / 预算NN表
markers and page headers (部门（单位）：… 单位：万元) are removed, and the
line after them is flagged as the start of a new page so that the table
parser can skip a repeated header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from cnbudget.layout.tokens import PAGE_NUMBER, is_amount, tokenize
from cnbudget.model import SourceLine
from cnbudget.vocabulary.normalize import compact, normalize
from cnbudget.vocabulary.titles import title_kind

_MARKER = re.compile(r"^(?:(?:部门|单位)?(?:预算|决算)?公开表?|预算|附表)\s*\d+\s*表?$|^表\s*\d+$")
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_OUTLINE = re.compile(r"^[一二三四五六七八九十]+、\D")
PART_HEADING = _PART
_UNIT = re.compile(r"(?:金额)?单位[：:]\s*(万元|千元|元)")
_DEPARTMENT = re.compile(
    r"(?:部门[（(]单位[）)]|部门名称|单位名称|预算单位|编制单位|部门)[：:]\s*([^\s：:]+)"
)
# a page header printed on the title's line: `…预算表部门名称：杭州市气象局 单位：万元`
_GLUED_HEADER = re.compile(r"(?:部门[（(]单位[）)]|部门名称|单位名称|编制单位)[：:]")
_CODED_PAGE_HEADER = re.compile(r"^\s*\d{3,}\s+\S+\s+(?:预算年度|截止时间|年度)[：:]")
# a table kind not known from the title: decided from the content (cnbudget.tables.infer)
UNKNOWN = "unknown"
_TOC = re.compile(r"[.…·．]{3,}|\d+\s*$")
_NOTE = re.compile(
    r"^[（(]?(?:备)?注[：:1-9１-９]|^[（(]?注[）)]?$|^说明[：:]|^本表(?:仅|无|不|反映|数据)"
)


@dataclass(slots=True)
class Block:
    """The lines of one table, its title and unit; `breaks` holds page-start line numbers."""

    kind: str
    title: str
    title_line: int
    lines: list[SourceLine] = field(default_factory=list)
    unit: str | None = None
    breaks: set[int] = field(default_factory=set)
    last_line: int = 0


@dataclass(slots=True)
class PageHeader:
    """A page header line: the unit and department it names."""

    line: int
    unit: str | None
    department: str | None


@dataclass(slots=True)
class Layout:
    """Blocks, prose lines and page headers of a document."""

    blocks: list[Block]
    prose: list[SourceLine]
    headers: list[PageHeader]


@lru_cache(maxsize=8192)
def is_page_header(text: str) -> bool:
    stripped = text.strip()
    if _UNIT.search(stripped) and len(compact(stripped)) <= 60:
        return True
    if _CODED_PAGE_HEADER.match(stripped):
        return True
    return bool(re.match(r"^(?:部门[（(]单位[）)]|部门名称|单位名称)[：:]", compact(stripped)))


_EMPTY_NOTE = re.compile(r"[故此本]表无数据|本表为空|空表列示")


@lru_cache(maxsize=8192)
def is_note(text: str) -> bool:
    flat = normalize(text)
    return bool(_NOTE.match(flat) or _EMPTY_NOTE.search(flat))


@lru_cache(maxsize=8192)
def is_prose(text: str) -> bool:
    """A sentence of running text (not a table row, not a note)."""
    flat = normalize(text)
    if len(flat) < 20 or is_note(text):
        return False
    if "\t" in text and any(is_amount(cell) for cell in text.split("\t")):
        return False  # a table row with a text column (绩效目标) beside its amounts
    return "，" in flat or "。" in flat or "；" in flat


@lru_cache(maxsize=8192)
def glued_title(text: str) -> str | None:
    """The title part of a line that prints a title and the page header together."""
    found = _GLUED_HEADER.search(text)
    if found is None or found.start() == 0:
        return None
    title = text[: found.start()].strip()
    return title if title_kind(title) is not None else None


def page_header(line: SourceLine) -> PageHeader:
    unit = _UNIT.search(line.text)
    department = _DEPARTMENT.search(line.text)
    name = department.group(1) if department else None
    coded = _CODED_PAGE_HEADER.match(line.text)
    if name is None and coded:
        name = line.text.split()[1]
    if name:
        name = _UNIT.sub("", name).strip()
    return PageHeader(line.number, unit.group(1) if unit else None, name or None)


def _next_content(lines: list[SourceLine], start: int, count: int) -> list[SourceLine]:
    found = []
    for index in range(start, len(lines)):  # no slice: a copy of the rest per call is quadratic
        line = lines[index]
        if line.text.strip():
            found.append(line)
            if len(found) == count:
                break
    return found


def _previous_content(lines: list[SourceLine], index: int) -> str:
    for line in reversed(lines[max(0, index - 5) : index]):
        if line.text.strip():
            return line.text
    return ""


def _accept_title(lines: list[SourceLine], index: int) -> bool:
    following = _next_content(lines, index + 1, 1)
    if not following:
        return False
    text = following[0].text.strip()
    if text.startswith(("- ", "-\t", "·", "•")):
        return False
    if title_kind(text) is not None and not is_page_header(text):
        return False
    if is_unknown_title(text) and title_kind(lines[index].text) is None:
        return False  # a run of title-like lines: a table of contents
    if _OUTLINE.match(compact(text)) and title_kind(_previous_content(lines, index)) is not None:
        return False  # the last line of a table of contents, before the next chapter
    return not (_PART.match(compact(text)) or is_prose(text))


@lru_cache(maxsize=8192)
def is_unknown_title(text: str) -> bool:
    """A line that reads like a table title the vocabulary does not know ("XX明细表").

    Never a line of the table of contents (dot leaders, a trailing page number), a
    heading about a table (…表的说明), a cell of a table row or a sentence.
    """
    if "表" not in text or "\t" in text or title_kind(text) is not None:
        return False
    flat = normalize(text)
    if not 3 <= len(flat) <= 40 or _TOC.search(flat) or re.search(r"[，。；：:,;]", flat):
        return False
    core = re.sub(r"[（(][^）)]*[）)]$", "", flat)
    if not core.endswith("表") or core.endswith(("附表", "报表")) or _PART.match(core):
        return False
    return not any(word in core for word in ("说明", "解释", "目录"))


def _is_table_row(line: SourceLine) -> bool:
    """A tab-separated line with an amount: a row of a table, titled or not."""
    cells = [c for c in line.text.split("\t") if c.strip()]
    return len(cells) >= 2 and any(_AMOUNT_CELL.match(c.strip()) for c in cells)


_AMOUNT_CELL = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$|^-?\d{1,3}(?:,\d{3})+$")


def _doubled_title(lines: list[SourceLine], index: int, kind: str) -> bool:
    """True when the next line titles the same table (a heading above the title)."""
    nxt = next((i for i in range(index + 1, len(lines)) if lines[i].text.strip()), None)
    if nxt is None or title_kind(lines[nxt].text) != kind:
        return False
    return _accept_title(lines, nxt)


def _is_page_number(lines: list[SourceLine], index: int) -> bool:
    text = lines[index].text
    if PAGE_NUMBER.match(text):
        return True
    if not re.fullmatch(r"\s*\d{1,3}\s*", text):
        return False
    following = _next_content(lines, index + 1, 1)
    if not following:
        return True
    if lines[index].page is not None and following[0].page != lines[index].page:
        return True  # the last line of its page
    nxt = following[0].text
    return is_page_header(nxt) or title_kind(nxt) is not None or bool(_MARKER.match(compact(nxt)))


def split(lines: list[SourceLine]) -> Layout:
    """Segment the document into table blocks and prose."""
    blocks: list[Block] = []
    prose: list[SourceLine] = []
    headers: list[PageHeader] = []
    current: Block | None = None
    pending_break = False
    recent_unit: tuple[int, str] | None = None
    page = lines[0].page if lines else None

    def close() -> None:
        nonlocal current
        current = None

    for index, line in enumerate(lines):
        text = line.text
        flat = compact(text)
        if not flat:
            continue
        if line.page != page:
            # a new page known from the reader (form feed, PDF page): a page break
            pending_break = pending_break or page is not None
            page = line.page
        if _MARKER.match(flat) or _is_page_number(lines, index):
            pending_break = True
            continue
        glued = glued_title(text)
        if glued is None and is_page_header(text):
            header = page_header(line)
            headers.append(header)
            if header.unit:
                recent_unit = (line.number, header.unit)
                if current is not None and current.unit is None and not current.lines:
                    current.unit = header.unit
            pending_break = True
            continue
        if glued is not None:
            header = page_header(line)
            headers.append(header)
            if header.unit:
                recent_unit = (line.number, header.unit)
            text = glued
        kind = title_kind(text)
        if kind is not None and _doubled_title(lines, index, kind):
            # a section heading printed above the table's own title (一、收支预算总表 /
            # 2026年度收支预算总表): the title below opens the block
            pending_break = pending_break or current is not None
            continue
        if kind is None and is_unknown_title(text):
            kind = UNKNOWN
        if kind is not None and _accept_title(lines, index):
            if current is not None and current.kind == kind:
                if kind != UNKNOWN or compact(current.title) == flat:
                    pending_break = True
                    continue
            current = Block(kind, text.strip(), line.number)
            if recent_unit and line.number - recent_unit[0] <= 4:
                current.unit = recent_unit[1]
            blocks.append(current)
            pending_break = False
            continue
        if _PART.match(flat):
            close()
            prose.append(line)
            continue
        if (
            current is not None
            and current.kind not in ("performance", "dept_performance")
            and is_prose(text)
        ):
            close()
        if current is None and "\t" in text and _is_table_row(line):
            # a table without a title: its header lines went to prose just before
            current = Block(UNKNOWN, "", line.number)
            while prose and "\t" in prose[-1].text and prose[-1].page == line.page:
                current.lines.insert(0, prose.pop())
            blocks.append(current)
        if current is None:
            prose.append(line)
            continue
        if pending_break and current.lines:
            current.breaks.add(line.number)
        pending_break = False
        current.lines.append(line)
        current.last_line = line.number
    # a table-of-contents entry opens a block without a single amount; the table
    # itself follows later under the same title
    printed = {block.kind for block in blocks if _has_amount(block)}
    blocks = [block for block in blocks if block.kind not in printed or _has_amount(block)]
    return Layout(blocks, prose, headers)


def _has_amount(block: Block) -> bool:
    return any(
        token.kind == "amount"
        for line in block.lines
        for cell in line.text.split("\t")
        for token in tokenize(cell)
    )
