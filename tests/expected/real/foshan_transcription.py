"""Hand transcription of foshan-rail-transit-2019-final-dept.pdf (no cnbudget code used).

Every value below was typed from the rendered pages (pdftoppm, pp. 5-23) with
`pdftotext -layout` as a reading aid, each number given the column its printed header
puts it in. 行次/栏次 numbers are row labels, not amounts, and are not transcribed. A
合计 row repeated on every continuation page is one row. Codes are written whole, names
with wraps and spaces removed. Running this file checks the transcription's arithmetic
and writes foshan-rail-transit-2019-final-dept.facts.csv next to it.

Document defects seen on the page: 表4 prints 行次 39 for 二、外交支出 (28, 39, 30, ...);
表2 row 2140101 prints 609.30 = 609.29 (财政拨款) + 0.01 (其他收入) while 表3/表5 print
2140101 as 609.29 (the 0.01 of 其他收入 is carried to 年末结转和结余).
"""

from __future__ import annotations

import csv
import sys
from decimal import Decimal
from pathlib import Path

NAME = "foshan-rail-transit-2019-final-dept"
DOCUMENT = "3bffe247a0363a3b"

Row = tuple[str, str, str, dict[str, str]]
ROWS: list[Row] = []


def table(key: str, columns: list[str], rows: list[tuple[str, str, str]]) -> None:
    """Rows as (code, name, space-separated printed values in column order)."""
    for code, name, values in rows:
        printed = values.split()
        assert len(printed) == len(columns), (key, code, printed)
        ROWS.append((key, code, name, dict(zip(columns, printed, strict=True))))


# fmt: off
# 表1 收入支出决算总表 (pp. 5-7): one column 决算数 on each side -> amount
table("summary", ["amount"], [
    ("income.general", "一、一般公共预算财政拨款收入", "1668.14"),
    ("income.gov_fund", "二、政府性基金预算财政拨款收入", "0.00"),
    ("income.superior", "三、上级补助收入", "0.00"),
    ("income.business", "四、事业收入", "0.00"),
    ("income.operating", "五、经营收入", "0.00"),
    ("income.affiliated", "六、附属单位上缴收入", "0.00"),
    ("income.other", "七、其他收入", "0.01"),
    ("201", "一、一般公共服务支出", "0.00"),
    ("202", "二、外交支出", "0.00"),
    ("203", "三、国防支出", "0.00"),
    ("204", "四、公共安全支出", "0.00"),
    ("205", "五、教育支出", "0.00"),
    ("206", "六、科学技术支出", "0.00"),
    ("207", "七、文化旅游体育与传媒支出", "0.00"),
    ("208", "八、社会保障和就业支出", "76.23"),
    ("210", "九、卫生健康支出", "0.00"),
    ("211", "十、节能环保支出", "0.00"),
    ("212", "十一、城乡社区支出", "0.00"),
    ("213", "十二、农林水支出", "0.00"),
    ("214", "十三、交通运输支出", "1531.04"),
    ("215", "十四、资源勘探信息等支出", "0.00"),
    ("216", "十五、商业服务业等支出", "0.00"),
    ("217", "十六、金融支出", "0.00"),
    ("219", "十七、援助其他地区支出", "0.00"),
    ("220", "十八、自然资源海洋气象等支出", "0.00"),
    ("221", "十九、住房保障支出", "60.87"),
    ("222", "二十、粮油物资储备支出", "0.00"),
    ("224", "二十一、灾害防治及应急管理支出", "0.00"),
    ("229", "二十二、其他支出", "0.00"),
    ("income.current_total", "本年收入合计", "1668.14"),
    ("expenditure.current_total", "本年支出合计", "1668.14"),
    ("income.non_fiscal_balance", "用事业基金弥补收支差额", "0.00"),
    ("expenditure.balance_distribution", "结余分配", "0.00"),
    ("income.carryover", "年初结转和结余", "0.00"),
    ("expenditure.carry_forward", "年末结转和结余", "0.01"),
    ("income.grand_total", "总计", "1668.14"),
    ("expenditure.grand_total", "总计", "1668.14"),
])

