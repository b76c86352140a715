"""PDF streams checked before pdfium opens the file.

The inflated size of FlateDecode streams (images aside: they are never decoded) is
bounded, in all and for page content (pdfium parses a page's content into objects at
once; uncompressed content counts too), so a decompression bomb or a page of millions of
objects is refused before anything is unpacked; streams that fail to inflate (damaged
bytes: pdfium silently keeps what it could decode) and a file without its end-of-file
marker (a cut file) are named in notices.
"""

from __future__ import annotations

import re
import zlib

from cnbudget.errors import InputError
from cnbudget.readers.limits import Limits

_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_OBJECT = re.compile(rb"\bobj\b")
_CHUNK = 1 << 16  # compressed bytes fed at a time
_OUT = 1 << 20  # inflated bytes taken at a time
_LOOK_BACK = 4096  # bytes before `stream` searched for the stream's dictionary
_FONT = re.compile(rb"/Length[123]\b|/Subtype\s*/(?:Type1C|CIDFontType0C|OpenType)\b")


def check_streams(data: bytes, source: str, limits: Limits) -> list[str]:
    """Notices about damage; InputError when the streams inflate past the limit."""
    inflated = 0
    content = 0  # inflated bytes of streams other than fonts
    damaged = 0
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - _LOOK_BACK) : match.start()]
        found = list(_OBJECT.finditer(head))
        dictionary = head[found[-1].end() :] if found else head
        if b"/Image" in dictionary:
            continue
        if b"/Filter" not in dictionary and not _FONT.search(dictionary):
            end = data.find(b"endstream", match.end())
            content += (len(data) if end < 0 else end) - match.end()
            _check_content(content, source, limits)
            continue
        if b"/FlateDecode" not in dictionary:
            continue
        budget = limits.max_inflated_bytes - inflated
        font = bool(_FONT.search(dictionary))
        if not font:  # page content, forms, object and xref streams
            budget = min(budget, limits.max_content_bytes - content)
        size, complete = _inflate(data, match.end(), budget)
        inflated += size
        content += 0 if font else size
        _check_content(content, source, limits)
        if inflated > limits.max_inflated_bytes:
            mb = limits.max_inflated_bytes // (1024 * 1024)
            reason = (
                f"PDF 压缩数据解压后过大（超过 {mb} MB，可能是解压炸弹），未读取；"
                "可用环境变量 CNBUDGET_MAX_INFLATED_MB 调整"
            )
            raise InputError(source, reason)
        damaged += not complete
    notices = []
    if damaged:
        notices.append(
            f"PDF 中有 {damaged} 个压缩数据流已损坏、无法完整解压，"
            "其中的文字或表格线可能未能读出，请与原文核对"
        )
    if b"%%EOF" not in data[-2048:]:
        notices.append(
            "PDF 文件末尾不完整（缺少文件结束标记 %%EOF），文件可能被截断，"
            "部分页面或内容可能缺失，请与原文核对"
        )
    return notices


def _check_content(size: int, source: str, limits: Limits) -> None:
    if size > limits.max_content_bytes:
        mb = limits.max_content_bytes // (1024 * 1024)
        reason = (
            f"PDF 页面内容数据（解压后）过大（超过 {mb} MB），未读取；"
            "可用环境变量 CNBUDGET_MAX_CONTENT_MB 调整"
        )
        raise InputError(source, reason)


def _inflate(data: bytes, start: int, budget: int) -> tuple[int, bool]:
    """Inflated size of the zlib stream at `start` (stopping past `budget`) and whether
    it inflated to its end without error."""
    inflater = zlib.decompressobj()
    size = 0
    position = start
    try:
        while not inflater.eof and position < len(data):
            chunk = data[position : position + _CHUNK]
            position += _CHUNK
            while chunk and not inflater.eof:
                size += len(inflater.decompress(chunk, _OUT))
                if size > budget:
                    return size, True
                chunk = inflater.unconsumed_tail
    except zlib.error:
        return size, False
    return size, inflater.eof
