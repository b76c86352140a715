"""Tell a file's format from its content (magic bytes, zip members, markup), not its name."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Literal

Format = Literal[
    "pdf", "xlsx", "xls", "docx", "html", "text", "doc", "zip", "broken-zip", "ole", "image"
]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<table[\s>]|<meta[\s>]|<p[\s>]",
    re.IGNORECASE,
)
_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM")


def sniff(data: bytes) -> Format:
    """The format of a file's bytes."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if data.startswith(_OLE2):
        return _ole_kind(data)
    if data.startswith(_IMAGES):
        return "image"
    text_head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if text_head.startswith(b"<") and _HTML.search(text_head):
        return "html"
    if _HTML.search(data[:4096]) and re.search(rb"</(table|p|html|body)>", data[:65536], re.I):
        return "html"
    return "text"


def _zip_kind(data: bytes) -> Format:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        # a truncated package still names its first members in local headers
        if b"word/" in data[:65536]:
            return "docx"
        if b"xl/" in data[:65536]:
            return "xlsx"
        return "broken-zip"
    if any(name.startswith("word/") for name in names):
        return "docx"
    if any(name.startswith("xl/") for name in names):
        return "xlsx"
    return "zip"


def _ole_kind(data: bytes) -> Format:
    # OLE2 compound files: the directory names the stream (UTF-16LE). Word first: a .doc
    # keeps its text in UTF-16LE too, so "Book" may be a word of it (or of an embedded sheet)
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "xls"
    return "ole"
