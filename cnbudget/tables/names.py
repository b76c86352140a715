"""Function rows printed by name only (收支总表 of some templates: 信访事务 under 一般公共服务支出).

The two-sided summaries keep such a row under a provisional key (`?<name>`, or
`other:<name>` for a name ending in 支出). Once every table is read, the row takes the
code its name carries in the document's own coded tables (支出总表, 一般公共预算支出表)
or, failing that, in the classification catalogue — always under the class (and 款)
printed above it. A row no source names stays unresolved and is reported.
"""

from __future__ import annotations

from collections.abc import Set
from functools import cache

from cnbudget.model import Notice, Table
from cnbudget.reference.catalog import functions, name_key

PROVISIONAL = "?"
SUMMARIES = frozenset({"summary", "fiscal_summary"})


def _document_codes(tables: list[Table]) -> dict[str, set[str]]:
    known: dict[str, set[str]] = {}
    for table in tables:
        if table.kind in SUMMARIES:
            continue
        for row in table.rows:
            if row.code.isdigit() and len(row.code) in (5, 7):
                known.setdefault(name_key(row.name), set()).add(row.code)
    return known


@cache
def _catalog_codes() -> dict[str, frozenset[str]]:
    """Catalogue 款/项 codes by name key, built once per process (read only)."""
    known: dict[str, set[str]] = {}
    for code, entry in functions().entries.items():
        if len(code) in (5, 7):
            for name in (entry.name, *entry.former):
                known.setdefault(name_key(name), set()).add(code)
    return {key: frozenset(codes) for key, codes in known.items()}


def resolve_function_names(tables: list[Table], notices: list[Notice]) -> None:
    """Give provisional summary rows their function code, or report and drop them."""
    pending = [
        t
        for t in tables
        if t.kind in SUMMARIES
        and any(r.code.startswith((PROVISIONAL, "other:")) and not _income(r.code) for r in t.rows)
    ]
    if not pending:
        return
    # the document's own codes first: the catalogue is of one year, documents of others
    sources = (_document_codes(tables), _catalog_codes())
    for table in pending:
        klass: str | None = None
        kuan: str | None = None
        kept = []
        for row in table.rows:
            if row.code.isdigit() and len(row.code) == 3:
                klass, kuan = row.code, None
            elif row.code.isdigit() and len(row.code) == 5:
                kuan = row.code  # (coded earlier, from the catalogue)
            elif row.code.startswith((PROVISIONAL, "other:")) and not _income(row.code):
                code = None
                for known in sources:
                    codes = known.get(name_key(row.name), set())
                    code = _under(codes, kuan, 7) or _under(codes, klass, 5)
                    if code is not None:
                        break
                if code is None and row.code.startswith(PROVISIONAL):
                    notices.append(
                        Notice("unknown-row", f"未识别的行名：{row.name}", row.line, table.kind)
                    )
                    continue
                if code is not None:
                    row.code = code
                    if len(code) == 5:
                        kuan = code
            elif not row.code.isdigit():
                klass, kuan = None, None
            kept.append(row)
        table.rows = kept


def _income(code: str) -> bool:
    return code.startswith("other:") and code.endswith("收入")


def _under(codes: Set[str], parent: str | None, width: int) -> str | None:
    if parent is None:
        return None
    found = [c for c in codes if len(c) == width and c.startswith(parent)]
    return found[0] if len(found) == 1 else None
