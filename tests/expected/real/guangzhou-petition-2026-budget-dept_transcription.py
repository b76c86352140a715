"""Independent transcription of guangzhou-petition-2026-budget-dept.pdf (table facts).

Made by reading the rendered pages; this script only saves typing: it reads the
numbers of each table row from poppler's `pdftotext -layout` output (not the
parser's reader), places them in the columns written below from the printed
headers (every cell of this document prints a number, `0.00` when empty, so a
row must print exactly as many numbers as its table has columns), keys the row
by the label written below, and checks the tables' own arithmetic. It shares
no code with cnbudget. Run: python <this file> > guangzhou-petition-2026-budget-dept.facts.csv
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

PDF = Path(__file__).parents[2] / "corpus" / "real" / "guangzhou-petition-2026-budget-dept.pdf"
NUM = re.compile(r"(?<![\d.])-?\d{1,3}(?:,\d{3})*\.\d{2}(?![\d])")


def _words(text: str) -> list[str]:
    """Column keys written as words, several to a line."""
    return text.split()


SUMMARY_INCOME = {
    "一、预算拨款": "income.fiscal",
    "二、财政专户拨款": "income.special_account",
    "三、事业收入": "income.business",
    "四、事业单位经营收入": "income.operating",
    "五、其他收入": "income.other",
    "六、上级补助收入": "income.superior",
    "七、附属单位上缴收入": "income.affiliated",
    "本年收入合计": "income.current_total",
    "上年结转结余": "income.carryover",
    "收入总计": "income.grand_total",
}
FISCAL_INCOME = {
    "一、一般公共预算": "income.general",
    "二、政府性基金预算": "income.gov_fund",
    "三、国有资本经营预算": "income.soe",
    "本年收入合计": "income.current_total",
    "收入总计": "income.grand_total",
}
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
    "转移性支出": "230",
    "债务还本支出": "231",
    "债务付息支出": "232",
    "对附属单位补助支出": "expenditure.subsidy_affiliated",
    "上缴上级支出": "expenditure.remit_superior",
    "本年支出合计": "expenditure.current_total",
    "结转结余下年": "expenditure.carry_forward",
    "结转下年": "expenditure.carry_forward",
    "支出总计": "expenditure.grand_total",
}
INCOME_COLS = _words(
    """
total fiscal.general fiscal.gov_fund fiscal.soe
special_account.education special_account.other business operating
other superior affiliated carryover
"""
)
EXPENDITURE_COLS = _words(
    """
total basic project operating_expenditure
subsidy_affiliated remit_superior
"""
)
SCOPE_COLS = ["total", "basic", "project"]
THREE_PUBLIC_ROWS = {
    "行政经费": "operating_costs",
    "“三公”经费": "total",
    "其中：（一）因公出国（境）支出": "overseas",
    "（二）公务用车购置及运行维护支出": "vehicles",
    "1.公务用车购置费": "vehicles.purchase",
    "2.公务用车运行维护费": "vehicles.operation",
    "（三）公务接待费支出": "reception",
}
SOURCE_COLS = _words(
    """
