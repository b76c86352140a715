"""What every table parser shares: header/body split, repeated headers, the source profile
and running the column assignment over a table's rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import pairwise

from cnbudget.layout.header import Header, parse_header, parse_tab_header
from cnbudget.layout.sections import Block, is_note, is_prose
from cnbudget.layout.tokens import is_amount, tokenize
from cnbudget.model import Cell, Notice, SourceLine
from cnbudget.tables.assign import Candidate, Identity, best, candidates, identities_for
from cnbudget.tables.resolve import CONFIDENCE, RowChoice, resolve
from cnbudget.vocabulary.columns import (
    GROUPS,
    ONE_COLUMN,
    PURE_GROUPS,
    THREE_PUBLIC_ITEMS,
    Label,
    column_key,
)
from cnbudget.vocabulary.normalize import compact, normalize

TOTAL_NAMES = frozenset({"合计", "总计", "合计数", "总合计"})


@dataclass(slots=True)
class Context:
    """Document-level knowledge a table parser may use."""

    tabbed: bool
    year: int | None
    unit: str
    present: set[str] | None = None  # summary keys with a non-zero amount; None = unknown
    three_public_items: set[str] | None = None  # items evidenced by general_basic
    # columns with money per function code in the all-sources expenditure table
    expenditure_columns: dict[str, set[str]] | None = None
    expenditure_keys: frozenset[str] = frozenset()
    # project categories with money in the projects table (其他运转类, 特定目标类 …)
    categories: set[str] | None = None
    # economic classes (301, 302, 303 …) with money in the basic-expenditure table
    economic_classes: set[str] | None = None
    notices: list[Notice] = field(default_factory=list)


@dataclass(slots=True)
class Split:
    """A block's header lines and body lines (repeated headers removed), plus notes."""

    header: list[SourceLine]
    body: list[SourceLine]
    notes: list[str] = field(default_factory=list)


def _is_data_start(lines: Sequence[SourceLine], index: int, tabbed: bool) -> bool:
    text = lines[index].text
    if is_note(text) or is_prose(text):
        return True
    if tabbed:
        return any(is_amount(c) for c in text.split("\t") if c.strip())
    tokens = tokenize(text)
    if not tokens:
        return False
    if any(t.kind == "amount" for t in tokens):
        return True
    first = tokens[0]
    if first.kind == "int" and first.text not in ("1",) and len(tokens) == 1:
        return True
    if first.kind == "int" and len(tokens) > 1 and tokens[1].kind != "int":
        return not compact(text).startswith("栏次")
    if compact(text) not in TOTAL_NAMES:
        return False
    # a lone 合计 is a header label unless amounts, a note or nothing follow it
    for following in lines[index + 1 :]:
        if compact(following.text):
            nxt = following.text
            return is_note(nxt) or any(t.kind == "amount" for t in tokenize(nxt))
    return True


def split_block(block: Block, tabbed: bool) -> Split:
    """Header = lines before the first data line (after a 栏次 line when there is one)."""
    lines = block.lines
    end = len(lines)
    for index, line in enumerate(lines):
        if compact(line.text).startswith("栏次"):
            end = index + 1
            break
        if _is_data_start(lines, index, tabbed):
            end = index
            break
    header = lines[:end]
    body = remove_repeats(lines[end:], header, block.breaks)
    notes = [normalize(line.text) for line in body if is_note(line.text)]
    return Split(header, body, notes)


def remove_repeats(
    body: Sequence[SourceLine], header: Sequence[SourceLine], breaks: set[int]
) -> list[SourceLine]:
    """Drop headers (and a repeated 合计 row) reprinted on continuation pages."""
    header_set = {normalize(line.text) for line in header if normalize(line.text)}
    first = normalize(header[0].text) if header else None
    result: list[SourceLine] = []
    skipping = False
    first_total: str | None = None
    after_repeat = False
    for line in body:
        flat = normalize(line.text)
        if not flat:
            continue
        starts = flat == first or (line.number in breaks and flat in header_set)
        if starts or (skipping and flat in header_set):
            skipping = True
            after_repeat = True
            continue
        if line.number in breaks:
            after_repeat = True
        skipping = False
        head = flat[:4]
        if first_total is None and head.startswith(("合计", "总计")):
            first_total = flat
        elif after_repeat and first_total is not None and flat == first_total:
            after_repeat = False
            continue
        after_repeat = False
        result.append(line)
    return result


