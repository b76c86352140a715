"""Shandong 公开表1–12 layouts: "licheng", "yantai" (space-separated) and "weihai" (tabs).

licheng: empty cells dropped, 款/项 names indented with full-width spaces, long names
wrapped in the income and basic tables, continuation pages repeat " 公开表N", the title,
the 部门（单位） line, the header and (sometimes) the 合计 row.
yantai: the same template without any indentation (code levels must be inferred from the
arithmetic), the 收支总表 wording of Yantai, never a repeated 合计 row.
weihai: tab-separated, empty cells kept as empty fields, codes in 类/款/项 columns.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from cnbudget.synthetic import catalog
from cnbudget.synthetic.model import (
    CARRY_GENERAL,
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

SHANDONG_CLASSES: tuple[tuple[str, str], ...] = (
    ("201", "一、一般公共服务支出"),
    ("202", "二、外交支出"),
    ("204", "三、公共安全支出"),
    ("205", "四、教育支出"),
    ("206", "五、科学技术支出"),
    ("207", "六、文化旅游体育与传媒支出"),
    ("208", "七、社会保障和就业支出"),
    ("210", "八、卫生健康支出"),
    ("211", "九、节能环保支出"),
    ("212", "十、城乡社区支出"),
    ("213", "十一、农林水支出"),
    ("214", "十二、交通运输支出"),
    ("215", "十三、资源勘探工业信息等支出"),
    ("216", "十四、商业服务业等支出"),
    ("217", "十五、金融支出"),
    ("220", "十六、自然资源海洋气象等支出"),
    ("221", "十七、住房保障支出"),
    ("222", "十八、粮油物资储备支出"),
    ("223", "十九、国有资本经营预算支出"),
    ("224", "二十、灾害防治及应急管理支出"),
    ("229", "二十一、其他支出"),
)

TITLES: tuple[tuple[str, str], ...] = (
    ("summary", "收支总体情况表"),
    ("income", "收入总体情况表"),
    ("expenditure", "支出总体情况表"),
    ("fiscal_summary", "财政拨款收支总体情况表"),
    ("general_expenditure", "一般公共预算支出情况表"),
    ("general_basic", "一般公共预算基本支出情况表"),
    ("three_public", "一般公共预算“三公”经费支出情况表"),
    ("gov_fund_expenditure", "政府性基金预算支出情况表"),
    ("soe_expenditure", "国有资本经营预算支出情况表"),
    ("basic", "基本支出预算情况表"),
    ("projects", "项目支出预算情况表"),
    ("procurement", "政府采购预算表"),
)


def _lines(*rows: str) -> str:
    return "\n".join(rows)


def _tabs(*fields: str) -> str:
    return "\t".join(fields)


# header blocks copied from the published tables (space layouts)
SPACE_HEADERS: dict[str, str] = {
    "summary": _lines(
        "收  入 支  出",
        "",
        "项目 预算数 项目 预算数",
    ),
    "income": _lines(
        "科目编码",
        "",
        "科目名称 合计",
        "",
        "财政拨款收入",
        "",
        "财政专户管",
        "理资金收入",
        "",
        "事业收入",
        "（不含教育",
        "收费）",
        "",
        "事业单位经",
        "营收入",
        "",
        "其他收入",
        "上级补助收",
        "",
        "入",
        "附属单位上",
        "缴收入",
        "",
        "使用非财政",
        "拨款结余",
        "",
        "上年结转",
        "类 款 项 小计",
        "",
        "一般公共预",
        "算收入",
        "",
        "政府性基金",
        "预算收入",
        "",
        "国有资本经",
        "营预算收入",
    ),
    "expenditure": _lines(
        "科目编码",
        "科目名称 合计 基本支出 项目支出 结转下年",
        "",
        "类 款 项",
    ),
    "fiscal_summary": _lines(
        "收  入 支  出",
        "",
        "项目 预算数 项目",
        "预算数",
        "",
        "总计 一般公共预算 政府性基金预算 国有资本经营预算",
    ),
    "general_expenditure": _lines(
        "科目编码",
        "科目名称 合  计",
        "",
        "基本支出",
        "项目支出",
        "",
        "类 款 项 小  计 人员支出 日常公用支出",
    ),
    "general_basic": _lines(
        "科目编码",
        "部门预算支出经济分类科目名称",
        "",
        "科目编码",
        "政府预算支出经济分类科目名称",
        "",
        "基本支出预算",
        "",
        "类 款 类 款 小计 人员支出 日常公用支出",
    ),
    "three_public": _lines(
        "{prior}年预算数 {year}年预算数",
        "",
        "合计",
        "因公出国",
        "（境）经费",
        "",
        "公务用车购置及运行维护费",
        "",
        "公务接待费 合计",
        "因公出国",
        "",
        "（境）经费",
        "",
        "公务用车购置及运行维护费",
        "",
        "公务接待费",
        "小计",
        "",
        "公务用车购置",
        "经费",
        "",
        "公务用车运行",
        "维护费",
        "",
        "小计",
        "公务用车购置",
        "",
        "经费",
        "公务用车运行",
        "",
        "维护费",
    ),
    "basic": _lines(
        "科目编码",
        "部门预算支出经济分类",
        "",
        "科目",
        "",
        "科目编码",
        "政府预算支出经济分类",
        "",
        "科目",
        "合计",
        "",
        "财政拨款",
        "财政专户管",
        "理资金",
        "",
        "单位资金",
        "使用非财",
        "政拨款结",
        "",
        "余",
        "上年结转",
        "",
        "类 款 类 款 小计",
        "一般公共预",
        "",
        "算",
        "政府性基金",
        "",
        "预算",
        "国有资本经",
        "营预算",
    ),
    "projects": _lines(
        "项目名称 项目类别 合计",
        "",
        "财政拨款",
        "财政专户管",
        "理资金",
        "",
        "单位资金",
        "使用非财政",
        "拨款结余",
        "",
        "上年结转",
        "小计",
        "",
        "一般公共预",
        "算",
        "",
        "政府性基金",
        "预算",
        "",
        "国有资本经",
        "营预算",
    ),
    "procurement": _lines(
        "科目编码",
        "",
        "科目名称 合计",
        "",
        "财政拨款",
        "",
        "财政专户管",
        "理资金",
        "",
        "单位资金",
        "使用非财政",
        "拨款结余",
        "",
        "上年结转",
        "类 款 项 小计",
        "",
        "一般公共预",
        "算",
        "",
        "政府性基金",
        "预算",
        "",
        "国有资本经",
        "营预算",
    ),
}
SPACE_HEADERS["gov_fund_expenditure"] = SPACE_HEADERS["general_expenditure"]
SPACE_HEADERS["soe_expenditure"] = SPACE_HEADERS["general_expenditure"]

TAB_HEADERS: dict[str, str] = {
    "summary": _lines(
        _tabs("收 入", "", "支 出", ""),
        _tabs("项目", "预算数", "项目", "预算数"),
    ),
    "income": _lines(
        _tabs(
            "科目编码",
            "",
            "",
            "科目名称",
            "合计",
            "财政拨款收入",
            "",
            "",
            "",
            "财政专户管理 资金收入",
            "事业收入 (不含教育 收费)",
            "事业单位经 营收入",
            "其他收入",
            "上级补助收 入",
            "附属单位上 缴收入",
            "使用非财政 拨款结余",
            "上年结转",
        ),
        _tabs(
            "类",
            "款",
            "项",
            "",
            "",
            "小计",
            "一般公共预 算收入",
            "政府性基金 预算收入",
            "国有资本经 营预算收入",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ),
    ),
    "expenditure": _lines(
        _tabs("科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出", "结转下年"),
        _tabs("类", "款", "项", "", "", "", "", ""),
    ),
    "fiscal_summary": _lines(
        _tabs("收 入", "", "支 出", "", "", "", ""),
        _tabs("项目", "预算数", "项目", "预算数", "", "", ""),
        _tabs("", "", "", "总计", "一般公共预算", "政府性基金预算", "国有资本经营预算"),
    ),
    "general_expenditure": _lines(
        _tabs("科目编码", "", "", "科目名称", "合 计", "基本支出", "", "", "项目支出"),
        _tabs("类", "款", "项", "", "", "小 计", "人员支出", "日常公用支出", ""),
    ),
    "general_basic": _lines(
        _tabs(
            "科目编码",
            "",
            "部门预算支出经济分类科目名称",
            "科目编码",
            "",
            "政府预算支出经济分类科目名称",
            "基本支出预算",
            "",
            "",
        ),
        _tabs("类", "款", "", "类", "款", "", "小计", "人员支出", "日常公用支出"),
    ),
    "three_public": _lines(
        _tabs("{prior}年预算数", "", "", "", "", "{year}年预算数", "", "", "", "", "", ""),
        _tabs(
            "合计",
            "因公出国 (境) 经费",
            "公务用车购置及运行维护费",
            "",
            "",
            "公务接待费",
            "合计",
            "因公出国 (境) 经费",
            "公务用车购置及运行维护费",
            "",
            "",
            "公务接待费",
        ),
        _tabs(
            "",
            "",
            "小计",
            "公务用车购置 经费",
            "公务用车运行 维护费",
            "",
            "",
            "",
            "小计",
            "公务用车购置 经费",
            "公务用车运行 维护费",
            "",
        ),
    ),
    "basic": _lines(
        _tabs(
            "科目编码",
            "",
            "部门预算支出经济分类科目",
            "科目编码",
            "",
            "政府预算支出经济分类科目",
            "合计",
            "财政拨款",
            "",
            "",
            "",
            "财政专户管理资金",
            "单位资金",
            "使用非财政拨款结余",
            "上年结转",
        ),
        _tabs(
            "类",
            "款",
            "",
            "类",
            "款",
            "",
            "",
            "小计",
            "一般公共预算",
            "政府性基金预算",
            "国有资本经营预算",
            "",
            "",
            "",
            "",
        ),
    ),
    "projects": _lines(
        _tabs(
            "项目名称",
            "项目类别",
            "合计",
            "财政拨款",
            "",
            "",
            "",
            "财政专户管理资金",
            "单位资金",
            "使用非财政拨款结余",
            "上年结转",
        ),
        _tabs(
            "", "", "", "小计", "一般公共预算", "政府性基金预算", "国有资本经营预算", "", "", "", ""
        ),
    ),
    "procurement": _lines(
        _tabs(
            "科目编码",
            "",
            "",
            "科目名称",
            "合计",
            "财政拨款",
            "",
            "",
            "财政专户管理资金",
            "单位资金",
            "使用非财政拨款结余",
            "上年结转",
        ),
        _tabs("类", "款", "项", "", "", "小计", "一般公共预算", "政府性基金预算", "", "", "", ""),
    ),
}
TAB_HEADERS["gov_fund_expenditure"] = TAB_HEADERS["general_expenditure"]
TAB_HEADERS["soe_expenditure"] = TAB_HEADERS["general_expenditure"]

INCOME_COLUMNS = (
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
)
EXPENDITURE_COLUMNS = ("total", "basic", "project", "carry_forward")
GENERAL_COLUMNS = ("total", "basic", "basic.personnel", "basic.public", "project")
GENERAL_BASIC_COLUMNS = ("total", "basic.personnel", "basic.public")
FUNDING_COLUMNS = (
    "total",
    "fiscal",
    "fiscal.general",
    "fiscal.gov_fund",
    "fiscal.soe",
    "special_account",
    "unit_funds",
    "non_fiscal_balance",
    "carryover",
)
FISCAL_RIGHT = ("total", "fiscal.general", "fiscal.gov_fund", "fiscal.soe")
THREE_PUBLIC_ITEMS = (
    "total",
    "overseas",
    "vehicles",
    "vehicles.purchase",
    "vehicles.operation",
    "reception",
)


class _Style:
    """The per-document choices of a Shandong layout."""

    def __init__(self, layout: str, rng: random.Random) -> None:
        self.layout = layout
        self.tabs = layout == "weihai"
        self.indent = layout == "licheng"
        self.repeat_total = {"licheng": 0.6, "yantai": 0.0, "weihai": 0.3}[layout]
        self.income_wrap = rng.randint(11, 14)
        self.basic_wrap = rng.randint(10, 13)
        self.weihai_wrap = rng.randint(10, 13)
        self.households_name = rng.choice(("对个人和家庭补助", "对个人和家庭的补助"))
        self.yantai_words = layout != "licheng"
        self.rng = rng
        self.economic_cache: dict[int, list[tuple[str, str, str, str, str, str, Sums]]] = {}


Block = str  # the printed text of one row (may span lines)


class _Printed:
    """A table ready to print: entries for the facts and printed row blocks."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.entries: list[Entry] = []
        self.blocks: list[Block] = []
        self.total_block: Block | None = None
        self.note: str | None = None

    def add(self, entry: Entry | None, block: Block, is_total: bool = False) -> None:
        if entry is not None:
            self.entries.append(entry)
        self.blocks.append(block)
        if is_total:
            self.total_block = block


