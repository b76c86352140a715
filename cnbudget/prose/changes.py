"""Year-on-year statements: every “A万元，比上年增加D万元，增长P%” of the prose.

Three printed shapes are read, each into a NarrativeChange with its `base` (the current
amount stated with the change):

- one clause: “收入预算121,393.52万元，比上年增加10,410.58万元，增长9.4%”;
- both years: “2025年当年预算执行数为54.60万元，2026年预算安排53.84万元，比2025年预算执行数
  减少1.39%” (`prior` is the earlier year's amount);
- a sentence starting with the comparison (“…28.00万元，主要用于…。比上年执行数减少113.53
  万元，下降80.2%”): the base is the first amount of the sentence before.
"""

from __future__ import annotations

import re
from decimal import Decimal

from cnbudget.model import NarrativeChange
from cnbudget.prose.text import Prose

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_UP = ("增加", "增长", "上升", "增幅", "提高")
_DOWN = ("减少", "下降", "降低", "减幅", "降幅")
_DIR = r"(?P<dir>增加|减少|增长|下降|上升|降低)"
_PCT = (
    rf"(?:[，,]?(?P<pdir>增长|下降|上升|降低|减少|增加|增幅|减幅|降幅)(?:为)?(?P<p>{_NUM})[%％])?"
)
# 比上年 / 较2025年预算 / 与2023年度相比，(收、支总计各): a year is the only number allowed
_AGAINST = r"(?:比|较|与)[^，。；\d]{0,6}(?:\d{4}(?:年度|年)?)?[^。；\d]{0,16}?"
_ONE_CLAUSE = re.compile(
    rf"(?P<label>[^，。；：:\d]{{0,16}})(?:为)?(?P<a>{_NUM})(?:为)?万元[，,]?"
    rf"(?P<against>{_AGAINST}){_DIR}(?P<d>{_NUM})万元{_PCT}"
)
_BOTH_YEARS = re.compile(
    rf"(?P<y1>\d{{4}})年(?P<label>[^，。；\d]{{0,14}}?)(?:为)?(?P<x>{_NUM})万元[，,]"
    rf"(?P<y2>\d{{4}})年[^，。；\d]{{0,12}}?(?:为)?(?P<a>{_NUM})万元[，,]"
    rf"(?P<against>(?:比|较)\d{{4}}年[^，。；\d]{{0,12}}?){_DIR}"
    rf"(?:(?P<d>{_NUM})万元[，,]?(?:增长|下降|上升|降低|增加|减少)?)?(?:(?P<p>{_NUM})[%％])?"
)
_NEXT_SENTENCE = re.compile(
    rf"。(?P<against>(?:比|较|与)(?:上年|\d{{4}}年度?)[^。；\d]{{0,20}}?){_DIR}"
    rf"(?P<d>{_NUM})万元{_PCT}"
)
_FIRST_AMOUNT = re.compile(rf"(?P<a>{_NUM})万元")


def direction(word: str | None) -> str | None:
    """增加 or 减少 for a direction word (增长, 上升, 增幅 … / 下降, 降低, 减幅 …)."""
    if word is None:
        return None
    if word.startswith(_UP):
        return "增加"
    if word.startswith(_DOWN):
        return "减少"
    return None


def _decimal(text: str | None) -> Decimal | None:
    return Decimal(text.replace(",", "")) if text else None


def _label(text: str) -> str:
    """What changed, without years and 本部门/本单位 (收入预算, 一般公共预算当年拨款…)."""
    text = re.sub(r"\d{4}年度?|本部门|本单位|相应安排|其中", "", text)
    return re.sub(r"^[^\u4e00-\u9fff“]+", "", text.lstrip("年度")).strip("，,：: ")


def statements(prose: Prose) -> list[NarrativeChange]:
    """Every year-on-year statement, in the order printed (one per change figure)."""
    text = prose.text
    found: dict[int, NarrativeChange] = {}
    for match in _BOTH_YEARS.finditer(text):
        if int(match.group("y1")) >= int(match.group("y2")):
            continue
        found[match.start("a")] = _change(prose, match, prior=match.group("x"))
    for match in _ONE_CLAUSE.finditer(text):
        if match.start("a") not in found:
            found[match.start("a")] = _change(prose, match)
    for match in _NEXT_SENTENCE.finditer(text):
        start = text.rfind("。", 0, match.start()) + 1
        first = _FIRST_AMOUNT.search(text, start, match.start())
        if first is None or first.start("a") in found:
            continue
        label = _label(text[start : first.start()][-16:])
        change = _change(prose, match, base=first.group("a"), label=label)
        change.quote = text[first.start() : match.end()].lstrip("。")
        found[first.start("a")] = change
    return [found[key] for key in sorted(found)]


def _change(
    prose: Prose,
    match: re.Match[str],
    prior: str | None = None,
    base: str | None = None,
    label: str | None = None,
) -> NarrativeChange:
    groups = match.groupdict()
    word = direction(groups["dir"]) or "增加"
    amount = _decimal(groups.get("d"))
    if amount is not None and word == "减少":
        amount = -amount
    base_text = base or groups.get("a")
    line_at = match.start("d") if groups.get("d") else match.start("dir")
    return NarrativeChange(
        subject="statement",
        direction=word,
        amount=amount,
        percent=_decimal(groups.get("p")),
        reasons=None,
        line=prose.line_at(line_at),
        text=groups.get("d") or "",
        percent_text=groups.get("p"),
        base=_decimal(base_text),
        base_text=base_text,
        prior=_decimal(prior),
        prior_text=prior,
        percent_direction=direction(groups.get("pdir")) or (word if prior else None),
        label=label if label is not None else _label(groups.get("label") or ""),
        against=groups["against"],
        quote=match.group(0).lstrip("。"),
    )
