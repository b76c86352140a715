"""Uploads: size and type limits, parse and check in memory, kept briefly for saving."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from cnbudget.errors import InputError, internal_reason
from cnbudget.model import Document
from cnbudget.pipeline import parse_source
from cnbudget.readers import read_data
from cnbudget.validate import Report, check

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
# formats the pipeline reads; the content decides the reader, the suffix only filters
ALLOWED_SUFFIXES = (".txt", ".csv", ".pdf", ".xlsx", ".xls", ".docx", ".html", ".htm")
_KEEP = 16


class UploadError(Exception):
    """An upload that cannot be accepted; `reason` is shown to the user (Chinese)."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


@dataclass(slots=True)
class Upload:
    """A parsed upload: its name, bytes (kept for saving), document, report and source lines."""

    token: str
    name: str
    data: bytes
    document: Document
    report: Report
    lines: list[str] | None
    saved: bool = False


def safe_name(name: str) -> str:
    """The file's base name only, without directories or control characters."""
    base = Path(name.replace("\\", "/")).name
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in "/\\")
    return cleaned[:200] or "上传文件"


def check_type(name: str) -> str:
    """Reject names whose suffix is not a supported format; return the lower-case suffix."""
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        allowed = "、".join(ALLOWED_SUFFIXES)
        raise UploadError(f"不支持的文件类型“{suffix or '无扩展名'}”，支持：{allowed}", 415)
    return suffix


def parse_upload(
    name: str, data: bytes, max_bytes: int = MAX_UPLOAD_BYTES
) -> tuple[Document, Report, list[str]]:
    """Parse and check uploaded bytes (any supported format), with the lines the parser numbered."""
    check_type(name)
    if len(data) > max_bytes:
        raise UploadError(f"文件过大（上限 {max_bytes / 1048576:g} MB）", 413)
    if not data:
        raise UploadError("文件为空")
    try:
        source = read_data(data, name)
        document = parse_source(source)
    except InputError as exc:
        raise UploadError(f"{name}：{exc.reason}") from exc
    except Exception as exc:  # a parser bug must still give one clear line
        raise UploadError(f"{name}：{internal_reason(exc)}", 500) from exc
    return document, check(document), [line.text for line in source.lines]


class UploadCache:
    """The last few uploads, by an unguessable token (nothing is written to disk or database)."""

    def __init__(self, keep: int = _KEEP, max_bytes: int = MAX_UPLOAD_BYTES) -> None:
        self._items: OrderedDict[str, Upload] = OrderedDict()
        self.max_bytes = max_bytes
        self._keep = keep
        self._lock = threading.Lock()

    def add(self, name: str, data: bytes) -> Upload:
        """Parse in this process and keep the result (the web app parses in a worker)."""
        return self.keep(name, data, parse_upload(name, data, self.max_bytes))

    def keep(self, name: str, data: bytes, parsed: tuple[Document, Report, list[str]]) -> Upload:
        """Keep an upload parsed elsewhere under a new token."""
        document, report, lines = parsed
        upload = Upload(secrets.token_urlsafe(16), safe_name(name), data, document, report, lines)
        with self._lock:
            self._items[upload.token] = upload
            while len(self._items) > self._keep:
                self._items.popitem(last=False)
        return upload

    def get(self, token: str) -> Upload | None:
        with self._lock:
            return self._items.get(token)
