"""Routes for page evidence: a PDF page as PNG, and a page view with a number's box marked."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from cnbudget.model import Document
from cnbudget.web import api
from cnbudget.web.guard import whole_number
from cnbudget.web.library import Library
from cnbudget.web.pages import RENDER_SCALE, PageCache, PageError, evidence
from cnbudget.web.uploads import UploadCache

# rendered pages of a content-addressed document never change
IMAGE_CACHE = "public, max-age=31536000, immutable"
Page = Callable[..., HTMLResponse]


@dataclass(frozen=True, slots=True)
class Source:
    """A document whose pages can be shown: the document, its PDF bytes, its key and base URL."""

    key: str
    document: Document
    data: bytes
    base: str


def page_link(base: str, page: int | None, line: int | None = None, text: str = "") -> str | None:
    """The URL of a page view marking a line (and the printed text on it), or None."""
    if page is None:
        return None
    query = urlencode([(k, v) for k, v in (("line", line), ("text", text)) if v])
    return f"{base}/pages/{page}" + (f"?{query}" if query else "")


def _page_number(text: str) -> int:
    number = whole_number(text)
    if number is None or number < 1:
        raise HTTPException(404, "没有这一页")
    return number


def add_routes(
    app: FastAPI, library: Library | None, uploads: UploadCache, page: Page, cache: PageCache
) -> None:
    """Register the page image and page view routes for stored documents and uploads."""

    def stored(doc_id: str) -> Source:
        document = api.stored_document(library, doc_id)
        original = api.connected(library).original(doc_id)
        if original is None:
            raise HTTPException(404, "没有保存这份文件的原件（只有 PDF 原件可以显示页面）")
        return Source(doc_id, document, original.data, f"/documents/{doc_id}")

    def uploaded(token: str) -> Source:
        item = uploads.get(token)
        if item is None:
            raise HTTPException(404, "上传结果已过期，请重新上传")
        if item.document.format != "pdf":
            raise HTTPException(404, "只有 PDF 文件可以显示页面")
        return Source(item.document.id, item.document, item.data, f"/upload/{token}")

    async def image(source: Source, number: str) -> Response:
        page_no = _page_number(number)
        try:  # rendering takes a while: off the event loop
            png = await asyncio.to_thread(cache.page_png, source.key, source.data, page_no)
        except PageError as exc:
            raise HTTPException(404, str(exc)) from exc
        return Response(png, media_type="image/png", headers={"Cache-Control": IMAGE_CACHE})

    async def view(request: Request, source: Source, number: str, line: str, text: str) -> Response:
        page_no = _page_number(number)
        line_no = whole_number(line)
        box = None
        if line_no is not None:
            place = source.document.positions.get(line_no)
            if place is not None and place[0] == page_no:
                box = place[1]
        try:
            shown = await asyncio.to_thread(evidence, source.data, page_no, box, text[:200])
        except PageError as exc:
            raise HTTPException(404, str(exc)) from exc
        return page(
            request,
            "page.html",
            document=source.document,
            evidence=shown,
            base=source.base,
            line=line_no,
            text=text[:200],
            scale=RENDER_SCALE,
        )

    def resolve(area: str, key: str) -> Source:
        if area == "documents":
            return stored(key)
        if area == "upload":
            return uploaded(key)
        raise HTTPException(404, "页面不存在")

    @app.get("/{area}/{key}/pages/{number}.png", include_in_schema=False)
    async def page_image(area: str, key: str, number: str) -> Response:
        return await image(resolve(area, key), number)

    @app.get("/{area}/{key}/pages/{number}", include_in_schema=False)
    async def page_view(
        request: Request, area: str, key: str, number: str, line: str = "", text: str = ""
    ) -> Response:
        return await view(request, resolve(area, key), number, line, text)
