"""Benchmark: Dask ingest into PostgreSQL with 1 and 2 workers, and compare queries at that size.

Run with `make bench-scale` (`DOCS=100000` by default) or
`python bench/scale_bench.py --docs 5000 --workers 1,2`. Distinct synthetic documents
(`cnbudget.synthetic.generate`, all five layouts) are written to files first (not timed);
then, for each worker count, a fresh PostgreSQL database is filled by
`cnbudget.store.parallel.ingest_dask` on a LocalCluster of that many single-threaded worker
processes: the same code path as `cnbudget ingest --dask local --jobs N`. Measured:
documents/s (wall), the workers' busy time per document (from the task stream), memory per
worker (peak RSS), the scaling from the first to the last worker count, the compare queries
of bench/store_bench.py on the filled database, and an estimate for a national collection.
Goals (issue 14): ≥ 1.8× from 1 to 2 workers; compare ≤ 300 ms at 100,000 documents.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.store_bench import RESULTS, print_query, queries, tree_cpu  # noqa: E402
from cnbudget.store import open  # noqa: E402
from cnbudget.store.parallel import dask_client, ingest_dask  # noqa: E402
from cnbudget.synthetic import LAYOUTS, generate  # noqa: E402


def write_documents(folder: Path, seeds: range) -> list[str]:
    """One synthetic document per seed, as a text file (generation is not measured)."""
    paths = []
    for seed in seeds:
        path = folder / f"synthetic-{seed:07d}.txt"
        path.write_text(generate(seed, LAYOUTS[seed % len(LAYOUTS)]).text, encoding="utf-8")
        paths.append(str(path))
    return paths


def corpus(folder: Path, docs: int, processes: int) -> list[str]:
    step = -(-docs // processes)
    shares = [range(start, min(docs, start + step)) for start in range(0, docs, step)]
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        parts = pool.starmap(write_documents, [(folder, share) for share in shares])
    return [path for part in parts for path in part]


def peak_rss_mib() -> float:
    """Peak resident memory of this process (run on each Dask worker)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def warm_up(url: str) -> None:
    """Import the pipeline and open the store on a worker before the clock starts."""
    import cnbudget.pipeline
    import cnbudget.validate  # noqa: F401
    from cnbudget.store.parallel import worker_store

    worker_store(url)


def server_pid(server: Any) -> int:
    """The postmaster of a throwaway server (the first line of postmaster.pid)."""
    return int((server.data / "postmaster.pid").read_text().split()[0])


def stage_cpu() -> dict[str, tuple[float, int]]:
    """This worker's CPU time per ingest stage (run on each Dask worker)."""
    from cnbudget.store.stages import snapshot

    return snapshot()


def breakdown(
    before: dict[str, dict[str, tuple[float, int]]],
    after: dict[str, dict[str, tuple[float, int]]],
    docs: int,
) -> dict[str, float]:
    """CPU milliseconds per document in each ingest stage, summed over the workers."""
    totals: dict[str, float] = {}
    for worker, stages in after.items():
        for name, (seconds, _calls) in stages.items():
            start = before.get(worker, {}).get(name, (0.0, 0))[0]
            totals[name] = totals.get(name, 0.0) + seconds - start
    return {name: round(seconds / docs * 1000, 2) for name, seconds in totals.items()}


def ingest_with(url: str, paths: list[str], workers: int, postmaster: int) -> dict[str, Any]:
    from distributed import get_task_stream

    open(url).close()  # the schema, before the workers open the database
    with dask_client("local", workers) as client:
        client.wait_for_workers(workers)
        client.run(warm_up, url)
        load_before = os.getloadavg()
        cpu_before = client.run(time.process_time)
        stages_before = client.run(stage_cpu)
        tree_before, server_before = tree_cpu(os.getpid()), tree_cpu(postmaster)
        start = time.perf_counter()
        with get_task_stream(client) as stream:
            results = list(ingest_dask(url, paths, client))
        wall = time.perf_counter() - start
        tree_after, server_after = tree_cpu(os.getpid()), tree_cpu(postmaster)
        stages_after = client.run(stage_cpu)
        cpu_after = client.run(time.process_time)
        load_after = os.getloadavg()
        memory = client.run(peak_rss_mib)
    cpu = sum(cpu_after[w] - cpu_before[w] for w in cpu_after if w in cpu_before)
    docs = len(paths)
    stages = breakdown(stages_before, stages_after, docs)
    staged = sum(stages.values())
    cluster = tree_after - tree_before  # this process (client, scheduler), nannies, workers
    cpu_ms = {
        **stages,
        "worker other (Dask comms, serialisation)": round(cpu / docs * 1000 - staged, 2),
        "scheduler + client + nannies": round((cluster - cpu) / docs * 1000, 2),
        "PostgreSQL server": round((server_after - server_before) / docs * 1000, 2),
    }
    total_ms = sum(cpu_ms.values())
    busy = sum(
        part["stop"] - part["start"]
        for task in stream.data
        for part in task["startstops"]
        if part["action"] == "compute"
    )
    statuses = {s: sum(r.status == s for r in results) for s in ("ingested", "skipped", "failed")}
    cores = os.cpu_count() or 1
    return {
        "workers": workers,
        "documents": docs,
        **statuses,
        "wall_s": round(wall, 1),
        "docs_per_s": round(docs / wall, 1),
        "load_average": [round(load_before[0], 1), round(load_after[0], 1)],
        "busy_ms_per_doc": round(busy / docs * 1000, 1),  # task wall time, on a shared machine
        "cpu_ms_per_doc": round(cpu / docs * 1000, 1),  # worker CPU: parse + check + store
        "cpu_ms_per_doc_by_stage": cpu_ms,
        "cpu_ms_per_doc_everything": round(total_ms, 1),
        # what this machine could do if the run had every core to itself
        # at most `workers` cores for the workers, `cores` for everything together
        "docs_per_s_cpu_bound": round(
            min(workers * docs / cpu, cores * 1000 / total_ms) if cpu else 0.0, 1
        ),
        "worker_utilisation": round(busy / (wall * workers), 2),
        "peak_rss_mib_per_worker": sorted(round(v, 1) for v in memory.values()),
    }


