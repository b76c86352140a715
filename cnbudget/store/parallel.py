"""Parallel ingest: parse and check in worker processes (`--jobs N`) or as Dask tasks (`--dask`).

The unit of work is a chunk of a few files (`store_chunk`). A worker reads each file, skips
content already stored (by content hash), parses, checks and turns it into rows (`Records`).
On PostgreSQL the worker then stores the chunk's documents itself, in one transaction with
one COPY per table (`Store.write_many`); on SQLite, which has one writer at a time, the rows
go back to the calling process, which writes them the same way. Each document is stored
whole or not at all (a batch that fails is written again one document per transaction, so
only the document at fault fails). So the guarantees of the serial ingest hold: no half
document is ever stored, a second run skips what is stored (a run killed midway resumes),
and every failure is reported with its reason.

On a Dask cluster a task that dies with its worker is run again on another worker; the
document whose transaction was cut is rolled back by PostgreSQL and stored by the new run.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import TYPE_CHECKING

from cnbudget.store.api import IngestResult, Store, open
from cnbudget.store.engine import is_sqlite, resolve_url
from cnbudget.store.records import Records

if TYPE_CHECKING:
    from distributed import Client

Outcome = IngestResult | Records
# files per task at most: a task's documents are written in one batch, so larger chunks mean
# fewer round trips and commits, smaller ones less work redone when a worker dies
CHUNK = 16
# a chunk is run at most this many times when its worker process dies
_ATTEMPTS = 3
# the stores a worker process has opened, by URL: one engine per process, reused by every chunk
_STORES: dict[str, Store] = {}


def worker_store(url: str) -> Store:
    """This process's store for a URL (opened once; the schema is migrated by the caller)."""
    store = _STORES.get(url)
    if store is None:
        store = _STORES[url] = open(url, upgrade=False)
    return store


def store_chunk(url: str, paths: Sequence[str], replace: bool) -> list[IngestResult]:
    """Parse and check each file of a chunk, then store them together (`Store.write_many`:
    one transaction, every document whole or not at all); runs in a worker."""
    store = worker_store(url)
    return write_outcomes(store, [store.prepare_path(path, replace) for path in paths], replace)


def write_outcomes(store: Store, outcomes: Sequence[Outcome], replace: bool) -> list[IngestResult]:
    """The results of a chunk: the rows prepared for writing are written as one batch."""
    written = iter(store.write_many([o for o in outcomes if isinstance(o, Records)], replace))
    return [next(written) if isinstance(o, Records) else o for o in outcomes]


def prepare_chunk(url: str, paths: Sequence[str], replace: bool) -> list[Outcome]:
    """Parse and check each file of a chunk; the rows are returned for the caller to write."""
    store = worker_store(url)
    return [store.prepare_path(path, replace) for path in paths]


def chunks(paths: Sequence[str], workers: int, most: int = CHUNK) -> list[list[str]]:
    """Paths in chunks: small enough to keep every worker busy to the end, at most `most`."""
    size = max(1, min(most, len(paths) // (workers * 4)))
    return [list(paths[i : i + size]) for i in range(0, len(paths), size)]


def _failed(paths: Sequence[str], reason: str) -> list[IngestResult]:
    return [IngestResult(path, "failed", reason=reason) for path in paths]


def ingest_processes(
    url: str, paths: Sequence[str], jobs: int, replace: bool = False
) -> Iterator[IngestResult]:
    """Ingest with `jobs` worker processes on this machine; results in completion order.

    The store at `url` must already exist at the newest schema (`cnbudget.store.open`).
    A chunk whose worker process dies (a crash in a reader library, say) is run again in a
    fresh pool, up to `_ATTEMPTS` times, then reported as failed.
    """
    task: Callable[[str, Sequence[str], bool], Sequence[Outcome]]
    task = prepare_chunk if is_sqlite(resolve_url(url)) else store_chunk
    pending = chunks(paths, jobs)
    attempts: dict[tuple[str, ...], int] = {}
    writer = open(url, upgrade=False) if task is prepare_chunk else None
    context = multiprocessing.get_context("spawn")  # no engine or lock inherited by fork
    try:
        while pending:
            broken: list[list[str]] = []
            with ProcessPoolExecutor(jobs, mp_context=context) as pool:
                queue = iter(pending)
                running: dict[Future[Sequence[Outcome]], list[str]] = {}
                # a bounded window, so that rows waiting to be written stay few
                for chunk in itertools.islice(queue, jobs * 3):
                    running[pool.submit(task, url, chunk, replace)] = chunk
                while running:
                    done, _ = wait(running, return_when=FIRST_COMPLETED)
                    for future in done:
                        chunk = running.pop(future)
                        try:
                            outcomes = future.result()
                        except BrokenProcessPool:
                            broken.append(chunk)
                            continue
                        except Exception as exc:  # e.g. an outcome that cannot be pickled
                            yield from _failed(chunk, f"工作进程出错（{exc!r}）")
                            continue
                        if writer is not None:
                            outcomes = write_outcomes(writer, outcomes, replace)
                        yield from outcomes  # type: ignore[misc]
                        following = None if broken else next(queue, None)
                        if following is not None:
                            running[pool.submit(task, url, following, replace)] = following
                    if broken:  # the pool is unusable: run again what it still held
                        broken.extend(running.values())
                        running.clear()
                broken.extend(queue)
            pending = []
            for chunk in broken:
                key = tuple(chunk)
                attempts[key] = attempts.get(key, 1) + 1
                if attempts[key] > _ATTEMPTS:
                    yield from _failed(chunk, "工作进程多次异常退出（可能是文件触发了程序崩溃）")
                else:
                    pending.append(chunk)
    finally:
        if writer is not None:
            writer.close()


@contextmanager
def dask_client(address: str, workers: int) -> Iterator[Client]:
    """A client of the Dask scheduler at `address`, or of a new LocalCluster for `local`."""
    from distributed import Client, LocalCluster

    if address != "local":
        with Client(address) as client:
            yield client
        return
    import dask

    # the workers' statistical profiler samples every thread 100 times a second: CPU taken
    # from parsing, for a profile nobody reads without a dashboard
    with (
        dask.config.set({"distributed.worker.profile.enabled": False}),
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def ingest_dask(
    url: str, paths: Sequence[str], client: Client, replace: bool = False, retries: int = 2
) -> Iterator[IngestResult]:
    """Ingest as Dask tasks on the cluster of `client`; the workers store into PostgreSQL.

    Each task is a chunk of files (`store_chunk`). A task that raises is retried `retries`
    times; a task whose worker dies is rescheduled by the scheduler (up to its
    `distributed.scheduler.allowed-failures`); either way documents already stored are
    skipped and a document whose transaction was cut was rolled back, so nothing is stored
    twice or by half. Results come in completion order.
    """
    from distributed import as_completed

    if is_sqlite(resolve_url(url)):
        raise ValueError("Dask ingest stores into PostgreSQL")
    workers = max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))
    parts = chunks(paths, workers)
    futures = client.map(
        store_chunk, [url] * len(parts), parts, replace=replace, retries=retries, pure=False
    )
    chunk_of = {future.key: chunk for future, chunk in zip(futures, parts, strict=True)}
    for future in as_completed(futures):
        chunk = chunk_of[future.key]
        try:
            results: list[IngestResult] = future.result()
        except Exception as exc:  # KilledWorker after too many deaths, or a task error
            yield from _failed(chunk, f"集群任务失败（{type(exc).__name__}: {exc}）")
            continue
        finally:
            future.release()
        yield from results
