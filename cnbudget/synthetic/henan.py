"""Henan 预算01–11表 layout ("jiyuan"): prose first, then the tables.

Unit rows (`036`, `036001`), full function codes printed as `208 01 07` (项 rows only),
multi-level headers copied from the template, names and categories wrapped in narrow
columns, empty cells of the 收支 tables printed as no-break spaces, rounding notes under
every table, continuation pages that repeat the header without the title (sometimes
after a printed page number such as `- 24 -`).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from cnbudget.synthetic import catalog
from cnbudget.synthetic.model import (
    CARRY_GOV_FUND,
    CATEGORY_NAMES,
    GENERAL,
    GOV_FUND,
    Budget,
    Line,
    Sums,
    by_function,
    sum_lines,
)
from cnbudget.synthetic.tables import Entry, FactTable, Value, chunk_rows, money, nz, wrap

NBSP = "\u00a0"
NOTE = "注：报表金额单位转换时可能存在四舍五入尾数误差。"


def _lines(*rows: str) -> str:
    return "\n".join(rows)


def _stacked(*pieces: str) -> str:
    """Header cells printed one piece per line, separated by blank lines."""
    return "\n\n".join(pieces)


HEADERS: dict[str, str] = {
    "summary": "收入 支出\n\n项目 金额 项目 金额",
    "income": _lines(
        _stacked(
            "部门代码 部门名称 总计",
            "本年收入 上年结转结余",
            "合计",
            "一般公共预算",
            "政府性",
            "基金",
            "国有资",
            "本经营",
            "预算",
            "财政专户",
            "管理资金",
            "收入",
            "事",
            "业",
            "收",
            "入",
            "事业单",
            "位经营",
            "收入",
            "上级",
            "补助",
            "收入",
            "附属单",
            "位上缴",
            "收入",
            "其",
            "他",
            "收",
            "入",
            "合计",
            "一般",
            "公共",
            "预算",
            "政府性",
            "基金",
            "国有",
            "资本",
            "经营",
            "预算",
            "财政",
            "专户",
            "管理",
            "资金",
            "单",
            "位",
            "资",
            "金",
            "小计",
        ),
        _stacked("其中：财", "政拨款"),
    ),
    "expenditure": _lines(
        _stacked(
            "科目编码", "单位代码 单位（科目名称） 合计", "基本支出 项目支出", "类 款 项 小计"
        ),
        _stacked("人员经费", "公用经费 小计 其他运转类 特定目标类"),
        "工资福利支出 对个人和家庭的补助",
    ),
    "fiscal_summary": _lines(
        _stacked("收入 支出", "项目 金额 项目 合计"),
        _stacked("一般公共预算", "政府性基金 国有资本经营预算"),
        "小计 其中：财政拨款",
    ),
    "general_basic": _stacked(
        "部门预算支出经济分类科目 政府预算支出经济分类科目编码 本年一般公共预算基本支出",
        "科目编码 科目名称 科目编码 科目名称 合计 人员经费 公用经费",
    ),
    "economic_summary": _lines(
        _stacked("部门预算经济分类 政府预算经济分类", "总计", "一般公共预算"),
        _stacked(
            "政府性",
            "基金",
            "国有资本",
            "经营预算",
            "上年结",
            "转结余",
            "财政专户管",
            "理资金收入",
            "事业",
            "收入",
            "上级补",
            "助收入",
            "附属单位",
            "上缴收入",
            "事业单位",
            "经营收入",
            "其他",
            "收入",
        ),
        _stacked("科目编码", "科目名称"),
        _stacked("科目编码", "科目名称 小计"),
        _stacked("其中：财", "政拨款类 款 类 款"),
    ),
    "three_public": _lines(
        "“三公”经费合计 因公出国（境）费",
        _stacked("公务用车购置及运行费", "公务接待费"),
        "小计 公务用车购置费 公务用车运行费",
    ),
    "projects": _lines(
        _stacked("部门代", "码"),
        _stacked("部门（项目）名称", "项目类", "型"),
        _stacked("合计", "本年拨款 上年结转结余"),
        _stacked("财政专户", "管理资金", "单位", "资金"),
        _stacked(
            "一般公共",
            "预算",
            "政府性基",
            "金预算",
            "国有资本",
            "经营预算",
            "一般公",
            "共预算",
            "政府性基",
            "金预算",
            "国有资本",
            "经营预算",
        ),
    ),
}
HEADERS["general_expenditure"] = HEADERS["expenditure"]
HEADERS["gov_fund_expenditure"] = HEADERS["expenditure"]
HEADERS["soe_expenditure"] = HEADERS["expenditure"]

TITLES: tuple[tuple[str, str], ...] = (
    ("summary", "{year}年部门收支预算表"),
    ("income", "{year}年部门收入预算表"),
    ("expenditure", "{year}年部门支出预算表"),
    ("fiscal_summary", "{year}年财政拨款收支总体情况表"),
    ("general_expenditure", "{year}年一般公共预算支出预算表"),
    ("general_basic", "一般公共预算基本支出表"),
    ("economic_summary", "{year}年支出经济分类汇总表"),
    ("three_public", "{year}年一般公共预算“三公”经费预算表"),
    ("gov_fund_expenditure", "{year}年政府性基金预算支出预算表"),
    ("soe_expenditure", "{year}年国有资本经营预算支出预算表"),
    ("projects", "项目支出预算表"),
)

SUMMARY_CLASSES: tuple[tuple[str, str], ...] = (
    ("201", "一、一般公共服务"),
    ("202", "二、外交"),
    ("203", "三、国防"),
    ("204", "四、公共安全"),
    ("205", "五、教育"),
    ("206", "六、科学技术"),
    ("207", "七、文化旅游体育与传媒"),
    ("208", "八、社会保障和就业"),
    ("209", "九、社会保险基金支出"),
    ("210", "十、卫生健康"),
    ("211", "十一、节能环保"),
    ("212", "十二、城乡社区事务"),
    ("213", "十三、农林水事务"),
    ("214", "十四、交通运输"),
    ("215", "十五、资源勘探信息等"),
    ("216", "十六、商业服务业等"),
    ("217", "十七、金融支出"),
    ("219", "十九、援助其他地区支出"),
    ("220", "二十、自然资源海洋气象等支出"),
    ("221", "二十一、住房保障支出"),
    ("222", "二十二、粮油物资储备支出"),
    ("223", "二十三、国有资本经营预算"),
    ("224", "二十四、灾害防治及应急管理"),
    ("227", "二十七、预备费"),
    ("229", "二十九、其他支出"),
    ("230", "三十、转移性支出"),
    ("231", "三十一、债务还本支出"),
    ("232", "三十二、债务付息支出"),
    ("233", "三十三、债务发行费用支出"),
    ("234", "三十四、抗疫特别国债安排的支出"),
)

# the template lists the former 医疗卫生与计划生育 class beside 卫生健康 (always empty)
FISCAL_CLASSES: tuple[tuple[str, str], ...] = (
    ("201", "（一）一般公共服务支出"),
    ("202", "（二）外交支出"),
    ("203", "（三）国防支出"),
    ("204", "（四）公共安全支出"),
    ("205", "（五）教育支出"),
    ("206", "（六）科学技术支出"),
    ("207", "（七）文化体育旅游与传媒支出"),
    ("208", "（八）社会保障和就业支出"),
    ("", "（九）医疗卫生与计划生育支出"),
    ("210", "（十）卫生健康支出"),
    ("211", "（十一）节能环保支出"),
    ("212", "（十二）城乡社区事务支出"),
    ("213", "（十三）农林水事务支出"),
    ("214", "（十四）交通运输支出"),
    ("215", "（十五）资源勘探信息等支出"),
    ("216", "（十六）商业服务业等支出"),
    ("217", "（十七）金融支出"),
    ("219", "（十九）援助其他地区支出"),
    ("220", "（二十）自然资源海洋气象等支出"),
    ("221", "（二十一）住房保障支出"),
    ("222", "（二十二）粮油物资储备支出"),
    ("223", "（二十三）国有资本经营预算"),
    ("224", "（二十四）灾害防治及应急管理"),
    ("227", "（二十七）预备费"),
    ("229", "（二十九）其他支出"),
    ("230", "（三十）转移性支出"),
    ("231", "（三十一）债务还本支出"),
    ("232", "（三十二）债务付息支出"),
    ("233", "（三十三）债务发行费用支出"),
    ("234", "（三十四）抗疫特别国债安排的支出"),
)

INCOME_COLUMNS = (
    "total",
    "current",
    "fiscal.general",
    "fiscal.general.grant",
    "fiscal.gov_fund",
    "fiscal.soe",
    "special_account",
    "business",
    "operating",
    "superior",
    "affiliated",
    "other",
    "carryover",
    "carryover.general",
    "carryover.gov_fund",
    "carryover.soe",
    "carryover.special_account",
    "carryover.unit_funds",
)
EXPENDITURE_COLUMNS = (
    "total",
    "basic",
    "basic.personnel.wages",
    "basic.personnel.households",
    "basic.public",
    "project",
    "project.operating",
    "project.specific",
)
GENERAL_BASIC_COLUMNS = ("total", "basic.personnel", "basic.public")
ECONOMIC_COLUMNS = (
    "total",
    "fiscal.general",
    "fiscal.general.grant",
    "fiscal.gov_fund",
    "fiscal.soe",
    "carryover",
    "special_account",
    "business",
    "superior",
    "affiliated",
    "operating",
    "other",
)
FISCAL_RIGHT = ("total", "fiscal.general", "fiscal.general.grant", "fiscal.gov_fund", "fiscal.soe")
PROJECT_COLUMNS = (
    "unit",
    "category",
    "total",
    "fiscal.general",
    "fiscal.gov_fund",
    "fiscal.soe",
    "carryover.general",
    "carryover.gov_fund",
    "carryover.soe",
    "special_account",
    "unit_funds",
)
THREE_PUBLIC_NAMES = (
    ("total", "“三公”经费合计"),
    ("overseas", "因公出国（境）费"),
    ("vehicles", "公务用车购置及运行费"),
    ("vehicles.purchase", "公务用车购置费"),
    ("vehicles.operation", "公务用车运行费"),
    ("reception", "公务接待费"),
)

_GETTERS: dict[str, Callable[[Sums], int]] = {
    "total": lambda s: s.total,
    "current": lambda s: s.fiscal,
    "fiscal.general": lambda s: s.general,
    "fiscal.general.grant": lambda s: s.grant,
    "fiscal.gov_fund": lambda s: s.gov_fund,
    "carryover": lambda s: s.carryover,
    "carryover.general": lambda s: s.carry_general,
    "carryover.gov_fund": lambda s: s.carry_gov_fund,
    "basic": lambda s: s.basic,
    "basic.personnel": lambda s: s.personnel,
    "basic.personnel.wages": lambda s: s.wages,
    "basic.personnel.households": lambda s: s.households,
    "basic.public": lambda s: s.public,
    "project": lambda s: s.project,
    "project.operating": lambda s: s.operating,
    "project.specific": lambda s: s.specific,
}


def _values(columns: tuple[str, ...], sums: Sums) -> tuple[Value, ...]:
    return tuple(nz(_GETTERS[c](sums)) if c in _GETTERS else None for c in columns)


def _numbers(values: tuple[Value, ...]) -> str:
    return " ".join(v if isinstance(v, str) else money(v, True) for v in values if v is not None)


class _Table:
    """A printed table: entries (facts), row blocks, closing notes."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.entries: list[Entry] = []
        self.blocks: list[str] = []
        self.notes: list[str] = [NOTE]

    def add(self, entry: Entry | None, block: str) -> None:
        if entry is not None:
            self.entries.append(entry)
        self.blocks.append(block)


