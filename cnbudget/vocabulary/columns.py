"""Header labels of amount columns: printed variants, header groups and canonical keys."""

from __future__ import annotations

from dataclasses import dataclass

# label id -> printed variants (normalised: no spaces, full-width brackets and colons)
LABELS: dict[str, tuple[str, ...]] = {
    "SUBTOTAL": (
        "合计",
        "小计",
        "总计",
        "合计数",
        "本年收入合计",
        "本年支出合计",
        "收入合计",
        "支出合计",
    ),
    # phases of 决算 tables (not additive: no identities between them)
    "PHASE_INITIAL": ("年初预算数", "年初预算"),
    "PHASE_ADJUSTED": ("调整预算数", "全年预算数", "调整后预算数"),
    "PHASE_FINAL": ("决算数", "本年决算数"),
    "CURRENT": ("本年收入", "本年收入小计"),
    "CARRYOVER": (
        "上年结转",
        "上年结转结余",
        "上年结转（结余）",
        "上年结转和结余",
        "年初结转和结余",
        "上年财政拨款结转结余",
    ),
    "FISCAL": (
        "财政拨款收入",
        "财政拨款",
        "财政拨款（补助）",
        "财政拨款（小计）",
        "财政拨款合计",
        "本级财政拨款",
        "本级财政拨款收入",
    ),
    "APPROPRIATION": ("本年拨款", "本年财政拨款"),
    # 本年支出 over 小计 / 基本支出 / 项目支出 (决算 tables): names the figure, not a column
    "SPENT": ("本年支出",),
    "GENERAL": (
        "一般公共预算",
        "一般公共预算收入",
        "一般公共预算拨款",
        "一般公共预算拨款收入",
        "一般公共预算财政拨款",
        "一般公共预算资金",
    ),
    "GRANT": ("其中：财政拨款", "其中财政拨款", "其中：经费拨款", "经费拨款"),
    "GOV_FUND": (
        "政府性基金",
        "政府性基金预算",
        "政府性基金预算收入",
        "政府性基金预算拨款",
        "政府性基金预算财政拨款",
        "政府性基金预算拨款收入",
        "政府性基金拨款",
    ),
    "SOE": (
        "国有资本经营预算",
        "国有资本经营预算收入",
        "国有资本经营预算拨款",
        "国有资本经营预算财政拨款",
        "国有资本经营预算拨款收入",
        "国有资本经营",
    ),
    "SPECIAL": (
        "财政专户管理资金",
        "财政专户管理资金收入",
        "财政专户收入",
        "财政专户核拨",
        "财政专户核拨资金",
        "专户资金结转结余",  # printed under 上年结转结余
        "财政专户管理事业收入",
        "财政专户拨款收入",
        "财政专户拨款",
    ),
    # children of 财政专户拨款收入 (Guangdong 收入总体情况表)
    "SPECIAL_EDUCATION": ("教育收费",),
    "SPECIAL_OTHER": ("其他专户收入拨款", "其他专户收入"),
    # 其他资金收入 over 事业收入 / 事业单位经营收入 / 其他收入: a group, no column of its own
    "OTHER_FUNDS": ("其他资金收入",),
    "UNIT_FUNDS": ("单位资金", "单位资金结转结余"),
    "BUSINESS": ("事业收入", "事业收入（不含教育收费）"),
    "TUITION": ("其中：教育收费", "其中教育收费", "教育收费"),
    "OPERATING": ("事业单位经营收入", "经营收入", "事业单位经营服务收入"),
    "OTHER": ("其他收入", "其它收入", "其他资金"),
    "SUPERIOR": ("上级补助收入",),
    "AFFILIATED": ("附属单位上缴收入",),
    "NON_FISCAL": ("使用非财政拨款结余", "用事业基金弥补收支差额"),
    "BASIC": (
        "基本支出",
        "基本支出预算",
        "本年一般公共预算基本支出",
        "一般公共预算基本支出",
        "基本支出合计",
    ),
    "PERSONNEL": ("人员支出", "人员经费", "人员经费支出", "人员类"),
    "WAGES": ("工资福利支出",),
    "HOUSEHOLDS": ("对个人和家庭的补助", "对个人和家庭补助", "对个人和家庭的补助支出"),
    "PUBLIC": ("日常公用支出", "公用经费", "日常公用经费", "公用支出"),
    "PROJECT": ("项目支出", "项目支出预算"),
    "PROJECT_OPERATING": ("其他运转类",),
    "PROJECT_SPECIFIC": ("特定目标类",),
    "CARRY_FORWARD": ("结转下年", "年末结转和结余"),
    "OPERATING_EXP": ("经营支出", "事业单位经营支出"),
    "REMIT": ("上解上级支出", "上缴上级支出"),
    "SUBSIDY": ("对附属单位补助支出", "对附属单位的补助支出", "对下级单位补助支出"),
    "FUNDING": ("资金性质", "资金来源"),
    "TP_TOTAL": ("“三公”经费合计", "三公经费合计", "“三公”经费"),
    "OVERSEAS": ("因公出国（境）经费", "因公出国（境）费", "因公出国（境）费用"),
    "VEHICLES": (
        "公务用车购置及运行维护费",
        "公务用车购置及运行费",
        "公务用车购置及运维费",
        "公务用车购置及运行维护经费",
    ),
    "V_PURCHASE": ("公务用车购置经费", "公务用车购置费", "公务用车购置", "购置费"),
    "V_OPERATION": (
        "公务用车运行维护费",
        "公务用车运行费",
        "公务用车运维费",
        "公务用车运行维护经费",
        "运行费",
        "运行维护费",
    ),
    "RECEPTION": ("公务接待费",),
    "OPERATING_COSTS": ("机关运行经费", "机关运行经费预算数", "机关运行经费预算"),
    # prior-year and change columns of a budget table (2025年执行数 | 2026年预算数 | 增减)
    "PRIOR": ("执行数", "上年执行数", "上年预算数", "上年数"),
    "PRIOR_NET": ("扣除中央基建投资后执行数",),
    "BUDGET_NET": ("扣除中央基建投资后预算数",),
    "CHANGE": ("增减额", "增减", "增减金额"),
    "CHANGE_PCT": ("增减（%）", "增减%", "增减率", "增长率", "增减幅度", "增幅（%）"),
}

