"""Text-quality and structure rules on the real PDFs and the samples.

Unmodified, every document reports exactly the defects it really prints (checked by
hand on the page images, listed in docs/defects-textq.md). Mutated at the reader's
text (cnbudget/synthetic/mutate_source.py: a placeholder, 元→员, a year in a heading,
the “三公” table deleted or emptied; here: a page blanked, a section printed twice, a
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
from cnbudget.synthetic.mutate_source import SourceMutation, candidates, mutate_source
from cnbudget.validate.registry import Finding, NotApplicable, all_rules
from cnbudget.vocabulary.normalize import compact
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


# mutations from the mutation bench (cnbudget/synthetic/mutate_source.py), three places each
MUTATED = [
    "shanghai-putuo-justice-2026-budget-dept.pdf",
    "guangzhou-petition-2026-budget-dept.pdf",
    "hangzhou-meteorology-2026-budget-dept.pdf",
    "changsha-petition-2026-budget-dept.pdf",
    "central-state-petition-bureau-2024-final-dept.pdf",
]
SEEDS = range(3)


def _mutations(name: str, kind: str) -> list[SourceMutation]:
    found = [mutate_source(_source(name), _clean(name), kind, seed) for seed in SEEDS]
    return [m for m in found if m is not None and not m.equivalent]


@pytest.mark.parametrize("name", MUTATED)
@pytest.mark.parametrize(
    ("kind", "rule_id"), [("placeholder", "TEXT-PLACEHOLDER"), ("unit_typo", "TEXT-UNIT-TYPO")]
)
def test_placeholders_and_unit_typos_are_found_where_they_are(
    name: str, kind: str, rule_id: str
) -> None:
    mutations = _mutations(name, kind)
    assert mutations
    for mutation in mutations:
        found = [f for f in _findings(parse_source(mutation.source)) if f.rule == rule_id]
        assert [f.line for f in found] == [mutation.line], mutation.describe()


@pytest.mark.parametrize("name", MUTATED)
def test_a_year_changed_in_a_heading(name: str) -> None:
    """A year moved in a title or heading about the budget is found at its line (on the
    cover, where it sets the document year, at every other heading); a year in a
    sentence or a caption may be another year's and is not reported."""
    headings = 0
    for mutation in _mutations(name, "year"):
        after = compact(mutation.changes[0].after)
        document = parse_source(mutation.source)
        found = [f.line for f in _findings(document) if f.rule == "TEXT-YEAR"]
        if document.metadata.year != _clean(name).metadata.year:
            assert found, mutation.describe()
        elif len(after) <= 40 and not re.search(r"[，。；]", after):
            if re.search(r"预算|决算|表$", after):
                headings += 1
                assert mutation.line in found, mutation.describe()
    assert headings


def _three_public(name: str, kind: str) -> SourceMutation:
    """The mutation of `kind` (delete_table, empty_table) that takes the “三公” table."""
    source, clean = _source(name), _clean(name)
    for seed in range(candidates(source, clean, kind)):
        mutation = mutate_source(source, clean, kind, seed)
        if mutation is not None and mutation.table == "three_public":
            return mutation
    raise AssertionError("no “三公” table")


TABLE_DOCUMENTS = [
    "shanghai-putuo-justice-2026-budget-dept.pdf",
    "guangzhou-petition-2026-budget-dept.pdf",
    "central-state-petition-bureau-2024-final-dept.pdf",
    "changsha-petition-2026-budget-dept.pdf",
]


@pytest.mark.parametrize("name", TABLE_DOCUMENTS)
def test_a_deleted_table_named_in_the_toc(name: str) -> None:
    document = parse_source(_three_public(name, "delete_table").source)
    found = [f for f in _findings(document) if f.rule == "STRUCT-TOC-TABLE"]
    assert [(f.table, f.severity) for f in found] == [("three_public", "error")]


@pytest.mark.parametrize(
    "name", ["shenzhen-petition-2026-budget-dept.pdf", "guangzhou-petition-2026-budget-dept.pdf"]
)
def test_an_emptied_table_the_prose_describes(name: str) -> None:
    document = parse_source(_three_public(name, "empty_table").source)
    found = [f for f in _findings(document) if f.rule == "STRUCT-PROSE-TABLE"]
    assert [(f.table, f.severity) for f in found] == [("three_public", "error")]


# mutations the bench does not make: a blank page, a section twice, a reason left out


def _drop(source: SourceText, keep: Callable[[int | None], bool]) -> SourceText:
    return replace(source, lines=[line for line in source.lines if keep(line.page)])


@pytest.mark.parametrize("name", MUTATED)
def test_a_reason_left_out(name: str) -> None:
    source, clean = _source(name), _clean(name)
    reason = re.compile(r"(主要用于|主要原因是)[^。；]{4,}([。；])")
    line = next(line for line in clean.prose if reason.search(line.text))
    cut = reason.sub(r"\1\2", line.text, count=1)
    lines = [replace(x, text=cut) if x.number == line.number else x for x in source.lines]
    document = parse_source(replace(source, lines=lines))
    found = [f.line for f in _findings(document) if f.rule == "TEXT-EMPTY-REASON"]
    assert line.number in found


@pytest.mark.parametrize("name", TABLE_DOCUMENTS)
def test_a_blanked_page(name: str) -> None:
    clean = _clean(name)
    page = clean.positions[clean.prose[len(clean.prose) // 2].number][0]
    document = parse_source(_drop(_source(name), lambda p: p != page))
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
