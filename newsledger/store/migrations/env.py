"""Alembic environment of the ledger: runs on the connection ``Ledger.open`` hands over.

The migrations ship inside the package and are run programmatically
(``newsledger.store.migrate.upgrade``); ``alembic`` on the command line works too, with
``-x url=...`` or a ``sqlalchemy.url`` in an ini file.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from newsledger.store.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url")
    if url is None:
        raise SystemExit("give the ledger's URL: alembic -x url=sqlite:///newsledger.db ...")
    engine = create_engine(url)
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=target_metadata,
                          render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run_migrations()
