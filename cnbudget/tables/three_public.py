"""The “三公” table: items printed as columns (by year) or as rows (by funding source)."""

from __future__ import annotations

import re

from cnbudget.layout.header import parse_tab_header
from cnbudget.layout.rows import assemble, parts
from cnbudget.layout.sections import Block, is_note
from cnbudget.layout.tokens import amount_text, is_amount, is_cell_amount, parse_amount, tokenize
from cnbudget.model import Cell, Notice, Row, Table
from cnbudget.tables.assign import THREE_PUBLIC_TREE
from cnbudget.tables.common import Context, Pending, Split, assign_rows, header_keys, split_block
from cnbudget.vocabulary.columns import Label, column_key
from cnbudget.vocabulary.normalize import compact, normalize, strip_numbering

_ITEM_ROWS: tuple[tuple[str, str], ...] = (
    (r"^“?三公”?经费(小计|合计)?$", "total"),
    (r"^其中：?教学科研人员因公出国（境）费用?$", "overseas.research"),
    (r"^其他因公出国（境）费用?$", "overseas.other"),
    (r"^(其中：)?因公出国（境）(费用?|经费|支出)$", "overseas"),
    (r"^公务用车购置及运(行维护|维|行)(费|支出)$", "vehicles"),
    (r"^(其中：)?公务用车购置费$", "vehicles.purchase"),
    (r"^(其中：)?公务用车运(行维护|维|行)费$", "vehicles.operation"),
    (r"^公务接待费(支出)?$", "reception"),
    (r"^行政经费$|^机关运行经费$", "operating_costs"),
    (r"^(其中：)?省属高校业务性会议费$", "meetings.university"),
    (r"^其他会议费$", "meetings.other"),
    (r"^会议费$", "meetings"),
    (r"^培训费$", "training"),
)


def parse_three_public(block: Block, ctx: Context) -> Table:
    table = Table(block.kind, block.title.strip(), block.title_line, block.unit or ctx.unit)
    table.last_line = block.last_line
    split = split_block(block, ctx.tabbed)
    keys, positions, header = header_keys(split, ctx.tabbed)
    by_source = _source_columns(split) if ctx.tabbed else None
    if by_source is not None:
        _years_as_rows(table, split, by_source, ctx)
    elif any("@" in key for key in keys):
        _items_as_columns(table, split, keys, positions, header.paths, ctx)
    else:
        _items_as_rows(table, split, keys, positions, ctx)
    return table


_SOURCES = {"GENERAL": "fiscal.general", "GOV_FUND": "fiscal.gov_fund", "SOE": "fiscal.soe"}
_ORDER = ["total", "overseas", "reception", "vehicles", "vehicles.purchase", "vehicles.operation"]


def _source_columns(split: Split) -> dict[int, tuple[str, str, str]] | None:
    """Item column groups split by funding source (深圳 表9): position → (item, name, source)."""
    paths = parse_tab_header([line.text.split("\t") for line in split.header])
    found: dict[int, tuple[str, str, str]] = {}
    for j, path in paths.items():
        if len(path) < 2 or path[-1].id not in _SOURCES:
            return None
        item = column_key(path[:-1]).partition("@")[0]
        if item not in _ORDER:
            return None
        found[j] = (item, _label_name(path[:-1]), _SOURCES[path[-1].id])
    return found or None


def _year_prefix(label: str, year: int | None) -> str | None:
    """Column prefix of a row labelled by year: the budget year none, earlier prior_year."""
    if "增减" in label:
        return "change."
    printed = re.search(r"(\d{4})年", label)
    if printed is None or year is None:
        return None
    value = int(printed.group(1))
    if value == year:
        return ""
    return "prior_year." if value == year - 1 else f"year_{value}."


