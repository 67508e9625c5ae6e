"""Name filters of the ledger's queries, as statements: the stored names (the small
``names`` table) that hold a user's value as a substring or as whole words, and the documents
of an outlet so named. Part of the ledger's SQL (``database`` runs them); values are always
bound, and LIKE's wildcards in them escaped."""

from __future__ import annotations

from sqlalchemy import Select, or_, select

from newsledger.store.models import StoredDocument, StoredName, name_key


def _escaped(value: str) -> str:
    """``value`` lower-cased, with LIKE's wildcards escaped."""
    return value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _like(value: str) -> str:
    return f"%{_escaped(value)}%"


def names_holding(value: str) -> Select[str]:
    """The stored names whose key contains ``value``'s key."""
    return select(StoredName.name).where(
        StoredName.key.like(_like(name_key(value)), escape="\\"))


def words_holding(value: str) -> Select[str]:
    """The stored names whose key holds ``value``'s key as whole words."""
    key = _escaped(name_key(value))
    return select(StoredName.name).where(or_(
        StoredName.key == name_key(value),
        StoredName.key.like(f"{key} %", escape="\\"),
        StoredName.key.like(f"% {key}", escape="\\"),
        StoredName.key.like(f"% {key} %", escape="\\")))


def published_by(outlet: str) -> Select[int]:
    """The documents whose outlet's name contains ``outlet`` (as ``names_holding``)."""
    return select(StoredDocument.id).where(StoredDocument.outlet.in_(names_holding(outlet)))
