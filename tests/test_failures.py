"""Every failure is a clear one-line message: damaged or hostile input is an InputError
(exit 2), a bug is exit 3 (never the --fail-on status 1), ingest reasons are one bounded
line, and the documented line limits are enforced with a message naming the limit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cnbudget.cli import main
from cnbudget.errors import MAX_REASON, InputError, internal_reason, one_line
from cnbudget.pipeline import parse_source, parse_text
from cnbudget.readers import Limits, read_data
from cnbudget.store import open as open_store
from cnbudget.validate import check

from .conftest import CORPUS, SAMPLES

FUZZ = Path(__file__).parent / "fuzz"
TEXT = (CORPUS / f"{SAMPLES[1]}.txt").read_text(encoding="utf-8")


def outcome(data: bytes, name: str) -> str:
    """'ok' or 'input-error'; any other exception fails the test."""
    try:
        document = parse_source(read_data(data, name))
    except InputError as exc:
        assert "\n" not in exc.reason and len(exc.reason) <= MAX_REASON
        return "input-error"
    check(document)
    return "ok"


@pytest.mark.parametrize("path", sorted(p for p in FUZZ.iterdir() if p.suffix != ".md"))
def test_fuzz_regressions(path: Path) -> None:
    assert outcome(path.read_bytes(), path.name) in ("ok", "input-error")


def _with_number(digits: int) -> str:
    spot = re.search(r"\d{1,3}(?:,\d{3})*\.\d\d", TEXT)
    assert spot is not None
    return TEXT[: spot.start()] + "9" * digits + TEXT[spot.end() :]


def test_million_digit_number_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="过长"):
        parse_text(_with_number(1_000_000), "big.txt")
    assert outcome(_with_number(5000).encode(), "five-thousand.txt") == "ok"


@pytest.mark.parametrize("other", ["gbk", "utf-16-le", "utf-16-be", "utf-16", "gb18030", "cp1252"])
def test_text_mixing_encodings(other: str) -> None:
    data = TEXT.encode()
    segment = ("合计支出预算" if other != "cp1252" else "Total ÷ ±").encode(other) * 40
    for mixed in (data[:4000] + segment + data[4000:], segment + data, data + segment):
        assert outcome(mixed, f"mixed-{other}.txt") in ("ok", "input-error")


def test_line_limits_name_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    many = "\n".join([TEXT] * 40 + ["说明"] * Limits().max_lines)
    with pytest.raises(InputError, match="行数过多.*上限 50000 行"):
        parse_text(many, "many.txt")
    monkeypatch.setenv("CNBUDGET_MAX_LINE_CHARS", "100")
    with pytest.raises(InputError, match=r"行过长.*上限 100 个") as caught:
        parse_text(TEXT + "\n" + "一" * 101, "long.txt")
    assert caught.value.source == "long.txt"


def test_reasons_are_one_bounded_line() -> None:
    assert one_line("a\n b\t\tc") == "a b c"
    long = one_line("长" * 10_000)
    assert len(long) == MAX_REASON and long.endswith("…")
    reason = internal_reason(ValueError("x\n" * 50_000))
    assert "\n" not in reason and len(reason) <= MAX_REASON
    assert reason.startswith("解析时发生内部错误（ValueError")
    error = InputError("a.txt", "原因\n" * 50_000)
    assert "\n" not in error.reason and len(error.reason) <= MAX_REASON


def test_ingest_reason_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(source: object) -> None:
        raise ValueError("输入\n" * 50_000)

    monkeypatch.setattr("cnbudget.pipeline.parse_source", broken)
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    with open_store(str(tmp_path / "a.db")) as store:
        result = store.ingest_path(path)
    assert result.status == "failed"
    assert result.reason is not None
    assert "\n" not in result.reason and len(result.reason) <= MAX_REASON


def test_check_exit_status_separates_bugs_from_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = str(CORPUS / f"{SAMPLES[1]}.txt")
    runner = CliRunner()
    found = runner.invoke(main, ["check", sample, "--fail-on", "info"])
    assert found.exit_code == 1  # findings at or above --fail-on
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    unreadable = runner.invoke(main, ["check", str(empty), "--fail-on", "info"])
    assert unreadable.exit_code == 2 and "文件为空" in unreadable.output

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("规则\n内部")

    monkeypatch.setattr("cnbudget.validate.check", broken)
    bug = runner.invoke(main, ["check", sample, "--fail-on", "info"])
    assert bug.exit_code == 3, bug.output
    assert "核查时发生内部错误（KeyError" in bug.output
    assert bug.output.count("\n") == 1
    monkeypatch.setattr("cnbudget.pipeline.parse_source", broken)
    parse_bug = runner.invoke(main, ["parse", sample])
    assert parse_bug.exit_code == 3 and "解析时发生内部错误" in parse_bug.output
