"""``newsledger extract``: the clean articles alone, from every source, with no model."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

from newsledger.cli import app
from tests.conftest import DATA, SEED

runner = CliRunner()


def test_the_seed_as_a_clean_article() -> None:
    result = runner.invoke(app, ["extract", str(SEED)])
    assert result.exit_code == 0, result.output
    (article,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert article["title"] == "Al Qaeda join hands with Taliban to bring down Panjshir valley"
    assert article["outlet"] == "Democrats Voice" and article["dateline"] == "Kabul"
    assert article["published"] == "2021-09-03T13:43:00"
    assert article["text"].startswith("Ahmad Massoud, son of Ahmad Shah Massoud")
    assert "Posted on" not in article["text"] and "Leave a Reply" not in article["text"]


def test_rejections_are_reported_and_the_rest_extracted() -> None:
    korean = DATA / "articles" / "korean-entermedia.html"
    result = runner.invoke(app, ["extract", str(korean), str(SEED), "-f", "text"])
    assert result.exit_code == 1
    assert "korean-entermedia.html: rejected (unsupported-language)" in result.stderr
    assert result.stdout.count("\n---\n") == 1 and "outlet: Democrats Voice" in result.stdout
    listed = runner.invoke(app, ["extract", str(SEED), str(SEED), "-f", "json"])
    assert [a["outlet"] for a in json.loads(listed.stdout)] == ["Democrats Voice"] * 2


def test_no_language_model_is_loaded() -> None:
    code = ("import sys\nfrom typer.testing import CliRunner\nfrom newsledger.cli import app\n"
            f"result = CliRunner().invoke(app, ['extract', {str(SEED)!r}])\n"
            "assert result.exit_code == 0, result.output\n"
            "print(sorted(m for m in ('spacy', 'torch', 'newsledger.pipeline') "
            "if m in sys.modules))")
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert ran.stdout.strip() == "[]"