# 表2 收入决算表 (pp. 8-9), 栏次 1-7
table("income", ["total", "fiscal", "superior", "business", "operating", "affiliated", "other"], [
    ("total", "合计", "1668.14 1668.14 0.00 0.00 0.00 0.00 0.01"),
    ("208", "社会保障和就业支出", "76.23 76.23 0.00 0.00 0.00 0.00 0.00"),
    ("20805", "行政事业单位离退休", "76.23 76.23 0.00 0.00 0.00 0.00 0.00"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "53.45 53.45 0.00 0.00 0.00 0.00 0.00"),
    ("2080506", "机关事业单位职业年金缴费支出", "22.78 22.78 0.00 0.00 0.00 0.00 0.00"),
    ("214", "交通运输支出", "1531.04 1531.04 0.00 0.00 0.00 0.00 0.01"),
    ("21401", "公路水路运输", "1531.04 1531.04 0.00 0.00 0.00 0.00 0.01"),
    ("2140101", "行政运行", "609.30 609.29 0.00 0.00 0.00 0.00 0.01"),
    ("2140102", "一般行政管理事务", "905.60 905.60 0.00 0.00 0.00 0.00 0.00"),
    ("2140199", "其他公路水路运输支出", "16.15 16.15 0.00 0.00 0.00 0.00 0.00"),
    ("221", "住房保障支出", "60.87 60.87 0.00 0.00 0.00 0.00 0.00"),
    ("22102", "住房改革支出", "60.87 60.87 0.00 0.00 0.00 0.00 0.00"),
    ("2210201", "住房公积金", "60.87 60.87 0.00 0.00 0.00 0.00 0.00"),
])

# 表3 支出决算表 (pp. 10-11), 栏次 1-6
table("expenditure", ["total", "basic", "project", "remit_superior", "operating_expenditure",
                      "subsidy_affiliated"], [
    ("total", "合计", "1668.14 746.39 921.75 0.00 0.00 0.00"),
    ("208", "社会保障和就业支出", "76.23 76.23 0.00 0.00 0.00 0.00"),
    ("20805", "行政事业单位离退休", "76.23 76.23 0.00 0.00 0.00 0.00"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "53.45 53.45 0.00 0.00 0.00 0.00"),
    ("2080506", "机关事业单位职业年金缴费支出", "22.78 22.78 0.00 0.00 0.00 0.00"),
    ("214", "交通运输支出", "1531.04 609.29 921.75 0.00 0.00 0.00"),
    ("21401", "公路水路运输", "1531.04 609.29 921.75 0.00 0.00 0.00"),
    ("2140101", "行政运行", "609.29 609.29 0.00 0.00 0.00 0.00"),
    ("2140102", "一般行政管理事务", "905.60 0.00 905.60 0.00 0.00 0.00"),
    ("2140199", "其他公路水路运输支出", "16.15 0.00 16.15 0.00 0.00 0.00"),
    ("221", "住房保障支出", "60.87 60.87 0.00 0.00 0.00 0.00"),
    ("22102", "住房改革支出", "60.87 60.87 0.00 0.00 0.00 0.00"),
    ("2210201", "住房公积金", "60.87 60.87 0.00 0.00 0.00 0.00"),
])