def _cells(values: tuple[Value, ...], separators: bool = True) -> list[str]:
    return [
        value if isinstance(value, str) else money(value, separators)
        for value in values
        if value is not None
    ]


def _tab_cells(values: tuple[Value, ...]) -> list[str]:
    return [
        "" if value is None else value if isinstance(value, str) else money(value, True)
        for value in values
    ]


# --- function-code tables ----------------------------------------------------------------


def _function_table(
    style: _Style,
    key: str,
    columns: tuple[str, ...],
    rows: dict[str, tuple[Value, ...]],
    total_values: tuple[Value, ...],
    wrap_names: bool,
    double_spaced: bool = False,
) -> _Printed:
    """A table by function code: 合计 first, then 类/款/项 rows in code order."""
    printed = _Printed(key)
    label = "合 计" if style.tabs else "合\u3000计"
    block = _function_block(style, "total", label, total_values, wrap_names, double_spaced)
    printed.add(Entry("total", label, columns, total_values), block, is_total=True)
    for code, values in rows.items():
        name = catalog.FUNCTIONS[code]
        block = _function_block(style, code, name, values, wrap_names, double_spaced)
        printed.add(Entry(code, name, columns, values), block)
    return printed


def _by_function_values(
    lines: list[Line],
    values_of: Callable[[Sums], tuple[Value, ...]],
    functions: dict[str, Sums] | None = None,
) -> tuple[dict[str, tuple[Value, ...]], tuple[Value, ...]]:
    """Values per function code and of the 合计 row."""
    table = by_function(lines) if functions is None else functions
    rows = {code: values_of(sums) for code, sums in table.items()}
    return rows, values_of(sum_lines(lines))


