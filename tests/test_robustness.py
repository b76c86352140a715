"""Damaged documents (lines lost, cut, shuffled, characters changed): a result or a clear
InputError, never another exception — in parsing and in validation."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from cnbudget.errors import InputError
from cnbudget.pipeline import parse_text
from cnbudget.validate import check

from .conftest import CORPUS, SAMPLES

TEXTS = {name: (CORPUS / f"{name}.txt").read_text(encoding="utf-8") for name in SAMPLES}


def damage(text: str, seed: int, mode: int) -> str:
    rng = random.Random(seed)
    lines = text.split("\n")
    if mode == 0:
        for _ in range(rng.randint(1, 40)):
            if lines:
                del lines[rng.randrange(len(lines))]
    elif mode == 1:
        lines = lines[: rng.randrange(len(lines))]
    elif mode == 2:
        for _ in range(20):
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
    else:
        for _ in range(30):
            i = rng.randrange(len(lines))
            if lines[i]:
                k = rng.randrange(len(lines[i]))
                noise = rng.choice(["", " ", "\t", "1", "合计", ".", ",", "—"])
                lines[i] = lines[i][:k] + noise + lines[i][k + 1 :]
    return "\n".join(lines)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    name=st.sampled_from(SAMPLES),
    seed=st.integers(min_value=0, max_value=10**6),
    mode=st.integers(min_value=0, max_value=3),
)
def test_damaged_documents_never_crash(name: str, seed: int, mode: int) -> None:
    try:
        document = parse_text(damage(TEXTS[name], seed, mode), "damaged")
    except InputError:
        return
    check(document)
