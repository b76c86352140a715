"""Ingest worker run as a subprocess by the process tests (kill midway, concurrent writers).

python -m tests.store.worker race URL START_AT PATH...   parse, wait until START_AT, ingest
python -m tests.store.worker stall URL PATH...            stall forever inside the 2nd document
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from sqlalchemy import Connection, Table

from cnbudget.pipeline import parse_file
from cnbudget.store import api, open


def race(url: str, start_at: float, paths: list[str]) -> None:
    documents = [parse_file(path) for path in paths]
    time.sleep(max(0.0, start_at - time.time()))
    with open(url) as store:  # both workers open (and migrate) a fresh database together
        results = [store.ingest_document(document) for document in documents]
    print(json.dumps([[r.doc_id, r.status, r.reason] for r in results], ensure_ascii=False))


def stall(url: str, paths: list[str]) -> None:
    victim = parse_file(paths[1]).id
    real = api._insert

    def slow(connection: Connection, table: Table, rows: Any) -> None:
        if table is api.FACTS and rows and rows[0]["document_id"] == victim:
            real(connection, table, rows[: len(rows) // 2])
            print(f"PARTIAL {victim}", flush=True)
            time.sleep(600)  # killed here, in the middle of the document's transaction
        real(connection, table, rows)

    api._insert = slow
    with open(url) as store:
        for path in paths:
            result = store.ingest_path(path)
            print(f"{result.status.upper()} {result.doc_id}", flush=True)


if __name__ == "__main__":
    mode, url, *rest = sys.argv[1:]
    if mode == "race":
        race(url, float(rest[0]), rest[1:])
    else:
        stall(url, rest)
