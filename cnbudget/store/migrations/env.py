"""Alembic environment: runs migrations on the connection handed over by the store."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from cnbudget.store.schema import Base

config = context.config


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


given = config.attributes.get("connection")
if given is not None:
    run(given)
else:  # `alembic` command line with sqlalchemy.url set (development only)
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.begin() as connection:
        run(connection)
