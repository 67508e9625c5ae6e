"""Where a ledger lives: the default URL and the reading of a path or URL given by a user
(no SQLAlchemy here, so that the CLI's help and settings stay cheap to import)."""

from __future__ import annotations

from pathlib import Path

DEFAULT_URL = "sqlite:///newsledger.db"  # a SQLite file in the current folder


def database_url(url_or_path: str) -> str:
    """A SQLAlchemy URL: a plain path means a SQLite file, and ``postgresql://`` uses
    psycopg 3."""
    if "://" not in url_or_path:
        return f"sqlite:///{Path(url_or_path).expanduser()}"
    if url_or_path.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url_or_path.split("://", 1)[1]
    return url_or_path
