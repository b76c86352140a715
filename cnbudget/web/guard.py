"""Safety by default: request body limit, query check, security headers, same-origin POSTs."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote_to_bytes, urlsplit

from fastapi import HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Refuse request bodies over `limit` bytes (413) before they are read into memory."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _refuse(send)
            return
        received = 0
        started = False

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited, tracking_send)
        except _TooLarge:
            if not started:
                await _refuse(send)


async def _refuse(send: Send, status: int = 413, text: str = "上传内容过大") -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


# C0/C1 control characters (NUL included): no stored text holds them, and PostgreSQL
# refuses NUL in a query, so a filter holding one is refused the same way on every backend
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MAX_QUERY = 8192


def bad_query(path: bytes, query: bytes) -> str | None:
    """Why a request's path or query string is refused (a Chinese reason), or None."""
    if len(query) > MAX_QUERY:
        return f"查询参数过长（超过 {MAX_QUERY} 字节）"
    try:
        texts = [unquote_to_bytes(path).decode("utf-8")]
        for key, value in parse_qsl(
            query.decode("latin-1"), keep_blank_values=True, encoding="latin-1"
        ):
            texts += [
                key.encode("latin-1").decode("utf-8"),
                value.encode("latin-1").decode("utf-8"),
            ]
    except UnicodeError:
        return "查询参数不是有效的 UTF-8 文本"
    if any(_CONTROL.search(text) for text in texts):
        return "查询参数含有不允许的控制字符"
    return None


class QueryGuard:
    """Refuse (400) paths and query strings with control characters or invalid UTF-8."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            raw_path = scope.get("raw_path") or scope.get("path", "").encode()
            reason = bad_query(raw_path, scope.get("query_string", b""))
            if reason is not None:
                await _refuse(send, 400, reason)
                return
        await self.app(scope, receive, send)


def whole_number(text: str) -> int | None:
    """A query parameter's whole number (ASCII or full-width digits), else None.

    Superscripts and other digit-like characters pass `str.isdigit` but not `int`; only
    decimal digits (`str.isdecimal`) are read.
    """
    text = text.strip()
    if not text.isdecimal() or len(text) > 9:
        return None
    return int(text)


class SecurityHeaders:
    """Add a strict Content-Security-Policy and related headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"same-origin"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def same_origin(request: Request) -> None:
    """Refuse a POST sent by another site's page (its Origin names another host)."""
    origin = request.headers.get("origin")
    if origin is None:  # not sent by a browser form of another site
        return
    host = request.headers.get("host", "")
    if urlsplit(origin).netloc != host:
        raise HTTPException(403, "拒绝跨站提交")
