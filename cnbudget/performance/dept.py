"""部门（单位）整体绩效目标: the table (Henan 预算12) or the prose section (Hebei)."""

from __future__ import annotations

import re
from decimal import Decimal

from cnbudget.model import DeptPerformance, DeptTask, Indicator, SourceLine
from cnbudget.performance.common import amount, is_noise, make_indicator
from cnbudget.performance.values import looks_like_value
from cnbudget.vocabulary.normalize import compact

_TABLE_TITLE = re.compile(r"^部门[（(]单位[)）]整体绩效目标表")
_PROSE_TITLE = re.compile(r"^(?:[一二三四五六七八九十]+、)?部门整体绩效目标$")
_BUDGET_LINES = (
    (re.compile(r"^部门预算总额"), "total"),
    (re.compile(r"^(?:1、资金来源：)?[（(]1[)）]政府预算资金"), "fiscal"),
    (re.compile(r"^[（(]2[)）]财政专户管理资金"), "special_account"),
    (re.compile(r"^[（(]3[)）]单位资金"), "unit_funds"),
    (re.compile(r"^(?:2、资金结构：)?[（(]1[)）]基本支出"), "basic"),
    (re.compile(r"^[（(]2[)）]项目支出"), "project"),
)
_LEVEL1 = ("投入管理指标", "产出指标", "效益指标", "满意度指标")
_INDICATOR_HEADER = re.compile(r"^一级指标二级指标三级指标指标值")
_SENTENCE_VALUE = re.compile(
    r"(?:大于等于|小于等于|不低于|不少于|不超过|大于|小于|等于|≥|≤)\s*\d+(?:\.\d+)?\s*(?:%|％|个|人|家|次|天|万元|元)?"
)
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[)）](?P<title>.+)$")


def find_table(lines: list[SourceLine]) -> int | None:
    """Index of the 部门（单位）整体绩效目标表 title, or None."""
    for index, line in enumerate(lines):
        if _TABLE_TITLE.match(compact(line.text)):
            return index
    return None


def parse_table(lines: list[SourceLine]) -> DeptPerformance:
    """The table form: department, 年度履职目标, tasks, budget (元 → 万元), indicators."""
    result = DeptPerformance(line=lines[0].number)
    factor = Decimal(1)
    index = 1
    section = ""
    task_lines: list[SourceLine] = []
    while index < len(lines):
        line = lines[index]
        flat = compact(line.text)
        index += 1
        if _INDICATOR_HEADER.match(flat):
            break
        if flat.startswith("部门名称："):
            result.department = flat.removeprefix("部门名称：") or None
        elif flat.startswith("年度履职目标"):
            result.goal = flat.removeprefix("年度履职目标") or None
        elif flat.startswith("任务名称"):
            section = "tasks"
        elif flat.startswith("预算情况"):
            section = "budget"
        elif section == "tasks" and flat:
            task_lines.append(line)
        elif section == "budget":
            if "（元）" in flat or "(元)" in flat:
                factor = Decimal(10000)
            for pattern, key in _BUDGET_LINES:
                if pattern.match(flat):
                    tokens = line.text.split()
                    value = amount(tokens[-1]) if tokens else None
                    if value is not None:
                        result.budget[key] = (value / factor).normalize()
    if task_lines:
        content = "".join(compact(line.text) for line in task_lines[1:])
        result.tasks.append(DeptTask(compact(task_lines[0].text), content, task_lines[0].number))
    result.indicators = _table_indicators(lines[index:])
    return result


