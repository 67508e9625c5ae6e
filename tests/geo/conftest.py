"""The session's gazetteer: built once into the test session's temporary cache folder (see
tests/conftest.py), shared with the analyzer of the pipeline tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.geo.gazetteer import Gazetteer, default_path


@pytest.fixture(scope="session")
def gazetteer(cache_dir: Path) -> Gazetteer:
    return Gazetteer.open(default_path(cache_dir))


@pytest.fixture(scope="session")
def gazetteer_path(gazetteer: Gazetteer, cache_dir: Path) -> Path:
    assert gazetteer.path == default_path(cache_dir)
    return gazetteer.path
