"""Tables whose rows carry a code: function (支出功能分类), economic (经济分类) and unit rows,
and the projects table (rows by project under optional unit codes)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from cnbudget.layout.header import tokenize as tokenize_header
from cnbudget.layout.rows import RawRow, assemble, parts
from cnbudget.layout.sections import Block, is_note, is_prose
from cnbudget.layout.tokens import (
    BRACKETED_CODE,
    amount_text,
    is_amount,
    is_cell_amount,
    parse_amount,
    percent_number,
)
from cnbudget.model import Cell, Notice, Row, SourceLine, Table
from cnbudget.tables.common import (
    Context,
    Pending,
    Split,
    assign_rows,
    header_keys,
    is_total_name,
    one_column,
    sibling_exclusions,
    split_block,
)
from cnbudget.vocabulary.codes_by_name import CodesByName
from cnbudget.vocabulary.columns import column_key
from cnbudget.vocabulary.economic import economic_class
from cnbudget.vocabulary.functions import class_code, is_class_code
from cnbudget.vocabulary.normalize import compact, normalize

FUNCTION_TABLES = frozenset(
    {
        "income",
        "expenditure",
        "general_expenditure",
        "gov_fund_expenditure",
        "soe_expenditure",
        "procurement",
    }
)
ECONOMIC_TABLES = frozenset(
    {"general_basic", "general_project", "basic", "economic_summary", "operating_costs"}
)
SOURCE_SUBSETS = frozenset({"general_expenditure", "gov_fund_expenditure", "soe_expenditure"})
BASIC_ONLY = frozenset({"general_basic", "basic", "operating_costs"})
CODE_HEADS = frozenset({"科目代码", "科目编码", "经济分类科目编码"})
# the one amount column of a 决算 table is the row's total (docs/canonical-facts.md)
ONE_NUMBER = frozenset({"final", "amount"})
# names of budget units end like this; economic classification names do not
ORGANISATION_ENDINGS = (
    "局",
    "中心",
    "委员会",
    "委",
    "办公室",
    "办",
    "院",
    "所",
    "站",
    "台",
    "队",
    "馆",
    "处",
    "厅",
    "部",
    "会",
    "社",
    "校",
    "园",
    "团",
    "室",
    "司",
    "机关",
    "本级",
)
CATEGORIES = ("其他运转类", "特定目标类", "人员类", "公用经费类", "运转类", "其他运转类项目")


@dataclass(slots=True)
class Parsed:
    """A row in the making: identity, name, amounts (printed) and position hints."""

    kind: str  # total | unit | function | economic | project | unknown
    code: str
    name: str
    line: int
    page: int | None
    amounts: list[str] = field(default_factory=list)
    fixed: dict[int, int] = field(default_factory=dict)
    level_hint: int | None = None  # 1 类, 2 款, 3 项 from position or indentation
    suffix: str | None = None  # a 2-digit code still to be placed in the hierarchy
    text_cells: dict[str, str] = field(default_factory=dict)
    unit: str | None = None


def parse_coded(block: Block, ctx: Context) -> Table:
    """Parse a function-, economic- or project-coded table."""
    table = Table(block.kind, block.title.strip(), block.title_line, block.unit or ctx.unit)
    table.last_line = block.last_line
    split = split_block(block, ctx.tabbed)
    keys, positions, header = header_keys(split, ctx.tabbed)
    if not keys:
        keys, positions = one_column(split, ctx.tabbed)
    if block.kind in BASIC_ONLY:
        keys = ["total" if k == "basic" else k for k in keys]
        positions = {j: ("total" if k == "basic" else k) for j, k in positions.items()}
    table.columns = keys
    if header.unknown:
        ctx.notices.append(
            Notice(
                "unknown-header",
                f"表头含未识别文字：{'、'.join(header.unknown)}",
                block.title_line,
                block.kind,
            )
        )
    unit_column = any(
        word in compact(" ".join(line.text for line in split.header))
        for word in ("单位代码", "部门代码", "单位编码")
    )
    label_totals: list[Row] = []
    if ctx.tabbed:
        split, positions, label_totals = _side_by_side(split, positions)
        if label_totals:
            keys = ["total" if k in ONE_NUMBER else k for k in dict.fromkeys(positions.values())]
            positions = {j: ("total" if k in ONE_NUMBER else k) for j, k in positions.items()}
            table.columns = keys
        parsed = _tab_rows(split, positions, keys, block.kind, unit_column, _unit_name_cell(split))
    else:
        numbered = "序号" in compact(" ".join(line.text for line in split.header))
        second = block.kind in ECONOMIC_TABLES
        raw, _notes = assemble(split.body, numbered=numbered, second_code=second)
        parsed = [p for p in (_space_row(r, block.kind, unit_column) for r in raw) if p]
    _place_codes(parsed, ctx, block.kind)
    _codes_by_name(parsed, block.kind)
    if block.kind == "projects" or block.kind in ECONOMIC_TABLES:
        _named_units(parsed, block.kind)
    _name_duplicates(parsed)
    families = _families(parsed)
    subset = block.kind in SOURCE_SUBSETS
    for p in parsed:
        _place_empty_marks(p, len(keys))
    pending = [
        Pending(
            [amount_text(a) for a in p.amounts],
            [parse_amount(a) for a in p.amounts],
            p.line,
            p.fixed,
            sibling_exclusions(p.code, keys, ctx) if subset else frozenset(),
        )
        for p in parsed
    ]
    if keys:
        cells = assign_rows(pending, keys, ctx, families, block.kind)
    else:
        cells = [{} for _ in parsed]
        if any(p.amounts for p in parsed):
            ctx.notices.append(
                Notice("no-header", "未能识别表头，表中数字未能归列", block.title_line, block.kind)
            )
    for p, row_cells in zip(parsed, cells, strict=True):
        if p.kind == "unknown" and is_note(p.name):
            continue  # a note under the table (注：无。), not a row
        if p.kind == "unknown":
            ctx.notices.append(
                Notice("unparsed-row", f"无法识别的行：{p.name}", p.line, block.kind)
            )
            continue
        if p.code.startswith("other:"):
            ctx.notices.append(
                Notice(
                    "unknown-economic",
                    f"未识别的经济分类名称：{p.name}，按 other:{p.name} 记录，请核对",
                    p.line,
                    block.kind,
                    "warning",
                )
            )
        row = Row(p.code, p.name, p.line, dict(row_cells), p.page)
        for column, text in p.text_cells.items():
            row.cells[column] = Cell(column, text)
        table.rows.append(row)
    # (their keys are not columns of the table: no printed column holds them)
    table.rows.extend(label_totals)
    table.empty_note = next((n for n in split.notes if _is_empty_note(n)), None)
    if table.empty_note and not any(row.cells for row in table.rows):
        ctx.notices[:] = [
            n
            for n in ctx.notices
            if not (
                n.table == block.kind and n.code in ("unparsed-row", "unknown-header", "no-header")
            )
        ]
    return table


def _side_by_side(
    split: Split, positions: dict[int, str]
) -> tuple[Split, dict[int, str], list[Row]]:
    """Tables printing code | name | amount groups side by side (决算 基本支出: 301/303 on the
    left, 302 in the middle, 307/310/399 on the right) become one column of rows, the left
    group first. A closing line of `<label>合计 … amount` pairs (人员经费合计 / 公用经费合计)
    is row `total`, one column per label (`basic.personnel`, `basic.public`).
    """
    starts: list[int] = []
    heads: list[str] = []
    for line in split.header:
        cells = line.text.split("\t")
        found = [j for j, c in enumerate(cells) if compact(c) in CODE_HEADS]
        if len(found) > 1:
            starts, heads = found, cells
            break
    if not starts:
        return split, positions, []
    bounds = [*starts[1:], len(heads)]
    # each group names its own amount column (two code columns sharing amounts are
    # department and government codes of one row: 301/501)
    if not all(
        any(tokenize_header(c)[0] for c in heads[a:b]) for a, b in zip(starts, bounds, strict=True)
    ):
        return split, positions, []
    bounds[-1] = 10**6
    groups: list[list[SourceLine]] = [[] for _ in starts]
    totals: list[Row] = []
    for line in split.body:
        cells = line.text.split("\t")
        named = [(j, compact(c)) for j, c in enumerate(cells) if compact(c)]
        names = [(j, c) for j, c in named if not is_amount(c)]
        if names and all(c.endswith("合计") and c != "合计" for _, c in names):
            totals.append(_label_total(line, cells, names))
            continue
        for k, (start, end) in enumerate(zip(starts, bounds, strict=True)):
            part = cells[start:end]
            if any(compact(c) for c in part):
                groups[k].append(replace(line, text="\t".join(part)))
    header = [
        replace(x, text="\t".join(x.text.split("\t")[starts[0] : bounds[0]])) for x in split.header
    ]
    body = [line for group in groups for line in group]
    # the amount column of a group is the one its header names (决算数), codes and names aside
    first: dict[int, str] = {}
    for offset, cell in enumerate(heads[starts[0] : bounds[0]]):
        labels, _ = tokenize_header(cell)
        if len(labels) == 1:
            first[offset] = column_key((labels[0],))
    return Split(header, body, split.notes), first, totals


def _label_total(line: SourceLine, cells: list[str], names: list[tuple[int, str]]) -> Row:
    """`人员经费合计 | | 7,967.72 | 公用经费合计 | … | 2,266.65`: each label takes the amount
    after it."""
    row = Row("total", "合计", line.number, {}, line.page)
    for index, (j, name) in enumerate(names):
        end = names[index + 1][0] if index + 1 < len(names) else len(cells)
        amount = next((c.strip() for c in cells[j + 1 : end] if is_amount(c)), None)
        labels, _ = tokenize_header(name[: -len("合计")])
        if amount is None or len(labels) != 1:
            continue
        key = column_key((labels[0],))
        row.cells[key] = Cell(key, amount_text(amount), parse_amount(amount))
    return row


def _place_empty_marks(p: Parsed, width: int) -> None:
    """Cells printed as dashes: when they complete the row, every number's column is known."""
    if "" not in p.amounts:
        return
    if len(p.amounts) == width and not p.fixed:
        printed = [(column, text) for column, text in enumerate(p.amounts) if text]
        p.amounts = [text for _, text in printed]
        p.fixed = {i: column for i, (column, _) in enumerate(printed)}
    else:
        p.amounts = [text for text in p.amounts if text]


