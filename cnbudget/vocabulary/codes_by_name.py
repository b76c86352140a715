"""Classification codes of rows printed by name only (no code column).

Some templates (杭州) print the function or economic classification as an indented
list of names: `社会保障和就业支出` / `行政事业单位养老支出` / `行政单位离退休`. Read from
top to bottom, each name is looked up in the reference catalogue among the children
of the rows above it (a 项 of the open 款, then a 款 of the open 类, then a 类), so
that a name printed under several parents (`行政运行`) takes its own parent's code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from cnbudget.reference.catalog import Catalog, economics, functions, loose_key, name_key
from cnbudget.vocabulary.functions import class_code


@dataclass(frozen=True, slots=True)
class _Index:
    """Catalogue codes by (parent code, name key); the parent of a class is ``""``."""

    children: dict[tuple[str, str], str]
    levels: tuple[int, ...]


def _parent(code: str, levels: tuple[int, ...]) -> str:
    shorter = [n for n in levels if n < len(code)]
    return code[: shorter[-1]] if shorter else ""


def _build(catalog: Catalog, first_digits: str, levels: tuple[int, ...]) -> _Index:
    children: dict[tuple[str, str], str] = {}
    for code, entry in catalog.entries.items():
        if not code.startswith(tuple(first_digits)) or len(code) not in levels:
            continue
        parent = _parent(code, levels)
        for name in (entry.name, *entry.former):
            for key in (name_key(name), loose_key(name)):
                children.setdefault((parent, key), code)
    return _Index(children, levels)


@cache
def _function_index() -> _Index:
    return _build(functions(), "2", (3, 5, 7))


@cache
def _economic_index() -> _Index:
    return _build(economics(), "3", (3, 5))


@dataclass(slots=True)
class CodesByName:
    """Resolve printed names to codes in document order (one instance per table side)."""

    economic: bool = False
    path: list[str] = field(default_factory=list)  # the open 类, 款 (and 项) codes

    def enter(self, code: str) -> None:
        """A row with a known code: it becomes the parent of the names below it."""
        self.path = [c for c in self.path if code.startswith(c) and len(c) < len(code)]
        self.path.append(code)

    def find(self, name: str) -> str | None:
        """The code of a printed name under the rows read so far (the path is not moved)."""
        index = _economic_index() if self.economic else _function_index()
        keys = (name_key(name), loose_key(name))
        for parent in reversed(["", *self.path]):
            for key in keys:
                code = index.children.get((parent, key))
                if code is not None:
                    return code
        return None if self.economic else class_code(name)

    def resolve(self, name: str) -> str | None:
        """`find`, and the row found becomes the parent of the names below it."""
        code = self.find(name)
        if code is not None:
            self.enter(code)
        return code
