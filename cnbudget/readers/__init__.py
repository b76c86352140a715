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


_FORMAT_NAMES = {
    "pdf": "PDF",
    "xlsx": "XLSX",
    "xls": "XLS",
    "docx": "DOCX",
    "html": "HTML",
    "text": "文本",
}


def read_data(data: bytes, source: str = "<bytes>", limits: Limits | None = None) -> SourceText:
    """Read a file's bytes in whatever supported format they are (chosen by content).

    A file the format's library cannot take apart (a damaged or crafted PDF, XLS, XLSX,
    DOCX or HTML: IndexError, KeyError, lxml errors ...) is an InputError naming the format,
    never an internal error; so is running out of memory or recursion depth on it.
    """
    limits = limits or Limits.from_env()
    kinds: list[Format] = []
    try:
        return _read(data, source, limits, kinds)
    except InputError:
        raise
    except (MemoryError, RecursionError) as exc:
        reason = f"文件结构过于庞大或嵌套过深，超出读取限制（{type(exc).__name__}）"
        raise InputError(source, reason) from exc
    except Exception as exc:
        name = _FORMAT_NAMES.get(kinds[0], "") if kinds else ""
        reason = f"文件已损坏或结构异常，无法按 {name} 格式读取（{type(exc).__name__}: {exc}）"
        raise InputError(source, reason) from exc


def _read(data: bytes, source: str, limits: Limits, kinds: list[Format]) -> SourceText:
    if not data.strip():
        raise InputError(source, "文件为空")
    if len(data) > limits.max_file_bytes:
        raise InputError(source, too_large(len(data), limits.max_file_bytes))
    kind: Format = sniff(data)
    kinds.append(kind)
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


def check_size(source: SourceText, limits: Limits | None = None) -> None:
    """Refuse decoded text over the line-count or line-length limit (time grows with both)."""
    limits = limits or Limits.from_env()
    if len(source.lines) > limits.max_lines:
        reason = (
            f"行数过多（{len(source.lines)} 行，上限 {limits.max_lines} 行；"
            "可用环境变量 CNBUDGET_MAX_LINES 调整）"
        )
        raise InputError(source.source, reason)
    longest = max(source.lines, key=lambda line: len(line.text), default=None)
    if longest is not None and len(longest.text) > limits.max_line_chars:
        reason = (
            f"第 {longest.number} 行过长（{len(longest.text)} 个字符，上限 "
            f"{limits.max_line_chars} 个；可用环境变量 CNBUDGET_MAX_LINE_CHARS 调整）"
        )
        raise InputError(source.source, reason)


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


__all__ = [
    "Limits",
    "SourceText",
    "check_size",
    "read_bytes",
    "read_data",
    "read_file",
    "read_path",
    "sniff",
]
