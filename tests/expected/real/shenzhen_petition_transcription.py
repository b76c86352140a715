"""Hand transcription of shenzhen-petition-2026-budget-dept.pdf (no cnbudget code used).

Every value below was typed from the rendered pages (pdftoppm, pp. 13-31, 表1-表11) with
`pdftotext -layout` as a reading aid, each number given the column its printed header
puts it in. Codes are written whole; where a table prints names only (表1/表6 function
rows, 表4 economic rows) the code is the one the same name carries in the coded tables of
the same document (表3/表7 for functions, 表8 for economic classes). The department's own
row (深圳市信访局, the first row of the tables by budget unit) is the table's `total`.
Running this file checks the transcription's arithmetic and, with --write, writes
shenzhen-petition-2026-budget-dept.facts.csv next to it.

Document defects (尾数误差 of amounts rounded from 元, the tables' own note warns of them):
表4/表8 301 工资福利支出 2,522.02 while its items add up to 2,522.03, 302 商品和服务支出
357.43 (表4, 表8 基本支出) vs 357.44 and 1,969.72 (表8 total) vs 1,969.73, so 基本支出
3,072.01 vs 301 + 302 + 303 = 3,072.00 and 表8 总计 4,684.30 vs 4,684.29 over the classes;
表5 项目支出 总计 1,612.29 while its projects add up to 1,612.30, and 一般公共预算拨款
1,604.95 vs 1,604.96.
"""

from __future__ import annotations

import csv
import sys
from decimal import Decimal
from pathlib import Path

NAME = "shenzhen-petition-2026-budget-dept"
DOCUMENT = "4dc4cd8aabf06e6a"
DEPARTMENT = "深圳市信访局"

Row = tuple[str, str, str, dict[str, str]]
ROWS: list[Row] = []


def table(key: str, columns: list[str], rows: list[tuple[str, str, str]]) -> None:
    """Rows as (code, name, space-separated printed values in column order)."""
    for code, name, values in rows:
        printed = values.split()
        assert len(printed) == len(columns), (key, code, printed)
        ROWS.append((key, code, name, dict(zip(columns, printed, strict=True))))


# fmt: off
# the function rows shared by 表1, 表3, 表6, 表7: (code, printed name in the coded tables)
FUNCTIONS = [
    ("201", "一般公共服务支出", "3,459.13"), ("20140", "信访事务", "3,459.13"),
    ("2014001", "行政运行", "1,866.84"), ("2014004", "信访业务", "1,592.29"),
    ("205", "教育支出", "20.00"), ("20508", "进修及培训", "20.00"), ("2050803", "培训支出", "20.00"),
    ("208", "社会保障和就业支出", "367.54"), ("20805", "行政事业单位养老支出", "367.54"),
    ("2080501", "行政单位离退休", "78.73"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "201.65"),
    ("2080506", "机关事业单位职业年金缴费支出", "87.16"),
    ("210", "卫生健康支出", "84.39"), ("21011", "行政事业单位医疗", "84.39"),
    ("2101101", "行政单位医疗", "84.39"),
    ("221", "住房保障支出", "753.24"), ("22102", "住房改革支出", "753.24"),
    ("2210201", "住房公积金", "199.91"), ("2210203", "购房补贴", "553.33"),
]
NUMBERED = {"201": "一、", "205": "二、", "208": "三、", "210": "四、", "221": "五、"}