# --- tables -------------------------------------------------------------------------------

Side = tuple[str, str, tuple[str, ...], tuple[Value, ...]]


def _side_text(side: Side) -> str:
    numbers = _numbers(side[3])
    return f"{side[1]} {numbers or NBSP}"


def _two_sided(key: str, pairs: list[tuple[Side | None, Side | None]]) -> _Table:
    table = _Table(key)
    for left, right in pairs:
        texts = [_side_text(side) for side in (left, right) if side is not None]
        entries = [Entry(s[0], s[1], s[2], s[3]) for s in (left, right) if s is not None and s[0]]
        table.blocks.append(" ".join(texts))
        table.entries.extend(entries)
    return table


def _summary(budget: Budget, sums: Sums, classes: dict[str, Sums]) -> _Table:
    a = ("amount",)
    left: list[Side] = [
        ("income.general", "一、一般公共预算", a, (nz(sums.general),)),
        ("income.general.grant", "其中：财政拨款", a, (nz(sums.grant),)),
        ("income.general.special", "\u3000\u3000\u3000 专项收入", a, (None,)),
        ("income.general.other_funds", "\u3000\u3000\u3000 其他一般公共预算资金", a, (None,)),
        (
            "income.general.advance",
            "\u3000\u3000\u3000 上级提前下达",
            a,
            (nz(sums.general - sums.grant),),
        ),
        ("income.general.bonds", "\u3000\u3000\u3000 一般债券", a, (None,)),
        ("income.gov_fund", "二、政府性基金预算拨款收入", a, (nz(sums.gov_fund),)),
        ("income.gov_fund.funds", "其中：政府性基金预算资金", a, (nz(sums.gov_fund),)),
        ("income.gov_fund.advance", "\u3000\u3000\u3000 上级提前下达", a, (None,)),
        ("income.gov_fund.bonds", "\u3000\u3000\u3000 专项债券", a, (None,)),
        ("income.soe", "三、国有资本经营预算拨款收入", a, (None,)),
        ("income.special_account", "四、财政专户管理资金收入", a, (None,)),
        ("income.business", "五、事业收入", a, (None,)),
        ("income.operating", "六、事业单位经营收入", a, (None,)),
        ("income.superior", "七、上级补助收入", a, (None,)),
        ("income.affiliated", "八、附属单位上缴收入", a, (None,)),
        ("income.other", "九、其他收入", a, (None,)),
    ]
    pairs: list[tuple[Side | None, Side | None]] = []
    for index, (code, name) in enumerate(SUMMARY_CLASSES):
        value = nz(classes[code].total) if code in classes else None
        pairs.append((left[index] if index < len(left) else None, (code, name, a, (value,))))
    pairs += [
        (
            ("income.current_total", "本 年 收 入 合 计", a, (nz(sums.fiscal),)),
            ("expenditure.current_total", "本 年 支 出 合 计", a, (nz(sums.total),)),
        ),
        (
            ("income.carryover", "上年结转结余", a, (nz(sums.carryover),)),
            ("expenditure.carry_forward", "年终结转结余", a, (None,)),
        ),
        (
            ("income.grand_total", "收 入 总 计", a, (nz(sums.total),)),
            ("expenditure.grand_total", "支 出 总 计", a, (nz(sums.total),)),
        ),
    ]
    return _two_sided("summary", pairs)


