"""Hand transcription of hangzhou-meteorology-2026-budget-dept.pdf, 表1–表10 (no cnbudget code).

Every row below was typed from the rendered pages 15–24 (pdftoppm -r 80) with the
column list written from each table's printed header; `pdftotext -layout` (poppler)
was used only to read small digits. Blank cells are "". Function and economic rows are
printed by name only: their codes were written from the 2025 政府收支分类科目 (the
parent is the row above at the next lower indentation). Run this file to check the
transcription's arithmetic and to write hangzhou-meteorology-2026-budget-dept.facts.csv.

Keys (docs/facts.md): unit rows of 表2/表7 are `unit:<name>` (no unit code is printed);
the department's own row and its 本级 unit print the same name: the second one is
`unit:<name>@2`. 表7 prints the 三公 items as columns and units as rows: its 合计 row
gives the item rows (`total`, `vehicles`, …, column `amount`) as in every other
template, the unit rows keep the item columns. 表8/表9 print only an empty-table note.
表11 (项目支出绩效表) is a performance table and not part of this file.
"""

from __future__ import annotations

import csv
import sys
from decimal import Decimal
from pathlib import Path

DOCUMENT = "28647feb2ecb34fc"
NAME = "hangzhou-meteorology-2026-budget-dept"

# fmt: off
SUMMARY_INCOME = [  # 表1 left side: (key, printed name, 预算数)
    ("income.fiscal", "一、财政拨款", "5,753.07"),
    ("income.general", "一般公共预算", "5,753.07"),
    ("income.gov_fund", "政府性基金预算", ""),
    ("income.soe", "国有资本经营预算", ""),
    ("income.special_account", "二、财政专户管理资金", ""),
    ("income.business", "三、事业收入", ""),
    ("income.operating", "四、事业单位经营收入", ""),
    ("income.superior", "五、上级补助收入", ""),
    ("income.affiliated", "六、附属单位上缴收入", ""),
    ("income.other", "七、其他收入", "123.61"),
    ("income.current_total", "本年收入合计", "5,876.67"),
    ("income.carryover", "上年结转结余", ""),
    ("income.grand_total", "收入总计", "5,876.67"),
]
SUMMARY_EXPENDITURE = [  # 表1 right side
    ("206", "科学技术支出", "28.00"),
    ("20604", "技术研究与开发", "28.00"),
    ("2060404", "科技成果转化与扩散", "28.00"),
    ("208", "社会保障和就业支出", "396.67"),
    ("20805", "行政事业单位养老支出", "396.67"),
    ("2080501", "行政单位离退休", "193.24"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "135.62"),
    ("2080506", "机关事业单位职业年金缴费支出", "67.81"),
    ("210", "卫生健康支出", "80.52"),
    ("21011", "行政事业单位医疗", "80.52"),
    ("2101101", "行政单位医疗", "61.17"),
    ("2101102", "事业单位医疗", "19.35"),
    ("220", "自然资源海洋气象等支出", "5,371.48"),
    ("22005", "气象事务", "5,371.48"),
    ("2200501", "行政运行", "2,617.19"),
    ("2200504", "气象事业机构", "650.68"),
    ("2200509", "气象服务", "2,103.61"),
    ("expenditure.current_total", "本年支出合计", "5,876.67"),
    ("expenditure.carry_forward", "年终结转结余", ""),
    ("expenditure.grand_total", "支出总计", "5,876.67"),
]

INCOME_COLUMNS = [  # 表2, columns 1–17
    "total", "current", "fiscal.general", "fiscal.gov_fund", "fiscal.soe", "special_account",
    "business", "operating", "superior", "affiliated", "other",
    "carryover", "carryover.general", "carryover.gov_fund", "carryover.soe",
    "carryover.special_account", "carryover.unit_funds",
]
INCOME = [
    ("total", "合计", ["5,876.67", "5,876.67", "5,753.07", "", "", "", "", "", "", "", "123.61", "", "", "", "", "", ""]),
    ("unit:杭州市气象局", "杭州市气象局", ["5,876.67", "5,876.67", "5,753.07", "", "", "", "", "", "", "", "123.61", "", "", "", "", "", ""]),
    ("unit:杭州市气象局@2", "杭州市气象局", ["5,011.05", "5,011.05", "4,916.13", "", "", "", "", "", "", "", "94.92", "", "", "", "", "", ""]),
    ("unit:杭州市气象服务中心（杭州市预警信息发布中心）", "杭州市气象服务中心（杭州市预警信息发布中心）",
     ["865.62", "865.62", "836.93", "", "", "", "", "", "", "", "28.69", "", "", "", "", "", ""]),
]

