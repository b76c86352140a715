"""Static files with caching headers (the chart library is large and changes only with releases)."""

from __future__ import annotations

import os
from typing import Any

from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

VENDOR_CACHE = "public, max-age=604800"  # a week: vendored libraries change with releases only
OWN_CACHE = "public, max-age=3600, must-revalidate"  # our CSS/JS: revalidated by ETag hourly


class CachedStatic(StaticFiles):
    """`StaticFiles` that sends Cache-Control (ETag and Last-Modified come with the files)."""

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        *args: Any,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, *args)
        vendor = "/vendor/" in str(full_path).replace(os.sep, "/")
        response.headers["Cache-Control"] = VENDOR_CACHE if vendor else OWN_CACHE
        return response
