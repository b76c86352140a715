"""Corrections of a document's metadata (year, department, region, 预算/决算, 部门/单位).

A correction is kept in its own table with the original value, the time and an optional
reviewer, and applied to the document's stored columns (so the list, compare, exports and
every SQL query see it). It is not a child of the document: re-ingesting the same content
applies it again.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, delete, insert, select, update

from cnbudget.store.schema import CorrectionRow, DocumentRow

if TYPE_CHECKING:
    from cnbudget.store.api import Store

CORRECTIONS: Table = CorrectionRow.__table__  # type: ignore[assignment]
_DOCUMENTS: Table = DocumentRow.__table__  # type: ignore[assignment]

# field -> its Chinese name
FIELDS: dict[str, str] = {
    "year": "年度",
    "department": "单位名称",
    "region": "地区",
    "kind": "预算/决算",
    "scope": "部门/单位",
}
KINDS = ("预算", "决算")
SCOPES = ("部门", "单位")
MAX_TEXT = 200
_LEADING_YEAR = re.compile(r"^(?:\d{4}年度?)+")
_SPACE = re.compile(r"\s+")


class CorrectionError(ValueError):
    """A correction that cannot be stored; the message is shown to users (Chinese)."""


def department_key(name: str | None) -> str | None:
    """A department name normalised for matching across years: NFKC, no spaces, no
    leading year ("2024年度XX局" and "XX 局" match)."""
    if not name:
        return None
    text = _SPACE.sub("", unicodedata.normalize("NFKC", name))
    text = _LEADING_YEAR.sub("", text)
    return text[:MAX_TEXT] or None


@dataclass(frozen=True, slots=True)
class Correction:
    """One corrected field of a document."""

    field: str
    original: str | None
    value: str
    reviewer: str | None
    corrected_at: datetime

    @property
    def name(self) -> str:
        return FIELDS.get(self.field, self.field)


def checked(field: str, value: str) -> str:
    """A correction's value, normalised; raises CorrectionError when it is not acceptable."""
    if field not in FIELDS:
        raise CorrectionError(f"不能更正“{field}”（可更正：{'、'.join(FIELDS.values())}）")
    text = unicodedata.normalize("NFKC", value).strip()
    if not text:
        raise CorrectionError(f"{FIELDS[field]}不能为空")
    if field == "year":
        if not (text.isascii() and text.isdigit() and 1900 <= int(text) <= 2200):
            raise CorrectionError("年度应为 1900–2200 之间的四位数字")
        return str(int(text))
    if field == "kind" and text not in KINDS:
        raise CorrectionError("预算/决算只能是“预算”或“决算”")
    if field == "scope" and text not in SCOPES:
        raise CorrectionError("部门/单位只能是“部门”或“单位”")
    if len(text) > MAX_TEXT or any(unicodedata.category(c)[0] == "C" for c in text):
        raise CorrectionError(f"{FIELDS[field]}过长或含有控制字符")
    return text


def _current(row: Any, field: str) -> str | None:
    value = getattr(row, field)
    return None if value is None else str(value)


def correct(
    store: Store, doc_id: str, changes: dict[str, str], reviewer: str | None = None
) -> list[Correction]:
    """Record corrections of a stored document and apply them; unchanged values are skipped.

    The original value is the one parsed from the document (kept from the first correction
    of that field). Returns the corrections made.
    """
    from cnbudget.store import engine as engines
    from cnbudget.store.review import MAX_REVIEWER, _clean

    wanted = {field: checked(field, value) for field, value in changes.items()}
    who = _clean(reviewer, MAX_REVIEWER, "核查人")
    now = datetime.now(UTC)
    made = []
    c = CORRECTIONS.c
    with engines.writer(store.engine).begin() as connection:
        head = connection.execute(select(_DOCUMENTS).where(_DOCUMENTS.c.id == doc_id)).first()
        if head is None:
            raise CorrectionError(f"数据库中没有编号为“{doc_id}”的文档")
        earlier = {
            row.field: row
            for row in connection.execute(select(CORRECTIONS).where(c.document_id == doc_id))
        }
        for field, value in wanted.items():
            current = _current(head, field)
            if value == current:
                continue
            original = earlier[field].original if field in earlier else current
            connection.execute(delete(CORRECTIONS).where(c.document_id == doc_id, c.field == field))
            connection.execute(
                insert(CORRECTIONS),
                [
                    {
                        "document_id": doc_id,
                        "field": field,
                        "original": original,
                        "value": value,
                        "reviewer": who,
                        "corrected_at": now,
                    }
                ],
            )
            made.append(Correction(field, original, value, who, now))
        if made:
            apply_saved(connection, doc_id)
    return made


def corrections(store: Store, doc_id: str) -> list[Correction]:
    """The corrections recorded for a document, in field order."""
    c = CORRECTIONS.c
    with store.engine.connect() as connection:
        found = {
            row.field: Correction(
                row.field,
                row.original,
                row.value,
                row.reviewer,
                row.corrected_at
                if row.corrected_at.tzinfo
                else row.corrected_at.replace(tzinfo=UTC),
            )
            for row in connection.execute(select(CORRECTIONS).where(c.document_id == doc_id))
        }
    return [found[field] for field in FIELDS if field in found]


def stored_region(store: Store, doc_id: str) -> str | None:
    """The region column of a stored document (as corrected)."""
    d = _DOCUMENTS.c
    with store.engine.connect() as connection:
        return connection.execute(select(d.region).where(d.id == doc_id)).scalar()


def apply_saved(connection: Connection, doc_id: str) -> None:
    """Apply a document's recorded corrections to its stored row (in the caller's
    transaction): the columns the queries filter on and the metadata JSON the views read."""
    c, d = CORRECTIONS.c, _DOCUMENTS.c
    saved = {
        row.field: row.value
        for row in connection.execute(select(CORRECTIONS).where(c.document_id == doc_id))
    }
    if not saved:
        return
    head = connection.execute(select(d.meta, d.department).where(d.id == doc_id)).first()
    if head is None:
        return
    values: dict[str, Any] = {}
    meta = dict(head.meta or {})
    for field, value in saved.items():
        if field == "region":
            values.update(region=value, province=None, city=None, county=None, division_code=None)
            continue
        typed: str | int = int(value) if field == "year" else value
        values[field] = typed
        meta[field] = typed
    values["meta"] = meta
    values["department_key"] = department_key(values.get("department", head.department))
    connection.execute(update(_DOCUMENTS).where(d.id == doc_id).values(**values))
