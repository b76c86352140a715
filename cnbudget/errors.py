"""Errors raised for input the pipeline cannot read, with a Chinese reason for users."""

from __future__ import annotations


class InputError(Exception):
    """A file cannot be read as a budget disclosure; `reason` is shown to users."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