def _fiscal_summary(sums: Sums, classes: dict[str, Sums]) -> _Table:
    a = ("amount",)

    def right(s: Sums | None) -> tuple[Value, ...]:
        if s is None:
            return (None,) * 5
        return (nz(s.total), nz(s.general_all), nz(s.grant), nz(s.gov_fund_all), None)

    left: list[Side] = [
        ("income.current_total", "一、本年收入", a, (nz(sums.fiscal),)),
        ("income.general", "（一）一般公共预算拨款", a, (nz(sums.general),)),
        ("income.general.grant", "\u3000\u3000 其中：财政拨款", a, (nz(sums.grant),)),
        ("income.gov_fund", "（二）政府性基金预算拨款", a, (nz(sums.gov_fund),)),
        ("income.soe", "（三）国有资本经营预算拨款", a, (None,)),
        ("income.carryover", "二、上年结转", a, (nz(sums.carryover),)),
        ("income.carryover.general", "（一）一般公共预算拨款", a, (nz(sums.carry_general),)),
        ("income.carryover.gov_fund", "（二）政府性基金预算拨款", a, (nz(sums.carry_gov_fund),)),
        ("income.carryover.soe", "（三）国有资本经营预算拨款", a, (None,)),
    ]
    rights: list[Side] = [("expenditure.current_total", "一、本年支出", FISCAL_RIGHT, right(sums))]
    for code, name in FISCAL_CLASSES:
        rights.append((code, name, FISCAL_RIGHT, right(classes.get(code) if code else None)))
    rights.append(("expenditure.carry_forward", "二、年终结转结余", FISCAL_RIGHT, right(None)))
    pairs: list[tuple[Side | None, Side | None]] = [
        (left[index] if index < len(left) else None, side) for index, side in enumerate(rights)
    ]
    pairs.append(
        (
            ("income.grand_total", "收入合计", a, (nz(sums.total),)),
            ("expenditure.grand_total", "支出合计", FISCAL_RIGHT, right(sums)),
        )
    )
    return _two_sided("fiscal_summary", pairs)


