"""Real processes on both backends: an ingest killed midway, two ingests racing each other."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from cnbudget.facts import facts
from cnbudget.pipeline import parse_file
from cnbudget.store import open
from cnbudget.synthetic import LAYOUTS, generate

from ..conftest import CORPUS
from .test_store import counts

ROOT = Path(__file__).parents[2]
SAMPLES = sorted(CORPUS.glob("*.txt"))


def worker(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.store.worker", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def assert_complete(url: str, paths: list[Path]) -> None:
    """Every stored document holds exactly its parsed facts; nothing else is stored."""
    with open(url) as store:
        stored = {s.id for s in store.documents()}
        for path in paths:
            parsed = parse_file(path)
            if parsed.id in stored:
                assert list(store.facts([parsed.id])) == list(facts(parsed))
                assert store.document(parsed.id) == parsed
        rows = counts(store)
        with store.engine.connect():
            assert rows["documents"] == len(stored)
            assert rows["facts"] == sum(s.facts for s in store.documents())


def test_killed_ingest_leaves_no_partial_document(db_url: str) -> None:
    process = worker("stall", db_url, *map(str, SAMPLES))
    assert process.stdout is not None
    lines = []
    deadline = time.time() + 120
    while time.time() < deadline:
        line = process.stdout.readline()
        assert line, process.stderr.read() if process.stderr else "worker ended"
        lines.append(line.split())
        if line.startswith("PARTIAL"):
            break
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    victim = lines[-1][1]
    assert lines[0] == ["INGESTED", parse_file(SAMPLES[0]).id]
    with open(db_url) as store:
        assert [s.id for s in store.documents()] == [parse_file(SAMPLES[0]).id]
        assert set(counts(store, victim).values()) == {0}
        # the killed run's document goes in cleanly afterwards
        results = [store.ingest_path(path) for path in SAMPLES]
        assert [r.status for r in results] == ["skipped"] + ["ingested"] * (len(SAMPLES) - 1)
    assert_complete(db_url, SAMPLES)


def test_concurrent_ingests_lose_and_duplicate_nothing(db_url: str, tmp_path: Path) -> None:
    paths = list(SAMPLES)
    for seed in range(2):
        for layout in LAYOUTS:
            path = tmp_path / f"{layout}-{seed}.txt"
            path.write_text(generate(seed, layout).text, encoding="utf-8")
            paths.append(path)
    start_at = time.time() + 4  # both workers parse first, then start writing together
    processes = [worker("race", db_url, str(start_at), *map(str, paths)) for _ in range(2)]
    outputs = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        outputs.append(json.loads(out.strip().splitlines()[-1]))
    statuses: dict[str, Counter[str]] = {}
    for output in outputs:
        assert len(output) == len(paths)
        for doc_id, status, _reason in output:
            statuses.setdefault(doc_id, Counter())[status] += 1
    ids = {parse_file(path).id for path in paths}
    assert set(statuses) == ids
    for status in statuses.values():
        assert status == Counter({"ingested": 1, "skipped": 1})
    with open(db_url) as store:
        assert {s.id for s in store.documents()} == ids
    assert_complete(db_url, paths)
