"""The document model every stage shares: lines, tables, rows, cells, facts, warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Severity = Literal["error", "warning", "info"]


Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points from the page's top left


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line of the source text: its 1-based number, page (when known) and raw text.

    Lines read from positioned formats (PDF) also carry their box on the page.
    """

    number: int
    text: str
    page: int | None = None
    box: Box | None = None


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
    line: int | None = None  # the value's own source line, when it differs from its row's

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
class Coverage:
    """Printed amounts of a table (or document) and how many became facts."""

    printed: int = 0
    captured: int = 0
    # printed amounts not captured: (line, printed text)
    uncaptured: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        """Captured / printed (1.0 for a table that prints no amount)."""
        return self.captured / self.printed if self.printed else 1.0

    def add(self, other: Coverage) -> None:
        self.printed += other.printed
        self.captured += other.captured
        self.uncaptured.extend(other.uncaptured)

    def as_dict(self) -> dict[str, object]:
        return {
            "printed": self.printed,
            "captured": self.captured,
            "ratio": round(self.ratio, 4),
            "uncaptured": [{"line": line, "text": text} for line, text in self.uncaptured],
        }


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
    coverage: Coverage | None = None  # printed amounts vs captured (cnbudget/coverage.py)

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
class Indicator:
    """One performance indicator: levels, name, the printed value and what it says."""

    level1: str | None
    level2: str | None
    name: str
    raw: str
    comparator: str | None = None  # one of ≥ ≤ = < >, or None
    number: Decimal | None = None
    unit: str | None = None
    description: str | None = None  # 绩效指标描述 / 指标值说明, where printed
    basis: str | None = None  # 指标值确定依据, where printed
    line: int = 0
    parsed: bool = True  # False: the value holds digits that could not be read as a number


@dataclass(slots=True)
class PlanItem:
    """One step of a spending plan (资金支出计划): period label and amount as printed."""

    period: str
    text: str
    value: Decimal | None = None


@dataclass(slots=True)
class PerformanceProject:
    """One project (policy) performance-target block."""

    name: str
    line: int
    style: str  # block (Shandong), hebei, henan
    code: str | None = None
    department: str | None = None  # 主管部门 as printed (code_name)
    department_code: str | None = None
    unit: str | None = None  # 实施单位 / 项目单位
    unit_code: str | None = None
    total: Decimal | None = None  # 万元
    fiscal: Decimal | None = None
    other: Decimal | None = None
    special_account: Decimal | None = None
    unit_funds: Decimal | None = None
    goal: str | None = None
    purpose: str | None = None  # 资金用途 (Hebei)
    plan: list[PlanItem] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    last_line: int = 0


@dataclass(slots=True)
class DeptTask:
    """A task or sub-goal of the department-wide target (任务名称 / 分项绩效目标)."""

    name: str
    content: str
    line: int


@dataclass(slots=True)
class DeptPerformance:
    """The department-wide performance target (部门（单位）整体绩效目标)."""

    line: int
    department: str | None = None
    goal: str | None = None
    tasks: list[DeptTask] = field(default_factory=list)
    budget: dict[str, Decimal] = field(default_factory=dict)  # 万元, keys as in facts
    indicators: list[Indicator] = field(default_factory=list)


@dataclass(slots=True)
class NarrativeChange:
    """A change stated in the prose: what changed, direction, amount, percent, reasons."""

    subject: str  # narrative key: change (totals), basic, project, three_public_total, ...
    direction: str  # 增加 / 减少 / 持平
    amount: Decimal | None
    percent: Decimal | None
    reasons: str | None
    line: int
    text: str = ""  # the printed amount (or 持平)
    percent_text: str | None = None
    # year-on-year statements (Narrative.statements): the current amount stated with the
    # change, the prior amount where also stated, the percent's own direction word, the
    # words naming what changed and what it is compared with (比上年执行数…)
    base: Decimal | None = None
    base_text: str | None = None
    prior: Decimal | None = None
    prior_text: str | None = None
    percent_direction: str | None = None
    label: str = ""
    against: str = ""
    quote: str = ""  # the printed words of the statement (spaces removed)


@dataclass(slots=True)
class Narrative:
    """Structured prose items (the numbers themselves are the `narrative` table)."""

    changes: list[NarrativeChange] = field(default_factory=list)
    # every year-on-year statement of the prose (“A万元，比上年增加D万元，增长P%”)
    statements: list[NarrativeChange] = field(default_factory=list)
    key_evaluation: str | None = None  # the sentence about 重点绩效评价


@dataclass(slots=True)
class UnitInfo:
    """A unit of the department: name, type (行政/事业) and level where printed."""

    name: str
    type: str | None = None
    level: str | None = None
    funding: str | None = None


@dataclass(slots=True)
class Region:
    """Where the department sits: GB/T 2260 code and names, from the department name."""

    code: str
    province: str
    city: str | None = None
    county: str | None = None


@dataclass(slots=True)
class Profile:
    """The department profile: duties, internal bodies, units, region."""

    duties: list[str] = field(default_factory=list)
    internal_bodies: list[str] = field(default_factory=list)
    units: list[UnitInfo] = field(default_factory=list)
    region: Region | None = None


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One entry of the table of contents (目录): its printed text and the table it names."""

    text: str
    line: int
    kind: str | None = None  # the table kind named (vocabulary titles), None: not a table


@dataclass(frozen=True, slots=True)
class PageHeaderLine:
    """A page header line (部门名称：… 单位：万元) dropped from the tables, kept for checks."""

    line: int
    text: str
    department: str | None = None
    page: int | None = None


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
    performance: list[PerformanceProject] = field(default_factory=list)
    dept_performance: DeptPerformance | None = None
    narrative: Narrative | None = None
    profile: Profile | None = None
    prose: list[SourceLine] = field(default_factory=list)  # lines outside every table
    format: str = "text"  # the file format read: text, pdf, xlsx, xls, docx, html
    # page and box of each source line, for formats that have them (provenance)
    positions: dict[int, tuple[int | None, Box | None]] = field(default_factory=dict)
    coverage: Coverage | None = None  # the whole document: tables plus stray amounts
    # lines of tables whose columns were inferred from word positions (no ruling lines)
    inferred: tuple[int, ...] = ()
    toc: list[TocEntry] = field(default_factory=list)  # the 目录, when printed
    page_headers: list[PageHeaderLine] = field(default_factory=list)
    # lines printing a unit label (单位：万元), wherever layout put them
    unit_lines: list[SourceLine] = field(default_factory=list)
    pages: int | None = None  # page count (paged formats)
    blank_pages: list[int] = field(default_factory=list)  # pages without text or image

    def table(self, kind: str) -> Table | None:
        """The first table of a kind, or None."""
        for table in self.tables:
            if table.kind == kind:
                return table
        return None
