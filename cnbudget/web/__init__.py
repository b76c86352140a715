"""Web UI: browse stored disclosures, view a document with its findings, upload, compare.

`create_app` is imported on first use (`cnbudget.lazy`): `cnbudget serve --help` and the rest
of the command line do not load FastAPI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cnbudget.lazy import exports

if TYPE_CHECKING:
    from cnbudget.web.app import create_app

__all__ = ["create_app"]

__getattr__ = exports(__name__, {"create_app": "cnbudget.web.app"})
