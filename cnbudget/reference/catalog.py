"""Load the classification catalogues shipped in cnbudget/reference/ (see its README)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from cnbudget.vocabulary.normalize import normalize, strip_numbering


@dataclass(frozen=True, slots=True)
class Entry:
    """One code of a catalogue: its official name and former or variant names."""

    code: str
    name: str
    former: tuple[str, ...] = ()


@dataclass(slots=True)
class Catalog:
    """A catalogue: entries by code, what it covers, its source header."""

    name: str
    year: int
    source: str
    entries: dict[str, Entry] = field(default_factory=dict)
    complete_classes: frozenset[str] = frozenset()
    complete_kuan: frozenset[str] = frozenset()
    complete_xiang: frozenset[str] = frozenset()
    mapping: dict[str, frozenset[str]] = field(default_factory=dict)

    def covers(self, code: str) -> bool:
        """True when the catalogue lists every code of the branch `code` belongs to."""
        if len(code) == 3:
            return True  # every class is listed
        if len(code) == 5:
            return code[:3] in self.complete_kuan
        if len(code) == 7:
            return code[:5] in self.complete_xiang
        return False

    def get(self, code: str) -> Entry | None:
        return self.entries.get(code)


def _header(lines: list[str], key: str) -> str:
    prefix = f"# {key}:"
    for line in lines:
        if line.startswith(prefix):
            return line[len(prefix) :].strip()
    return ""


def _load(resource: str, name: str) -> Catalog:
    text = resources.files("cnbudget.reference").joinpath(resource).read_text(encoding="utf-8")
    lines = text.splitlines()
    catalog = Catalog(
        name=name,
        year=int(_header(lines, "year") or 0),
        source=_header(lines, "source"),
        complete_classes=frozenset(_header(lines, "complete-classes").split()),
        complete_kuan=frozenset(_header(lines, "complete-kuan").split()),
        complete_xiang=frozenset(_header(lines, "complete-xiang").split()),
    )
    for pair in _header(lines, "map").split():
        dept, _, gov = pair.partition("=")
        catalog.mapping[dept] = frozenset(gov.split(","))
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        former = tuple(p for p in parts[2].split("|") if p) if len(parts) > 2 else ()
        catalog.entries[parts[0]] = Entry(parts[0], parts[1], former)
    return catalog


@cache
def functions() -> Catalog:
    """支出功能分类科目 (类 3 digits, 款 5, 项 7)."""
    return _load("functions-2025.txt", "支出功能分类科目")


@cache
def economics() -> Catalog:
    """支出经济分类科目: department (301–399) and government (501–599) codes."""
    catalog = _load("economics-2025.txt", "支出经济分类科目")
    catalog.complete_xiang = frozenset()  # economic codes have two levels only
    return catalog


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A name a code carried from `first` to `last` (inclusive; None: open-ended)."""

    name: str
    first: int | None
    last: int | None

    def covers(self, year: int) -> bool:
        return (self.first is None or self.first <= year) and (
            self.last is None or year <= self.last
        )


@cache
def function_names() -> dict[str, tuple[NameSpan, ...]]:
    """The names of function classes by year (reference/function-names.txt)."""
    text = resources.files("cnbudget.reference").joinpath("function-names.txt")
    spans: dict[str, list[NameSpan]] = {}
    for line in text.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, name, first, last = [*line.split("\t"), "", ""][:4]
        span = NameSpan(name, int(first) if first else None, int(last) if last else None)
        spans.setdefault(code, []).append(span)
    return {code: tuple(items) for code, items in spans.items()}


def names_in_year(code: str, year: int) -> tuple[str, ...]:
    """The names `code` carried in `year` (empty when the history does not list the code)."""
    return tuple(s.name for s in function_names().get(code, ()) if s.covers(year))


def name_span(code: str, name: str) -> NameSpan | None:
    """When `name` was the name of `code` (compared by name_key), or None."""
    key = name_key(name)
    return next((s for s in function_names().get(code, ()) if name_key(s.name) == key), None)


_DROP = str.maketrans("", "", "（）()、，,·．.：:　 \t“”\"'")


@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """A name for comparison: numbering, spaces, brackets and a trailing 支出/的支出 removed."""
    key = strip_numbering(normalize(name)).translate(_DROP)
    for suffix in ("支出", "经费"):
        if key.endswith(suffix) and len(key) > len(suffix) + 1:
            key = key[: -len(suffix)]
    return key


@lru_cache(maxsize=8192)
def loose_key(name: str) -> str:
    """A looser key: without 的/和/及/与/等, 支出 and a trailing （一）/（二）."""
    key = name_key(name).replace("支出", "")
    if key.endswith(("一", "二")) and "资本性" in key:
        key = key[:-1]
    return key.translate(str.maketrans("", "", "的和及与等"))
