"""Independent transcription of shanghai-putuo-wanli-2025-budget-dept.pdf (tables in 元).

Shares no code with the parser: the coded tables are read from poppler's
`pdftotext -layout` output of the pages named below with a column list written from
the printed header (every cell of these tables prints a number, `0` included, so a
row must carry exactly as many amounts as the header has columns); the two-sided
summaries and the “三公” table are typed from the rendered pages. The script then
checks the tables' own arithmetic and writes the facts CSV.

    python tests/expected/real/wanli_2025_transcription.py > \
        tests/expected/real/shanghai-putuo-wanli-2025-budget-dept.facts.csv
"""

from __future__ import annotations

import csv
import hashlib
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

PDF = (
    Path(__file__).resolve().parents[3]
    / "tests/corpus/real/shanghai-putuo-wanli-2025-budget-dept.pdf"
)
DOC = hashlib.sha256(PDF.read_bytes()).hexdigest()[:16]
YUAN = Decimal(10000)

# table key, first page, last page, columns from the printed header (left to right)
CODED = [
    ("income", 10, 13, ["total", "fiscal", "business", "operating", "other"]),
    ("expenditure", 14, 18, ["total", "basic", "project"]),
    ("general_expenditure", 20, 24, ["total", "basic", "project"]),
    ("general_basic", 27, 28, ["total", "basic.personnel", "basic.public"]),
]
AMOUNT = r"-?[\d,]+(?:\.\d+)?"
ROW = re.compile(rf"^\s*(\d{{3}})(?:\s+(\d{{2}}))?(?:\s+(\d{{2}}))?\s+(\S+)\s+((?:{AMOUNT}\s*)+)$")
TOTAL = re.compile(rf"^\s*合计\s+((?:{AMOUNT}\s*)+)$")

Fact = tuple[str, str, str, str, Decimal]  # table, row_code, row_name, column, value in 元


def page_lines(first: int, last: int) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-layout", "-f", str(first), "-l", str(last), str(PDF), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return out.splitlines()


def amounts(text: str) -> list[Decimal]:
    return [Decimal(a.replace(",", "")) for a in text.split()]


def coded() -> list[Fact]:
    facts: list[Fact] = []
    for table, first, last, columns in CODED:
        for line in page_lines(first, last):
            m = ROW.match(line)
            t = TOTAL.match(line)
            if m:
                code = "".join(p for p in m.group(1, 2, 3) if p)
                name, values = m.group(4), amounts(m.group(5))
            elif t:
                code, name, values = "total", "合计", amounts(t.group(1))
            else:
                assert not re.search(r"\d{1,3},\d{3}", line), f"unread line: {line!r}"
                continue
            assert len(values) == len(columns), line
            facts += [(table, code, name, c, v) for c, v in zip(columns, values, strict=True)]
    return facts