# 表4 财政拨款收入支出决算总表 (pp. 12-14): income 金额 -> amount; expenditure 合计 /
# 一般公共预算财政拨款 / 政府性基金预算财政拨款
table("fiscal_summary", ["amount"], [
    ("income.general", "一、一般公共预算财政拨款", "1668.14"),
    ("income.gov_fund", "二、政府性基金预算财政拨款", "0.00"),
    ("income.current_total", "本年收入合计", "1668.14"),
    ("income.carryover", "年初财政拨款结转和结余", "0.00"),
    ("income.carryover.general", "一般公共预算财政拨款", "0.00"),
    ("income.carryover.gov_fund", "政府性基金预算财政拨款", "0.00"),
    ("income.grand_total", "总计", "1668.14"),
])
table("fiscal_summary", ["total", "fiscal.general", "fiscal.gov_fund"], [
    ("201", "一、一般公共服务支出", "0.00 0.00 0.00"),
    ("202", "二、外交支出", "0.00 0.00 0.00"),
    ("203", "三、国防支出", "0.00 0.00 0.00"),
    ("204", "四、公共安全支出", "0.00 0.00 0.00"),
    ("205", "五、教育支出", "0.00 0.00 0.00"),
    ("206", "六、科学技术支出", "0.00 0.00 0.00"),
    ("207", "七、文化旅游体育与传媒支出", "0.00 0.00 0.00"),
    ("208", "八、社会保障和就业支出", "76.23 76.23 0.00"),
    ("210", "九、卫生健康支出", "0.00 0.00 0.00"),
    ("211", "十、节能环保支出", "0.00 0.00 0.00"),
    ("212", "十一、城乡社区支出", "0.00 0.00 0.00"),
    ("213", "十二、农林水支出", "0.00 0.00 0.00"),
    ("214", "十三、交通运输支出", "1531.04 1531.04 0.00"),
    ("215", "十四、资源勘探信息等支出", "0.00 0.00 0.00"),
    ("216", "十五、商业服务业等支出", "0.00 0.00 0.00"),
    ("217", "十六、金融支出", "0.00 0.00 0.00"),
    ("219", "十七、援助其他地区支出", "0.00 0.00 0.00"),
    ("220", "十八、自然资源海洋气象等支出", "0.00 0.00 0.00"),
    ("221", "十九、住房保障支出", "60.87 60.87 0.00"),
    ("222", "二十、粮油物资储备支出", "0.00 0.00 0.00"),
    ("224", "二十一、灾害防治及应急管理支出", "0.00 0.00 0.00"),
    ("229", "二十二、其他支出", "0.00 0.00 0.00"),
    ("expenditure.current_total", "本年支出合计", "1668.14 1668.14 0.00"),
    ("expenditure.carry_forward", "年末财政拨款结转和结余", "0.00 0.00 0.00"),
    ("expenditure.grand_total", "总计", "1668.14 1668.14 0.00"),
])

# 表5 一般公共预算财政拨款支出决算表 (pp. 15-16), 栏次 1-3
table("general_expenditure", ["total", "basic", "project"], [
    ("total", "合计", "1668.14 746.39 921.75"),
    ("208", "社会保障和就业支出", "76.23 76.23 0.00"),
    ("20805", "行政事业单位离退休", "76.23 76.23 0.00"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "53.45 53.45 0.00"),
    ("2080506", "机关事业单位职业年金缴费支出", "22.78 22.78 0.00"),
    ("214", "交通运输支出", "1531.04 609.29 921.75"),
    ("21401", "公路水路运输", "1531.04 609.29 921.75"),
    ("2140101", "行政运行", "609.29 609.29 0.00"),
    ("2140102", "一般行政管理事务", "905.60 0.00 905.60"),
    ("2140199", "其他公路水路运输支出", "16.15 0.00 16.15"),
    ("221", "住房保障支出", "60.87 60.87 0.00"),
    ("22102", "住房改革支出", "60.87 60.87 0.00"),
    ("2210201", "住房公积金", "60.87 60.87 0.00"),
])

