"""Settle rows the row identities leave ambiguous, using parent = Σ children per column.

Rows form families (a class and its 款, a 款 and its 项, a unit and its items,
the 合计 row and the top rows). Each ambiguous row has a few candidate
assignments; we pick the combination that satisfies the most column sums,
exhaustively inside each family when small enough, then by iterated local
improvement. A row whose pick no sum distinguishes stays marked ambiguous.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import product

from cnbudget.tables.assign import Candidate, half_ulp

CONFIDENCE = {"exact": 1.0, "unique": 1.0, "profile": 0.95, "vertical": 0.9, "ambiguous": 0.5}


@dataclass(slots=True)
class RowChoice:
    """The printed numbers of one row, its candidate assignments and the current pick."""

    values: list[Decimal]
    options: list[Candidate]
    pick: int = 0
    reason: str = "unique"
    vectors: list[dict[int, Decimal]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.vectors = [
            dict(zip(option.columns, self.values, strict=True)) for option in self.options
        ]

    @property
    def vector(self) -> dict[int, Decimal]:
        return self.vectors[self.pick] if self.vectors else {}

    @property
    def ambiguous(self) -> bool:
        return len(self.options) > 1


def _family_score(
    parent: RowChoice, children: list[RowChoice], picks: dict[int, int]
) -> tuple[int, Decimal]:
    def vec(choice: RowChoice) -> dict[int, Decimal]:
        pick = picks.get(id(choice), choice.pick)
        return choice.vectors[pick] if choice.vectors else {}

    top = vec(parent)
    kids = [vec(child) for child in children]
    columns = set(top)
    for kid in kids:
        columns |= kid.keys()
    score = 0
    error = Decimal(0)
    for column in columns:
        total = Decimal(0)
        tolerance = Decimal(0)
        for kid in kids:
            if column in kid:
                total += kid[column]
                tolerance += half_ulp(kid[column])
        value = top.get(column, Decimal(0))
        if column in top:
            tolerance += half_ulp(top[column])
        gap = abs(value - total)
        if gap <= tolerance:
            score += 1
        else:
            score -= 1
            error += gap
    return score, -error


def resolve(choices: list[RowChoice], families: dict[int, list[int]]) -> None:
    """Pick an option for every ambiguous row; set `reason` on each."""
    member_of: dict[int, list[int]] = {}
    for parent, kids in families.items():
        member_of.setdefault(parent, []).append(parent)
        for kid in kids:
            member_of.setdefault(kid, []).append(parent)

    def score_of(parents: set[int], picks: dict[int, int]) -> tuple[int, Decimal]:
        score, error = 0, Decimal(0)
        for p in parents:
            s, e = _family_score(choices[p], [choices[k] for k in families[p]], picks)
            score, error = score + s, error + e
        return score, error

    ambiguous = [i for i, choice in enumerate(choices) if choice.ambiguous]
    if not ambiguous:
        return
    # exhaustive inside small families
    for parent, kids in families.items():
        members = [m for m in (parent, *kids) if choices[m].ambiguous]
        if not members:
            continue
        sizes = 1
        for m in members:
            sizes *= len(choices[m].options)
        if sizes > 4096:
            continue
        touched = {p for m in members for p in member_of.get(m, ())}
        best: tuple[int, ...] | None = None
        best_score = None
        for combo in product(*(range(len(choices[m].options)) for m in members)):
            picks = {id(choices[m]): pick for m, pick in zip(members, combo, strict=True)}
            score = score_of(touched, picks)
            if best_score is None or score > best_score:
                best, best_score = combo, score
        if best is not None:
            for m, pick in zip(members, best, strict=True):
                choices[m].pick = pick
    # iterated local improvement
    for _ in range(20):
        changed = False
        for i in ambiguous:
            touched = set(member_of.get(i, ()))
            if not touched:
                continue
            current = score_of(touched, {})
            for option in range(len(choices[i].options)):
                if option == choices[i].pick:
                    continue
                score = score_of(touched, {id(choices[i]): option})
                if score > current:
                    choices[i].pick, current, changed = option, score, True
        if not changed:
            break
    # which picks are decided by the sums?
    for i in ambiguous:
        touched = set(member_of.get(i, ()))
        choice = choices[i]
        if not touched:
            choice.reason = "ambiguous"
            continue
        mine = score_of(touched, {})
        others = [
            score_of(touched, {id(choice): option})
            for option in range(len(choice.options))
            if option != choice.pick
        ]
        choice.reason = "vertical" if all(o < mine for o in others) else "ambiguous"