ROW_NUMBER_LABELS = frozenset({"行次", "序号"})


def drop_row_numbers(split: Split) -> Split:
    """Tab-separated tables with 行次 columns (row numbers, not amounts): drop those cells.

    A 决算 summary prints `一、一般公共预算财政拨款收入 | 1 | 19,572.91 | 一、… | 32 | 10,685.56`;
    the header names the 行次 columns, so their cells go before names and amounts are read.
    """
    skip: set[int] = set()
    for line in split.header:
        for j, cell in enumerate(line.text.split("\t")):
            if compact(cell) in ROW_NUMBER_LABELS:
                skip.add(j)
    if not skip:
        return split

    def keep(line: SourceLine) -> SourceLine:
        if "\t" not in line.text:
            return line
        cells = line.text.split("\t")
        text = "\t".join(c for j, c in enumerate(cells) if j not in skip)
        return replace(line, text=text)

    return Split([keep(x) for x in split.header], [keep(x) for x in split.body], split.notes)


def header_keys(split: Split, tabbed: bool) -> tuple[list[str], dict[int, str], Header]:
    """Column keys of a table; for tab-separated text also the key at each cell position."""
    text = " ".join(line.text for line in split.header)
    header = parse_header(text)
    positions: dict[int, str] = {}
    if tabbed and split.header:
        raw = parse_tab_header([line.text.split("\t") for line in split.header])
        paths = _without_budget_year(raw)
        if paths is not raw:
            header.keys = [key.partition("@")[0] for key in header.keys]
        positions = {j: column_key(path) for j, path in paths.items()}
        # Group labels are sometimes printed a cell off their span; when the header
        # tree and the cell positions agree on the number of columns but the paths
        # read by position do not form a valid tree, the tree's order wins and the
        # positions only say where the values are.
        valid = all(_valid_path(path) for path in paths.values()) and len(
            set(positions.values())
        ) == len(positions)
        if (
            not valid
            and len(positions) == len(header.keys)
            and set(positions.values()) != set(header.keys)
        ):
            positions = dict(zip(sorted(positions), header.keys, strict=True))
        elif valid and positions:
            # the cells say which label is above which column: their order is the key order
            header.keys = [positions[j] for j in sorted(positions)]
            header.paths = [paths[j] for j in sorted(positions)]
    header.keys = undate(header.keys)
    positions = dict(zip(positions, undate(list(positions.values())), strict=True))
    return header.keys, positions, header


def _without_budget_year(paths: dict[int, tuple[Label, ...]]) -> dict[int, tuple[Label, ...]]:
    """One year group over the amount columns (2026年预算) names the budget, not a column.

    Year groups only make columns where several years stand side by side (三公 by year).
    """
    years = {label.year for path in paths.values() for label in path if label.id == "YEAR"}
    items = any(label.id in THREE_PUBLIC_ITEMS for path in paths.values() for label in path)
    if len(years) != 1 or items:
        return paths
    return {
        j: tuple(label for label in path if label.id != "YEAR") or (Label("SUBTOTAL", "合计"),)
        for j, path in paths.items()
    }


def undate(keys: list[str]) -> list[str]:
    """Beside a prior-year column, the one dated group left is the budget year: plain keys.

    (2025年执行数 | 2026年预算数 小计/基本支出/项目支出 → prior_year | total/basic/project)
    """
    if not any(key.startswith("prior_year") for key in keys):
        return keys
    years = {key.partition("@")[2] for key in keys if "@" in key}
    if len(years) != 1:
        return keys
    plain = [key.partition("@")[0] for key in keys]
    return plain if len(set(plain)) == len(plain) else keys


def one_column(split: Split, tabbed: bool) -> tuple[list[str], dict[int, str]]:
    """A header whose only amount label is 预算 / 金额 / 决算数 …: that column is `total`."""
    if not split.header:
        return [], {}
    if tabbed:
        found = {
            j
            for line in split.header
            for j, cell in enumerate(line.text.split("\t"))
            if normalize(cell) in ONE_COLUMN
        }
        if len(found) == 1:
            return ["total"], {found.pop(): "total"}
        return [], {}
    words = normalize(" ".join(line.text for line in split.header))
    if any(words.endswith(label) for label in ONE_COLUMN):
        return ["total"], {}
    return [], {}


