"""`cnbudget correct`: correct a stored document's year, department, region, kind or scope."""

from __future__ import annotations

import click

from cnbudget.store.cli import db_option, fail, open_store


@click.command()
@click.argument("doc")
@db_option
@click.option("--year", default=None, help="年度（四位数字）")
@click.option("--department", default=None, help="单位名称")
@click.option("--region", default=None, help="地区（如 河北省唐山市）")
@click.option("--kind", default=None, type=click.Choice(["预算", "决算"]), help="预算或决算")
@click.option("--scope", default=None, type=click.Choice(["部门", "单位"]), help="部门或单位")
@click.option("--reviewer", default=None, help="核查人（可选，记入更正记录）")
@click.option("--show", "only_show", is_flag=True, help="只列出已有的更正记录")
def correct(
    doc: str,
    db: str | None,
    year: str | None,
    department: str | None,
    region: str | None,
    kind: str | None,
    scope: str | None,
    reviewer: str | None,
    only_show: bool,
) -> None:
    """更正一份已入库文档识别出的年度、单位、地区、预算/决算、部门/单位（DOC 为编号或前缀）。

    更正与原值、时间、核查人一起保存；列表、比较、导出都使用更正后的值；同一文件重新入库后
    更正仍然有效。
    """
    from cnbudget.store import StoreError
    from cnbudget.store.corrections import CorrectionError, corrections
    from cnbudget.store.corrections import correct as record

    given = {"year": year, "department": department, "region": region, "kind": kind}
    changes = {k: v for k, v in {**given, "scope": scope}.items() if v is not None}
    if not changes and not only_show:
        fail("请至少给出一项更正（--year、--department、--region、--kind、--scope）")
    with open_store(db) as store:
        try:
            doc_id = store.resolve(doc)
            made = [] if only_show else record(store, doc_id, changes, reviewer)
            kept = corrections(store, doc_id)
        except (StoreError, CorrectionError) as exc:
            fail(str(exc))
    if not only_show:
        click.echo(
            f"文档 {doc_id}：更正 {len(made)} 项" + ("（与现值相同，未改动）" if not made else "")
        )
    for item in kept:
        who = f"，核查人 {item.reviewer}" if item.reviewer else ""
        when = item.corrected_at.strftime("%Y-%m-%d %H:%M")
        click.echo(f"  {item.name}：{item.original or '（未识别）'} → {item.value}（{when}{who}）")