EXPENDITURE_COLUMNS = [  # 表3, columns 1–7
    "total", "basic.personnel", "basic.public", "project",
    "operating_expenditure", "remit_superior", "subsidy_affiliated",
]
EXPENDITURE = [
    ("total", "合计", ["5,876.67", "2,906.80", "838.27", "2,131.61", "", "", ""]),
    ("206", "科学技术支出", ["28.00", "", "", "28.00", "", "", ""]),
    ("20604", "技术研究与开发", ["28.00", "", "", "28.00", "", "", ""]),
    ("2060404", "科技成果转化与扩散", ["28.00", "", "", "28.00", "", "", ""]),
    ("208", "社会保障和就业支出", ["396.67", "395.77", "0.90", "", "", "", ""]),
    ("20805", "行政事业单位养老支出", ["396.67", "395.77", "0.90", "", "", "", ""]),
    ("2080501", "行政单位离退休", ["193.24", "192.34", "0.90", "", "", "", ""]),
    ("2080505", "机关事业单位基本养老保险缴费支出", ["135.62", "135.62", "", "", "", "", ""]),
    ("2080506", "机关事业单位职业年金缴费支出", ["67.81", "67.81", "", "", "", "", ""]),
    ("210", "卫生健康支出", ["80.52", "80.52", "", "", "", "", ""]),
    ("21011", "行政事业单位医疗", ["80.52", "80.52", "", "", "", "", ""]),
    ("2101101", "行政单位医疗", ["61.17", "61.17", "", "", "", "", ""]),
    ("2101102", "事业单位医疗", ["19.35", "19.35", "", "", "", "", ""]),
    ("220", "自然资源海洋气象等支出", ["5,371.48", "2,430.50", "837.37", "2,103.61", "", "", ""]),
    ("22005", "气象事务", ["5,371.48", "2,430.50", "837.37", "2,103.61", "", "", ""]),
    ("2200501", "行政运行", ["2,617.19", "1,907.01", "710.18", "", "", "", ""]),
    ("2200504", "气象事业机构", ["650.68", "523.49", "127.19", "", "", "", ""]),
    ("2200509", "气象服务", ["2,103.61", "", "", "2,103.61", "", "", ""]),
]

FISCAL_INCOME = [  # 表4 left side
    ("income.fiscal", "一、财政拨款", "5,753.07"),
    ("income.general", "一般公共预算", "5,753.07"),
    ("income.gov_fund", "政府性基金预算", ""),
    ("income.soe", "国有资本经营预算", ""),
    ("income.carryover", "二、上年结转结余", ""),
    ("income.carryover.general", "一般公共预算", ""),
    ("income.carryover.gov_fund", "政府性基金预算", ""),
    ("income.carryover.soe", "国有资本经营预算", ""),
    ("income.grand_total", "收入总计", "5,753.07"),
]
FISCAL_EXPENDITURE = [  # 表4 right side, one column 预算数 (→ total)
    ("expenditure.current_total", "一、本年支出合计", "5,753.07"),
    ("206", "科学技术支出", "28.00"),
    ("20604", "技术研究与开发", "28.00"),
    ("2060404", "科技成果转化与扩散", "28.00"),
    ("208", "社会保障和就业支出", "396.67"),
    ("20805", "行政事业单位养老支出", "396.67"),
    ("2080501", "行政单位离退休", "193.24"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "135.62"),
    ("2080506", "机关事业单位职业年金缴费支出", "67.81"),
    ("210", "卫生健康支出", "80.52"),
    ("21011", "行政事业单位医疗", "80.52"),
    ("2101101", "行政单位医疗", "61.17"),
    ("2101102", "事业单位医疗", "19.35"),
    ("220", "自然资源海洋气象等支出", "5,247.87"),
    ("22005", "气象事务", "5,247.87"),
    ("2200501", "行政运行", "2,617.19"),
    ("2200504", "气象事业机构", "650.68"),
    ("2200509", "气象服务", "1,980.00"),
    ("expenditure.carry_forward", "二、年终结转结余", ""),
    ("expenditure.grand_total", "支出总计", "5,753.07"),
]

