"""Shared fixtures: one analyzer per test session (spaCy, actor base, gazetteer built once)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, settings

from newsledger.records import Analysis, Outcome, Page

DATA = Path(__file__).parent / "data"
SEED = DATA / "panjshir-2021-09-03.txt"
ARTICLES = DATA / "articles"  # real pages of the public benchmarks, for single tests
REPORTS = DATA / "stories" / "reports.json"  # real reports, with their sources (README)


def story_reports() -> dict[str, dict[str, Any]]:
    """The entries of ``tests/data/stories/reports.json``, by name."""
    import json

    return json.loads(REPORTS.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def story_text(name: str) -> str:
    """The text of one real report of ``tests/data/stories/reports.json``."""
    return str(story_reports()[name]["text"])


# pytest-xdist's workers start with COLUMNS=80 set. Rich reads it once, when the command
# line's consoles are made at import, and would then ignore the width each CLI test gives
# its command (env={"COLUMNS": ...}).
os.environ.pop("COLUMNS", None)


def article_page(name: str) -> Page:
    """A page of ``tests/data/articles`` read as users' files are (gzip, decoding)."""
    from newsledger.ingest import read_page

    return read_page(ARTICLES / name, 4 * 1024 * 1024)

# Property tests draw the same examples on every run unless asked to explore, so CI is
# repeatable and a failure seen once is seen again; `HYPOTHESIS_PROFILE=explore pytest ...`
# draws new ones (with --hypothesis-seed to replay a run). The explain phase, which traces
# every line of a failing example, is left out: under a trace the pipeline is many times
# slower and the watchdog's time limits no longer mean what they say.
_PHASES = (Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink)
settings.register_profile("repeatable", derandomize=True, database=None, phases=_PHASES,
                          print_blob=True)
settings.register_profile("explore", phases=_PHASES, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(scope="session", autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Build the gazetteer into a temporary cache, never the user's."""
    path = tmp_path_factory.mktemp("cache")
    mp = pytest.MonkeyPatch()
    mp.setenv("NEWSLEDGER_CACHE_DIR", str(path))
    yield path
    mp.undo()


@pytest.fixture(scope="session")
def analyzer(cache_dir: Path):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from newsledger.pipeline import Analyzer
    from newsledger.settings import Settings

    return Analyzer(replace(Settings.from_env(), cache_dir=cache_dir))


def analyse_file(analyzer: Any, path: Path) -> Outcome:
    """The outcome of one page file, read and analysed as ``newsledger analyze`` does."""
    from newsledger.ingest.sources import iter_sources

    (outcome,) = analyzer.run(iter_sources([str(path)], analyzer.settings.max_bytes))
    return outcome  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def seed(analyzer) -> Analysis:  # type: ignore[no-untyped-def]
    outcome = analyse_file(analyzer, SEED)
    assert outcome.analysis is not None, outcome.rejection
    return outcome.analysis


@pytest.fixture(scope="session")
def analyse_text(analyzer):  # type: ignore[no-untyped-def]
    """Analyse a snippet of news text as a document published at ``published``."""
    from newsledger.records import Document

    def run(text: str, published: str | None = "2021-09-03T13:43:00") -> Analysis:
        doc = Document(id="test", source="test", text=text, published=published)
        return analyzer.analyze(doc)  # type: ignore[no-any-return]

    return run
