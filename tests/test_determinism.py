"""Parsing is a pure function of the input: the same file gives the same document and
findings whatever the process parsed before, and no module keeps mutable state that
functions change from one document to the next."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import cnbudget
from cnbudget.export_json import document_dict
from cnbudget.pipeline import parse_file, parse_text
from cnbudget.synthetic import generate
from cnbudget.validate import check

from .conftest import CORPUS, REAL_CORPUS, SAMPLES

PACKAGE = Path(cnbudget.__file__).parent
MUTATORS = {
    "add",
    "append",
    "clear",
    "discard",
    "extend",
    "insert",
    "pop",
    "popitem",
    "remove",
    "setdefault",
    "update",
}
MUTABLE_CALLS = {"set", "dict", "list", "defaultdict", "Counter", "OrderedDict", "deque"}


def _inputs() -> dict[str, tuple[str, str]]:
    """name -> (kind, text or path): the samples, synthetic texts and two real PDFs."""
    pool: dict[str, tuple[str, str]] = {
        name: ("path", str(CORPUS / f"{name}.txt")) for name in SAMPLES
    }
    for seed, layout in ((3, "licheng"), (5, "jiyuan"), (8, "fengrun")):
        pool[f"synthetic-{layout}-{seed}"] = ("text", generate(seed, layout).text)
    for pdf in sorted(REAL_CORPUS.glob("*.pdf"))[:2]:
        pool[pdf.name] = ("path", str(pdf))
    return pool


INPUTS = _inputs()
NAMES = sorted(INPUTS)


def _result(name: str) -> str:
    kind, value = INPUTS[name]
    document = parse_text(value, name) if kind == "text" else parse_file(value)
    report = check(document)
    findings = [
        (f.rule, f.severity, f.message, f.table, f.row, f.column, f.line) for f in report.findings
    ]
    payload = {"document": document_dict(document), "findings": findings}
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)


REFERENCE: dict[str, str] = {}


def _reference(name: str) -> str:
    if name not in REFERENCE:
        REFERENCE[name] = _result(name)
    return REFERENCE[name]


@settings(max_examples=6, deadline=None, derandomize=True)
@given(order=st.permutations(NAMES), repeat=st.sampled_from(NAMES))
def test_same_output_in_any_order(order: list[str], repeat: str) -> None:
    expected = {name: _reference(name) for name in NAMES}
    for name in [*order, repeat]:
        assert _result(name) == expected[name], f"{name} parsed differently after other files"


def _module_mutables(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        mutable = isinstance(value, ast.Dict | ast.List | ast.Set | ast.DictComp | ast.ListComp)
        mutable = mutable or (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id in MUTABLE_CALLS
        )
        if mutable:
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def _mutations(tree: ast.Module, names: set[str]) -> list[tuple[str, int]]:
    found: set[tuple[str, int]] = set()
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Global):
                found |= {(name, node.lineno) for name in node.names}
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in names
                and node.func.attr in MUTATORS
            ):
                found.add((node.func.value.id, node.lineno))
            elif isinstance(node, ast.Assign | ast.AugAssign | ast.Delete):
                targets = (
                    node.targets if isinstance(node, ast.Assign | ast.Delete) else [node.target]
                )
                for target in targets:
                    if (
                        isinstance(target, ast.Subscript)
                        and isinstance(target.value, ast.Name)
                        and target.value.id in names
                    ):
                        found.add((target.value.id, node.lineno))
    return sorted(found)


# modules outside the parse path whose module-level state is meant to live for the process
PROCESS_STATE = {"synthetic", "web", "bench", "store"}  # store: one engine per worker process
# registries filled once at import time by decorators, never while parsing
IMPORT_TIME = {("validate/registry.py", "_RULES")}


def test_no_module_state_changed_by_functions() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in PROCESS_STATE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n for n in _module_mutables(tree) if (relative.as_posix(), n) not in IMPORT_TIME}
        offenders += [f"{relative}:{line} {name}" for name, line in _mutations(tree, names)]
    assert not offenders, "module-level state changed inside functions: " + ", ".join(offenders)


def test_state_check_finds_a_module_global_set() -> None:
    tree = ast.parse("SEEN: set[int] = set()\n\ndef f(x):\n    SEEN.add(id(x))\n")
    assert _mutations(tree, _module_mutables(tree)) == [("SEEN", 4)]


def test_same_output_whatever_the_hash_seed() -> None:
    """Set and dict order of strings must not leak into results (PYTHONHASHSEED varies)."""
    import os
    import subprocess
    import sys

    script = (
        "import hashlib, json, sys\n"
        "from cnbudget.pipeline import parse_file\n"
        "from cnbudget.export_json import document_dict\n"
        "for f in sys.argv[1:]:\n"
        "    d = json.dumps(document_dict(parse_file(f)), sort_keys=True, default=str)\n"
        "    print(hashlib.sha256(d.encode()).hexdigest())\n"
    )
    files = [str(CORPUS / f"{name}.txt") for name in SAMPLES]
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", script, *files],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=300,
        )
        outputs.add(run.stdout)
    assert len(outputs) == 1
