"""Independent transcription of fuzhou-commerce-2026-budget-dept.pdf (no cnbudget code).

Empty cells print nothing in this file, so the coded tables (支出预算总表, 一般公共预算 /
政府性基金 / 国有资本经营 拨款支出预算表, the two 经济分类情况表) are read from the word boxes
of `pdftotext -bbox` (poppler): the 合计 row prints every column, and each other amount
belongs to the column whose right edge (amounts are right-aligned) is nearest its own.
The small tables whose cells wrap (收支预算总表 and its `24995.9` / `4` totals, the
收入预算总表 with unit names over three lines, 财政拨款收支预算总表, “三公”) were typed from
the rendered pages (pdftoppm -r 60). `check()` verifies the document's own arithmetic
before the CSV is written.

Run: python tests/expected/real/fuzhou_transcription.py > \
        tests/expected/real/fuzhou-commerce-2026-budget-dept.facts.csv
"""

from __future__ import annotations

import csv
import hashlib
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

NAME = "fuzhou-commerce-2026-budget-dept"
PDF = Path(__file__).resolve().parents[2] / "corpus" / "real" / f"{NAME}.pdf"
NUMBER = re.compile(r"^\d+\.\d{2}$")
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)

Fact = tuple[str, str, str, str, str]

# fmt: off
TYPED: list[Fact] = [
    # p.11 收支预算总表 (预算数; empty cells blank; the two 24995.94 totals wrap in their cell)
    ("summary", "income.general", "一、一般公共预算拨款收入", "amount", "23195.94"),
    ("summary", "income.gov_fund", "二、政府性基金预算拨款收入", "amount", "1800.00"),
    ("summary", "income.current_total", "本年收入合计", "amount", "24995.94"),
    ("summary", "income.carryover", "上年结转结余", "amount", "0.00"),
    ("summary", "income.grand_total", "收入合计", "amount", "24995.94"),
    ("summary", "201", "一、一般公共服务支出", "amount", "2943.48"),
    ("summary", "208", "八、社会保障和就业支出", "amount", "987.77"),
    ("summary", "212", "十一、城乡社区支出", "amount", "1800.00"),
    ("summary", "216", "十五、商业服务业等支出", "amount", "18800.00"),
    ("summary", "221", "十九、住房保障支出", "amount", "464.69"),
    ("summary", "expenditure.current_total", "本年支出合计", "amount", "24995.94"),
    ("summary", "expenditure.carry_forward", "结转下年支出", "amount", "0.00"),
    ("summary", "expenditure.grand_total", "支出合计", "amount", "24995.94"),
    # p.12 收入预算总表 by unit (合计 prints every column; the unit rows only their money)
    *[("income", "total", "合计", column, value) for column, value in zip(
        ("total", "fiscal.general", "fiscal.gov_fund", "fiscal.soe", "special_account", "business",
         "operating", "superior", "affiliated", "other", "carryover"),
        ("24995.94", "23195.94", "1800.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00",
         "0.00", "0.00"), strict=True)],
    ("income", "unit:福州市商务发展促进中心", "福州市商务发展促进中心", "total", "337.92"),
    ("income", "unit:福州市商务发展促进中心", "福州市商务发展促进中心", "fiscal.general", "337.92"),
    ("income", "unit:福州市商务局", "福州市商务局", "total", "24658.02"),
    ("income", "unit:福州市商务局", "福州市商务局", "fiscal.general", "22858.02"),
    ("income", "unit:福州市商务局", "福州市商务局", "fiscal.gov_fund", "1800.00"),
    # p.15 财政拨款收支预算总表 (one 预算数 column per side)
    ("fiscal_summary", "income.general", "一、一般公共预算拨款收入", "amount", "23195.94"),
    ("fiscal_summary", "income.gov_fund", "二、政府性基金预算拨款收入", "amount", "1800.00"),
    ("fiscal_summary", "income.grand_total", "收入合计", "amount", "24995.94"),
    ("fiscal_summary", "201", "一、一般公共服务支出", "total", "2943.48"),
    ("fiscal_summary", "208", "八、社会保障和就业支出", "total", "987.77"),
    ("fiscal_summary", "212", "十一、城乡社区支出", "total", "1800.00"),
    ("fiscal_summary", "216", "十五、商业服务业等支出", "total", "18800.00"),
    ("fiscal_summary", "221", "十九、住房保障支出", "total", "464.69"),
    ("fiscal_summary", "expenditure.grand_total", "支出合计", "total", "24995.94"),
    # p.24 一般公共预算“三公”经费支出预算表
    ("three_public", "total", "合计", "amount", "84.10"),
    ("three_public", "overseas", "1、因公出国（境）费用", "amount", "70.00"),
    ("three_public", "reception", "2、公务接待费", "amount", "6.10"),
    ("three_public", "vehicles", "3、公务用车购置及运行费", "amount", "8.00"),
    ("three_public", "vehicles.purchase", "其中：（1）公务用车购置费", "amount", "0.00"),
    ("three_public", "vehicles.operation", "（2）公务用车运行费", "amount", "8.00"),
]
# fmt: on
EXPENDITURE = [
    "total",
    "basic",
    "project",
    "operating_expenditure",
    "remit_superior",
    "subsidy_affiliated",
]
SOURCE = ["total", "basic", "project"]
CODED: list[tuple[str, list[int], list[str]]] = [
    ("expenditure", [13, 14], EXPENDITURE),
    ("general_expenditure", [16, 17], SOURCE),
    ("gov_fund_expenditure", [18], SOURCE),
    ("soe_expenditure", [19], SOURCE),
    ("economic_summary", [20], ["total"]),
    ("general_basic", [21, 22, 23], ["total"]),
]


