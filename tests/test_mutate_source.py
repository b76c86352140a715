"""Source-level mutations of real documents (cnbudget/synthetic/mutate_source.py): each kind
changes exactly what it records, deterministically from its seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from cnbudget.model import Document
from cnbudget.pipeline import parse_source
from cnbudget.readers import read_file
from cnbudget.readers.text import SourceText
from cnbudget.synthetic.mutate_source import KINDS, candidates, mutate_source, retype

REAL = Path(__file__).parent / "corpus" / "real"


@pytest.fixture(scope="module")
def petition() -> tuple[SourceText, Document]:
    source = read_file(REAL / "shenzhen-petition-2026-budget-dept.pdf")
    return source, parse_source(source)


@pytest.mark.parametrize("kind", KINDS)
def test_mutation_records_what_it_changed(petition: tuple[SourceText, Document], kind: str) -> None:
    source, document = petition
    assert candidates(source, document, kind) > 0
    mutation = mutate_source(source, document, kind, 1)
    assert mutation is not None and mutation.kind == kind
    again = mutate_source(source, document, kind, 1)
    assert again is not None and again.changes == mutation.changes  # deterministic
    before = {line.number: line.text for line in source.lines}
    after = {line.number: line.text for line in mutation.source.lines}
    changed = {n for n in before if after.get(n) != before[n]}
    assert changed == {change.line for change in mutation.changes}
    for change in mutation.changes:
        assert before[change.line] == change.before
        assert after.get(change.line, "") == change.after
    # the first line touched; an emptied table is named by its title line
    assert mutation.line == min(changed) or (kind == "empty_table" and mutation.line < min(changed))
    assert source.lines != mutation.source.lines  # the original is left alone


def test_seeds_take_different_places(petition: tuple[SourceText, Document]) -> None:
    source, document = petition
    places = set()
    for seed in range(5):
        mutation = mutate_source(source, document, "amount", seed)
        assert mutation is not None
        places.add(mutation.changes)
    assert len(places) == 5


def test_kind_specific_edits(petition: tuple[SourceText, Document]) -> None:
    source, document = petition
    direction = mutate_source(source, document, "direction", 0)
    assert direction is not None and {direction.before, direction.after} in (
        {"增加", "减少"},
        {"增长", "下降"},
    )
    typo = mutate_source(source, document, "unit_typo", 0)
    assert typo is not None and (typo.before, typo.after) == ("元", "员")
    placeholder = mutate_source(source, document, "placeholder", 0)
    assert placeholder is not None and placeholder.before == document.metadata.department
    assert placeholder.after.startswith(("XX", "××", "某某"))
    year = mutate_source(source, document, "year", 0)
    assert year is not None and abs(int(year.after) - int(year.before)) == 1
    deleted = mutate_source(source, document, "delete_table", 0)
    assert deleted is not None and len(deleted.changes) > 3
    assert all(change.after == "" for change in deleted.changes)


def test_retype_changes_one_high_digit() -> None:
    import random

    rng = random.Random(5)
    for printed in ("4,676.96", "0.00", "15", "3861459.00", "0"):
        for _ in range(20):
            new = retype(printed, rng)
            assert new != printed
            digits = sum(ch.isdigit() for ch in printed)
            if digits == 1:
                assert new == "1" + printed
                continue
            kept = min(2, digits - 1)  # the last printed places are never touched
            assert len(new) == len(printed) and new[-kept:] == printed[-kept:]
            assert not (new[0] == "0" and new[1:2].isdigit())  # no leading zero
