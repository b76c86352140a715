"""Checks shared by the Office readers: zip packages within size and compression limits."""

from __future__ import annotations

import io
import zipfile

from cnbudget.errors import InputError
from cnbudget.readers.limits import Limits


def check_package(data: bytes, source: str, limits: Limits) -> None:
    """Refuse broken packages and zip bombs before any library unpacks them."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(source, "文件已损坏或不完整（无法解压）") from exc
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and ratio > limits.max_compression_ratio:
            raise InputError(source, f"文件内容压缩比异常（{ratio:.0f} 倍，疑似压缩炸弹），未读取")
    if total > limits.max_unpacked_bytes:
        raise InputError(
            source,
            f"文件解压后过大（{total / 1048576:.0f} MB，"
            f"上限 {limits.max_unpacked_bytes / 1048576:.0f} MB），未读取",
        )
