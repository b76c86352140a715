"""What a prose figure is about: the sentence that states it and its scope words."""

from __future__ import annotations

from cnbudget.model import Cell, Document, Row
from cnbudget.prose.text import Prose, join
from cnbudget.validate.common import cell_line, memo
from cnbudget.vocabulary.normalize import compact
from cnbudget.vocabulary.scope import OWN_OFFICE, PROJECT, SENTENCE_END


def _prose(document: Document) -> Prose:
    return memo(document, "scope_prose", lambda d: join(d.prose))


def sentence_before(document: Document, cell: Cell, row: Row) -> str:
    """The sentence stating a prose figure, up to the figure (its subject and wording)."""
    prose = _prose(document)
    line = cell_line(cell, row)
    try:
        start = prose.starts[prose.numbers.index(line)]
    except ValueError:
        return ""
    at = prose.text.find(compact(cell.text), start)
    if at < 0:
        return ""
    begin = max((prose.text.rfind(mark, 0, at) for mark in SENTENCE_END), default=-1) + 1
    return prose.text[begin:at]


def other_scope(document: Document, cell: Cell, row: Row) -> str | None:
    """Why a prose figure is not about the whole document's totals (None: it is)."""
    before = sentence_before(document, cell, row)
    if PROJECT.search(before):
        return "所在句子说的是某个项目"
    if document.metadata.scope != "单位" and OWN_OFFICE.search(before):
        return "所在句子说的是部门本级，不含所属单位"
    return None
