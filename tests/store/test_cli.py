"""The store commands through click's CliRunner, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from cnbudget.cli import main
from cnbudget.pipeline import parse_file

from ..conftest import CORPUS

PATHS = sorted(CORPUS.glob("*.txt"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner(mix_stderr=False).invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_ingest_list_show_compare(db_url: str, tmp_path: Path) -> None:
    code, out, _ = run("ingest", str(CORPUS / "*.txt"), "--db", db_url)
    assert code == 0
    assert f"已入库 {len(PATHS)} 份" in out and "失败 0 份" in out
    # folders, globs and files naming the same documents: nothing new, nothing duplicated
    code, out, _ = run("ingest", str(CORPUS / "*.txt"), str(PATHS[0]), "--db", db_url)
    assert code == 0
    assert "已入库 0 份" in out and f"跳过 {len(PATHS)} 份" in out and "已入库（内容相同）" in out
    code, out, _ = run("ingest", str(PATHS[0]), "--replace", "--db", db_url)
    assert code == 0 and "已入库 1 份" in out

    code, out, _ = run("list", "--db", db_url, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == len(PATHS)
    assert {r["编号"] for r in rows} == {parse_file(p).id for p in PATHS}
    assert {r["读取"] for r in rows} == {"100.0%"}  # the samples are read completely
    code, out, _ = run("list", "--db", db_url, "--department", "烟台", "--format", "json")
    listed = json.loads(out)
    assert [item["department"] for item in listed] == ["烟台市医疗保障局"]
    assert listed[0]["expenditure_total"] == "5314.29"
    assert listed[0]["printed_amounts"] == listed[0]["captured_amounts"] > 300
    assert listed[0]["coverage"] == 1.0
    code, out, _ = run("list", "--db", db_url, "--year", "2025")
    assert code == 0 and "共 5 份文档" in out

    doc = parse_file(CORPUS / "shandong-yantai-medical-insurance-2025.txt")
    code, out, _ = run("show", doc.id[:6], "--db", db_url)
    assert code == 0
    assert "烟台市医疗保障局" in out
    for title in ("支出总表", "“三公”经费表", "项目支出表"):
        assert title in out
    assert "城乡医疗救助" in out and "4194.00" in out
    code, out, _ = run("show", doc.id, "--table", "three_public", "--db", db_url)
    assert "“三公”经费表" in out and "支出总表" not in out

    code, out, _ = run("compare", "code", "2080505", "--db", db_url, "--format", "json")
    payload = json.loads(out)
    assert code == 0 and len(payload["rows"]) == len(PATHS)
    yantai = next(r for r in payload["rows"] if r["document"] == doc.id)
    assert yantai["total"] == "46.27"
    code, out, _ = run("compare", "share", "--db", db_url, "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("document,department,year,total,basic")
    for measure in ("three_public", "project_categories", "share"):
        code, out, _ = run("compare", measure, "--db", db_url)
        assert code == 0 and "行" in out
    code, out, _ = run("compare", "share", "--doc", doc.id[:8], "--db", db_url, "--format", "csv")
    assert len(out.splitlines()) == 2

    code, out, _ = run("db", "info", "--db", db_url)
    assert code == 0 and f"文档数：{len(PATHS)}" in out
    code, out, _ = run("db", "upgrade", "--db", db_url)
    assert code == 0 and "最新" in out


def test_errors_are_one_chinese_line(db_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("与预算无关的文字\n" * 10, encoding="utf-8")
    code, out, err = run("ingest", str(bad), str(PATHS[0]), "--db", db_url)
    assert code == 2
    assert "已入库 1 份" in out and "失败 1 份" in out
    assert err.strip().startswith("失败：") and str(bad) in err and "Traceback" not in err
    code, _, err = run("ingest", str(tmp_path / "none-*.txt"), "--db", db_url)
    assert code == 2 and err.startswith("错误：") and len(err.strip().splitlines()) == 1
    code, _, err = run("show", "ffffffffff", "--db", db_url)
    assert code == 2 and "错误：" in err and "ffffffffff" in err
    code, _, err = run("compare", "code", "--db", db_url)
    assert code == 2 and "功能科目编码" in err


def test_unreachable_database_is_one_line(tmp_path: Path) -> None:
    code, _, err = run("list", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert code == 2
    assert err.startswith("错误：") and "无法打开数据库" in err
    assert len(err.strip().splitlines()) == 1
    blocked = tmp_path / "file"
    blocked.write_text("x")
    code, _, err = run("list", "--db", str(blocked / "sub" / "x.db"))
    assert code == 2 and "无法打开数据库" in err


def test_export_from_database_equals_export_from_files(db_url: str, tmp_path: Path) -> None:
    assert run("ingest", str(CORPUS / "*.txt"), "--db", db_url)[0] == 0
    code, from_files, _ = run("export", *map(str, PATHS), "--format", "csv")
    assert code == 0
    ids = [parse_file(p).id for p in PATHS]
    code, from_db, _ = run("export", "--db", db_url, *ids, "--format", "csv")
    assert code == 0
    assert from_db == from_files
    # no ids: every stored document (in the store's order), the same facts
    code, everything, _ = run("export", "--db", db_url, "--format", "csv")
    assert code == 0
    assert sorted(everything.splitlines()) == sorted(from_files.splitlines())
    # a prefix works, an unknown id is one clear error
    code, one, _ = run("export", "--db", db_url, ids[0][:8], "--format", "json")
    assert code == 0 and json.loads(one)[0]["id"] == ids[0]
    code, _, err = run("export", "--db", db_url, "ffffffffffff", "--format", "csv")
    assert code == 2 and err.startswith("错误：") and len(err.strip().splitlines()) == 1
    # XLSX from the database: one workbook per document
    code, _, _ = run("export", "--db", db_url, "--format", "xlsx", "--out", str(tmp_path / "x"))
    assert code == 0 and len(list((tmp_path / "x").glob("*.xlsx"))) == len(PATHS)


def test_export_without_files_or_database_is_an_error() -> None:
    code, _, err = run("export", "--format", "csv")
    assert code == 2 and "请给出要导出的文件" in err


def test_ingest_two_files_as_one(db_url: str, tmp_path: Path) -> None:
    """情况说明 and 报表 published apart: `ingest --as-one` stores one document."""
    from cnbudget.pipeline import parse_files

    from ..conftest import REAL_CORPUS
    from ..pdf_pages import pdf_pages

    data = (REAL_CORPUS / "central-state-petition-bureau-2026-budget-dept.pdf").read_bytes()
    prose, tables = tmp_path / "说明.pdf", tmp_path / "报表.pdf"
    prose.write_bytes(pdf_pages(data, [*range(0, 4), *range(16, 37)]))
    tables.write_bytes(pdf_pages(data, range(4, 16)))
    code, out, err = run("ingest", str(prose), str(tables), "--as-one", "--db", db_url)
    assert code == 0, err
    assert "已入库 1 份" in out
    code, out, _ = run("ingest", str(tables), str(prose), "--as-one", "--db", db_url)
    assert code == 0 and "跳过 1 份" in out
    code, out, _ = run("list", "--db", db_url, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["编号"] for r in rows] == [parse_files([prose, tables]).id]
