"""Hebei 部门预算…表 layout ("fengrun"): tables first, prose after.

Every row starts with its 序号 and every header ends with a 栏次 line; function codes are
printed whole but 7-digit codes are split over two lines in narrow code columns
(`208010` / `9`), names wrap in narrow name columns, amounts carry no thousands
separators. Continuation pages repeat "NNN 单位名 预算年度：YYYY 单位：万元" and the
序号/栏次 header without the title, sometimes after a lone page number.
"""

from __future__ import annotations

import random

from cnbudget.synthetic import catalog
from cnbudget.synthetic.model import (
    CARRY_GENERAL,
    CARRY_GOV_FUND,
    GENERAL,
    GOV_FUND,
    Budget,
    Line,
    Sums,
    by_function,
    sum_lines,
)
from cnbudget.synthetic.tables import Entry, FactTable, Value, chunk_rows, money, nz, wrap


def _lines(*rows: str) -> str:
    return "\n".join(rows)


FUNCTION_HEADER = _lines(
    "",
    "序号",
    "功能分类科目",
    "",
    "合计 基本支出 项目支出",
    "科目编码 科目名称",
    "",
    "栏次 1 2 3 4 5",
)

TABLES: tuple[tuple[str, str, str], ...] = (
    (
        "summary",
        "部门预算收支总表",
        _lines(
            "",
            "序号",
            "收入 支出",
            "",
            "项 目 预算数 项 目 预算数",
            "",
            "栏次 1 2 3 4",
        ),
    ),
    (
        "income",
        "部门预算收入总表",
        _lines(
            "",
            "序号",
            "功能分类科目",
            "",
            "合计",
            "本年收入",
            "",
            "上年结转科目",
            "编码",
            "",
            "科目名称 小计",
            "财政拨款",
            "",
            "收入",
            "财政专户",
            "",
            "收入",
            "事业收入 经营收入",
            "",
            "上级补助",
            "收入",
            "",
            "附属单位",
            "上缴收入",
            "",
            "其他收入",
            "",
            "栏次 1 2 3 4 5 6 7 8 9 10 11 12",
        ),
    ),
    (
        "expenditure",
        "部门预算支出总表",
        _lines(
            "",
            "序号",
            "功能分类科目",
            "",
            "合计 基本支出 项目支出 经营支出",
            "上解上级",
            "",
            "支出",
            "对附属单位",
            "补助支出科目",
            "",
            "编码",
            "科目名称",
            "",
            "栏次 1 2 3 4 5 6 7 8",
        ),
    ),
    (
        "fiscal_summary",
        "部门预算财政拨款收支总表",
        _lines(
            "",
            "序号",
            "",
            "收入 支出",
            "",
            "项 目 金额 项 目 合计",
            "一般公共预",
            "算财政拨款",
            "",
            "政府性基金",
            "预算财政",
            "",
            "拨款",
            "",
            "国有资本经",
            "营预算财政",
            "",
            "拨款",
            "",
            "栏次 1 2 3 4 5 6 7",
        ),
    ),
    ("general_expenditure", "部门预算一般公共预算财政拨款支出表", FUNCTION_HEADER),
    (
        "general_basic",
        "部门预算一般公共预算财政拨款基本支出表",
        _lines(
            "",
            "序号",
            "支出部门经济分类科目 一般公共预算基本支出",
            "",
            "科目编码 科目名称 合计 人员经费 公用经费",
            "",
            "栏次 1 2 3 4 5",
        ),
    ),
    ("gov_fund_expenditure", "部门预算政府性基金预算财政拨款支出表", FUNCTION_HEADER),
    ("soe_expenditure", "部门预算国有资本经营预算财政拨款支出表", FUNCTION_HEADER),
    (
        "three_public",
        "部门预算财政拨款“三公”经费支出表",
        _lines(
            "",
            "序号 项 目",
            "资 金 性 质",
            "",
            "合计",
            "一般公共预算",
            "",
            "财政拨款",
            "政府性基金",
            "预算拨款",
            "",
            "国有资本经营",
            "预算财政拨款",
            "",
            "栏次 1 2 3 4 5",
        ),
    ),
)

