"""A disclosure published as two files (情况说明 and 报表) is one document.

The fixtures are made at test time by cutting a real PDF of tests/corpus/real into its
prose pages and its table pages with pypdfium2.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cnbudget.cli import main
from cnbudget.facts import facts
from cnbudget.pipeline import parse_file, parse_files

from .conftest import REAL_CORPUS
from .pdf_pages import pdf_pages

NAME = "central-state-petition-bureau-2026-budget-dept"
TABLE_PAGES = range(4, 16)  # 0-based: pp. 5-16, 部门公开表1-9
PROSE_PAGES = [*range(0, 4), *range(16, 37)]  # cover, 基本情况, 情况说明, 名词解释


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    data = (REAL_CORPUS / f"{NAME}.pdf").read_bytes()
    folder = tmp_path_factory.mktemp("two-files")
    prose = folder / "说明.pdf"
    tables = folder / "报表.pdf"
    prose.write_bytes(pdf_pages(data, PROSE_PAGES))
    tables.write_bytes(pdf_pages(data, TABLE_PAGES))
    return prose, tables


def table_facts(document: object) -> dict[tuple[str, str, str], str]:
    return {
        (f.table, f.row_code, f.column): f.text
        for f in facts(document)  # type: ignore[arg-type]
        if f.table not in ("narrative", "performance", "dept_performance")
    }


def test_two_files_parse_as_one_document(parts: tuple[Path, Path]) -> None:
    prose, tables = parts
    whole = parse_file(REAL_CORPUS / f"{NAME}.pdf")
    document = parse_files([prose, tables])
    found = list(facts(document))
    assert {f.document for f in found} == {document.id}
    assert table_facts(document) == table_facts(whole)
    assert any(f.table == "narrative" for f in found)
    assert document.metadata.department == "国家信访局"
    assert document.metadata.year == 2026
    assert " + " in document.source
    # the id names the set of files, not their order
    assert parse_files([tables, prose]).id == document.id
    assert document.id not in (parse_file(prose).id, parse_file(tables).id)


def test_narrative_only_file_gives_narrative_and_a_notice(parts: tuple[Path, Path]) -> None:
    prose, _tables = parts
    document = parse_file(prose)
    assert not any(t.kind not in ("narrative", "performance") for t in document.tables)
    assert any(f.table == "narrative" for f in facts(document))
    assert any(n.code == "no-tables" and "--as-one" in n.message for n in document.notices)


def test_cli_as_one(parts: tuple[Path, Path]) -> None:
    prose, tables = parts
    runner = CliRunner()
    refused = runner.invoke(main, ["parse", str(prose), str(tables)])
    assert refused.exit_code == 2
    assert "--as-one" in refused.output
    result = runner.invoke(main, ["parse", str(prose), str(tables), "--as-one"])
    assert result.exit_code == 0, result.output
    ids = {line.split(",")[0] for line in result.output.splitlines()[1:]}
    assert len(ids) == 1
    checked = runner.invoke(main, ["check", str(prose), str(tables), "--as-one"])
    assert checked.exit_code == 0, checked.output
    assert checked.output.count("== ") == 1
