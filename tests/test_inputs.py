"""Bad and unusual inputs: clear errors, never a traceback; encodings and line ends."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cnbudget.errors import InputError
from cnbudget.facts import facts
from cnbudget.pipeline import parse_file

from .conftest import CORPUS

LICHENG = CORPUS / "shandong-jinan-licheng-medical-insurance-2025.txt"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cnbudget.cli", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "文件为空"),
        (b"   \n\n", "文件为空"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "二进制"),
        ("春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。\n".encode(), "不是部门预算"),
    ],
)
def test_bad_input_one_line_error(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        parse_file(path)
    assert reason in info.value.reason
    result = run_cli("parse", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(path) in result.stderr


def test_missing_file(tmp_path: Path) -> None:
    result = run_cli("parse", str(tmp_path / "nope.txt"))
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_huge_file_rejected(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = "合计 1.00 2.00 3.00\n" * 1000
    with path.open("w", encoding="utf-8") as handle:
        while handle.tell() < 21 * 1024 * 1024:
            handle.write(line)
    with pytest.raises(InputError) as info:
        parse_file(path)
    assert "过大" in info.value.reason


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig"])
def test_encodings_and_crlf(tmp_path: Path, encoding: str) -> None:
    text = LICHENG.read_text(encoding="utf-8")
    path = tmp_path / "doc.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    original = {(f.table, f.row_code, f.column, f.value) for f in facts(parse_file(LICHENG))}
    converted = {(f.table, f.row_code, f.column, f.value) for f in facts(parse_file(path))}
    assert converted == original


def test_truncated_mid_table(tmp_path: Path) -> None:
    lines = LICHENG.read_text(encoding="utf-8").splitlines()
    cut = next(i for i, line in enumerate(lines) if "支出总体情况表" in line) + 20
    path = tmp_path / "cut.txt"
    path.write_text("\n".join(lines[:cut]), encoding="utf-8")
    document = parse_file(path)
    kinds = [t.kind for t in document.tables]
    assert kinds[:3] == ["summary", "income", "expenditure"]
    assert len(list(facts(document))) > 50


def test_cli_formats() -> None:
    result = run_cli("parse", str(LICHENG))
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == "document,table,row_code,row_name,column,value"
    result = run_cli("parse", str(LICHENG), "--format", "json")
    assert result.returncode == 0 and '"tables"' in result.stdout
    result = run_cli("parse", str(LICHENG), "--format", "summary")
    assert result.returncode == 0 and "济南市历城区医疗保障局" in result.stdout


def test_unit_yuan_converted_exactly(tmp_path: Path) -> None:
    text = LICHENG.read_text(encoding="utf-8")
    start = text.index(" 公开表3")
    end = text.index(" 公开表4")
    block = text[start:end].replace("单位：万元", "单位：元")
    block = block.replace("19,401.26", "194,012,600.00")
    path = tmp_path / "yuan.txt"
    path.write_text(block, encoding="utf-8")
    document = parse_file(path)
    table = document.table("expenditure")
    assert table is not None and table.unit == "元"
    total = next(f for f in facts(document) if f.row_code == "total" and f.column == "total")
    assert str(total.value) == "19401.26"


def test_extra_numbers_in_a_summary_are_reported_not_dropped_silently() -> None:
    text = LICHENG.read_text(encoding="utf-8").replace(
        "一、财政拨款 19,401.26 一、一般公共服务支出",
        "一、财政拨款 19,401.26 18,249.59 一、一般公共服务支出",
    )
    from cnbudget.pipeline import parse_text

    document = parse_text(text)
    notices = [n for n in document.notices if n.code == "extra-numbers"]
    assert len(notices) == 1 and "18,249.59" in notices[0].message
