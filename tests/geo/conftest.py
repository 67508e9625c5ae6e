"""A gazetteer built once per test session into pytest's temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.geo.gazetteer import Gazetteer, build_gazetteer


@pytest.fixture(scope="session")
def gazetteer_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"
    build_gazetteer(path)
    return path


@pytest.fixture(scope="session")
def gazetteer(gazetteer_path: Path) -> Gazetteer:
    return Gazetteer.open(gazetteer_path)