def _is_empty_note(note: str) -> bool:
    return any(
        word in note
        for word in ("无数据", "空表", "没有", "无政府", "无国有", "本表无", "未安排", "如无数字")
    )


def _unit_name_cell(split: Split) -> int | None:
    """The cell of a 单位名称 column printed before the 项目名称 column (projects by unit)."""
    for line in split.header:
        cells = [normalize(c) for c in line.text.split("\t")]
        if "项目名称" in cells:
            before = cells[: cells.index("项目名称")]
            return next((j for j, c in enumerate(before) if c in ("单位名称", "单位")), None)
    return None


def _tab_rows(
    split: Split,
    positions: dict[int, str],
    keys: list[str],
    kind: str,
    unit_column: bool,
    unit_name: int | None = None,
) -> list[Parsed]:
    index_of = {key: i for i, key in enumerate(keys)}
    amount_positions = sorted(positions)
    first_amount = amount_positions[0] if amount_positions else 10**6
    rows: list[Parsed] = []
    width = amount_positions[-1] + 1 if amount_positions else 0
    for line, cells in _join_continued(split.body, first_amount):
        if is_note(line.text):
            continue  # kept in split.notes
        cells = _right_aligned(cells, width)
        flat = [compact(c) for c in cells]
        if not any(flat) or is_note(line.text):
            continue  # (notes are read by split_block)
        head = cells[:first_amount]
        texts = [(j, c) for j, c in enumerate(head) if compact(c)]
        amounts: list[str] = []
        fixed: dict[int, int] = {}
        for j in amount_positions:
            if j >= len(cells) or positions[j] not in index_of:
                continue
            text = cells[j].strip()
            number = percent_number(text) if positions[j].startswith("change_pct") else None
            if number is not None or is_cell_amount(text):
                text = number or text
                fixed[len(amounts)] = index_of[positions[j]]
                amounts.append(text)
        digits: list[tuple[int, str]] = []
        words: list[tuple[int, str]] = []
        for j, c in texts:
            bracketed = BRACKETED_CODE.match(normalize(c))
            if compact(c).isdigit():
                digits.append((j, compact(c)))
            elif bracketed:  # `[2014001]行政运行`: code and name in one cell
                digits.append((j, bracketed.group(1)))
                words.append((j, bracketed.group(2)))
            else:
                words.append((j, normalize(c)))
        p = Parsed("unknown", "", "", line.number, line.page, amounts, fixed)
        if kind == "projects":
            unit = next((w for j, w in words if j == unit_name), None)
            _project_parts(p, [w for j, w in words if j != unit_name], [d for _, d in digits])
            if unit and p.kind == "project":
                p.unit = p.text_cells["unit"] = unit
        elif kind in ECONOMIC_TABLES:
            _economic_parts(p, _tab_code_groups(digits), [w for _, w in words], unit_column)
        else:
            _function_parts_tab(p, digits, [w for _, w in words], unit_column)
        rows.append(p)
    return rows


