"""Real reports analysed once per session, for the story tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsledger.records import Analysis, Document
from tests.conftest import story_reports


@pytest.fixture(scope="session")
def report(analyzer) -> Callable[[str], Analysis]:  # type: ignore[no-untyped-def]
    """``report(name)``: the analysis of one entry of ``tests/data/stories/reports.json``."""
    entries = story_reports()
    cache: dict[str, Analysis] = {}

    def run(name: str) -> Analysis:
        if name not in cache:
            entry = entries[name]
            doc = Document(id=name, source=entry["source"], text=entry["text"],
                           published=entry["published"], outlet=entry["outlet"])
            cache[name] = analyzer.analyze(doc)
        return cache[name]

    return run
