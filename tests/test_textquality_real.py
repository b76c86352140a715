"""Text-quality and structure rules on the real PDFs and the samples.

Unmodified, every document reports exactly the defects it really prints (checked by
hand on the page images, listed in docs/defects-textq.md). Mutated at the reader's
text (a placeholder in a page header, 元→员, a table named in the 目录 deleted, the
“三公” table emptied, a page blanked, a year changed, a section printed twice, a
reason left out), the rule for that defect fires on the mutated place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache

import pytest

from cnbudget.model import Document
from cnbudget.pipeline import parse_source
from cnbudget.readers import read_file
from cnbudget.readers.text import SourceText
from cnbudget.validate.registry import Finding, NotApplicable, all_rules
from tests.conftest import CORPUS, REAL_CORPUS

DOCUMENTS = sorted(p.name for p in REAL_CORPUS.glob("*.pdf")) + sorted(
    p.name for p in CORPUS.glob("*.txt")
)
# (rule, page) of each real defect; text samples have no pages: (rule, line)
REAL_DEFECTS: dict[str, set[tuple[str, int | None]]] = {
    "foshan-rail-transit-2019-final-dept.pdf": {("TEXT-TRUNCATED-SENTENCE", 27)},
    "fuzhou-commerce-2026-budget-dept.pdf": {("TEXT-REPEATED-PUNCTUATION", 9)},
    "shanghai-putuo-justice-2026-budget-dept.pdf": {
        ("STRUCT-BLANK-PAGE", 3),
        ("TEXT-REPEATED-PUNCTUATION", 8),
    },
    "shanghai-putuo-justice-2026-budget-unit.pdf": {("TEXT-EMPTY-REASON", 21)},
    "shanghai-putuo-planning-resources-2024-final-dept.pdf": {("STRUCT-DEPARTMENT", 7)},
    "shanghai-putuo-welfare-home-2024-budget-unit.pdf": {("TEXT-EMPTY-REASON", 16)},
    "hebei-tangshan-fengrun-medical-insurance-2025.txt": {("TEXT-REPEATED-WORD", 825)},
}
_PAGE = re.compile(r"第 (\d+) 页")


@cache
def _source(name: str) -> SourceText:
    folder = REAL_CORPUS if name.endswith(".pdf") else CORPUS
    return read_file(folder / name)


@cache
def _clean(name: str) -> Document:
    return parse_source(_source(name))


def _findings(document: Document) -> list[Finding]:
    found: list[Finding] = []
    for rule in all_rules():
        if rule.id.startswith(("TEXT-", "STRUCT-")):
            try:
                found.extend(rule.function(document))
            except NotApplicable:
                continue
    return found


def _place(document: Document, finding: Finding) -> int | None:
    if finding.line is None:
        page = _PAGE.search(finding.message)
        return int(page.group(1)) if page else None
    if document.format == "text":
        return finding.line
    return document.positions.get(finding.line, (None, None))[0]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_unmodified_documents_report_only_their_real_defects(name: str) -> None:
    document = _clean(name)
    found = {(f.rule, _place(document, f)) for f in _findings(document)}
    assert found == REAL_DEFECTS.get(name, set())


# mutations of the reader's lines (minimal; the mutation bench has the full set)


def _edit(source: SourceText, number: int, text: str) -> SourceText:
    lines = [replace(line, text=text) if line.number == number else line for line in source.lines]
    return replace(source, lines=lines)


def _drop(source: SourceText, keep: Callable[[int, int | None], bool]) -> SourceText:
    return replace(source, lines=[line for line in source.lines if keep(line.number, line.page)])


def _text(source: SourceText, number: int) -> str:
    return next(line.text for line in source.lines if line.number == number)


def _placeholder_in_header(source: SourceText, clean: Document) -> tuple[SourceText, int]:
    header = next(h for h in clean.page_headers if h.department)
    text = _text(source, header.line).replace(header.department or "", "XX单位")
    return _edit(source, header.line, text), header.line


def _unit_typo(source: SourceText, clean: Document) -> tuple[SourceText, int]:
    line = next(line for line in clean.prose if re.search(r"\d万元", line.text))
    return _edit(
        source, line.number, re.sub(r"(\d)万元", r"\1万员", line.text, count=1)
    ), line.number


def _year_in_heading(source: SourceText, clean: Document) -> tuple[SourceText, int]:
    year = str(clean.metadata.year)
    titles = [
        t.line for t in clean.tables if t.kind != "narrative" and year in _text(source, t.line)
    ]
    headings = [
        line.number
        for line in clean.prose
        if re.match(rf"^第.部分\s*{year}\s*年", line.text.strip()) and "。" not in line.text
    ]
    number = (titles or headings)[-1]
    moved = str(int(year) - 1)
    return _edit(source, number, _text(source, number).replace(year, moved)), number


def _empty_reason(source: SourceText, clean: Document) -> tuple[SourceText, int]:
    reason = re.compile(r"(主要用于|主要原因是)[^。；]{4,}([。；])")
    line = next(line for line in clean.prose if reason.search(line.text))
    return _edit(source, line.number, reason.sub(r"\1\2", line.text, count=1)), line.number


MUTATIONS = [
    ("TEXT-PLACEHOLDER", _placeholder_in_header),
    ("TEXT-UNIT-TYPO", _unit_typo),
    ("TEXT-YEAR", _year_in_heading),
    ("TEXT-EMPTY-REASON", _empty_reason),
]
MUTATED = [
    "shanghai-putuo-justice-2026-budget-dept.pdf",
    "guangzhou-petition-2026-budget-dept.pdf",
    "hangzhou-meteorology-2026-budget-dept.pdf",
    "changsha-petition-2026-budget-dept.pdf",
]


@pytest.mark.parametrize("name", MUTATED)
@pytest.mark.parametrize(("rule_id", "mutate"), MUTATIONS)
def test_line_mutations_are_found_where_they_are(
    name: str, rule_id: str, mutate: Callable[[SourceText, Document], tuple[SourceText, int]]
) -> None:
    source, line = mutate(_source(name), _clean(name))
    found = [f for f in _findings(parse_source(source)) if f.rule == rule_id]
    assert [f.line for f in found] == [line]


TABLE_DOCUMENTS = [
    "shanghai-putuo-justice-2026-budget-dept.pdf",
    "guangzhou-petition-2026-budget-dept.pdf",
    "central-state-petition-bureau-2024-final-dept.pdf",
    "changsha-petition-2026-budget-dept.pdf",
]


def _span(clean: Document, kind: str) -> tuple[int, int]:
    table = next(t for t in clean.tables if t.kind == kind)
    last = max([table.last_line or table.line, *(row.line for row in table.rows)])
    return table.line, last


@pytest.mark.parametrize("name", TABLE_DOCUMENTS)
def test_a_deleted_table_named_in_the_toc(name: str) -> None:
    first, last = _span(_clean(name), "three_public")
    document = parse_source(_drop(_source(name), lambda n, _: not first <= n <= last))
    found = [f for f in _findings(document) if f.rule == "STRUCT-TOC-TABLE"]
    assert [(f.table, f.severity) for f in found] == [("three_public", "error")]


@pytest.mark.parametrize(
    "name", ["shenzhen-petition-2026-budget-dept.pdf", "guangzhou-petition-2026-budget-dept.pdf"]
)
def test_an_emptied_table_the_prose_describes(name: str) -> None:
    source, clean = _source(name), _clean(name)
    first, last = _span(clean, "three_public")
    amount = re.compile(r"(?<![\d.])\d[\d,]*\.\d+")
    for line in source.lines:
        if first < line.number <= last:
            source = _edit(source, line.number, amount.sub("", line.text))
    found = [f for f in _findings(parse_source(source)) if f.rule == "STRUCT-PROSE-TABLE"]
    assert [(f.table, f.severity) for f in found] == [("three_public", "error")]


@pytest.mark.parametrize("name", TABLE_DOCUMENTS)
def test_a_blanked_page(name: str) -> None:
    clean = _clean(name)
    page = clean.positions[clean.prose[len(clean.prose) // 2].number][0]
    document = parse_source(_drop(_source(name), lambda _, p: p != page))
    found = {_place(document, f) for f in _findings(document) if f.rule == "STRUCT-BLANK-PAGE"}
    assert found - set(clean.blank_pages) == {page}


@pytest.mark.parametrize("name", ["guangzhou-petition-2026-budget-dept.pdf"])
def test_a_section_printed_twice(name: str) -> None:
    source, clean = _source(name), _clean(name)
    heading = next(
        line
        for line, body in zip(clean.prose, clean.prose[1:], strict=False)
        if re.match(r"^[一二三四五六七八九十]+、", line.text) and len(body.text) > 60
    )
    lines = list(source.lines)
    index = next(i for i, line in enumerate(lines) if line.number == heading.number)
    twice = lines[: index + 2] + lines[index : index + 2] + lines[index + 2 :]
    source = replace(source, lines=[replace(line, number=i + 1) for i, line in enumerate(twice)])
    found = [f for f in _findings(parse_source(source)) if f.rule == "STRUCT-DUPLICATE"]
    assert len(found) == 1 and heading.text.strip()[:4] in found[0].message
