"""Web fixtures: a store with the samples, the app, a live server and headless Chromium."""

from __future__ import annotations

import random
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient

from cnbudget.pipeline import parse_text
from cnbudget.store import Store
from cnbudget.store import open as open_store
from cnbudget.synthetic import LAYOUTS, generate
from cnbudget.validate import check
from cnbudget.web import create_app
from cnbudget.web.store import StoreLibrary

CORPUS = Path(__file__).parent.parent / "corpus"
SAMPLES = sorted(CORPUS.glob("*.txt"))
CHROMIUM = "/usr/bin/chromium"
AMOUNT = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d{2}(?!\d)")


def mutated_synthetic(seed: int) -> tuple[str, str]:
    """A synthetic document with one printed amount raised by 10.00, and that amount's text.

    Draws seeds until the change breaks an identity whose cells are all in the document, so
    the finding can be shown on the very cells involved.
    """
    for attempt in range(seed, seed + 200):
        text = generate(attempt, LAYOUTS[attempt % len(LAYOUTS)]).text
        spots = list(AMOUNT.finditer(text))
        spot = random.Random(attempt).choice(spots)
        new = Decimal(spot.group(0).replace(",", "")) + Decimal("10.00")
        printed = f"{new:,.2f}" if "," in spot.group(0) else f"{new:.2f}"
        changed = text[: spot.start()] + printed + text[spot.end() :]
        report = check(parse_text(changed))
        if any(f.severity == "error" and f.cells for f in report.findings):
            return changed, printed
    raise AssertionError("no mutation produced a located error")


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """An SQLite store holding the five samples and a few synthetic documents."""
    folder = tmp_path_factory.mktemp("web")
    store = open_store(str(folder / "web.db"))
    for sample in SAMPLES:
        copy = folder / sample.name
        shutil.copy(sample, copy)
        assert store.ingest_path(copy).status == "ingested"
    for seed in range(6):
        path = folder / f"synthetic-{seed}.txt"
        path.write_text(generate(seed, LAYOUTS[seed % len(LAYOUTS)]).text, encoding="utf-8")
        store.ingest_path(path)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(scope="session")
def library(web_store: Store) -> StoreLibrary:
    return StoreLibrary(web_store)


@pytest.fixture(scope="session")
def client(library: StoreLibrary) -> TestClient:
    return TestClient(create_app(library))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def server(library: StoreLibrary) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port; yields its base URL."""
    with serving(library) as url:
        yield url


def serve(library: StoreLibrary) -> Iterator[str]:
    """Serve the app over a library (a generator for session fixtures); yield its base URL."""
    with serving(library) as url:
        yield url


@contextmanager
def serving(library: StoreLibrary) -> Iterator[str]:
    """Serve the app over a library by uvicorn on a free loopback port; yields its base URL."""
    port = _free_port()
    config = uvicorn.Config(create_app(library), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium missing: run .ci/chromium.sh"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            yield instance
        finally:
            instance.close()