def _function_block(
    style: _Style,
    code: str,
    name: str,
    values: tuple[Value, ...],
    wrap_names: bool,
    double_spaced: bool,
) -> Block:
    if style.tabs:
        if code == "total":
            fields = ["", "", "", "合 计"]
        else:
            parts = ["", "", ""]
            level = {3: 0, 5: 1, 7: 2}[len(code)]
            parts[level] = code[-3:] if level == 0 else code[-2:]
            if wrap_names and len(name) > style.weihai_wrap:
                name = " ".join(wrap(name, style.weihai_wrap))
            fields = [*parts, name]
        return "\t".join(fields + _tab_cells(values))
    cells = _cells(values)
    numbers = " ".join(" " + cell for cell in cells) if double_spaced else " ".join(cells)
    if code == "total":
        return f"合\u3000计 {numbers}"
    level = {3: 0, 5: 1, 7: 2}[len(code)]
    label = code if level == 0 else code[-2:]
    indent = "\u3000" * level if style.indent else ""
    text = indent + name
    if wrap_names and level > 0 and len(text) > style.income_wrap:
        pieces = wrap(text, style.income_wrap)
        return "\n".join([label, *pieces, "", numbers])
    return f"{label} {text} {numbers}"


def _sums_values(columns: tuple[str, ...]) -> Callable[[Sums], tuple[Value, ...]]:
    getters: dict[str, Callable[[Sums], int]] = {
        "total": lambda s: s.total,
        "fiscal": lambda s: s.fiscal,
        "fiscal.general": lambda s: s.general,
        "fiscal.gov_fund": lambda s: s.gov_fund,
        "carryover": lambda s: s.carryover,
        "basic": lambda s: s.basic,
        "basic.personnel": lambda s: s.personnel,
        "basic.public": lambda s: s.public,
        "project": lambda s: s.project,
    }

    selected = [getters.get(column) for column in columns]

    def values(sums: Sums) -> tuple[Value, ...]:
        return tuple([None if get is None else get(sums) or None for get in selected])

    return values


