"""Uploads are parsed in worker processes with a time and memory limit: ten parallel
hostile uploads do not stop the server answering, and every worker is gone afterwards."""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from cnbudget.web import create_app
from cnbudget.web.store import StoreLibrary
from cnbudget.web.worker import WorkerLimits

from .conftest import SAMPLES, _free_port


def _slow(name: str, data: bytes, max_bytes: int) -> object:
    while True:  # a parse that never ends (as a hostile file once did)
        pass


def _greedy(name: str, data: bytes, max_bytes: int) -> object:
    hoard = []
    while True:
        hoard.append(bytearray(50 * 1024 * 1024))


@pytest.fixture
def limited_server(library: StoreLibrary) -> Iterator[str]:
    app = create_app(library, worker_limits=WorkerLimits(seconds=3, memory_bytes=600 * 2**20))
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def _timed(url: str) -> float:
    started = time.monotonic()
    assert httpx.get(url, timeout=10).status_code == 200
    return time.monotonic() - started


def _upload(base: str, data: bytes, results: list[httpx.Response]) -> None:
    files = {"file": ("a.txt", data, "text/plain")}
    results.append(httpx.post(f"{base}/upload", files=files, timeout=30))


def test_parallel_hostile_uploads_do_not_stop_the_server(
    limited_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cnbudget.web.uploads.parse_upload", _slow)
    # the list page's own time on this (shared, possibly busy) machine, without uploads
    baseline = min(_timed(limited_server + "/") for _ in range(3))
    results: list[httpx.Response] = []
    threads = [
        threading.Thread(target=_upload, args=(limited_server, b"x" * 1000, results))
        for _ in range(10)
    ]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    during = min(_timed(limited_server + "/") for _ in range(3))
    assert during < max(1.0, 3 * baseline), (during, baseline)
    for thread in threads:
        thread.join(30)
    assert len(results) == 10
    assert all(r.status_code == 413 and "解析超时" in r.text for r in results)
    time.sleep(0.2)
    assert not multiprocessing.active_children()


def test_memory_limit_of_a_worker(limited_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cnbudget.web.uploads.parse_upload", _greedy)
    results: list[httpx.Response] = []
    _upload(limited_server, b"x" * 1000, results)
    assert results[0].status_code == 413
    assert "内存上限" in results[0].text


def test_upload_through_a_worker_gives_the_document(limited_server: str) -> None:
    results: list[httpx.Response] = []
    _upload(limited_server, Path(SAMPLES[0]).read_bytes(), results)
    response = results[0]
    assert response.status_code == 303, response.text[:300]
    location = response.headers["location"]
    assert location.startswith("/upload/")
    page = httpx.get(limited_server + location, timeout=10)
    assert page.status_code == 200 and "合计" in page.text
