"""Synthetic performance sections in the three styles: read back exactly, nothing dropped."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cnbudget.performance import extract
from cnbudget.readers.text import read_bytes
from cnbudget.synthetic.performance import STYLES, Score, generate_targets, score


@settings(max_examples=15, derandomize=True, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10**6), style=st.sampled_from(STYLES))
def test_every_project_and_indicator_is_kept(seed: int, style: str) -> None:
    sample = generate_targets(seed, style)
    source = read_bytes(sample.text.encode("utf-8"), "synthetic")
    projects, _target, _notices = extract(source.lines, source.tab_separated)
    assert [p.name for p in projects] == [p.name for p in sample.projects]
    for got, truth in zip(projects, sample.projects, strict=True):
        assert (got.code, got.total, got.fiscal, got.other) == (
            truth.code,
            truth.total,
            truth.fiscal,
            truth.other,
        )
        assert len(got.indicators) == len(truth.indicators)


def test_indicators_round_trip_rate() -> None:
    # the benchmark (bench/performance_roundtrip.py) measures ≥ 1000 blocks per style
    for style in STYLES:
        total = Score()
        for seed in range(25):
            result = score(seed, style)
            total.indicators += result.indicators
            total.exact += result.exact
        assert total.exact / total.indicators >= 0.995, (style, total)
