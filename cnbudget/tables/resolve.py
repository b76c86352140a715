"""Settle rows the row identities leave ambiguous, using parent = Σ children per column.

Rows form families (a class and its 款, a 款 and its 项, a unit and its items,
the 合计 row and the top rows). Each ambiguous row has a few candidate
assignments; we pick the combination that satisfies the most column sums,
exhaustively inside each family when small enough, then by iterated local
improvement. A row whose pick no sum distinguishes stays marked ambiguous.

A parent row printed in known columns whose family has no exact solution, but has one
once two of the parent's amounts trade places (two amounts printed swapped, or a typo
that moved one), does not drag its children into wrong columns: the children are solved
against the majority evidence (the permuted parent), the parent keeps its printed
columns and is reported (reason "swapped", low confidence).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import combinations, product

from cnbudget.tables.assign import Candidate, half_ulp

CONFIDENCE = {
    "exact": 1.0,
    "unique": 1.0,
    "profile": 0.95,
    "vertical": 0.9,
    "prior": 0.6,
    "prior-sum": 0.6,
    "ambiguous": 0.5,
    "swapped": 0.5,
}
MAX_SWAP_VALUES = 8  # a parent row with more printed amounts is not tried for swaps


@dataclass(slots=True)
class RowChoice:
    """The printed numbers of one row, its candidate assignments and the current pick."""

    values: list[Decimal]
    options: list[Candidate]
    pick: int = 0
    reason: str = "unique"
    vectors: list[dict[int, Decimal]] = field(default_factory=list)
    # printed amounts (indices) that, traded, make the family below this row add up
    swapped: tuple[int, int] | None = None

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
    printed = _swap_suspect_parents(choices, families)
    try:
        _resolve(choices, families, member_of, score_of, ambiguous)
    finally:
        for index, vector in printed.items():
            choices[index].vectors[0] = vector


def _swap_suspect_parents(
    choices: list[RowChoice], families: dict[int, list[int]]
) -> dict[int, dict[int, Decimal]]:
    """Parents in fixed columns whose family adds up only with two of their amounts
    traded: mark them and solve against the traded vector. Returns the printed vectors."""
    printed: dict[int, dict[int, Decimal]] = {}
    for parent, kids in sorted(families.items()):
        choice = choices[parent]
        if (
            choice.ambiguous
            or not choice.vectors
            or not 2 <= len(choice.values) <= MAX_SWAP_VALUES
            or not any(choices[k].ambiguous for k in kids)
            or _solvable(choices, parent, kids) is not False
        ):
            continue
        vector = choice.vectors[0]
        columns = choice.options[0].columns
        for a, b in combinations(range(len(columns)), 2):
            if choice.values[a] == choice.values[b]:
                continue
            traded = dict(vector)
            traded[columns[a]], traded[columns[b]] = vector[columns[b]], vector[columns[a]]
            choice.vectors[0] = traded
            if _solvable(choices, parent, kids):
                printed[parent] = vector
                choice.swapped = (a, b)
                choice.reason = "swapped"
                break
            choice.vectors[0] = vector
    return printed


def _solvable(choices: list[RowChoice], parent: int, kids: list[int]) -> bool | None:
    """Whether some options of the children add up exactly to the parent (None: unknown);
    the current picks are left as they were."""
    picks = [choice.pick for choice in choices]
    found: list[bool] = []
    _solve_family(choices, parent, kids, True, set(), set(), found)
    for choice, pick in zip(choices, picks, strict=True):
        choice.pick = pick
    return found[0] if found else None


def _resolve(
    choices: list[RowChoice],
    families: dict[int, list[int]],
    member_of: dict[int, list[int]],
    score_of: Callable[[set[int], dict[int, int]], tuple[int, Decimal]],
    ambiguous: list[int],
) -> None:
    decided: set[int] = set()
    # rows the sums settle only by the least-reaching option (reason "prior-sum"); local
    # to this call so that nothing carries over from one table or document to the next
    prior: set[int] = set()
    order = sorted(families)
    attempted: dict[int, frozenset[int]] = {}
    for parent in [*order, *reversed(order), *order]:
        known = frozenset(m for m in (parent, *families[parent]) if m in decided)
        if attempted.get(parent) == known:
            continue  # nothing new is known about this family since the last try
        decided |= _solve_family(
            choices, parent, families[parent], parent in decided, decided, prior
        )
        # what this family decided itself is no news to it
        attempted[parent] = frozenset(m for m in (parent, *families[parent]) if m in decided)
    # exhaustive inside small families
    for parent, kids in families.items():
        members = [m for m in (parent, *kids) if choices[m].ambiguous and m not in decided]
        if not members:
            continue
        sizes = 1
        for m in members:
            sizes *= len(choices[m].options)
        if sizes > 256:
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
    settled = decided | (prior & set(ambiguous))
    for _ in range(6):
        changed = False
        for i in ambiguous:
            if i in settled:
                continue
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
        if i in decided:
            choice.reason = "vertical"
            continue
        if i in prior:
            choice.reason = "prior-sum"
            continue
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


MAX_STATES = 20_000


def _scale(choices: list[RowChoice], members: list[int]) -> int:
    digits = 0
    for m in members:
        for value in choices[m].values:
            exponent = value.as_tuple().exponent
            if isinstance(exponent, int):
                digits = max(digits, -exponent)
    return digits


def _solve_family(
    choices: list[RowChoice],
    parent: int,
    kids: list[int],
    parent_fixed: bool = False,
    settled: set[int] | None = None,
    prior: set[int] | None = None,
    found: list[bool] | None = None,
) -> set[int]:
    """Exact search: which options of the ambiguous children make Σ children = parent?

    Dynamic programming over the children on the vector of column sums, counting
    solutions forward and backward, so that a child is decided only when every
    solution agrees on it. Returns the children decided this way; children that only
    the least-reaching solution picks are added to `prior`. `found` gets whether any
    solution exists (nothing when the search was not run to the end).
    """
    settled = settled or set()
    prior_sum: set[int] = set() if prior is None else prior
    open_kids = sorted(
        (k for k in kids if choices[k].ambiguous and k not in settled),
        key=lambda k: -max((abs(v) for v in choices[k].values), default=Decimal(0)),
    )
    if not open_kids and (parent_fixed or not choices[parent].ambiguous):
        return set()
    if choices[parent].ambiguous and len(choices[parent].options) > 6 and not parent_fixed:
        return set()
    digits = _scale(choices, [parent, *kids])
    factor = Decimal(10) ** digits
    columns = sorted({c for m in (parent, *kids) for vector in choices[m].vectors for c in vector})
    position = {c: i for i, c in enumerate(columns)}

    def as_ints(vector: dict[int, Decimal]) -> tuple[int, ...]:
        out = [0] * len(columns)
        for c, v in vector.items():
            out[position[c]] = int(v * factor)
        return tuple(out)

    feasible_parents: list[int] = []
    results: dict[int, tuple[list[set[int]], list[set[int]]]] = {}
    parent_options = (
        [choices[parent].pick] if parent_fixed else list(range(len(choices[parent].options)))
    )
    best_cost: dict[int, int] = {}
    # exact sums first; a one-unit rounding gap only when nothing adds up exactly
    slack = (0, 1) if digits >= 2 else (0,)
    attempts = [(tolerance, option) for tolerance in slack for option in parent_options]
    for tolerance, parent_option in attempts:
        if tolerance and feasible_parents:
            break
        target = as_ints(choices[parent].vectors[parent_option])
        base = [0] * len(columns)
        for k in kids:
            if k not in open_kids and choices[k].vectors:
                for i, v in enumerate(as_ints(choices[k].vector)):
                    base[i] += v
        remaining = tuple(t - b for t, b in zip(target, base, strict=True))
        options = [[as_ints(v) for v in choices[k].vectors] for k in open_kids]
        # columns no child's choice changes (e.g. 合计) are checked once, outside the search
        width = len(columns)
        varying = [
            c for c in range(width) if any(len({vec[c] for vec in opts}) > 1 for opts in options)
        ]
        steady = [c for c in range(width) if c not in varying]
        if any(abs(sum(opts[0][c] for opts in options) - remaining[c]) > tolerance for c in steady):
            continue
        options = [[tuple(vec[c] for c in varying) for vec in opts] for opts in options]
        remaining = tuple(remaining[c] for c in varying)
        columns_in_state = len(varying)
        nonnegative = all(x >= 0 for opts in options for vec in opts for x in vec)
        # forward: state -> least cost (cost = how far right each option reaches)
        # the most the children from layer i on can still add, per column
        reach = [[0] * columns_in_state for _ in range(len(options) + 1)]
        for i in range(len(options) - 1, -1, -1):
            for c in range(columns_in_state):
                reach[i][c] = reach[i + 1][c] + max(vec[c] for vec in options[i])
        layers: list[dict[tuple[int, ...], int]] = [{tuple([0] * columns_in_state): 0}]
        overflow = False
        for layer, opts in enumerate(options):
            ahead = reach[layer + 1]
            nxt: dict[tuple[int, ...], int] = {}
            for state, cost in layers[-1].items():
                for o, vec in enumerate(opts):
                    new = tuple(a + b for a, b in zip(state, vec, strict=True))
                    if nonnegative and any(
                        n > r + tolerance or n + a < r - tolerance
                        for n, r, a in zip(new, remaining, ahead, strict=True)
                    ):
                        continue
                    if cost + o < nxt.get(new, 10**9):
                        nxt[new] = cost + o
            layers.append(nxt)
            if len(nxt) > MAX_STATES:
                overflow = True
                break
        if overflow:
            return set()
        # backward: state -> least cost to finish
        back: dict[tuple[int, ...], int] = {
            state: 0
            for state in layers[-1]
            if all(abs(a - r) <= tolerance for a, r in zip(state, remaining, strict=True))
        }
        if not back:
            continue
        best = min(layers[-1][state] for state in back)
        feasible_parents.append(parent_option)
        best_cost[parent_option] = best + (0 if parent_fixed else parent_option)
        feasible: list[set[int]] = [set() for _ in open_kids]
        optimal: list[set[int]] = [set() for _ in open_kids]
        for index in range(len(open_kids) - 1, -1, -1):
            previous: dict[tuple[int, ...], int] = {}
            for state, cost in layers[index].items():
                for o, vec in enumerate(options[index]):
                    new = tuple(a + b for a, b in zip(state, vec, strict=True))
                    if new in back:
                        feasible[index].add(o)
                        to_go = o + back[new]
                        if cost + to_go == best:
                            optimal[index].add(o)
                        if to_go < previous.get(state, 10**9):
                            previous[state] = to_go
            back = previous
        results[parent_option] = (feasible, optimal)
    if found is not None:
        found.append(bool(feasible_parents))
    if not feasible_parents:
        return set()
    chosen_parent = min(feasible_parents, key=lambda option: best_cost[option])
    if choices[parent].ambiguous:
        choices[parent].pick = chosen_parent
    decided: set[int] = set()
    _feasible_sets, optimal_sets = results[chosen_parent]
    union = [
        set().union(*(results[o][0][i] for o in feasible_parents)) for i in range(len(open_kids))
    ]
    for k, can, best_set in zip(open_kids, union, optimal_sets, strict=True):
        if not best_set:
            continue
        choices[k].pick = min(best_set)
        if len(can) == 1:
            decided.add(k)
        elif len(best_set) == 1:
            choices[k].reason = "prior-sum"
            prior_sum.add(k)
    if choices[parent].ambiguous and len(feasible_parents) == 1 and not parent_fixed:
        decided.add(parent)
    return decided
