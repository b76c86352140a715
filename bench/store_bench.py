"""Benchmark: store ingest throughput and compare-query latency at 10,000 documents.

Run with `make bench-store` (or `python bench/store_bench.py --docs 10000`). Distinct
synthetic documents (`cnbudget.synthetic.generate`, all five layouts) are parsed, validated
and ingested by one process per core, each document in its own transaction, into SQLite
and into a throwaway PostgreSQL cluster. Then every compare measure, the document list and
a full document load are timed on the filled database.
Targets (issue 4): ingest ≥ 20 documents/s per core; compare ≤ 200 ms at 10,000 documents.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cnbudget.pipeline import parse_text  # noqa: E402
from cnbudget.store import open  # noqa: E402
from cnbudget.synthetic import LAYOUTS, generate  # noqa: E402
from cnbudget.validate import check  # noqa: E402

RESULTS = ROOT / "bench" / "results"


def ingest_share(url: str, seeds: list[int]) -> dict[str, float]:
    """One worker: generate (untimed), then parse + check + store each document (timed)."""
    parse_time = write_time = 0.0
    statuses: dict[str, int] = {}
    with open(url) as store:
        for seed in seeds:
            synthetic = generate(seed, LAYOUTS[seed % len(LAYOUTS)])
            start = time.perf_counter()
            document = parse_text(synthetic.text, f"synthetic-{seed}.txt")
            report = check(document)
            middle = time.perf_counter()
            result = store.ingest_document(document, report=report)
            end = time.perf_counter()
            parse_time += middle - start
            write_time += end - middle
            statuses[result.status] = statuses.get(result.status, 0) + 1
    return {"parse": parse_time, "write": write_time, **statuses}


def ingest(url: str, docs: int, workers: int) -> dict[str, Any]:
    seeds = [list(range(i, docs, workers)) for i in range(workers)]
    open(url).close()  # create the schema once before the workers start
    start = time.perf_counter()
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers) as pool:
        shares = pool.starmap(ingest_share, [(url, share) for share in seeds])
    wall = time.perf_counter() - start
    busy = sum(s["parse"] + s["write"] for s in shares)
    return {
        "documents": docs,
        "workers": workers,
        "ingested": sum(int(s.get("ingested", 0)) for s in shares),
        "failed": sum(int(s.get("failed", 0)) for s in shares),
        "wall_s": round(wall, 1),
        "docs_per_s_wall": round(docs / wall, 1),
        "docs_per_s_per_core": round(docs / busy, 1),
        "write_ms_per_doc": round(sum(s["write"] for s in shares) / docs * 1000, 2),
        "parse_check_ms_per_doc": round(sum(s["parse"] for s in shares) / docs * 1000, 2),
    }


def tree_cpu(pid: int | None) -> float:
    """CPU seconds of a process and all its descendants (live, and reaped by their parent)."""
    import psutil

    if pid is None:
        return 0.0
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system + times.children_user + times.children_system
    return total


def postmaster(url: str) -> int | None:
    """The process id of a PostgreSQL server on this machine (None for SQLite or elsewhere)."""
    if not url.startswith("postgresql"):
        return None
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as connection:
            folder = connection.execute(text("SHOW data_directory")).scalar_one()
        return int((Path(folder) / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError):
        return None
    finally:
        engine.dispose()


def timed(
    function: Callable[[], object], repeats: int, server: int | None = None
) -> dict[str, float]:
    """Median wall time, and the CPU time it took in this process and in the database server.

    On a machine other jobs share, wall time grows with the load; CPU time does not, and
    client + server CPU is what the query takes on an idle machine (single-threaded)."""
    function()  # warm caches, as a long-running server would be
    times, cpu, server_cpu = [], [], []
    for _ in range(repeats):
        start, start_cpu, start_server = time.perf_counter(), time.process_time(), tree_cpu(server)
        function()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        server_cpu.append((tree_cpu(server) - start_server) * 1000)
    times.sort()
    result = {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        # this process's CPU time: with SQLite the whole query, with PostgreSQL the client side
        "cpu_ms": round(statistics.median(cpu), 1),
    }
    if server is not None:
        result["server_cpu_ms"] = round(statistics.median(server_cpu), 1)
        result["client_plus_server_cpu_ms"] = round(
            statistics.median(c + s for c, s in zip(cpu, server_cpu, strict=True)), 1
        )
    return result


def queries(url: str, repeats: int) -> dict[str, Any]:
    from sqlalchemy import func, select

    from cnbudget.store.api import FACTS

    with open(url) as store:
        with store.engine.connect() as connection:  # the most widely printed 项 code
            code = connection.execute(
                select(FACTS.c.row_code)
                .where(FACTS.c.table_kind == "expenditure", func.length(FACTS.c.row_code) == 7)
                .group_by(FACTS.c.row_code)
                .order_by(func.count().desc())
                .limit(1)
            ).scalar_one()
        some = store.documents()[len(store.documents()) // 2].id
        cases: dict[str, Callable[[], object]] = {
            f"compare code {code}": lambda: store.compare("code", code=code),
            f"compare code {code} (table general_expenditure)": lambda: store.compare(
                "code", code=code, table="general_expenditure"
            ),
            "compare share": lambda: store.compare("share"),
            "compare share (year filter)": lambda: store.compare("share", year=2025),
            "compare three_public": lambda: store.compare("three_public"),
            "compare project_categories": lambda: store.compare("project_categories"),
            "documents() list": store.documents,
            "documents(year=2025) list": lambda: store.documents(year=2025),
            "document() full load": lambda: store.document(some),
        }
        sizes = {}
        for name, function in cases.items():
            value = function()
            sizes[name] = len(
                value.rows if hasattr(value, "rows") else getattr(value, "tables", value)
            )
        server = postmaster(url)
        return {
            name: {**timed(function, repeats, server), "rows": sizes[name]}
            for name, function in cases.items()
        }


def run_backend(name: str, url: str, docs: int, workers: int, repeats: int) -> dict[str, Any]:
    print(f"== {name}: ingesting {docs} synthetic documents with {workers} workers", flush=True)
    result: dict[str, Any] = {"backend": name, "ingest": ingest(url, docs, workers)}
    print(json.dumps(result["ingest"], ensure_ascii=False), flush=True)
    result["queries"] = queries(url, repeats)
    for query, numbers in result["queries"].items():
        print_query(query, numbers)
    return result


def print_query(query: str, numbers: dict[str, Any]) -> None:
    server = numbers.get("server_cpu_ms")
    print(
        f"  {query:50} median {numbers['median_ms']:7.1f} ms  p95 {numbers['p95_ms']:7.1f} ms"
        f"  cpu {numbers['cpu_ms']:6.1f} ms"
        + ("" if server is None else f" + server {server:6.1f} ms")
        + f"  ({numbers['rows']} rows)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=multiprocessing.cpu_count())
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--postgresql-url", help="an existing empty database (else a throwaway)")
    parser.add_argument("--queries-only", metavar="URL", help="only time queries on a filled DB")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.queries_only:
        for query, numbers in queries(args.queries_only, args.repeats).items():
            print_query(query, numbers)
        return
    results = []
    with tempfile.TemporaryDirectory(prefix="cnbudget-bench-") as tmp:
        if args.backend in ("sqlite", "both"):
            url = str(Path(tmp) / "bench.db")
            results.append(run_backend("sqlite", url, args.docs, args.workers, args.repeats))
        if args.backend in ("postgresql", "both"):
            if args.postgresql_url:
                results.append(
                    run_backend(
                        "postgresql", args.postgresql_url, args.docs, args.workers, args.repeats
                    )
                )
            else:
                from tests.store.pgserver import PostgresServer

                server = PostgresServer().start()
                try:
                    results.append(
                        run_backend(
                            "postgresql",
                            server.new_database(),
                            args.docs,
                            args.workers,
                            args.repeats,
                        )
                    )
                finally:
                    server.stop()
    out = RESULTS / f"store-{args.docs}.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"results: {out}")


if __name__ == "__main__":
    main()
