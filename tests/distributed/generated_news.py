"""News generated for the long batch tests: real paragraphs recombined and varied.

The paragraphs are the seed article's, the page fixtures' (tests/data/pages) and the story
fixtures' (tests/data/stories/reports.json), of 15 to 100 words. Document ``i`` is one
paragraph (two for every eighth) picked by a seeded generator, with every number shifted by
``i`` and a place swapped for another, a publication day among the first five of September
2021 (few partitions, as a day's crawl has) and its own URL, so that bodies differ and the
same ``i`` always gives the same document.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from tests.conftest import DATA, SEED

_NUMBER = re.compile(r"\b\d+\b")
MIN_WORDS = 15
# Whole articles of the story fixtures (up to 930 words) are left out: the crash tests test
# the crash and the resume, and each long text only lengthens the analysis CI waits for.
MAX_WORDS = 100
_PLACES = ("Kabul", "Kandahar", "Herat", "Mazar-i-Sharif", "Jalalabad", "Kunduz", "Ghazni")
_PLACE = re.compile(r"\b(" + "|".join(_PLACES) + r")\b")


@cache
def paragraphs() -> tuple[str, ...]:
    texts = [SEED.read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((DATA / "pages").glob("*.txt"))]
    found = [p.strip() for t in texts for p in t.split("\n\n")]
    stories = json.loads((DATA / "stories" / "reports.json").read_text(encoding="utf-8"))
    found += [story["text"] for _, story in sorted(stories.items())]
    return tuple(p for p in found if MIN_WORDS <= len(p.split()) <= MAX_WORDS)


def body(i: int, seed: int = 0) -> str:
    rng = random.Random(seed * 1_000_003 + i)
    chosen = rng.sample(paragraphs(), 2 if i % 8 == 7 else 1)
    place = _PLACES[rng.randrange(len(_PLACES))]
    text = "\n\n".join(chosen)
    text = _NUMBER.sub(lambda m: str(int(m.group(0)) + i), text)
    return _PLACE.sub(place, text) + f"\n\nThe report was filed {i + 2} hours ago."


def news(count: int, seed: int = 0) -> Iterator[dict[str, str]]:
    for i in range(count):
        yield {"text": body(i, seed), "url": f"https://example.org/generated/{seed}/{i}",
               "published": f"2021-09-{1 + i % 5:02d}T08:00:00"}


def write_news(path: Path, count: int, seed: int = 0) -> Path:
    """``count`` generated documents as JSON Lines."""
    with path.open("w", encoding="utf-8") as handle:
        for record in news(count, seed):
            handle.write(json.dumps(record) + "\n")
    return path
