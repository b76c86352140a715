"""Economic classification classes (部门预算支出经济分类, 类 level) printed by name only."""

from __future__ import annotations

from cnbudget.vocabulary.normalize import normalize, strip_numbering

# printed class name (normalised) -> 3-digit class code
ECONOMIC_CLASSES: dict[str, str] = {
    "工资福利支出": "301",
    "工资和福利支出": "301",
    "商品和服务支出": "302",
    "对个人和家庭的补助": "303",
    "对个人和家庭补助": "303",
    "对个人和家庭的补助支出": "303",
    "债务利息及费用支出": "307",
    "资本性支出（基本建设）": "309",
    "资本性支出": "310",
    "对企业补助（基本建设）": "311",
    "对企业补助": "312",
    "对社会保障基金补助": "313",
}


def economic_class(name: str) -> str | None:
    """The class code of an economic class printed by name without its code."""
    return ECONOMIC_CLASSES.get(strip_numbering(normalize(name)))