# 表1 收支总表 (pp. 13-14): one column 2026年预算数 on each side -> amount
table("summary", ["amount"], [
    ("income.fiscal", "一、财政拨款", "4,676.96"),
    ("income.general", "1.一般公共预算拨款", "4,676.96"),
    ("income.gov_fund", "2.政府性基金预算拨款", "0.00"),
    ("income.soe", "3.国有资本经营预算拨款", "0.00"),
    ("income.special_account", "二、财政专户管理资金", "0.00"),
    ("income.unit_funds", "三、单位资金", "0.00"),
    ("income.business", "1.事业收入", "0.00"),
    ("income.operating", "2.事业单位经营收入", "0.00"),
    ("income.superior", "3.上级补助收入", "0.00"),
    ("income.affiliated", "4.附属单位上缴收入", "0.00"),
    ("income.other", "5.其他收入", "0.00"),
    ("income.current_total", "本年收入合计", "4,676.96"),
    ("income.carryover", "上年结余、结转", "7.34"),
    ("income.carryover.fiscal", "1.财政拨款结余、结转", "7.34"),
    ("income.carryover.non_fiscal", "2.非财政拨款结余、结转", "0.00"),
    ("income.grand_total", "收入总计", "4,684.30"),
    *[(code, NUMBERED.get(code, "") + name, value) for code, name, value in FUNCTIONS],
    ("expenditure.current_total", "本年支出合计", "4,684.30"),
    ("expenditure.carry_forward", "结转下年", "0.00"),
    ("expenditure.grand_total", "支出总计", "4,684.30"),
])

# 表2 收入总表 (p. 15): one row, the department
table("income", ["total", "fiscal.general", "fiscal.gov_fund", "fiscal.soe", "special_account",
                 "business", "operating", "superior", "affiliated", "other", "carryover"], [
    ("total", DEPARTMENT, "4,684.30 4,676.96 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 7.34"),
])

# 表3 支出总表 (pp. 16-18): 支出总计 基本 项目 事业单位经营 对附属单位补助 上缴上级,
# 2026年政府采购项目 小计 / 其中 预留给中小企业 / 其中 预留给小型、微型企业
EXPENDITURE = {
    "total": "4,684.30 3,072.01 1,612.29 0.00 0.00 0.00 1,100.30 156.69 0.00",
    "201": "3,459.13 1,866.84 1,592.29 0.00 0.00 0.00 1,100.30 156.69 0.00",
    "20140": "3,459.13 1,866.84 1,592.29 0.00 0.00 0.00 1,100.30 156.69 0.00",
    "2014001": "1,866.84 1,866.84 0.00 0.00 0.00 0.00 152.35 149.35 0.00",
    "2014004": "1,592.29 0.00 1,592.29 0.00 0.00 0.00 947.95 7.34 0.00",
    "205": "20.00 0.00 20.00 0.00 0.00 0.00 0.00 0.00 0.00",
    "20508": "20.00 0.00 20.00 0.00 0.00 0.00 0.00 0.00 0.00",
    "2050803": "20.00 0.00 20.00 0.00 0.00 0.00 0.00 0.00 0.00",
    "208": "367.54 367.54 0.00 0.00 0.00 0.00 0.00 0.00 0.00",
    "20805": "367.54 367.54 0.00 0.00 0.00 0.00 0.00 0.00 0.00",
    "2080501": "78.73 78.73 0.00 0.00 0.00 0.00 0.00 0.00 0.00",
    "2080505": "201.65 201.65 0.00 0.00 0.00 0.00 0.00 0.00 0.00",
    "2080506": "87.16 87.16 0.00 0.00 0.00 0.00 0.00 0.00 0.00",
    "210": "84.39 84.39 0.00 0.00 0.00 0.00 0.00 0.00 0.00",
    "21011": "84.39 84.39 0.00 0.00 0.00 0.00 0.00 0.00 0.00",
    "2101101": "84.39 84.39 0.00 0.00 0.00 0.00 0.00 0.00 0.00",
    "221": "753.24 753.24 0.00 0.00 0.00 0.00 0.00 0.00 0.00",
    "22102": "753.24 753.24 0.00 0.00 0.00 0.00 0.00 0.00 0.00",
    "2210201": "199.91 199.91 0.00 0.00 0.00 0.00 0.00 0.00 0.00",
    "2210203": "553.33 553.33 0.00 0.00 0.00 0.00 0.00 0.00 0.00",
}
NAMES = {code: name for code, name, _ in FUNCTIONS} | {"total": DEPARTMENT}
table("expenditure", ["total", "basic", "project", "operating_expenditure", "subsidy_affiliated",
                      "remit_superior", "procurement", "procurement.sme",
                      "procurement.small_micro"],
      [(code, NAMES[code], values) for code, values in EXPENDITURE.items()])

