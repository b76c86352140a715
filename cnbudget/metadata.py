"""Document metadata: department, budget year, unit, kind (预算/决算), scope (部门/单位)."""

from __future__ import annotations

import re
from collections import Counter

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


def extract(lines: list[SourceLine], layout: Layout) -> Metadata:
    """Read what the document says about itself from headers, titles and headings."""
    meta = Metadata()
    departments = Counter(h.department for h in layout.headers if h.department)
    if departments:
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
            if title:
                meta.department = title.group(1)
    for block in layout.blocks:
        heading = compact(block.title)
        kinds["决算"] += heading.count("决算")
        kinds["预算"] += heading.count("预算")
    if years:
        meta.year = years.most_common(1)[0][0]
    if scopes["单位"] or scopes["部门"]:
        meta.scope = "单位" if scopes["单位"] > scopes["部门"] else "部门"
    meta.kind = "决算" if kinds["决算"] > kinds["预算"] else "预算"
    units = Counter(h.unit for h in layout.headers if h.unit)
    if units:
        meta.unit = units.most_common(1)[0][0]
    return meta
