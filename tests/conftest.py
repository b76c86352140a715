"""Shared fixtures: the bundled sample disclosures."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = Path(__file__).parent / "expected"
SAMPLES = sorted(p.stem for p in CORPUS.glob("*.txt"))
# real published PDFs copied from the development corpus, and their hand-verified facts
REAL_CORPUS = CORPUS / "real"
REAL_EXPECTED = EXPECTED / "real"


@pytest.fixture(params=SAMPLES)
def sample(request: pytest.FixtureRequest) -> Path:
    return CORPUS / f"{request.param}.txt"
