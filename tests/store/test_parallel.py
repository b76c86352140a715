"""Parallel ingest: `--jobs N` on both backends, resume after SIGKILL, Dask (LocalCluster)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import Connection, Table

from cnbudget.cli import main
from cnbudget.pipeline import parse_file
from cnbudget.store import open
from cnbudget.store.parallel import CHUNK, chunks, dask_client, ingest_dask
from cnbudget.synthetic import LAYOUTS, generate

from ..conftest import CORPUS
from .test_processes import ROOT, assert_complete

SAMPLES = sorted(CORPUS.glob("*.txt"))


def run(*args: str) -> tuple[int, str]:
    result = CliRunner(mix_stderr=False).invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout + result.stderr


def synthetic(folder: Path, count: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in range(start, start + count):
        path = folder / f"synthetic-{seed:04d}.txt"
        path.write_text(generate(seed, LAYOUTS[seed % len(LAYOUTS)]).text, encoding="utf-8")
        paths.append(path)
    return paths


def stored_count(url: str) -> int:
    with open(url) as store:
        return len(store.documents())


def test_chunks_cover_every_path_once() -> None:
    paths = [f"{n}.txt" for n in range(103)]
    for workers in (1, 2, 8, 200):
        parts = chunks(paths, workers)
        assert [p for part in parts for p in part] == paths
        assert max(map(len, parts)) <= CHUNK
        assert len(parts) >= min(len(paths), workers)


def test_jobs_ingest_stores_what_the_serial_ingest_stores(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    paths = [*synthetic(folder, 10)]
    for sample in SAMPLES:
        paths.append(Path(shutil.copy(sample, folder / sample.name)))
    again = Path(shutil.copy(SAMPLES[0], tmp_path / "again.txt"))  # same content as a sample
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    code, out = run("ingest", str(folder), "--db", db_url, "--jobs", "2")
    assert code == 2, out  # one failure, listed
    assert re.search(r"失败：.*broken\.txt：", out)
    assert f"已入库 {len(paths)} 份" in out and "跳过 0 份" in out and "失败 1 份" in out
    assert stored_count(db_url) == len(paths)
    assert_complete(db_url, paths)
    code, out = run("ingest", str(folder), str(again), "--db", db_url, "--jobs", "2")
    assert f"已入库 0 份（0 个事实），跳过 {len(paths) + 1} 份" in out


def test_jobs_ingest_resumes_after_sigkill(db_url: str, tmp_path: Path) -> None:
    paths = synthetic(tmp_path / "in", 24)
    command = [sys.executable, "-m", "cnbudget.cli", "ingest", str(tmp_path / "in")]
    command += ["--db", db_url, "--jobs", "2"]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the workers are killed with it
    )
    try:
        deadline = time.time() + 240
        while stored_count(db_url) < 3 and process.poll() is None and time.time() < deadline:
            time.sleep(0.2)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(30)
    before = stored_count(db_url)
    assert before >= 3
    assert_complete(db_url, paths)  # what is stored is whole; nothing half-written
    code, out = run("ingest", str(tmp_path / "in"), "--db", db_url, "--jobs", "2")
    assert code == 0, out
    assert f"已入库 {len(paths) - before} 份" in out
    assert f"跳过 {before} 份" in out or before == 0
    assert stored_count(db_url) == len(paths)
    assert_complete(db_url, paths)


# -- Dask (PostgreSQL only: the workers write) ------------------------------------------------


@pytest.fixture
def pg_url(postgres: Any) -> str:
    return str(postgres.new_database())


def test_dask_local_cluster_ingest(pg_url: str, tmp_path: Path) -> None:
    paths = [*SAMPLES, *synthetic(tmp_path / "in", 6)]
    code, out = run("ingest", *map(str, paths), "--db", pg_url, "--dask", "local", "--jobs", "2")
    assert code == 0, out
    assert f"已入库 {len(paths)} 份" in out
    assert_complete(pg_url, paths)
    code, out = run("ingest", *map(str, paths), "--db", pg_url, "--dask", "local", "--jobs", "1")
    assert f"跳过 {len(paths)} 份" in out


def test_dask_needs_postgresql(tmp_path: Path) -> None:
    code, out = run("ingest", str(SAMPLES[0]), "--db", str(tmp_path / "x.db"), "--dask", "local")
    assert code == 2 and "--dask 需要 PostgreSQL" in out


def stall_once(victim: str, marker: str) -> None:
    """Run on the Dask workers: the first to store `victim` stops inside its transaction."""
    from cnbudget.store import api

    real = api._insert

    def slow(connection: Connection, table: Table, rows: Any) -> None:
        # the facts of a batch of documents written together, the victim's among them
        if table is api.FACTS and any(row["document_id"] == victim for row in rows):
            try:
                handle = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                pass  # the task run again after the kill goes through
            else:
                real(connection, table, rows[: len(rows) // 2])
                os.write(handle, str(os.getpid()).encode())
                os.close(handle)
                time.sleep(600)  # killed here, half the facts inserted, nothing committed
        real(connection, table, rows)

    api._insert = slow


def test_dask_worker_killed_mid_task_loses_nothing(pg_url: str, tmp_path: Path) -> None:
    paths = [*SAMPLES, *synthetic(tmp_path / "in", 5)]
    victim = parse_file(paths[3]).id
    marker = tmp_path / "stalled"
    open(pg_url).close()  # the schema, before the workers open it
    killed: list[int] = []

    def kill_when_stalled() -> None:
        deadline = time.time() + 300
        while time.time() < deadline:
            if marker.exists() and marker.read_text():
                pid = int(marker.read_text())
                os.kill(pid, signal.SIGKILL)  # the worker process our cluster started
                killed.append(pid)
                return
            time.sleep(0.1)

    with dask_client("local", 2) as client:
        client.run(stall_once, victim, str(marker))
        killer = threading.Thread(target=kill_when_stalled, daemon=True)
        killer.start()
        results = list(ingest_dask(pg_url, list(map(str, paths)), client))
        killer.join(10)
    assert killed, "the worker never stalled"
    assert len(results) == len(paths)
    assert {r.status for r in results} <= {"ingested", "skipped"}, results
    with open(pg_url) as store:
        assert {s.id for s in store.documents()} == {parse_file(p).id for p in paths}
    assert_complete(pg_url, paths)