# 表4 基本支出总表 (pp. 19-20): 总计, 财政拨款 小计 / 一般公共预算拨款 / 政府性基金预算拨款 /
# 国有资本经营预算拨款, 财政专户管理资金, 单位资金 事业收入 / 事业单位经营收入 / 上级补助收入 /
# 附属单位上缴收入 / 其他收入, 上年结余、结转. Every row: 总计 = 小计 = 一般公共预算, rest 0.00.
BASIC = [
    ("total", DEPARTMENT, "3,072.01"),
    ("301", "工资福利支出", "2,522.02"), ("30101", "基本工资", "356.33"),
    ("30102", "津贴补贴", "1,182.05"), ("30103", "奖金", "216.88"),
    ("30108", "机关事业单位基本养老保险缴费", "175.00"), ("30109", "职业年金缴费", "87.16"),
    ("30110", "职工基本医疗保险缴费", "71.90"), ("30112", "其他社会保障缴费", "2.55"),
    ("30113", "住房公积金", "199.91"), ("30199", "其他工资福利支出", "230.25"),
    ("302", "商品和服务支出", "357.43"), ("30201", "办公费", "21.00"), ("30205", "水费", "0.10"),
    ("30206", "电费", "13.50"), ("30207", "邮电费", "22.00"), ("30209", "物业管理费", "160.14"),
    ("30213", "维修（护）费", "20.00"), ("30217", "公务接待费", "2.98"), ("30226", "劳务费", "8.00"),
    ("30228", "工会经费", "36.91"), ("30231", "公务用车运行维护费", "2.60"),
    ("30239", "其他交通费用", "45.66"), ("30299", "其他商品和服务支出", "24.55"),
    ("303", "对个人和家庭的补助", "192.55"), ("30302", "退休费", "184.15"),
    ("30305", "生活补助", "8.40"),
]
SOURCES = ["fiscal.general", "fiscal.gov_fund", "fiscal.soe", "special_account", "business",
           "operating", "superior", "affiliated", "other", "carryover"]
table("basic", ["total", "fiscal", *SOURCES],
      [(code, name, f"{v} {v} {v}" + " 0.00" * 9) for code, name, v in BASIC])

# 表5 项目支出总表 (p. 21): 总计 then the sources as in 表2 (no 财政拨款 小计)
table("projects", ["total", *SOURCES], [
    ("total", DEPARTMENT, "1,612.29 1,604.95" + " 0.00" * 8 + " 7.34"),
    ("project:社工服务项目", "社工服务项目", "498.82 498.82" + " 0.00" * 9),
    ("project:信访大厅运行", "信访大厅运行", "603.84 596.94" + " 0.00" * 8 + " 6.90"),
    ("project:信访专项", "信访专项", "486.39 486.39" + " 0.00" * 9),
    ("project:预算准备金", "预算准备金", "4.90 4.90" + " 0.00" * 9),
    ("project:政务信息化项目（系统业务运营服务）", "政务信息化项目（系统业务运营服务）",
     "0.44 0.00" + " 0.00" * 8 + " 0.44"),
    ("project:综合管理", "综合管理", "17.91 17.91" + " 0.00" * 9),
])