# --- economic tables ---------------------------------------------------------------------


def _economic_rows(
    style: _Style, lines: list[Line]
) -> list[tuple[str, str, str, str, str, str, Sums]]:
    """(dept code, dept name, gov code, gov name, printed dept, printed gov, sums) rows."""
    cached = style.economic_cache.get(id(lines))
    if cached is not None:
        return cached
    by_code: dict[str, Sums] = {}
    by_class: dict[str, Sums] = {}
    for line in lines:
        by_code.setdefault(line.economic, Sums()).add(line)
        by_class.setdefault(line.economic[:3], Sums()).add(line)
    rows = []
    for cls in sorted(by_class):
        name, gov_cls, _ = catalog.ECONOMIC_CLASSES[cls]
        if cls == "303":
            name = style.households_name
        gov_name = "机关资本性支出" if gov_cls == "503" else catalog.GOVERNMENT[gov_cls]
        rows.append((cls, name, gov_cls, gov_name, cls, gov_cls, by_class[cls]))
        for code in sorted(c for c in by_code if c.startswith(cls)):
            entry = catalog.ECONOMICS[code]
            gov = entry.gov_admin
            rows.append(
                (
                    code,
                    entry.name,
                    gov,
                    catalog.GOVERNMENT[gov],
                    f"{cls} {code[3:]}",
                    f"{gov[:3]} {gov[3:]}",
                    by_code[code],
                )
            )
    style.economic_cache[id(lines)] = rows
    return rows