GENERAL_COLUMNS = ["total", "basic", "basic.personnel", "basic.public", "project"]  # 表5
GENERAL = [
    ("total", "合计", ["5,753.07", "3,745.07", "2,906.80", "838.27", "2,008.00"]),
    ("206", "科学技术支出", ["28.00", "", "", "", "28.00"]),
    ("20604", "技术研究与开发", ["28.00", "", "", "", "28.00"]),
    ("2060404", "科技成果转化与扩散", ["28.00", "", "", "", "28.00"]),
    ("208", "社会保障和就业支出", ["396.67", "396.67", "395.77", "0.90", ""]),
    ("20805", "行政事业单位养老支出", ["396.67", "396.67", "395.77", "0.90", ""]),
    ("2080501", "行政单位离退休", ["193.24", "193.24", "192.34", "0.90", ""]),
    ("2080505", "机关事业单位基本养老保险缴费支出", ["135.62", "135.62", "135.62", "", ""]),
    ("2080506", "机关事业单位职业年金缴费支出", ["67.81", "67.81", "67.81", "", ""]),
    ("210", "卫生健康支出", ["80.52", "80.52", "80.52", "", ""]),
    ("21011", "行政事业单位医疗", ["80.52", "80.52", "80.52", "", ""]),
    ("2101101", "行政单位医疗", ["61.17", "61.17", "61.17", "", ""]),
    ("2101102", "事业单位医疗", ["19.35", "19.35", "19.35", "", ""]),
    ("220", "自然资源海洋气象等支出", ["5,247.87", "3,267.87", "2,430.50", "837.37", "1,980.00"]),
    ("22005", "气象事务", ["5,247.87", "3,267.87", "2,430.50", "837.37", "1,980.00"]),
    ("2200501", "行政运行", ["2,617.19", "2,617.19", "1,907.01", "710.18", ""]),
    ("2200504", "气象事业机构", ["650.68", "650.68", "523.49", "127.19", ""]),
    ("2200509", "气象服务", ["1,980.00", "", "", "", "1,980.00"]),
]

BASIC_COLUMNS = ["total", "basic.personnel", "basic.public"]  # 表6 (本年一般公共预算基本支出)
BASIC = [
    ("total", "合计", ["3,745.07", "2,906.80", "838.27"]),
    ("301", "工资福利支出", ["2,709.90", "2,709.90", ""]),
    ("30101", "基本工资", ["98.00", "98.00", ""]),
    ("30102", "津贴补贴", ["454.81", "454.81", ""]),
    ("30103", "奖金", ["213.86", "213.86", ""]),
    ("30107", "绩效工资", ["1,076.40", "1,076.40", ""]),
    ("30108", "机关事业单位基本养老保险缴费", ["135.62", "135.62", ""]),
    ("30109", "职业年金缴费", ["67.81", "67.81", ""]),
    ("30110", "职工基本医疗保险缴费", ["80.52", "80.52", ""]),
    ("30112", "其他社会保障缴费", ["7.30", "7.30", ""]),
    ("30113", "住房公积金", ["209.04", "209.04", ""]),
    ("30114", "医疗费", ["21.61", "21.61", ""]),
    ("30199", "其他工资福利支出", ["344.92", "344.92", ""]),
    ("302", "商品和服务支出", ["760.37", "", "760.37"]),
    ("30201", "办公费", ["50.01", "", "50.01"]),
    ("30202", "印刷费", ["3.50", "", "3.50"]),
    ("30205", "水费", ["5.60", "", "5.60"]),
    ("30206", "电费", ["71.06", "", "71.06"]),
    ("30207", "邮电费", ["2.70", "", "2.70"]),
    ("30209", "物业管理费", ["157.81", "", "157.81"]),
    ("30211", "差旅费", ["40.42", "", "40.42"]),
    ("30213", "维修（护）费", ["30.00", "", "30.00"]),
    ("30215", "会议费", ["21.60", "", "21.60"]),
    ("30216", "培训费", ["28.22", "", "28.22"]),
    ("30217", "公务接待费", ["6.02", "", "6.02"]),
    ("30226", "劳务费", ["4.80", "", "4.80"]),
    ("30227", "委托业务费", ["29.50", "", "29.50"]),
    ("30228", "工会经费", ["39.34", "", "39.34"]),
    ("30231", "公务用车运行维护费", ["18.00", "", "18.00"]),
    ("30239", "其他交通费用", ["61.41", "", "61.41"]),
    ("30299", "其他商品和服务支出", ["190.38", "", "190.38"]),
    ("303", "对个人和家庭的补助", ["249.90", "196.90", "53.00"]),
    ("30301", "离休费", ["101.29", "101.29", ""]),
    ("30302", "退休费", ["83.25", "83.25", ""]),
    ("30307", "医疗费补助", ["7.80", "7.80", ""]),
    ("30309", "奖励金", ["0.10", "0.10", ""]),
    ("30399", "其他对个人和家庭的补助", ["57.46", "4.46", "53.00"]),
    ("310", "资本性支出", ["24.90", "", "24.90"]),
    ("31002", "办公设备购置", ["24.90", "", "24.90"]),
]

