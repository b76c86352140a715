"""Chinese names of column keys and tables, for messages."""

from __future__ import annotations

COLUMNS: dict[str, str] = {
    "total": "合计",
    "amount": "金额",
    "current": "本年收入",
    "fiscal": "财政拨款",
    "fiscal.general": "一般公共预算",
    "fiscal.general.grant": "其中：财政拨款",
    "fiscal.gov_fund": "政府性基金预算",
    "fiscal.soe": "国有资本经营预算",
    "special_account": "财政专户管理资金",
    "unit_funds": "单位资金",
    "business": "事业收入",
    "operating": "事业单位经营收入",
    "other": "其他收入",
    "superior": "上级补助收入",
    "affiliated": "附属单位上缴收入",
    "non_fiscal_balance": "使用非财政拨款结余",
    "carryover": "上年结转",
    "basic": "基本支出",
    "basic.personnel": "人员经费",
    "basic.personnel.wages": "工资福利支出",
    "basic.personnel.households": "对个人和家庭的补助",
    "basic.public": "公用经费",
    "project": "项目支出",
    "project.operating": "其他运转类",
    "project.specific": "特定目标类",
    "carry_forward": "结转下年",
    "operating_expenditure": "经营支出",
    "remit_superior": "上解上级支出",
    "subsidy_affiliated": "对附属单位补助支出",
}


def column(key: str) -> str:
    return COLUMNS.get(key, key)
