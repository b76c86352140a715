"""Command line: `python -m cnbudget.synthetic --layout fengrun --seed 3 [--facts]`."""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from cnbudget.synthetic.core import LAYOUTS, generate
from cnbudget.synthetic.tables import ExpectedFact, format_value

FACTS_HEADER = ("document", "table", "row_code", "row_name", "column", "value")


def write_facts(facts: Sequence[ExpectedFact], stream: TextIO, document: str = "synthetic") -> None:
    """Write facts as the canonical facts CSV."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(FACTS_HEADER)
    for fact in facts:
        writer.writerow(
            (
                document,
                fact.table,
                fact.row_code,
                fact.row_name,
                fact.column,
                format_value(fact.value),
            )
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cnbudget.synthetic",
        description="Print a synthetic budget disclosure (text) or its expected facts (CSV).",
    )
    parser.add_argument("--layout", choices=LAYOUTS, default=LAYOUTS[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--facts", action="store_true", help="print the expected facts CSV")
    args = parser.parse_args(argv)
    document = generate(args.seed, args.layout)
    try:
        if args.facts:
            write_facts(document.facts, sys.stdout)
        else:
            sys.stdout.write(document.text)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into `head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
