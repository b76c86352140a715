"""`generate()`: a random budget rendered in one layout, with its expected facts."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from cnbudget.synthetic import hebei, henan, shandong
from cnbudget.synthetic.model import build_budget
from cnbudget.synthetic.tables import ExpectedFact, facts_of

LAYOUTS: tuple[str, ...] = ("licheng", "yantai", "weihai", "jiyuan", "fengrun")


@dataclass(slots=True)
class SyntheticDocument:
    """A synthetic disclosure: its text, metadata, and the facts a parser must find."""

    text: str
    layout: str
    seed: int
    department: str
    year: int
    scope: str
    kind: str = "预算"
    facts: list[ExpectedFact] = field(default_factory=list)


def generate(seed: int, layout: str) -> SyntheticDocument:
    """A deterministic synthetic document for a seed and a layout name."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {', '.join(LAYOUTS)}")
    rng = random.Random(f"{layout}:{seed}")
    budget = build_budget(rng, layout)
    if layout in ("licheng", "yantai", "weihai"):
        text, tables = shandong.render(budget, rng)
    elif layout == "jiyuan":
        text, tables = henan.render(budget, rng)
    else:
        text, tables = hebei.render(budget, rng)
    return SyntheticDocument(
        text=text,
        layout=layout,
        seed=seed,
        department=budget.department,
        year=budget.year,
        scope=budget.scope,
        facts=facts_of(tables),
    )
