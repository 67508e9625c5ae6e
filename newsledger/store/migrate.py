"""The ledger's schema brought to the latest migration shipped with the package (Alembic),
and read without Alembic when it is there already (a read command's start-up)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

MIGRATIONS = Path(__file__).parent / "migrations"


def upgrade(engine: Engine) -> None:
    """Create the schema or bring it to the latest migration shipped with the package, all
    or nothing: on SQLite the driver runs DDL outside any transaction unless one is begun
    by hand, and a process killed halfway through the first migrations left tables without
    the version that says so (the next open failed on "table documents already exists")."""
    if _at_head(engine):
        return  # nothing to do: Alembic is not even loaded (a third of a read's start-up)
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # DDL too; committed at the end
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def head_revision() -> str:
    """The latest migration shipped with the package (its files are ``NNNN_name.py``)."""
    return max(p.name[:4] for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))


def _at_head(engine: Engine) -> bool:
    """Whether the ledger's schema is the latest one (read without Alembic)."""
    try:
        with engine.connect() as connection:
            found = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except SQLAlchemyError:
        return False  # a new ledger, or one made before versions were kept
    return [row[0] for row in found] == [head_revision()]
