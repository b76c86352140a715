"""CPU time spent in each ingest stage by this process (read, parse, check, records, write).

Ingest code wraps its stages in `stage(name)`; benchmarks read `snapshot()` in each worker
process. The clock is the calling thread's CPU time, so the figures do not grow when other
processes share the cores (unlike wall-clock time) and exclude what other threads of the
process (a Dask worker's event loop, say) spend. Cost: two clock reads per stage.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

_CPU: dict[str, float] = {}
_CALLS: dict[str, int] = {}


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Add the CPU time of the enclosed block to stage `name`."""
    start = time.thread_time()
    try:
        yield
    finally:
        _CPU[name] = _CPU.get(name, 0.0) + time.thread_time() - start
        _CALLS[name] = _CALLS.get(name, 0) + 1


def snapshot() -> dict[str, tuple[float, int]]:
    """CPU seconds and number of calls per stage since this process started."""
    return {name: (seconds, _CALLS[name]) for name, seconds in _CPU.items()}