def _right_aligned(cells: list[str], width: int) -> list[str]:
    """A row printed on a grid of its own with fewer cells (a 合计 row alone on a page,
    its label cell spanning the code and name columns): amounts are the last columns."""
    if not cells or len(cells) >= width or not compact(cells[0]):
        return cells
    if not all(is_cell_amount(c) or not c for c in cells[1:]):
        return cells
    return [cells[0], *[""] * (width - len(cells)), *cells[1:]]


def _join_continued(
    body: list[SourceLine], first_amount: int
) -> list[tuple[SourceLine, list[str]]]:
    """Lines with cells; a line that only continues the names of the line above joins it.

    A cell's text may run on to a line of its own (a row split over a page break, or
    wrapped text printed line by line): no code, no amount, and text only in columns
    where the line above has text.
    """
    result: list[tuple[SourceLine, list[str]]] = []
    for line in body:
        cells = [c.strip() for c in line.text.split("\t")]
        if result and not is_note(line.text) and not is_prose(line.text):
            previous = result[-1][1]
            texts = [j for j, c in enumerate(cells) if compact(c)]
            continues = (
                texts
                and all(j < first_amount and j < len(previous) and previous[j] for j in texts)
                and not any(is_amount(c) or compact(c).isdigit() for c in cells)
                and not is_total_name("".join(cells))
            )
            if continues:
                for j in texts:
                    previous[j] += cells[j]
                continue
        result.append((line, cells))
    return result


