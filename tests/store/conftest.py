"""The ledger's fixtures: every store test runs on SQLite, and on PostgreSQL when
``NEWSLEDGER_TEST_POSTGRES_URL`` names an empty database that the tests may wipe."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from newsledger.records import Analysis
from newsledger.store import Ledger
from tests.conftest import DATA, analyse_file

POSTGRES_ENV = "NEWSLEDGER_TEST_POSTGRES_URL"
FLOODS = DATA / "pages" / "wordpress-posted-on.txt"


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
    url = os.environ.get(POSTGRES_ENV)
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
