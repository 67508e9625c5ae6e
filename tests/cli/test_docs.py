"""The CLI reference in docs/cli.md is generated from the commands themselves (``make docs``);
this test fails when a command, option or help text changed and the reference did not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_the_cli_reference_is_current(tmp_path: Path) -> None:
    fresh = tmp_path / "cli.md"
    subprocess.run([sys.executable, "-m", "typer", "newsledger.cli", "utils", "docs",
                    "--name", "newsledger", "--output", str(fresh)],
                   check=True, capture_output=True)
    assert fresh.read_text(encoding="utf-8") == DOCS.read_text(encoding="utf-8"), (
        "docs/cli.md is out of date: run `make docs`")