# Labels that name descriptive columns (codes, names) or layout words: recognised, not amounts.
DESCRIPTORS: tuple[str, ...] = (
    "科目编码",
    "科目代码",
    "科目名称",
    "编码",
    "科目",
    "类",
    "款",
    "项",
    "单位代码",
    "单位编码",
    "单位（科目名称）",
    "单位名称",
    "部门代码",
    "部门名称",
    "部门（项目）名称",
    "部门（单位）名称",
    "项目名称",
    "项目类别",
    "项目类型",
    "功能分类科目",
    "功能分类科目名称",
    # group headers naming the table's scope, not a column (the leaves keep 合计/基本/项目)
    "本年一般公共预算支出",
    "本年政府性基金预算支出",
    "本年国有资本经营预算支出",
    "经济分类科目名称",
    "经济分类科目",
    "支出功能分类科目",
    "部门预算支出经济分类科目名称",
    "政府预算支出经济分类科目名称",
    "部门预算支出经济分类科目",
    "政府预算支出经济分类科目",
    "部门预算支出经济分类",
    "政府预算支出经济分类",
    "部门预算经济分类",
    "政府预算经济分类",
    "政府预算支出经济分类科目编码",
    "支出部门经济分类科目",
    "部门经济分类科目",
    "政府经济分类科目",
    "序号",
    "栏次",
    "行次",
    "项目",
    "收入",
    "支出",
    "预算数",
    "金额",
    "项目编码",
    "其中：",
    "预算",
    "功能科目名称",
    "部门预算支出经济科目",
    "支出项目类别（资金使用单位）",
    "绩效目标",
    "功能分类科目编码",
    "功能分类科目名称",
    "经济分类科目编码",
    "经济分类科目名称",
    "部门预算经济分类科目编码",
    "收入预算",
    "支出预算",
    # group labels naming the table's scope, not a column
    "其中：",
    "三公经费预（决）算数（财政拨款）",
    "功能科目",
    "经济科目编码",
    "经济科目名称",
)

_THREE_PUBLIC_COLUMNS = ("TP_TOTAL", "OVERSEAS", "VEHICLES", "RECEPTION")
# the label of a table's only amount column (that column is `total`)
ONE_COLUMN: tuple[str, ...] = ("预算", "预算数", "金额", "决算数", "本年预算")

