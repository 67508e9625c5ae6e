"""How likely a name is a place, from gazetteer evidence alone (for the NER stage).

``place_prior`` returns a number in [0, 1]:

* 0.0 — the gazetteer has no place of that name;
* about 0.95 — a country, continent, capital or city of a million or more;
* about 0.85–0.9 — a first-level division (province, state) or a city of 100k+;
* 0.5–0.7 — a town of 1k–100k, or a second-level division (district, county);
* 0.2–0.35 — only tiny places, or places that have the name only as a rare alternate
  (``Taliban`` is an alternate name of a Turkish village);

then lowered for names that are English function words (``Us``, ``May``) or not capitalised.
It is a prior, not a verdict: the NER stage weighs it against its own label and the context
(a person's name that is also a city's keeps a high prior here).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsledger.geo.gazetteer import GazetteerEntry

_FIXED = {"PCLI": 0.97, "CONT": 0.95, "RGN": 0.9, "SEA": 0.9, "ADM1": 0.9, "ADM2": 0.6}


@cache
def stop_words() -> frozenset[str]:
    """spaCy's English stop words ("with", "the", "was")."""
    from spacy.lang.en.stop_words import STOP_WORDS  # imported on first use: spaCy is slow

    return frozenset(STOP_WORDS)


def entry_prior(entry: GazetteerEntry) -> float:
    """The prior that a mention of this entry's name means a place, by kind and size."""
    if entry.feature_code in _FIXED:
        value = _FIXED[entry.feature_code]
        return value if entry.exact else value - 0.1
    if entry.feature_code == "PPLC":
        return 0.95 if entry.exact else 0.6
    size = math.log10(entry.population + 1)
    if entry.exact:
        return min(0.93, 0.35 + 0.1 * max(0.0, size - 2.0))
    return min(0.75, 0.1 + 0.1 * max(0.0, size - 3.0))


def place_prior(entries: Sequence[GazetteerEntry], name: str) -> float:
    """How likely ``name`` (as written in the text) is a place, given its gazetteer entries."""
    if not entries:
        return 0.0
    value = max(entry_prior(entry) for entry in entries)
    text = name.strip()
    if text.casefold() in stop_words() and not text.isupper():
        value *= 0.3
    elif text[:1].islower():
        value *= 0.5
    if len(text) <= 3 and not text.replace(".", "").isupper():
        value *= 0.7
    return round(value, 3)
