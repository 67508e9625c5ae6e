"""Each event's evidence sentence beside its offsets, and places' second-level division (the
analyst's view of issue 19: every event row carries its evidence; ACLED's admin2).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


# As 0007: plain ADD COLUMN, each only if missing (SQLite commits DDL at once).
def _add(table: str, column: sa.Column[str]) -> None:
    present = {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}
    if column.name not in present:
        op.add_column(table, column)


def upgrade() -> None:
    _add("events", sa.Column("evidence", sa.Text()))
    _add("places", sa.Column("admin2", sa.String(300)))
    # the sentences of events stored before: cut from their documents' bodies (Python's
    # offsets count code points, as SQLite's and PostgreSQL's substr do)
    op.execute(
        "UPDATE events SET evidence = substr((SELECT body FROM documents "
        "WHERE documents.id = events.document_id), evidence_start + 1, "
        "evidence_end - evidence_start) WHERE evidence IS NULL")


def downgrade() -> None:
    op.drop_column("places", "admin2")
    op.drop_column("events", "evidence")