def estimate(runs: list[dict[str, Any]], documents: int, workers: tuple[int, ...]) -> list[str]:
    """Hours for a national collection, from the measured worker CPU time per document.

    Assumes one dedicated core per worker and that the database keeps up (its own CPU is not
    in the figure; with many workers PostgreSQL needs cores of its own, see docs/scale.md).
    """
    last = runs[-1]
    per_doc = last["cpu_ms_per_doc"] / 1000
    lines = [
        f"estimate for {documents:,} documents from {per_doc * 1000:.1f} ms of worker CPU "
        f"per document (measured with {last['workers']} workers), one core per worker:"
    ]
    for count in workers:
        seconds = documents * per_doc / count
        lines.append(
            f"  {count:4d} workers: {seconds / 3600:7.2f} h ({documents / seconds:,.0f} docs/s)"
        )
    return lines


def compare_at(server: Any, documents: int, repeats: int) -> dict[str, Any]:
    """The compare queries on a store bulk-loaded with `documents` documents (bench/bulk_store)."""
    from bench.bulk_store import bulk_load

    url = server.new_database()
    print(f"== bulk-loading {documents} documents for the compare queries", flush=True)
    loaded = bulk_load(url, documents)
    print(json.dumps(loaded, ensure_ascii=False), flush=True)
    load = os.getloadavg()[0]
    return {"bulk_load": loaded, "load_average": round(load, 1), **queries(url, repeats)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=5000, help="documents to ingest (0: none)")
    parser.add_argument("--workers", default="1,2", help="worker counts, comma-separated")
    parser.add_argument("--repeats", type=int, default=10, help="runs of each compare query")
    parser.add_argument(
        "--compare-docs",
        type=int,
        default=0,
        help="time the compare queries on a store bulk-loaded with this many documents "
        "(bench/bulk_store.py) instead of the last ingested one",
    )
    args = parser.parse_args()
    # stopped by `timeout` or kill: still stop the throwaway server and remove the documents
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    counts = [int(item) for item in args.workers.split(",")] if args.docs else []
    RESULTS.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"documents": args.docs, "cpus": os.cpu_count(), "runs": []}
    with tempfile.TemporaryDirectory(prefix="cnbudget-scale-") as tmp:
        from tests.store.pgserver import PostgresServer

        paths = []
        if counts:
            print(f"== writing {args.docs} synthetic documents (not timed)", flush=True)
            paths = corpus(Path(tmp), args.docs, max(counts))
        server = PostgresServer().start()
        try:
            url = ""
            for count in counts:
                url = server.new_database()
                print(f"== ingest with {count} Dask worker(s)", flush=True)
                run = ingest_with(url, paths, count, server_pid(server))
                print(json.dumps(run, ensure_ascii=False), flush=True)
                report["runs"].append(run)
            if args.compare_docs:
                report["queries"] = compare_at(server, args.compare_docs, args.repeats)
            elif url:
                print(f"== compare queries at {args.docs} documents", flush=True)
                report["queries"] = queries(url, args.repeats)
        finally:
            server.stop()
    for name, numbers in report.get("queries", {}).items():
        if isinstance(numbers, dict) and "median_ms" in numbers:
            print_query(name, numbers)
    if report["runs"]:
        first, last = report["runs"][0], report["runs"][-1]
        report["scaling"] = round(last["docs_per_s"] / first["docs_per_s"], 2)
        print(f"scaling {first['workers']} → {last['workers']} workers: {report['scaling']}×")
        report["estimate"] = estimate(report["runs"], 1_000_000, (1, 2, 8, 32, 128))
        print("\n".join(report["estimate"]))
    out = RESULTS / f"scale-{args.docs}-{args.compare_docs}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"results: {out}")


if __name__ == "__main__":
    main()