def _economic_table(
    style: _Style,
    key: str,
    columns: tuple[str, ...],
    lines: list[Line],
    values_of: Callable[[Sums], tuple[Value, ...]],
    wrap_names: bool,
) -> _Printed:
    printed = _Printed(key)
    total = values_of(sum_lines(lines))
    if style.tabs:
        block = "\t".join(["", "", "合计", "", "", "", *_tab_cells(total)])
    else:
        block = "合计 " + " ".join(_cells(total))
    printed.add(Entry("total", "合计", columns, total), block, is_total=True)
    for dept, dept_name, gov, gov_name, dept_label, gov_label, sums in _economic_rows(style, lines):
        values = values_of(sums)
        entry = Entry(f"{dept}/{gov}", f"{dept_name}/{gov_name}", columns, values)
        is_class = len(dept) == 3
        if style.tabs:
            dept_fields = [dept, ""] if is_class else [dept[:3], dept[3:]]
            gov_fields = [gov, ""] if is_class else [gov[:3], gov[3:]]
            block = "\t".join([*dept_fields, dept_name, *gov_fields, gov_name, *_tab_cells(values)])
        else:
            indent = "" if is_class or not style.indent else "\u3000"
            numbers = " ".join(_cells(values))
            dept_text = indent + dept_name
            gov_text = f"{gov_label} {indent}{gov_name}"
            if wrap_names and not is_class and len(dept_text) > style.basic_wrap:
                pieces = wrap(dept_text, style.basic_wrap)
                block = "\n".join([dept_label, *pieces, "", f"{gov_text} {numbers}"])
            else:
                block = f"{dept_label} {dept_text} {gov_text} {numbers}"
        printed.add(entry, block)
    return printed


# --- two-sided summary tables ------------------------------------------------------------

Side = tuple[str, str, tuple[str, ...], tuple[Value, ...]]  # key, name, columns, values


def _two_sided(
    style: _Style, key: str, pairs: list[tuple[Side | None, Side | None]], right_width: int
) -> _Printed:
    """A 收/支 table printed side by side; each side gives its own facts."""
    printed = _Printed(key)
    for left, right in pairs:
        if style.tabs:
            fields: list[str] = ["", ""] if left is None else [left[1], *_tab_cells(left[3])]
            if right is None:
                fields += [""] * right_width
            else:
                fields += [right[1], *_tab_cells(right[3])]
            block = "\t".join(fields)
        else:
            parts = []
            for side in (left, right):
                if side is not None:
                    parts.append(side[1])
                    parts.extend(_cells(side[3]))
            block = " ".join(parts)
        for side in (left, right):
            if side is not None:
                printed.entries.append(Entry(side[0], side[1], side[2], side[3]))
        printed.blocks.append(block)
    return printed


def _summary(style: _Style, budget: Budget, classes: dict[str, Sums], all_sums: Sums) -> _Printed:
    amount = ("amount",)
    fiscal = all_sums.fiscal
    if style.yantai_words:
        words = (
            "一、财政拨款收入",
            "一般公共预算收入",
            "政府性基金预算收入",
            "国有资本经营预算收入",
        )
    else:
        words = (
            "一、财政拨款",
            "一般公共预算拨款收入",
            "政府性基金预算拨款收入",
            "国有资本经营预算拨款收入",
        )
    pad = "" if style.tabs else "    "
    business = "三、事业收入(不含教育收费)" if style.tabs else "三、事业收入（不含教育收费）"
    left: list[Side] = [
        ("income.fiscal", words[0], amount, (nz(fiscal),)),
        ("income.general", pad + words[1], amount, (nz(all_sums.general),)),
        ("income.gov_fund", pad + words[2], amount, (nz(all_sums.gov_fund),)),
        ("income.soe", pad + words[3], amount, (None,)),
        ("income.special_account", "二、财政专户管理资金收入", amount, (None,)),
        ("income.business", business, amount, (None,)),
        ("income.operating", "四、事业单位经营收入", amount, (None,)),
        ("income.other", "五、其他收入", amount, (None,)),
    ]
    right: list[Side] = [
        (code, name, amount, (nz(classes[code].total) if code in classes else None,))
        for code, name in SHANDONG_CLASSES
    ]
    pairs: list[tuple[Side | None, Side | None]] = []
    for index, side in enumerate(right):
        pairs.append((left[index] if index < len(left) else None, side))
    spaced = not style.tabs
    current = "本 年 收 入 合 计" if spaced else "本年收入合计"
    spent = "本 年 支 出 合 计" if spaced else "本年支出合计"
    income_total = "收 入 总 计" if spaced else "收入总计"
    spent_total = "支 出 总 计" if spaced else "支出总计"
    subsidy = "对附属单位的补助支出" if style.yantai_words else "对附属单位补助支出"
    pairs += [
        (
            ("income.current_total", current, amount, (nz(fiscal),)),
            ("expenditure.current_total", spent, amount, (nz(all_sums.total),)),
        ),
        (("income.superior", "上级补助收入", amount, (None,)), None),
        (
            ("income.affiliated", "附属单位上缴收入", amount, (None,)),
            ("expenditure.subsidy_affiliated", subsidy, amount, (None,)),
        ),
        (
            ("income.non_fiscal_balance", "使用非财政拨款结余", amount, (None,)),
            ("expenditure.remit_superior", "上缴上级支出", amount, (None,)),
        ),
        (
            ("income.carryover", "上年结转", amount, (nz(all_sums.carryover),)),
            ("expenditure.carry_forward", "结转下年", amount, (None,)),
        ),
        (
            ("income.grand_total", income_total, amount, (nz(all_sums.total),)),
            ("expenditure.grand_total", spent_total, amount, (nz(all_sums.total),)),
        ),
    ]
    return _two_sided(style, "summary", pairs, 2)