def _tab_code_groups(digits: list[tuple[int, str]]) -> list[list[str]]:
    groups: list[list[str]] = []
    previous = -2
    for j, code in digits:
        if j == previous + 1 and groups:
            groups[-1].append(code)
        else:
            groups.append([code])
        previous = j
    return groups


def _function_parts_tab(
    p: Parsed, digits: list[tuple[int, str]], words: list[str], unit_column: bool
) -> None:
    p.name = "".join(words)
    if not digits:
        _uncoded_parts(p)
        return
    joined = "".join(code for _, code in digits)
    if len(digits) == 1 and len(joined) == 2:
        p.kind, p.suffix, p.level_hint = "function", joined, min(digits[0][0] + 1, 3)
    elif _is_unit(joined, p.name, unit_column):
        p.kind, p.code = "unit", f"unit:{joined}"
    else:
        p.kind, p.code = "function", joined


def _space_row(raw: RawRow, kind: str, unit_column: bool) -> Parsed | None:
    rp = parts(raw)
    p = Parsed("unknown", "", "", raw.line, raw.page, rp.amounts)
    if kind == "projects":
        _project_parts(p, rp.names, ["".join(g) for g in rp.codes])
        return p
    if kind in ECONOMIC_TABLES:
        _economic_parts(p, rp.codes, rp.names, unit_column)
        return p
    name = "".join(rp.names)
    p.name = normalize(name)
    if not rp.codes:
        _uncoded_parts(p)
        return p
    joined = "".join(rp.codes[0])
    if len(rp.codes[0]) == 1 and len(joined) == 2:
        indent = rp.indents[0] if rp.indents else 0
        p.kind, p.suffix = "function", joined
        p.level_hint = {1: 2, 2: 3}.get(indent)
        return p
    if _is_unit(joined, name, unit_column):
        p.kind, p.code = "unit", f"unit:{joined}"
        return p
    p.kind, p.code = "function", joined
    return p


