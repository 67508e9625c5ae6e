"""Stories kept in the ledger: grouped when documents are written (``Ledger.refresh_stories``)
instead of on every request, and the span of days written since the last grouping.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a ledger from before this migration has no stories yet: all of it is to be grouped
    with op.batch_alter_table("ledger_state") as batch:
        batch.add_column(sa.Column("stale", sa.Integer, nullable=False, server_default="1"))
        batch.add_column(sa.Column("stale_low", sa.String(40)))
        batch.add_column(sa.Column("stale_high", sa.String(40)))
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(16), nullable=False),
        sa.Column("first_day", sa.String(40)),
        sa.Column("last_day", sa.String(40)),
        sa.Column("reports", sa.Integer, nullable=False),
        sa.Column("body", sa.Text, nullable=False))
    op.create_index("ix_stories_key", "stories", ["key"])
    op.create_index("ix_stories_first_day", "stories", ["first_day"])
    op.create_table(
        "story_events",
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"),
                  nullable=False))
    op.create_index("ix_story_events_story_id", "story_events", ["story_id"])


def downgrade() -> None:
    op.drop_table("story_events")
    op.drop_table("stories")
    with op.batch_alter_table("ledger_state") as batch:
        batch.drop_column("stale_high")
        batch.drop_column("stale_low")
        batch.drop_column("stale")
