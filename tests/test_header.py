"""Header trees rebuilt from row-by-row header text."""

from __future__ import annotations

import pytest

from cnbudget.layout.header import parse_header, parse_tab_header
from cnbudget.layout.tokens import is_amount, is_cell_amount
from cnbudget.vocabulary.columns import column_key

CASES = [
    (
        "科目编码 科目名称 合计 财政拨款收入 财政专户管 理资金收入 事业收入 （不含教育 收费） 事业单位经 营收入"
        " 其他收入 上级补助收 入 附属单位上 缴收入 使用非财政 拨款结余 上年结转 类 款 项 小计 一般公共预"
        " 算收入 政府性基金 预算收入 国有资本经 营预算收入",
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
    ),
    (
        "科目编码 单位代码 单位（科目名称） 合计 基本支出 项目支出 类 款 项 小计 人员经费 公用经费 小计"
        " 其他运转类 特定目标类 工资福利支出 对个人和家庭的补助",
        [
            "total",
            "basic",
            "basic.personnel.wages",
            "basic.personnel.households",
            "basic.public",
            "project",
            "project.operating",
            "project.specific",
        ],
    ),
    (
        "部门代 码 部门（项目）名称 项目类 型 合计 本年拨款 上年结转结余 财政专户 管理资金 单位 资金 一般公共"
        " 预算 政府性基 金预算 国有资本 经营预算 一般公 共预算 政府性基 金预算 国有资本 经营预算",
        [
            "total",
            "fiscal.general",
            "fiscal.gov_fund",
            "fiscal.soe",
            "carryover.general",
            "carryover.gov_fund",
            "carryover.soe",
            "special_account",
            "unit_funds",
        ],
    ),
    (
        "序号 项 目 资 金 性 质 合计 一般公共预算 财政拨款 政府性基金 预算拨款 国有资本经营 预算财政拨款",
        ["amount", "fiscal.general", "fiscal.gov_fund", "fiscal.soe"],
    ),
    (
        "“三公”经费合计 因公出国（境）费 公务用车购置及运行费 公务接待费 小计 公务用车购置费 公务用车运行费",
        [
            "total@",
            "overseas@",
            "vehicles@",
            "vehicles.purchase@",
            "vehicles.operation@",
            "reception@",
        ],
    ),
]


@pytest.mark.parametrize(("text", "keys"), CASES)
def test_header_keys(text: str, keys: list[str]) -> None:
    assert parse_header(text).keys == keys


def test_final_accounts_headers() -> None:
    text = "项目 本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出"
    assert parse_header(text).keys == [
        "total",
        "basic",
        "project",
        "remit_superior",
        "operating_expenditure",
        "subsidy_affiliated",
    ]
    assert parse_header("项目 年初预算数 全年预算数 决算数").keys == [
        "budget_initial",
        "budget_adjusted",
        "final",
    ]


def _tab_keys(*rows: str) -> dict[int, str]:
    paths = parse_tab_header([row.split("\t") for row in rows])
    return {j: column_key(path) for j, path in paths.items()}


def test_funding_source_over_purposes_names_the_scope() -> None:
    # 一般公共预算支出 over 合计 | 基本支出 | 项目支出: the leaves keep their own keys
    keys = _tab_keys(
        "项目\t\t\t\t一般公共预算支出\t\t",
        "功能分类科目编码\t\t\t功能分类科目名称\t合计\t基本支出\t项目支出",
        "类\t款\t项\t\t\t\t",
    )
    assert keys == {4: "total", 5: "basic", 6: "project"}
    # but 一般公共预算 over 小计 | 其中：财政拨款 is a real group
    keys = _tab_keys("合计\t一般公共预算\t", "\t小计\t其中：财政拨款")
    assert keys == {0: "total", 1: "fiscal.general", 2: "fiscal.general.grant"}


def test_side_heading_over_the_name_column_names_the_scope() -> None:
    keys = _tab_keys(
        "财政拨款收入\t\t财政拨款支出\t\t\t\t",
        "项目\t预算数\t项目\t合计\t一般公共预算\t政府性基金预算\t国有资本经营预算",
    )
    assert keys == {3: "total", 4: "fiscal.general", 5: "fiscal.gov_fund", 6: "fiscal.soe"}


def test_three_public_heading_over_items_and_operating_costs() -> None:
    keys = _tab_keys(
        "“三公”经费预算数\t\t\t\t\t\t机关运行经费预算数",
        "合计\t因公出国(境)费\t公务接待费\t公务用车购置及运行费\t\t\t",
        "\t\t\t小计\t购置费\t运行费\t",
    )
    assert list(keys.values()) == [
        "total",
        "overseas@",
        "reception@",
        "vehicles@",
        "vehicles.purchase@",
        "vehicles.operation@",
        "operating_costs@",
    ]


def test_bare_integers_are_amounts_only_in_amount_cells() -> None:
    assert not is_amount("0") and not is_amount("237")
    assert is_cell_amount("0") and is_cell_amount("237") and is_cell_amount("1,234")
    assert not is_cell_amount("合计") and not is_cell_amount("")


def test_prior_year_and_change_columns_by_cell_position() -> None:
    """2025年执行数 | 2026年预算数 (年初预算数 › 小计/基本/项目) | 增减 groups (central 表5)."""
    from cnbudget.layout.header import parse_tab_header
    from cnbudget.tables.common import undate
    from cnbudget.vocabulary.columns import column_key

    rows = [
        ["功能分类科目", "", "2025 年执行数", "", "2026 年预算数", "", "", "",
         "2026 年预算数比2025 年执行数", "", "2026 年预算数比2025 年执行数（扣除中央基建投资）", ""],
        ["科目编码", "科目名称", "执行数", "扣除中央基建投资后执行数", "年初预算数", "", "",
         "扣除中央基建投资后预算数", "增减额", "增减(%)", "增减额", "增减(%)"],
        ["", "", "", "", "小计", "基本支出", "项目支出", "", "", "", "", ""],
    ]  # fmt: skip
    paths = parse_tab_header(rows)
    keys = undate([column_key(paths[j]) for j in sorted(paths)])
    assert keys == [
        "prior_year",
        "prior_year.excl_infrastructure",
        "total",
        "basic",
        "project",
        "total.excl_infrastructure",
        "change",
        "change_pct",
        "change.excl_infrastructure",
        "change_pct.excl_infrastructure",
    ]
    # without a prior-year column the year suffix stays (three_public reads it)
    assert undate(["total@2026", "overseas@2026"]) == ["total@2026", "overseas@2026"]
