"""Event status and time precision, figure scope (contract additions of issue 16).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


# Plain ALTER TABLE ADD / DROP COLUMN, never a batch copy of the table: on SQLite a batch
# drops and recreates ``events``, and with foreign keys on the drop cascades to every row
# that points at an event (parties, figures, claimants). SQLite's driver commits DDL at once,
# outside the migration's transaction, so a run killed between two statements leaves some
# columns added under the old revision: each column is added only if it is missing.


def _add(table: str, column: sa.Column[str]) -> None:
    present = {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}
    if column.name not in present:
        op.add_column(table, column)


def upgrade() -> None:
    _add("events", sa.Column("time_precision", sa.String(8)))
    _add("events", sa.Column("status", sa.String(16), nullable=False,
                             server_default="occurred"))
    _add("figures", sa.Column("scope", sa.String(16), nullable=False,
                              server_default="incident"))


def downgrade() -> None:
    op.drop_column("figures", "scope")
    op.drop_column("events", "status")
    op.drop_column("events", "time_precision")
