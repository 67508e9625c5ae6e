"""The ledger's first schema: documents and their analysis rows, rejections, full text.

SQLite gets FTS5 external-content tables over document titles and bodies and over claim
contents, kept in sync by triggers in the writing transaction; PostgreSQL gets GIN indexes
on ``to_tsvector('english', ...)`` of the same columns.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

CASCADE = "CASCADE"
VERSION = sa.String(40)


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True)


def _parent(name: str, table: str, nullable: bool = False, index: bool = True
            ) -> sa.Column[int]:
    return sa.Column(name, sa.Integer, sa.ForeignKey(f"{table}.id", ondelete=CASCADE),
                     nullable=nullable, index=index)


def upgrade() -> None:
    _documents()
    _analysis_tables()
    op.create_table(
        "rejections", _id(),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("reason", sa.String(40), nullable=False, index=True),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("pipeline_version", VERSION, nullable=False),
        sa.Column("rejected_at", sa.DateTime(timezone=True), nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_full_text()
    elif op.get_bind().dialect.name == "postgresql":
        _postgres_full_text()


def _documents() -> None:
    op.create_table(
        "documents", _id(),
        sa.Column("key", sa.String(64), nullable=False, unique=True),
        sa.Column("record_id", sa.String(64), nullable=False, index=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.String(300), index=True),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(40), index=True),
        sa.Column("authors", sa.JSON, nullable=False),
        sa.Column("dateline", sa.String(300)),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("duplicate_of", sa.String(64)),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("record", sa.Text, nullable=False),
        sa.Column("pipeline_version", VERSION, nullable=False),
        sa.Column("analysed_at", sa.DateTime(timezone=True), nullable=False),
    )


def _analysis_tables() -> None:
    op.create_table(
        "entities", _id(), _parent("document_id", "documents"),
        sa.Column("local_id", sa.String(16), nullable=False),
        sa.Column("name", sa.String(500), nullable=False, index=True),
        sa.Column("type", sa.String(10), nullable=False),
        sa.Column("aliases", sa.JSON, nullable=False),
        sa.Column("role", sa.String(200)),
        sa.Column("affiliation", sa.String(16)),
        sa.Column("kb_id", sa.String(200), index=True),
        sa.Column("pipeline_version", VERSION, nullable=False),
    )
    op.create_table(
        "mentions", _id(), _parent("entity_id", "entities"),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_table(
        "places", _id(), _parent("document_id", "documents"),
        sa.Column("local_id", sa.String(16), nullable=False),
        _parent("entity_id", "entities", nullable=True, index=False),
        sa.Column("name", sa.String(500), nullable=False, index=True),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("lon", sa.Float, nullable=False),
        sa.Column("country", sa.String(2)),
        sa.Column("admin1", sa.String(300)),
        sa.Column("precision", sa.String(10), nullable=False),
        sa.Column("gazetteer_id", sa.String(100), index=True),
        sa.Column("pipeline_version", VERSION, nullable=False),
    )
    _claims_and_events()


def _claims_and_events() -> None:
    op.create_table(
        "claims", _id(), _parent("document_id", "documents"),
        sa.Column("local_id", sa.String(16), nullable=False),
        _parent("speaker_id", "entities", nullable=True),
        sa.Column("speaker_text", sa.Text),
        sa.Column("cue", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        _parent("via_id", "entities", nullable=True, index=False),
        sa.Column("hedged", sa.Boolean, nullable=False),
        sa.Column("pipeline_version", VERSION, nullable=False),
    )
    op.create_table(
        "events", _id(), _parent("document_id", "documents"),
        sa.Column("local_id", sa.String(16), nullable=False),
        sa.Column("type", sa.String(40), nullable=False, index=True),
        sa.Column("plover", sa.String(20), nullable=False),
        _parent("place_id", "places", nullable=True, index=False),
        sa.Column("lat", sa.Float), sa.Column("lon", sa.Float),
        sa.Column("time_start", sa.String(40)), sa.Column("time_end", sa.String(40)),
        sa.Column("time_text", sa.Text),
        _parent("claim_id", "claims", nullable=True, index=False),
        sa.Column("evidence_start", sa.Integer, nullable=False),
        sa.Column("evidence_end", sa.Integer, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("pipeline_version", VERSION, nullable=False),
    )
    op.create_index("ix_events_lat_lon", "events", ["lat", "lon"])
    op.create_index("ix_events_time", "events", ["time_start", "time_end"])
    op.create_table(
        "event_parties",
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete=CASCADE),
                  primary_key=True),
        sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete=CASCADE),
                  primary_key=True, index=True),
        sa.Column("role", sa.String(8), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "figures", _id(), _parent("event_id", "events"),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("count", sa.Integer), sa.Column("low", sa.Integer),
        sa.Column("high", sa.Integer),
        sa.Column("text", sa.Text, nullable=False),
        _parent("side_id", "entities", nullable=True, index=False),
        _parent("claim_id", "claims", nullable=True, index=False),
        sa.Column("pipeline_version", VERSION, nullable=False),
    )


_SQLITE_FTS = (
    "CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, content='documents', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO documents_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE VIRTUAL TABLE claims_fts USING fts5(content, content='claims', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN "
    "INSERT INTO claims_fts(rowid, content) VALUES (new.id, new.content); END",
    "CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, content) VALUES ('delete', old.id, old.content);"
    " END",
    "CREATE TRIGGER claims_fts_update AFTER UPDATE ON claims BEGIN "
    "INSERT INTO claims_fts(claims_fts, rowid, content) VALUES ('delete', old.id, old.content);"
    " INSERT INTO claims_fts(rowid, content) VALUES (new.id, new.content); END",
)


def _sqlite_full_text() -> None:
    for statement in _SQLITE_FTS:
        op.execute(statement)


def _postgres_full_text() -> None:
    op.execute("CREATE INDEX ix_documents_fts ON documents USING GIN "
               "(to_tsvector('english', coalesce(title, '') || ' ' || body))")
    op.execute("CREATE INDEX ix_claims_fts ON claims USING GIN "
               "(to_tsvector('english', content))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("documents_fts", "claims_fts"):
            op.execute(f"DROP TABLE IF EXISTS {name}")
    for table in ("figures", "event_parties", "events", "claims", "places", "mentions",
                  "entities", "rejections", "documents"):
        op.drop_table(table)
