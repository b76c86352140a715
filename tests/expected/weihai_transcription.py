"""Independent transcription of the Weihai sample: explicit cell positions per table,
column lists written by hand from the printed headers (no cnbudget code used)."""

import csv
import hashlib
import re
import sys

path = str(
    __import__("pathlib").Path(__file__).parent.parent
    / "corpus"
    / "shandong-weihai-huancui-medical-insurance-2025.txt"
)
raw = __import__("pathlib").Path(path).read_bytes()
doc = hashlib.sha256(raw).hexdigest()[:16]
lines = raw.decode("utf-8").split("\n")
AMT = re.compile(r"^-?[\d,]+\.\d+$")


def v(s):
    return s.strip().replace(",", "")


def name(s):
    return re.sub(r"[\s\u3000]", "", s)


out = []


def fact(t, code, nm, col, val):
    out.append((doc, t, code, nm, col, val))


def section(title, start=0):
    i = next(i for i in range(start, len(lines)) if lines[i].strip() == title and i > 60)
    j = i + 1
    while j < len(lines) and not (
        lines[j].strip().endswith("表")
        and "\t" not in lines[j]
        and j > i + 3
        and lines[j].strip() != title  # a repeated title continues the table
    ):
        j += 1
    return i, list(lines[i + 1 : j])


# summary: [L name, L amt, R name, R amt]
INC = {
    "一、财政拨款收入": "income.fiscal",
    "一般公共预算收入": "income.general",
    "本年收入合计": "income.current_total",
    "收入总计": "income.grand_total",
}
EXP = {
    "七、社会保障和就业支出": "208",
    "八、卫生健康支出": "210",
    "十七、住房保障支出": "221",
    "本年支出合计": "expenditure.current_total",
    "支出总计": "expenditure.grand_total",
}
_, body = section("收支总体情况表")
for line in body:
    c = line.split("\t")
    if len(c) >= 2 and AMT.match(c[1].strip()):
        fact("summary", INC[name(c[0])], name(c[0]), "amount", v(c[1]))
    if len(c) >= 4 and AMT.match(c[3].strip()):
        fact("summary", EXP[name(c[2])], name(c[2]), "amount", v(c[3]))


def coded(table, title, cols, first_amount=4, fix=None, start=0):
    _, body = section(title, start)
    klass = kuan = None
    for line in body:
        c = line.split("\t")
        if not any(AMT.match(x.strip()) for x in c):
            continue
        codes = [x.strip() for x in c[:3]]
        nm = name(c[3])
        if codes[0]:
            code = klass = codes[0]
            kuan = None
        elif codes[1]:
            code = kuan = klass + codes[1]
        elif codes[2]:
            code = (fix or {}).get((nm, codes[2], kuan))
            if code is None:
                code = kuan + codes[2]
            elif len(code) == 5:
                kuan = code
        else:
            code = "total"
        for j, key in enumerate(cols):
            x = c[first_amount + j].strip() if first_amount + j < len(c) else ""
            if AMT.match(x):
                fact(table, code, nm, key, v(x))