CLASSES: tuple[tuple[str, str], ...] = (
    ("201", "一、一般公共服务支出"),
    ("202", "二、外交支出"),
    ("203", "三、国防支出"),
    ("204", "四、公共安全支出"),
    ("205", "五、教育支出"),
    ("206", "六、科学技术支出"),
    ("207", "七、文化旅游体育与传媒支出"),
    ("208", "八、社会保障和就业支出"),
    ("209", "九、社会保险基金支出"),
    ("210", "十、卫生健康支出"),
    ("211", "十一、节能环保支出"),
    ("212", "十二、城乡社区支出"),
    ("213", "十三、农林水支出"),
    ("214", "十四、交通运输支出"),
    ("215", "十五、资源勘探工业信息等支出"),
    ("216", "十六、商业服务业等支出"),
    ("217", "十七、金融支出"),
    ("219", "十八、援助其他地区支出"),
    ("220", "十九、自然资源海洋气象等支出"),
    ("221", "二十、住房保障支出"),
    ("222", "二十一、粮油物资储备支出"),
    ("223", "二十二、国有资本经营预算支出"),
    ("224", "二十三、灾害防治及应急管理支出"),
    ("227", "二十四、预备费"),
    ("229", "二十五、其他支出"),
    ("230", "二十六、转移性支出"),
    ("231", "二十七、债务还本支出"),
    ("232", "二十八、债务付息支出"),
    ("233", "二十九、债务发行费用支出"),
    ("234", "三十、抗疫特别国债安排的支出"),
    ("other:人行科目", "三十一、人行科目"),
)

INCOME_COLUMNS = (
    "total",
    "current",
    "fiscal",
    "special_account",
    "business",
    "operating",
    "superior",
    "affiliated",
    "other",
    "carryover",
)
EXPENDITURE_COLUMNS = (
    "total",
    "basic",
    "project",
    "operating_expenditure",
    "remit_superior",
    "subsidy_affiliated",
)
FUNCTION_COLUMNS = ("total", "basic", "project")
GENERAL_BASIC_COLUMNS = ("total", "basic.personnel", "basic.public")
FISCAL_RIGHT = ("total", "fiscal.general", "fiscal.gov_fund", "fiscal.soe")
THREE_PUBLIC_COLUMNS = ("amount", "fiscal.general", "fiscal.gov_fund", "fiscal.soe")
EMPTY_NOTES = {
    "gov_fund_expenditure": "注：无政府性基金预算财政拨款预算，空表列示。",
    "soe_expenditure": "注：无国有资本经营预算财政拨款预算，空表列示。",
}


def _numbers(values: tuple[Value, ...]) -> str:
    return " ".join(v if isinstance(v, str) else money(v, False) for v in values if v is not None)


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