# 表6 一般公共预算财政拨款基本支出决算表 (pp. 17-20): two code/金额 pairs side by side
# (人员经费 left, 公用经费 right); one amount per code -> total; the closing line
# 人员经费合计 / 公用经费合计 -> row total, basic.personnel / basic.public
PERSONNEL = """
301 工资福利支出 649.20|30101 基本工资 301.79|30102 津贴补贴 63.04|30103 奖金 92.38
30106 伙食补助费 12.78|30107 绩效工资 0.00|30108 机关事业单位基本养老保险缴费 47.01
30109 职业年金缴费 22.78|30110 职工基本医疗保险缴费 5.64|30111 公务员医疗补助缴费 0.00
30112 其他社会保障缴费 0.80|30113 住房公积金 60.87|30114 医疗费 0.00|30199 其他工资福利支出 42.10
303 对个人和家庭的补助 0.00|30301 离休费 0.00|30302 退休费 0.00|30303 退职（役）费 0.00
30304 抚恤金 0.00|30305 生活补助 0.00|30306 救济费 0.00|30307 医疗费补助 0.00|30308 助学金 0.00
30309 奖励金 0.00|30310 个人农业生产补贴 0.00|30399 其他对个人和家庭的补助 0.00
"""
PUBLIC = """
302 商品和服务支出 94.65|30201 办公费 13.80|30202 印刷费 2.64|30203 咨询费 2.00|30204 手续费 0.04
30205 水费 0.46|30206 电费 11.22|30207 邮电费 1.74|30208 取暖费 0.00|30209 物业管理费 0.27
30211 差旅费 23.94|30212 因公出国（境）费用 0.00|30213 维修（护）费 7.14|30214 租赁费 0.00
30215 会议费 0.00|30216 培训费 0.94|30217 公务接待费 0.16|30218 专用材料费 0.00
30224 被装购置费 0.00|30225 专用燃料费 0.00|30226 劳务费 0.78|30227 委托业务费 6.80
30228 工会经费 6.18|30229 福利费 0.00|30231 公务用车运行维护费 0.00|30239 其他交通费用 16.19
30240 税金及附加费用 0.00|30299 其他商品和服务支出 0.36|307 债务利息及费用支出 0.00
30701 国内债务付息 0.00|30702 国外债务付息 0.00|310 资本性支出 2.54|31001 房屋建筑物购建 0.00
31002 办公设备购置 2.54|31003 专用设备购置 0.00|31005 基础设施建设 0.00|31006 大型修缮 0.00
31007 信息网络及软件购置更新 0.00|31008 物资储备 0.00|31009 土地补偿 0.00|31010 安置补助 0.00
31011 地上附着物和青苗补偿 0.00|31012 拆迁补偿 0.00|31013 公务用车购置 0.00
31019 其他交通工具购置 0.00|31021 文物和陈列品购置 0.00|31022 无形资产购置 0.00
31099 其他资本性支出 0.00|399 其他支出 0.00|39906 赠与 0.00|39907 国家赔偿费用支出 0.00
39908 对民间非营利组织和群众性自治组织补贴 0.00|39999 其他支出 0.00
"""
for block in (PERSONNEL, PUBLIC):
    for item in block.replace("\n", "|").split("|"):
        if item.strip():
            code, name, value = item.split()
            ROWS.append(("general_basic", code, name, {"total": value}))
ROWS.append(("general_basic", "total", "合计",
             {"basic.personnel": "649.20", "basic.public": "97.19"}))

# 表7 一般公共预算财政拨款“三公”经费支出决算表 (p. 21): 12 numbered columns, 预算数 (1-6)
# and 决算数 (7-12) groups, one numeric row; each item column is a row
THREE = [("total", "合计"), ("overseas", "因公出国（境）费"), ("vehicles", "公务用车购置及运行费"),
         ("vehicles.purchase", "公务用车购置费"), ("vehicles.operation", "公务用车运行费"),
         ("reception", "公务接待费")]
LINE = "0.00 0.00 0.00 0.00 0.00 0.00 0.16 0.00 0.00 0.00 0.00 0.16".split()  # noqa: SIM905
for i, (code, name) in enumerate(THREE):
    ROWS.append(("three_public", code, name, {"budget_initial": LINE[i], "final": LINE[6 + i]}))

# 表8 政府性基金预算财政拨款收入支出决算表 (pp. 22-23), 栏次 1-6: every printed value 0.00
FUND_ROWS = [
    ("total", "合计"), ("208", "社会保障和就业支出"), ("20822", "大中型水库移民后期扶持基金支出"),
    ("2082299", "其他大中型水库移民后期扶持基金支出"), ("212", "城乡社区支出"),
    ("21208", "国有土地使用权出让收入及对应专项债务收入安排的支出"),
    ("2120801", "征地和拆迁补偿支出"), ("21211", "农业土地开发资金安排的支出"),
    ("2121100", "农业土地开发资金安排的支出"), ("229", "其他支出"),
    ("22908", "彩票发行销售机构业务费安排的支出"), ("2290805", "体育彩票销售机构的业务费支出"),
    ("2290808", "彩票市场调控资金支出"), ("22960", "彩票公益金安排的支出"),
    ("2296003", "用于体育事业的彩票公益金支出"),
]
table("gov_fund_expenditure", ["carryover", "current", "total", "basic", "project", "carry_forward"],
      [(code, name, "0.00 0.00 0.00 0.00 0.00 0.00") for code, name in FUND_ROWS])
# fmt: on