def _table_indicators(lines: list[SourceLine]) -> list[Indicator]:
    indicators: list[Indicator] = []
    level1: str | None = None
    level2: str | None = None
    heading = ""
    pending: tuple[str, int] | None = None  # a wrapped name waiting for its value
    body = [line for line in lines if line.text.strip() and not is_noise(line.text)]
    for position, line in enumerate(body):
        text = line.text.strip()
        tokens = text.split()
        if pending is not None:
            if len(compact(text)) <= 2 and not looks_like_value(text):
                pending = (pending[0] + compact(text), pending[1])
                continue
            if len(tokens) == 1 and (looks_like_value(text) or len(text) <= 4):
                indicators.append(make_indicator(level1, level2, pending[0], text, line.number))
                pending = None
                continue
            if indicators:
                indicators[-1].description = (indicators[-1].description or "") + pending[0]
            pending = None
        following = body[position + 1].text.strip() if position + 1 < len(body) else ""
        if (
            len(tokens) == 1
            and 0 < len(compact(following)) <= 2
            and not looks_like_value(following)
            and _CJK.match(compact(text))
            and len(compact(text)) > 8
        ):
            pending = (compact(text), line.number)
            continue
        if len(tokens) >= 2 and (looks_like_value(tokens[-1]) or len(tokens[-1]) <= 4):
            if heading:
                level2, heading = heading, ""
            if len(tokens) >= 3:
                level2 = tokens[0]
            name = tokens[-2]
            indicators.append(make_indicator(level1, level2, name, tokens[-1], line.number))
            continue
        flat = compact(text)
        if heading and len(flat) <= 2:  # 投入管理指 / 标, 重点工作任务完 / 成
            flat, heading = heading + flat, ""
        elif heading:
            level2, heading = heading, ""
        if flat in _LEVEL1:
            level1 = flat
            continue
        if len(flat) <= 8 and _CJK.match(flat):
            heading = flat
            continue
        if indicators:  # 指标值说明: the explanation of the last indicator
            last = indicators[-1]
            last.description = (last.description or "") + flat
    return indicators


def find_prose(lines: list[SourceLine]) -> int | None:
    """Index of a prose heading 部门整体绩效目标 (not a table title), or None."""
    for index, line in enumerate(lines):
        if _PROSE_TITLE.match(compact(line.text)):
            return index
    return None


def parse_prose(lines: list[SourceLine]) -> DeptPerformance:
    """The prose form: （一）总体绩效目标, （二）分项绩效目标 with 绩效目标：/绩效指标： items."""
    result = DeptPerformance(line=lines[0].number)
    section = ""
    goal: list[str] = []
    title: str | None = None
    title_line = 0
    field = ""
    texts: dict[str, str] = {}
    for line in lines[1:]:
        flat = compact(line.text)
        if not flat:
            continue
        if re.match(r"^[一二三四五六七八九十]+、", flat) or "工作保障措施" in flat:
            break
        if "总体绩效目标" in flat:
            section = "goal"
            continue
        if "分项绩效目标" in flat:
            section = "items"
            continue
        if section == "goal":
            goal.append(flat)
            continue
        if section != "items":
            continue
        item = _ITEM.match(flat)
        if item and not flat.startswith(("绩效目标", "绩效指标")):
            _close_item(result, title, title_line, texts)
            title, title_line, texts, field = item.group("title"), line.number, {}, ""
            continue
        for label in ("绩效目标", "绩效指标"):
            if flat.startswith(label + "："):
                field = label
                texts[label] = flat.removeprefix(label + "：")
                texts[label + "@line"] = str(line.number)
                break
        else:
            if field:
                texts[field] = texts.get(field, "") + flat
    _close_item(result, title, title_line, texts)
    result.goal = "".join(goal) or None
    return result


def _close_item(
    result: DeptPerformance, title: str | None, line: int, texts: dict[str, str]
) -> None:
    if title is None:
        return
    result.tasks.append(DeptTask(title, texts.get("绩效目标", ""), line))
    sentence = texts.get("绩效指标")
    if sentence:
        matches = list(_SENTENCE_VALUE.finditer(sentence))
        raw = matches[-1].group(0) if matches else sentence
        where = int(texts.get("绩效指标@line", line))
        indicators = make_indicator(None, None, title, raw, where, description=sentence)
        result.indicators.append(indicators)
