"""Real reports analysed once per session, for the story tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from newsledger.records import Analysis, Document

REPORTS = Path(__file__).parent.parent / "data" / "stories" / "reports.json"


@pytest.fixture(scope="session")
def report(analyzer) -> Callable[[str], Analysis]:  # type: ignore[no-untyped-def]
    """``report(name)``: the analysis of one entry of ``tests/data/stories/reports.json``."""
    entries = json.loads(REPORTS.read_text(encoding="utf-8"))
    cache: dict[str, Analysis] = {}

    def run(name: str) -> Analysis:
        if name not in cache:
            entry = entries[name]
            doc = Document(id=name, source=entry["source"], text=entry["text"],
                           published=entry["published"], outlet=entry["outlet"])
            cache[name] = analyzer.analyze(doc)
        return cache[name]

    return run
