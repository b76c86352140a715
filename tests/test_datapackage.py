"""The Frictionless / Fiscal Data Package passes `frictionless validate` and maps a fiscal model."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from frictionless import validate

from cnbudget.export import write_facts_csv
from cnbudget.export.datapackage import write_datapackage
from cnbudget.export.lines import FIELDS, budget_lines
from cnbudget.model import Document
from cnbudget.pipeline import parse_file, parse_text
from cnbudget.synthetic import LAYOUTS, generate

from .conftest import CORPUS, SAMPLES


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Document], Path]:
    docs = [parse_file(CORPUS / f"{name}.txt") for name in SAMPLES]
    docs += [
        parse_text(generate(seed, layout).text, f"{layout}-{seed}")
        for seed, layout in enumerate(LAYOUTS, start=100)
    ]
    folder = tmp_path_factory.mktemp("package")
    descriptor = write_datapackage(iter(docs), folder)  # one pass over the documents
    assert descriptor == folder / "datapackage.json"
    return docs, folder


def test_frictionless_validate_api(package: tuple[list[Document], Path]) -> None:
    _, folder = package
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert len(report.tasks) == 3


def test_frictionless_validate_command(package: tuple[list[Document], Path]) -> None:
    _, folder = package
    command = Path(sys.executable).with_name("frictionless")
    result = subprocess.run(
        [str(command), "validate", "--json", "datapackage.json"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["valid"] is True


def test_validation_catches_a_damaged_file(
    package: tuple[list[Document], Path], tmp_path: Path
) -> None:
    """The hash and constraints are real: a changed direction fails validation."""
    _, folder = package
    for name in ("datapackage.json", "documents.csv", "facts.csv", "budget-lines.csv"):
        (tmp_path / name).write_bytes((folder / name).read_bytes())
    lines = (tmp_path / "budget-lines.csv").read_text(encoding="utf-8").split("\n")
    lines[1] = lines[1].replace(",revenue,", ",inflow,").replace(",expenditure,", ",inflow,", 1)
    (tmp_path / "budget-lines.csv").write_text("\n".join(lines), encoding="utf-8")
    assert not validate(str(tmp_path / "datapackage.json")).valid


def test_resources_hold_the_exports(package: tuple[list[Document], Path], tmp_path: Path) -> None:
    docs, folder = package
    write_facts_csv(docs, tmp_path / "facts.csv")
    assert (folder / "facts.csv").read_bytes() == (tmp_path / "facts.csv").read_bytes()
    with (folder / "documents.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["document"] for r in rows] == [d.id for d in docs]
    with (folder / "budget-lines.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == FIELDS
        written = [(r["document"], r["table"], r["line"], Decimal(r["amount"])) for r in reader]
    expected = [(d.id, x.table, str(x.line), x.amount) for d in docs for x in budget_lines(d)]
    assert written == expected
    assert {"expenditure"} < {x.direction for d in docs for x in budget_lines(d)}


def test_fiscal_model_maps_existing_fields(package: tuple[list[Document], Path]) -> None:
    _, folder = package
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    fields = {
        name: {f["name"] for f in resource["schema"]["fields"]}
        for name, resource in resources.items()
    }
    model = descriptor["model"]
    assert model["measures"]["amount"]["currency"] == "CNY"
    assert model["measures"]["amount"]["factor"] == 10000
    for measure in model["measures"].values():
        assert measure["source"] in fields[measure["resource"]]
    kinds = set()
    for dimension in model["dimensions"].values():
        attributes = dimension["attributes"]
        keys = dimension["primaryKey"]
        keys = [keys] if isinstance(keys, str) else keys
        assert set(keys) <= set(attributes)
        kinds.add(dimension["dimensionType"])
        for attribute in attributes.values():
            assert attribute["source"] in fields[attribute["resource"]]
            for ref in ("labelfor", "parent"):
                if ref in attribute:
                    assert attribute[ref] in attributes
    assert {"classification", "entity", "activity", "datetime"} <= kinds
    classifications = {d.get("classificationType") for d in model["dimensions"].values()}
    assert {"functional", "economic"} <= classifications