# 表6 财政拨款收支总表 (pp. 22-23): income 2026年预算数 -> amount; expenditure -> total
table("fiscal_summary", ["amount"], [
    ("income.fiscal", "财政拨款", "4,676.96"),
    ("income.general", "1.一般公共预算拨款", "4,676.96"),
    ("income.gov_fund", "2.政府性基金预算拨款", "0.00"),
    ("income.soe", "3.国有资本经营预算拨款", "0.00"),
    ("income.current_total", "本年收入合计", "4,676.96"),
    ("income.carryover", "上年结余、结转", "7.34"),
    ("income.carryover.general", "1.一般公共预算拨款结余、结转", "7.34"),
    ("income.carryover.gov_fund", "2.政府性基金预算拨款结余、结转", "0.00"),
    ("income.carryover.soe", "3.国有资本经营预算拨款结余、结转", "0.00"),
    ("income.grand_total", "收入总计", "4,684.30"),
])
table("fiscal_summary", ["total"], [
    *[(code, NUMBERED.get(code, "") + name, value) for code, name, value in FUNCTIONS],
    ("expenditure.current_total", "本年支出合计", "4,684.30"),
    ("expenditure.carry_forward", "结转下年", "0.00"),
    ("expenditure.grand_total", "支出总计", "4,684.30"),
])

# 表7 一般公共预算支出表（按功能分类）(pp. 24-25): 支出总计 / 基本支出 / 项目支出
table("general_expenditure", ["total", "basic", "project"],
      [(code, NAMES[code], " ".join(values.split()[:3])) for code, values in EXPENDITURE.items()])

# 表8 一般公共预算支出表（按经济分类）(pp. 26-28), basic + project -> economic_summary
table("economic_summary", ["total", "basic", "project"], [
    ("total", DEPARTMENT, "4,684.30 3,072.01 1,612.29"),
    ("301", "工资福利支出", "2,522.02 2,522.02 0.00"), ("30101", "基本工资", "356.33 356.33 0.00"),
    ("30102", "津贴补贴", "1,182.05 1,182.05 0.00"), ("30103", "奖金", "216.88 216.88 0.00"),
    ("30108", "机关事业单位基本养老保险缴费", "175.00 175.00 0.00"),
    ("30109", "职业年金缴费", "87.16 87.16 0.00"), ("30110", "职工基本医疗保险缴费", "71.90 71.90 0.00"),
    ("30112", "其他社会保障缴费", "2.55 2.55 0.00"), ("30113", "住房公积金", "199.91 199.91 0.00"),
    ("30199", "其他工资福利支出", "230.25 230.25 0.00"),
    ("302", "商品和服务支出", "1,969.72 357.43 1,612.29"), ("30201", "办公费", "76.00 21.00 55.00"),
    ("30202", "印刷费", "10.00 0.00 10.00"), ("30205", "水费", "0.10 0.10 0.00"),
    ("30206", "电费", "13.50 13.50 0.00"), ("30207", "邮电费", "22.40 22.00 0.40"),
    ("30209", "物业管理费", "160.14 160.14 0.00"), ("30211", "差旅费", "120.00 0.00 120.00"),
    ("30213", "维修（护）费", "52.34 20.00 32.34"), ("30214", "租赁费", "45.00 0.00 45.00"),
    ("30215", "会议费", "3.48 0.00 3.48"), ("30216", "培训费", "20.00 0.00 20.00"),
    ("30217", "公务接待费", "2.98 2.98 0.00"), ("30226", "劳务费", "8.00 8.00 0.00"),
    ("30227", "委托业务费", "1,143.78 0.00 1,143.78"), ("30228", "工会经费", "36.91 36.91 0.00"),
    ("30231", "公务用车运行维护费", "2.60 2.60 0.00"), ("30239", "其他交通费用", "92.66 45.66 47.00"),
    ("30299", "其他商品和服务支出", "159.84 24.55 135.29"),
    ("303", "对个人和家庭的补助", "192.55 192.55 0.00"), ("30302", "退休费", "184.15 184.15 0.00"),
    ("30305", "生活补助", "8.40 8.40 0.00"),
])

