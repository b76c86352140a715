"""Document metadata: department, budget year, unit, kind (预算/决算), scope (部门/单位).

The cover (the lines before 目录 on the first page: "国家信访局 2026 年度部门预算",
"2026年 / 广州市商务局部门预算", "上海市普陀区2025年区级部门预算 / 预算主管部门：…")
is the strongest evidence; page headers, titles and the most frequent year follow.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from cnbudget.layout.sections import Layout
from cnbudget.model import Metadata, SourceLine
from cnbudget.vocabulary.normalize import compact

_YEAR = re.compile(r"(20\d{2})\s*年度?\s*(?:部门|单位)?\s*(?:预算|决算)|预算年度[：:]\s*(20\d{2})")
# "部门预算支出经济分类" is a column label, not a statement of scope
_SCOPE_UNIT = re.compile(r"单位(?:预算|决算)(?!支出经济|经济分类)")
_SCOPE_DEPARTMENT = re.compile(r"部门(?:预算|决算)(?!支出经济|经济分类)")
_DEPARTMENT_TITLE = re.compile(
    r"20\d{2}年度?(\S+?(?:局|委员会|委|办公室|中心|院|厅|部|会|馆|站|所|队))"
)
_COVER_YEAR = re.compile(r"(20\d{2})年度?")
_COVER_KIND = re.compile(r"(?:[区市县省]级)?(部门|单位)?(预算|决算)(?:公开)?")
# a department named on the cover with a label (上海: 预算主管部门：…, 预算单位：…)
_COVER_LABEL = re.compile(r"(?:预算主管部门|主管部门|预算单位|部门名称|单位名称)[：:](\S+)")
_NOT_A_NAME = re.compile(r"[\d，。；：:、…]|^(?:度|部门|单位|年)")
_COVER_LINES = 8


@dataclass(slots=True)
class Cover:
    """What the cover says: year, department, 预算/决算 and 部门/单位 (None where silent)."""

    year: int | None = None
    department: str | None = None
    kind: str | None = None
    scope: str | None = None


def read_cover(lines: list[SourceLine]) -> Cover:
    """The cover: the first lines of the first page, up to 目录 or a part heading."""
    texts: list[str] = []
    first_page = next((line.page for line in lines if line.text.strip()), None)
    for line in lines:
        flat = compact(line.text)
        if not flat:
            continue
        if line.page != first_page or len(texts) == _COVER_LINES:
            break
        if flat.startswith(("目录", "第一部分")) or "\t" in line.text or len(flat) > 60:
            break
        texts.append(flat)
    cover = Cover()
    text = "".join(texts)
    year = _COVER_YEAR.search(text)
    kind = _COVER_KIND.search(text)
    if year is None or kind is None:
        return cover
    cover.year = int(year.group(1))
    cover.kind = kind.group(2)
    cover.scope = kind.group(1)
    label = _COVER_LABEL.search(text)
    if label:
        cover.department = label.group(1)
        return cover
    rest = text[: min(year.start(), kind.start())] + "|" + text[year.end() : kind.start()]
    if year.start() > kind.start():
        rest = text[: kind.start()]
    names = [part for part in rest.split("|") if 2 < len(part) <= 40]
    if len(names) == 1 and not _NOT_A_NAME.search(names[0]):
        cover.department = names[0]
    return cover


def extract(lines: list[SourceLine], layout: Layout) -> Metadata:
    """Read what the document says about itself from headers, titles and headings."""
    meta = Metadata()
    cover = read_cover(lines)
    departments = Counter(h.department for h in layout.headers if h.department)
    if cover.department:
        meta.department = cover.department
    elif departments:
        meta.department = departments.most_common(1)[0][0]
    years: Counter[int] = Counter()
    scopes: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for line in lines:
        text = line.text
        for match in _YEAR.finditer(text) if "年" in text else ():
            years[int(match.group(1) or match.group(2))] += 1
        if "算" not in text:
            continue
        flat = compact(text)
        if len(flat) <= 40 and not re.search(r"[，。：；:,]", flat):
            scopes["单位"] += len(_SCOPE_UNIT.findall(flat))
            scopes["部门"] += len(_SCOPE_DEPARTMENT.findall(flat))
        if meta.department is None and len(flat) <= 60:
            title = _DEPARTMENT_TITLE.search(flat)
            if title and not _NOT_A_NAME.search(title.group(1)):
                meta.department = title.group(1)
    for block in layout.blocks:
        heading = compact(block.title)
        kinds["决算"] += heading.count("决算")
        kinds["预算"] += heading.count("预算")
    if cover.year is not None:
        meta.year = cover.year
    elif years:
        meta.year = years.most_common(1)[0][0]
    if cover.scope is not None:
        meta.scope = cover.scope
    elif scopes["单位"] or scopes["部门"]:
        meta.scope = "单位" if scopes["单位"] > scopes["部门"] else "部门"
    if cover.kind is not None:
        meta.kind = cover.kind
    else:
        meta.kind = "决算" if kinds["决算"] > kinds["预算"] else "预算"
    units = Counter(h.unit for h in layout.headers if h.unit)
    if units:
        meta.unit = units.most_common(1)[0][0]
    return meta
