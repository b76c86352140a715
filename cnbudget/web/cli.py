"""`cnbudget serve`: start the web UI (127.0.0.1 unless told otherwise)."""

from __future__ import annotations

import sys

import click


@click.command(name="serve")
@click.option(
    "--db",
    "db",
    default=None,
    help="数据库地址（SQLite 文件路径或 postgresql:// URL；默认同 ingest）",
)
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="监听地址（默认只允许本机访问）"
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="端口")
@click.option("--no-db", is_flag=True, help="不连接数据库，只提供上传核查")
def serve(db: str | None, host: str, port: int, no_db: bool) -> None:
    """启动网页界面：文件列表、文件查看、上传核查、跨文件比较和 JSON 接口。"""
    import uvicorn

    from cnbudget.web import create_app
    from cnbudget.web.store import open_library

    library = None
    if not no_db:
        try:
            library = open_library(db)
        except Exception as exc:  # an unusable database must give one clear line
            click.echo(
                f"错误：{db or '默认数据库'}：无法打开数据库（{type(exc).__name__}: {exc}）",
                err=True,
            )
            sys.exit(2)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"注意：正在监听 {host}，其他机器也可以访问本服务。", err=True)
    click.echo(f"cnbudget 网页界面：http://{host}:{port}/  （Ctrl+C 停止）")
    # SIGTERM: stop within seconds; running uploads are cancelled and their workers killed
    uvicorn.run(
        create_app(library),
        host=host,
        port=port,
        log_level="warning",
        timeout_graceful_shutdown=5,
    )