def typed() -> list[Fact]:
    """The summaries and the 三公 table, typed from pages 9, 19 and 29."""
    facts: list[Fact] = []
    summary_income = [
        ("income.fiscal", "一、财政拨款收入", "189,767,551"),
        ("income.general", "1.一般公共预算资金", "189,767,551"),
        ("income.grand_total", "收入总计", "189,767,551"),
    ]
    classes = [
        ("201", "一、一般公共服务支出", "3,296,600"),
        ("204", "二、公共安全支出", "2,878,025"),
        ("205", "三、教育支出", "250,000"),
        ("206", "四、科学技术支出", "100,000"),
        ("207", "五、文化旅游体育与传媒支出", "200,000"),
        ("208", "六、社会保障和就业支出", "16,091,895"),
        ("210", "七、卫生健康支出", "3,216,973"),
        ("212", "八、城乡社区支出", "154,369,326"),
        ("221", "九、住房保障支出", "9,364,732"),
    ]
    for code, name, v in [
        *summary_income,
        *classes,
        ("expenditure.grand_total", "支出总计", "189,767,551"),
    ]:
        facts.append(("summary", code, name, "amount", amounts(v)[0]))
    # 财政拨款收支预算总表: 合计 and 一般公共预算 printed, 政府性基金/国有资本经营 blank
    facts.append(
        (
            "fiscal_summary",
            "income.general",
            "一、一般公共预算资金",
            "amount",
            amounts("189,767,551")[0],
        )
    )
    facts.append(
        ("fiscal_summary", "income.grand_total", "收入总计", "amount", amounts("189,767,551")[0])
    )
    for code, name, v in [*classes, ("expenditure.grand_total", "支出总计", "189,767,551")]:
        for column in ("total", "fiscal.general"):
            facts.append(("fiscal_summary", code, name, column, amounts(v)[0]))
    # 三公 table, 单位:万元 (converted to 元 here so that every fact is written alike)
    three = [
        ("total", "合计", "37.91"),
        ("overseas", "因公出国(境)费", "0"),
        ("reception", "公务接待费", "1.35"),
        ("vehicles", "公务用车购置及运行费", "36.56"),
        ("vehicles.purchase", "购置费", "15"),
        ("vehicles.operation", "运行费", "21.56"),
        ("operating_costs", "机关运行经费预算数", "464.64"),
    ]
    for code, name, v in three:
        facts.append(("three_public", code, name, "amount", Decimal(v) * YUAN))
    return facts


DEFECTS: list[str] = []


def expect(ok: bool, what: object) -> None:
    """Record a failed identity (the document's own defect, to be confirmed on the page)."""
    if not ok:
        DEFECTS.append(repr(what))


def check(facts: list[Fact]) -> None:
    cell = {(t, c, col): v for t, c, _, col, v in facts}

    def get(t: str, c: str, col: str) -> Decimal:
        return cell.get((t, c, col), Decimal(0))

    for t, _, _, cols in CODED:
        codes = {c for tt, c, _, _, _ in facts if tt == t}
        for c in codes:
            # row identities
            if t == "income":
                expect(get(t, c, "total") == sum(get(t, c, k) for k in cols[1:]), (t, c))
            else:
                expect(get(t, c, "total") == get(t, c, cols[1]) + get(t, c, cols[2]), (t, c))
            # parent = sum of children
            kids = [k for k in codes if k != "total" and len(k) == len(c) + 2 and k.startswith(c)]
            if kids and c != "total":
                for col in cols:
                    expect(get(t, c, col) == sum(get(t, k, col) for k in kids), (t, c, col))
        tops = [c for c in codes if len(c) == 3]
        for col in cols:
            expect(get(t, "total", col) == sum(get(t, c, col) for c in tops), (t, col))
    # cross-table: summary classes = income = expenditure = fiscal_summary = general_expenditure
    for c in ("201", "204", "205", "206", "207", "208", "210", "212", "221"):
        v = get("summary", c, "amount")
        expect(v == get("income", c, "total") == get("expenditure", c, "total"), c)
        expect(v == get("fiscal_summary", c, "total") == get("general_expenditure", c, "total"), c)
    assert get("general_expenditure", "total", "basic") == get("general_basic", "total", "total")
    assert get("summary", "income.grand_total", "amount") == get("expenditure", "total", "total")
    three = {
        c: get("three_public", c, "amount") for c in ("total", "overseas", "reception", "vehicles")
    }
    assert three["total"] == three["overseas"] + three["reception"] + three["vehicles"]
    assert three["vehicles"] == get("three_public", "vehicles.purchase", "amount") + get(
        "three_public", "vehicles.operation", "amount"
    )


def main() -> None:
    facts = coded() + typed()
    check(facts)
    for defect in DEFECTS:
        print("identity does not hold:", defect, file=sys.stderr)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["document", "table", "row_code", "row_name", "column", "value"])
    for t, c, name, col, v in facts:
        value = v / YUAN
        text = format(value.normalize(), "f") if value else "0"
        # row names in the project's normalised form: ASCII brackets written full-width
        name = name.replace("(", "（").replace(")", "）")
        out.writerow([DOC, t, c, name, col, text])


if __name__ == "__main__":
    main()
