"""固定资产占用情况表: rows of asset types, a quantity and a value column."""

from __future__ import annotations

import re

from cnbudget.layout.sections import Block, is_note, is_prose
from cnbudget.layout.tokens import amount_text, parse_amount, tokenize
from cnbudget.model import Cell, Notice, Row, Table
from cnbudget.tables.common import Context, split_block
from cnbudget.vocabulary.normalize import normalize, strip_numbering

_ROWS: tuple[tuple[str, str], ...] = (
    (r"^资产总额", "total"),
    (r"^(其中：)?办公用房", "buildings.office"),
    (r"^房屋", "buildings"),
    (r"^车辆", "vehicles"),
    (r"^单价在.*设备|^.*万元以上的?设备", "equipment"),
    (r"^其他固定资产", "other"),
)


def parse_assets(block: Block, ctx: Context) -> Table:
    table = Table(block.kind, block.title.strip(), block.title_line, block.unit or ctx.unit)
    table.last_line = block.last_line
    table.columns = ["quantity", "value"]
    split = split_block(block, ctx.tabbed)
    for line in [*split.header, *split.body]:
        if is_note(line.text) or is_prose(line.text):
            continue
        tokens = tokenize(line.text.replace("\t", " "))
        words = normalize("".join(t.text for t in tokens if t.kind == "text"))
        last_text = max((i for i, t in enumerate(tokens) if t.kind == "text"), default=-1)
        numbers = [t.text for t in tokens[last_text + 1 :] if t.kind in ("amount", "int")]
        plain = strip_numbering(words)
        key = next((k for pattern, k in _ROWS if re.match(pattern, plain)), None)
        if key is None:
            continue
        row = Row(key, words, line.number)
        if key == "total" and len(numbers) == 1:
            row.cells["value"] = Cell("value", amount_text(numbers[0]), parse_amount(numbers[0]))
        elif len(numbers) == 2:
            row.cells["quantity"] = Cell("quantity", numbers[0], parse_amount(numbers[0]))
            row.cells["value"] = Cell("value", amount_text(numbers[1]), parse_amount(numbers[1]))
        elif len(numbers) == 1:
            row.cells["value"] = Cell(
                "value", amount_text(numbers[0]), parse_amount(numbers[0]), 0.5
            )
            ctx.notices.append(
                Notice(
                    "ambiguous-columns", "资产行只有一个数字，按价值列处理", line.number, table.kind
                )
            )
        table.rows.append(row)
    table.empty_note = next((n for n in split.notes if "空表" in n or "无" in n), None)
    return table
