"""Outlets in the name table, and an index on the relaying source of claims.

The outlet filter becomes a look-up like the other name filters: the outlet names whose key
contains the words, then their documents through ``ix_documents_outlet``, instead of a scan
of the events joined to their (large) documents. ``claims --outlet`` also matches the
source a claim was relayed by (``via_id``), now indexed.

Revision ID: 0004
Revises: 0003
Create Date: 2025-01-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql, sqlite

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

NAME_LENGTH = 500


def name_key(name: str) -> str:  # as newsledger.store.models.name_key, frozen here
    return " ".join(name.split()).casefold()


def upgrade() -> None:
    bind = op.get_bind()
    names = sa.table("names", sa.column("name", sa.String), sa.column("key", sa.String))
    outlets = bind.execute(sa.text(
        "SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL"))
    rows = [{"name": o, "key": name_key(o)} for (o,) in outlets if o and len(o) <= NAME_LENGTH]
    insert = postgresql.insert if bind.dialect.name == "postgresql" else sqlite.insert
    for start in range(0, len(rows), 10_000):
        bind.execute(insert(names).on_conflict_do_nothing(), rows[start:start + 10_000])
    op.create_index("ix_claims_via_id", "claims", ["via_id"])


def downgrade() -> None:
    op.drop_index("ix_claims_via_id", "claims")  # outlet names stay: they are names