# group label id -> child label ids it can hold
GROUPS: dict[str, frozenset[str]] = {
    "FISCAL": frozenset({"SUBTOTAL", "GENERAL", "GOV_FUND", "SOE", "GRANT"}),
    "CURRENT": frozenset(
        {
            "SUBTOTAL",
            "FISCAL",
            "GENERAL",
            "GOV_FUND",
            "SOE",
            "SPECIAL",
            "UNIT_FUNDS",
            "BUSINESS",
            "OPERATING",
            "OTHER",
            "SUPERIOR",
            "AFFILIATED",
        }
    ),
    "CARRYOVER": frozenset({"SUBTOTAL", "GENERAL", "GOV_FUND", "SOE", "SPECIAL", "UNIT_FUNDS"}),
    "APPROPRIATION": frozenset({"SUBTOTAL", "GENERAL", "GOV_FUND", "SOE"}),
    "GENERAL": frozenset({"SUBTOTAL", "GRANT"}),
    "UNIT_FUNDS": frozenset(
        {"SUBTOTAL", "BUSINESS", "OPERATING", "OTHER", "SUPERIOR", "AFFILIATED"}
    ),
    "BASIC": frozenset({"SUBTOTAL", "PERSONNEL", "PUBLIC"}),
    "PERSONNEL": frozenset({"SUBTOTAL", "WAGES", "HOUSEHOLDS"}),
    "PROJECT": frozenset({"SUBTOTAL", "PROJECT_OPERATING", "PROJECT_SPECIFIC"}),
    "FUNDING": frozenset({"SUBTOTAL", "GENERAL", "GOV_FUND", "SOE"}),
    "YEAR": frozenset({"SUBTOTAL", "TP_TOTAL", "OVERSEAS", "VEHICLES", "RECEPTION"}),
    "VEHICLES": frozenset({"SUBTOTAL", "V_PURCHASE", "V_OPERATION"}),
    "PHASE_INITIAL": frozenset({"SUBTOTAL", "BASIC", "PROJECT", *_THREE_PUBLIC_COLUMNS}),
    "PHASE_FINAL": frozenset({"SUBTOTAL", *_THREE_PUBLIC_COLUMNS}),
    "PHASE_ADJUSTED": frozenset({"SUBTOTAL", *_THREE_PUBLIC_COLUMNS}),
    "SPENT": frozenset({"SUBTOTAL", "BASIC", "PROJECT"}),
    "BUSINESS": frozenset({"TUITION"}),
    "COMPARE": frozenset({"CHANGE", "CHANGE_PCT"}),
    "COMPARE_NET": frozenset({"CHANGE", "CHANGE_PCT"}),
    "SPECIAL": frozenset({"SUBTOTAL", "SPECIAL_EDUCATION", "SPECIAL_OTHER"}),
    "OTHER_FUNDS": frozenset({"SUBTOTAL", "BUSINESS", "OPERATING", "OTHER"}),
}
# a year group also holds the prior-year and budget columns of a comparison table
GROUPS["YEAR"] = GROUPS["YEAR"] | {"PRIOR", "PRIOR_NET", "BUDGET_NET", "PHASE_INITIAL"}
PURE_GROUPS = frozenset(
    {"APPROPRIATION", "FUNDING", "YEAR", "COMPARE", "COMPARE_NET", "OTHER_FUNDS"}
)
# Funding sources printed over a span of columns can name the table's scope (一般公共预算支出
# over 合计 | 基本支出 | 项目支出): then, above these purposes, they are not a column group.
SCOPE_GROUPS = frozenset({"FISCAL", "GENERAL", "GOV_FUND", "SOE", "CURRENT"})
SCOPE_CHILDREN = frozenset({"BASIC", "PROJECT", "PERSONNEL", "PUBLIC"})
# groups that only say which figure the table shows (年初预算数 over 小计/基本/项目)
FIGURE_GROUPS = frozenset({"PHASE_INITIAL", "SPENT"})
# 决算 “三公” tables group the items under 预算数 | 决算数: the phase is the column suffix
PHASE_SUFFIX = {
    "PHASE_INITIAL": "budget_initial",
    "PHASE_ADJUSTED": "budget_adjusted",
    "PHASE_FINAL": "final",
}
# leaves that carry their own period: no year suffix
UNDATED = frozenset({"PRIOR", "PRIOR_NET", "CHANGE", "CHANGE_PCT"})

