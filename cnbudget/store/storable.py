"""Values every backend stores alike: SQLite would keep what PostgreSQL refuses.

PostgreSQL refuses NUL in text and JSON and enforces VARCHAR lengths; neither backend can
encode a lone surrogate. Before any insert, on every backend: NUL and lone surrogates
become U+FFFD, text longer than its column is cut (ending in "…"), and an amount too long
for its column is a StoreValueError — so a document is stored the same way, or refused
the same way, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import JSON, String, Table

from cnbudget.store.schema import Money

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class StoreValueError(ValueError):
    """A value no backend can store as it is (its reason is shown in Chinese)."""


def storable(value: Any) -> Any:
    """The value with NUL and lone surrogates replaced, inside lists and dicts too."""
    if isinstance(value, str):
        return _UNSTORABLE.sub("\ufffd", value) if _UNSTORABLE.search(value) else value
    if isinstance(value, list | tuple):
        return [storable(item) for item in value]
    if isinstance(value, dict):
        return {storable(key): storable(item) for key, item in value.items()}
    return value


def fit_rows(table: Table, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows as every backend stores them (see the module docstring)."""
    lengths = {
        column.name: column.type.length
        for column in table.columns
        if isinstance(column.type, String) and column.type.length
    }
    money = {column.name for column in table.columns if column.type is Money}
    fitted: list[dict[str, Any]] = []
    for row in rows:
        out: dict[str, Any] = {}
        for name, value in row.items():
            value = storable(value)
            limit = lengths.get(name)
            if limit is not None and isinstance(value, str) and len(value) > limit:
                if name in money:
                    raise StoreValueError(
                        f"金额“{value[:20]}…”位数过多（上限 {limit} 个字符），无法入库"
                    )
                value = value[: limit - 1] + "…"
            out[name] = value
        fitted.append(out)
    return fitted


def plain(table: Table) -> bool:
    """True when no column holds JSON (such rows can go through PostgreSQL COPY)."""
    return not any(isinstance(column.type, JSON) for column in table.columns)