def _fiscal_summary(
    style: _Style, budget: Budget, classes: dict[str, Sums], all_sums: Sums
) -> _Printed:
    amount = ("amount",)

    def right_values(sums: Sums | None) -> tuple[Value, ...]:
        if sums is None:
            return (None, None, None, None)
        return (nz(sums.total), nz(sums.general_all), nz(sums.gov_fund_all), None)

    left: list[Side] = [
        ("income.general", "一、一般公共预算收入", amount, (nz(all_sums.general),)),
        ("income.gov_fund", "二、政府性基金预算收入", amount, (nz(all_sums.gov_fund),)),
        ("income.soe", "三、国有资本经营预算收入", amount, (None,)),
    ]
    pairs: list[tuple[Side | None, Side | None]] = []
    for index, (code, name) in enumerate(SHANDONG_CLASSES):
        right: Side = (code, name, FISCAL_RIGHT, right_values(classes.get(code)))
        pairs.append((left[index] if index < len(left) else None, right))
    if style.tabs:
        words = ("本 年 收 入 合 计", "本 年 支 出 合 计", "收 入 总 计", "支 出 总 计")
    else:
        words = (
            "     本  年  收  入  合  计",
            "    本  年  支  出  合  计",
            "    收  入  总  计",
            "    支  出  总  计",
        )
    totals = right_values(all_sums)
    pairs += [
        (
            ("income.current_total", words[0], amount, (nz(all_sums.fiscal),)),
            ("expenditure.current_total", words[1], FISCAL_RIGHT, totals),
        ),
        (
            ("income.carryover", "上年结转", amount, (nz(all_sums.carryover),)),
            ("expenditure.carry_forward", "结转下年", FISCAL_RIGHT, (None, None, None, None)),
        ),
        (
            ("income.grand_total", words[2], amount, (nz(all_sums.total),)),
            ("expenditure.grand_total", words[3], FISCAL_RIGHT, totals),
        ),
    ]
    return _two_sided(style, "fiscal_summary", pairs, 5)


# --- other tables -------------------------------------------------------------------------


def _three_public(style: _Style, budget: Budget) -> _Printed:
    printed = _Printed("three_public")
    current = budget.three_public()
    prior = budget.prior_three_public
    names = {
        "total": "合计",
        "overseas": "因公出国 (境) 经费" if style.tabs else "因公出国（境）经费",
        "vehicles": "公务用车购置及运行维护费",
        "vehicles.purchase": "公务用车购置 经费" if style.tabs else "公务用车购置经费",
        "vehicles.operation": "公务用车运行 维护费" if style.tabs else "公务用车运行维护费",
        "reception": "公务接待费",
    }

    # space layouts print zeros (0.00) so that every item keeps its position
    def cell(value: int) -> int | None:
        return nz(value) if style.tabs else value

    for item in THREE_PUBLIC_ITEMS:
        values = (cell(current[item]), cell(prior[item]))
        printed.entries.append(Entry(item, names[item], ("amount", "prior_year"), values))
    prior_cells = tuple(cell(prior[item]) for item in THREE_PUBLIC_ITEMS)
    current_cells = tuple(cell(current[item]) for item in THREE_PUBLIC_ITEMS)
    if style.tabs:
        printed.blocks.append("\t".join(_tab_cells(prior_cells + current_cells)))
    else:
        printed.blocks.append(" ".join(" " + c for c in _cells(prior_cells + current_cells)))
    return printed


