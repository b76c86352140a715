"""Hand transcription of changsha-petition-2026-budget-dept.pdf (no cnbudget code used).

The tables of 第二部分 (PDF pp. 12–21) were typed from the rendered pages (pdftoppm -r 60)
with `pdftotext -layout` (poppler) beside them to read the digits; empty cells print
nothing in this template, so every value's column was taken from its position under the
printed header on the page image. Function codes are printed in 类/款/项 columns and the
款 row prints only `40` under its class: codes are written whole here. The project and
department performance tables (pp. 22–32) are not table facts. `check()` verifies the
document's own arithmetic on the transcription before the CSV is written.

Run: python tests/expected/real/changsha_transcription.py > \
        tests/expected/real/changsha-petition-2026-budget-dept.facts.csv
"""

from __future__ import annotations

import csv
import hashlib
import sys
from decimal import Decimal
from pathlib import Path

NAME = "changsha-petition-2026-budget-dept"
PDF = Path(__file__).resolve().parents[2] / "corpus" / "real" / f"{NAME}.pdf"

Row = tuple[str, str, str, dict[str, str]]

# fmt: off
ROWS: list[Row] = [
    # p.12 2026年部门收支总体情况表 (one 本年预算 column per side; empty rows print nothing)
    ("summary", "income.fiscal", "一、本级财政拨款收入", {"amount": "1,935.36"}),
    ("summary", "income.current_total", "本年收入合计", {"amount": "1,935.36"}),
    ("summary", "income.grand_total", "收入总计", {"amount": "1,935.36"}),
    ("summary", "expenditure.basic", "一、基本支出", {"amount": "1,517.95"}),
    ("summary", "expenditure.project", "二、项目支出", {"amount": "417.41"}),
    ("summary", "expenditure.current_total", "本年支出合计", {"amount": "1,935.36"}),
    ("summary", "expenditure.grand_total", "支出总计", {"amount": "1,935.36"}),
    # p.13 2026年部门收入总体情况表: 合计(1) | 本级财政拨款 › 金额(2), 其中:经费拨款(3) |
    # 财政专户管理事业收入(4) … 上年结转(9); columns 4–9 are empty in every row
    ("income", "total", "合计", {"total": "1,935.36", "fiscal": "1,935.36", "fiscal.general.grant": "1,935.36"}),
    ("income", "201", "一般公共服务支出", {"total": "1,935.36", "fiscal": "1,935.36", "fiscal.general.grant": "1,935.36"}),
    ("income", "20140", "信访事务", {"total": "1,935.36", "fiscal": "1,935.36", "fiscal.general.grant": "1,935.36"}),
    ("income", "2014001", "行政运行", {"total": "1,517.95", "fiscal": "1,517.95", "fiscal.general.grant": "1,517.95"}),
    ("income", "2014004", "信访业务", {"total": "417.41", "fiscal": "417.41", "fiscal.general.grant": "417.41"}),
    # p.14 2026年部门支出总体情况表: 总计(1) 基本支出(2) 项目支出(3), columns 4–6 empty
    ("expenditure", "total", "合计", {"total": "1,935.36", "basic": "1,517.95", "project": "417.41"}),
    ("expenditure", "201", "一般公共服务支出", {"total": "1,935.36", "basic": "1,517.95", "project": "417.41"}),
    ("expenditure", "20140", "信访事务", {"total": "1,935.36", "basic": "1,517.95", "project": "417.41"}),
    ("expenditure", "2014001", "行政运行", {"total": "1,517.95", "basic": "1,517.95"}),
    ("expenditure", "2014004", "信访业务", {"total": "417.41", "project": "417.41"}),
    # pp.15–16 2026年财政拨款收支总体情况表 (continued on p.16 with the title repeated):
    # income 金额; expenditure 合计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算
    ("fiscal_summary", "income.current_total", "一、本年收入", {"amount": "1,935.36"}),
    ("fiscal_summary", "income.general", "1、一般公共预算拨款收入", {"amount": "1,935.36"}),
    ("fiscal_summary", "income.grand_total", "收入总计", {"amount": "1,935.36"}),
    ("fiscal_summary", "expenditure.current_total", "一、本年支出", {"total": "1,935.36", "fiscal.general": "1,935.36"}),
    ("fiscal_summary", "201", "1、一般公共服务支出", {"total": "1,935.36", "fiscal.general": "1,935.36"}),
    ("fiscal_summary", "expenditure.grand_total", "支出总计", {"total": "1,935.36", "fiscal.general": "1,935.36"}),
    # p.17 2026年一般公共预算支出情况表: 总计 基本支出 项目支出
    ("general_expenditure", "total", "合计", {"total": "1,935.36", "basic": "1,517.95", "project": "417.41"}),
    ("general_expenditure", "201", "一般公共服务支出", {"total": "1,935.36", "basic": "1,517.95", "project": "417.41"}),
    ("general_expenditure", "20140", "信访事务", {"total": "1,935.36", "basic": "1,517.95", "project": "417.41"}),
    ("general_expenditure", "2014001", "行政运行", {"total": "1,517.95", "basic": "1,517.95"}),
    ("general_expenditure", "2014004", "信访业务", {"total": "417.41", "project": "417.41"}),
    # pp.18–19 2026年一般公共预算基本支出情况表: 总计 | 人员类 | 公用经费
    ("general_basic", "total", "合计", {"total": "1,517.95", "basic.personnel": "1,394.97", "basic.public": "122.98"}),
    ("general_basic", "301", "工资福利支出", {"total": "1,212.01", "basic.personnel": "1,212.01"}),
    ("general_basic", "30101", "基本工资", {"total": "225.08", "basic.personnel": "225.08"}),
    ("general_basic", "30102", "津贴补贴", {"total": "167.48", "basic.personnel": "167.48"}),
    ("general_basic", "30103", "奖金", {"total": "334.66", "basic.personnel": "334.66"}),
    ("general_basic", "30106", "伙食补助费", {"total": "27.46", "basic.personnel": "27.46"}),
    ("general_basic", "30108", "机关事业单位基本养老保险缴费", {"total": "95.50", "basic.personnel": "95.50"}),
    ("general_basic", "30109", "职业年金缴费", {"total": "62.75", "basic.personnel": "62.75"}),
    ("general_basic", "30110", "职工基本医疗保险缴费", {"total": "33.61", "basic.personnel": "33.61"}),
    ("general_basic", "30111", "公务员医疗补助缴费", {"total": "38.36", "basic.personnel": "38.36"}),
    ("general_basic", "30112", "其他社会保障缴费", {"total": "2.32", "basic.personnel": "2.32"}),
    ("general_basic", "30113", "住房公积金", {"total": "89.70", "basic.personnel": "89.70"}),
    ("general_basic", "30114", "医疗费", {"total": "7.10", "basic.personnel": "7.10"}),
    ("general_basic", "30199", "其他工资福利支出", {"total": "127.99", "basic.personnel": "127.99"}),
    ("general_basic", "302", "商品和服务支出", {"total": "171.78", "basic.personnel": "48.80", "basic.public": "122.98"}),
    ("general_basic", "30201", "办公费", {"total": "33.00", "basic.public": "33.00"}),
    # p.19 (title and header repeated)
    ("general_basic", "30202", "印刷费", {"total": "14.00", "basic.public": "14.00"}),
    ("general_basic", "30207", "邮电费", {"total": "4.00", "basic.public": "4.00"}),
    ("general_basic", "30213", "维修（护）费", {"total": "2.14", "basic.public": "2.14"}),
    ("general_basic", "30217", "公务接待费", {"total": "3.00", "basic.public": "3.00"}),
    ("general_basic", "30228", "工会经费", {"total": "17.10", "basic.personnel": "10.92", "basic.public": "6.18"}),
    ("general_basic", "30231", "公务用车运行维护费", {"total": "5.00", "basic.public": "5.00"}),
    ("general_basic", "30239", "其他交通费用", {"total": "33.60", "basic.personnel": "32.76", "basic.public": "0.84"}),
    ("general_basic", "30299", "其他商品和服务支出", {"total": "59.94", "basic.personnel": "5.12", "basic.public": "54.82"}),
    ("general_basic", "303", "对个人和家庭的补助", {"total": "134.16", "basic.personnel": "134.16"}),
    ("general_basic", "30302", "退休费", {"total": "95.42", "basic.personnel": "95.42"}),
    ("general_basic", "30305", "生活补助", {"total": "9.53", "basic.personnel": "9.53"}),
    ("general_basic", "30307", "医疗费补助", {"total": "19.86", "basic.personnel": "19.86"}),
    ("general_basic", "30309", "奖励金", {"total": "0.05", "basic.personnel": "0.05"}),
    ("general_basic", "30399", "其他对个人和家庭的补助", {"total": "9.30", "basic.personnel": "9.30"}),
    # p.20 2026年一般公共预算“三公”经费支出情况表: items as columns under the group
    # 三公经费预（决）算数（财政拨款）: 小计 | 公务接待费 | 因公出国（境）费 (empty) |
    # 公务用车购置及运行费 | 其中：公务用车购置 (empty) | 其中：公务用车运行费. Row 合计 gives
    # the item rows; the one unit row (长沙市信访局, the same figures) is a unit row
    # keeping the item keys as columns, as in every 三公 table listed by unit.
    ("three_public", "total", "小计", {"amount": "8.00"}),
    ("three_public", "reception", "公务接待费", {"amount": "3.00"}),
    ("three_public", "vehicles", "公务用车购置及运行费", {"amount": "5.00"}),
    ("three_public", "vehicles.operation", "公务用车运行费", {"amount": "5.00"}),
    (
        "three_public",
        "unit:长沙市信访局",
        "长沙市信访局",
        {"total": "8.00", "reception": "3.00", "vehicles": "5.00", "vehicles.operation": "5.00"},
    ),
    # p.21 2026年政府性基金预算支出情况表: header only, no row (an empty table)
]
# fmt: on