# 表9 财政拨款“三公”经费支出表 (p. 31): items as column groups, each split by the three
# funding sources; rows 2025年 (prior_year.*), 2026年 (the budget year), 增减变化金额 (change.*)
ITEMS = [("total", "总计"), ("overseas", "因公出国（境）费"), ("reception", "公务接待费"),
         ("vehicles", "公务用车购置及运行维护费"), ("vehicles.purchase", "公务用车购置费"),
         ("vehicles.operation", "公务用车运行维护费")]
YEARS = {
    "prior_year.": "5.58 0.00 0.00 0.00 0.00 0.00 2.98 0.00 0.00 2.60 0.00 0.00 0.00 0.00 0.00 2.60 0.00 0.00",
    "": "5.58 0.00 0.00 0.00 0.00 0.00 2.98 0.00 0.00 2.60 0.00 0.00 0.00 0.00 0.00 2.60 0.00 0.00",
    "change.": " ".join(["0.00"] * 18),
}
for i, (code, name) in enumerate(ITEMS):
    values: dict[str, str] = {}
    for prefix, line in YEARS.items():
        printed = line.split()[3 * i : 3 * i + 3]
        for source, value in zip(["fiscal.general", "fiscal.gov_fund", "fiscal.soe"], printed,
                                 strict=True):
            values[prefix + source] = value
    ROWS.append(("three_public", code, name, values))

# 表10 政府性基金预算支出表 (p. 32), 表11 国有资本经营预算支出表 (p. 33): the department row
# only, all 0.00, with 注：本表本年无发生额。
table("gov_fund_expenditure", ["total", "basic", "project"], [("total", DEPARTMENT, "0.00 0.00 0.00")])
table("soe_expenditure", ["total", "basic", "project"], [("total", DEPARTMENT, "0.00 0.00 0.00")])
# fmt: on