# 表7: columns 1–6 by item
THREE_ITEMS = ["total", "overseas", "vehicles", "vehicles.purchase", "vehicles.operation", "reception"]
THREE_NAMES = ["“三公”经费合计", "因公出国（境）费用", "公务用车购置及运行费", "公务用车购置费",
               "公务用车运行维护费", "公务接待费"]
THREE = [
    ("total", "合计", ["24.02", "", "18.00", "", "18.00", "6.02"]),
    ("unit:杭州市气象局", "杭州市气象局", ["13.13", "", "7.20", "", "7.20", "5.93"]),
    ("unit:杭州市气象服务中心（杭州市预警信息发布中心）", "杭州市气象服务中心（杭州市预警信息发布中心）",
     ["10.89", "", "10.80", "", "10.80", "0.09"]),
]

PROJECT_COLUMNS = ["total", "fiscal.general", "fiscal.gov_fund", "fiscal.soe", "special_account", "unit_funds"]
PROJECTS = [  # 表10: (unit name, project name, columns 1–6)
    ("", "合计", ["2,131.61", "2,008.00", "", "", "", "123.61"]),
    ("杭州市气象局", "气象业务建设", ["1,097.02", "1,002.10", "", "", "", "94.92"]),
    ("杭州市气象局", "气象设施维护及科普", ["887.90", "887.90", "", "", "", ""]),
    ("杭州市气象服务中心（杭州市预警信息发布中心）", "专业系统维护及科普", ["146.69", "118.00", "", "", "", "28.69"]),
]
# fmt: on


def d(text: str) -> Decimal:
    return Decimal(text.replace(",", "")) if text else Decimal(0)


def check() -> list[str]:
    """The transcription's own identities; returns the failures."""
    bad: list[str] = []

    def eq(label: str, left: Decimal, right: Decimal) -> None:
        if abs(left - right) > Decimal("0.011"):
            bad.append(f"{label}: {left} != {right}")

    inc = {k: d(v) for k, _, v in SUMMARY_INCOME}
    exp = {k: d(v) for k, _, v in SUMMARY_EXPENDITURE}
    eq(
        "表1 财政拨款",
        inc["income.fiscal"],
        inc["income.general"] + inc["income.gov_fund"] + inc["income.soe"],
    )
    eq("表1 本年收入", inc["income.current_total"], inc["income.fiscal"] + inc["income.other"])
    eq(
        "表1 收入总计",
        inc["income.grand_total"],
        inc["income.current_total"] + inc["income.carryover"],
    )
    classes = [v for k, v in exp.items() if len(k) == 3]
    eq("表1 本年支出", exp["expenditure.current_total"], sum(classes, Decimal(0)))
    eq("表1 收支平衡", inc["income.grand_total"], exp["expenditure.grand_total"])

    def tree(label: str, rows: list[tuple[str, str, list[str]]], width: int) -> None:
        coded = [(c, [d(v) for v in vals]) for c, _, vals in rows if c[0].isdigit()]
        for code, vals in coded:
            children = [
                v
                for c, v in coded
                if len(c) > len(code)
                and c.startswith(code)
                and len(c)
                == min(len(x) for x, _ in coded if len(x) > len(code) and x.startswith(code))
            ]
            if children:
                for j in range(width):
                    eq(
                        f"{label} {code} col{j + 1}",
                        vals[j],
                        sum((c[j] for c in children), Decimal(0)),
                    )
        top = [v for c, v in coded if len(c) == 3]
        total = next([d(x) for x in v] for c, _, v in rows if c == "total")
        for j in range(width):
            eq(f"{label} 合计 col{j + 1}", total[j], sum((t[j] for t in top), Decimal(0)))

    tree("表3", EXPENDITURE, 7)
    tree("表5", GENERAL, 5)
    tree("表6", BASIC, 3)
    for code, _, vals in EXPENDITURE:
        v = [d(x) for x in vals]
        eq(f"表3 {code} 行", v[0], sum(v[1:], Decimal(0)))
    for code, _, vals in GENERAL:
        v = [d(x) for x in vals]
        eq(f"表5 {code} 合计", v[0], v[1] + v[4])
        eq(f"表5 {code} 基本", v[1], v[2] + v[3])
    for code, _, vals in BASIC:
        v = [d(x) for x in vals]
        eq(f"表6 {code}", v[0], v[1] + v[2])
    for _, _, vals in INCOME:
        v = [d(x) for x in vals]
        eq("表2 总计", v[0], v[1] + v[11])
        eq("表2 本年", v[1], sum(v[2:11], Decimal(0)))
    eq("表2 部门 = Σ单位", d(INCOME[1][2][0]), d(INCOME[2][2][0]) + d(INCOME[3][2][0]))
    for _, _, vals in THREE:
        v = [d(x) for x in vals]
        eq("表7 合计", v[0], v[1] + v[2] + v[5])
        eq("表7 车", v[2], v[3] + v[4])
    for j in range(6):
        eq(f"表7 列{j + 1}", d(THREE[0][2][j]), d(THREE[1][2][j]) + d(THREE[2][2][j]))
    for _, _, vals in PROJECTS:
        v = [d(x) for x in vals]
        eq("表10 行", v[0], sum(v[1:], Decimal(0)))
    for j in range(6):
        eq(
            f"表10 列{j + 1}",
            d(PROJECTS[0][2][j]),
            sum((d(p[2][j]) for p in PROJECTS[1:]), Decimal(0)),
        )
    # across tables
    eq("表1/表3 合计", exp["expenditure.current_total"], d(EXPENDITURE[0][2][0]))
    eq("表2/表1", d(INCOME[0][2][0]), inc["income.current_total"])
    eq("表4/表5", d(FISCAL_EXPENDITURE[0][2]), d(GENERAL[0][2][0]))
    eq("表5/表6 基本", d(GENERAL[0][2][1]), d(BASIC[0][2][0]))
    eq("表3/表10 项目", d(EXPENDITURE[0][2][3]), d(PROJECTS[0][2][0]))
    eq("表5/表10 项目", d(GENERAL[0][2][4]), d(PROJECTS[0][2][1]))
    basic = {c: v for c, _, v in BASIC}
    eq("表6/表7 接待", d(basic["30217"][0]), d(THREE[0][2][5]))
    eq("表6/表7 车", d(basic["30231"][0]), d(THREE[0][2][4]))
    for (c1, _, v1), (c2, _, v2) in zip(SUMMARY_EXPENDITURE, EXPENDITURE[1:], strict=False):
        if c1 == c2:
            eq(f"表1/表3 {c1}", d(v1), d(v2[0]))
    for (c1, _, v1), (c2, _, v2) in zip(FISCAL_EXPENDITURE[1:], GENERAL[1:], strict=False):
        if c1 == c2:
            eq(f"表4/表5 {c1}", d(v1), d(v2[0]))
    return bad


