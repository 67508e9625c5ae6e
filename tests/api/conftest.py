"""An app on a temporary SQLite ledger holding two real articles (the seed and a floods
report from another outlet), with a write token."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsledger.api import ApiSettings, create_app
from newsledger.records import Analysis
from newsledger.store import Ledger
from newsledger.store.ledger_writer import PIPELINE_VERSION
from tests.conftest import DATA, analyse_file

TOKEN = "t0ken-for-tests"
FLOODS = DATA / "pages" / "wordpress-posted-on.txt"


@pytest.fixture(scope="session")
def floods_analysis(analyzer) -> Analysis:  # type: ignore[no-untyped-def]
    outcome = analyse_file(analyzer, FLOODS)
    assert outcome.analysis is not None, outcome.rejection
    return outcome.analysis  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def ledger_url(tmp_path_factory: pytest.TempPathFactory, seed: Analysis,
               floods_analysis: Analysis) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'ledger.db'}"
    with Ledger.open(url) as ledger:
        ledger.write([seed, floods_analysis], [], PIPELINE_VERSION)
    return url


def make_client(url: str, analyzer: object, token: str | None = TOKEN,
                **options: object) -> TestClient:
    settings = ApiSettings(ledger_url=url, write_token=token,
                           analyzer_factory=lambda: analyzer, **options)  # type: ignore[arg-type]
    return TestClient(create_app(settings))


@pytest.fixture
def client(ledger_url: str, analyzer: object) -> Iterator[TestClient]:
    with make_client(ledger_url, analyzer) as opened:
        yield opened


@pytest.fixture
def fresh_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'fresh.db'}"
