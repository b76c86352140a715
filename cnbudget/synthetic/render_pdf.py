"""Render a printed document into a ruled-table PDF (fpdf2, Noto CJK from fonts-noto-cjk).

Tables are drawn cell by cell with their borders (a merged header cell is one
rectangle), text wraps inside narrow cells, long tables continue on the next page
under a repeated header, and every page carries a page number. Test fixtures only.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from cnbudget.synthetic.printed import (
    PrintedDocument,
    PrintedTable,
    department_line,
    unit_line,
)

FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
)
_MARGIN = 15.0  # mm
_PAD = 0.8  # mm inside a cell


def cjk_font() -> str:
    """Path of the Noto CJK font (Debian package fonts-noto-cjk)."""
    for candidate in FONT_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    raise FileNotFoundError("Noto CJK font not found: install the Debian package fonts-noto-cjk")


class _Pdf(FPDF):
    ruled = True

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font("cjk", size=9)
        self.cell(0, 5, f"- {self.page_no()} -", align="C")


def _wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for char in text:
        if current and pdf.get_string_width(current + char) > width:
            lines.append(current)
            current = char
        else:
            current += char
    if current or not lines:
        lines.append(current)
    return lines


def _widths(pdf: FPDF, table: PrintedTable, total: float) -> list[float]:
    """Column widths: names wide, codes and amounts as wide as their longest text."""
    needs: list[float] = []
    for j in range(table.width):
        texts = [row[j] for row in table.body if j < len(row) and row[j]]
        longest = max((pdf.get_string_width(t) for t in texts), default=8.0)
        if table.numeric[j]:
            needs.append(min(max(longest, 12.0), 26.0) + 2 * _PAD)
        else:
            needs.append(min(max(longest, 10.0), 48.0) + 2 * _PAD)
    scale = total / sum(needs)
    return [need * scale for need in needs]


def _draw_cell(
    pdf: FPDF, x: float, y: float, w: float, h: float, text: str, align: str, line_h: float
) -> None:
    if getattr(pdf, "ruled", True):
        pdf.rect(x, y, w, h)
    lines = _wrap(pdf, text, w - 2 * _PAD)
    top = y + (h - len(lines) * line_h) / 2
    for k, line in enumerate(lines):
        pdf.set_xy(x + _PAD, top + k * line_h)
        pdf.cell(w - 2 * _PAD, line_h, line, align=align)


def _header(pdf: FPDF, table: PrintedTable, widths: list[float], line_h: float) -> None:
    grid = table.header_grid()
    x0 = pdf.l_margin
    lefts = [x0 + sum(widths[:j]) for j in range(len(widths) + 1)]
    heights: list[float] = []
    for r, row in enumerate(grid):
        lines = 1
        for j, cell in enumerate(row):
            if cell and cell[2] == 1:
                width = lefts[j + cell[1]] - lefts[j] - 2 * _PAD
                lines = max(lines, len(_wrap(pdf, cell[0], width)))
        heights.append(lines * line_h + 2 * _PAD)
        del r
    tops = [pdf.get_y() + sum(heights[:r]) for r in range(len(heights) + 1)]
    for r, row in enumerate(grid):
        for j, cell in enumerate(row):
            if cell is None:
                continue
            text, colspan, rowspan = cell
            pdf.set_xy(lefts[j], tops[r])
            _draw_cell(
                pdf,
                lefts[j],
                tops[r],
                lefts[j + colspan] - lefts[j],
                tops[r + rowspan] - tops[r],
                text,
                "C",
                line_h,
            )
    pdf.set_xy(x0, tops[-1])


def _table(pdf: FPDF, table: PrintedTable, size: float) -> None:
    line_h = size * 0.45
    pdf.set_font("cjk", size=14)
    if pdf.get_y() > pdf.h - 60:
        pdf.add_page()
    pdf.set_x(pdf.l_margin)
    if table.furniture:
        pdf.cell(0, 9, table.title, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("cjk", size=9)
        pdf.cell(0, 5, department_line(table), new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 5, unit_line(table), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=size)
    if not table.width:
        table_note(pdf, table)
        return
    widths = _widths(pdf, table, pdf.w - 2 * _MARGIN)
    if table.header:
        _header(pdf, table, widths, line_h)
    bottom = pdf.h - 16
    for row in table.body:
        wrapped = [
            _wrap(pdf, text, width - 2 * _PAD) for text, width in zip(row, widths, strict=False)
        ]
        height = max(len(lines) for lines in wrapped) * line_h + 2 * _PAD
        if pdf.get_y() + height > bottom:
            pdf.add_page()
            if table.header:
                _header(pdf, table, widths, line_h)
        y = pdf.get_y()
        x = pdf.l_margin
        for j, (text, width) in enumerate(zip(row, widths, strict=False)):
            _draw_cell(pdf, x, y, width, height, text, "R" if table.numeric[j] else "L", line_h)
            x += width
        pdf.set_xy(pdf.l_margin, y + height)
    table_note(pdf, table)


def table_note(pdf: FPDF, table: PrintedTable) -> None:
    if table.note:
        pdf.set_font("cjk", size=9)
        pdf.multi_cell(0, 5, table.note, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def render_pdf(document: PrintedDocument, path: str | Path, ruled: bool = True) -> None:
    """Write the document as a PDF: prose paragraphs, ruled tables, page numbers.

    With `ruled=False` no line is drawn: tables are text placed by position only.
    """
    pdf = _Pdf(orientation="landscape", unit="mm", format="A4")
    pdf.ruled = ruled
    pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_font("cjk", fname=cjk_font(), collection_font_number=2)
    pdf.add_page()
    pdf.set_font("cjk", size=16)
    pdf.multi_cell(0, 10, document.title, align="C", new_x="LMARGIN", new_y="NEXT")
    for item in document.items:
        if isinstance(item, str):
            pdf.set_font("cjk", size=10.5)
            pdf.multi_cell(0, 6, "\u3000\u3000" + item, new_x="LMARGIN", new_y="NEXT")
            continue
        size = 8.0 if item.width <= 10 else 7.0 if item.width <= 14 else 6.0
        _table(pdf, item, size)
    pdf.output(str(path))
