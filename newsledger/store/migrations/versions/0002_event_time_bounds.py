"""Event time bounds for indexed time filters: ``time_low`` and ``time_high`` are the window's
start and end with a missing one taken from the other (an event known only to have ended by
a day still falls in a filter on that day), each indexed, and filled for the rows already
stored.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("time_low", sa.String(40), nullable=True))
        batch.add_column(sa.Column("time_high", sa.String(40), nullable=True))
    events = sa.table("events", *(sa.column(name, sa.String) for name in (
        "time_start", "time_end", "time_low", "time_high")))
    op.execute(events.update().values(
        time_low=sa.func.coalesce(events.c.time_start, events.c.time_end),
        time_high=sa.func.coalesce(events.c.time_end, events.c.time_start)))
    op.create_index("ix_events_time_low", "events", ["time_low"])
    op.create_index("ix_events_time_high", "events", ["time_high"])


def downgrade() -> None:
    op.drop_index("ix_events_time_high", table_name="events")
    op.drop_index("ix_events_time_low", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("time_high")
        batch.drop_column("time_low")