def words(page: int) -> list[tuple[float, float, float, str]]:
    """(x0, x1, y, text) of every word on a page."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(PDF), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [(float(a), float(c), float(b), t) for a, b, c, _d, t in WORD.findall(out)]


def lines(page: int) -> list[list[tuple[float, float, str]]]:
    rows: list[tuple[float, list[tuple[float, float, str]]]] = []
    for x0, x1, y, text in sorted(words(page), key=lambda w: w[2]):
        if not rows or y - rows[-1][0] > 3:  # words of one row share their top (± 3 pt)
            rows.append((y, []))
        rows[-1][1].append((x0, x1, text))
    return [sorted(row) for _y, row in rows]


def coded(table: str, pages: list[int], columns: list[str]) -> list[Fact]:
    facts: list[Fact] = []
    edges: list[float] = []
    for page in pages:
        printed = lines(page)
        for index, line in enumerate(printed):
            amounts = [(x1, t) for _x0, x1, t in line if NUMBER.match(t)]
            texts = [t for _x0, _x1, t in line if not NUMBER.match(t)]
            if not amounts:
                continue
            if not texts:  # its label printed a few points higher, on a line of its own
                texts = [t for _x0, _x1, t in printed[index - 1]]
            if texts == ["合计"]:
                assert len(amounts) == len(columns), (table, line)
                edges = [x1 for x1, _t in amounts]
                code, name = "total", "合计"
            elif len(texts) == 1:
                # a name wrapped around its row: half on the line above, half below
                code = texts[0]
                name = "".join(t for _a, _b, t in printed[index - 1] + printed[index + 1])
            else:
                assert texts[0].isdigit() and len(texts) == 2, (table, line)
                code, name = texts
            for x1, value in amounts:
                column = min(range(len(edges)), key=lambda i: abs(edges[i] - x1))
                assert abs(edges[column] - x1) < 3, (table, line)
                facts.append((table, code, name, columns[column], value))
    return facts


def transcribe() -> list[Fact]:
    typed = {t: [f for f in TYPED if f[0] == t] for t in dict.fromkeys(f[0] for f in TYPED)}
    read = {t: coded(t, pages, columns) for t, pages, columns in CODED}
    order = ["summary", "income", "expenditure", "fiscal_summary", "general_expenditure",
             "gov_fund_expenditure", "soe_expenditure", "economic_summary", "general_basic",
             "three_public"]  # fmt: skip
    return [f for t in order for f in (typed.get(t) or read[t])]


def check(facts: list[Fact]) -> None:
    v = {(t, c, col): Decimal(x) for t, c, _n, col, x in facts}

    def get(t: str, c: str, col: str) -> Decimal:
        return v.get((t, c, col), Decimal(0))

    def eq(a: Decimal, b: Decimal, what: str) -> None:
        assert a == b, f"{what}: {a} != {b}"

    def codes(t: str) -> list[str]:
        return list(dict.fromkeys(c for (tt, c, _col) in v if tt == t and c != "total"))

    classes = [c for c in codes("summary") if c.isdigit()]
    eq(
        sum(get("summary", c, "amount") for c in classes),
        get("summary", "expenditure.current_total", "amount"),
        "Σ 类",
    )
    eq(
        sum(get("summary", c, "amount") for c in ("income.general", "income.gov_fund")),
        get("summary", "income.current_total", "amount"),
        "收入",
    )
    for t, columns in (
        ("expenditure", EXPENDITURE),
        ("general_expenditure", SOURCE),
        ("gov_fund_expenditure", SOURCE),
    ):
        rows = codes(t)
        for c in [*rows, "total"]:
            eq(sum(get(t, c, col) for col in columns[1:]), get(t, c, "total"), f"{t} {c} row")
        for col in columns:
            eq(
                sum(get(t, c, col) for c in rows if len(c) == 3),
                get(t, "total", col),
                f"{t} 合计 {col}",
            )
            for parent in (c for c in rows if len(c) in (3, 5)):
                kids = [c for c in rows if len(c) == len(parent) + 2 and c.startswith(parent)]
                eq(sum(get(t, c, col) for c in kids), get(t, parent, col), f"{t} {parent} {col}")
    for c in classes:
        eq(get("expenditure", c, "total"), get("summary", c, "amount"), f"class {c}")
        eq(get("fiscal_summary", c, "total"), get("summary", c, "amount"), f"fiscal class {c}")
        eq(
            get("general_expenditure", c, "total") + get("gov_fund_expenditure", c, "total"),
            get("expenditure", c, "total"),
            f"sources {c}",
        )
    for t in ("economic_summary", "general_basic"):
        rows = codes(t)
        eq(
            sum(get(t, c, "total") for c in rows if len(c) == 3),
            get(t, "total", "total"),
            f"{t} 类",
        )
    basic = codes("general_basic")
    for klass in (c for c in basic if len(c) == 3):
        eq(
            sum(
                get("general_basic", c, "total")
                for c in basic
                if len(c) == 5 and c.startswith(klass)
            ),
            get("general_basic", klass, "total"),
            f"基本 {klass}",
        )
    eq(
        get("general_basic", "total", "total"),
        get("general_expenditure", "total", "basic"),
        "基本 = 一般公共预算 基本",
    )
    eq(
        get("economic_summary", "total", "total"),
        get("general_expenditure", "total", "total"),
        "经济分类 = 一般公共预算",
    )
    for col in ("total", "fiscal.general", "fiscal.gov_fund"):
        eq(
            sum(get("income", c, col) for c in codes("income")),
            get("income", "total", col),
            f"income {col}",
        )
    tp = {c: get("three_public", c, "amount") for c in [*codes("three_public"), "total"]}
    eq(tp["overseas"] + tp["reception"] + tp["vehicles"], tp["total"], "三公")
    eq(tp["vehicles.purchase"] + tp["vehicles.operation"], tp["vehicles"], "公务用车")


def main() -> None:
    facts = transcribe()
    check(facts)
    document = hashlib.sha256(PDF.read_bytes()).hexdigest()[:16]
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["document", "table", "row_code", "row_name", "column", "value"])
    for table, code, name, column, value in facts:
        writer.writerow([document, table, code, name, column, value])


if __name__ == "__main__":
    main()
