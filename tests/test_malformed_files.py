"""Broken, hostile and unsupported files give a clear Chinese error, quickly, never a traceback."""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from cnbudget.errors import InputError
from cnbudget.pipeline import parse_file
from cnbudget.readers import read_data
from cnbudget.readers.detect import sniff
from cnbudget.readers.limits import Limits
from cnbudget.synthetic.render_pdf import FONT_CANDIDATES

from . import hostile


def _font() -> str:
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    pytest.skip("fonts-noto-cjk missing")


def _pdf(text: str = "收支总体情况表", password: str | None = None) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("cjk", fname=_font(), collection_font_number=2)
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.add_page()
    pdf.set_font("cjk", size=12)
    for _ in range(30):
        pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _many_pages(count: int) -> bytes:
    """A valid PDF of `count` empty pages (xref offsets included)."""
    return hostile.raw_pdf([b""] * count)


def _reason(data: bytes, limits: Limits | None = None) -> tuple[str, float]:
    started = time.monotonic()
    with pytest.raises(InputError) as info:
        read_data(data, "样本", limits)
    return info.value.reason, time.monotonic() - started


def test_encrypted_pdf() -> None:
    reason, seconds = _reason(_pdf(password="secret"))
    assert "加密" in reason and seconds < 5


def test_truncated_pdf_is_an_error_or_a_partial_read() -> None:
    data = _pdf()
    for fraction in (0.1, 0.5, 0.9):
        started = time.monotonic()
        try:
            read_data(data[: int(len(data) * fraction)], "截断.pdf")
        except InputError as exc:
            assert exc.reason
        assert time.monotonic() - started < 5


def test_two_thousand_pages_are_refused_quickly() -> None:
    reason, seconds = _reason(_many_pages(2000))
    assert "页数过多" in reason and "2000" in reason
    assert seconds < 5


def test_page_limit_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CNBUDGET_MAX_PAGES", "3000")
    reason, _ = _reason(_many_pages(2000))
    assert "文字" in reason  # read, then found to be empty instead of refused


def test_image_only_pdf_asks_for_ocr() -> None:
    from fpdf import FPDF
    from PIL import Image

    image = Image.new("RGB", (400, 300), "white")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=150)
    reason, seconds = _reason(bytes(pdf.output()))
    assert "扫描件" in reason and "OCR" in reason and seconds < 5


def test_zip_bomb_xlsx_is_refused_before_unpacking() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.xml", "<workbook/>")
        package.writestr("xl/worksheets/sheet1.xml", b" " * (64 * 1024 * 1024))
    data = buffer.getvalue()
    assert sniff(data) == "xlsx" and len(data) < 1024 * 1024
    reason, seconds = _reason(data)
    assert "压缩炸弹" in reason and seconds < 5


def test_unpacked_size_limit() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as package:
        package.writestr("word/document.xml", b"x" * (2 * 1024 * 1024))
    reason, _ = _reason(buffer.getvalue(), Limits(max_unpacked_bytes=1024 * 1024))
    assert "解压后过大" in reason


@pytest.mark.parametrize(
    ("data", "word"),
    [
        (b"PK\x03\x04" + b"\x00" * 200, "损坏"),  # a zip that is no package
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"), "DOC"),
        # a Word file whose UTF-16 text says "Book" is still a Word file
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument Book".encode("utf-16-le"), "DOC"),
        (b"%PDF-1.7\n" + b"\x00" * 100, "PDF"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 100, "OCR"),
    ],
    ids=["broken-zip", "doc", "doc-saying-book", "broken-pdf", "jpeg"],
)
def test_unsupported_or_broken(data: bytes, word: str) -> None:
    reason, _ = _reason(data)
    assert word in reason


def test_broken_files_through_the_cli(tmp_path: Path) -> None:
    cases = {
        "加密.pdf": _pdf(password="secret"),
        "截断.xlsx": b"PK\x03\x04" + b"\x01" * 300,
        "很多页.pdf": _many_pages(2000),
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        result = subprocess.run(
            [sys.executable, "-m", "cnbudget.cli", "parse", str(path)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert name in result.stderr


def test_pdf_without_tables_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "说明.pdf"
    path.write_bytes(_pdf("本部门无预算表格，仅有文字说明。"))
    with pytest.raises(InputError) as info:
        parse_file(path)
    assert "未识别到任何预算表格" in info.value.reason


def test_html_span_bomb_is_refused() -> None:
    """Row and column spans can make a small page expand to a huge grid (here 16 million
    cells from 6 kB: each row's span is shifted right by the spans above it)."""
    rows = '<tr><td colspan="200" rowspan="200">1</td></tr>' * 200
    data = f"<html><body><table>{rows}</table></body></html>".encode()
    assert len(data) < 10_000
    reason, seconds = _reason(data)
    assert "单元格过多" in reason and seconds < 5


def test_html_cell_limit_counts_every_table() -> None:
    table = "<table>" + "<tr><td>1</td><td>2</td></tr>" * 30 + "</table>"
    data = f"<html><body>{table * 2}</body></html>".encode()
    read_data(data, "样本", Limits(max_cells=120))
    reason, _ = _reason(f"<html><body>{table * 3}</body></html>".encode(), Limits(max_cells=120))
    assert "单元格过多" in reason


def test_file_size_limit(tmp_path: Path) -> None:
    from cnbudget.readers import read_file
    from cnbudget.readers.text import read_path

    path = tmp_path / "大.txt"
    path.write_bytes("收支总体情况表\n".encode() * 200)
    for read in (
        lambda: read_file(path, Limits(max_file_bytes=1024)),
        lambda: read_path(path, 1024),
    ):
        with pytest.raises(InputError) as info:
            read()
        assert "文件过大" in info.value.reason
