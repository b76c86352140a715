"""Render a printed document into XLSX (openpyxl), DOCX (python-docx) and HTML; convert with
LibreOffice headless (DOCX → PDF, XLSX → XLS) for files made by a different engine.
Test fixtures only."""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import tempfile
from decimal import Decimal
from pathlib import Path

from cnbudget.synthetic.printed import (
    PrintedDocument,
    PrintedTable,
    department_line,
    unit_line,
)


def render_html(document: PrintedDocument, path: str | Path) -> None:
    """A published web page: headings, paragraphs and bordered tables with spans."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{html.escape(document.title)}</title></head><body>",
        f"<h1>{html.escape(document.title)}</h1>",
    ]
    for item in document.items:
        if isinstance(item, str):
            out.append(f"<p>{html.escape(item)}</p>")
            continue
        if item.furniture:
            out.append(f"<h2>{html.escape(item.title)}</h2>")
            out.append(f"<p>{html.escape(department_line(item))}</p>")
            out.append(f'<p style="text-align:right">{html.escape(unit_line(item))}</p>')
        if not item.width:
            out.append(f"<p>{html.escape(item.note or '')}</p>")
            continue
        out.append('<table border="1" cellspacing="0"><thead>')
        for row in item.header:
            cells = "".join(
                f'<th colspan="{c.colspan}" rowspan="{c.rowspan}">{html.escape(c.text)}</th>'
                for c in row
            )
            out.append(f"<tr>{cells}</tr>")
        out.append("</thead><tbody>")
        for body_row in item.body:
            cells = "".join(
                f'<td align="right">{html.escape(text)}</td>'
                if item.numeric[j]
                else f"<td>{html.escape(text)}</td>"
                for j, text in enumerate(body_row)
            )
            out.append(f"<tr>{cells}</tr>")
        out.append("</tbody></table>")
        if item.note:
            out.append(f"<p>{html.escape(item.note)}</p>")
    out.append("</body></html>")
    Path(path).write_text("\n".join(out), encoding="utf-8")


def render_docx(document: PrintedDocument, path: str | Path) -> None:
    """A Word document: paragraphs and 'Table Grid' tables with merged header cells."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    doc = docx.Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Mm(12))
    doc.styles["Normal"].font.size = Pt(9)
    doc.add_heading(document.title, level=1)
    for item in document.items:
        if isinstance(item, str):
            doc.add_paragraph(item)
            continue
        _docx_table(doc, item)
    doc.save(str(path))


def _docx_table(doc: object, item: PrintedTable) -> None:
    from docx.oxml import OxmlElement
    from docx.shared import Pt

    if item.furniture:
        doc.add_paragraph(item.title)  # type: ignore[attr-defined]
        doc.add_paragraph(department_line(item))  # type: ignore[attr-defined]
        doc.add_paragraph(unit_line(item))  # type: ignore[attr-defined]
    if not item.width:
        if item.note:
            doc.add_paragraph(item.note)  # type: ignore[attr-defined]
        return
    grid = item.header_grid()
    height = len(grid) + len(item.body)
    table = doc.add_table(rows=height, cols=item.width)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    rows = [row.cells for row in table.rows]
    for header_row in list(table.rows)[: len(grid)]:
        # header rows repeat on every page and never break across pages, as templates set
        header_row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            text, colspan, rowspan = cell
            target = rows[r][c]
            if colspan > 1 or rowspan > 1:
                target = target.merge(rows[r + rowspan - 1][c + colspan - 1])
            target.text = text
    for r, body_row in enumerate(item.body, start=len(grid)):
        for c, text in enumerate(body_row):
            if text:
                rows[r][c].text = text
    for table_row in table.rows:
        for table_cell in table_row.cells:
            for paragraph in table_cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(7)
    if item.note:
        doc.add_paragraph(item.note)  # type: ignore[attr-defined]


def render_xlsx(document: PrintedDocument, path: str | Path) -> None:
    """A workbook: the prose on a first sheet, then one sheet per table as printed."""
    import openpyxl
    from openpyxl.styles import Alignment, Border, Side

    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet.title = "封面"
    sheet.append([document.title])
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    pending: list[str] = []  # text printed above the next table, on its sheet
    number = 0
    for item in document.items:
        if isinstance(item, str):
            pending.append(item)
            continue
        number += 1
        sheet = book.create_sheet(f"表{number}")
        width = max(item.width, 1)
        for text in pending:
            sheet.append([text])
        pending = []
        if item.furniture:
            sheet.append([item.title])
            at = sheet.max_row
            sheet.merge_cells(start_row=at, start_column=1, end_row=at, end_column=width)
            sheet.append([department_line(item), *[None] * (width - 2), unit_line(item)])
        top = sheet.max_row + 1
        grid = item.header_grid()
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                target = sheet.cell(row=top + r, column=c + 1)
                target.border = border
                if cell is None:
                    continue
                text, colspan, rowspan = cell
                target.value = text
                target.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
                if colspan > 1 or rowspan > 1:
                    sheet.merge_cells(
                        start_row=top + r,
                        start_column=c + 1,
                        end_row=top + r + rowspan - 1,
                        end_column=c + colspan,
                    )
        first_body = top + len(grid)
        for r, body_row in enumerate(item.body):
            for c, text in enumerate(body_row):
                target = sheet.cell(row=first_body + r, column=c + 1)
                target.border = border
                if not text:
                    continue
                if item.numeric[c] and _is_number(text):
                    plain = text.replace(",", "")
                    decimals = len(plain.partition(".")[2])
                    target.value = Decimal(plain)
                    target.number_format = "#,##0" + ("." + "0" * decimals if decimals else "")
                else:
                    target.value = text
                    target.number_format = "@"
        if item.note:
            last = first_body + len(item.body)
            sheet.cell(row=last, column=1, value=item.note)
            sheet.merge_cells(start_row=last, start_column=1, end_row=last, end_column=width)
    for text in pending:
        sheet.append([text])
    book.save(str(path))


def _is_number(text: str) -> bool:
    plain = text.replace(",", "")
    try:
        Decimal(plain)
    except ArithmeticError:
        return False
    return "." in plain or "," in text


def soffice() -> str | None:
    """The LibreOffice executable, when installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(paths: list[Path], target: str, outdir: Path) -> list[Path]:
    """Convert files with LibreOffice headless (one process for all); the converted paths."""
    program = soffice()
    if program is None:
        raise FileNotFoundError("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cnbudget-lo-") as profile:
        subprocess.run(
            [
                program,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                target,
                "--outdir",
                str(outdir),
                *map(str, paths),
            ],
            check=True,
            capture_output=True,
            timeout=600,
            env={**os.environ, "HOME": profile},
        )
    extension = target.split(":")[0]
    return [outdir / f"{path.stem}.{extension}" for path in paths]
