"""Words the text-quality rules look for: placeholders, unit typos, empty reasons.

Data only (regular-expression fragments); the rules are in cnbudget/validate/textquality.py.
"""

from __future__ import annotations

# template placeholders left in a published text: XX单位, 20XX年, ××万元, 某某项目, □□
PLACEHOLDERS: tuple[str, ...] = (
    r"(?<![A-Za-z])[XxＸｘ×✕╳]{2,}(?![A-Za-z])",
    r"某某",
    r"[□■〇○]{2,}",
    r"[（(]\s*[待填略]\s*[)）]",
    r"\[\s*(?:单位名称|部门名称|金额|数字|项目名称)\s*\]",
)

# misspelt money units printed right after an amount (员 for 元 and the like)
UNIT_TYPOS: tuple[str, ...] = (
    "万员",
    "万园",
    "万远",
    "万圆",
    "万源",
    "万原",
    "万无",
    "万玩",
    "万完",
    "千员",
    "亿员",
)
# a lone 元-typo after digits (100.00员), only when no further Chinese character follows
SINGLE_TYPOS = "员园远源"

# words that announce an explanation; printed right before a full stop they say nothing
REASON_WORDS: tuple[str, ...] = (
    "主要原因是",
    "主要原因为",
    "原因是",
    "原因为",
    "主要用于",
    "主要是",
    "主要包括",
    "具体包括",
    "主要为",
)

# verbs and labels that must be followed by a number before a unit (增加万元: number lost)
AMOUNT_WORDS: tuple[str, ...] = (
    "增加",
    "减少",
    "增长",
    "下降",
    "上升",
    "降低",
    "共计",
    "合计",
    "总计",
    "安排",
    "预算为",
    "决算为",
    "支出为",
    "收入为",
    "比上年",
)
AMOUNT_UNITS: tuple[str, ...] = ("万元", "元", "%", "％", "个百分点")

# single characters that never stand twice in a row (的的, 和和)
DOUBLED_CHARACTERS = "的和及与对在是了为将"

# an amount the 情况说明 states (narrative key) and the tables that must then print
# non-zero amounts: the prose describes a table, so the table cannot be missing or empty
PROSE_TABLES: dict[str, tuple[str, ...]] = {
    "income_total": ("summary", "income"),
    "expenditure_total": ("summary", "expenditure"),
    "three_public_total": ("three_public",),
}

# a money-unit label misspelt (单位：万员)
UNIT_LABEL_TYPO = r"单位[：:]\s*((?:万|千)?[员园远源圆原])"