total fiscal fiscal.general fiscal.gov_fund
fiscal.soe special_account other
"""
)
ECONOMIC_CLASSES = {
    "工资福利支出": "301",
    "商品和服务支出": "302",
    "对个人和家庭的补助": "303",
    "资本性支出": "310",
}
# Project names as printed; wrapped names are joined (page 19: 市人民来访接待厅专项 / 经费).
PROJECTS = [
    "物业管理费",
    "市人民来访接待厅专项经费",
    "机构运行辅助经费",
    "社工服务外包项目",
    "云客服服务外包项目",
    "信访工作专项经费",
    "广州市信访局2025-2026年信息化运维项目",
    "信访宣传经费",
    "广州市信访局2026-2027年信息化运维项目",
]


def page_lines(page: int) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(PDF), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line for line in out.splitlines() if line.strip()]


def numbers(line: str) -> list[str]:
    return [m.replace(",", "") for m in NUM.findall(line)]


def label(line: str) -> str:
    return re.sub(r"\s+", "", NUM.sub(" ", line))


facts: list[tuple[str, str, str, str, str]] = []


def add(table: str, code: str, name: str, columns: list[str], values: list[str]) -> None:
    assert len(columns) == len(values), (table, code, name, values)
    for column, value in zip(columns, values, strict=True):
        facts.append((table, code, name, column, value))


def two_sided(table: str, pages: list[int], income: dict[str, str]) -> None:
    """收支总表 / 财政拨款收支总表: left income (项目, 预算), right expenditure (项目, 预算)."""
    column = "amount"
    right_column = "amount" if table == "summary" else "total"
    for page in pages:
        for line in page_lines(page):
            vals = numbers(line)
            if not vals:
                continue
            # tokens alternate name / number; pair them
            tokens = [
                p.strip()
                for p in re.split(r"\s+", NUM.sub(lambda m: f" {m.group()} ", line).strip())
            ]
            pairs: list[tuple[str, str]] = []
            name = ""
            for token in tokens:
                if NUM.fullmatch(token):
                    pairs.append((name, token.replace(",", "")))
                    name = ""
                else:
                    name += token
            for name, value in pairs:
                if name in income:
                    facts.append((table, income[name], name, column, value))
                else:
                    bare = re.sub(r"^[一二三四五六七八九十]+、", "", name)
                    code = CLASSES[bare]
                    facts.append((table, code, name, right_column, value))


def coded(table: str, pages: list[int], columns: list[str], bracketed: bool) -> None:
    """Function or economic code tables: code + name, then the amount columns."""
    pending = ""
    for page in pages:
        for line in page_lines(page):
            vals = numbers(line)
            text = label(line)
            if not vals:
                # a wrapped name: the first half sits above the number line
                if pending or re.match(r"^(机关|费支出|出$)", text):
                    pending = pending + text if not text.startswith(("费", "出")) else pending
                continue
            if bracketed:
                m = re.match(r"^\[(\d+)\](.*)$", text)
            else:
                m = re.match(r"^(\d{3,7})(.*)$", text)
            if text == "合计":
                add(table, "total", "合计", columns, vals)
            elif m:
                add(table, m.group(1), pending + m.group(2), columns, vals)
            else:
                raise ValueError((table, page, line))
            pending = ""


def main() -> None:
    two_sided("summary", [5, 6], SUMMARY_INCOME)
    # 表2 收入总体情况表 (p. 7)
    for line in page_lines(7):
        vals = numbers(line)
        if vals:
            name = label(line)
            add("income", "total" if name == "合计" else f"unit:{name}", name, INCOME_COLS, vals)
    # 表3 本年支出总体情况表 (p. 8): names of 2080505 / 2080506 wrap around the number line
    wraps = {
        "2080505": "机关事业单位基本养老保险缴费支出",
        "2080506": "机关事业单位职业年金缴费支出",
    }
    for line in page_lines(8):
        vals = numbers(line)
        if not vals:
            continue
        text = label(line)
        if text == "合计":
            add("expenditure", "total", "合计", EXPENDITURE_COLS, vals)
            continue
        m = re.match(r"^(\d{3,7})(.*)$", text)
        assert m, line
        add("expenditure", m.group(1), m.group(2) or wraps[m.group(1)], EXPENDITURE_COLS, vals)
    two_sided("fiscal_summary", [9, 10], FISCAL_INCOME)
    coded("general_expenditure", [11], SCOPE_COLS, bracketed=True)
    coded("general_basic", [12, 13], ["total"], bracketed=True)
    coded("general_project", [14], ["total"], bracketed=True)
    for line in page_lines(15):
        vals = numbers(line)
        if vals:
            name = label(line)
            add(
                "three_public",
                THREE_PUBLIC_ROWS[name],
                name,
                ["amount", "fiscal.general", "fiscal.gov_fund", "fiscal.soe"],
                vals,
            )
    coded("gov_fund_expenditure", [16], SCOPE_COLS, bracketed=False)
    coded("soe_expenditure", [17], SCOPE_COLS, bracketed=False)
    for line in page_lines(18):
        vals = numbers(line)
        if vals:
            name = label(line)
            code = "total" if name == "合计" else ECONOMIC_CLASSES.get(name) or f"unit:{name}"
            add("basic", code, name, SOURCE_COLS, vals)
    projects = iter(PROJECTS)
    for page in (19, 20):
        for line in page_lines(page):
            vals = numbers(line)
            if not vals:
                continue
            name = label(line[: line.index(NUM.search(line).group())])
            if name == "合计":
                add("projects", "total", name, SOURCE_COLS, vals[:7])
            elif name == "广州市信访局":
                add("projects", f"unit:{name}", name, SOURCE_COLS, vals[:7])
            else:
                project = next(projects)
                assert name in project, (name, project)
                add("projects", f"project:{project}", project, SOURCE_COLS, vals[:7])
    assert next(projects, None) is None
    check()
    doc = hashlib.sha256(PDF.read_bytes()).hexdigest()[:16]
    sys.stdout.write("document,table,row_code,row_name,column,value\n")
    for fact in facts:
        sys.stdout.write(",".join((doc, *fact)) + "\n")


def check() -> None:
    """The document's own identities, on the transcription."""
    v: dict[tuple[str, str, str], Decimal] = {}
    for table, code, _name, column, value in facts:
        key = (table, code, column)
        assert key not in v, key
        v[key] = Decimal(value)

    def g(table: str, code: str, column: str) -> Decimal:
        return v.get((table, code, column), Decimal(0))

    def kids(table: str, parent: str) -> list[str]:
        codes = [c for t, c, _ in v if t == table and c.isdigit()]
        if parent == "total":
            return sorted({c for c in codes if len(c) == 3})
        return sorted({c for c in codes if c.startswith(parent) and len(c) == len(parent) + 2})

    problems: list[str] = []
    for table, cols in (
        ("expenditure", EXPENDITURE_COLS),
        ("general_expenditure", SCOPE_COLS),
        ("general_basic", ["total"]),
        ("general_project", ["total"]),
    ):
        for code in sorted({c for t, c, _ in v if t == table}):
            if not kids(table, code):
                continue
            for column in cols:
                total = sum((g(table, k, column) for k in kids(table, code)), Decimal(0))
                if total != g(table, code, column):
                    problems.append(
                        f"{table} {code} {column}: {g(table, code, column)} != Σ {total}"
                    )
            if "basic" in cols:
                parts = sum((g(table, code, c) for c in cols[1:]), Decimal(0))
                if parts != g(table, code, "total"):
                    problems.append(f"{table} {code}: total != Σ columns")
    # the document's own defects, seen on the rendered page (p. 8 and p. 11):
    # 行政事业单位养老支出 prints 419.35 but its three 项 add to 123.54 + 199.06 + 96.76 = 419.36
    known = {
        "expenditure 20805 total: 419.35 != Σ 419.36",
        "expenditure 20805 basic: 419.35 != Σ 419.36",
        "general_expenditure 20805 total: 419.35 != Σ 419.36",
        "general_expenditure 20805 basic: 419.35 != Σ 419.36",
    }
    assert known <= set(problems), problems
    problems = [p for p in problems if p not in known]
    s = lambda c: g("summary", c, "amount")  # noqa: E731
    income = sum(
        (
            s(k)
            for k in SUMMARY_INCOME.values()
            if k.count(".") == 1
            and k not in ("income.current_total", "income.grand_total", "income.carryover")
        ),
        Decimal(0),
    )
    assert income == s("income.current_total"), "summary income"
    spend = sum(
        (
            g("summary", c, "amount")
            for (t, c, _) in v
            if t == "summary"
            and (
                c.isdigit() or c in ("expenditure.subsidy_affiliated", "expenditure.remit_superior")
            )
        ),
        Decimal(0),
    )
    assert spend == s("expenditure.current_total"), ("summary expenditure", spend)
    assert s("income.grand_total") == s("income.current_total") + s("income.carryover")
    assert s("expenditure.grand_total") == s("expenditure.current_total") + s(
        "expenditure.carry_forward"
    )
    assert s("income.grand_total") == s("expenditure.grand_total")
    f = lambda c, col: g("fiscal_summary", c, col)  # noqa: E731
    assert f("income.general", "amount") + f("income.gov_fund", "amount") + f(
        "income.soe", "amount"
    ) == f("income.current_total", "amount")
    fspend = sum(
        (f(c, "total") for (t, c, _) in v if t == "fiscal_summary" and c.isdigit()), Decimal(0)
    )
    assert fspend == f("expenditure.current_total", "total"), fspend
    # cross-table totals
    for code in ("201", "208", "210", "221"):
        assert (
            g("summary", code, "amount")
            == g("expenditure", code, "total")
            == g("general_expenditure", code, "total")
            == g("fiscal_summary", code, "total")
        ), code
    assert (
        g("general_basic", "total", "total")
        == g("general_expenditure", "total", "basic")
        == g("basic", "total", "total")
    )
    assert (
        g("general_project", "total", "total")
        == g("general_expenditure", "total", "project")
        == g("projects", "total", "total")
    )
    assert g("income", "total", "total") == s("income.current_total") + s("income.carryover")
    for econ in ("301", "302", "303", "310"):
        assert g("basic", econ, "total") == g("general_basic", econ, "total"), econ
    for table in ("basic", "projects"):
        rows = {c for t, c, _ in v if t == table}
        for code in rows:
            assert g(table, code, "total") == g(table, code, "fiscal") + g(
                table, code, "special_account"
            ) + g(table, code, "other"), (table, code)
            assert g(table, code, "fiscal") == g(table, code, "fiscal.general") + g(
                table, code, "fiscal.gov_fund"
            ) + g(table, code, "fiscal.soe"), (table, code)
        leaves = [c for c in rows if c.startswith(("project:", "30", "31")) and c != "total"]
        assert sum((g(table, c, "total") for c in leaves), Decimal(0)) == g(
            table, "total", "total"
        ), table
    tp = lambda c: g("three_public", c, "amount")  # noqa: E731
    assert tp("total") == tp("overseas") + tp("vehicles") + tp("reception")
    assert tp("vehicles") == tp("vehicles.purchase") + tp("vehicles.operation")
    assert tp("reception") == g("general_basic", "30217", "total")
    assert tp("vehicles.operation") == g("general_basic", "30231", "total")
    if problems:
        sys.stderr.write("\n".join(problems) + "\n")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
