"""Read extracted text: detect the encoding (UTF-8, BOM, GBK/GB18030), normalise line ends."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from charset_normalizer import from_bytes

from cnbudget.errors import InputError
from cnbudget.model import SourceLine

MAX_TEXT_BYTES = 20 * 1024 * 1024
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


@dataclass(frozen=True, slots=True)
class SourceText:
    """Decoded text of one input, with its stable id and detected encoding."""

    source: str
    id: str
    encoding: str
    lines: list[SourceLine]
    format: str = "text"  # text, pdf, xlsx, xls, docx or html
    tabbed: bool | None = None  # known from the reader (cell grids); None: look at the text
    notices: list[str] = field(default_factory=list)  # what the reader could not place
    # lines of tables whose columns were inferred from positions (PDF tables without rules)
    inferred: frozenset[int] = frozenset()
    pages: int | None = None  # page count, for paged formats (PDF)
    pictured: frozenset[int] = frozenset()  # pages printing images but no text

    @property
    def tab_separated(self) -> bool:
        """True when the text keeps empty cells as tab-separated fields."""
        if self.tabbed is not None:
            return self.tabbed
        content = [line.text for line in self.lines if line.text.strip()]
        if not content:
            return False
        tabbed = sum(1 for text in content if "\t" in text)
        return tabbed >= max(5, len(content) // 20)


def document_id(data: bytes) -> str:
    """Stable document id: the first 16 hex digits of the SHA-256 of the raw bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


def group_id(ids: Sequence[str]) -> str:
    """The id of a document published as several files (the file's own id for one file)."""
    if len(ids) == 1:
        return ids[0]
    return document_id("+".join(sorted(ids)).encode("ascii"))


def combine(parts: Sequence[SourceText]) -> SourceText:
    """Several files of one disclosure (情况说明 in one PDF, tables in another) as one text.

    Lines are numbered on and pages continue from one file to the next, in the order given.
    The id does not depend on that order: the first 16 hex digits of the SHA-256 of the
    files' own ids, sorted and joined with "+".
    """
    if len(parts) == 1:
        return parts[0]
    lines: list[SourceLine] = []
    inferred: set[int] = set()
    notices: list[str] = []
    pictured: set[int] = set()
    page_offset = 0
    for part in parts:
        line_offset = len(lines)
        pages: list[int] = [line.page for line in part.lines if line.page is not None]
        for line in part.lines:
            page = None if line.page is None else line.page + page_offset
            lines.append(replace(line, number=line.number + line_offset, page=page))
        inferred |= {number + line_offset for number in part.inferred}
        notices.extend(f"{part.source}：{notice}" for notice in part.notices)
        pictured |= {shown + page_offset for shown in part.pictured}
        page_offset += part.pages if part.pages is not None else max(pages, default=0)
    formats = dict.fromkeys(part.format for part in parts)
    tabbed = {part.tabbed for part in parts}
    return SourceText(
        " + ".join(part.source for part in parts),
        group_id([part.id for part in parts]),
        parts[0].encoding,
        lines,
        "+".join(formats),
        tabbed.pop() if len(tabbed) == 1 else None,
        notices,
        frozenset(inferred),
        page_offset if all(part.pages for part in parts) else None,
        frozenset(pictured),
    )


def read_path(path: str | Path, max_bytes: int = MAX_TEXT_BYTES) -> SourceText:
    """Read a text file from disk."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(str(path), f"无法读取文件（{exc.strerror or exc}）") from exc
    if size > max_bytes:
        raise InputError(str(path), too_large(size, max_bytes))
    return read_bytes(path.read_bytes(), str(path))


def too_large(size: int, limit: int) -> str:
    """The reason given for a file over a size limit."""
    return f"文件过大（{size / 1048576:.1f} MB，上限 {limit / 1048576:.0f} MB）"


def _decode(data: bytes, source: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            # a file cut inside its last character: the rest is UTF-8
            return data[: exc.start].decode("utf-8"), "utf-8"
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise InputError(source, "无法识别文本编码（不是 UTF-8 或 GBK/GB18030 文本）")
    return str(best), best.encoding


def read_bytes(data: bytes, source: str = "<bytes>") -> SourceText:
    """Decode bytes into lines; reject empty, binary and undecodable input."""
    if not data.strip():
        raise InputError(source, "文件为空")
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(source, "是二进制文件，不是文本（PDF/Excel 等格式需先用对应读取器）")
    text, encoding = _decode(data, source)
    notices = []
    if encoding == "utf-8" and len(text.encode("utf-8")) < len(data):
        notices.append("文件末尾的字符不完整（文件可能被截断），末尾内容可能缺失，请与原文核对")
    controls = len(_CONTROLS.findall(text, 0, 65536))
    if controls > 16:
        raise InputError(source, "含大量控制字符，不像文本文件")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    page = 1
    lines: list[SourceLine] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if "\f" in raw:
            page += raw.count("\f")
            raw = raw.replace("\f", "")
        lines.append(SourceLine(number, raw, page))
    return SourceText(source, document_id(data), encoding, lines, notices=notices)
