"""PDF bounds checked inside the reader: characters and objects per page and per document,
ruling-line crossings, inflated bytes (decompression bombs), non-finite coordinates; and
damage (streams that do not inflate, a cut file) named in notices. The tests assert the
outcome and the message, never the time taken."""

from __future__ import annotations

import dataclasses
import re
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from cnbudget.cli import main
from cnbudget.errors import MAX_REASON, InputError
from cnbudget.readers import Limits, read_data

from . import hostile
from .conftest import CORPUS

REAL = CORPUS / "real"


def refused(data: bytes, limits: Limits | None = None) -> str:
    with pytest.raises(InputError) as info:
        read_data(data, "恶意.pdf", limits or Limits())
    reason = info.value.reason
    assert "\n" not in reason and len(reason) <= MAX_REASON
    return reason


def test_too_many_characters_on_a_page() -> None:
    reason = refused(hostile.raw_pdf([hostile.many_chars(60_000)], compress=True))
    assert "第 1 页字符过多" in reason and "50000" in reason


def test_too_many_characters_in_the_document() -> None:
    limits = dataclasses.replace(Limits(), max_pdf_chars=2_000)
    pages = [hostile.many_chars(800)] * 4
    assert "PDF 字符过多" in refused(hostile.raw_pdf(pages), limits)
    assert read_data(hostile.raw_pdf(pages[:2]), "两页.pdf", limits).lines


def test_too_many_objects_on_a_page() -> None:
    data = hostile.raw_pdf([hostile.many_paths(60_000) + hostile.text_line("1.00", 9, 9)])
    assert "第 1 页图形对象过多" in refused(data, dataclasses.replace(Limits()))


def test_too_many_objects_in_the_document() -> None:
    limits = dataclasses.replace(Limits(), max_pdf_objects=1_000)
    page = hostile.many_paths(400) + hostile.text_line("1.00", 9, 9)
    assert "PDF 图形对象过多" in refused(hostile.raw_pdf([page] * 3), limits)


def test_densely_ruled_page() -> None:
    page = hostile.dense_grid(1_000) + hostile.text_line("100.00", 100, 100)
    data = hostile.raw_pdf([page], media_box="0 0 5000 5000", compress=True)
    assert "表格线过密（1000 条横线 × 1000 条竖线）" in refused(data)


def test_decompression_bomb() -> None:
    data = hostile.raw_pdf([hostile.deflate_bomb(20)], compress=True)
    assert len(data) < 100_000
    assert "解压后）过大（超过 16 MB" in refused(data)
    fonts = dataclasses.replace(Limits(), max_inflated_bytes=1024 * 1024)
    assert "压缩数据解压后过大（超过 1 MB" in refused(_with_font_stream(2), fonts)


def _with_font_stream(megabytes: int) -> bytes:
    """A small PDF followed by a font program stream inflating to `megabytes` MiB."""
    body = zlib.compress(b"\0" * (megabytes * 1024 * 1024))
    stream = (
        (
            f"99 0 obj\n<< /Length {len(body)} /Length1 {megabytes << 20} /Filter /FlateDecode >>\n"
            "stream\n"
        ).encode()
        + body
        + b"\nendstream\nendobj\n"
    )
    data = hostile.raw_pdf([hostile.text_line("1.00", 9, 9)])
    return data[:9] + stream + data[9:]


def test_uncompressed_content_counts_too() -> None:
    limits = dataclasses.replace(Limits(), max_content_bytes=1024 * 1024)
    assert "过大（超过 1 MB" in refused(hostile.raw_pdf([hostile.many_paths(60_000)]), limits)


def test_non_finite_coordinates_are_read_or_left_out() -> None:
    source = read_data(hostile.raw_pdf([hostile.non_finite()]), "坐标.pdf")
    assert "1.00" in [line.text for line in source.lines]
    for line in source.lines:
        assert line.box is not None and all(abs(v) < 1e30 for v in line.box)


def test_limits_are_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CNBUDGET_MAX_PAGE_CHARS", "100")
    monkeypatch.setenv("CNBUDGET_MAX_CONTENT_MB", "0.5")
    limits = Limits.from_env()
    assert limits.max_page_chars == 100 and limits.max_content_bytes == 512 * 1024


def test_cli_names_the_file_and_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(hostile.raw_pdf([hostile.deflate_bomb(20)], compress=True))
    result = CliRunner(mix_stderr=False).invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"错误：{path}：PDF 页面内容数据")
    assert result.stderr.count("\n") == 1


def _flipped(data: bytes) -> bytes:
    """`data` with one bit flipped in the middle of its largest page-content stream."""
    best = (0, 0)
    for match in re.finditer(rb"(?<!end)stream\r?\n", data):
        start = match.end()
        end = data.find(b"endstream", start)
        head = data[max(0, start - 300) : start]
        if b"/Length1" not in head and b"/Image" not in head and end - start > best[1] - best[0]:
            best = (start, end)
    damaged = bytearray(data)
    damaged[(best[0] + best[1]) // 2] ^= 0x10
    return bytes(damaged)


def test_a_flipped_byte_is_named() -> None:
    data = (REAL / "shanghai-putuo-justice-2026-budget-unit.pdf").read_bytes()
    assert not any("损坏" in notice for notice in read_data(data, "原文.pdf").notices)
    notices = read_data(_flipped(data), "坏.pdf").notices
    assert any("压缩数据流已损坏" in notice for notice in notices)


def test_a_cut_file_is_named() -> None:
    data = (REAL / "shanghai-putuo-justice-2026-budget-unit.pdf").read_bytes()
    try:
        notices = read_data(data[: len(data) * 3 // 4], "截断.pdf").notices
    except InputError as exc:
        assert "PDF" in exc.reason
    else:
        assert any("%%EOF" in notice for notice in notices)