def _valid_path(path: tuple[Label, ...]) -> bool:
    """Every label but the leaf is a group that holds the next one; no pure group as leaf."""
    for parent, child in pairwise(path):
        if child.id not in GROUPS.get(parent.id, frozenset()):
            return False
    return path[-1].id not in PURE_GROUPS


# Which summary rows show that a column can hold money.
EVIDENCE: dict[str, tuple[str, ...]] = {
    "fiscal.gov_fund": ("income.gov_fund", "income.carryover.gov_fund"),
    "fiscal.soe": ("income.soe", "income.carryover.soe"),
    "special_account": ("income.special_account",),
    "unit_funds": (
        "income.unit_funds",
        "income.business",
        "income.operating",
        "income.other",
        "income.superior",
        "income.affiliated",
    ),
    "business": ("income.business", "income.unit_funds"),
    "operating": ("income.operating", "income.unit_funds"),
    "other": ("income.other", "income.unit_funds"),
    "superior": ("income.superior",),
    "affiliated": ("income.affiliated",),
    "non_fiscal_balance": ("income.non_fiscal_balance",),
    "carryover": ("income.carryover",),
    "carryover.general": ("income.carryover.general",),
    "carryover.gov_fund": ("income.carryover.gov_fund",),
    "carryover.soe": ("income.carryover.soe",),
    "carryover.special_account": ("income.carryover.special_account",),
    "carryover.unit_funds": ("income.carryover.unit_funds",),
    "carry_forward": ("expenditure.carry_forward",),
    # 经营支出 is paid from 经营收入 (or unit funds / balances)
    "operating_expenditure": (
        "income.operating",
        "income.unit_funds",
        "income.non_fiscal_balance",
        "expenditure.operating",
    ),
    "subsidy_affiliated": ("expenditure.subsidy_affiliated",),
    "remit_superior": ("expenditure.remit_superior",),
}
_CLASS_COLUMNS = {
    "basic.personnel.wages": "301",
    "basic.personnel.households": "303",
    "basic.public": "302",
}
_CATEGORY_COLUMNS = {"project.operating": "其他运转类", "project.specific": "特定目标类"}
# Columns rarely used when nothing says otherwise (a weak prior, reported as such).
RARE = frozenset({"vehicles.purchase", "overseas", "overseas.research", "overseas.other"})


def penalties(keys: Sequence[str], ctx: Context) -> tuple[frozenset[int], frozenset[int]]:
    """(columns the document shows to be empty, columns that are merely rare)."""
    strong: set[int] = set()
    weak: set[int] = set()
    present = ctx.present
    split_known = present is not None and any(k.startswith("income.carryover.") for k in present)
    # with carry-over columns of its own, a table's fiscal.* columns are this year's money
    own_carryover = any(k.startswith("carryover") for k in keys)
    for index, key in enumerate(keys):
        base, _, group = key.partition("@")
        evidence = EVIDENCE.get(base)
        if own_carryover and base in ("fiscal.gov_fund", "fiscal.soe"):
            evidence = (f"income.{base.split('.')[1]}",)
        if base.startswith("carryover.") and not split_known:
            evidence = ("income.carryover",)
        if evidence and ctx.present is not None:
            specific = [e for e in evidence if e in ctx.present]
            if not specific:
                strong.add(index)
        if ctx.three_public_items is not None and "@" in key:
            if base in (
                "overseas",
                "vehicles",
                "vehicles.purchase",
                "vehicles.operation",
                "reception",
            ):
                if base not in ctx.three_public_items and (not group or group == str(ctx.year)):
                    strong.add(index)
        klass = _CLASS_COLUMNS.get(base)
        if klass and ctx.economic_classes is not None and klass not in ctx.economic_classes:
            strong.add(index)
        category = _CATEGORY_COLUMNS.get(base)
        if category and ctx.categories is not None and category not in ctx.categories:
            strong.add(index)
        if base in RARE:
            weak.add(index)
    return frozenset(strong), frozenset(weak)


@dataclass(slots=True)
class Pending:
    """A row waiting for column assignment: printed amounts and their source line."""

    texts: list[str]
    values: list[Decimal]
    line: int
    fixed: dict[int, int] = field(default_factory=dict)  # number index -> column (known)
    excluded: frozenset[int] = frozenset()  # columns a sibling table shows to be empty


