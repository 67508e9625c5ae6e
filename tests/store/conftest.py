"""The ledger's fixtures: every store test runs on SQLite, and on PostgreSQL when
``NEWSLEDGER_TEST_POSTGRES_URL`` names an empty database that the tests may wipe. Under
pytest-xdist each worker wipes a database of its own on that server (``<name>_gw0``, ...)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from newsledger.records import Analysis
from newsledger.store import Ledger
from tests.conftest import DATA, analyse_file

POSTGRES_ENV = "NEWSLEDGER_TEST_POSTGRES_URL"
FLOODS = DATA / "pages" / "wordpress-posted-on.txt"


_WORKER_DATABASES: dict[str, str] = {}


def postgres_url() -> str | None:
    """The PostgreSQL database this test process may wipe, or None when none is set.

    Workers of ``pytest -n`` run at the same time: each gets its own database on the server,
    created on first use, so one worker's wipe never drops the tables another is using."""
    url = os.environ.get(POSTGRES_ENV)
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    if url not in _WORKER_DATABASES:
        base = make_url(url)
        name = f"{base.database}_{worker}"
        engine = create_engine(base, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            found = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                       {"name": name}).first()
            if found is None:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        _WORKER_DATABASES[url] = base.set(database=name).render_as_string(hide_password=False)
    return _WORKER_DATABASES[url]


def _wipe_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty ledger's URL on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.db'}"
    url = postgres_url()
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set: .ci/run starts a throwaway PostgreSQL and "
                    "sets it (README, Development, shows how by hand)")
    _wipe_postgres(url)
    return url


@pytest.fixture
def ledger(ledger_url: str) -> Iterator[Ledger]:
    with Ledger.open(ledger_url) as opened:
        yield opened


@pytest.fixture(scope="session")
def floods(analyzer) -> Analysis:  # type: ignore[no-untyped-def]
    """A second real article: floods in Badakhshan, March 2022, another outlet."""
    outcome = analyse_file(analyzer, FLOODS)
    assert outcome.analysis is not None, outcome.rejection
    return outcome.analysis  # type: ignore[no-any-return]
