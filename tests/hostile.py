"""Hostile inputs built in code for the reader-limit tests: crafted PDFs (many objects,
many characters, huge or non-finite coordinates, decompression bombs), zip bombs and
huge sheets. Each builder returns the file's bytes; tests assert the outcome (a parsed
document or a one-line InputError), never the time taken."""

from __future__ import annotations

import io
import zipfile
import zlib


def raw_pdf(
    contents: list[bytes],
    media_box: str = "0 0 595 842",
    compress: bool = False,
    font: bool = True,
) -> bytes:
    """A valid PDF (xref offsets included) with one page per content stream, each using
    the standard font /F1 (Helvetica)."""
    pages = len(contents)
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(f"{4 + 2 * i} 0 R".encode() for i in range(pages))
        + f"] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    resources = b"/Resources << /Font << /F1 3 0 R >> >>" if font else b""
    for i, content in enumerate(contents):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [{media_box}] /Contents {5 + 2 * i} 0 R ".encode()
            + resources
            + b" >>"
        )
        body = zlib.compress(content, 9) if compress else content
        flate = b" /Filter /FlateDecode" if compress else b""
        objects.append(
            f"<< /Length {len(body)}".encode() + flate + b" >>\nstream\n" + body + b"\nendstream"
        )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode())
    out.write(f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def text_line(text: str, x: float, y: float, size: float = 10) -> bytes:
    """Content-stream operators printing ASCII `text` at (x, y)."""
    return f"BT /F1 {size} Tf {x} {y} Td ({text}) Tj ET\n".encode()


def many_paths(count: int) -> bytes:
    """A page of `count` separate stroked path objects (short diagonal strokes)."""
    return b"".join(
        f"{i % 500} {i % 700} m {i % 500 + 3} {i % 700 + 3} l S\n".encode() for i in range(count)
    )


def dense_grid(lines: int, step: float = 5.0) -> bytes:
    """A page ruled by `lines` horizontal and `lines` vertical rules `step` points apart
    crossing each other: one table of (lines - 1)² cells (use a media box that holds it)."""
    end = lines * step
    parts = [f"0 {i * step:.2f} m {end:.2f} {i * step:.2f} l S\n".encode() for i in range(lines)]
    parts += [f"{i * step:.2f} 0 m {i * step:.2f} {end:.2f} l S\n".encode() for i in range(lines)]
    return b"".join(parts)


def many_chars(count: int, per_line: int = 100) -> bytes:
    """A page printing `count` digits in lines of `per_line` characters (tiny font)."""
    rows = []
    for r in range(0, count, per_line):
        n = min(per_line, count - r)
        rows.append(text_line("1" * n, 10, 830 - (r // per_line) % 800, size=1))
    return b"".join(rows)


def non_finite() -> bytes:
    """Text and rules placed through matrices whose numbers overflow a float."""
    return (
        b"q 1e39 0 0 1e39 0 0 cm 0 0 m 10 0 l S Q\n"
        + b"q 99999999999999999999999999999999999999999 0 0 1 0 0 cm\n"
        + text_line("2025 100.00 200.00", 10, 10)
        + b"Q\n"
        + b"BT /F1 1e39 Tf 1e39 1e39 Td (300.00) Tj ET\n"
        + b"BT /F1 10 Tf -1e39 5 Td (400.00) Tj ET\n"
        + text_line("1.00", 50, 700)
    )


def deflate_bomb(megabytes: int) -> bytes:
    """A page whose compressed content stream inflates to `megabytes` MiB of spaces."""
    return b" " * (megabytes * 1024 * 1024)


def zip_bomb(kind: str = "xlsx", megabytes: int = 1024) -> bytes:
    """An XLSX or DOCX package with one member inflating to `megabytes` MiB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        name = "xl/worksheets/sheet1.xml" if kind == "xlsx" else "word/document.xml"
        with package.open(name, "w", force_zip64=True) as member:
            block = b" " * (1024 * 1024)
            for _ in range(megabytes):
                member.write(block)
    return out.getvalue()
