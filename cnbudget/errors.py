"""Errors raised for input the pipeline cannot read, with a Chinese reason for users."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from cnbudget.model import Document

MAX_REASON = 300  # characters of a reason shown on one line (CLI, ingest results, web)
EXIT_INPUT = 2  # the input cannot be read as a disclosure
EXIT_INTERNAL = 3  # a bug: the input made the program fail (never the --fail-on status 1)

_SPACE = re.compile(r"\s+")


def one_line(text: str, limit: int = MAX_REASON) -> str:
    """Text as one line of at most `limit` characters (white space runs made one space)."""
    flat = _SPACE.sub(" ", text).strip()
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1] + "…"


class InputError(Exception):
    """A file cannot be read as a budget disclosure; `reason` is shown to users."""

    def __init__(self, source: str, reason: str) -> None:
        reason = one_line(reason)
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


def internal_reason(exc: BaseException, stage: str = "解析") -> str:
    """The one-line reason given when a bug (not the input) stopped a stage."""
    detail = one_line(str(exc), 120)
    name = type(exc).__name__
    return one_line(
        f"{stage}时发生内部错误（{name}: {detail}）"
        if detail
        else f"{stage}时发生内部错误（{name}）"
    )


def exit_with(file: str, reason: str, status: int) -> NoReturn:
    """Print `错误：文件：原因` on one line to stderr and exit with the status."""
    import sys

    import click

    click.echo(f"错误：{file}：{one_line(reason)}", err=True)
    sys.exit(status)


def parse_or_exit(files: str | Sequence[str], debug: bool = False) -> Document:
    """Parse a file (or the files of one disclosure published as several) for a command:
    an unreadable input exits 2, a bug exits 3, one line each."""
    from cnbudget.pipeline import parse_file, parse_files

    group = (files,) if isinstance(files, str) else tuple(files)
    try:
        return parse_file(group[0]) if len(group) == 1 else parse_files(group)
    except InputError as exc:
        exit_with(exc.source, exc.reason, EXIT_INPUT)
    except Exception as exc:  # a bug must still give one clear line
        if debug:
            raise
        exit_with(" + ".join(group), internal_reason(exc), EXIT_INTERNAL)
