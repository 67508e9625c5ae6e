"""The state of ``newsledger watch`` kept in the ledger (issue 21): the sources it polls
(validators, schedule, backoff, lease) and the items it has taken, so that a restart, a
crash or a second watcher neither loses nor repeats an article.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    present = set(sa.inspect(op.get_bind()).get_table_names())
    if "watch_sources" not in present:  # SQLite commits DDL at once: a rerun skips it
        op.create_table(
            "watch_sources",
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("url", sa.String(2000), nullable=False, unique=True),
            sa.Column("kind", sa.String(16)),
            sa.Column("every_s", sa.Float(), nullable=False),
            sa.Column("etag", sa.String(500)),
            sa.Column("last_modified", sa.String(100)),
            sa.Column("last_poll", sa.String(40)),
            sa.Column("next_poll", sa.String(40)),
            sa.Column("last_status", sa.String(40)),
            sa.Column("last_error", sa.Text()),
            sa.Column("failures", sa.Integer(), nullable=False),
            sa.Column("last_article", sa.String(40)),
            sa.Column("articles", sa.Integer(), nullable=False),
            sa.Column("requests", sa.Integer(), nullable=False),
            sa.Column("lease_until", sa.String(40)),
            sa.Column("lease_owner", sa.String(64)),
        )
        op.create_index("ix_watch_sources_next_poll", "watch_sources", ["next_poll"])
    if "watch_items" not in present:
        op.create_table(
            "watch_items",
            sa.Column("source_id", sa.Integer(),
                      sa.ForeignKey("watch_sources.id", ondelete="CASCADE"), primary_key=True),
            sa.Column("key", sa.String(64), primary_key=True),
            sa.Column("version", sa.String(100)),
            sa.Column("seen", sa.String(40), nullable=False),
        )


def downgrade() -> None:
    op.drop_table("watch_items")
    op.drop_index("ix_watch_sources_next_poll", "watch_sources")
    op.drop_table("watch_sources")
