"""Text quality: placeholders, unit typos, repeated words and punctuation, empty reasons,
lost numbers and wrong years in headings.

Each rule reads the printed text the parser kept (prose lines, page headers, table
titles, row names and text cells) and reports what is certain from the text alone.
The words looked for are data in cnbudget/vocabulary/textquality.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise

from cnbudget.model import Document, Severity
from cnbudget.validate.registry import Finding, NotApplicable, rule
from cnbudget.vocabulary import textquality as words
from cnbudget.vocabulary.normalize import compact


@dataclass(frozen=True, slots=True)
class Printed:
    """One piece of printed text: its source line, the text and the table it belongs to."""

    line: int
    text: str
    table: str | None = None


def printed_text(document: Document, tables: bool = True) -> Iterator[Printed]:
    """Prose lines, page headers and (with `tables`) table titles, row names and text cells."""
    for line in document.prose:
        yield Printed(line.number, line.text)
    for header in document.page_headers:
        yield Printed(header.line, header.text)
    if not tables:
        return
    for table in document.tables:
        if table.kind == "narrative":
            continue  # its cells are amounts quoted from the prose, read above
        yield Printed(table.line, table.title, table.kind)
        for row in table.rows:
            yield Printed(row.line, row.name, table.kind)
            for cell in row.cells.values():
                if cell.is_text:
                    yield Printed(cell.line or row.line, cell.text, table.kind)


def _excerpt(text: str, start: int, end: int, margin: int = 12) -> str:
    return compact(text[max(0, start - margin) : end + margin])


def _matches(
    document: Document,
    rule_id: str,
    severity: Severity,
    pattern: re.Pattern[str],
    say: Callable[[re.Match[str], str], str],
) -> Iterator[Finding]:
    """A finding for each match of `pattern` in the prose and page headers (compacted);
    `say(match, excerpt)` words the message."""
    for item in printed_text(document, tables=False):
        if "\t" in item.text:
            continue  # a table row or header that layout left in the prose
        flat = compact(item.text)
        for found in pattern.finditer(flat):
            excerpt = _excerpt(flat, found.start(), found.end())
            yield Finding(rule_id, severity, say(found, excerpt), line=item.line)


_PLACEHOLDER = re.compile("|".join(words.PLACEHOLDERS))


@rule(
    "TEXT-PLACEHOLDER",
    "error",
    "文字质量",
    "没有残留的模板占位符",
    "正文、页眉、表格标题和表中文字不应残留模板占位符（XX、××、某某、□□ 等），"
    "占位符说明文件没有填写完整。",
    "页眉“部门名称：XX单位”；正文“比上年增加XX万元”。",
)
def placeholders(document: Document) -> Iterator[Finding]:
    for item in printed_text(document):
        for found in _PLACEHOLDER.finditer(item.text):
            yield Finding(
                "TEXT-PLACEHOLDER",
                "error",
                f"文字中残留模板占位符“{found.group(0)}”："
                f"“{_excerpt(item.text, found.start(), found.end())}”",
                item.table,
                line=item.line,
            )


_NUMBER = r"\d(?:[\d,，]*\d)?(?:\.\d+)?"
_UNIT_TYPO = re.compile(
    rf"({_NUMBER})\s*({'|'.join(words.UNIT_TYPOS)}|[{words.SINGLE_TYPOS}](?![\u4e00-\u9fff]))"
    rf"|{words.UNIT_LABEL_TYPO}"
)


@rule(
    "TEXT-UNIT-TYPO",
    "warning",
    "文字质量",
    "金额单位没有错别字",
    "金额后和“单位：”后的单位应为“元”“万元”，写成“员”“园”“万远”等为错别字。",
    "“一般公共预算拨款收入 1,234.56 万员”。",
)
def unit_typos(document: Document) -> Iterator[Finding]:
    labels = [Printed(line.number, line.text) for line in document.unit_lines]
    seen: set[tuple[int, str]] = set()
    for item in [*printed_text(document), *labels]:
        for found in _UNIT_TYPO.finditer(item.text):
            if (item.line, found.group(0)) in seen:
                continue
            seen.add((item.line, found.group(0)))
            where = f"金额“{found.group(1)}”后的单位" if found.group(1) else "金额单位"
            unit = found.group(2) or found.group(3)
            yield Finding(
                "TEXT-UNIT-TYPO",
                "warning",
                f"{where}“{unit}”疑为错别字（应为“元”或“万元”）："
                f"“{_excerpt(item.text, found.start(), found.end())}”",
                item.table,
                line=item.line,
            )


_PUNCTUATION = re.compile(r"([。，、；：！？])\1+")


@rule(
    "TEXT-REPEATED-PUNCTUATION",
    "info",
    "文字质量",
    "标点没有重复",
    "同一个标点连续出现两次（“。。”“，，”）为笔误。",
    "“……贡献商务力量。。围绕上述任务……”。",
)
def repeated_punctuation(document: Document) -> Iterator[Finding]:
    return _matches(
        document,
        "TEXT-REPEATED-PUNCTUATION",
        "info",
        _PUNCTUATION,
        lambda found, excerpt: f"标点“{found.group(0)}”重复：“{excerpt}”",
    )


_HAN = "\u4e00-\u9fff"
# a word of three or more characters printed twice; two characters twice before a
# punctuation mark (a two-character word doubled before another character is often
# two words: 更换工程工程款, 工作人员人员); one character twice from a short list
_DOUBLED = re.compile(
    rf"([{_HAN}]{{3,8}})\1"
    rf"|([{_HAN}]{{2}})\2(?=[，。；、：）)]|$)"
    rf"|([{words.DOUBLED_CHARACTERS}])\3"
)


@rule(
    "TEXT-REPEATED-WORD",
    "info",
    "文字质量",
    "词语没有重复",
    "同一个词连续出现两次（“主要为主要为”“的的”）为笔误。",
    "“……万元，主要为主要为基金监管费”。",
)
def repeated_words(document: Document) -> Iterator[Finding]:
    return _matches(
        document,
        "TEXT-REPEATED-WORD",
        "info",
        _DOUBLED,
        lambda found, excerpt: f"词语“{found.group(0)}”重复：“{excerpt}”",
    )


_EMPTY_REASON = re.compile(
    rf"({'|'.join(sorted(words.REASON_WORDS, key=len, reverse=True))})[：:]?\s*[。；;]"
)


@rule(
    "TEXT-EMPTY-REASON",
    "warning",
    "文字质量",
    "说明原因或用途的句子不为空",
    "“主要原因是”“主要用于”之后直接是句号，原因或用途没有写。",
    "“……与上年预算持平，主要原因是。”",
)
def empty_reasons(document: Document) -> Iterator[Finding]:
    return _matches(
        document,
        "TEXT-EMPTY-REASON",
        "warning",
        _EMPTY_REASON,
        lambda found, excerpt: f"“{found.group(1)}”之后没有内容：“{excerpt}”",
    )


_LOST_NUMBER = re.compile(
    rf"({'|'.join(words.AMOUNT_WORDS)})[：:]?({'|'.join(re.escape(u) for u in words.AMOUNT_UNITS)})"
)


@rule(
    "TEXT-MISSING-NUMBER",
    "warning",
    "文字质量",
    "金额和比例没有漏写数字",
    "“增加”“减少”“合计”等词与“万元”“%”之间应有数字，没有数字说明句子残缺。",
    "“比上年增加万元，增长%”。",
)
def missing_numbers(document: Document) -> Iterator[Finding]:
    return _matches(
        document,
        "TEXT-MISSING-NUMBER",
        "warning",
        _LOST_NUMBER,
        lambda found,
        excerpt: f"“{found.group(1)}”与“{found.group(2)}”之间没有数字，句子残缺：“{excerpt}”",
    )


_YEAR = re.compile(r"(?<!\d)(20\d{2})\s*年度?")
# a year naming the budget in a heading (2026年部门预算, 2026年国有资本经营预算情况说明);
# 2025年预算执行情况 in a 2026 budget is about last year, not a heading of this one
_TITLE_YEAR = re.compile(
    r"(?<!\d)(20\d{2})\s*年度?\S{0,20}?"
    r"(?:(?:部门|单位)(?:预算|决算)|(?:预算|决算)(?:绩效)?(?:总?表|情况说明|说明|编制说明|安排情况))"
    r"(?!执行)"
)
_HEADING = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])"
)


@rule(
    "TEXT-YEAR",
    "warning",
    "文字质量",
    "标题中的年度与文件年度一致",
    "表格标题、页眉和章节标题中的年度（“2025年部门预算表”）应与文件的预算（决算）年度一致；"
    "正文中提到上年、往年不在此列。",
    "2026 年部门预算中的表格标题“2025年部门收支总表”。",
)
def wrong_years(document: Document) -> Iterator[Finding]:
    year = document.metadata.year
    if year is None:
        raise NotApplicable("文件年度不明")
    seen: set[tuple[int, int]] = set()
    for item in _headings(document):
        pattern = _YEAR if item.table else _TITLE_YEAR
        for found in pattern.finditer(compact(item.text)):
            printed = int(found.group(1))
            if printed == year or (item.line, printed) in seen:
                continue
            seen.add((item.line, printed))
            yield Finding(
                "TEXT-YEAR",
                "warning",
                f"标题中的年度 {printed} 年与文件年度 {year} 年不一致：“{compact(item.text)[:40]}”",
                item.table,
                line=item.line,
            )


def _headings(document: Document) -> Iterator[Printed]:
    """Table titles (with their kind), 目录 entries, short heading lines, page headers."""
    for table in document.tables:
        if table.kind not in ("narrative", "performance", "dept_performance"):
            yield Printed(table.line, table.title, table.kind)
    for entry in document.toc:
        yield Printed(entry.line, entry.text, entry.kind)
    for line in document.prose:
        flat = compact(line.text)
        if (
            len(flat) <= _MAX_HEADING
            and "\t" not in line.text
            and not re.search(r"[，。；,;]", flat)
        ):
            yield Printed(line.number, line.text)
    for header in document.page_headers:
        yield Printed(header.line, header.text)


_MAX_HEADING = 40


_OUTLINE = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])"
)
_SENTENCE_END = re.compile(r"[。；！？：:…”’）)》」】.;!?]$")
_MIN_SENTENCE = 30  # compact characters with a comma: running text, not a label


@rule(
    "TEXT-TRUNCATED-SENTENCE",
    "info",
    "文字质量",
    "段落以完整的句子结束",
    "正文段落（含逗号的 30 字以上文字）紧接下一个章节标题却没有以句号等结束，句子可能残缺。",
    "“……主要包括接待其他省市交通局参观所产生的费用”之后直接是“四、其他重要事项的情况说明”。",
)
def truncated_sentences(document: Document) -> Iterator[Finding]:
    lines = [line for line in document.prose if compact(line.text)]
    for line, following in pairwise(lines):
        flat = compact(line.text)
        if "\t" in line.text or len(flat) < _MIN_SENTENCE or not re.search(r"[，,]", flat):
            continue
        if _SENTENCE_END.search(flat) or not _OUTLINE.match(compact(following.text)):
            continue
        yield Finding(
            "TEXT-TRUNCATED-SENTENCE",
            "info",
            f"段落在下一个标题前没有结束（没有句号），句子可能残缺：“…{flat[-24:]}”",
            line=line.number,
        )


_BARE_VALUE = re.compile(r"^[≥≤=<>＞＜≧≦]*\s*[%％]?$")


@rule(
    "TEXT-TRUNCATED-INDICATOR",
    "warning",
    "文字质量",
    "绩效指标值完整",
    "绩效指标的指标值为空，或只有比较符号、单位而没有数字和文字（“≥”“≥%”），指标残缺。",
    "产出指标“参保人数”的指标值只印了“≥”。",
)
def truncated_indicators(document: Document) -> Iterator[Finding]:
    indicators = [(p.name, i) for p in document.performance for i in p.indicators]
    if document.dept_performance is not None:
        indicators += [("部门整体绩效目标", i) for i in document.dept_performance.indicators]
    if not indicators:
        raise NotApplicable("文件中没有读到绩效指标")
    for owner, indicator in indicators:
        if not _BARE_VALUE.match(compact(indicator.raw)):
            continue
        shown = f"“{indicator.raw.strip()}”" if indicator.raw.strip() else "空白"
        yield Finding(
            "TEXT-TRUNCATED-INDICATOR",
            "warning",
            f"“{owner}”的绩效指标“{indicator.name}”指标值为{shown}，指标残缺",
            "performance",
            line=indicator.line or None,
        )