def _unit_block(code: str, name: str, numbers: str, width: int) -> str:
    pieces = wrap(name, width)
    return "\n\n".join([code, *pieces, numbers])


def _income(budget: Budget, rng: random.Random, width: int) -> _Table:
    table = _Table("income")
    total = _values(INCOME_COLUMNS, sum_lines(budget.lines))
    table.add(Entry("total", "合计", INCOME_COLUMNS, total), "合计 " + _numbers(total))
    dept = budget.department
    block = _unit_block(budget.dept_code, dept, _numbers(total), width)
    table.add(Entry(f"unit:{budget.dept_code}", dept, INCOME_COLUMNS, total), block)
    for index, unit in enumerate(budget.units):
        sums = sum_lines(line for line in budget.lines if line.unit == index)
        values = _values(INCOME_COLUMNS, sums)
        block = _unit_block(unit.code, unit.name, _numbers(values), width)
        table.add(Entry(f"unit:{unit.code}", unit.name, INCOME_COLUMNS, values), block)
    return table


def _split_code(code: str) -> str:
    return f"{code[:3]} {code[3:5]} {code[5:]}"


def _function_table(
    key: str,
    budget: Budget,
    lines: list[Line],
    with_unit: bool,
    functions: dict[str, Sums] | None = None,
) -> _Table:
    table = _Table(key)
    columns = EXPENDITURE_COLUMNS
    if not lines:
        table.blocks.append(f"合计 {NBSP}")
        return table
    total = _values(columns, sum_lines(lines))
    table.add(Entry("total", "合计", columns, total), "合计 " + _numbers(total))
    if with_unit:
        dept = budget.department
        table.add(
            Entry(f"unit:{budget.dept_code}", dept, columns, total),
            f"{budget.dept_code} {dept} {_numbers(total)}",
        )
    for code, sums in (by_function(lines) if functions is None else functions).items():
        if len(code) != 7:
            continue
        values = _values(columns, sums)
        name = catalog.FUNCTIONS[code]
        table.add(
            Entry(code, name, columns, values), f"{_split_code(code)} {name} {_numbers(values)}"
        )
    return table