def check() -> None:
    """The document's arithmetic on the transcription (all hold)."""
    v = {
        (t, c, col): Decimal(x.replace(",", ""))
        for t, c, _n, cells in ROWS
        for col, x in cells.items()
    }

    def get(t: str, c: str, col: str) -> Decimal:
        return v.get((t, c, col), Decimal(0))

    def eq(a: Decimal, b: Decimal, what: str) -> None:
        assert a == b, f"{what}: {a} != {b}"

    s = "summary"
    eq(
        get(s, "expenditure.basic", "amount") + get(s, "expenditure.project", "amount"),
        get(s, "expenditure.current_total", "amount"),
        "基本+项目",
    )
    eq(
        get(s, "income.current_total", "amount"),
        get(s, "expenditure.current_total", "amount"),
        "收支平衡",
    )
    for t in ("expenditure", "general_expenditure"):
        for c in ("total", "201", "20140", "2014001", "2014004"):
            eq(get(t, c, "basic") + get(t, c, "project"), get(t, c, "total"), f"{t} {c}")
        for col in ("total", "basic", "project"):
            eq(
                get(t, "2014001", col) + get(t, "2014004", col),
                get(t, "20140", col),
                f"{t} 款 {col}",
            )
            eq(get(t, "total", col), get(t, "201", col), f"{t} 合计 {col}")
        eq(get(t, "total", "basic"), get(s, "expenditure.basic", "amount"), f"{t} 基本 = 收支总表")
    for col in ("total", "fiscal", "fiscal.general.grant"):
        eq(
            get("income", "2014001", col) + get("income", "2014004", col),
            get("income", "total", col),
            f"income {col}",
        )
    eq(
        get("fiscal_summary", "201", "total"),
        get("fiscal_summary", "expenditure.current_total", "total"),
        "财政拨款 类",
    )
    b = "general_basic"
    codes = [c for t, c, _n, _cells in ROWS if t == b and c != "total"]
    for col in ("total", "basic.personnel", "basic.public"):
        eq(
            sum(get(b, c, col) for c in codes if len(c) == 3),
            get(b, "total", col),
            f"基本 类 {col}",
        )
        for klass in (c for c in codes if len(c) == 3):
            eq(
                sum(get(b, c, col) for c in codes if len(c) == 5 and c.startswith(klass)),
                get(b, klass, col),
                f"基本 {klass} {col}",
            )
    for c in [*codes, "total"]:
        eq(
            get(b, c, "basic.personnel") + get(b, c, "basic.public"),
            get(b, c, "total"),
            f"基本 {c} 行",
        )
    eq(
        get(b, "total", "total"),
        get("general_expenditure", "total", "basic"),
        "基本支出表 = 一般公共预算 基本",
    )
    tp = "three_public"
    eq(
        get(tp, "reception", "amount") + get(tp, "vehicles", "amount"),
        get(tp, "total", "amount"),
        "三公",
    )
    eq(get(tp, "vehicles.operation", "amount"), get(tp, "vehicles", "amount"), "用车")
    eq(get(tp, "unit:长沙市信访局", "total"), get(tp, "total", "amount"), "单位 = 合计")
    eq(get(tp, "reception", "amount"), get(b, "30217", "total"), "接待 = 30217")
    eq(get(tp, "vehicles.operation", "amount"), get(b, "30231", "total"), "用车运行 = 30231")


def main() -> None:
    check()
    document = hashlib.sha256(PDF.read_bytes()).hexdigest()[:16]
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["document", "table", "row_code", "row_name", "column", "value"])
    for table, code, name, cells in ROWS:
        for column, value in cells.items():
            writer.writerow([document, table, code, name, column, value.replace(",", "")])


if __name__ == "__main__":
    main()