def _years_as_rows(
    table: Table, split: Split, columns: dict[int, tuple[str, str, str]], ctx: Context
) -> None:
    """Rows 2025年 / 2026年 / 增减变化金额 under each unit; item columns split by source.

    Each unit named in the first cell opens a `unit:<name>` row without amounts; the
    items (`total`, `overseas`, …) are rows under it, their columns the source keys with
    the year's prefix (`prior_year.fiscal.general`, `fiscal.general`, `change.…`).
    """
    rows: list[Row] = []
    items: dict[str, Row] = {}
    unit: int | None = None
    for line in split.body:
        cells = line.text.split("\t")
        amounts = [(j, c.strip()) for j, c in enumerate(cells) if is_amount(c)]
        if not amounts:
            continue
        words = [compact(c) for c in cells if compact(c) and not is_amount(c)]
        label = next((w for w in words if "年" in w or "增减" in w), "")
        named = [w for w in words if w != label]
        if named:
            unit = len(rows)
            rows.append(Row(f"unit:{normalize(named[0])}", normalize(named[0]), line.number))
            items = {}
        prefix = _year_prefix(label, ctx.year)
        if prefix is None:
            printed = "、".join(text for _, text in amounts)
            ctx.notices.append(
                Notice(
                    "unparsed-row",
                    f"未能归入“三公”经费表的行：{'／'.join(words) or '（无行名）'}（{printed}）",
                    line.number,
                    table.kind,
                )
            )
            continue
        for j, text in amounts:
            if j not in columns:
                continue
            item, name, source = columns[j]
            if item not in items:
                items[item] = Row(item, name, line.number, parent=unit)
                rows.append(items[item])
            column = prefix + source
            items[item].cells[column] = Cell(
                column, amount_text(text), parse_amount(text), line=line.number
            )
    table.rows = _ordered(rows)
    table.columns = sorted({c for r in table.rows for c in r.cells})


def _ordered(rows: list[Row]) -> list[Row]:
    """Each unit row followed by its items in the usual order; parents re-indexed."""
    result: list[Row] = []
    groups: list[tuple[Row | None, list[Row]]] = []
    for row in rows:
        if row.code.startswith("unit:"):
            groups.append((row, []))
        elif groups:
            groups[-1][1].append(row)
        else:
            groups.append((None, [row]))
    for head, items in groups:
        parent = None
        if head is not None:
            parent = len(result)
            result.append(head)
        for item in sorted(items, key=lambda r: _ORDER.index(r.code)):
            item.parent = parent
            result.append(item)
    return result


def _label_name(path: tuple[Label, ...]) -> str:
    leaf = path[-1]
    if leaf.id == "SUBTOTAL" and len(path) > 1 and path[-2].id == "VEHICLES":
        return normalize(path[-2].text)
    return normalize(leaf.text)


def _items_as_columns(
    table: Table,
    split: object,
    keys: list[str],
    positions: dict[int, str],
    paths: list[tuple[Label, ...]],
    ctx: Context,
) -> None:
    assert isinstance(split, Split)
    names = {key: _label_name(path) for key, path in zip(keys, paths, strict=False)}
    index = {key: i for i, key in enumerate(keys)}
    pending: list[Pending] = []
    labels: list[str] = []
    for line in split.body:
        if ctx.tabbed:
            cells = line.text.split("\t")
            texts: list[str] = []
            fixed: dict[int, int] = {}
            for j, raw_cell in enumerate(cells):
                if is_cell_amount(raw_cell) and positions.get(j) in index:
                    fixed[len(texts)] = index[positions[j]]
                    texts.append(raw_cell.strip())
            words = [c for c in cells if c.strip() and not is_amount(c)]
        else:
            tokens = tokenize(line.text)
            texts = [t.text for t in tokens if t.kind == "amount"]
            words = [t.text for t in tokens if t.kind not in ("amount", "empty")]
            fixed = {}
        if texts:
            labels.append(normalize("".join(words)))
            pending.append(
                Pending(
                    [amount_text(t) for t in texts],
                    [parse_amount(t) for t in texts],
                    line.number,
                    fixed,
                )
            )
    if not pending:
        return
    units = _unit_rows(pending[1:], labels[1:], keys, ctx, table.kind)
    if units is None and len(pending) > 1:
        ctx.notices.append(
            Notice("extra-rows", "“三公”经费表有多行数字，只取第一行", pending[1].line, table.kind)
        )
    assigned = assign_rows(pending[:1], keys, ctx, {}, table.kind, THREE_PUBLIC_TREE)[0]
    rows: dict[str, Row] = {}
    for key, cell in assigned.items():
        item, _, year = key.partition("@")
        column = "amount"
        if year and not year.isdigit():
            column = year  # a phase of a 决算 table: budget_initial / final
        elif year and ctx.year is not None and int(year) < ctx.year:
            column = "prior_year"
        elif year and ctx.year is not None and int(year) > ctx.year:
            column = f"year_{year}"
        row = rows.get(item)
        if row is None:
            row = rows[item] = Row(item, names.get(key, item), pending[0].line)
        cell.column = column
        row.cells[column] = cell
    order = [
        "total",
        "overseas",
        "vehicles",
        "vehicles.purchase",
        "vehicles.operation",
        "reception",
        "operating_costs",
    ]
    table.rows = sorted(rows.values(), key=lambda r: order.index(r.code) if r.code in order else 99)
    table.rows += units or []
    table.columns = sorted({c for r in table.rows for c in r.cells})


