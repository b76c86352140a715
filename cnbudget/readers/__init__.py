"""Readers turn a file into source lines; the text reader handles encodings and separators."""

from cnbudget.readers.text import SourceText, read_bytes, read_path

__all__ = ["SourceText", "read_bytes", "read_path"]
