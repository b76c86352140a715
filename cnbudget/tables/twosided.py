"""Two-sided summary tables: income items on the left, expenditure items on the right.

Each printed line holds up to two rows (`一、财政拨款 19,401.26 一、一般公共服务支出`);
names are mapped to canonical keys by vocabulary, so template numbering does
not matter. The right side of 财政拨款收支总表 splits amounts by funding source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cnbudget.layout.sections import Block, is_note, is_prose
from cnbudget.layout.tokens import Token, amount_text, is_amount, parse_amount, tokenize
from cnbudget.model import Cell, Notice, Row, Table
from cnbudget.tables.common import (
    Context,
    Pending,
    assign_rows,
    drop_row_numbers,
    header_keys,
    split_block,
)
from cnbudget.vocabulary.normalize import compact, normalize
from cnbudget.vocabulary.summary_rows import Side, SummaryContext, classify, update_context


@dataclass(slots=True)
class Segment:
    """A printed name and the amounts that follow it on the line."""

    words: list[str]
    amounts: list[str] = field(default_factory=list)
    fixed: dict[int, int] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return compact("".join(self.words))


def _segments(tokens: list[Token]) -> list[Segment]:
    segments: list[Segment] = []
    for token in tokens:
        if token.kind == "empty":
            continue
        if token.kind == "amount":
            if not segments:
                segments.append(Segment([]))
            segments[-1].amounts.append(token.text)
        elif segments and not segments[-1].amounts:
            segments[-1].words.append(token.text)
        else:
            segments.append(Segment([token.text]))
    return segments


def _split_names(segment: Segment, ctx: SummaryContext) -> list[tuple[Side, str, Segment]]:
    """One printed segment may hold an income name and an expenditure name."""
    whole = classify(segment.name, ctx)
    words = segment.words
    for k in range(1, len(words)):
        left = classify("".join(words[:k]), ctx)
        right = classify("".join(words[k:]), ctx)
        if left and right and left[0] == "income" and right[0] == "expenditure":
            if whole is None or whole[1].startswith("other:"):
                return [
                    (left[0], left[1], Segment(words[:k])),
                    (right[0], right[1], Segment(words[k:], segment.amounts)),
                ]
    if whole is None:
        return []
    return [(whole[0], whole[1], segment)]


def parse_two_sided(block: Block, ctx: Context) -> Table:
    """Parse 收支总表 / 财政拨款收支总表 into rows keyed by canonical summary keys."""
    table = Table(block.kind, block.title.strip(), block.title_line, block.unit or ctx.unit)
    table.last_line = block.last_line
    split = split_block(block, ctx.tabbed)
    if ctx.tabbed:
        split = drop_row_numbers(split)
    keys, positions, _header = header_keys(split, ctx.tabbed)
    right_keys = keys if block.kind == "fiscal_summary" and keys else ["amount"]
    split_right = {j: k for j, k in positions.items() if j >= 3}
    if block.kind != "fiscal_summary" and len(split_right) > 1:
        # a 收支总表 whose expenditure side also splits each amount (合计 | 人员经费 |
        # 公用经费 | 项目支出): the main figure stays `amount`, the splits keep their keys
        positions = {j: "amount" if k == "total" else k for j, k in split_right.items()}
        right_keys = [positions[j] for j in sorted(positions)]
    numbered = "序号" in compact(" ".join(line.text for line in split.header))
    summary_ctx = SummaryContext()
    income: list[tuple[str, str, int, Segment]] = []
    expenditure: list[tuple[str, str, int, Segment]] = []
    seen: set[str] = set()
    for line in split.body:
        if is_note(line.text) or is_prose(line.text):
            continue
        found = (
            _tab_line(line.text, positions, right_keys)
            if ctx.tabbed
            else _space_line(line.text, numbered)
        )
        for segment in found:
            named = _split_names(segment, summary_ctx)
            if not named and segment.name:
                ctx.notices.append(
                    Notice("unknown-row", f"未识别的行名：{segment.name}", line.number, block.kind)
                )
            for side, key, part in named:
                update_context(summary_ctx, side, key)
                target = income if side == "income" else expenditure
                if key in seen:
                    earlier = next(i for i, item in enumerate(target) if item[0] == key)
                    if part.amounts and target[earlier][3].amounts:
                        ctx.notices.append(
                            Notice(
                                "duplicate-row", f"重复的行：{part.name}", line.number, block.kind
                            )
                        )
                    elif part.amounts:
                        target[earlier] = (key, part.name, line.number, part)
                    continue
                seen.add(key)
                target.append((key, part.name, line.number, part))
    _last_total_is_grand(income, "income")
    _last_total_is_grand(expenditure, "expenditure")
    single = [*income, *(expenditure if right_keys == ["amount"] else [])]
    for _key, name, number, segment in single:
        if len(segment.amounts) > 1:
            extra = "、".join(segment.amounts[1:])
            ctx.notices.append(
                Notice(
                    "extra-numbers",
                    f"「{name}」印有 {len(segment.amounts)} 个数字，本表此栏只有一列，"
                    f"只取第一个，其余（{extra}）未解析",
                    number,
                    block.kind,
                    "warning",
                )
            )
    for key, name, number, segment in income:
        row = Row(key, name, number)
        if segment.amounts:
            text = segment.amounts[0]
            row.cells["amount"] = Cell("amount", amount_text(text), parse_amount(text))
        table.rows.append(row)
    if block.kind == "fiscal_summary" and ctx.present is not None:
        ctx.present |= {
            key for key, _n, _l, s in income if s.amounts and parse_amount(s.amounts[0])
        }
    if right_keys == ["amount"]:
        # the expenditure side of 财政拨款收支总表 is keyed `total` even with one column
        column = "total" if block.kind == "fiscal_summary" else "amount"
        for key, name, number, segment in expenditure:
            row = Row(key, name, number)
            if segment.amounts:
                text = segment.amounts[0]
                row.cells[column] = Cell(column, amount_text(text), parse_amount(text))
            table.rows.append(row)
    else:
        table.columns = list(right_keys)
        pending = [
            Pending(
                [amount_text(a) for a in s.amounts],
                [parse_amount(a) for a in s.amounts],
                number,
                s.fixed,
            )
            for _k, _n, number, s in expenditure
        ]
        families = _families([key for key, _n, _l, _s in expenditure])
        cells = assign_rows(pending, right_keys, ctx, families, block.kind)
        for (key, name, number, _s), row_cells in zip(expenditure, cells, strict=True):
            table.rows.append(Row(key, name, number, dict(row_cells)))
    return table


def _last_total_is_grand(rows: list[tuple[str, str, int, Segment]], side: str) -> None:
    """收入合计 / 支出合计 printed last in a table without 总计 closes it: the grand total."""
    keys = [key for key, _n, _l, _s in rows]
    if not rows or f"{side}.grand_total" in keys or keys[-1] != f"{side}.current_total":
        return
    key, name, number, segment = rows[-1]
    if normalize(name) in ("收入合计", "支出合计") and keys.count(key) == 1:
        rows[-1] = (f"{side}.grand_total", name, number, segment)


def _families(keys: list[str]) -> dict[int, list[int]]:
    # classes only: 款 and 项 rows printed by name under them are not added again
    classes = [
        i
        for i, key in enumerate(keys)
        if (len(key) == 3 and key.isdigit()) or key.startswith("other:")
    ]
    for total in ("expenditure.current_total", "expenditure.grand_total"):
        if total in keys and classes:
            return {keys.index(total): classes}
    return {}


def _space_line(text: str, numbered: bool) -> list[Segment]:
    tokens = list(tokenize(text))
    if numbered and tokens and tokens[0].kind == "int":
        tokens = tokens[1:]
    return _segments([t for t in tokens if t.kind != "int"])


def _tab_line(text: str, positions: dict[int, str], right_keys: list[str]) -> list[Segment]:
    cells = [c.strip() for c in text.split("\t")]
    segments: list[Segment] = []
    if cells and normalize(cells[0]):
        left = Segment([normalize(cells[0])])
        if len(cells) > 1 and is_amount(cells[1]):
            left.amounts.append(cells[1])
        segments.append(left)
    if len(cells) > 2 and normalize(cells[2]):
        right = Segment([normalize(cells[2])])
        index = {k: i for i, k in enumerate(right_keys)}
        for j in range(3, len(cells)):
            if is_amount(cells[j]):
                key = positions.get(j)
                if key in index:
                    right.fixed[len(right.amounts)] = index[key]
                elif right_keys == ["amount"] and not right.amounts:
                    right.fixed[0] = 0
                right.amounts.append(cells[j])
        segments.append(right)
    return segments