def _uncoded_parts(p: Parsed) -> None:
    """A row without a code: the 合计 row, or a budget unit named only (`unit:<name>`)."""
    if is_total_name(p.name) or not p.name:
        p.kind, p.code = "total", "total"
    elif is_organisation(p.name) and not p.name.endswith("支出"):
        p.kind, p.code = "unit", f"unit:{p.name}"  # a unit printed by name only


def _is_unit(code: str, name: str, unit_column: bool) -> bool:
    if len(code) == 6 or (len(code) > 7 and not code.startswith("2")):
        return True
    if len(code) == 3:
        if is_class_code(code) and class_code(name) == code:
            return False
        return unit_column or not is_class_code(code)
    return False


def _economic_parts(
    p: Parsed, codes: list[list[str]], names: list[str], unit_column: bool = False
) -> None:
    names = [normalize(n) for n in names]
    if not codes:
        p.name = "".join(names)
        if is_total_name(p.name) or not p.name:
            p.kind, p.code = "total", "total"
        elif (klass := economic_class(p.name)) is not None:
            p.kind, p.code = "economic", klass  # a class printed by name only
        elif is_organisation(p.name):
            p.kind, p.code = "unit", f"unit:{p.name}"  # a unit printed by name only
        elif p.amounts and not is_note(p.name):
            # a class name the vocabulary does not know (其他资本性等支出): kept, flagged
            p.kind, p.code = "economic", f"other:{p.name}"
        return
    dept = "".join(codes[0])
    organisation = bool(names) and is_organisation(names[0])
    if len(codes) == 1 and (
        len(dept) == 6 or (len(dept) == 3 and (organisation or not dept.startswith(("3", "5"))))
    ):
        p.kind, p.code, p.name = "unit", f"unit:{dept}", "".join(names)
        return
    gov = "".join(codes[1]) if len(codes) > 1 else None
    p.kind = "economic"
    p.code = f"{dept}/{gov}" if gov else dept
    p.name = "/".join(names[:2]) if gov and len(names) >= 2 else "".join(names)
    del unit_column


def is_organisation(name: str) -> bool:
    """A budget unit's name (`…局`, `…中心（…）`, `…（本级）`), not a classification name."""
    bare = re.sub(r"[（(][^（()）]*[）)]$", "", name)
    return "本级" in name or bare.endswith(ORGANISATION_ENDINGS)


def _project_parts(p: Parsed, names: list[str], codes: list[str]) -> None:
    text = normalize("".join(names))
    category = None
    for candidate in sorted(CATEGORIES, key=len, reverse=True):
        if text.endswith(candidate) and len(text) > len(candidate):
            category, text = candidate, text[: -len(candidate)]
            break
        if text == candidate:
            category, text = candidate, ""
            break
    code = codes[0] if codes else None
    p.name = text
    if (not text and not code) or (is_total_name(text) and not code):
        p.kind, p.code = "total", "total"
    elif code and category is None:
        p.kind, p.code = "unit", f"unit:{code}"
    else:
        p.kind, p.code, p.unit = "project", f"project:{text}", code
        if category:
            p.text_cells["category"] = category
        if code:
            p.text_cells["unit"] = code


