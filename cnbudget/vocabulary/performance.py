"""Performance-indicator vocabulary: the standard 一级/二级 indicator names and 依据 words."""

from __future__ import annotations

import re

# 一级指标 of the national project-performance framework (产出/成本/效益/满意度).
LEVEL1 = frozenset({"产出指标", "成本指标", "效益指标", "满意度指标"})
# 二级指标 of the same framework, with the short forms printed by some templates.
LEVEL2 = frozenset(
    {
        "数量指标",
        "质量指标",
        "时效指标",
        "成本指标",
        "经济成本指标",
        "社会成本指标",
        "生态环境成本指标",
        "经济成本",
        "社会成本",
        "生态环境成本",
        "经济效益指标",
        "社会效益指标",
        "生态效益指标",
        "可持续影响指标",
        "服务对象满意度指标",
        "满意度指标",
    }
)
# 指标值确定依据: the options of the reporting systems end in these words.
_BASIS = re.compile(r"^(?:[\u4e00-\u9fff]{0,4}(?:标准|计划|问卷|调查|要求|预测|其他))$")


def is_basis(token: str) -> bool:
    """True for a 指标值确定依据 word such as 计划标准, 年初计划, 调查问卷, 文件要求."""
    return len(token) <= 6 and bool(_BASIS.match(token))


def level1_of(level2: str | None) -> str | None:
    """The 一级指标 a standard 二级指标 belongs to."""
    if level2 is None:
        return None
    if "满意" in level2:
        return "满意度指标"
    if "成本" in level2:
        return "成本指标"
    if "效益" in level2 or "影响" in level2:
        return "效益指标"
    if level2 in ("数量指标", "质量指标", "时效指标"):
        return "产出指标"
    return None