def _general_basic(budget: Budget) -> _Table:
    table = _Table("general_basic")
    columns = GENERAL_BASIC_COLUMNS
    lines = budget.basic_lines()

    def values(sums: Sums) -> tuple[Value, ...]:
        return (nz(sums.total), nz(sums.personnel), nz(sums.public))

    total = values(sum_lines(lines))
    table.add(Entry("total", "合计", columns, total), "合计 " + _numbers(total))
    by_class: dict[str, Sums] = {}
    by_pair: dict[tuple[str, str], Sums] = {}
    for line in lines:
        by_class.setdefault(line.economic[:3], Sums()).add(line)
        by_pair.setdefault((line.economic, line.government), Sums()).add(line)
    for cls in sorted(by_class):
        name = catalog.ECONOMIC_CLASSES[cls][0]
        class_values = values(by_class[cls])
        table.add(Entry(cls, name, columns, class_values), f"{cls} {name} {_numbers(class_values)}")
        for dept, gov in sorted(pair for pair in by_pair if pair[0].startswith(cls)):
            dept_name = catalog.ECONOMICS[dept].name
            gov_name = catalog.GOVERNMENT[gov]
            row = values(by_pair[(dept, gov)])
            table.add(
                Entry(f"{dept}/{gov}", f"{dept_name}/{gov_name}", columns, row),
                f"{dept} {dept_name} {gov} {gov_name} {_numbers(row)}",
            )
    return table