def amount(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def value(table_key: str, code: str, column: str, name: str | None = None) -> Decimal:
    for t, c, n, values in ROWS:
        if t == table_key and c == code and (name is None or n == name) and column in values:
            return amount(values[column])
    raise KeyError((table_key, code, column))


def check() -> list[str]:
    """The document's own identities; returns the ones that fail."""
    failed: list[str] = []

    def same(label: str, a: Decimal, b: Decimal) -> None:
        if a != b:
            failed.append(f"{label}: {a} != {b}")

    s = lambda code: value("summary", code, "amount")  # noqa: E731
    income = ["income.general", "income.gov_fund", "income.superior", "income.business",
              "income.operating", "income.affiliated", "income.other"]  # fmt: skip
    same("表1 本年收入合计", s("income.current_total"), sum(map(s, income), Decimal()))
    classes = [c for t, c, _, _ in ROWS if t == "summary" and c.isdigit()]
    same("表1 本年支出合计", s("expenditure.current_total"), sum(map(s, classes), Decimal()))
    same(
        "表1 收入总计",
        s("income.grand_total"),
        s("income.current_total") + s("income.non_fiscal_balance") + s("income.carryover"),
    )
    same(
        "表1 支出总计",
        s("expenditure.grand_total"),
        s("expenditure.current_total")
        + s("expenditure.balance_distribution")
        + s("expenditure.carry_forward"),
    )
    for key in ("income", "expenditure", "general_expenditure", "gov_fund_expenditure"):
        rows = [(c, v) for t, c, _, v in ROWS if t == key]
        for column in rows[0][1]:
            top = amount(rows[0][1][column])
            classes_sum = sum((amount(v[column]) for c, v in rows if len(c) == 3), Decimal())
            same(f"{key} 合计 {column}", top, classes_sum)
            for parent, pv in rows:
                if parent == "total":
                    continue
                width = {3: 5, 5: 7}.get(len(parent))
                kids = [v for c, v in rows if width and len(c) == width and c.startswith(parent)]
                if kids:
                    same(
                        f"{key} {parent} {column}",
                        amount(pv[column]),
                        sum((amount(v[column]) for v in kids), Decimal()),
                    )
        for code, v in rows:
            if key == "income":
                parts = sum((amount(v[c]) for c in v if c != "total"), Decimal())
            elif key == "gov_fund_expenditure":
                parts = amount(v["basic"]) + amount(v["project"])
            else:
                parts = sum((amount(v[c]) for c in v if c != "total"), Decimal())
            same(f"{key} {code} 行", amount(v["total"]), parts)
    # cross-table
    for code in ("208", "214", "221"):
        same(f"表1/表3 {code}", s(code), value("expenditure", code, "total"))
        same(
            f"表4/表5 {code}",
            value("fiscal_summary", code, "total"),
            value("general_expenditure", code, "total"),
        )
    gb = {c: amount(v["total"]) for t, c, _, v in ROWS if t == "general_basic" and "total" in v}
    for parent in [c for c in gb if len(c) == 3]:
        same(
            f"表6 {parent}",
            gb[parent],
            sum((v for c, v in gb.items() if len(c) == 5 and c.startswith(parent)), Decimal()),
        )
    same(
        "表6 人员经费合计",
        value("general_basic", "total", "basic.personnel"),
        gb["301"] + gb["303"],
    )
    same(
        "表6 公用经费合计",
        value("general_basic", "total", "basic.public"),
        gb["302"] + gb["307"] + gb["310"] + gb["399"],
    )
    same(
        "表6/表5 基本支出",
        value("general_basic", "total", "basic.personnel")
        + value("general_basic", "total", "basic.public"),
        value("general_expenditure", "total", "basic"),
    )
    for phase in ("budget_initial", "final"):
        t = {c: amount(v[phase]) for tk, c, _, v in ROWS if tk == "three_public"}
        same(f"表7 {phase} 合计", t["total"], t["overseas"] + t["vehicles"] + t["reception"])
        same(f"表7 {phase} 车", t["vehicles"], t["vehicles.purchase"] + t["vehicles.operation"])
    same("表7/表6 公务接待", value("three_public", "reception", "final"), gb["30217"])
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
    if "--write" in sys.argv:
        print(write(), sum(len(v) for *_, v in ROWS), "facts")
