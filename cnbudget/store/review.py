"""Reviewers' verdicts on findings (已核实 / 误报 / 待处理) and the findings worklist.

A finding is identified within its document by a stable key made of its rule and location
(table, row code, column; else the cells involved; else its message) plus an occurrence
number when several findings share all of these. Re-ingesting the same document yields the
same keys, so verdicts survive it; they are never keyed by the finding's position.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, and_, delete, func, insert, null, or_, select

from cnbudget.store.schema import DocumentRow, FindingRow, ReviewRow

if TYPE_CHECKING:
    from cnbudget.store.api import Store
    from cnbudget.validate import Finding

REVIEWS: Table = ReviewRow.__table__  # type: ignore[assignment]
_FINDINGS: Table = FindingRow.__table__  # type: ignore[assignment]
_DOCUMENTS: Table = DocumentRow.__table__  # type: ignore[assignment]

PENDING = "pending"
STATUSES: dict[str, str] = {"confirmed": "已核实", "false_positive": "误报", PENDING: "待处理"}
MAX_NOTE = 2000
MAX_REVIEWER = 100

# (rule, table, row code, column, cells, message) of one finding
KeyParts = tuple[str, str | None, str | None, str | None, Sequence[Sequence[str]], str]


def finding_keys(findings: Iterable[KeyParts]) -> list[str]:
    """The stable keys of a document's findings, in report order."""
    seen: dict[str, int] = {}
    keys = []
    for rule, table, row, column, cells, message in findings:
        if table or row or column:
            where = f"{table or ''}|{row or ''}|{column or ''}"
        elif cells:
            where = "cells|" + "/".join(":".join(cell) for cell in cells)
        else:
            where = "message|" + message
        base = f"{rule}|{where}"
        occurrence = seen.get(base, 0)
        seen[base] = occurrence + 1
        text = base if occurrence == 0 else f"{base}#{occurrence}"
        keys.append(hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32])
    return keys


def keys_of(findings: Sequence[Finding]) -> list[str]:
    """`finding_keys` of validation findings."""
    return finding_keys(
        (f.rule, f.table, f.row, f.column, [list(c) for c in f.cells], f.message) for f in findings
    )


@dataclass(frozen=True, slots=True)
class Review:
    """A verdict on one finding."""

    status: str
    note: str | None
    reviewer: str | None
    reviewed_at: datetime

    @property
    def status_name(self) -> str:
        return STATUSES.get(self.status, self.status)


class ReviewError(ValueError):
    """A verdict that cannot be stored; the message is shown to users (Chinese)."""


def _clean(text: str | None, limit: int, what: str) -> str | None:
    text = (text or "").strip()
    if len(text) > limit:
        raise ReviewError(f"{what}过长（最多 {limit} 字）")
    return text or None


def set_review(
    store: Store,
    doc_id: str,
    key: str,
    status: str,
    note: str | None = None,
    reviewer: str | None = None,
) -> Review:
    """Record (replacing any earlier one) the verdict on one finding of a stored document."""
    if status not in STATUSES:
        raise ReviewError(f"未知的核查状态“{status}”（应为 已核实、误报 或 待处理）")
    keys = set(stored_keys(store, doc_id))
    if key not in keys:
        raise ReviewError("该文件没有这条核查问题")
    review = Review(
        status,
        _clean(note, MAX_NOTE, "备注"),
        _clean(reviewer, MAX_REVIEWER, "核查人"),
        datetime.now(UTC),
    )
    from cnbudget.store import engine as engines

    r = REVIEWS.c
    with engines.writer(store.engine).begin() as connection:
        connection.execute(delete(REVIEWS).where(r.document_id == doc_id, r.finding_key == key))
        connection.execute(
            insert(REVIEWS),
            [
                {
                    "document_id": doc_id,
                    "finding_key": key,
                    "status": review.status,
                    "note": review.note,
                    "reviewer": review.reviewer,
                    "reviewed_at": review.reviewed_at,
                }
            ],
        )
    return review


def stored_keys(store: Store, doc_id: str) -> list[str]:
    """The keys of a stored document's findings, in report order."""
    f = _FINDINGS.c
    query = select(f.finding_key).where(f.document_id == doc_id).order_by(f.finding_no)
    with store.engine.connect() as connection:
        return [str(k) for k in connection.execute(query).scalars() if k is not None]


def reviews(store: Store, doc_id: str) -> dict[str, Review]:
    """Every verdict recorded on a document's findings, by finding key."""
    r = REVIEWS.c
    with store.engine.connect() as connection:
        found = connection.execute(select(REVIEWS).where(r.document_id == doc_id))
        return {
            row.finding_key: Review(row.status, row.note, row.reviewer, _aware(row.reviewed_at))
            for row in found
        }


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; they were stored in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def status_counts(findings_keys: Sequence[str], verdicts: dict[str, Review]) -> dict[str, int]:
    """How many findings are in each status (no verdict counts as 待处理)."""
    counts = dict.fromkeys(STATUSES, 0)
    for key in findings_keys:
        verdict = verdicts.get(key)
        counts[verdict.status if verdict else PENDING] += 1
    return counts


# -- the worklist across documents ------------------------------------------------------