def _economic_summary(budget: Budget, rng: random.Random, width: int) -> _Table:
    table = _Table("economic_summary")
    columns = ECONOMIC_COLUMNS

    def values(sums: Sums) -> tuple[Value, ...]:
        return (
            nz(sums.total),
            nz(sums.general),
            nz(sums.grant),
            nz(sums.gov_fund),
            None,
            nz(sums.carryover),
            None,
            None,
            None,
            None,
            None,
            None,
        )

    total = values(sum_lines(budget.lines))
    table.add(Entry("total", "合计", columns, total), "合计 " + _numbers(total))
    dept = budget.department
    table.add(
        Entry(f"unit:{budget.dept_code}", dept, columns, total),
        _unit_block(budget.dept_code, dept, _numbers(total), width),
    )
    by_pair: dict[tuple[str, str], Sums] = {}
    for line in budget.lines:
        by_pair.setdefault((line.economic, line.government), Sums()).add(line)
    pairs = sorted(by_pair)
    rng.shuffle(pairs)
    name_width = rng.randint(5, 7)
    for dept_code, gov_code in pairs:
        row = values(by_pair[(dept_code, gov_code)])
        dept_name = catalog.ECONOMICS[dept_code].name
        gov_name = catalog.GOVERNMENT[gov_code]
        dept_label = f"{dept_code[:3]} {dept_code[3:]}"
        gov_label = f"{gov_code[:3]} {gov_code[3:]}"
        numbers = _numbers(row)
        dept_wrapped = len(dept_name) > name_width
        gov_wrapped = len(gov_name) > name_width
        if dept_wrapped:
            text = dept_label + "\n" + "\n\n".join(wrap(dept_name, name_width)) + "\n"
        else:
            text = f"{dept_label} {dept_name} "
        if gov_wrapped:
            text += gov_label + "\n\n" + "\n\n".join(wrap(gov_name, name_width)) + "\n" + numbers
        else:
            text += f"{gov_label} {gov_name} {numbers}"
        entry = Entry(f"{dept_code}/{gov_code}", f"{dept_name}/{gov_name}", columns, row)
        table.add(entry, text)
    return table


def _three_public(budget: Budget) -> _Table:
    table = _Table("three_public")
    current = budget.three_public()
    for key, name in THREE_PUBLIC_NAMES:
        # zeros are printed (0.00) so that every item keeps its position in the row
        table.entries.append(Entry(key, name, ("amount",), (current[key],)))
    table.blocks.append(" ".join(money(current[key], True) for key, _ in THREE_PUBLIC_NAMES))
    table.notes = [
        "注：1.报表金额单位转换时可能存在四舍五入尾数误差。\n"
        "\u3000\u30002.按照党中央、国务院有关规定及部门预算管理有关规定，“三公”经费包括因公出国（境）费、"
        "公务用车购置及运行费和公务接待费。"
    ]
    return table


def _project_code(name: str, unit_code: str, duplicates: set[str]) -> str:
    return f"project:{name}@{unit_code}" if name in duplicates else f"project:{name}"


def _projects(budget: Budget, rng: random.Random) -> _Table:
    table = _Table("projects")
    columns = PROJECT_COLUMNS

    def values(sums: Sums) -> tuple[Value, ...]:
        return (
            nz(sums.total),
            nz(sums.general),
            nz(sums.gov_fund),
            None,
            nz(sums.carry_general),
            nz(sums.carry_gov_fund),
            None,
            None,
            None,
        )

    project_lines = [line for line in budget.lines if line.project >= 0]
    total = values(sum_lines(project_lines))
    table.add(Entry("total", "合计", columns, (None, None, *total)), "合计 " + _numbers(total))
    dept = budget.department
    table.add(
        Entry(f"unit:{budget.dept_code}", dept, columns, (None, None, *total)),
        f"{budget.dept_code} {dept} {_numbers(total)}",
    )
    names = [project.name for project in budget.projects]
    duplicates = {name for name in names if names.count(name) > 1}
    name_width = rng.randint(26, 34)
    for unit_index, unit in enumerate(budget.units):
        unit_lines = [line for line in project_lines if line.unit == unit_index]
        if not unit_lines:
            continue
        unit_values = values(sum_lines(unit_lines))
        table.add(
            Entry(f"unit:{unit.code}", unit.name, columns, (None, None, *unit_values)),
            f"{unit.code} {unit.name} {_numbers(unit_values)}",
        )
        for index, project in enumerate(budget.projects):
            if project.unit != unit_index:
                continue
            sums = sum_lines(line for line in unit_lines if line.project == index)
            if not sums.total:
                continue
            category = CATEGORY_NAMES[project.kind]
            row = values(sums)
            entry = Entry(
                _project_code(project.name, unit.code, duplicates),
                project.name,
                columns,
                (unit.code, category, *row),
            )
            category_text = "\n\n".join(wrap(category, 3))
            if len(project.name) > name_width:
                pieces = "\n\n".join(wrap(project.name, name_width))
                block = f"{unit.code}\n{pieces}\n\n{category_text}\n{_numbers(row)}"
            else:
                block = f"{unit.code} {project.name}\n{category_text}\n{_numbers(row)}"
            table.add(entry, block)
    return table


# --- document --------------------------------------------------------------------------


