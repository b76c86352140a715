"""Web building blocks: printed-style headers, generic parts (performance targets), serve CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from cnbudget.cli import main
from cnbudget.model import Document
from cnbudget.pipeline import parse_file
from cnbudget.validate import check
from cnbudget.web import create_app
from cnbudget.web.extras import document_extras
from cnbudget.web.grid import _layout
from cnbudget.web.uploads import Upload

from .conftest import SAMPLES


def labels(rows: list) -> list[list[tuple[str, int, int]]]:
    return [[(h.label, h.colspan, h.rowspan) for h in row] for row in rows]


def test_header_groups_dotted_keys_like_the_printed_table() -> None:
    keys = [
        "total",
        "basic",
        "basic.personnel.wages",
        "basic.personnel.households",
        "basic.public",
        "project",
        "project.operating",
        "project.specific",
    ]
    columns, header = _layout(keys)
    assert columns == keys
    assert labels(header) == [
        [("合计", 1, 2), ("基本支出", 4, 1), ("项目支出", 3, 1)],
        [
            ("小计", 1, 1),
            ("工资福利支出", 1, 1),
            ("对个人和家庭的补助", 1, 1),
            ("公用经费", 1, 1),
            ("小计", 1, 1),
            ("其他运转类", 1, 1),
            ("特定目标类", 1, 1),
        ],
    ]
    # a flat header stays one row; a group nested two deep takes three
    assert labels(_layout(["total", "fiscal.general"])[1]) == [
        [("合计", 1, 1), ("一般公共预算", 1, 1)]
    ]
    deep = _layout(["carryover", "carryover.general", "carryover.general.x"])[1]
    assert len(deep) == 3


@dataclass(slots=True)
class Indicator:
    level1: str
    level2: str
    name: str
    comparator: str | None
    number: Decimal | None
    unit: str | None
    raw: str
    line: int


@dataclass(slots=True)
class ProjectTarget:
    name: str
    code: str
    total: Decimal
    goal: str
    indicators: list[Indicator] = field(default_factory=list)


@dataclass(slots=True)
class TargetsDocument(Document):
    performance: list[ProjectTarget] = field(default_factory=list)


def with_targets(source: Path) -> TargetsDocument:
    parsed = parse_file(source)
    document = TargetsDocument(
        parsed.id, parsed.source, parsed.encoding, parsed.metadata, parsed.tables
    )
    document.performance = [
        ProjectTarget(
            "城乡居民医保补助<script>",
            "37060021",
            Decimal("3794.00"),
            "保障参保群众待遇",
            [
                Indicator(
                    "产出指标", "数量指标", "参保人数", "≥", Decimal("120000"), "人", "≥12万人", 900
                ),
                Indicator(
                    "成本指标",
                    "经济成本指标",
                    "人均财政补助标准",
                    "=",
                    Decimal("670"),
                    "元/人/年",
                    "670元/人/年",
                    901,
                ),
            ],
        )
    ]
    return document


def test_performance_targets_render_generically() -> None:
    document = with_targets(SAMPLES[0])
    parts = dict(document_extras(document))
    assert "项目绩效目标" in parts
    app = create_app(None)
    upload = Upload("tok", "a.txt", b"", document, check(document), None)
    app.state.uploads._items["tok"] = upload
    page = TestClient(app).get("/upload/tok")
    assert page.status_code == 200
    assert "人均财政补助标准" in page.text and "670元/人/年" in page.text
    assert "一级指标" in page.text and "总体目标" in page.text
    assert "城乡居民医保补助&lt;script&gt;" in page.text


def test_serve_binds_loopback_by_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[dict[str, object]] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **options: calls.append(options))
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "a.db"), "--port", "8765"])
    assert result.exit_code == 0, result.output
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8765


def test_serve_unusable_database_is_one_line_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(main, ["serve", "--db", str(blocker / "sub" / "a.db")])
    assert result.exit_code == 2
    assert result.output.startswith("错误：") and "Traceback" not in result.output


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_extras_are_document_parts_with_chinese_titles(sample: Path) -> None:
    document = parse_file(sample)
    document.positions = {1: (1, None)}  # as a PDF reader fills it
    titles = [title for title, _ in document_extras(document)]
    assert titles, "the samples print performance targets and prose facts"
    # every part has a Chinese title: no field of the model shows up under its English name
    assert all(not title.isascii() for title in titles), titles