def _projects(style: _Style, budget: Budget) -> _Printed:
    printed = _Printed("projects")
    columns = ("category", *FUNDING_COLUMNS)
    per_project: dict[int, Sums] = {}
    for line in budget.lines:
        if line.project >= 0:
            per_project.setdefault(line.project, Sums()).add(line)
    values_of = _sums_values(FUNDING_COLUMNS)
    total = values_of(sum_lines(line for line in budget.lines if line.project >= 0))
    rows: list[tuple[str, str, tuple[Value, ...]]] = [("total", "", (None, *total))]
    for index, project in enumerate(budget.projects):
        sums = per_project.get(index)
        if sums is None:
            continue
        category = CATEGORY_NAMES[project.kind]
        rows.append((f"project:{project.name}", project.name, (category, *values_of(sums))))
    for code, name, values in rows:
        entry = Entry(code, name, columns, values)
        if style.tabs:
            block = "\t".join([name, *_tab_cells(values)])
        else:
            texts = _cells(values)
            if code == "total":
                block = " ".join(" " + t for t in texts)
            else:
                category, *numbers = texts
                block = f"{name} {category} " + " ".join(" " + t for t in numbers)
        printed.add(entry, block, is_total=code == "total")
    return printed


def _procurement(style: _Style, budget: Budget) -> _Printed:
    columns = (
        FUNDING_COLUMNS
        if not style.tabs
        else tuple(c for c in FUNDING_COLUMNS if c != "fiscal.soe")
    )
    table: dict[str, int] = {}
    for code, amount in budget.procurement.items():
        for key in (code[:3], code[:5], code):
            table[key] = table.get(key, 0) + amount
    total = sum(budget.procurement.values())

    def values(amount: int) -> tuple[Value, ...]:
        return tuple(
            nz(amount) if c in ("total", "fiscal", "fiscal.general") else None for c in columns
        )

    rows = {code: values(table[code]) for code in sorted(table)}
    return _function_table(
        style, "procurement", columns, rows, values(total), False, double_spaced=True
    )


# --- pages -------------------------------------------------------------------------------


def _dept_line(style: _Style, department: str) -> tuple[str, str]:
    if not style.tabs:
        return f"部门（单位）：{department} 单位：万元", ""
    if style.rng.random() < 0.5:
        return f"部门(单位): {department}", "单位: 万元"
    return f"部门（单位）：{department}", "单位：万元"