@dataclass(slots=True)
class WorkFilter:
    """Filters of the findings worklist (all optional)."""

    rule: str | None = None
    severity: str | None = None  # error, warning, info, or doubt (解析存疑)
    status: str | None = None
    region: str | None = None
    year: int | None = None
    department: str | None = None
    document: str | None = None  # one document's findings


@dataclass(frozen=True, slots=True)
class WorkItem:
    """One finding of the worklist, with its document and its verdict."""

    document_id: str
    department: str | None
    year: int | None
    region: str | None
    kind: str
    scope: str | None
    finding_no: int
    finding_key: str | None
    rule: str
    severity: str
    message: str
    table_kind: str | None
    row_code: str | None
    column_key: str | None
    line: int | None
    doubt: str | None
    status: str
    note: str | None
    reviewer: str | None
    reviewed_at: datetime | None

    @property
    def status_name(self) -> str:
        return STATUSES.get(self.status, self.status)


WORK_SORTS: dict[str, str] = {
    "department": "单位",
    "year": "年度",
    "rule": "规则",
    "severity": "级别",
    "status": "状态",
    "reviewed_at": "核查时间",
}


def _doubt_column() -> Any:
    """The findings' 解析存疑 column when the schema has one."""
    return _FINDINGS.c.get("doubt")


def _conditions(where: WorkFilter) -> list[Any]:
    from cnbudget.store.api import document_filters

    f, r = _FINDINGS.c, REVIEWS.c
    conditions = document_filters(where.year, where.region, where.department)
    if where.rule:
        conditions.append(f.rule == where.rule)
    if where.document:
        conditions.append(f.document_id == where.document)
    doubt = _doubt_column()
    if where.severity == "doubt":
        conditions.append(doubt.is_not(None) if doubt is not None else f.rule.is_(None))
    elif where.severity:
        conditions.append(f.severity == where.severity)
        if doubt is not None:
            conditions.append(doubt.is_(None))
    if where.status == PENDING:
        conditions.append(or_(r.status.is_(None), r.status == PENDING))
    elif where.status:
        conditions.append(r.status == where.status)
    return conditions


def _joined(documents: bool = True) -> Any:
    """Findings with their verdicts, and their documents unless not needed."""
    f, r, d = _FINDINGS.c, REVIEWS.c, _DOCUMENTS.c
    joined = _FINDINGS.join(_DOCUMENTS, d.id == f.document_id) if documents else _FINDINGS
    return joined.outerjoin(
        REVIEWS, and_(r.document_id == f.document_id, r.finding_key == f.finding_key)
    )


def worklist(
    store: Store,
    where: WorkFilter,
    sort: str = "department",
    descending: bool = False,
    offset: int = 0,
    limit: int | None = 100,
) -> list[WorkItem]:
    """One page of findings across documents matching a filter (one SQL query)."""
    f, r, d = _FINDINGS.c, REVIEWS.c, _DOCUMENTS.c
    doubt = _doubt_column()
    status = func.coalesce(r.status, PENDING)
    order_of = {
        "department": d.department,
        "year": d.year,
        "rule": f.rule,
        "severity": f.severity,
        "status": status,
        "reviewed_at": r.reviewed_at,
    }
    first = order_of.get(sort, d.department)
    query = (
        select(
            f.document_id,
            d.department,
            d.year,
            d.region,
            d.kind,
            d.scope,
            f.finding_no,
            f.finding_key,
            f.rule,
            f.severity,
            f.message,
            f.table_kind,
            f.row_code,
            f.column_key,
            f.line,
            (doubt if doubt is not None else null()).label("doubt"),
            status.label("status"),
            r.note,
            r.reviewer,
            r.reviewed_at,
        )
        .select_from(_joined())
        .where(*_conditions(where))
        .order_by(
            first.desc().nulls_last() if descending else first.asc().nulls_last(),
            f.document_id,
            f.finding_no,
        )
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    with store.engine.connect() as connection:
        return [
            WorkItem(
                row.document_id,
                row.department,
                row.year,
                row.region,
                row.kind,
                row.scope,
                row.finding_no,
                row.finding_key,
                row.rule,
                row.severity,
                row.message,
                row.table_kind,
                row.row_code,
                row.column_key,
                row.line,
                row.doubt,
                row.status,
                row.note,
                row.reviewer,
                None if row.reviewed_at is None else _aware(row.reviewed_at),
            )
            for row in connection.execute(query)
        ]


def worklist_counts(store: Store, where: WorkFilter) -> dict[str, int]:
    """How many findings match the filter, in each status ("total": all of them)."""
    r = REVIEWS.c
    status = func.coalesce(r.status, PENDING)
    query = (
        select(status.label("status"), func.count().label("n"))
        .select_from(_joined(bool(where.year or where.region or where.department)))
        .where(*_conditions(where))
        .group_by(status)
    )
    counts = dict.fromkeys(STATUSES, 0)
    with store.engine.connect() as connection:
        for row in connection.execute(query):
            counts[str(row.status)] = int(row.n)
    counts["total"] = sum(counts.values())
    return counts


def rules_in_store(store: Store) -> list[str]:
    """The rules that have findings in the store (the worklist's rule choices)."""
    f = _FINDINGS.c
    with store.engine.connect() as connection:
        return [str(x) for x in connection.execute(select(f.rule).distinct().order_by(f.rule))]
