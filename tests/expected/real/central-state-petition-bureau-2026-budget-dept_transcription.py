"""Hand transcription of central-state-petition-bureau-2026-budget-dept.pdf (no cnbudget code).

Read from the rendered pages 5-16 (部门公开表1-9) and from poppler's `pdftotext -layout`
text of the same pages; every value is copied as printed (thousands separators kept,
percentages without the % sign), with the column its printed header gives it. Run it to
check the transcription's own arithmetic and write `<name>.facts.csv`:

    python tests/expected/real/central-state-petition-bureau-2026-budget-dept_transcription.py

Keys follow docs/canonical-facts.md ("Layout variants seen in real documents") and
docs/facts.md: the single unlabeled line of 部门收入总表 is row `total` with an empty name;
表5 (2025年执行数 | 2026年预算数 | 增减) uses prior_year / total / basic / project /
change / change_pct and their `.excl_infrastructure` (扣除中央基建投资) variants.
表7 and 表8 print only an empty-table note; the 项目绩效目标表 pages are not table facts.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from decimal import Decimal
from pathlib import Path

NAME = "central-state-petition-bureau-2026-budget-dept"
HERE = Path(__file__).resolve().parent
PDF = HERE.parent.parent / "corpus" / "real" / f"{NAME}.pdf"

Row = tuple[str, str, str, dict[str, str]]

# fmt: off
ROWS: list[Row] = [
    # 部门公开表1 部门收支总表 (p. 5): one 预算数 column per side; blank cells are absent
    ("summary", "income.general", "一、一般公共预算拨款收入", {"amount": "16,474.82"}),
    ("summary", "income.other", "五、其他收入", {"amount": "31,888.00"}),
    ("summary", "income.current_total", "本年收入合计", {"amount": "48,362.82"}),
    ("summary", "income.carryover", "上年结转", {"amount": "2,254.12"}),
    ("summary", "income.grand_total", "收入总计", {"amount": "50,616.94"}),
    ("summary", "201", "一、一般公共服务支出", {"amount": "47,179.30"}),
    ("summary", "205", "二、教育支出", {"amount": "118.01"}),
    ("summary", "208", "三、社会保障和就业支出", {"amount": "2,208.19"}),
    ("summary", "221", "四、住房保障支出", {"amount": "1,111.44"}),
    ("summary", "expenditure.current_total", "本年支出合计", {"amount": "50,616.94"}),
    ("summary", "expenditure.grand_total", "支出总计", {"amount": "50,616.94"}),

    # 部门公开表2 部门收入总表 (p. 6): one unlabeled numeric row under 12 columns
    ("income", "total", "", {"total": "50,616.94", "carryover": "2,254.12",
                             "fiscal.general": "16,474.82", "other": "31,888.00"}),

    # 部门公开表3 部门支出总表 (pp. 7-8): 合计 | 基本支出 | 项目支出 (+3 empty columns); 合计 last
    ("expenditure", "201", "一般公共服务支出", {"total": "47,179.30", "basic": "7,736.44", "project": "39,442.86"}),
    ("expenditure", "20140", "信访事务", {"total": "47,179.30", "basic": "7,736.44", "project": "39,442.86"}),
    ("expenditure", "2014001", "行政运行", {"total": "6,286.21", "basic": "6,286.21"}),
    ("expenditure", "2014002", "一般行政管理事务", {"total": "737.29", "project": "737.29"}),
    ("expenditure", "2014003", "机关服务", {"total": "844.83", "basic": "844.83"}),
    ("expenditure", "2014004", "信访业务", {"total": "2,475.01", "project": "2,475.01"}),
    ("expenditure", "2014050", "事业运行", {"total": "605.40", "basic": "605.40"}),
    ("expenditure", "2014099", "其他信访事务支出", {"total": "36,230.56", "project": "36,230.56"}),
    ("expenditure", "205", "教育支出", {"total": "118.01", "project": "118.01"}),
    ("expenditure", "20508", "进修及培训", {"total": "118.01", "project": "118.01"}),
    ("expenditure", "2050803", "培训支出", {"total": "118.01", "project": "118.01"}),
    ("expenditure", "208", "社会保障和就业支出", {"total": "2,208.19", "basic": "2,208.19"}),
    ("expenditure", "20805", "行政事业单位养老支出", {"total": "2,208.19", "basic": "2,208.19"}),
    ("expenditure", "2080501", "行政单位离退休", {"total": "929.97", "basic": "929.97"}),
    ("expenditure", "2080503", "离退休人员管理机构", {"total": "193.52", "basic": "193.52"}),
    ("expenditure", "2080505", "机关事业单位基本养老保险缴费支出", {"total": "657.51", "basic": "657.51"}),
    ("expenditure", "2080506", "机关事业单位职业年金缴费支出", {"total": "427.19", "basic": "427.19"}),
    ("expenditure", "221", "住房保障支出", {"total": "1,111.44", "basic": "1,111.44"}),
    ("expenditure", "22102", "住房改革支出", {"total": "1,111.44", "basic": "1,111.44"}),
    ("expenditure", "2210201", "住房公积金", {"total": "701.74", "basic": "701.74"}),
    ("expenditure", "2210202", "提租补贴", {"total": "68.70", "basic": "68.70"}),
    ("expenditure", "2210203", "购房补贴", {"total": "341.00", "basic": "341.00"}),
    ("expenditure", "total", "合计", {"total": "50,616.94", "basic": "11,056.07", "project": "39,560.87"}),

    # 部门公开表4 财政拨款收支总表 (p. 9)
    ("fiscal_summary", "income.current_total", "一、本年收入", {"amount": "16,474.82"}),
    ("fiscal_summary", "income.general", "（一）一般公共预算拨款", {"amount": "16,474.82"}),
    ("fiscal_summary", "income.carryover", "二、上年结转", {"amount": "2,254.12"}),
    ("fiscal_summary", "income.carryover.general", "（一）一般公共预算拨款", {"amount": "2,254.12"}),
    ("fiscal_summary", "income.grand_total", "收入总计", {"amount": "18,728.94"}),
    ("fiscal_summary", "expenditure.current_total", "一、本年支出", {"total": "18,728.94"}),
    ("fiscal_summary", "201", "（一）一般公共服务支出", {"total": "15,291.30"}),
    ("fiscal_summary", "205", "（二）教育支出", {"total": "118.01"}),
    ("fiscal_summary", "208", "（三）社会保障和就业支出", {"total": "2,208.19"}),
    ("fiscal_summary", "221", "（四）住房保障支出", {"total": "1,111.44"}),
    ("fiscal_summary", "expenditure.grand_total", "支出总计", {"total": "18,728.94"}),
]

# 部门公开表5 一般公共预算支出表 (pp. 10-11): 10 amount columns in printed order
GENERAL_COLUMNS = (
    "prior_year", "prior_year.excl_infrastructure", "total", "basic", "project",
    "total.excl_infrastructure", "change", "change_pct", "change.excl_infrastructure",
    "change_pct.excl_infrastructure",
)
GENERAL: list[tuple[str, str, tuple[str, ...]]] = [
    ("201", "一般公共服务支出", ("33,586.67", "10,044.47", "13,144.37", "6,668.44", "6,475.93", "13,144.37", "-20,442.30", "-60.86", "3,099.90", "30.86")),
    ("20140", "信访事务", ("33,586.67", "10,044.47", "13,144.37", "6,668.44", "6,475.93", "13,144.37", "-20,442.30", "-60.86", "3,099.90", "30.86")),
    ("2014001", "行政运行", ("5,555.07", "5,555.07", "5,826.21", "5,826.21", "", "5,826.21", "271.14", "4.88", "271.14", "4.88")),
    ("2014002", "一般行政管理事务", ("66.44", "66.44", "737.29", "", "737.29", "737.29", "670.85", "1009.71", "670.85", "1009.71")),
    ("2014003", "机关服务", ("236.83", "236.83", "236.83", "236.83", "", "236.83", "0.00", "0.00", "0.00", "0.00")),
    ("2014004", "信访业务", ("2,014.50", "2,014.50", "2,114.66", "", "2,114.66", "2,114.66", "100.16", "4.97", "100.16", "4.97")),
    ("2014050", "事业运行", ("570.60", "570.60", "605.40", "605.40", "", "605.40", "34.80", "6.10", "34.80", "6.10")),
    ("2014099", "其他信访事务支出", ("25,143.24", "1,601.04", "3,623.98", "", "3,623.98", "3,623.98", "-21,519.26", "-85.59", "2,022.94", "126.35")),
    ("205", "教育支出", ("118.01", "118.01", "118.01", "", "118.01", "118.01", "0.00", "0.00", "0.00", "0.00")),
    ("20508", "进修及培训", ("118.01", "118.01", "118.01", "", "118.01", "118.01", "0.00", "0.00", "0.00", "0.00")),
    ("2050803", "培训支出", ("118.01", "118.01", "118.01", "", "118.01", "118.01", "0.00", "0.00", "0.00", "0.00")),
    ("208", "社会保障和就业支出", ("2,275.76", "2,275.76", "2,156.86", "2,156.86", "", "2,156.86", "-118.90", "-5.22", "-118.90", "-5.22")),
    ("20805", "行政事业单位养老支出", ("2,275.76", "2,275.76", "2,156.86", "2,156.86", "", "2,156.86", "-118.90", "-5.22", "-118.90", "-5.22")),
    ("2080501", "行政单位离退休", ("1,056.46", "1,056.46", "929.97", "929.97", "", "929.97", "-126.49", "-11.97", "-126.49", "-11.97")),
    ("2080503", "离退休人员管理机构", ("210.58", "210.58", "193.52", "193.52", "", "193.52", "-17.06", "-8.10", "-17.06", "-8.10")),
    ("2080505", "机关事业单位基本养老保险缴费支出", ("649.91", "649.91", "657.51", "657.51", "", "657.51", "7.60", "1.17", "7.60", "1.17")),
    ("2080506", "机关事业单位职业年金缴费支出", ("358.82", "358.82", "375.86", "375.86", "", "375.86", "17.04", "4.75", "17.04", "4.75")),
    ("210", "卫生健康支出", ("218.91", "218.91", "", "", "", "", "-218.91", "-100.00", "-218.91", "-100.00")),
    ("21011", "行政事业单位医疗", ("218.91", "218.91", "", "", "", "", "-218.91", "-100.00", "-218.91", "-100.00")),
    ("2101101", "行政单位医疗", ("218.91", "218.91", "", "", "", "", "-218.91", "-100.00", "-218.91", "-100.00")),
    ("221", "住房保障支出", ("1,042.06", "1,042.06", "1,055.58", "1,055.58", "", "1,055.58", "13.52", "1.30", "13.52", "1.30")),
    ("22102", "住房改革支出", ("1,042.06", "1,042.06", "1,055.58", "1,055.58", "", "1,055.58", "13.52", "1.30", "13.52", "1.30")),
    ("2210201", "住房公积金", ("647.06", "647.06", "649.58", "649.58", "", "649.58", "2.52", "0.39", "2.52", "0.39")),
    ("2210202", "提租补贴", ("64.00", "64.00", "65.00", "65.00", "", "65.00", "1.00", "1.56", "1.00", "1.56")),
    ("2210203", "购房补贴", ("331.00", "331.00", "341.00", "341.00", "", "341.00", "10.00", "3.02", "10.00", "3.02")),
    ("total", "合计", ("37,241.42", "13,699.22", "16,474.82", "9,880.88", "6,593.94", "16,474.82", "-20,766.60", "-55.76", "2,775.60", "20.26")),
]

# 部门公开表6 一般公共预算基本支出表 (pp. 12-13): 合计 | 人员经费 | 公用经费
BASIC: list[tuple[str, str, str, str, str]] = [
    ("301", "工资福利支出", "6,620.08", "6,620.08", ""),
    ("30101", "基本工资", "1,156.05", "1,156.05", ""),
    ("30102", "津贴补贴", "3,113.25", "3,113.25", ""),
    ("30103", "奖金", "151.73", "151.73", ""),
    ("30108", "机关事业单位基本养老保险缴费", "657.51", "657.51", ""),
    ("30109", "职业年金缴费", "375.86", "375.86", ""),
    ("30113", "住房公积金", "649.58", "649.58", ""),
    ("30199", "其他工资福利支出", "516.10", "516.10", ""),
    ("302", "商品和服务支出", "2,336.26", "", "2,336.26"),
    ("30201", "办公费", "93.70", "", "93.70"),
    ("30202", "印刷费", "32.00", "", "32.00"),
    ("30204", "手续费", "0.94", "", "0.94"),
    ("30205", "水费", "28.47", "", "28.47"),
    ("30206", "电费", "146.10", "", "146.10"),
    ("30207", "邮电费", "73.06", "", "73.06"),
    ("30208", "取暖费", "120.14", "", "120.14"),
    ("30209", "物业管理费", "304.52", "", "304.52"),
    ("30211", "差旅费", "84.03", "", "84.03"),
    ("30212", "因公出国（境）费用", "30.36", "", "30.36"),
    ("30213", "维修（护）费", "93.73", "", "93.73"),
    ("30214", "租赁费", "51.66", "", "51.66"),
    ("30215", "会议费", "34.13", "", "34.13"),
    ("30216", "培训费", "12.62", "", "12.62"),
    ("30217", "公务接待费", "5.51", "", "5.51"),
    ("30226", "劳务费", "43.56", "", "43.56"),
    ("30227", "委托业务费", "220.00", "", "220.00"),
    ("30228", "工会经费", "110.00", "", "110.00"),
    ("30231", "公务用车运行维护费", "38.60", "", "38.60"),
    ("30239", "其他交通费用", "298.04", "", "298.04"),
    ("30299", "其他商品和服务支出", "515.09", "", "515.09"),
    ("303", "对个人和家庭的补助", "884.54", "884.54", ""),
    ("30301", "离休费", "430.23", "430.23", ""),
    ("30302", "退休费", "269.19", "269.19", ""),
    ("30304", "抚恤金", "156.49", "156.49", ""),
    ("30309", "奖励金", "0.34", "0.34", ""),
    ("30399", "其他对个人和家庭的补助", "28.29", "28.29", ""),
    ("310", "资本性支出", "40.00", "", "40.00"),
    ("31002", "办公设备购置", "25.00", "", "25.00"),
    ("31099", "其他资本性支出", "15.00", "", "15.00"),
    ("total", "合计", "9,880.88", "7,504.62", "2,376.26"),
]

# 部门公开表9 财政拨款预算“三公”经费支出表 (p. 16): one numeric row under 2026年预算数
THREE_PUBLIC: list[Row] = [
    ("three_public", "total", "合计", {"amount": "112.61"}),
    ("three_public", "overseas", "因公出国（境）费", {"amount": "68.50"}),
    ("three_public", "vehicles", "公务用车购置及运行费", {"amount": "38.60"}),
    ("three_public", "vehicles.operation", "公务用车运行费", {"amount": "38.60"}),
    ("three_public", "reception", "公务接待费", {"amount": "5.51"}),
]
# fmt: on


def d(text: str) -> Decimal:
    return Decimal(text.replace(",", "")) if text else Decimal(0)


def all_rows() -> list[Row]:
    rows = list(ROWS)
    for code, name, values in GENERAL:
        cells = {k: v for k, v in zip(GENERAL_COLUMNS, values, strict=True) if v}
        rows.append(("general_expenditure", code, name, cells))
    for code, name, total, personnel, public in BASIC:
        cells = {"total": total, "basic.personnel": personnel, "basic.public": public}
        rows.append(("general_basic", code, name, {k: v for k, v in cells.items() if v}))
    rows.extend(THREE_PUBLIC)
    return rows


def check() -> list[str]:
    """The document's own identities; returns the ones that fail (printed rounding aside)."""
    problems: list[str] = []

    def near(a: Decimal, b: Decimal, what: str, tolerance: str = "0") -> None:
        if abs(a - b) > Decimal(tolerance):
            problems.append(f"{what}: {a} != {b}")

    s = {code: d(c["amount"]) for t, code, _, c in ROWS if t == "summary"}
    near(s["income.general"] + s["income.other"], s["income.current_total"], "收支总表 本年收入")
    near(s["income.current_total"] + s["income.carryover"], s["income.grand_total"], "收入总计")
    near(
        sum(s[c] for c in ("201", "205", "208", "221")), s["expenditure.current_total"], "本年支出"
    )
    near(s["income.grand_total"], s["expenditure.grand_total"], "收支平衡")
    income = next(c for t, _, _, c in ROWS if t == "income")
    parts = ("carryover", "fiscal.general", "other")
    near(sum(d(income[k]) for k in parts), d(income["total"]), "收入总表 合计")
    near(d(income["total"]), s["income.grand_total"], "收入总表 = 收支总表")
    exp = {code: c for t, code, _, c in ROWS if t == "expenditure"}
    for code, c in exp.items():
        near(d(c.get("basic", "")) + d(c.get("project", "")), d(c["total"]), f"支出总表 {code}")
    for code in exp:
        kids = [k for k in exp if k != code and k.startswith(code) and len(k) == len(code) + 2]
        if code != "total" and kids:
            for key in ("total", "basic", "project"):
                got = sum(d(exp[k].get(key, "")) for k in kids)
                near(got, d(exp[code].get(key, "")), f"支出总表 {code} {key} = Σ下级")
    for key in ("total", "basic", "project"):
        got = sum(d(c.get(key, "")) for k, c in exp.items() if len(k) == 3)
        near(got, d(exp["total"][key]), f"支出总表 合计 {key}")
    near(d(exp["total"]["total"]), s["expenditure.current_total"], "支出总表 = 收支总表")
    f = {code: d(c.get("amount") or c["total"]) for t, code, _, c in ROWS if t == "fiscal_summary"}
    near(f["income.current_total"] + f["income.carryover"], f["income.grand_total"], "财拨收入")
    near(
        sum(f[c] for c in ("201", "205", "208", "221")), f["expenditure.current_total"], "财拨支出"
    )
    gen = {code: dict(zip(GENERAL_COLUMNS, map(d, v), strict=True)) for code, _, v in GENERAL}
    for code, c in gen.items():
        near(c["basic"] + c["project"], c["total"], f"表5 {code} 小计")
        near(c["total"] - c["prior_year"], c["change"], f"表5 {code} 增减额")
        near(
            c["total.excl_infrastructure"] - c["prior_year.excl_infrastructure"],
            c["change.excl_infrastructure"],
            f"表5 {code} 增减额（扣除）",
        )
        if c["prior_year"]:
            pct = (c["change"] / c["prior_year"] * 100).quantize(Decimal("0.01"))
            near(pct, c["change_pct"], f"表5 {code} 增减%", "0.01")
        kids = [k for k in gen if k != code and k.startswith(code) and len(k) == len(code) + 2]
        if code != "total" and kids:
            for key in GENERAL_COLUMNS[:7]:
                got = sum(gen[k][key] for k in kids)
                near(got, c[key], f"表5 {code} {key} = Σ下级", "0.01")
    for key in GENERAL_COLUMNS[:6]:
        got = sum(c[key] for k, c in gen.items() if len(k) == 3)
        near(got, gen["total"][key], f"表5 合计 {key}", "0.01")
    near(gen["total"]["total"], f["income.general"], "表5 合计 = 一般公共预算拨款")
    basic = {code: (d(t), d(p), d(q)) for code, _, t, p, q in BASIC}
    for code, (t, p, q) in basic.items():
        near(p + q, t, f"表6 {code}")
        kids = [k for k in basic if len(code) == 3 and len(k) == 5 and k.startswith(code)]
        if kids:
            near(sum(basic[k][0] for k in kids), t, f"表6 {code} = Σ下级")
    near(sum(v[0] for k, v in basic.items() if len(k) == 3), basic["total"][0], "表6 合计")
    near(basic["total"][0], gen["total"]["basic"], "表6 合计 = 表5 基本支出")
    tp = {code: d(c["amount"]) for _, code, _, c in THREE_PUBLIC}
    near(tp["overseas"] + tp["vehicles"] + tp["reception"], tp["total"], "三公 合计")
    near(tp["reception"], basic["30217"][0], "三公 接待 = 30217")
    near(tp["vehicles.operation"], basic["30231"][0], "三公 运行 = 30231")
    return problems


def main() -> None:
    problems = check()
    for problem in problems:
        print("identity:", problem, file=sys.stderr)
    document = hashlib.sha256(PDF.read_bytes()).hexdigest()[:16]
    out = HERE / f"{NAME}.facts.csv"
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["document", "table", "row_code", "row_name", "column", "value"])
        count = 0
        for table, code, name, cells in all_rows():
            for column, value in cells.items():
                writer.writerow([document, table, code, name, column, value.replace(",", "")])
                count += 1
    print(f"{out.name}: {count} facts, {len(problems)} identity failures")


if __name__ == "__main__":
    main()
