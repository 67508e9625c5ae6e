"""Full-text search statements of the ledger: FTS5 on SQLite, ``tsvector`` on PostgreSQL.

Part of the ledger's SQL (``database`` runs them). A user's words are bound parameters; on
SQLite they become a query of quoted terms first (``fts5_query``), so no FTS5 syntax gets
through.
"""

from __future__ import annotations

import re

from sqlalchemy import text


def fts5_query(words: str) -> str:
    """A user's words as an FTS5 query of quoted terms (all must occur): no operators,
    so no query syntax can be injected."""
    return " ".join(f'"{w}"' for w in re.findall(r"\w+", words))


# The best ``limit`` rows are found by rank (bm25) first and the snippets made for those
# alone: with the snippet in the ranked query itself SQLite made one for every match before
# sorting (584 ms instead of 29 for a word in 12,000 of 35,000 articles).
SQLITE_SEARCH_DOCUMENTS = text(
    "SELECT d.record_id, NULL AS claim, d.title, d.outlet, "
    "snippet(documents_fts, 1, '[', ']', '…', 16) AS snippet "
    "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
    "WHERE documents_fts MATCH :q AND documents_fts.rowid IN ("
    "SELECT rowid FROM documents_fts WHERE documents_fts MATCH :q "
    "ORDER BY rank, rowid LIMIT :limit) "
    "ORDER BY rank, d.id")
SQLITE_SEARCH_CLAIMS = text(
    "SELECT d.record_id, c.local_id AS claim, d.title, d.outlet, "
    "snippet(claims_fts, 0, '[', ']', '…', 16) AS snippet "
    "FROM claims_fts JOIN claims c ON c.id = claims_fts.rowid "
    "JOIN documents d ON d.id = c.document_id "
    "WHERE claims_fts MATCH :q AND claims_fts.rowid IN ("
    "SELECT rowid FROM claims_fts WHERE claims_fts MATCH :q "
    "ORDER BY rank, rowid LIMIT :limit) "
    "ORDER BY rank, c.id")
PG_SEARCH_DOCUMENTS = text(
    "SELECT d.record_id, NULL AS claim, d.title, d.outlet, ts_headline('english', d.body, q, "
    "'StartSel=[, StopSel=], MaxWords=20, MinWords=8') AS snippet "
    "FROM documents d, plainto_tsquery('english', :q) q "
    "WHERE to_tsvector('english', coalesce(d.title, '') || ' ' || d.body) @@ q "
    "ORDER BY ts_rank(to_tsvector('english', coalesce(d.title, '') || ' ' || d.body), q) "
    "DESC, d.id LIMIT :limit")
PG_SEARCH_CLAIMS = text(
    "SELECT d.record_id, c.local_id AS claim, d.title, d.outlet, ts_headline('english', "
    "c.content, q, 'StartSel=[, StopSel=], MaxWords=20, MinWords=8') AS snippet "
    "FROM claims c JOIN documents d ON d.id = c.document_id, "
    "plainto_tsquery('english', :q) q "
    "WHERE to_tsvector('english', c.content) @@ q "
    "ORDER BY ts_rank(to_tsvector('english', c.content), q) DESC, c.id LIMIT :limit")
