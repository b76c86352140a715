"""Fast start: `parse`, `check` and `--help` load neither the web, the database nor XLSX code."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import CORPUS

SAMPLE = CORPUS / "shandong-yantai-medical-insurance-2025.txt"
HEAVY = ("fastapi", "sqlalchemy", "openpyxl", "uvicorn", "alembic", "pyarrow", "jinja2")

# runs the command line in a fresh interpreter, then prints the heavy modules it loaded
PROBE = """
import json, sys
from cnbudget.cli import main
try:
    main(sys.argv[1:], prog_name="cnbudget")
except SystemExit:
    pass
heavy = json.loads(sys.stdin.read())
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in heavy)), file=sys.stderr)
"""


def loaded(*args: str) -> tuple[list[str], str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        input=json.dumps(HEAVY),
        capture_output=True,
        text=True,
        timeout=120,
    )
    return json.loads(done.stderr.strip().splitlines()[-1]), done.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("parse", str(SAMPLE)),
        ("parse", str(SAMPLE), "--format", "summary"),
        ("check", str(SAMPLE)),
        ("check", str(SAMPLE), "--format", "json"),
        ("--help",),
        ("ingest", "--help"),
        ("serve", "--help"),
        ("export", "--help"),
    ],
)
def test_commands_import_only_what_they_use(args: tuple[str, ...]) -> None:
    modules, out = loaded(*args)
    assert out.strip(), "the command printed nothing"
    assert modules == []


def test_lazy_commands_all_resolve() -> None:
    modules, out = loaded("--help")
    for name in ("parse", "check", "ingest", "export", "serve", "compare", "targets", "db"):
        assert f"  {name} " in out
    # and the heavy libraries do load when a command needs them
    modules, _ = loaded("list", "--db", ":memory:")
    assert "sqlalchemy" in {m.split(".")[0] for m in modules}


def test_package_names_still_exported() -> None:
    import cnbudget
    import cnbudget.store
    import cnbudget.web

    assert cnbudget.parse_file(SAMPLE).tables
    assert cnbudget.store.Store.__name__ == "Store"
    assert callable(cnbudget.web.create_app)
    with pytest.raises(AttributeError):
        _ = cnbudget.no_such_name
