"""Indexes for the name, place, speaker and bounding-box filters on large ledgers.

* ``names``: every distinct name stored (entity names, place names and admin1, claims'
  speaker texts) with its search key, filled here from the stored rows; the name filters
  scan it for the substring and look the matching names up in the indexes below.
* Indexes on ``places.admin1``, ``places.country``, ``claims.speaker_text`` (a hash index
  on PostgreSQL, whose b-tree entries are limited in size), ``events.place_id``,
  ``events.claim_id`` and ``figures.claim_id``: the joins from a name to its events.
* SQLite: an R*Tree (``events_rtree``) over the events' coordinates, kept in sync by
  triggers in the writing transaction, so a bounding box is a tree search instead of a scan
  of the events in id order. PostgreSQL plans a bounding box on ``ix_events_lat_lon`` with
  its own statistics.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02
"""

from __future__ import annotations

from collections.abc import Iterator

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql, sqlite

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

NAME_LENGTH = 500
_INDEXES = (
    ("ix_places_admin1", "places", "admin1"),
    ("ix_places_country", "places", "country"),
    ("ix_events_place_id", "events", "place_id"),
    ("ix_events_claim_id", "events", "claim_id"),
    ("ix_figures_claim_id", "figures", "claim_id"),
)
_SQLITE_RTREE = (
    "CREATE VIRTUAL TABLE events_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat)",
    "CREATE TRIGGER events_rtree_insert AFTER INSERT ON events "
    "WHEN new.lat IS NOT NULL AND new.lon IS NOT NULL BEGIN "
    "INSERT INTO events_rtree VALUES (new.id, new.lon, new.lon, new.lat, new.lat); END",
    "CREATE TRIGGER events_rtree_delete AFTER DELETE ON events BEGIN "
    "DELETE FROM events_rtree WHERE id = old.id; END",
    "CREATE TRIGGER events_rtree_update AFTER UPDATE OF id, lat, lon ON events BEGIN "
    "DELETE FROM events_rtree WHERE id = old.id; "
    "INSERT INTO events_rtree SELECT new.id, new.lon, new.lon, new.lat, new.lat "
    "WHERE new.lat IS NOT NULL AND new.lon IS NOT NULL; END",
    "INSERT INTO events_rtree SELECT id, lon, lon, lat, lat FROM events "
    "WHERE lat IS NOT NULL AND lon IS NOT NULL",
)


def name_key(name: str) -> str:  # as newsledger.store.models.name_key, frozen here
    return " ".join(name.split()).casefold()


def upgrade() -> None:
    names = op.create_table(
        "names",
        sa.Column("name", sa.String(NAME_LENGTH), primary_key=True),
        sa.Column("key", sa.String(NAME_LENGTH), nullable=False),
    )
    _fill_names(names)
    for name, table, column in _INDEXES:
        op.create_index(name, table, [column])
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.create_index("ix_claims_speaker_text", "claims", ["speaker_text"],
                        postgresql_using="hash")
    else:
        op.create_index("ix_claims_speaker_text", "claims", ["speaker_text"])
    if dialect == "sqlite":
        for statement in _SQLITE_RTREE:
            op.execute(statement)


def _stored_names() -> Iterator[str]:
    bind = op.get_bind()
    for table, column in (("entities", "name"), ("places", "name"), ("places", "admin1"),
                          ("claims", "speaker_text")):
        result = bind.execute(sa.text(f"SELECT DISTINCT {column} FROM {table} "
                                      f"WHERE {column} IS NOT NULL"))
        for (value,) in result:
            if value and len(value) <= NAME_LENGTH:
                yield value


def _fill_names(names: sa.Table) -> None:
    bind = op.get_bind()
    dialect_insert = postgresql.insert if bind.dialect.name == "postgresql" else sqlite.insert
    statement = dialect_insert(names).on_conflict_do_nothing()
    rows = [{"name": n, "key": name_key(n)} for n in sorted(set(_stored_names()))]
    for start in range(0, len(rows), 10_000):
        bind.execute(statement, rows[start:start + 10_000])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS events_rtree_{trigger}")
        op.execute("DROP TABLE IF EXISTS events_rtree")
    op.drop_index("ix_claims_speaker_text", "claims")
    for name, table, _column in _INDEXES:
        op.drop_index(name, table)
    op.drop_table("names")