def _render_table(
    style: _Style, number: int, title: str, header: str, printed: _Printed, department: str
) -> str:
    rng = style.rng
    sizes = [block.count("\n") // 2 + 1 for block in printed.blocks]
    pages = chunk_rows(sizes, rng.randint(8, 30), rng.randint(12, 34))
    repeat = printed.total_block is not None and rng.random() < style.repeat_total
    texts = []
    for page_number, indexes in enumerate(pages):
        blocks = [printed.blocks[i] for i in indexes]
        if page_number > 0 and repeat and printed.total_block is not None:
            blocks.insert(0, printed.total_block)
        dept, unit = _dept_line(style, department)
        if style.tabs:
            head = f"{title}\n\n{dept}\n\n{unit}\n\n{header}"
            body = "\n".join(blocks)
            texts.append(f"{head}\n{body}" if body else head)
        else:
            shown_title = (" " if number == 1 else "") + title
            head = f" 公开表{number}\n\n{shown_title}\n{dept}\n\n{header}"
            texts.append("\n\n".join([head, *blocks]))
    if printed.note is not None:
        texts[-1] += "\n\n" + printed.note
    return ("\n\n" if style.tabs else "\n").join(texts)


def _prose_intro(style: _Style, budget: Budget) -> str:
    dept = budget.department
    scope = budget.scope
    short = budget.domain.short
    duties = [
        f"（一）贯彻执行国家、省、市有关{short}工作的方针政策和法律法规，拟订并组织实施相关规划和制度。",
        f"（二）负责本级{short}领域的监督管理工作，建立健全相关工作机制。",
        "（三）负责本系统的信息化建设、宣传和队伍建设工作。",
        "（四）完成上级党委、政府交办的其他任务。",
    ]
    if style.tabs:
        parts = [
            "",
            f"{budget.year}年{dept}{scope}预算",
            "目 录",
            f"第一部分 {scope}概况",
            "- 一、主要职责",
            "- 二、机构设置情况",
            f"第二部分 {budget.year}年{scope}预算表",
            *(f"- {_CHINESE[i]}、{title}" for i, (_, title) in enumerate(TITLES)),
            f"第三部分 {budget.year}年{scope}预算情况和重要事项说明",
            "第一部分",
            f"{scope}概况",
            "一、主要职责",
            *duties,
            "二、机构设置情况",
            f"本{scope}为{dept}，{scope}预算包括本级预算。",
            "第二部分",
            f"{budget.year}年{scope}预算表",
            "",
        ]
        return "\n\n".join(parts)
    lines = [" 一、主要职责", " ", ""]
    for duty in duties:
        lines.extend(_wrap_prose(duty))
    lines += [" ", "", "二、机构设置情况", " ", ""]
    lines.extend(_wrap_prose(f"{dept}{scope}预算包括：{dept}本级{scope}预算。"))
    return "\n".join(lines).rstrip("\n") + "\n"


def _prose_outro(style: _Style, budget: Budget) -> str:
    scope = budget.scope
    text = [
        f"{budget.year}年{scope}预算情况和重要事项说明",
        "一、预算收支增减变化情况说明",
        f"按照综合预算的原则，本{scope}所有收入和支出均纳入部门预算管理。",
        "二、“三公”经费支出情况",
        f"{budget.department}严格控制“三公”经费支出。",
    ]
    if style.tabs:
        return "\n\n" + "\n\n".join(["第三部分", *text]) + "\n"
    lines = ["", " 第三部分", " ", "", " ", text[0], " " + text[1], ""]
    for paragraph in text[2:]:
        lines.extend(_wrap_prose(paragraph))
    return "\n".join(lines)


def _wrap_prose(paragraph: str, width: int = 33) -> list[str]:
    out: list[str] = []
    for piece in wrap(paragraph, width):
        out += [piece, ""]
    return out


_CHINESE = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


def render(budget: Budget, rng: random.Random) -> tuple[str, list[FactTable]]:
    """Text and printed tables of a Shandong layout ("licheng", "yantai", "weihai")."""
    style = _Style(budget.layout, rng)
    lines = budget.lines
    all_sums = sum_lines(lines)
    functions = by_function(lines)
    classes = {code: sums for code, sums in functions.items() if len(code) == 3}
    department = budget.department

    general_lines = [line for line in lines if line.source in (GENERAL, CARRY_GENERAL)]
    fund_lines = [line for line in lines if line.source in (GOV_FUND, CARRY_GOV_FUND)]
    basic_lines = budget.basic_lines()

    general_basic_of = _sums_values(GENERAL_BASIC_COLUMNS)
    funding_of = _sums_values(FUNDING_COLUMNS)

    def function_table(
        key: str, columns: tuple[str, ...], subset: list[Line], wrap_names: bool = False
    ) -> _Printed:
        known = functions if subset is lines else None
        rows, total = _by_function_values(subset, _sums_values(columns), known)
        return _function_table(style, key, columns, rows, total, wrap_names)

    tables: list[_Printed] = [
        _summary(style, budget, classes, all_sums),
        function_table("income", INCOME_COLUMNS, lines, wrap_names=True),
        function_table("expenditure", EXPENDITURE_COLUMNS, lines),
        _fiscal_summary(style, budget, classes, all_sums),
        function_table("general_expenditure", GENERAL_COLUMNS, general_lines),
        _economic_table(
            style, "general_basic", GENERAL_BASIC_COLUMNS, basic_lines, general_basic_of, False
        ),
        _three_public(style, budget),
    ]
    if fund_lines:
        tables.append(function_table("gov_fund_expenditure", GENERAL_COLUMNS, fund_lines))
    else:
        empty = _Printed("gov_fund_expenditure")
        empty.note = f"（注：{budget.year}年没有使用政府性基金预算拨款安排的支出。）"
        tables.append(empty)
    soe = _Printed("soe_expenditure")
    soe.note = f"（注：{budget.year}年没有使用国有资本经营预算拨款安排的支出。）"
    tables.append(soe)
    tables.append(_economic_table(style, "basic", FUNDING_COLUMNS, basic_lines, funding_of, True))
    tables.append(_projects(style, budget))
    tables.append(_procurement(style, budget))

    headers = TAB_HEADERS if style.tabs else SPACE_HEADERS
    texts = []
    for number, ((key, title), printed) in enumerate(zip(TITLES, tables, strict=True), start=1):
        assert printed.key == key
        header = headers[key].format(prior=budget.year - 1, year=budget.year)
        texts.append(_render_table(style, number, title, header, printed, department))
    joiner = "\n\n" if style.tabs else "\n"
    body = joiner.join(texts)
    text = _prose_intro(style, budget) + body + _prose_outro(style, budget)
    facts = [FactTable(printed.key, printed.entries) for printed in tables]
    return text, facts
