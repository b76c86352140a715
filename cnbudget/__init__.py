"""cnbudget: Chinese government budget disclosures as clean, validated, comparable data."""

from cnbudget.model import Document, Fact, Table
from cnbudget.pipeline import parse_file, parse_text

__all__ = ["Document", "Fact", "Table", "parse_file", "parse_text"]
__version__ = "0.1.0"
