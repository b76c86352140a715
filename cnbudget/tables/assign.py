"""Column assignment: which column does each printed number of a row belong to?

Space-separated text drops empty cells, so a row printing 3 numbers under 12
columns is ambiguous. The printed order is kept, so an assignment is an
order-preserving map from numbers to columns. We enumerate those maps with
pruning and keep the ones that satisfy the table's identities (合计 = 基本 +
项目, 小计 = 一般公共预算 + 政府性基金 + …, rounding-aware: a printed amount
stands for an interval of ± half its last digit). Columns that the document's
summary shows to be empty are penalised. What remains ambiguous is settled by
the vertical identities (parent = Σ children per column) in `resolve`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import combinations
from math import comb

SOURCE_TREE: dict[str, tuple[str, ...]] = {
    "total": ("current", "carryover", "non_fiscal_balance"),
    "current": ("fiscal", "special_account", "unit_funds"),
    "fiscal": ("fiscal.general", "fiscal.gov_fund", "fiscal.soe"),
    "unit_funds": ("business", "operating", "other", "superior", "affiliated"),
    "carryover": (
        "carryover.general",
        "carryover.gov_fund",
        "carryover.soe",
        "carryover.special_account",
        "carryover.unit_funds",
    ),
}
PURPOSE_TREE: dict[str, tuple[str, ...]] = {
    "total": (
        "basic",
        "project",
        "carry_forward",
        "operating_expenditure",
        "remit_superior",
        "subsidy_affiliated",
        "reserve",
    ),
    "basic": ("basic.personnel", "basic.public"),
    "basic.personnel": ("basic.personnel.wages", "basic.personnel.households"),
    "project": ("project.operating", "project.specific"),
}
THREE_PUBLIC_TREE: dict[str, tuple[str, ...]] = {
    "grand_total": ("total", "meetings", "training"),
    "total": ("overseas", "vehicles", "reception"),
    "overseas": ("overseas.research", "overseas.other"),
    "vehicles": ("vehicles.purchase", "vehicles.operation"),
    "meetings": ("meetings.university", "meetings.other"),
}
PARTS: tuple[tuple[str, str], ...] = (
    ("fiscal.general.grant", "fiscal.general"),
    ("carryover.general.grant", "carryover.general"),
)
PURPOSE_KEYS = frozenset(k for kids in PURPOSE_TREE.values() for k in kids)


@dataclass(frozen=True, slots=True)
class Identity:
    """parent = Σ children (kind "sum") or part ≤ whole (kind "part"), by column index."""

    parent: int
    children: tuple[int, ...]
    kind: str = "sum"

    @property
    def last(self) -> int:
        return max(self.parent, *self.children)


def _effective(key: str, tree: dict[str, tuple[str, ...]], present: dict[str, int]) -> list[str]:
    result: list[str] = []
    for child in tree.get(key, ()):
        if child in present:
            result.append(child)
        else:
            result.extend(_effective(child, tree, present))
    return result


def identities_for(
    keys: Sequence[str], tree: dict[str, tuple[str, ...]] | None = None
) -> list[Identity]:
    """The identities that hold between the given column keys (index-based).

    Keys may carry a group suffix (`total@2024`): identities hold within a group.
    """
    groups: dict[str, dict[str, int]] = {}
    for index, key in enumerate(keys):
        base, _, suffix = key.partition("@")
        groups.setdefault(suffix, {})[base] = index
    result: list[Identity] = []
    for present in groups.values():
        chosen = tree
        if chosen is None:
            chosen = PURPOSE_TREE if PURPOSE_KEYS & present.keys() else SOURCE_TREE
        for parent, index in present.items():
            kids = _effective(parent, chosen, present)
            if kids:
                result.append(Identity(index, tuple(present[k] for k in kids)))
        for part, whole in PARTS:
            if part in present and whole in present:
                result.append(Identity(present[whole], (present[part],), "part"))
    return result


@lru_cache(maxsize=64)
def _half_unit(exponent: int) -> Decimal:
    return Decimal(5).scaleb(exponent - 1)


def half_ulp(value: Decimal) -> Decimal:
    """Half a unit of the last printed digit: the rounding interval of a printed amount."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):
        return Decimal(0)
    return _half_unit(exponent)


def check(identity: Identity, row: dict[int, Decimal]) -> bool | None:
    """True/False when the identity holds/fails for the row; None when it says nothing."""
    parent = row.get(identity.parent)
    kids = [row[c] for c in identity.children if c in row]
    if parent is None and not kids:
        return None
    if identity.kind == "part":
        if parent is None or not kids:
            return False if parent is None else None
        return kids[0] <= parent + half_ulp(parent) + half_ulp(kids[0])
    total = sum(kids, Decimal(0))
    base = parent if parent is not None else Decimal(0)
    tolerance = sum((half_ulp(v) for v in kids), Decimal(0))
    if parent is not None:
        tolerance += half_ulp(parent)
    return abs(base - total) <= tolerance


@dataclass(frozen=True, slots=True)
class Candidate:
    """One assignment: the column index of each printed number."""

    columns: tuple[int, ...]
    satisfied: int
    violated: int
    penalty: int


