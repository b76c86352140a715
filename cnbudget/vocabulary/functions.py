"""Function classification (支出功能分类) classes: names to 3-digit codes."""

from __future__ import annotations

from cnbudget.vocabulary.normalize import normalize, strip_numbering

# (code, canonical name, other printed names). Names are matched after removing
# numbering and the trailing 支出/事务.
CLASSES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("201", "一般公共服务", ()),
    ("202", "外交", ()),
    ("203", "国防", ()),
    ("204", "公共安全", ()),
    ("205", "教育", ()),
    ("206", "科学技术", ()),
    ("207", "文化旅游体育与传媒", ("文化体育旅游与传媒", "文化体育与传媒", "文化和旅游体育与传媒")),
    ("208", "社会保障和就业", ()),
    ("209", "社会保险基金", ()),
    ("210", "卫生健康", ("医疗卫生与计划生育", "医疗卫生")),
    ("211", "节能环保", ()),
    ("212", "城乡社区", ()),
    ("213", "农林水", ()),
    ("214", "交通运输", ()),
    ("215", "资源勘探工业信息等", ("资源勘探信息等", "资源勘探电力信息等")),
    ("216", "商业服务业等", ()),
    ("217", "金融", ()),
    ("219", "援助其他地区", ()),
    ("220", "自然资源海洋气象等", ("国土海洋气象等",)),
    ("221", "住房保障", ()),
    ("222", "粮油物资储备", ()),
    ("223", "国有资本经营预算", ()),
    ("224", "灾害防治及应急管理", ()),
    ("227", "预备费", ()),
    ("229", "其他", ()),
    ("230", "转移性", ()),
    ("231", "债务还本", ()),
    ("232", "债务付息", ()),
    ("233", "债务发行费用", ()),
    ("234", "抗疫特别国债安排", ("抗疫特别国债安排的",)),
)

CLASS_NAMES: dict[str, str] = {code: name for code, name, _ in CLASSES}


def _key(name: str) -> str:
    name = strip_numbering(normalize(name))
    for suffix in ("支出", "事务", "的"):
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    return name


_BY_NAME: dict[str, str] = {}
for _code, _name, _others in CLASSES:
    for _variant in (_name, *_others):
        _BY_NAME[_key(_variant)] = _code


def class_code(name: str) -> str | None:
    """The 3-digit class code of a printed class name (`十二、城乡社区事务` → `212`)."""
    key = _key(name)
    if key in _BY_NAME:
        return _BY_NAME[key]
    if key.endswith("事务"):
        return _BY_NAME.get(key[:-2])
    return None


def is_class_code(code: str) -> bool:
    """True for the 3-digit codes of function classes."""
    return code in CLASS_NAMES
