"""Independent transcription of shanghai-putuo-social-work-2024-final-dept.pdf (决算, 万元).

Shares no code with the parser. The coded tables are read from poppler's
`pdftotext -bbox` words: a row is anchored on its printed code (or its 合计 label),
its name is the text beside the code within the row's height (wrapped names joined),
and every amount goes to the printed header label whose centre is nearest (column
lists written from the printed headers). The two-sided summaries are typed from the
rendered pages 5, 10 and 11. The “三公”, 政府性基金 and 国有资本经营 tables (pp. 14–16)
print no number (“本年度没有…故本表无数据”). Then the tables' own arithmetic is checked.

    python tests/expected/real/social_work_2024_transcription.py > \\
        tests/expected/real/shanghai-putuo-social-work-2024-final-dept.facts.csv
"""

from __future__ import annotations

import csv
import hashlib
import html
import re
import subprocess
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

PDF = (
    Path(__file__).resolve().parents[3]
    / "tests/corpus/real/shanghai-putuo-social-work-2024-final-dept.pdf"
)
DOC = hashlib.sha256(PDF.read_bytes()).hexdigest()[:16]
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)
AMOUNT = re.compile(r"^-?\d+\.\d{2}$")
CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")

Fact = tuple[str, str, str, str, Decimal]  # table, row_code, row_name, column, value (万元)


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2


def words(page: int) -> list[Word]:
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(PDF), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [
        Word(float(a), float(b), float(c), float(d), html.unescape(t))
        for a, b, c, d, t in WORD.findall(out)
    ]


# table, pages, printed header labels → column keys (left to right)
FUNCTION_TABLES = [
    (
        "income",
        (6, 7),
        [
            ("本年收入合计", "total"),
            ("财政拨款收入", "fiscal"),
            ("上级补助收入", "superior"),
            ("事业收入", "business"),
            ("经营收入", "operating"),
            ("附属单位上缴收入", "affiliated"),
            ("其他收入", "other"),
        ],
    ),
    (
        "expenditure",
        (8, 9),
        [
            ("本年支出合计", "total"),
            ("基本支出", "basic"),
            ("项目支出", "project"),
            ("上缴上级支出", "remit_superior"),
            ("经营支出", "operating_expenditure"),
            ("对附属单位补助支出", "subsidy_affiliated"),
        ],
    ),
    (
        "general_expenditure",
        (12,),
        [("合计", "total"), ("基本支出", "basic"), ("项目支出", "project")],
    ),
]


def header_centres(
    page_words: list[Word], labels: list[tuple[str, str]]
) -> tuple[dict[str, float], float]:
    """x centre of each printed header label (the topmost word of that text), header bottom."""
    centres: dict[str, float] = {}
    bottom = 0.0
    for text, key in labels:
        found = sorted((w for w in page_words if w.text == text), key=lambda w: w.y0)
        if not found:  # a label wrapped over two lines: its first line
            found = [w for w in page_words if len(w.text) >= 4 and text.startswith(w.text)]
        assert found, f"header {text} not found"
        centres[key] = found[0].xc
        bottom = max(bottom, found[0].y1)
    return centres, bottom


def nearest(centres: dict[str, float], x: float) -> str:
    return min(centres, key=lambda k: abs(centres[k] - x))


def function_tables() -> list[Fact]:
    facts: list[Fact] = []
    for table, pages, labels in FUNCTION_TABLES:
        centres: dict[str, float] = {}
        for page in pages:
            ws = words(page)
            if not centres:
                centres, header_bottom = header_centres(ws, labels)
            else:
                header_bottom = 0.0
            first_amount_x = min(centres.values()) - 30
            anchors = [
                w
                for w in ws
                if w.y0 > header_bottom
                and w.x1 < first_amount_x
                and (CODE.match(w.text) or w.text == "合计")
            ]
            used: set[Word] = set()
            ys = sorted(a.yc for a in anchors)
            for a in anchors:
                # the row runs half-way to the rows above and below (names wrap over 3 lines)
                i = ys.index(a.yc)
                top = (ys[i - 1] + a.yc) / 2 if i else a.yc - 12
                bottom = (ys[i + 1] + a.yc) / 2 if i + 1 < len(ys) else a.yc + 12
                band = [w for w in ws if top < w.yc < bottom and w is not a]
                if a.text == "合计":
                    code, name = "total", "合计"
                else:
                    code = a.text
                    parts = sorted(
                        (w for w in band if a.x1 < w.x0 and w.x1 < first_amount_x),
                        key=lambda w: (round(w.y0), w.x0),
                    )
                    name = "".join(w.text for w in parts).replace(" ", "")
                for w in band:
                    if AMOUNT.match(w.text) and w.x0 > first_amount_x:
                        assert w not in used, w
                        used.add(w)
                        facts.append((table, code, name, nearest(centres, w.xc), Decimal(w.text)))
            stray = [
                w for w in ws if AMOUNT.match(w.text) and w not in used and w.y0 > header_bottom
            ]
            assert not stray, (table, page, stray)
    return facts