class _Table:
    """A printed table: entries (facts) and row blocks without their 序号."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.entries: list[Entry] = []
        self.rows: list[tuple[str, str]] = []  # (text after the 序号, separator after it)
        self.note: str | None = None

    def add(self, entry: Entry | None, text: str, separator: str = " ") -> None:
        if entry is not None:
            self.entries.append(entry)
        self.rows.append((text, separator))


Side = tuple[str, str, tuple[str, ...], tuple[Value, ...]]


def _two_sided(key: str, pairs: list[tuple[Side | None, Side | None]]) -> _Table:
    table = _Table(key)
    for left, right in pairs:
        parts: list[str] = []
        for side in (left, right):
            if side is not None:
                parts += [side[1], _numbers(side[3])]
                table.entries.append(Entry(side[0], side[1], side[2], side[3]))
        table.rows.append((_join(*parts), " "))
    return table


def _summary(sums: Sums, classes: dict[str, Sums]) -> _Table:
    a = ("amount",)
    left: list[Side] = [
        ("income.general", "一、一般公共预算拨款收入", a, (nz(sums.general),)),
        ("income.gov_fund", "二、政府性基金预算拨款收入", a, (nz(sums.gov_fund),)),
        ("income.soe", "三、国有资本经营预算拨款收入", a, (None,)),
        ("income.special_account", "四、财政专户管理资金收入", a, (None,)),
        ("income.unit_funds", "五、单位资金", a, (None,)),
    ]
    pairs: list[tuple[Side | None, Side | None]] = []
    for index, (code, name) in enumerate(CLASSES):
        value = nz(classes[code].total) if code in classes else None
        pairs.append((left[index] if index < len(left) else None, (code, name, a, (value,))))
    pairs += [
        (
            ("income.current_total", "本年收入合计", a, (nz(sums.fiscal),)),
            ("expenditure.current_total", "本年支出合计", a, (nz(sums.total),)),
        ),
        (
            ("income.carryover", "上年结转结余", a, (nz(sums.carryover),)),
            ("expenditure.carry_forward", "年终结转结余", a, (None,)),
        ),
        (
            ("income.grand_total", "收入总计", a, (nz(sums.total),)),
            ("expenditure.grand_total", "支出总计", a, (nz(sums.total),)),
        ),
    ]
    return _two_sided("summary", pairs)


def _fiscal_summary(sums: Sums, classes: dict[str, Sums]) -> _Table:
    a = ("amount",)

    def right(s: Sums | None) -> tuple[Value, ...]:
        if s is None:
            return (None, None, None, None)
        return (nz(s.total), nz(s.general_all), nz(s.gov_fund_all), None)

    left: list[Side] = [
        ("income.general", "一、一般公共预算拨款", a, (nz(sums.general),)),
        ("income.gov_fund", "二、政府性基金预算拨款", a, (nz(sums.gov_fund),)),
        ("income.soe", "三、国有资本经营预算拨款", a, (None,)),
    ]
    pairs: list[tuple[Side | None, Side | None]] = []
    for index, (code, name) in enumerate(CLASSES):
        pairs.append(
            (
                left[index] if index < len(left) else None,
                (code, name, FISCAL_RIGHT, right(classes.get(code))),
            )
        )
    pairs += [
        (
            ("income.current_total", "本年收入合计", a, (nz(sums.fiscal),)),
            ("expenditure.current_total", "本年支出合计", FISCAL_RIGHT, right(sums)),
        ),
        (
            ("income.carryover", "年初财政拨款结转和结余", a, (nz(sums.carryover),)),
            ("expenditure.carry_forward", "年末财政拨款结转和结余", FISCAL_RIGHT, right(None)),
        ),
        (("income.carryover.general", "一、一般公共预算拨款", a, (nz(sums.carry_general),)), None),
        (
            ("income.carryover.gov_fund", "二、政府性基金预算拨款", a, (nz(sums.carry_gov_fund),)),
            None,
        ),
        (("income.carryover.soe", "三、国有资本经营预算拨款", a, (None,)), None),
        (
            ("income.grand_total", "收入总计", a, (nz(sums.total),)),
            ("expenditure.grand_total", "支出总计", FISCAL_RIGHT, right(sums)),
        ),
    ]
    return _two_sided("fiscal_summary", pairs)


def _function_table(
    key: str,
    columns: tuple[str, ...],
    lines: list[Line],
    split_at: int,
    name_width: int,
    functions: dict[str, Sums] | None = None,
) -> _Table:
    """A table by function code; split_at > 0 splits 7-digit codes over two lines."""
    table = _Table(key)

    def values(sums: Sums) -> tuple[Value, ...]:
        getters = {
            "total": sums.total,
            "current": sums.fiscal,
            "fiscal": sums.fiscal,
            "carryover": sums.carryover,
            "basic": sums.basic,
            "project": sums.project,
        }
        return tuple(nz(getters[c]) if c in getters else None for c in columns)

    total = values(sum_lines(lines))
    table.add(Entry("total", "合计", columns, total), f"合计 {_numbers(total)}")
    for code, sums in (by_function(lines) if functions is None else functions).items():
        row = values(sums)
        name = catalog.FUNCTIONS[code]
        numbers = _numbers(row)
        entry = Entry(code, name, columns, row)
        wrapped = 0 < name_width < len(name)
        body = (
            "\n".join(wrap(name, name_width)) + "\n\n" + numbers if wrapped else f"{name} {numbers}"
        )
        if split_at and len(code) == 7:
            table.add(entry, f"{code[:split_at]}\n{code[split_at:]}\n\n{body}", "\n")
        elif wrapped:
            table.add(entry, f"{code}\n{body}")
        else:
            table.add(entry, f"{code} {body}")
    return table


def _general_basic(budget: Budget) -> _Table:
    table = _Table("general_basic")
    columns = GENERAL_BASIC_COLUMNS
    lines = budget.basic_lines()

    def values(sums: Sums) -> tuple[Value, ...]:
        return (nz(sums.total), nz(sums.personnel), nz(sums.public))

    total = values(sum_lines(lines))
    table.add(Entry("total", "合计", columns, total), f"合计 {_numbers(total)}")
    by_code: dict[str, Sums] = {}
    for line in lines:
        for key in (line.economic[:3], line.economic):
            by_code.setdefault(key, Sums()).add(line)
    for code in sorted(by_code):
        name = catalog.ECONOMIC_CLASSES[code][0] if len(code) == 3 else catalog.ECONOMICS[code].name
        row = values(by_code[code])
        table.add(Entry(code, name, columns, row), f"{code} {name} {_numbers(row)}")
    return table


def _three_public(budget: Budget, width: int) -> _Table:
    table = _Table("three_public")
    current = budget.three_public()
    meetings = budget.economic_amount(catalog.MEETINGS)
    training = budget.economic_amount(catalog.TRAINING)
    rows: tuple[tuple[str, str, int | None], ...] = (
        ("grand_total", "合计", current["total"] + meetings + training),
        ("total", "“三公”经费小计", current["total"]),
        ("overseas", "一、因公出国（境）费", current["overseas"]),
        ("overseas.research", "其中：教学科研人员因公出国（境）费", None),
        ("overseas.other", "其他因公出国（境）费", current["overseas"]),
        ("vehicles", "二、公务用车购置及运维费", current["vehicles"]),
        ("vehicles.purchase", "其中：公务用车购置费", current["vehicles.purchase"]),
        ("vehicles.operation", "公务用车运行维护费", current["vehicles.operation"]),
        ("reception", "三、公务接待费", current["reception"]),
        ("meetings", "四、会议费", meetings),
        ("meetings.university", "其中：省属高校业务性会议费", None),
        ("meetings.other", "其他会议费", meetings),
        ("training", "五、培训费", training),
    )
    for key, name, amount in rows:
        value = nz(amount) if amount is not None else None
        row: tuple[Value, ...] = (value, value, None, None)
        entry = Entry(key, name, THREE_PUBLIC_COLUMNS, row)
        numbers = _numbers(row)
        if len(name) > width:
            text = "\n\n".join(wrap(name, width))
            table.add(entry, _join(text, numbers), "\n")
        else:
            table.add(entry, _join(name, numbers))
    return table


def _prose(budget: Budget) -> str:
    dept = budget.department
    year = budget.year
    short = budget.domain.short
    lines = [
        f"第一部分 {dept} {year} 年部门预算信息公开情况说明",
        f" {dept} {year} 年部门预算信息公开情况说明",
        "按照《中华人民共和国预算法》、《地方预决算公开操作规程》和《关于进一步推进预算公开工作的实施意见》规",
        "",
        f"定，现将{dept} {year}年部门预算公开如下：",
        "一、部门职责及机构设置情况",
        "",
        "部门职责：",
        "",
        f"贯彻落实党中央和省委、市委、区委关于{short}工作的方针政策和决策部署，拟订全区{short}领域的政策、规划和标",
        "",
        "准并组织实施。完成区委、区政府交办的其他任务。",
        "二、部门预算安排的总体情况",
        "",
        "按照预算管理有关规定，目前部门预算的编制实行综合预算管理，即全部收入和支出都反映在预算中。",
    ]
    return "\n".join(lines) + "\n"


def render(budget: Budget, rng: random.Random) -> tuple[str, list[FactTable]]:
    """Text and printed tables of the Hebei layout."""
    sums = sum_lines(budget.lines)
    functions = by_function(budget.lines)
    classes = {code: s for code, s in functions.items() if len(code) == 3}
    general_lines = [line for line in budget.lines if line.source in (GENERAL, CARRY_GENERAL)]
    fund_lines = [line for line in budget.lines if line.source in (GOV_FUND, CARRY_GOV_FUND)]

    def split(*choices: int) -> int:
        return rng.choice(choices)

    tables: list[_Table] = [
        _summary(sums, classes),
        _function_table(
            "income",
            INCOME_COLUMNS,
            budget.lines,
            split(6, 6, 6, 5, 0),
            rng.randint(5, 7),
            functions,
        ),
        _function_table(
            "expenditure", EXPENDITURE_COLUMNS, budget.lines, split(6, 6, 5, 0), 0, functions
        ),
        _fiscal_summary(sums, classes),
        _function_table(
            "general_expenditure", FUNCTION_COLUMNS, general_lines, split(0, 0, 0, 6), 0
        ),
        _general_basic(budget),
    ]
    if fund_lines:
        tables.append(_function_table("gov_fund_expenditure", FUNCTION_COLUMNS, fund_lines, 0, 0))
    else:
        empty = _Table("gov_fund_expenditure")
        empty.note = EMPTY_NOTES["gov_fund_expenditure"]
        tables.append(empty)
    soe = _Table("soe_expenditure")
    soe.note = EMPTY_NOTES["soe_expenditure"]
    tables.append(soe)
    tables.append(_three_public(budget, rng.randint(11, 14)))

    unit_line = f"{budget.dept_code} {budget.department} 预算年度：{budget.year} 单位：万元"
    page = rng.randint(1, 5)
    texts: list[str] = []
    for (key, title, header), table in zip(TABLES, tables, strict=True):
        assert table.key == key
        blocks = [
            f"{seq}{separator}{text}" for seq, (text, separator) in enumerate(table.rows, start=1)
        ]
        sizes = [block.count("\n") // 2 + 1 for block in blocks]
        pages = chunk_rows(sizes, rng.randint(8, 30), rng.randint(12, 34))
        parts: list[str] = []
        for index, rows in enumerate(pages):
            body = [blocks[i] for i in rows]
            if index == 0:
                parts.append("\n\n".join([f" {title}\n{unit_line}\n{header}", *body]))
            elif rng.random() < 0.4:
                parts.append(f"\n\n\n\n{page}\n\n" + "\n\n".join([f"{unit_line}\n{header}", *body]))
            else:
                parts.append("\n " + "\n\n".join([f"{unit_line}\n{header}", *body]))
            page += 1
        if table.note is not None:
            parts.append("\n\n" + table.note)
        texts.append("".join(parts))
    text = "\n".join(texts) + "\n\n" + _prose(budget)
    facts = [FactTable(table.key, table.entries) for table in tables]
    return text, facts
