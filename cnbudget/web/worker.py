"""Parse uploads in a child process with a time and memory limit, so that one hostile
upload cannot freeze the server: the request awaits the child without blocking the
event loop, the child is killed on timeout, when the client leaves, or on shutdown."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from cnbudget.errors import internal_reason
from cnbudget.model import Document
from cnbudget.validate import Report

Parsed = tuple[Document, Report, list[str]]


def _env_number(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass(frozen=True, slots=True)
class WorkerLimits:
    """Bounds of one upload's parse (settings; environment CNBUDGET_UPLOAD_SECONDS and
    CNBUDGET_UPLOAD_MEMORY_MB override the defaults)."""

    seconds: float = 120.0
    memory_bytes: int = 2 * 1024 * 1024 * 1024
    workers: int = 2  # uploads parsed at the same time; others wait their turn

    @classmethod
    def from_env(cls) -> WorkerLimits:
        base = cls()
        memory_mb = _env_number("CNBUDGET_UPLOAD_MEMORY_MB", base.memory_bytes / 1048576)
        return cls(
            seconds=_env_number("CNBUDGET_UPLOAD_SECONDS", base.seconds),
            memory_bytes=int(memory_mb * 1048576),
            workers=max(1, int(_env_number("CNBUDGET_UPLOAD_WORKERS", base.workers))),
        )


class ClientGone(Exception):
    """The client closed the connection while its upload was being parsed."""


def _child(conn: Connection, name: str, data: bytes, max_bytes: int, memory: int) -> None:
    from cnbudget.web import uploads

    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        os.nice(10)  # pages keep answering while uploads are parsed
    except (ImportError, ValueError, OSError):  # pragma: no cover - platform without limits
        pass
    message: tuple[Any, ...]
    try:
        message = ("ok", uploads.parse_upload(name, data, max_bytes))
    except uploads.UploadError as exc:
        message = ("error", exc.reason, exc.status)
    except MemoryError:
        message = ("error", f"{name}：解析超出内存上限（{memory // 1048576} MB）", 413)
    except Exception as exc:
        message = ("error", f"{name}：{internal_reason(exc)}", 500)
    try:
        conn.send(message)
    except MemoryError:
        conn.send(("error", f"{name}：解析结果超出内存上限（{memory // 1048576} MB）", 413))
    conn.close()


async def parse_isolated(
    name: str,
    data: bytes,
    max_bytes: int,
    limits: WorkerLimits,
    disconnected: Callable[[], Awaitable[bool]],
    turns: asyncio.Semaphore | None = None,
) -> Parsed:
    """Parse and check an upload in a child process; UploadError on failure or limits.

    `turns` bounds how many children run at once (the rest wait, and may leave).
    """
    if turns is None:
        return await _run(name, data, max_bytes, limits, disconnected)
    while True:
        try:
            await asyncio.wait_for(turns.acquire(), 0.2)
            break
        except TimeoutError:
            if await disconnected():
                raise ClientGone from None
    try:
        return await _run(name, data, max_bytes, limits, disconnected)
    finally:
        turns.release()


async def _run(
    name: str,
    data: bytes,
    max_bytes: int,
    limits: WorkerLimits,
    disconnected: Callable[[], Awaitable[bool]],
) -> Parsed:
    from cnbudget.web.uploads import UploadError

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_child, args=(sender, name, data, max_bytes, limits.memory_bytes), daemon=True
    )
    process.start()
    sender.close()
    deadline = time.monotonic() + limits.seconds
    try:
        while True:
            if receiver.poll():
                try:
                    message = receiver.recv()
                except EOFError:
                    message = None
                break
            if not process.is_alive() and not receiver.poll():
                message = None
                break
            if time.monotonic() > deadline:
                reason = f"{name}：解析超时（超过 {limits.seconds:g} 秒），已停止"
                raise UploadError(reason, 413)
            if await disconnected():
                raise ClientGone
            await asyncio.sleep(0.05)
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        receiver.close()
    if message is None:
        reason = f"{name}：解析进程意外退出（可能超出内存上限 {limits.memory_bytes // 1048576} MB）"
        raise UploadError(reason, 413)
    if message[0] == "error":
        raise UploadError(message[1], message[2])
    parsed: Parsed = message[1]
    return parsed
