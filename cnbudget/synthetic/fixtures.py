"""Build (and cache) the format fixtures of a text disclosure: PDF, HTML, DOCX, XLSX, and
LibreOffice conversions (DOCX → PDF, XLSX → XLS). Used by the tests and the benchmark."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from cnbudget.facts import facts
from cnbudget.model import Document
from cnbudget.pipeline import parse_source
from cnbudget.readers.text import SourceText
from cnbudget.synthetic.printed import PrintedDocument, printed_document, printed_source

RENDER_VERSION = "5"
DIRECT = ("pdf", "html", "docx", "xlsx")
UNRULED = "unruled.pdf"  # tables as text placed by position, without any rule
# converted formats: (source format, LibreOffice target, extension written)
CONVERTED: dict[str, tuple[str, str]] = {"lo.pdf": ("docx", "pdf"), "xls": ("xlsx", "xls")}
FORMATS = (*DIRECT, *CONVERTED)
DEFAULT_CACHE = Path(__file__).resolve().parents[2] / ".cache" / "fixtures"


def _renderers() -> dict[str, Callable[[PrintedDocument, Path], None]]:
    from cnbudget.synthetic.render_office import render_docx, render_html, render_xlsx
    from cnbudget.synthetic.render_pdf import render_pdf

    def unruled(document: PrintedDocument, path: Path) -> None:
        render_pdf(document, path, ruled=False)

    return {
        "pdf": render_pdf,
        "html": render_html,
        "docx": render_docx,
        "xlsx": render_xlsx,
        UNRULED: unruled,
    }


def stem(source: SourceText, document: Document, layout: str = "canonical") -> str:
    """Cache name of a source's fixtures: its text, its parsed tables (rendered from), the
    layout and the renderer version."""
    digest = hashlib.sha256(f"{RENDER_VERSION}:{layout}".encode())
    for line in source.lines:
        digest.update(line.text.encode("utf-8") + b"\n")
    for fact in facts(document):
        digest.update(f"{fact.table}|{fact.row_code}|{fact.row_name}|{fact.column}|".encode())
        digest.update(f"{fact.value_text}|{fact.text}\n".encode())
    return digest.hexdigest()[:16]


def build(
    sources: Iterable[SourceText],
    formats: Iterable[str] = FORMATS,
    cache: Path = DEFAULT_CACHE,
    layout: str = "canonical",
) -> list[tuple[SourceText, Document, dict[str, Path]]]:
    """Fixtures of every source in the given formats, rendered only when not cached.

    `layout` "canonical" prints the parsed canonical tables (`printed_document`);
    "source" prints a tab-separated text as it is, with its own headers (`printed_source`).
    """
    wanted = list(formats)
    renderers = _renderers()
    cache.mkdir(parents=True, exist_ok=True)
    result: list[tuple[SourceText, Document, dict[str, Path]]] = []
    pending: dict[str, list[Path]] = {}
    for source in sources:
        document = parse_source(source)
        name = stem(source, document, layout)
        paths: dict[str, Path] = {}
        needed = set(wanted) | {CONVERTED[f][0] for f in wanted if f in CONVERTED}
        printed: PrintedDocument | None = None
        for fmt in (*DIRECT, UNRULED):
            if fmt not in needed:
                continue
            path = cache / f"{name}.{fmt}"
            if not path.exists():
                if printed is None:
                    printed = (
                        printed_source(source)
                        if layout == "source"
                        else printed_document(document, source)
                    )
                partial = cache / f"{name}.{fmt}.{os.getpid()}.part"
                renderers[fmt](printed, partial)
                partial.rename(path)
            paths[fmt] = path
        for fmt in wanted:
            if fmt in CONVERTED:
                origin, target = CONVERTED[fmt]
                path = cache / fmt / f"{name}.{target}"
                if not path.exists():
                    pending.setdefault(fmt, []).append(paths[origin])
                paths[fmt] = path
        result.append((source, document, {f: paths[f] for f in wanted}))
    if pending:
        from cnbudget.synthetic.render_office import convert

        for fmt, origins in pending.items():
            convert(origins, CONVERTED[fmt][1], cache / fmt)
    return result