# income: the 款 printed in the 项 column (arithmetic, see docs/facts.md)
fix = {
    ("其他社会保障和就业支出", "99", "20805"): "20899",
    ("财政对基本医疗保险基金的补助", "12", "21011"): "21012",
    ("医疗救助", "13", "21012"): "21013",
    ("医疗保障管理事务", "15", "21013"): "21015",
}
coded(
    "income",
    "收入总体情况表",
    [
        "total",
        "fiscal",
        "fiscal.general",
        "fiscal.gov_fund",
        "fiscal.soe",
        "special_account",
        "business",
        "operating",
        "other",
        "superior",
        "affiliated",
        "non_fiscal_balance",
        "carryover",
    ],
    fix=fix,
)
coded("expenditure", "支出总体情况表", ["total", "basic", "project", "carry_forward"])
coded(
    "general_expenditure",
    "一般公共预算支出情况表",
    ["total", "basic", "basic.personnel", "basic.public", "project"],
)
coded(
    "procurement",
    "政府采购预算表",
    [
        "total",
        "fiscal",
        "fiscal.general",
        "fiscal.gov_fund",
        "special_account",
        "unit_funds",
        "non_fiscal_balance",
        "carryover",
    ],
)
# fiscal summary: L name/amt, R name, R total/general/gov/soe at 3..6
_, body = section("财政拨款收支总体情况表")
for line in body:
    c = line.split("\t")
    if len(c) >= 2 and AMT.match(c[1].strip()):
        k = {
            "一、一般公共预算收入": "income.general",
            "本年收入合计": "income.current_total",
            "收入总计": "income.grand_total",
        }[name(c[0])]
        fact("fiscal_summary", k, name(c[0]), "amount", v(c[1]))
    if len(c) >= 4:
        k = EXP.get(name(c[2]))
        for j, key in enumerate(["total", "fiscal.general", "fiscal.gov_fund", "fiscal.soe"]):
            x = c[3 + j].strip() if 3 + j < len(c) else ""
            if AMT.match(x):
                fact("fiscal_summary", k, name(c[2]), key, v(x))


def economic(table, title, cols):
    _, body = section(title)
    for line in body:
        c = line.split("\t")
        if not any(AMT.match(x.strip()) for x in c):
            continue
        dept = c[0].strip() + c[1].strip()
        gov = c[3].strip() + c[4].strip()
        code = "total" if not dept else (f"{dept}/{gov}" if gov else dept)
        nm = name(c[2]) if not gov else f"{name(c[2])}/{name(c[5])}"
        if code == "total":
            nm = name(c[2]) or "合计"
        for j, key in enumerate(cols):
            x = c[6 + j].strip() if 6 + j < len(c) else ""
            if AMT.match(x):
                fact(table, code, nm, key, v(x))


economic(
    "general_basic", "一般公共预算基本支出情况表", ["total", "basic.personnel", "basic.public"]
)
economic(
    "basic",
    "基本支出预算情况表",
    [
        "total",
        "fiscal",
        "fiscal.general",
        "fiscal.gov_fund",
        "fiscal.soe",
        "special_account",
        "unit_funds",
        "non_fiscal_balance",
        "carryover",
    ],
)
# three public: 12 cells: 2024 (prior_year) then 2025 (amount)
_, body = section("一般公共预算“三公”经费支出情况表")
items = [
    ("total", "合计"),
    ("overseas", "因公出国(境)经费"),
    ("vehicles", "公务用车购置及运行维护费"),
    ("vehicles.purchase", "公务用车购置经费"),
    ("vehicles.operation", "公务用车运行维护费"),
    ("reception", "公务接待费"),
]
for line in body:
    c = line.split("\t")
    if any(AMT.match(x.strip()) for x in c):
        for j, x in enumerate(c[:12]):
            if AMT.match(x.strip()):
                code, nm = items[j % 6]
                fact("three_public", code, nm, "prior_year" if j < 6 else "amount", v(x))
# projects: name, category, then 9 amount columns
_, body = section("项目支出预算情况表")
cols = [
    "total",
    "fiscal",
    "fiscal.general",
    "fiscal.gov_fund",
    "fiscal.soe",
    "special_account",
    "unit_funds",
    "non_fiscal_balance",
    "carryover",
]
for line in body:
    c = line.split("\t")
    if not any(AMT.match(x.strip()) for x in c):
        continue
    nm = name(c[0])
    code = f"project:{nm}" if nm else "total"
    for j, key in enumerate(cols):
        x = c[2 + j].strip() if 2 + j < len(c) else ""
        if AMT.match(x):
            fact("projects", code, nm, key, v(x))
    if nm:
        fact("projects", code, nm, "category", name(c[1]))
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["document", "table", "row_code", "row_name", "column", "value"])
w.writerows(out)
