"""Readers turn a file into source lines: text as is, other formats through a cell grid."""

from __future__ import annotations

from pathlib import Path

from cnbudget.errors import InputError
from cnbudget.readers.detect import Format, sniff
from cnbudget.readers.limits import Limits
from cnbudget.readers.text import MAX_TEXT_BYTES, SourceText, read_bytes, read_path, too_large

_UNSUPPORTED: dict[str, str] = {
    "doc": "是旧版 Word（.doc）文件，暂不支持，请另存为 DOCX 或 PDF 后再读取",
    "zip": "是压缩包，不是 DOCX/XLSX 文件，请解压后逐个读取",
    "broken-zip": "文件已损坏或不完整（无法解压）",
    "ole": "是无法识别的 Office 旧格式文件，或是加密的 Office 文件（需要密码）",
    "image": (
        "是图片文件（二进制，可能是扫描件），目前不支持文字识别（OCR），请提供带文字层的 PDF 或文本"
    ),
}


def read_data(data: bytes, source: str = "<bytes>", limits: Limits | None = None) -> SourceText:
    """Read a file's bytes in whatever supported format they are (chosen by content)."""
    limits = limits or Limits.from_env()
    if not data.strip():
        raise InputError(source, "文件为空")
    if len(data) > limits.max_file_bytes:
        raise InputError(source, too_large(len(data), limits.max_file_bytes))
    kind: Format = sniff(data)
    if kind in _UNSUPPORTED:
        raise InputError(source, _UNSUPPORTED[kind])
    if kind == "text":
        if len(data) > MAX_TEXT_BYTES:
            raise InputError(source, too_large(len(data), MAX_TEXT_BYTES))
        return read_bytes(data, source)
    if kind == "pdf":
        from cnbudget.readers.pdf import read_pdf

        return read_pdf(data, source, limits)
    if kind == "xlsx":
        from cnbudget.readers.xlsx import read_xlsx

        return read_xlsx(data, source, limits)
    if kind == "xls":
        from cnbudget.readers.xlsx import read_xls

        return read_xls(data, source, limits)
    if kind == "docx":
        from cnbudget.readers.docx import read_docx

        return read_docx(data, source, limits)
    from cnbudget.readers.html import read_html

    return read_html(data, source, limits)


def read_file(path: str | Path, limits: Limits | None = None) -> SourceText:
    """Read a disclosure file of any supported format from disk."""
    limits = limits or Limits.from_env()
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(str(path), f"无法读取文件（{exc.strerror or exc}）") from exc
    if size > limits.max_file_bytes:
        raise InputError(str(path), too_large(size, limits.max_file_bytes))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"无法读取文件（{exc.strerror or exc}）") from exc
    return read_data(data, str(path), limits)


__all__ = ["Limits", "SourceText", "read_bytes", "read_data", "read_file", "read_path", "sniff"]