def basic_table() -> list[Fact]:
    """一般公共预算财政拨款基本支出决算表 (p. 13): two code/name/决算数 triples side by side."""
    ws = words(13)
    amounts_x = sorted(w.xc for w in ws if w.text == "决算数")
    assert len(amounts_x) == 2
    facts: list[Fact] = []
    used: set[Word] = set()
    codes = [w for w in ws if CODE.match(w.text)]
    for a in codes:
        side = 0 if a.xc < amounts_x[0] else 1
        left_edge = a.x1
        right_edge = amounts_x[side] - 25
        band = [w for w in ws if abs(w.yc - a.yc) < 12 and w is not a]
        parts = sorted(
            (
                w
                for w in band
                if left_edge < w.x0 and w.x1 < right_edge and not AMOUNT.match(w.text)
            ),
            key=lambda w: (round(w.y0), w.x0),
        )
        name = "".join(w.text for w in parts).replace(" ", "")
        values = [w for w in band if AMOUNT.match(w.text) and abs(w.xc - amounts_x[side]) < 25]
        assert len(values) == 1, (a, values)
        used.add(values[0])
        facts.append(("general_basic", a.text, name, "total", Decimal(values[0].text)))
    for label, column in (("人员经费合计", "basic.personnel"), ("公用经费合计", "basic.public")):
        w = next(w for w in ws if w.text == label)
        column_x = next(x for x in amounts_x if x > w.x1)
        value = next(
            v
            for v in ws
            if AMOUNT.match(v.text) and abs(v.yc - w.yc) < 8 and abs(v.xc - column_x) < 25
        )
        used.add(value)
        facts.append(("general_basic", "total", "合计", column, Decimal(value.text)))
    stray = [w for w in ws if AMOUNT.match(w.text) and w not in used]
    assert not stray, stray
    return facts


def typed() -> list[Fact]:
    """收入支出决算总表 (p. 5) and 财政拨款收入支出决算总表 (pp. 10–11); blank cells omitted."""
    classes = [
        ("201", "一、一般公共服务支出", "264.87"),
        ("208", "八、社会保障和就业支出", "10.82"),
        ("210", "九、卫生健康支出", "2.71"),
        ("221", "十九、住房保障支出", "29.42"),
    ]
    facts: list[Fact] = []
    for code, name, v in [
        ("income.general", "一、一般公共预算财政拨款收入", "307.82"),
        *classes,
        ("income.current_total", "本年收入合计", "307.82"),
        ("expenditure.current_total", "本年支出合计", "307.82"),
        ("income.grand_total", "总计", "307.82"),
        ("expenditure.grand_total", "总计", "307.82"),
    ]:
        facts.append(("summary", code, name, "amount", Decimal(v)))
    for code, name, v in [
        ("income.general", "一、一般公共预算财政拨款", "307.82"),
        ("income.current_total", "本年收入合计", "307.82"),
        ("income.grand_total", "总计", "307.82"),
    ]:
        facts.append(("fiscal_summary", code, name, "amount", Decimal(v)))
    for code, name, v in [
        *classes,
        ("expenditure.current_total", "本年支出合计", "307.82"),
        ("expenditure.grand_total", "总计", "307.82"),
    ]:
        for column in ("total", "fiscal.general"):
            facts.append(("fiscal_summary", code, name, column, Decimal(v)))
    return facts


DEFECTS: list[str] = []


def expect(ok: bool, what: object) -> None:
    if not ok:
        DEFECTS.append(repr(what))


def check(facts: list[Fact]) -> None:
    cell = {(t, c, col): v for t, c, _, col, v in facts}

    def get(t: str, c: str, col: str) -> Decimal:
        return cell.get((t, c, col), Decimal(0))

    for table, _pages, labels in FUNCTION_TABLES:
        cols = [k for _, k in labels]
        codes = {c for t, c, _, _, _ in facts if t == table}
        for c in codes:
            if table == "income":
                expect(
                    get(table, c, "total") == sum(get(table, c, k) for k in cols[1:]), (table, c)
                )
            else:
                expect(
                    get(table, c, "total") == sum(get(table, c, k) for k in cols[1:]), (table, c)
                )
            kids = [k for k in codes if len(k) == len(c) + 2 and k.startswith(c)]
            if kids and c != "total":
                for col in cols:
                    expect(
                        get(table, c, col) == sum(get(table, k, col) for k in kids), (table, c, col)
                    )
        for col in cols:
            tops = [c for c in codes if len(c) == 3]
            expect(get(table, "total", col) == sum(get(table, c, col) for c in tops), (table, col))
    for c in ("201", "208", "210", "221"):
        v = get("summary", c, "amount")
        expect(v == get("income", c, "total") == get("expenditure", c, "total"), c)
        expect(v == get("fiscal_summary", c, "total") == get("general_expenditure", c, "total"), c)
    basic = {c: v for t, c, _, _, v in facts if t == "general_basic" and c != "total"}
    for c, v in basic.items():
        kids = [k for k in basic if len(k) == 5 and k.startswith(c)]
        if len(c) == 3:
            expect(v == sum(basic[k] for k in kids), ("general_basic", c))
    expect(
        get("general_basic", "total", "basic.personnel") == basic["301"] + basic["303"], "人员经费"
    )
    expect(get("general_basic", "total", "basic.public") == basic["302"] + basic["310"], "公用经费")
    expect(
        get("general_basic", "total", "basic.personnel")
        + get("general_basic", "total", "basic.public")
        == get("general_expenditure", "total", "basic"),
        "基本支出",
    )


def main() -> None:
    facts = typed() + function_tables() + basic_table()
    check(facts)
    for defect in DEFECTS:
        print("identity does not hold:", defect, file=sys.stderr)
    keys = [(t, c, n, col) for t, c, n, col, _ in facts]
    assert len(set(keys)) == len(keys), "a fact twice"
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["document", "table", "row_code", "row_name", "column", "value"])
    for t, c, name, col, v in facts:
        out.writerow([DOC, t, c, name.replace("(", "（").replace(")", "）"), col, str(v)])


if __name__ == "__main__":
    main()