def _first_value(p: Parsed) -> Decimal | None:
    if not p.amounts:
        return None
    if p.fixed and 0 in p.fixed and p.fixed[0] != 0:
        return None
    return parse_amount(p.amounts[0])


def _place_codes(rows: list[Parsed], ctx: Context, table: str) -> None:
    """Turn 2-digit suffix codes into full codes, checking levels against the sums."""
    klass: str | None = None
    kuan: str | None = None
    kuan_total: Decimal | None = None
    kuan_sum = Decimal(0)
    kuan_children = 0
    for p in rows:
        if p.kind != "function":
            continue
        if p.suffix is None:
            code = p.code
            if len(code) == 3:
                klass, kuan = code, None
            elif len(code) == 5:
                klass, kuan = code[:3], code
                kuan_total, kuan_sum, kuan_children = _first_value(p), Decimal(0), 0
            elif len(code) == 7:
                if kuan == code[:5]:
                    kuan_children += 1
                    kuan_sum += _first_value(p) or Decimal(0)
            else:
                ctx.notices.append(Notice("odd-code", f"科目编码位数异常：{code}", p.line, table))
            continue
        value = _first_value(p)
        closed = (
            kuan is not None
            and kuan_children > 0
            and kuan_total is not None
            and abs(kuan_total - kuan_sum) <= Decimal("0.005") * (kuan_children + 1)
        )
        level = p.level_hint
        if level is None:
            level = 2 if kuan is None or closed else 3
        elif level == 3 and (kuan is None or (closed and value)):
            if kuan is not None:
                ctx.notices.append(
                    Notice(
                        "code-level",
                        f"编码 {p.suffix} 印在“项”的位置，但上级款 {kuan} 已与其下各项合计相符，"
                        "按金额关系判定为款级科目",
                        p.line,
                        table,
                    )
                )
            level = 2
        if klass is None:
            ctx.notices.append(
                Notice("orphan-code", f"编码 {p.suffix} 缺少上级类科目", p.line, table)
            )
            p.kind = "unknown"
            continue
        if level == 2:
            kuan = klass + p.suffix
            p.code = kuan
            kuan_total, kuan_sum, kuan_children = value, Decimal(0), 0
        else:
            assert kuan is not None
            p.code = kuan + p.suffix
            kuan_children += 1
            kuan_sum += value or Decimal(0)
        p.suffix = None


def _named_units(rows: list[Parsed], kind: str) -> None:
    """Rows that are budget units printed by name only (no unit code).

    Candidates: in a projects table, project rows named like a unit; in an economic
    table, rows whose name is no known class (`other:` so far). A candidate is a unit
    when the rows below it, up to the next candidate or unit (or the table's end), add
    up to its first amount. A project whose name merely ends like a unit
    (`…经费-珠海边检总站`) fails the sum.
    """
    member = "project" if kind == "projects" else "economic"
    valued = [i for i, p in enumerate(rows) if p.kind in (member, "unit") and p.amounts]

    def candidate(p: Parsed) -> bool:
        if member == "project":
            return p.kind == "project" and is_organisation(p.name)
        return p.kind == "economic" and p.code.startswith("other:")

    heads = {i for i in valued if candidate(rows[i])}
    done = -1
    for n, i in enumerate(valued):
        total = _first_value(rows[i])
        if i not in heads or i <= done or total is None:
            continue
        running, count = Decimal(0), 0
        for m in range(n + 1, len(valued)):
            below = rows[valued[m]]
            value = _first_value(below)
            if value is None or below.kind == "unit":
                break
            running, count = running + value, count + 1
            after = valued[m + 1] if m + 1 < len(valued) else None
            closes = after is None or after in heads or rows[after].kind == "unit"
            if closes and abs(running - total) <= Decimal("0.005") * (count + 1):
                unit = rows[i]
                unit.kind, unit.code, unit.unit = "unit", f"unit:{unit.name}", None
                unit.text_cells.clear()
                done = valued[m]
                break
            if running > total + Decimal("0.005") * (count + 1):
                break


