"""Names copied next to the links that the actor and speaker filters follow.

A popular name (a government's spokesman, an army) has tens of thousands of rows in a large
ledger; following it entity by entity and claim by claim costs one index search per row.
With the name beside the link, each filter reads one index range instead:

* ``event_parties.name``: the actor or target entity's name, indexed with the event id;
* ``claims.speaker_name``: the speaker entity's name, indexed;
* ``event_claimants(event_id, name)``: who says so for an event, the speaker names and
  speaker texts of its claim and of its figures' claims, indexed by name and event.

All three are filled here from the stored rows; ``rows.document_rows`` writes them with
every new document.

Revision ID: 0003
Revises: 0002
Create Date: 2025-01-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

NAME_LENGTH = 500
_FILL = (
    "UPDATE claims SET speaker_name = (SELECT name FROM entities "
    "WHERE entities.id = claims.speaker_id) WHERE speaker_id IS NOT NULL",
    "UPDATE event_parties SET name = (SELECT name FROM entities "
    "WHERE entities.id = event_parties.entity_id)",
    "INSERT INTO event_claimants (event_id, name) SELECT DISTINCT event_id, name FROM ("
    " SELECT e.id AS event_id, c.speaker_name AS name FROM events e"
    "  JOIN claims c ON c.id = e.claim_id"
    " UNION SELECT e.id, c.speaker_text FROM events e JOIN claims c ON c.id = e.claim_id"
    " UNION SELECT f.event_id, c.speaker_name FROM figures f"
    "  JOIN claims c ON c.id = f.claim_id"
    " UNION SELECT f.event_id, c.speaker_text FROM figures f"
    "  JOIN claims c ON c.id = f.claim_id"
    f") said WHERE name IS NOT NULL AND name <> '' AND length(name) <= {NAME_LENGTH}",
)


def upgrade() -> None:
    op.add_column("claims", sa.Column("speaker_name", sa.String(NAME_LENGTH)))
    op.add_column("event_parties", sa.Column("name", sa.String(NAME_LENGTH)))
    op.create_table(
        "event_claimants",
        sa.Column("event_id", sa.Integer,
                  sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("name", sa.String(NAME_LENGTH), primary_key=True),
    )
    for statement in _FILL:
        op.execute(statement)
    op.create_index("ix_claims_speaker_name", "claims", ["speaker_name"])
    op.create_index("ix_event_parties_name", "event_parties", ["name", "event_id"])
    op.create_index("ix_event_claimants_name", "event_claimants", ["name", "event_id"])


def downgrade() -> None:
    op.drop_index("ix_event_claimants_name", "event_claimants")
    op.drop_table("event_claimants")
    op.drop_index("ix_event_parties_name", "event_parties")
    op.drop_index("ix_claims_speaker_name", "claims")
    # SQLite 3.35+ and PostgreSQL drop a column in place (no table copy under FTS triggers)
    op.execute("ALTER TABLE event_parties DROP COLUMN name")
    op.execute("ALTER TABLE claims DROP COLUMN speaker_name")
