"""Independent transcription of the two 泉州 files (no cnbudget code): the 单位 file
quanzhou-government-office-2026-budget-unit.pdf and the 部门 file
quanzhou-government-office-2026-budget-dept.pdf (same template, same ten tables).

How it was made: the ten tables (one page each: PDF pp. 12–21 of the 单位 file, 13–22 of
the 部门 file) were
read from `pdftotext -layout` (poppler) with the column lists below, written from the
printed headers; each page was also looked at rendered (pdftoppm -r 60) to confirm the
columns. Every cell of this template prints a number (`0.00` for empty), so splitting a
row at runs of spaces gives exactly one value per printed column. The arithmetic of the
transcription is then checked (`check()`): rows = Σ columns, 合计 = Σ rows, the class
totals of the 收支总表 against the 项 rows of the 支出总表, cross-table totals.

Run: python tests/expected/real/quanzhou_transcription.py NAME > \
        tests/expected/real/NAME.facts.csv
(NAME: quanzhou-government-office-2026-budget-unit or …-dept)
"""

from __future__ import annotations

import csv
import hashlib
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

NAME = sys.argv[1] if len(sys.argv) > 1 else "quanzhou-government-office-2026-budget-unit"
PDF = Path(__file__).resolve().parents[2] / "corpus" / "real" / f"{NAME}.pdf"
# the page of the first table (收支预算总表); the other nine follow one per page
FIRST_PAGE = {
    "quanzhou-government-office-2026-budget-unit": 12,
    "quanzhou-government-office-2026-budget-dept": 13,
}[NAME]

# 支出功能分类 class names as printed in the 收支总表 → class code (the canonical vocabulary)
CLASSES = {
    "一般公共服务支出": "201",
    "外交支出": "202",
    "国防支出": "203",
    "公共安全支出": "204",
    "教育支出": "205",
    "科学技术支出": "206",
    "文化旅游体育与传媒支出": "207",
    "社会保障和就业支出": "208",
    "卫生健康支出": "210",
    "节能环保支出": "211",
    "城乡社区支出": "212",
    "农林水支出": "213",
    "交通运输支出": "214",
    "资源勘探工业信息等支出": "215",
    "商业服务业等支出": "216",
    "金融支出": "217",
    "援助其他地区支出": "219",
    "自然资源海洋气象等支出": "220",
    "住房保障支出": "221",
    "粮油物资储备支出": "222",
    "国有资本经营预算支出": "223",
    "灾害防治及应急管理支出": "224",
    "其他支出": "229",
    "债务还本支出": "231",
    "债务付息支出": "232",
    "债务发行费用支出": "233",
}
INCOME_ROWS = {
    "一般公共预算拨款收入": "income.general",
    "政府性基金预算拨款收入": "income.gov_fund",
    "国有资本经营预算拨款收入": "income.soe",
    "财政专户管理资金收入": "income.special_account",
    "事业收入": "income.business",
    "事业单位经营收入": "income.operating",
    "上级补助收入": "income.superior",
    "附属单位上缴收入": "income.affiliated",
    "其他收入": "income.other",
    "本年收入合计": "income.current_total",
    "上年结转结余": "income.carryover",
}
EXPENDITURE_ROWS = {
    "本年支出合计": "expenditure.current_total",
    "结转下年支出": "expenditure.carry_forward",
}
# columns written from the printed headers, left to right
INCOME_COLUMNS = [
    "total",  # 总计
    "fiscal.general",  # 一般公共预算拨款收入
    "fiscal.gov_fund",  # 政府性基金预算拨款收入
    "fiscal.soe",  # 国有资本经营预算拨款收入
    "special_account",  # 财政专户管理资金收入
    "business",  # 事业收入
    "operating",  # 事业单位经营收入
    "superior",  # 上级补助收入
    "affiliated",  # 附属单位上缴收入
    "other",  # 其他收入
    "carryover",  # 上年结转结余
]
EXPENDITURE_COLUMNS = [
    "total",  # 小计
    "basic",  # 基本支出
    "project",  # 项目支出
    "operating_expenditure",  # 事业单位经营支出
    "remit_superior",  # 上缴上级支出
    "subsidy_affiliated",  # 对附属单位补助支出
]
SOURCE_COLUMNS = ["total", "basic", "project"]  # 小计, 其中：基本支出 / 项目支出
THREE_PUBLIC_ROWS = {
    "合计": "total",
    "因公出国（境）费用": "overseas",
    "公务接待费": "reception",
    "公务用车购置及运行费": "vehicles",
    "公务用车购置费": "vehicles.purchase",
    "公务用车运行费": "vehicles.operation",
}
NUMBER = re.compile(r"^-?\d+\.\d{2}$")
NUMBERING = re.compile(r"^(?:其中：)?(?:[一二三四五六七八九十]+、|\d+、|（\d+）)")