# simple leaf keys (outside any carry-over group)
LEAF_KEYS: dict[str, str] = {
    "CURRENT": "current",
    "CARRYOVER": "carryover",
    "FISCAL": "fiscal",
    "APPROPRIATION": "fiscal",
    "GENERAL": "fiscal.general",
    "GOV_FUND": "fiscal.gov_fund",
    "SOE": "fiscal.soe",
    "SPECIAL": "special_account",
    "SPECIAL_EDUCATION": "special_account.education",
    "SPECIAL_OTHER": "special_account.other",
    "OTHER_FUNDS": "other_funds",
    "UNIT_FUNDS": "unit_funds",
    "BUSINESS": "business",
    "OPERATING": "operating",
    "OTHER": "other",
    "SUPERIOR": "superior",
    "AFFILIATED": "affiliated",
    "NON_FISCAL": "non_fiscal_balance",
    "BASIC": "basic",
    "PERSONNEL": "basic.personnel",
    "WAGES": "basic.personnel.wages",
    "HOUSEHOLDS": "basic.personnel.households",
    "PUBLIC": "basic.public",
    "PROJECT": "project",
    "PROJECT_OPERATING": "project.operating",
    "PROJECT_SPECIFIC": "project.specific",
    "CARRY_FORWARD": "carry_forward",
    "OPERATING_EXP": "operating_expenditure",
    "REMIT": "remit_superior",
    "SUBSIDY": "subsidy_affiliated",
    "FUNDING": "amount",
    "PHASE_INITIAL": "budget_initial",
    "PHASE_ADJUSTED": "budget_adjusted",
    "PHASE_FINAL": "final",
    "TP_TOTAL": "total",
    "OVERSEAS": "overseas",
    "VEHICLES": "vehicles",
    "V_PURCHASE": "vehicles.purchase",
    "V_OPERATION": "vehicles.operation",
    "RECEPTION": "reception",
    "OPERATING_COSTS": "operating_costs",
    "TUITION": "business.tuition",
    "PRIOR": "prior_year",
    "PRIOR_NET": "prior_year.excl_infrastructure",
    "BUDGET_NET": "total.excl_infrastructure",
    "CHANGE": "change",
    "CHANGE_PCT": "change_pct",
}
_CARRYOVER_KEYS = {
    "GENERAL": "carryover.general",
    "GOV_FUND": "carryover.gov_fund",
    "SOE": "carryover.soe",
    "SPECIAL": "carryover.special_account",
    "UNIT_FUNDS": "carryover.unit_funds",
}
# groups that name a family of columns, not a column: left out of their leaves' keys
_TRANSPARENT = frozenset({"OTHER_FUNDS"})
THREE_PUBLIC_ITEMS = frozenset(
    {
        "TP_TOTAL",
        "OVERSEAS",
        "VEHICLES",
        "V_PURCHASE",
        "V_OPERATION",
        "RECEPTION",
        "OPERATING_COSTS",
    }
)


def is_comparison(key: str) -> bool:
    """Prior-year and change columns: not this year's money (may be negative, not additive)."""
    return key.startswith(("prior_year", "change"))


@dataclass(frozen=True, slots=True)
class Label:
    """A recognised header label: its id, the printed text, and a year for year groups."""

    id: str
    text: str
    year: int | None = None


def column_key(path: tuple[Label, ...]) -> str:
    """Canonical key of a leaf column from its header path (top group first)."""
    path = tuple(label for label in path if label.id not in _TRANSPARENT) or path
    ids = [label.id for label in path]
    leaf = ids[-1]
    phase = next((PHASE_SUFFIX[g] for g in ids[:-1] if g in PHASE_SUFFIX), "")
    groups = [g for g in ids[:-1] if g not in FIGURE_GROUPS]
    if leaf in UNDATED:
        key = LEAF_KEYS[leaf]
        return f"{key}.excl_infrastructure" if "COMPARE_NET" in groups else key
    in_carryover = "CARRYOVER" in groups
    year = next((label.year for label in path if label.id == "YEAR"), None)
    if leaf == "SUBTOTAL":
        if phase and "YEAR" not in ids and groups in ([], ["PHASE_FINAL"], ["PHASE_ADJUSTED"]):
            return f"total@{phase}"  # 合计 of a phase group (决算 “三公”)
        if not groups:
            return "total"
        leaf, groups = groups[-1], groups[:-1]
        in_carryover = "CARRYOVER" in groups
    if leaf == "YEAR":
        key = "total"
    elif leaf == "GRANT":
        key = "carryover.general.grant" if in_carryover else "fiscal.general.grant"
    elif in_carryover and leaf in _CARRYOVER_KEYS:
        key = _CARRYOVER_KEYS[leaf]
    else:
        key = LEAF_KEYS.get(leaf, leaf.lower())
    if year is not None or leaf in THREE_PUBLIC_ITEMS or (groups and groups[-1] == "VEHICLES"):
        return f"{key}@{year if year is not None else phase}"
    return key
