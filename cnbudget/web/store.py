"""The web library over the store's public API (cnbudget.store): list, view, compare, save."""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from collections import OrderedDict
from decimal import Decimal, InvalidOperation
from typing import Any

from cnbudget.model import Document
from cnbudget.store import Store, StoreError
from cnbudget.store import open as open_store
from cnbudget.store.originals import Original
from cnbudget.validate import Finding, check
from cnbudget.web.labels import table_name
from cnbudget.web.library import CompareRow, DocRow, Filter
from cnbudget.web.sources import stored_lines

# units of per-person standards (元/人, 元/人/年 …) among the performance indicators
_PER_PERSON = re.compile(r"元\s*/\s*人")
_CACHE = 32
# how long document summaries are reused (documents ingested meanwhile by another
# process appear after at most this long; the web's own save clears the cache)
SUMMARY_SECONDS = 10.0


def open_library(url: str | None) -> StoreLibrary:
    """Open (creating or migrating) the store at a URL or path and wrap it."""
    return StoreLibrary(open_store(url))


class StoreLibrary:
    """`Library` backed by a `cnbudget.store.Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._documents: OrderedDict[str, Document] = OrderedDict()
        self._summaries: OrderedDict[tuple[Any, ...], tuple[float, list[DocRow]]] = OrderedDict()
        self._lock = threading.Lock()

    def documents(self, where: Filter) -> list[DocRow]:
        """Summaries matching a filter; kept for a few seconds, so that a page and the
        requests right after it (sorting, paging, comparing) read the database once."""
        key = (where.year, where.region, where.department)
        now = time.monotonic()
        with self._lock:
            hit = self._summaries.get(key)
        if hit is not None and now - hit[0] < SUMMARY_SECONDS:
            rows = hit[1]
        else:
            rows = self._read_summaries(where)
            with self._lock:
                self._summaries[key] = (now, rows)
                while len(self._summaries) > _CACHE:
                    self._summaries.popitem(last=False)
        if where.ids:
            wanted = set(where.ids)
            rows = [r for r in rows if r.id in wanted]
        return rows

    def _read_summaries(self, where: Filter) -> list[DocRow]:
        found = self.store.documents(where.year, where.region, where.department)
        return [
            DocRow(
                id=s.id,
                source=s.source,
                department=s.department,
                year=s.year,
                region=s.region,
                kind=s.kind,
                scope=s.scope,
                expenditure_total=s.expenditure_total,
                basic_total=s.basic_total,
                project_total=s.project_total,
                three_public_total=s.three_public_total,
                errors=s.findings.get("error", 0),
                warnings=s.findings.get("warning", 0),
                infos=s.findings.get("info", 0),
            )
            for s in found
        ]

    def document(self, doc_id: str) -> Document | None:
        """The stored document with exactly this id (a recent few are kept in memory)."""
        with self._lock:
            cached = self._documents.get(doc_id)
            if cached is not None:
                self._documents.move_to_end(doc_id)
                return cached
        try:
            if self.store.resolve(doc_id) != doc_id:
                return None
            document = self.store.document(doc_id)
            if not document.positions:  # pages and boxes of a PDF's lines (page evidence)
                kept = self.store.original(doc_id, data=False)
                document.positions = kept.positions if kept is not None else {}
        except StoreError:
            return None
        with self._lock:
            self._documents[doc_id] = document
            while len(self._documents) > _CACHE:
                self._documents.popitem(last=False)
        return document

    def original(self, doc_id: str) -> Original | None:
        """The original PDF kept with a document (for page images), or None."""
        try:
            return self.store.original(doc_id)
        except StoreError:
            return None

    def findings(self, doc_id: str) -> list[Finding]:
        try:
            return self.store.findings(doc_id)
        except StoreError:
            return []

    def source_lines(self, doc_id: str) -> list[str] | None:
        """The lines kept in the database, else the source file when it is still unchanged."""
        try:
            kept = self.store.source_lines(doc_id)
        except StoreError:
            return None
        if kept is not None:
            return kept
        document = self.document(doc_id)
        return None if document is None else stored_lines(document.source, doc_id)

    def save(
        self, document: Document, data: bytes, name: str, lines: list[str] | None = None
    ) -> bool:
        """Store an uploaded document (the one write of the web UI); False if already stored."""
        result = self.store.ingest_document(document, False, check(document), lines, data)
        if result.status == "failed":
            raise StoreError(f"{name}：{result.reason}")
        self.changed(document.id)
        return result.status == "ingested"

    def changed(self, doc_id: str) -> None:
        """Forget what is kept in memory about a document after it was corrected."""
        with self._lock:
            self._documents.pop(doc_id, None)
            self._summaries.clear()

    # -- compare --------------------------------------------------------------------------

    def compare(self, key: str, where: Filter, code: str | None = None) -> list[CompareRow]:
        if key == "function" and code:
            return self._function(where, code)
        if key == "three_public":
            return self._three_public(where)
        if key in ("basic_share", "project_share", "expenditure_total"):
            return self._from_summaries(key, where)
        if key == "per_capita":
            return self._per_capita(where)
        return []

    def _options(self, where: Filter) -> dict[str, Any]:
        return {
            "doc_ids": where.ids or None,
            "year": where.year,
            "region": where.region,
            "department": where.department,
        }

    def _regions(self, where: Filter) -> dict[str, str | None]:
        return {r.id: r.region for r in self.documents(where)}

    def _function(self, where: Filter, code: str) -> list[CompareRow]:
        result = self.store.compare("code", code=code, **self._options(where))
        regions = self._regions(where)
        rows = []
        for record in result.rows:
            value = _decimal(record.get("total", record.get("amount")))
            if value is None:
                continue
            doc = str(record["document"])
            rows.append(
                CompareRow(
                    doc,
                    _text(record.get("department")),
                    _int(record.get("year")),
                    regions.get(doc),
                    value,
                    code,
                    f"来源：{table_name(str(record.get('table', '')))}",
                )
            )
        return rows

    def _three_public(self, where: Filter) -> list[CompareRow]:
        result = self.store.compare("three_public", **self._options(where))
        labels = dict(result.columns)
        regions = self._regions(where)
        rows = []
        for record in result.rows:
            total = _decimal(record.get("total"))
            if total is None:
                continue
            parts = [
                f"{labels.get(k, k)} {v}"
                for k in ("overseas", "vehicles", "reception")
                if (v := _decimal(record.get(k))) is not None
            ]
            doc = str(record["document"])
            rows.append(
                CompareRow(
                    doc,
                    _text(record.get("department")),
                    _int(record.get("year")),
                    regions.get(doc),
                    total,
                    "",
                    "；".join(parts),
                )
            )
        return rows

    def _from_summaries(self, key: str, where: Filter) -> list[CompareRow]:
        rows = []
        for doc in self.documents(where):
            value = getattr(doc, key)
            if value is None:
                continue
            detail = (
                f"基本 {doc.basic_total} / 项目 {doc.project_total}"
                if key != "expenditure_total"
                else ""
            )
            rows.append(CompareRow(doc.id, doc.department, doc.year, doc.region, value, "", detail))
        return rows

    def _per_capita(self, where: Filter) -> list[CompareRow]:
        """Per-person standards (元/人 …) of every matching document, in one store query."""
        found = self.store.indicators(
            "/人", where.year, where.region, where.department, where.ids or None
        )
        rows = []
        for item in found:
            if item.number is None or not (item.unit and _PER_PERSON.search(item.unit)):
                continue
            name = item.name or ""
            project = item.project_name or ""
            rows.append(
                CompareRow(
                    item.doc_id,
                    item.department,
                    item.year,
                    item.region,
                    item.number,
                    f"{project}·{name}" if project else name,
                    item.raw_text or "",
                    item.line,
                    _unit(item.unit),
                )
            )
        return rows


def _unit(text: str) -> str:
    """A printed unit in one spelling (full-width slashes and spaces do not split groups)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | str) and not isinstance(value, bool):
        try:
            return Decimal(value)
        except InvalidOperation:
            return None
    return None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
