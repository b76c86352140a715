"""The document model every stage shares: lines, tables, rows, cells, facts, warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line of the source text: its 1-based number, page (when known) and raw text."""

    number: int
    text: str
    page: int | None = None


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the parser wants a human to know (ambiguity, repaired code, skipped text)."""

    code: str
    message: str
    line: int | None = None
    table: str | None = None
    severity: Severity = "warning"


@dataclass(slots=True)
class Cell:
    """One printed value: parsed amount (万元) or text, the printed text and a confidence."""

    column: str
    text: str
    value: Decimal | None = None
    confidence: float = 1.0
    line: int | None = None  # the cell's own source line, where it differs from its row's

    @property
    def is_text(self) -> bool:
        return self.value is None


@dataclass(slots=True)
class Row:
    """A logical table row after reassembly: canonical code, printed name, cells by column."""

    code: str
    name: str
    line: int
    cells: dict[str, Cell] = field(default_factory=dict)
    page: int | None = None
    parent: int | None = None  # index of the parent row inside its table


@dataclass(slots=True)
class Table:
    """A canonical table found in a document."""

    kind: str
    title: str
    line: int
    unit: str = "万元"
    columns: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    empty_note: str | None = None
    last_line: int | None = None

    @property
    def is_empty(self) -> bool:
        return not any(row.cells for row in self.rows)


@dataclass(frozen=True, slots=True)
class Fact:
    """One published number (or text attribute) in canonical form, with provenance."""

    document: str
    table: str
    row_code: str
    row_name: str
    column: str
    value: Decimal | str
    text: str
    line: int
    confidence: float = 1.0

    @property
    def value_text(self) -> str:
        """The value as written in the facts CSV."""
        if isinstance(self.value, str):
            return self.value
        return format_decimal(self.value)


def format_decimal(value: Decimal) -> str:
    """Plain decimal notation, never an exponent (`Decimal('1E+1')` → `10`)."""
    text = format(value, "f")
    return text


@dataclass(frozen=True, slots=True)
class Section:
    """A stretch of the document that is not a recognised table (prose, unknown tables)."""

    kind: str
    title: str
    first_line: int
    last_line: int


@dataclass(slots=True)
class Metadata:
    """What the document says about itself."""

    department: str | None = None
    year: int | None = None
    unit: str = "万元"
    kind: str = "预算"  # 预算 or 决算
    scope: str | None = None  # 部门 or 单位


@dataclass(slots=True)
class Document:
    """A parsed disclosure: metadata, tables, other sections and parser notices."""

    id: str
    source: str
    encoding: str
    metadata: Metadata
    tables: list[Table] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    line_count: int = 0
    prose: list[SourceLine] = field(default_factory=list)  # lines outside every table

    def table(self, kind: str) -> Table | None:
        """The first table of a kind, or None."""
        for table in self.tables:
            if table.kind == kind:
                return table
        return None
