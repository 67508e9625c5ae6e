"""``newsledger batch`` options checked before any cluster starts (issue 9)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from tests.conftest import SEED


@pytest.mark.parametrize(("limit", "said"), [("12zz", "Could not interpret 'zz'"),
                                             ("10MB", "too little to load the models")])
def test_a_bad_memory_limit_is_a_usage_error(tmp_path: Path, limit: str, said: str) -> None:
    result = CliRunner().invoke(app, ["batch", str(SEED), "--out", str(tmp_path / "out"),
                                      "--memory-limit", limit])
    assert result.exit_code == 2
    assert said in " ".join(result.output.split())
    assert not (tmp_path / "out").exists()  # nothing planned, nothing written
