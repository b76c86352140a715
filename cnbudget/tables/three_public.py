"""The “三公” table: items printed as columns (by year) or as rows (by funding source)."""

from __future__ import annotations

import re

from cnbudget.layout.rows import assemble, parts
from cnbudget.layout.sections import Block, is_note
from cnbudget.layout.tokens import amount_text, is_amount, is_cell_amount, parse_amount, tokenize
from cnbudget.model import Notice, Row, Table
from cnbudget.tables.assign import THREE_PUBLIC_TREE
from cnbudget.tables.common import Context, Pending, assign_rows, header_keys, split_block
from cnbudget.vocabulary.columns import Label
from cnbudget.vocabulary.normalize import compact, normalize, strip_numbering

_ITEM_ROWS: tuple[tuple[str, str], ...] = (
    (r"^“?三公”?经费(小计|合计)?$", "total"),
    (r"^其中：?教学科研人员因公出国（境）费用?$", "overseas.research"),
    (r"^其他因公出国（境）费用?$", "overseas.other"),
    (r"^因公出国（境）(费用?|经费|支出)$", "overseas"),
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
    if any("@" in key for key in keys):
        _items_as_columns(table, split, keys, positions, header.paths, ctx)
    else:
        _items_as_rows(table, split, keys, positions, ctx)
    return table


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
    from cnbudget.tables.common import Split

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
    if units is not None and len(units) == 1 and pending[1].texts == pending[0].texts:
        units = None  # the one unit repeats the 合计 row: named in the notice below
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
    from cnbudget.tables.common import Split

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