def _unit_rows(
    pending: list[Pending], labels: list[str], keys: list[str], ctx: Context, kind: str
) -> list[Row] | None:
    """Rows by budget unit under the 合计 row (items as columns, one year): `unit:<name>`
    rows keep the item keys as columns. None when the rows are not of that kind."""
    years = {key.partition("@")[2] for key in keys}
    budget_year = str(ctx.year) if ctx.year is not None else ""
    if not pending or not all(labels) or not years <= {"", budget_year}:
        return None
    if any(label in ("合计", "总计") for label in labels):
        return None
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for row_pending, label, cells in zip(
        pending, labels, assign_rows(pending, keys, ctx, {}, kind, THREE_PUBLIC_TREE), strict=True
    ):
        seen[label] = seen.get(label, 0) + 1
        code = f"unit:{label}" if seen[label] == 1 else f"unit:{label}@{seen[label]}"
        row = Row(code, label, row_pending.line)
        for key, cell in cells.items():
            cell.column = key.partition("@")[0]
            row.cells[cell.column] = cell
        rows.append(row)
    return rows


def _items_as_rows(
    table: Table, split: object, keys: list[str], positions: dict[int, str], ctx: Context
) -> None:
    assert isinstance(split, Split)
    column_keys = ["total" if k == "amount" else k for k in keys] or ["total"]
    index = {key: i for i, key in enumerate(column_keys)}
    rows: list[tuple[str, int, list[str], dict[int, int]]] = []
    if ctx.tabbed:
        # one printed line is one row: cells wrapped inside a ruled cell are already joined
        for source_line in split.body:
            cells = source_line.text.split("\t")
            words = "".join(c for c in cells if c.strip() and not is_amount(c))
            amounts: list[str] = []
            fixed: dict[int, int] = {}
            for j, printed_cell in enumerate(cells):
                if is_amount(printed_cell):
                    key = "total" if positions.get(j) == "amount" else positions.get(j)
                    if key in index:
                        fixed[len(amounts)] = index[key]
                    amounts.append(printed_cell.strip())
            if len(fixed) != len(amounts):
                fixed = {}
            if words or amounts:
                rows.append((normalize(words), source_line.number, amounts, fixed))
    else:
        numbered = "序号" in compact(" ".join(line.text for line in split.header))
        raw, _ = assemble(split.body, numbered=numbered)
        rows = [(normalize("".join(parts(r).names)), r.line, parts(r).amounts, {}) for r in raw]
    entries: list[tuple[str, str, int, list[str], dict[int, int]]] = []
    has_grand = any(re.search("会议费|培训费", name) for name, _l, _a, _f in rows)
    for name, number, amounts, fixed in rows:
        plain = strip_numbering(name)
        # 其中：（1）公务用车购置费 / 其中：（一）因公出国（境）支出: with and without 其中
        bare = strip_numbering(re.sub(r"^其中[：:]", "", plain))
        variants = ("其中：" + bare, bare) if bare != plain else (plain,)
        key = None
        if plain in ("合计", "总计"):
            key = "grand_total" if has_grand else "total"
        else:
            key = next(
                (item for v in variants for pattern, item in _ITEM_ROWS if re.match(pattern, v)),
                None,
            )
        if key is None:
            if name and not (is_note(name) and not amounts):
                ctx.notices.append(
                    Notice("unknown-row", f"未识别的行名：{name}", number, table.kind)
                )
            continue
        entries.append((key, name, number, amounts, fixed))
    pending = [
        Pending([amount_text(a) for a in printed], [parse_amount(a) for a in printed], at, known)
        for _k, _n, at, printed, known in entries
    ]
    families = _row_families([k for k, _n, _l, _a, _f in entries])
    assigned = assign_rows(pending, column_keys, ctx, families, table.kind)
    for (key, name, at, _amounts, _fixed), row_cells in zip(entries, assigned, strict=True):
        row = Row(key, name, at)
        for column, cell in row_cells.items():
            column = "amount" if column == "total" else column
            cell.column = column
            row.cells[column] = cell
        table.rows.append(row)
    table.columns = ["amount" if k == "total" else k for k in column_keys]


def _row_families(keys: list[str]) -> dict[int, list[int]]:
    index = {key: i for i, key in enumerate(keys)}
    families: dict[int, list[int]] = {}
    for parent, kids in THREE_PUBLIC_TREE.items():
        if parent in index:
            present = [index[k] for k in kids if k in index]
            if present:
                families[index[parent]] = present
    return families