def _codes_by_name(rows: list[Parsed], kind: str) -> None:
    """Rows printed by name only: a classification code from the catalogue, else a unit.

    A name the catalogue places under the rows above it takes that code; a name that
    reads like an organisation (`…局`, `…中心（…）`) is a budget unit, `unit:<name>`.
    """
    if kind == "projects":
        return
    names = CodesByName(economic=kind in ECONOMIC_TABLES)
    for p in rows:
        unnamed = p.kind == "unknown" or p.code.startswith("other:")
        if not unnamed and p.kind in ("function", "economic") and p.suffix is None and p.code:
            names.enter(p.code.split("/")[0])
        elif p.name and unnamed:
            code = names.resolve(p.name)
            if code is not None:
                p.kind, p.code = ("economic" if names.economic else "function"), code
            elif is_organisation(p.name):
                p.kind, p.code = "unit", f"unit:{p.name}"


def _name_duplicates(rows: list[Parsed]) -> None:
    """Projects sharing a name, and economic rows repeated under several units, get
    `@unit` (the printed unit code, else the unit row above) or `@n`, so row codes
    stay unique; a unit printed by name under a row of the same name (the department,
    then its 本级) is `@n`."""
    units: dict[str, int] = {}
    for p in rows:
        if p.kind == "unit":
            units[p.code] = units.get(p.code, 0) + 1
            if units[p.code] > 1:
                p.code = f"{p.code}@{units[p.code]}"
    kinds = ("project", "economic")
    counts: dict[str, int] = {}
    for p in rows:
        if p.kind in kinds:
            counts[p.code] = counts.get(p.code, 0) + 1
    seen: dict[str, int] = {}
    enclosing: str | None = None
    for p in rows:
        if p.kind == "unit":
            enclosing = p.code.removeprefix("unit:")
        if p.kind in kinds and counts[p.code] > 1:
            seen[p.code] = seen.get(p.code, 0) + 1
            suffix = p.unit or enclosing or str(seen[p.code])
            p.code = f"{p.code}@{suffix}"


def _families(rows: list[Parsed]) -> dict[int, list[int]]:
    """Parent row index -> child row indices (codes by prefix, units, the total row)."""
    families: dict[int, list[int]] = {}
    total: int | None = None
    stack: list[tuple[str, int]] = []  # (code key, index) of open ancestors
    units: list[tuple[str, int]] = []
    orphans: list[int] = []
    for index, p in enumerate(rows):
        if p.kind == "total":
            total = index if total is None else total
            continue
        parent: int | None = None
        if p.kind == "unit":
            code = p.code[5:]
            units = [(c, i) for c, i in units if code.startswith(c) and code != c]
            parent = units[-1][1] if units else total
            units.append((code, index))
            stack = []
        elif p.kind in ("function", "economic", "project"):
            key = p.code.split("/")[0] if p.kind == "economic" else p.code
            if p.kind == "project":
                key = "project"
            while stack and not (key.startswith(stack[-1][0]) and key != stack[-1][0]):
                stack.pop()
            if stack:
                parent = stack[-1][1]
            elif units:
                parent = units[-1][1]
            else:
                parent = total
            if p.kind != "project":
                stack.append((key, index))
        if parent is not None:
            families.setdefault(parent, []).append(index)
        elif p.kind != "total":
            orphans.append(index)
    if total is not None and orphans:
        # a 合计 printed below the rows it totals
        families.setdefault(total, []).extend(orphans)
    return families
