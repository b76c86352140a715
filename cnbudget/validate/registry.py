"""The rule registry: rule metadata, findings, and the runner."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

from cnbudget.model import Box, Document, Severity
from cnbudget.validate import settings as _settings
from cnbudget.validate.settings import Settings


@dataclass(frozen=True, slots=True)
class Finding:
    """One inconsistency: where it is, the numbers involved and a Chinese explanation."""

    rule: str
    severity: Severity
    message: str
    table: str | None = None
    row: str | None = None
    column: str | None = None
    line: int | None = None
    numbers: dict[str, Decimal] = field(default_factory=dict)
    # cells involved: (table, row code, column); `suspect` is the one most likely wrong
    cells: tuple[tuple[str, str, str], ...] = ()
    suspect: tuple[str, str, str] | None = None
    # 解析存疑: why the cells involved were not read with certainty (None: read with
    # certainty). A doubtful finding is about our reading, not the document: it is
    # listed apart and never at error level.
    doubt: str | None = None
    # evidence (set by the runner): page, printed text of the cited lines, and the box of
    # the finding's line on its page for positioned formats (PDF)
    page: int | None = None
    evidence: str | None = None
    box: Box | None = None


DOUBT_LEGEND = (
    "解析存疑：所涉数字未能确定读准（列归属不确定、附近有未识别的行或表头、金额未转为事实），"
    "这些项目可能是本工具的读取问题而非文件本身的错误，请对照原文核对；最高列为“警告”。"
)


def finding_dict(finding: Finding) -> dict[str, object]:
    """A finding as JSON-ready data (report and API key names; amounts as strings)."""
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "table": finding.table,
        "row": finding.row,
        "column": finding.column,
        "line": finding.line,
        "numbers": {k: str(v) for k, v in finding.numbers.items()},
        "cells": [list(c) for c in finding.cells],
        "suspect": list(finding.suspect) if finding.suspect else None,
        "doubt": finding.doubt,
        "page": finding.page,
        "evidence": finding.evidence,
        "box": list(finding.box) if finding.box else None,
    }


class NotApplicable(Exception):
    """Raised by a rule that cannot run on this document; the message says why."""


Check = Callable[[Document], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule."""

    id: str
    severity: Severity
    category: str
    title: str
    description: str
    function: Check
    example: str = ""


_RULES: dict[str, Rule] = {}


def rule(
    id: str, severity: Severity, category: str, title: str, description: str, example: str = ""
) -> Callable[[Check], Check]:
    """Register a check function under an id; `example` shows a case it reports."""

    def register(function: Check) -> Check:
        if id in _RULES:
            raise ValueError(f"duplicate rule id {id}")
        _RULES[id] = Rule(id, severity, category, title, description, function, example)
        return function

    return register


def all_rules() -> list[Rule]:
    """Every registered rule, by id."""
    from cnbudget.validate import (  # noqa: F401 - register rules
        arithmetic,
        changes,
        classification,
        completeness,
        crosscodes,
        crosstable,
        narrative,
        performance_rules,
        prose_changes,
        prose_items,
        structure,
        summary,
        suspicious,
        textquality,
    )

    return [_RULES[key] for key in sorted(_RULES)]


def catalogue() -> str:
    """The rule catalogue as Markdown (docs/rules.md is generated from it)."""
    names = {"error": "错误", "warning": "警告", "info": "提示"}
    lines = [
        "# 核查规则目录",
        "",
        "本文件由 `cnbudget rules --markdown` 根据规则注册表生成，请勿手工修改。",
        "",
        "级别为规则发现问题时的最高级别；算术差异在四舍五入区间内不报，一分钱级的差异为提示"
        "（尾数差异），阈值见 `docs/validation.md`。",
        "",
        "| 编号 | 级别 | 类别 | 名称 | 检查内容 | 示例 |",
        "|---|---|---|---|---|---|",
    ]
    for item in all_rules():
        lines.append(
            f"| `{item.id}` | {names[item.severity]} | {item.category} | {item.title} "
            f"| {item.description} | {item.example or '—'} |"
        )
    return "\n".join(lines) + "\n"


@dataclass(slots=True)
class Report:
    """What a validation run found, ran and could not run."""

    findings: list[Finding] = field(default_factory=list)
    ran: list[str] = field(default_factory=list)
    not_run: dict[str, str] = field(default_factory=dict)
    # identities compared per rule (arithmetic rules), holding or not
    evaluated: dict[str, int] = field(default_factory=dict)

    def by_severity(self, severity: Severity) -> Iterator[Finding]:
        """Findings of a severity about the document (解析存疑 excluded)."""
        return (f for f in self.findings if f.severity == severity and f.doubt is None)

    def doubts(self) -> list[Finding]:
        """解析存疑: findings on cells not read with certainty (listed apart)."""
        return [f for f in self.findings if f.doubt is not None]

    def summary(self) -> dict[str, int]:
        """Counts: document findings by severity, and 解析存疑 apart."""
        return summarize(self.findings)


def summarize(findings: Iterable[Finding]) -> dict[str, int]:
    """Counts of findings: error/warning/info about the document, `doubt` apart."""
    counts = {"error": 0, "warning": 0, "info": 0, "doubt": 0}
    for finding in findings:
        counts["doubt" if finding.doubt is not None else finding.severity] += 1
    return counts


def check(
    document: Document, disabled: Iterable[str] = (), settings: Settings | None = None
) -> Report:
    """Run every enabled rule over a parsed document (thresholds from `settings`)."""
    skip = set(disabled)
    report = Report()
    from cnbudget.validate.common import end_run, start_run

    token = _settings.use(settings or _settings.DEFAULT)
    run = start_run()
    try:
        for item in all_rules():
            if item.id in skip:
                report.not_run[item.id] = "已停用"
                continue
            try:
                report.findings.extend(item.function(document))
            except NotApplicable as reason:
                report.not_run[item.id] = str(reason)
                continue
            report.ran.append(item.id)
    finally:
        report.evaluated = end_run(run)
        _settings.reset(token)
    from cnbudget.validate.trust import annotate

    report.findings = blame(annotate(document, report.findings, settings or _settings.DEFAULT))
    return report


def blame(findings: list[Finding]) -> list[Finding]:
    """Point each error at the cell most likely wrong.

    A wrong number breaks every identity it is part of (its row and its column), so
    the cell shared by the most violated identities is the suspect, when it is the
    only one with that count and takes part in at least two.
    """
    counts: dict[tuple[str, str, str], int] = {}
    for finding in findings:
        if finding.severity == "error":
            for cell in finding.cells:
                counts[cell] = counts.get(cell, 0) + 1
    result = []
    for finding in findings:
        if finding.severity != "error" or not finding.cells:
            result.append(finding)
            continue
        best = max(counts.get(c, 0) for c in finding.cells)
        top = [c for c in finding.cells if counts.get(c, 0) == best]
        if best >= 2 and len(top) == 1:
            finding = replace(finding, suspect=top[0])
        result.append(finding)
    return result
