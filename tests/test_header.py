"""Header trees rebuilt from row-by-row header text."""

from __future__ import annotations

import pytest

from cnbudget.layout.header import parse_header

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
