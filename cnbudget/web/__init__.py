"""Web UI: browse stored disclosures, view a document with its findings, upload, compare."""

from cnbudget.web.app import create_app

__all__ = ["create_app"]
