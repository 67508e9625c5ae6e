"""Place names the small model splits at a joining word: "Trinidad and Tobago", "Port of
Spain", "the Bay of Bengal".

The model tags "Trinidad" and "Tobago" as two names in "the position taken by Trinidad and
Tobago" (GeoWebNews 112), and Trinidad alone then reads as the Colorado town in a story that
also names Washington; it tags "Port" and "Spain" in "officials in Port of Spain", and "the
Bay of" and "Bengal". Two names joined by "and", "&" or "of" (or a first name that ends in
"of") whose whole phrase the gazetteer knows as a province, a large city, a country or a sea
are one PLACE candidate, unless the model calls either a person. The first part of a
country named "X and Y" is the country elsewhere in the story ("the ministry in
Trinidad"), so the joined candidate takes its key. "The Bank of England" and "Kansas and
Missouri" are no places of the gazetteer's, so names split the same way stay apart.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from newsledger.nlp.name_candidates import Candidate, name_key

KNOWN_PLACE = 0.8  # a province, a city of 300,000 or a sea (geo.prior); not the county
# of Lewis and Clark, Montana, in "Lewis and Clark reached the Pacific"
COUNTRY = 0.95  # a country or a capital (geo.prior)
JOINED_VOTES = 5  # more than the model's two labels
_AND = frozenset({"and", "&"})


def join_split_names(text: str, cands: list[Candidate],
                     place_prior: Callable[[str], float]) -> list[Candidate]:
    """``cands`` (sorted by start) with each pair of names split at a joining word whose
    joined phrase is a known place replaced by one PLACE candidate."""
    names = [c for c in cands if c.kind == "name"]
    joined: dict[int, Candidate] = {}  # by id of the first of the pair
    dropped: set[int] = set()
    for first, second in pairwise(names):
        word = _joining_word(text, first, second)
        if id(first) in dropped or word is None or "PERSON" in (first.type, second.type):
            continue
        phrase = text[first.start:second.end]
        prior = place_prior(phrase)
        if prior < KNOWN_PLACE:
            continue
        cand = Candidate(first.start, second.end, phrase, "PLACE")
        cand.votes["PLACE"] += JOINED_VOTES
        if word in _AND and prior >= COUNTRY:  # "Trinidad" alone is the country too
            cand.place_key, cand.implied = name_key(first.text), phrase
        joined[id(first)] = cand
        dropped |= {id(first), id(second)}
    if not joined:
        return cands
    return [joined.get(id(c), c) for c in cands
            if id(c) in joined or id(c) not in dropped]


def _joining_word(text: str, first: Candidate, second: Candidate) -> str | None:
    """The word between two names ("Port" of "Spain", "Trinidad" and "Tobago"), or "of" for
    a first name that ends in it ("Bay of" + "Bengal"); None when they are not so joined."""
    between = text[first.end:second.start]
    word = between.strip().casefold()
    if word in {"of", *_AND} and between == f" {between.strip()} ":
        return word
    if first.text.endswith(" of") and between == " ":
        return "of"
    return None