Fact = tuple[str, str, str, str, str]  # table, row_code, row_name, column, printed value


def page(number: int) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(PDF), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line for line in out.splitlines() if line.strip()]


def fields(line: str) -> list[str]:
    return [f for f in re.split(r"\s{2,}", line.strip()) if f]


def two_sided(table: str, number: int, fiscal: bool) -> list[Fact]:
    """收支预算总表 / 财政拨款收支预算总表: label amount | label amount."""
    facts: list[Fact] = []
    for line in page(number):
        parts = fields(line)
        pairs = [
            (parts[i], parts[i + 1]) for i in range(len(parts) - 1) if NUMBER.match(parts[i + 1])
        ]
        for label, value in pairs:
            plain = NUMBERING.sub("", label)
            if plain in INCOME_ROWS or plain == "收入合计":  # the two sides' names differ
                # 收入合计 is printed last and closes the table: the grand total (the
                # 财政拨款 table has no carry-over line and no other total)
                code = "income.grand_total" if plain == "收入合计" else INCOME_ROWS[plain]
                facts.append((table, code, label, "amount", value))
            else:
                if plain == "支出合计":
                    code = "expenditure.grand_total"
                else:
                    code = EXPENDITURE_ROWS.get(plain) or CLASSES[plain]
                facts.append((table, code, label, "total" if fiscal else "amount", value))
    return facts


def coded(table: str, number: int, columns: list[str], unit_rows: bool = False) -> list[Fact]:
    facts: list[Fact] = []
    lines = page(number)
    body = False  # after the 合计 row: lines without values are wrapped names
    for index, line in enumerate(lines):
        parts = fields(line)
        values = [p for p in parts if NUMBER.match(p)]
        words = [p for p in parts if not NUMBER.match(p)]
        if not values:
            continue
        assert len(values) == len(columns), (table, line)
        if words[0] == "合计":
            code, name = "total", "合计"
            body = True
        elif unit_rows:
            code, name = f"unit:{words[0].replace(' ', '')}", words[0]
        elif len(words) == 1 and body:
            # a name wrapped around its row: half on the line above, half below
            code = words[0]
            name = "".join(fields(lines[index - 1]) + fields(lines[index + 1]))
        else:
            code, name = words
        for column, value in zip(columns, values, strict=True):
            facts.append((table, code, name, column, value))
    return facts


def three_public(number: int) -> list[Fact]:
    facts: list[Fact] = []
    for line in page(number):
        parts = fields(line)
        if len(parts) == 2 and NUMBER.match(parts[1]):
            plain = NUMBERING.sub("", NUMBERING.sub("", parts[0]))
            facts.append(("three_public", THREE_PUBLIC_ROWS[plain], parts[0], "amount", parts[1]))
    return facts


def transcribe() -> list[Fact]:
    first = FIRST_PAGE
    return (
        two_sided("summary", first, fiscal=False)
        + coded("income", first + 1, INCOME_COLUMNS, unit_rows=True)
        + coded("expenditure", first + 2, EXPENDITURE_COLUMNS)
        + two_sided("fiscal_summary", first + 3, fiscal=True)
        + coded("general_expenditure", first + 4, SOURCE_COLUMNS)
        + coded("gov_fund_expenditure", first + 5, SOURCE_COLUMNS)
        + coded("soe_expenditure", first + 6, SOURCE_COLUMNS)
        + coded("economic_summary", first + 7, ["total"])
        + coded("general_basic", first + 8, ["total"])
        + three_public(first + 9)
    )