# A value in the search: (2 × value in units of the row's finest digit, its rounding
# half-interval in the same units). Doubling keeps half units whole.
Scaled = tuple[int, int]


def _scaled(values: Sequence[Decimal]) -> list[Scaled]:
    digits = [-e if isinstance(e := v.as_tuple().exponent, int) and e < 0 else 0 for v in values]
    scale = max(digits, default=0)
    return [
        (int(v.scaleb(scale)) * 2, 10 ** (scale - d)) for v, d in zip(values, digits, strict=True)
    ]


def _check(identity: Identity, row: dict[int, Scaled]) -> bool | None:
    parent = row.get(identity.parent)
    if identity.kind == "part":
        kid = row.get(identity.children[0])
        if parent is None:
            return None if kid is None else False
        if kid is None:
            return None
        return kid[0] <= parent[0] + parent[1] + kid[1]
    total = 0
    tolerance = 0
    seen = False
    for c in identity.children:
        value = row.get(c)
        if value is not None:
            total += value[0]
            tolerance += value[1]
            seen = True
    if parent is None:
        return None if not seen else abs(total) <= tolerance
    return abs(parent[0] - total) <= tolerance + parent[1]


def _score(
    columns: tuple[int, ...],
    values: Sequence[Scaled],
    identities: Iterable[Identity],
    penalised: frozenset[int],
) -> Candidate:
    row = dict(zip(columns, values, strict=True))
    satisfied = violated = 0
    for identity in identities:
        outcome = _check(identity, row)
        if outcome is True:
            satisfied += 1
        elif outcome is False:
            violated += 1
    penalty = sum(1 for c in columns if c in penalised)
    return Candidate(columns, satisfied, violated, penalty)


MAX_EXHAUSTIVE = 40000


def candidates(
    values: Sequence[Decimal],
    width: int,
    identities: Sequence[Identity],
    penalised: frozenset[int] = frozenset(),
    fixed: dict[int, int] | None = None,
    avoid: frozenset[int] = frozenset(),
) -> list[Candidate]:
    """All assignments violating the fewest identities, with their penalties.

    With `avoid`, only assignments leaving those columns empty are searched; an
    empty list then means none of them violates no identity.

    The caller ranks them (penalties first, then satisfied identities).
    `fixed` pins number i to column j (known from positions).
    """
    count = len(values)
    if count == 0:
        return [Candidate((), 0, 0, 0)]
    if count > width:
        return []
    scaled = _scaled(values)
    if count == width:
        return [_score(tuple(range(width)), scaled, identities, penalised)]
    found = _search(scaled, width, identities, penalised, fixed or {}, avoid)
    if not found and avoid:
        return []
    if not found:
        if comb(width, count) <= MAX_EXHAUSTIVE:
            found = [
                _score(cols, scaled, identities, penalised)
                for cols in combinations(range(width), count)
                if all(cols[i] == j for i, j in (fixed or {}).items())
            ]
        else:
            found = [_score(tuple(range(count)), scaled, identities, penalised)]
    if not found:
        return []  # the pinned positions cannot all hold
    best_violated = min(c.violated for c in found)
    return [c for c in found if c.violated == best_violated]


def best(found: Sequence[Candidate]) -> list[Candidate]:
    """The candidates with the least penalty, then the most identities satisfied."""
    if not found:
        return []
    least = min(c.penalty for c in found)
    kept = [c for c in found if c.penalty == least]
    most = max(c.satisfied for c in kept)
    return [c for c in kept if c.satisfied == most]


def _search(
    values: Sequence[Scaled],
    width: int,
    identities: Sequence[Identity],
    penalised: frozenset[int],
    fixed: dict[int, int],
    avoid: frozenset[int] = frozenset(),
) -> list[Candidate]:
    """All assignments violating no identity (depth-first, pruned on violations)."""
    by_last: list[list[Identity]] = [[] for _ in range(width)]
    for identity in identities:
        by_last[identity.last].append(identity)
    count = len(values)
    results: list[Candidate] = []
    row: dict[int, Scaled] = {}
    chosen: list[int] = []

    def frontier_ok(lo: int, hi: int) -> bool:
        for last in range(lo, hi + 1):
            for identity in by_last[last]:
                if _check(identity, row) is False:
                    return False
        return True

    def step(i: int, start: int) -> None:
        if len(results) > 5000:
            return
        if i == count:
            if frontier_ok(start, width - 1):
                results.append(_score(tuple(chosen), values, identities, penalised))
            return
        lo = start
        hi = width - (count - i)
        if i in fixed:
            lo = hi = fixed[i] if start <= fixed[i] <= hi else -1
            if lo < 0:
                return
        for j in range(lo, hi + 1):
            if j in avoid and i not in fixed:
                continue
            row[j] = values[i]
            chosen.append(j)
            # identities entirely left of j are decided (j itself is filled)
            if frontier_ok(start, j):
                step(i + 1, j + 1)
            chosen.pop()
            del row[j]

    step(0, 0)
    return results
