"""Database location (default path, `--db`, `CNBUDGET_DB`), engines and schema migrations."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url

ENV_VAR = "CNBUDGET_DB"
# any fixed 64-bit number: the PostgreSQL advisory lock taken while migrating
_MIGRATION_LOCK = 0x636E627564676574


def default_path() -> Path:
    """`$XDG_DATA_HOME/cnbudget/cnbudget.db` (default `~/.local/share/cnbudget/cnbudget.db`)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "cnbudget" / "cnbudget.db"


def resolve_url(url: str | None = None) -> URL:
    """The database URL: the argument, else `CNBUDGET_DB`, else the default SQLite file.

    A plain path means an SQLite file; `postgresql://` uses the psycopg 3 driver.
    """
    raw = url or os.environ.get(ENV_VAR) or str(default_path())
    if "://" not in raw:
        path = Path(raw).expanduser()
        return URL.create("sqlite", database=str(path))
    parsed = make_url(raw)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def is_sqlite(url: URL) -> bool:
    return url.get_backend_name() == "sqlite"


def create(url: URL) -> Engine:
    """An engine; SQLite gets WAL, a busy timeout, foreign keys and real transactions."""
    if not is_sqlite(url):
        return create_engine(url, pool_pre_ping=True)
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        # let SQLAlchemy, not pysqlite, decide when transactions begin (see `_begin`)
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=60000")
        _use_wal(cursor)
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB: index pages of a large store
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        # writers take the write lock at BEGIN, so two writers never deadlock on upgrade
        writer = connection.get_execution_options().get("cnbudget_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")

    return engine


def _use_wal(cursor: Any, attempts: int = 200) -> None:
    """Switch a new database file to WAL (persistent), retrying while another opener holds it.

    Changing the journal mode needs an exclusive lock and SQLite may refuse it at once
    ("database is locked") without waiting for the busy timeout, e.g. when two processes
    create the same database together; the mode is kept in the file, so it is set only once.
    """
    for attempt in range(attempts):
        try:
            if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.05)


def writer(engine: Engine) -> Engine:
    """The same engine, marked so that its transactions take the write lock at once."""
    return engine.execution_options(cnbudget_write=True)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", "cnbudget.store:migrations")
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the schema, holding a lock so concurrent openers migrate only once."""
    config = alembic_config()
    with writer(engine).begin() as connection:
        if not is_sqlite(engine.url):
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
