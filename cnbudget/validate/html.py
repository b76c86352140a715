"""A self-contained HTML report of validation runs (inline style, no external assets)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from cnbudget.model import Document
from cnbudget.validate.common import fmt, number_label
from cnbudget.validate.labels import column
from cnbudget.validate.registry import DOUBT_LEGEND, Finding, Report, all_rules
from cnbudget.vocabulary.tables import TABLE_NAMES

SEVERITIES = (("error", "错误"), ("warning", "警告"), ("info", "提示"))

_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:2em;
color:#222;line-height:1.5}
h1{font-size:1.5em}h2{font-size:1.25em;border-bottom:2px solid #ccc;padding-bottom:.2em}
h3{font-size:1.05em;margin-top:1.2em}
table{border-collapse:collapse;margin:.4em 0 1em;width:100%}
th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#f3f3f3}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.error h3{color:#b00020}.warning h3{color:#a05a00}.info h3{color:#205080}
.tag{display:inline-block;padding:0 .4em;border-radius:3px;font-size:.85em;color:#fff}
.tag.error{background:#b00020}.tag.warning{background:#c77700}.tag.info{background:#3a6ea5}
.tag.doubt{background:#777}.doubt h3{color:#555}
.evidence{color:#555;font-size:.9em;white-space:pre-wrap}
.suspect{background:#fff3c4}
details{margin:.5em 0}
.small{color:#666;font-size:.9em}
"""


def _numbers(numbers: dict[str, Decimal]) -> str:
    if not numbers:
        return ""
    head = "".join(f"<th>{escape(number_label(k))}</th>" for k in numbers)
    body = "".join(f'<td class="num">{escape(fmt(v))}</td>' for v in numbers.values())
    return f'<table class="numbers"><tr>{head}</tr><tr>{body}</tr></table>'


def _where(finding: Finding) -> str:
    parts = []
    if finding.table:
        parts.append(TABLE_NAMES.get(finding.table, finding.table))
    if finding.row:
        parts.append(f"行 {finding.row}")
    if finding.column:
        parts.append(f"列“{column(finding.column)}”")
    if finding.line:
        parts.append(f"第 {finding.line} 行")
    if finding.page is not None:
        parts.append(f"第 {finding.page} 页")
    return escape("，".join(parts))


def _findings(findings: Sequence[Finding], severity: str, name: str, legend: str = "") -> str:
    if not findings:
        return ""
    rows = []
    for f in findings:
        suspect = ""
        if f.suspect:
            table, row, key = f.suspect
            suspect = (
                f'<div class="suspect">最可能有误：{escape(TABLE_NAMES.get(table, table))} '
                f"{escape(row)} 行“{escape(column(key))}”列</div>"
            )
        doubt = f'<div class="small">存疑原因：{escape(f.doubt)}</div>' if f.doubt else ""
        evidence = f'<div class="evidence">{escape(f.evidence)}</div>' if f.evidence else ""
        rows.append(
            f"<tr><td><code>{escape(f.rule)}</code></td><td>{_where(f)}</td>"
            f"<td>{escape(f.message)}{suspect}{doubt}{evidence}</td>"
            f"<td>{_numbers(f.numbers)}</td></tr>"
        )
    note = f'<p class="small">{escape(legend)}</p>' if legend else ""
    return (
        f'<section class="{severity}"><h3><span class="tag {severity}">{name}</span> '
        f"{len(findings)} 项</h3>{note}<table><tr><th>规则</th><th>位置</th><th>说明与原文</th>"
        f"<th>涉及的数字</th></tr>{''.join(rows)}</table></section>"
    )


def _document(document: Document, report: Report) -> str:
    titles = {r.id: r.title for r in all_rules()}
    meta = document.metadata
    head = (
        f"<h2>{escape(meta.department or '未识别单位')}"
        f"（{escape(str(meta.year or ''))}年{escape(meta.scope or '')}{escape(meta.kind)}）</h2>"
        f'<p class="small">文件：{escape(document.source)}，编号 {escape(document.id)}</p>'
    )
    summary = report.summary()
    counts = "，".join(
        f"{name} {summary[key]}" for key, name in (*SEVERITIES, ("doubt", "解析存疑"))
    )
    parts = [head, f"<p>{escape(counts)}</p>"]
    for key, name in SEVERITIES:
        parts.append(_findings(list(report.by_severity(key)), key, name))  # type: ignore[arg-type]
    parts.append(_findings(report.doubts(), "doubt", "解析存疑", DOUBT_LEGEND))
    if not report.findings:
        parts.append("<p>未发现问题。</p>")
    ran = "、".join(f"{escape(r)}（{escape(titles.get(r, ''))}）" for r in report.ran)
    not_run = "".join(
        f"<li><code>{escape(r)}</code>：{escape(reason)}</li>"
        for r, reason in report.not_run.items()
    )
    parts.append(
        f"<details><summary>已运行 {len(report.ran)} 条规则，未运行 {len(report.not_run)} 条"
        f"</summary><p>{ran}</p><ul>{not_run}</ul></details>"
    )
    return f"<article>{''.join(parts)}</article>"


def render(results: Sequence[tuple[Document, Report]]) -> str:
    """One HTML page for the checked documents; every document text is escaped."""
    body = "".join(_document(document, report) for document, report in results)
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>预算公开核查报告</title><style>{_STYLE}</style></head>"
        f"<body><h1>预算公开核查报告</h1>{body}</body></html>\n"
    )
