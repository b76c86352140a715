"""Synthetic performance-target sections in the three printed styles, with the truth.

`generate_targets(seed, style)` draws random projects and indicators and prints them as
the samples do: `block` (Shandong, space-separated: names wrapped at the column width,
values beside the last name line or on their own line), `tab` (Shandong, tab-separated),
`hebei` (项目编码, 资金支出计划, 绩效指标描述, 依据, wrapped descriptions) and `henan`
(预算13表: the four indicator columns side by side, wrapped codes, names and values).
Page furniture (repeated titles, page numbers, repeated project headers) falls at random.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

STYLES = ("block", "tab", "hebei", "henan")

_CJK = (
    "医保基金监管服务参保群众救助资助财政补助标准人员费用检查机构政策宣传培训"
    "系统运行维护工作经费质量时效覆盖规范管理信息平台定点结算审核待遇落实"
)
_LEVELS = (
    ("成本指标", "经济成本"),
    ("产出指标", "数量指标"),
    ("产出指标", "质量指标"),
    ("产出指标", "时效指标"),
    ("效益指标", "社会效益指标"),
    ("效益指标", "可持续影响指标"),
    ("满意度指标", "服务对象满意度指标"),
)
_UNITS = ("%", "万元", "元/人/年", "人次", "家", "天", "个", "次", "人", "份", "元")
_WORDS = ("显著", "稳步提升", "健全", "及时", "有效缓解", "逐步完善", "提高", "保障")
_BASES = ("计划标准", "年初计划", "经验标准", "测算标准", "历史标准", "调查问卷", "文件要求")
_FURNITURE = ("项目支出绩效目标表", "(2025年度)", "政策和项目预算绩效目标表", "— {n} —")


@dataclass(slots=True)
class TrueIndicator:
    """What a perfect parser reads for one indicator."""

    level1: str
    level2: str | None
    name: str
    raw: str
    comparator: str | None
    number: Decimal | None
    unit: str | None


@dataclass(slots=True)
class TrueProject:
    """What a perfect parser reads for one project."""

    name: str
    code: str | None
    total: Decimal
    fiscal: Decimal
    other: Decimal | None
    indicators: list[TrueIndicator] = field(default_factory=list)


@dataclass(slots=True)
class SyntheticTargets:
    """A printed performance section and its truth."""

    style: str
    text: str
    projects: list[TrueProject]


def _word(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choice(_CJK) for _ in range(rng.randint(low, high)))


def _amount(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def _indicator(rng: random.Random, level1: str, level2: str, spaced: bool) -> TrueIndicator:
    name = _word(rng, 3, 28) + ("满意度" if level1 == "满意度指标" else "")
    if rng.random() < 0.25 and level1 != "满意度指标":
        word = rng.choice(_WORDS)
        return TrueIndicator(level1, level2, name, word, None, None, None)
    comparator = rng.choice(("≥", "≤", "=", None))
    number = _amount(rng, 0, 20000) if rng.random() < 0.3 else Decimal(rng.randint(0, 50000))
    unit = "%" if level1 == "满意度指标" else rng.choice((*_UNITS, None))
    gap = " " if spaced and unit and rng.random() < 0.5 else ""
    raw = f"{comparator or ''}{number}{gap}{unit or ''}"
    return TrueIndicator(level1, level2, name, raw, comparator, number, unit)


def _project(rng: random.Random, index: int, spaced: bool, code: str | None) -> TrueProject:
    total = _amount(rng, 1, 20000)
    other = Decimal("0.00") if rng.random() < 0.7 else None
    name = str(index) + _word(rng, 4, 40)
    project = TrueProject(name, code, total, total, other)
    for level1, level2 in _LEVELS:
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            project.indicators.append(_indicator(rng, level1, level2, spaced))
    return project


def generate_targets(seed: int, style: str) -> SyntheticTargets:
    """A random performance section printed in `style` (see STYLES)."""
    rng = random.Random(f"{style}:{seed}")
    count = rng.randint(1, 4)
    codes: list[str | None]
    if style == "henan":
        codes = [f"4190012{rng.randint(0, 10**13):013d}{rng.randint(0, 9)}" for _ in range(count)]
    elif style == "hebei":
        codes = [
            f"13020825P{rng.randint(0, 10**11):011d}{rng.choice('ABCFHLPTU')}" for _ in range(count)
        ]
    else:
        codes = [None] * count
    projects = [_project(rng, i, style == "hebei", codes[i]) for i in range(count)]
    if style == "henan":
        for project in projects:  # Henan prints no 其他资金 and no 二级指标
            project.other = None
            for indicator in project.indicators:
                indicator.level2 = None
    render = {"block": _block, "tab": _tab, "hebei": _hebei, "henan": _henan}[style]
    return SyntheticTargets(style, render(projects, rng), projects)


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def _furniture(rng: random.Random) -> list[str]:
    picked = [item.format(n=rng.randint(10, 40)) for item in _FURNITURE if rng.random() < 0.7]
    return ["", *picked, ""]


def _block(projects: list[TrueProject], rng: random.Random) -> str:
    out: list[str] = []
    for project in projects:
        out += [
            f" 项目名称 {project.name}",
            "",
            "主管部门及代码 316_某市某局 实施单位 某市某局",
            "",
        ]
        out += ["项目资金", "（万元）", "", f"年度预算资金总额： {project.total}", ""]
        out += [f"其中：财政拨款 {project.fiscal}", ""]
        if project.other is not None:
            out += [f"　　　其他资金 {project.other}", ""]
        out += ["总体目标 " + _word(rng, 10, 60), "", "一级指标 二级指标 三级指标 指标值", ""]
        for level1, level2 in _LEVELS:
            group = [i for i in project.indicators if (i.level1, i.level2) == (level1, level2)]
            if level2 == "服务对象满意度指标":
                out += [f"绩效指标 {level1}", "服务对象满意度", "", "指标"]
                lines: list[str] = []
            else:
                lines = [f"绩效指标 {level1} {level2}"]
            for indicator in group:
                pieces = _wrap(indicator.name, 15)
                # a name that fits its cell is printed beside its value
                if len(pieces) == 1 and len(indicator.raw) <= 12:
                    if lines and lines[-1]:
                        lines[-1] += f" {indicator.name} {indicator.raw}"
                    else:
                        lines.append(f"{indicator.name} {indicator.raw}")
                    lines += [""]
                    continue
                lines += pieces[:-1]
                if rng.random() < 0.5:
                    lines += [f"{pieces[-1]} {indicator.raw}", ""]
                else:
                    lines += [pieces[-1], "", indicator.raw, ""]
            if rng.random() < 0.15:
                cut = rng.randint(0, len(lines))
                lines[cut:cut] = _furniture(rng)
            out += lines
        out += _furniture(rng)
    return "\n".join(out) + "\n"


def _tab(projects: list[TrueProject], rng: random.Random) -> str:
    out: list[str] = []
    for project in projects:
        out += [f"项目名称\t\t{project.name}\t\t", ""]
        out += ["主管部门及代码\t\t186_某区某局\t实施单位\t某区某局机关"]
        out += [f"项目资金 (万元)\t\t年度预算资金总额:\t{project.total}\t"]
        out += [f"\t\t其中:财政拨款\t{project.fiscal}\t"]
        if project.other is not None:
            out += [f"\t\t其他资金\t{project.other}\t"]
        out += [
            f"总体目标\t<p>{_word(rng, 10, 80)}</p>\t\t\t",
            "\t一级指标\t二级指标\t三级指标\t指标值",
        ]
        previous: tuple[str, str | None] | None = None
        for indicator in project.indicators:
            key = (indicator.level1, indicator.level2)
            if key != previous:
                out.append(
                    f"绩效指标\t{indicator.level1}\t{indicator.level2}\t{indicator.name}\t{indicator.raw}"
                )
            else:
                out.append(f"\t\t\t{indicator.name}\t{indicator.raw}")
            previous = key
            if rng.random() < 0.05:
                out += ["", "政策和项目预算绩效目标表", ""]
        out += ["", "政策和项目预算绩效目标表", ""]
    return "\n".join(out) + "\n"


def _hebei(projects: list[TrueProject], rng: random.Random) -> str:
    out: list[str] = []
    for number, project in enumerate(projects, start=1):
        out += [f" {number}、{project.name}绩效目标表", "单位：万元", ""]
        head = f"项目编码 {project.code} 项目名称"
        if rng.random() < 0.5:
            out += [f"{head} {project.name}", ""]
        else:
            out += [head, *_wrap(project.name, 28), ""]
        other = "" if project.other is None else f" {project.other}"
        out += ["预算规模及", "资金用途", ""]
        out += [f"预算数 {project.total} 其中：财政 资金 {project.fiscal} 其他资金{other}", ""]
        out += [
            _word(rng, 5, 40),
            "",
            "资金支出计",
            "划（%）",
            "",
            "3 月底 6 月底 10 月底 12 月底",
            "",
        ]
        quarter = (project.total / 4).quantize(Decimal("0.01"))
        out += [f"{quarter} {quarter * 2} {quarter * 3} {project.total}", ""]
        out += [
            "绩效目标",
            f"1.{_word(rng, 5, 30)}",
            "",
            "一级指标 二级指标 三级指标 绩效指标描述 指标值",
        ]
        out += ["指标值确定", "", "依据", ""]
        previous = None
        for indicator in project.indicators:
            basis = rng.choice(_BASES)
            description = _word(rng, 3, 50)
            if indicator.level1 == "产出指标":
                if previous != "产出指标":
                    out += ["产出指标", ""]
                start = indicator.level2
            else:
                start = f"{indicator.level1} {indicator.level2}"
            previous = indicator.level1
            if len(description) > 24:
                out += [
                    f"{start} {indicator.name}",
                    *_wrap(description, 24),
                    "",
                    indicator.raw,
                    basis,
                ]
            else:
                out += [f"{start} {indicator.name} {description} {indicator.raw} {basis}", ""]
    return "\n".join(out) + "\n"


_HENAN_HEAD = [
    " 预算13表",
    "",
    "2025年度部门预算项目绩效目标表",
    "部门名称： 某示范区某局",
    "",
    "单位编码（项目编码）",
    "项目单位 （项目名称",
    "",
    "）",
    "",
    "项目金额（万元）",
    "绩效目标",
    "",
    "成本指标 产出指标 效益指标 满意度指标",
    "",
    "资金总额",
    "政府预算",
    "资金",
    "",
    "三级指标 指标值 三级指标 指标值 三级指标 指标值 三级指标 指标值",
    "",
]
_COLUMNS = ("成本指标", "产出指标", "效益指标", "满意度指标")


def _henan(projects: list[TrueProject], rng: random.Random) -> str:
    out = list(_HENAN_HEAD)
    out += [
        "036001",
        "某示范区",
        "",
        "某局",
        f"{sum(p.total for p in projects)} {sum(p.total for p in projects)}",
        "",
    ]
    for project in projects:
        header = [project.code[:-1] if project.code else "", (project.code or "")[-1], ""]
        header += _wrap(project.name, 9)
        header += [f"{project.total:,} {project.fiscal:,}", ""]
        out += header
        # cells row by row: the four columns side by side, wrapped at their widths
        columns = {c: [i for i in project.indicators if i.level1 == c] for c in _COLUMNS}
        rows = max(len(v) for v in columns.values())
        for r in range(rows):
            for column in _COLUMNS:
                if r < len(columns[column]):
                    indicator = columns[column][r]
                    names = _wrap(indicator.name, 9)
                    values = (
                        _wrap(indicator.raw, 8) if indicator.number is None else [indicator.raw]
                    )
                    out += names[:-1]
                    out += [f"{names[-1]} {values[0]}", *values[1:], ""]
            if rng.random() < 0.1:  # a page break repeats the project's header
                out += ["", *header]
    return "\n".join(out) + "\n"


@dataclass(slots=True)
class Score:
    """Indicators printed, read exactly, and (Henan) with the right 一级指标."""

    indicators: int = 0
    exact: int = 0
    level1: int = 0
    projects: int = 0
    projects_exact: int = 0


def score(seed: int, style: str) -> Score:
    """Parse one synthetic section and compare with its truth, in printed order.

    An indicator is exact when name, raw text, comparator, number and unit match, and,
    except for Henan (where the 一级指标 is inferred), its 一级/二级指标 too."""
    from cnbudget.performance import extract
    from cnbudget.readers.text import read_bytes

    sample = generate_targets(seed, style)
    source = read_bytes(sample.text.encode("utf-8"), f"{style}-{seed}")
    projects, _target, _notices = extract(source.lines, source.tab_separated)
    result = Score()
    for index, truth in enumerate(sample.projects):
        result.projects += 1
        result.indicators += len(truth.indicators)
        if index >= len(projects):
            continue
        got = projects[index]
        money = (got.name, got.code, got.total, got.fiscal, got.other)
        if money == (truth.name, truth.code, truth.total, truth.fiscal, truth.other):
            result.projects_exact += 1
        pairs = list(zip(got.indicators, truth.indicators, strict=False))
        if style == "henan":  # printed row by row across the columns: match by name
            by_name = {(i.name, i.raw): i for i in got.indicators}
            pairs = [
                (by_name[(r.name, r.raw)], r)
                for r in truth.indicators
                if (r.name, r.raw) in by_name
            ]
        for mine, real in pairs:
            same = (mine.name, mine.raw, mine.comparator, mine.number, mine.unit) == (
                real.name,
                real.raw,
                real.comparator,
                real.number,
                real.unit,
            )
            levels = (mine.level1, mine.level2) == (real.level1, real.level2)
            result.level1 += mine.level1 == real.level1
            result.exact += same and (levels or style == "henan")
    return result
