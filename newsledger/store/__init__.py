"""The ledger: analysed news stored in SQLite (default) or PostgreSQL, and queried.

``Ledger`` (``database``) is the one way in; all SQL stays in this package: ``models`` are the
tables, ``rows`` turns a record into them, ``query_filters`` narrows queries to a user's
filters, ``story_store`` keeps the stories, ``ledger_writer`` runs pages through the
pipeline (``Analyzer.run``) into the ledger in batches, and the schema is created and
upgraded by the Alembic migrations in ``migrations``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsledger.store.ledger_url import DEFAULT_URL, database_url

if TYPE_CHECKING:
    from newsledger.store.database import Ledger
    from newsledger.store.results import (
        ClaimRow,
        DocumentRow,
        EventRow,
        Filters,
        PlaceCount,
        SearchHit,
    )

# The names below are imported on first use (PEP 562): a command that only prints its help,
# or reads settings, does not pay for SQLAlchemy, Alembic and the stories stage.
_HOMES = {"Ledger": "database", "ClaimRow": "results",
          "DocumentRow": "results", "EventRow": "results", "Filters": "results",
          "PlaceCount": "results", "SearchHit": "results"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'newsledger.store' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"newsledger.store.{home}"), name)


__all__ = ["DEFAULT_URL", "ClaimRow", "DocumentRow", "EventRow", "Filters", "Ledger",
           "PlaceCount", "SearchHit", "database_url"]