def amount(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def rows_of(key: str) -> dict[str, dict[str, Decimal]]:
    found: dict[str, dict[str, Decimal]] = {}
    for t, code, _, values in ROWS:
        if t == key:
            found.setdefault(code, {}).update({c: amount(v) for c, v in values.items()})
    return found


def check() -> list[str]:
    """The document's own identities; returns the ones that fail."""
    failed: list[str] = []

    def same(label: str, a: Decimal, b: Decimal) -> None:
        if a != b:
            failed.append(f"{label}: {a} != {b}")

    def tree(key: str, column: str) -> None:
        rows = rows_of(key)
        codes = [c for c in rows if c.isdigit()]
        same(
            f"{key} total {column}",
            rows["total"][column],
            sum((rows[c][column] for c in codes if len(c) == 3), Decimal()),
        )
        for parent in codes:
            width = {3: 5, 5: 7}.get(len(parent))
            kids = [c for c in codes if width and len(c) == width and c.startswith(parent)]
            if kids:
                same(
                    f"{key} {parent} {column}",
                    rows[parent][column],
                    sum((rows[c][column] for c in kids), Decimal()),
                )

    s = {c: v["amount"] for c, v in rows_of("summary").items()}
    same(
        "表1 财政拨款",
        s["income.fiscal"],
        s["income.general"] + s["income.gov_fund"] + s["income.soe"],
    )
    same(
        "表1 本年收入",
        s["income.current_total"],
        s["income.fiscal"] + s["income.special_account"] + s["income.unit_funds"],
    )
    same(
        "表1 单位资金",
        s["income.unit_funds"],
        sum(
            (
                s[k]
                for k in (
                    "income.business",
                    "income.operating",
                    "income.superior",
                    "income.affiliated",
                    "income.other",
                )
            ),
            Decimal(),
        ),
    )
    same(
        "表1 结转",
        s["income.carryover"],
        s["income.carryover.fiscal"] + s["income.carryover.non_fiscal"],
    )
    same("表1 收入总计", s["income.grand_total"], s["income.current_total"] + s["income.carryover"])
    same(
        "表1 本年支出",
        s["expenditure.current_total"],
        sum((v for c, v in s.items() if len(c) == 3 and c.isdigit()), Decimal()),
    )
    same(
        "表1 支出总计",
        s["expenditure.grand_total"],
        s["expenditure.current_total"] + s["expenditure.carry_forward"],
    )
    same("表1 收支平衡", s["income.grand_total"], s["expenditure.grand_total"])
    for key, columns in (
        ("expenditure", ["total", "basic", "project", "procurement", "procurement.sme"]),
        ("general_expenditure", ["total", "basic", "project"]),
        ("economic_summary", ["total", "basic", "project"]),
    ):
        for column in columns:
            tree(key, column)
        for code, v in rows_of(key).items():
            same(f"{key} {code} 行", v["total"], v["basic"] + v["project"])
    e = rows_of("expenditure")
    same("表3/表1 支出", e["total"]["total"], s["expenditure.current_total"])
    same(
        "表3 采购",
        e["total"]["procurement"],
        e["2014001"]["procurement"] + e["2014004"]["procurement"],
    )
    b = rows_of("basic")
    for parent in ("301", "302", "303"):
        same(
            f"表4 {parent}",
            b[parent]["total"],
            sum(
                (v["total"] for c, v in b.items() if len(c) == 5 and c.startswith(parent)),
                Decimal(),
            ),
        )
    same("表4 总计", b["total"]["total"], b["301"]["total"] + b["302"]["total"] + b["303"]["total"])
    same("表4/表3 基本", b["total"]["total"], e["total"]["basic"])
    p = rows_of("projects")
    for column in ("total", "fiscal.general", "carryover"):
        same(
            f"表5 {column}",
            p["total"][column],
            sum((v[column] for c, v in p.items() if c != "total"), Decimal()),
        )
    same("表5/表3 项目", p["total"]["total"], e["total"]["project"])
    f = {c: v.get("amount", v.get("total")) for c, v in rows_of("fiscal_summary").items()}
    same("表6 本年收入", f["income.current_total"], s["income.current_total"])
    same("表6 收入总计", f["income.grand_total"], f["income.current_total"] + f["income.carryover"])
    same(
        "表6 结转",
        f["income.carryover"],
        sum((f[f"income.carryover.{k}"] for k in ("general", "gov_fund", "soe")), Decimal()),
    )
    g = rows_of("economic_summary")
    same("表8/表7 总计", g["total"]["total"], rows_of("general_expenditure")["total"]["total"])
    for code in b:
        if code != "total":
            same(f"表4/表8 {code} 基本", b[code]["total"], g[code]["basic"])
    t = rows_of("three_public")
    for prefix in ("prior_year.", "", "change."):
        col = prefix + "fiscal.general"
        same(
            f"表9 {col} 总计",
            t["total"][col],
            t["overseas"][col] + t["reception"][col] + t["vehicles"][col],
        )
        same(
            f"表9 {col} 车",
            t["vehicles"][col],
            t["vehicles.purchase"][col] + t["vehicles.operation"][col],
        )
    same("表9/表4 接待", t["reception"]["fiscal.general"], b["30217"]["total"])
    same("表9/表4 车", t["vehicles.operation"]["fiscal.general"], b["30231"]["total"])
    return failed


def write() -> Path:
    out = Path(__file__).with_name(f"{NAME}.facts.csv")
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["document", "table", "row_code", "row_name", "column", "value"])
        for table_key, code, name, values in ROWS:
            for column, printed in values.items():
                writer.writerow([DOCUMENT, table_key, code, name, column, printed.replace(",", "")])
    return out


if __name__ == "__main__":
    problems = check()
    print("\n".join(problems) or "all identities hold")
    print(sum(len(v) for *_, v in ROWS), "facts")
    if "--write" in sys.argv:
        print(write())
