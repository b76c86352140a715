"""What the web pages need from the database, as one small interface over the store's API."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from cnbudget.model import Document
from cnbudget.store.originals import Original
from cnbudget.validate import Finding


@dataclass(frozen=True, slots=True)
class DocRow:
    """One line of the document list."""

    id: str
    source: str
    department: str | None
    year: int | None
    region: str | None
    kind: str
    scope: str | None
    expenditure_total: Decimal | None
    basic_total: Decimal | None
    project_total: Decimal | None
    three_public_total: Decimal | None
    errors: int = 0
    warnings: int = 0
    infos: int = 0

    @property
    def findings(self) -> int:
        return self.errors + self.warnings + self.infos

    @property
    def basic_share(self) -> Decimal | None:
        return share(self.basic_total, self.basic_total, self.project_total)

    @property
    def project_share(self) -> Decimal | None:
        return share(self.project_total, self.basic_total, self.project_total)


def share(part: Decimal | None, *whole: Decimal | None) -> Decimal | None:
    """`part` as a percentage of the sum of `whole`, two decimals (None when undefined)."""
    if part is None or any(w is None for w in whole):
        return None
    total = sum((w for w in whole if w is not None), Decimal(0))
    if not total:
        return None
    return (part * 100 / total).quantize(Decimal("0.01"))


@dataclass(frozen=True, slots=True)
class Measure:
    """A quantity to compare across documents."""

    key: str
    name: str
    unit: str
    needs_code: bool = False


MEASURES: tuple[Measure, ...] = (
    Measure("function", "功能科目金额（按科目编码）", "万元", needs_code=True),
    Measure("three_public", "“三公”经费合计", "万元"),
    Measure("basic_share", "基本支出占比", "%"),
    Measure("project_share", "项目支出占比", "%"),
    Measure("expenditure_total", "支出合计", "万元"),
    Measure("per_capita", "人均补助标准（绩效指标）", "元/人"),
)


def measure(key: str) -> Measure | None:
    return next((m for m in MEASURES if m.key == key), None)


@dataclass(frozen=True, slots=True)
class CompareRow:
    """One bar of a comparison: which document, the value and what it is made of."""

    document: str
    department: str | None
    year: int | None
    region: str | None
    value: Decimal
    label: str = ""
    detail: str = ""
    line: int | None = None
    unit: str = ""  # when it differs by row (per-person standards: 元/人, 元/人次 …)


@dataclass(slots=True)
class CompareGroup:
    """Rows that can be ranked together: one unit and one year."""

    unit: str
    year: int | None
    rows: list[CompareRow]

    @property
    def title(self) -> str:
        return f"{self.year or '年度不详'} 年 · 单位：{self.unit}"


def compare_groups(rows: list[CompareRow], unit: str) -> list[CompareGroup]:
    """Split a comparison into comparable groups (same unit, same year), each ranked from the
    largest value down; the largest groups first, then the latest year."""
    groups: dict[tuple[str, int | None], list[CompareRow]] = {}
    for row in rows:
        groups.setdefault((row.unit or unit, row.year), []).append(row)
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), -(item[0][1] or 0)))
    return [
        CompareGroup(key[0], key[1], sorted(found, key=lambda r: r.value, reverse=True))
        for key, found in ordered
    ]


@dataclass(slots=True)
class Filter:
    """The list and compare filters (all optional)."""

    department: str | None = None
    region: str | None = None
    year: int | None = None
    ids: list[str] = field(default_factory=list)


class Library(Protocol):
    """The data the pages read, and the one write (saving an upload)."""

    def documents(self, where: Filter) -> list[DocRow]: ...

    def document(self, doc_id: str) -> Document | None: ...

    def findings(self, doc_id: str) -> list[Finding]: ...

    def source_lines(self, doc_id: str) -> list[str] | None: ...

    def original(self, doc_id: str) -> Original | None: ...

    def compare(self, key: str, where: Filter, code: str | None = None) -> list[CompareRow]: ...

    def save(
        self, document: Document, data: bytes, name: str, lines: list[str] | None = None
    ) -> bool: ...