def plain(text: str) -> str:
    return str(d(text)) if "," in text else text


def facts() -> list[tuple[str, str, str, str, str]]:
    out: list[tuple[str, str, str, str, str]] = []
    for table, rows in (
        ("summary", SUMMARY_INCOME + SUMMARY_EXPENDITURE),
        ("fiscal_summary", FISCAL_INCOME),
    ):
        out += [(table, k, n, "amount", plain(v)) for k, n, v in rows if v]
    out += [("fiscal_summary", k, n, "total", plain(v)) for k, n, v in FISCAL_EXPENDITURE if v]
    for table, columns, rows in (
        ("income", INCOME_COLUMNS, INCOME),
        ("expenditure", EXPENDITURE_COLUMNS, EXPENDITURE),
        ("general_expenditure", GENERAL_COLUMNS, GENERAL),
        ("general_basic", BASIC_COLUMNS, BASIC),
    ):
        for code, name, vals in rows:
            out += [
                (table, code, name, c, plain(v)) for c, v in zip(columns, vals, strict=True) if v
            ]
    out += [
        ("three_public", k, n, "amount", plain(v))
        for k, n, v in zip(THREE_ITEMS, THREE_NAMES, THREE[0][2], strict=True)
        if v
    ]
    for code, name, vals in THREE[1:]:
        out += [
            ("three_public", code, name, c, plain(v))
            for c, v in zip(THREE_ITEMS, vals, strict=True)
            if v
        ]
    for unit, name, vals in PROJECTS:
        code = "total" if name == "合计" else f"project:{name}"
        out += [
            ("projects", code, name, c, plain(v))
            for c, v in zip(PROJECT_COLUMNS, vals, strict=True)
            if v
        ]
        if unit:
            out.append(("projects", code, name, "unit", unit))
    return out


def main() -> int:
    bad = check()
    for line in bad:
        print("FAIL", line)
    rows = facts()
    keys = [(t, c, n, col) for t, c, n, col, _ in rows]
    assert len(keys) == len(set(keys)), "duplicate keys"
    path = Path(__file__).with_name(f"{NAME}.facts.csv")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["document", "table", "row_code", "row_name", "column", "value"])
        writer.writerows((DOCUMENT, *row) for row in rows)
    print(f"{len(rows)} facts, {len(bad)} identity failures")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