def _prose(budget: Budget) -> str:
    dept = budget.department
    short = budget.domain.short
    year = budget.year
    indent = "\u3000\u3000"
    paragraphs = [
        f" 第一部分 {dept}",
        "部门概况",
        f"{indent}一、{dept}主要职责",
        f"{dept}的主要职责是：",
        f"{indent}（一）贯彻执行有关{short}工作的法律法规和方针政策，拟订并组织实施相关规划、标准；",
        f"{indent}（二）负责本行政区域内{short}领域的监督管理和公共服务工作；",
        f"{indent}（三）完成党工委、管委会交办的其他任务。",
        f"{indent}二、机构设置及预算单位构成",
        f"本预算为汇总预算，包括{dept}本级预算和所属单位预算。",
        f" 第二部分 {dept}",
        f"{year}年度部门预算情况说明",
        f"{indent}一、收入支出预算总体情况说明",
        f"{dept}部门收支预算按照综合预算的原则编制，所有收入和支出均纳入部门预算管理。",
        " 第三部分 名词解释",
        "一、财政拨款收入: 是指市级财政当年拨付的资金。",
        "二、基本支出: 是指为保障机构正常运转、完成日常工作任务所必需的开支。",
        "三、项目支出: 是指在基本支出之外，为完成特定的行政工作任务或事业发展目标所发生的支出。",
        f"{indent}附件：{dept}{year}年度部门预算",
        "表",
    ]
    out: list[str] = []
    for paragraph in paragraphs:
        out.extend(wrap(paragraph, 30))
    return "\n\n".join(out) + "\n"


def render(budget: Budget, rng: random.Random) -> tuple[str, list[FactTable]]:
    """Text and printed tables of the Henan layout."""
    sums = sum_lines(budget.lines)
    functions = by_function(budget.lines)
    classes = {code: s for code, s in functions.items() if len(code) == 3}
    general_lines = [line for line in budget.lines if line.source == GENERAL]
    fund_lines = [line for line in budget.lines if line.source in (GOV_FUND, CARRY_GOV_FUND)]
    width = rng.randint(6, 8)
    tables = [
        _summary(budget, sums, classes),
        _income(budget, rng, width),
        _function_table("expenditure", budget, budget.lines, True, functions),
        _fiscal_summary(sums, classes),
        _function_table("general_expenditure", budget, general_lines, with_unit=False),
        _general_basic(budget),
        _economic_summary(budget, rng, width),
        _three_public(budget),
        _function_table("gov_fund_expenditure", budget, fund_lines, with_unit=True),
        _function_table("soe_expenditure", budget, [], with_unit=True),
        _projects(budget, rng),
    ]
    tables[4].notes.append("\u3000\u3000本表仅含当年财政拨款安排的支出。")
    for table, source in ((tables[8], "政府性基金预算"), (tables[9], "国有资本经营预算")):
        if not table.entries:
            table.notes = [
                "注：若合计数与分项数不一致是因四舍五入的原因引起的。",
                f"\u3000\u3000本部门{budget.year}年度没有{source}支出，故本表无数据。",
            ]

    page = rng.randint(6, 30)
    texts: list[str] = []
    for number, ((key, title), table) in enumerate(zip(TITLES, tables, strict=True), start=1):
        assert table.key == key
        header = HEADERS[key]
        sizes = [block.count("\n") // 2 + 1 for block in table.blocks]
        pages = chunk_rows(sizes, rng.randint(8, 30), rng.randint(14, 34))
        parts: list[str] = []
        for index, rows in enumerate(pages):
            blocks = [table.blocks[i] for i in rows]
            if index == 0:
                head = (
                    f" 单位：万元部门名称：{budget.department}\n\n预算{number:02d}表\n\n"
                    f"{title.format(year=budget.year)}\n\n{header}"
                )
                parts.append("\n\n".join([head, *blocks]))
            elif rng.random() < 0.4:
                parts.append(f"\n\n- {page} -\n\n\n\n" + "\n\n".join([header, *blocks]))
            else:
                parts.append("\n " + "\n\n".join([header, *blocks]))
            page += 1
        notes = "\n".join(table.notes)
        texts.append("".join(parts) + "\n\n" + notes)
    text = _prose(budget) + "\n".join(texts) + "\n"
    facts = [FactTable(table.key, table.entries) for table in tables]
    return text, facts