def check(facts: list[Fact]) -> None:
    """The document's own arithmetic, on the transcription."""
    v: dict[tuple[str, str, str], Decimal] = {}
    for table, code, _name, column, value in facts:
        v[(table, code, column)] = Decimal(value)

    def rows(table: str, column: str, prefix: str = "") -> list[str]:
        return [
            c
            for (t, c, col) in v
            if t == table and col == column and c != "total" and c.startswith(prefix)
        ]

    def eq(a: Decimal, b: Decimal, what: str) -> None:
        assert a == b, f"{what}: {a} != {b}"

    for table in ("summary", "fiscal_summary"):
        col = "amount" if table == "summary" else "total"
        classes = sum(v[(table, c, col)] for c in CLASSES.values() if (table, c, col) in v)
        closing = "expenditure.current_total" if table == "summary" else "expenditure.grand_total"
        eq(classes, v[(table, closing, col)], f"{table} Σ classes")
    eq(
        v[("summary", "income.current_total", "amount")]
        + v[("summary", "income.carryover", "amount")],
        v[("summary", "income.grand_total", "amount")],
        "收入合计",
    )
    for table, columns in (
        ("expenditure", EXPENDITURE_COLUMNS),
        ("general_expenditure", SOURCE_COLUMNS),
        ("income", INCOME_COLUMNS),
    ):
        for column in columns:
            eq(
                sum(v[(table, c, column)] for c in rows(table, column)),
                v[(table, "total", column)],
                f"{table} {column}",
            )
        for code in {c for (t, c, _col) in v if t == table}:
            eq(
                sum(v[(table, code, c)] for c in columns[1:]),
                v[(table, code, "total")],
                f"{table} {code} row",
            )
    for klass in (c for c in CLASSES.values() if v.get(("summary", c, "amount"))):
        eq(
            sum(v[("expenditure", c, "total")] for c in rows("expenditure", "total", klass)),
            v[("summary", klass, "amount")],
            f"class {klass}",
        )
    eq(
        sum(v[("economic_summary", c, "total")] for c in rows("economic_summary", "total")),
        v[("economic_summary", "total", "total")],
        "经济分类",
    )
    basic = rows("general_basic", "total")
    eq(
        sum(v[("general_basic", c, "total")] for c in basic if len(c) == 3),
        v[("general_basic", "total", "total")],
        "基本支出 类",
    )
    for klass in (c for c in basic if len(c) == 3):
        eq(
            sum(
                v[("general_basic", c, "total")]
                for c in basic
                if len(c) == 5 and c.startswith(klass)
            ),
            v[("general_basic", klass, "total")],
            f"基本支出 {klass}",
        )
    eq(
        v[("general_basic", "total", "total")],
        v[("general_expenditure", "total", "basic")],
        "基本支出 = 一般公共预算 基本",
    )
    eq(
        v[("economic_summary", "total", "total")],
        v[("general_expenditure", "total", "total")],
        "经济分类 = 一般公共预算",
    )
    tp = {c: v[("three_public", c, "amount")] for (t, c, _col) in v if t == "three_public"}
    eq(tp["overseas"] + tp["reception"] + tp["vehicles"], tp["total"], "三公")
    eq(tp["vehicles.purchase"] + tp["vehicles.operation"], tp["vehicles"], "公务用车")


def main() -> None:
    facts = transcribe()
    check(facts)
    document = hashlib.sha256(PDF.read_bytes()).hexdigest()[:16]
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["document", "table", "row_code", "row_name", "column", "value"])
    for table, code, name, column, value in facts:
        writer.writerow([document, table, code, name.replace(" ", ""), column, value])


if __name__ == "__main__":
    main()
