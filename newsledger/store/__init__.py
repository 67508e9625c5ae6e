"""The ledger: analysed news stored in SQLite (default) or PostgreSQL, and queried.

``Ledger`` (``database``) owns every SQL statement; ``models`` are the tables, ``rows`` turns
a record into them, ``ingest`` runs pages through the pipeline into the ledger in batches,
and the schema is created and upgraded by the Alembic migrations in ``migrations``.
"""

from __future__ import annotations

from newsledger.store.database import DEFAULT_URL, Ledger, database_url
from newsledger.store.results import (
    ClaimRow,
    DocumentRow,
    EventRow,
    Filters,
    PlaceCount,
    SearchHit,
)

__all__ = ["DEFAULT_URL", "ClaimRow", "DocumentRow", "EventRow", "Filters", "Ledger",
           "PlaceCount", "SearchHit", "database_url"]