def assign_rows(
    rows: Sequence[Pending],
    keys: Sequence[str],
    ctx: Context,
    families: dict[int, list[int]],
    table: str,
    tree: dict[str, tuple[str, ...]] | None = None,
) -> list[dict[str, Cell]]:
    """Cells of every row: choose columns per row, then settle ambiguity vertically."""
    identities: list[Identity] = identities_for(keys, tree)
    strong, weak = penalties(keys, ctx)
    width = len(keys)
    choices: list[RowChoice] = []
    for row in rows:
        options = _options(row, width, identities, strong | row.excluded, weak)
        if not options:
            ctx.notices.append(
                Notice(
                    "too-many-numbers",
                    f"本行有 {len(row.values)} 个数字，多于表头的 {width} 列，已忽略",
                    row.line,
                    table,
                )
            )
            choices.append(RowChoice([], [Candidate((), 0, 0, 0)]))
            continue
        choice = RowChoice(list(row.values), options[0])
        choice.reason = options[1]
        choices.append(choice)
    resolve(choices, families)
    result: list[dict[str, Cell]] = []
    for row, choice in zip(rows, choices, strict=True):
        cells: dict[str, Cell] = {}
        if choice.reason == "prior-sum":
            ctx.notices.append(
                Notice(
                    "column-prior",
                    "多种列归属都满足上下级合计关系，已选取较少使用非常见列的一种（置信度低）",
                    row.line,
                    table,
                )
            )
        if choice.swapped is not None:
            a, b = (row.texts[i] for i in choice.swapped)
            ctx.notices.append(
                Notice(
                    "column-swapped",
                    f"本行的 {a} 与 {b} 对调后，其下各行按列合计才相符（可能印错或对调）："
                    "下级各行的列按多数行的合计关系确定，本行仍按原文所在列取值（置信度低）",
                    row.line,
                    table,
                )
            )
        if choice.ambiguous and choice.reason == "ambiguous":
            alternatives = "；".join(
                "、".join(keys[c] for c in option.columns) for option in choice.options[:4]
            )
            ctx.notices.append(
                Notice(
                    "ambiguous-columns",
                    f"无法仅凭表内勾稽关系确定各数字所在列，已按最常见情况取值（候选：{alternatives}）",
                    row.line,
                    table,
                )
            )
        confidence = CONFIDENCE.get(choice.reason, 0.6)
        if choice.options and choice.options[choice.pick].violated:
            confidence = min(confidence, 0.7)
        for column, text, value in zip(
            choice.options[choice.pick].columns if choice.values else (),
            row.texts,
            row.values,
            strict=False,
        ):
            cells[keys[column]] = Cell(keys[column], text, value, confidence)
        result.append(cells)
    return result


def _options(
    row: Pending,
    width: int,
    identities: list[Identity],
    strong: frozenset[int],
    weak: frozenset[int],
) -> tuple[list[Candidate], str] | None:
    if len(row.fixed) == len(row.values):
        cols = tuple(row.fixed[i] for i in range(len(row.values)))
        return [Candidate(cols, 0, 0, 0)], "exact"
    if len(row.values) == width:
        return [Candidate(tuple(range(width)), 0, 0, 0)], "exact"
    # first only among columns no evidence rules out; all columns if nothing fits
    found = candidates(row.values, width, identities, strong, row.fixed, avoid=strong)
    evidence_used = bool(found) and bool(strong)
    if not found:
        found = candidates(row.values, width, identities, strong, row.fixed)
    if not found:
        return None
    kept = best(found)
    reason = "unique" if len(kept) == 1 else "ambiguous"
    if len(kept) == 1 and evidence_used and len(row.values) < width:
        reason = "profile"
    if len(kept) > 1 and weak:
        light = [c for c in kept if not any(col in weak for col in c.columns)]
        if light and len(light) < len(kept):
            kept = light
            reason = "prior" if len(kept) == 1 else "ambiguous"
    return kept, reason


def sibling_exclusions(code: str, keys: Sequence[str], ctx: Context) -> frozenset[int]:
    """Columns that the expenditure table leaves empty for the same function code.

    Tables of one funding source (一般公共预算/政府性基金/国有资本经营) are parts of the
    all-sources expenditure table, so a column empty there is empty here too.
    """
    if ctx.expenditure_columns is None or code not in ctx.expenditure_columns:
        return frozenset()
    used = ctx.expenditure_columns[code]
    return frozenset(
        i
        for i, key in enumerate(keys)
        if key in ctx.expenditure_keys and key != "total" and key not in used
    )


def is_total_name(name: str) -> bool:
    return normalize(name) in TOTAL_NAMES
