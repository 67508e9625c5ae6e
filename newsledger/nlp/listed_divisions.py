"""Names listed before a plural division word: "in Harvey, Harper and Kingman counties".

Local news names counties, parishes and provinces this way (weather warnings, school
districts, census figures), and the small model reads the names as people ("Harper",
"Douglas") or runs two into one organisation ("Grant, Mahnomen"). Each name of such a list
is a division of the kind the plural names: a PLACE candidate whose implied name ("Harper
County", "Kaduna State") tells the resolver which reading is meant, or, when the gazetteer
knows no such name, the name alone if it is a province's ("Ohio and Kentucky states": not
Ohio State). The list is read back from the plural word: names in capitals joined by
commas, "and", "or" or "&", two names at least, every one of them known to the gazetteer
so; a list that reaches a word of another kind, or holds a demonym or a faith ("the Kurdish
and Arab regions", "the Sunni and Shiite provinces", "the Baltic and Nordic states"), is no
list of divisions.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from newsledger.geo.names import DEMONYM_ENDINGS
from newsledger.nlp.model import doc_text
from newsledger.nlp.name_candidates import Candidate, name_key

# Plural division words and the singular a listed name takes ("Harper County").
DIVISION_PLURALS = {
    "counties": "County", "parishes": "Parish", "provinces": "Province",
    "districts": "District", "governorates": "Governorate", "prefectures": "Prefecture",
    "oblasts": "Oblast", "townships": "Township", "municipalities": "Municipality",
    "boroughs": "Borough", "states": "State",
}
LISTED_VOTES = 5  # more than the model's label and a person's name together
MAX_WORDS = 3  # words of one listed name ("Otter Tail")
PROVINCE = 0.8  # the gazetteer prior of a province by its name alone (geo.prior)
_JOINERS = frozenset({",", "and", "or", "&"})
COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                           "western", "central", "midwestern", "northeastern", "northwestern",
                           "southeastern", "southwestern", "coastal", "border", "other"})


def listed_divisions(doc: Doc, named: list[Candidate],
                     place_prior: Callable[[str], float]) -> list[Candidate]:
    """``named`` with the names listed before a plural division word as PLACE candidates:
    a candidate of the same span is voted a place, one that runs over two names or a
    joiner is replaced by the names."""
    text = doc_text(doc)
    spans: dict[tuple[int, int], str | None] = {}
    for tok in doc:
        singular = DIVISION_PLURALS.get(tok.lower_)
        names = _listed_before(tok) if singular is not None else []
        implied = [_implied(n.text, singular or "", place_prior) for n in names]
        if len(names) >= 2 and all(i is not False for i in implied):
            spans |= {(n.start_char, n.end_char): i if isinstance(i, str) else None
                      for n, i in zip(names, implied, strict=True)}
    if not spans:
        return named
    kept = [c for c in named if (c.start, c.end) in spans or not any(
        c.start < e and s < c.end for s, e in spans)]
    by_span = {(c.start, c.end): c for c in kept}
    for (start, end), implied_name in spans.items():
        cand = by_span.get((start, end))
        if cand is None:
            cand = Candidate(start, end, text[start:end], "PLACE")
            kept.append(cand)
        cand.type, cand.actor, cand.implied = "PLACE", None, implied_name
        cand.place_key = name_key(text[start:end])  # as "Harper County" is keyed
        cand.votes["PLACE"] += LISTED_VOTES
    return kept


def _implied(name: str, singular: str, place_prior: Callable[[str], float]) -> str | bool:
    """The name a listed name implies ("Harper County"), True for a province named alone
    ("Ohio" of "Ohio and Kentucky states"), False for a name the gazetteer knows as neither."""
    implied = f"{name} {singular}"
    if place_prior(implied) > 0.0:
        return implied
    return place_prior(name) >= PROVINCE


def _listed_before(head: Token) -> list[Span]:
    """The names listed right before ``head`` (read back from it), in the text's order."""
    doc = head.doc
    names: list[Span] = []
    i = head.i - 1
    while i >= 0:
        end = i + 1
        while i >= 0 and end - i <= MAX_WORDS and _name_word(doc[i]):
            i -= 1
        if i + 1 == end:
            break  # no name where one should be
        names.append(doc[i + 1:end])
        if i < 0 or doc[i].lower_ not in _JOINERS:
            break
        while i >= 0 and doc[i].lower_ in _JOINERS:
            i -= 1  # ", and", ", or"
    return list(reversed(names))


def _name_word(tok: Token) -> bool:
    """A word of a division's name: capitalised, a proper noun or unknown word, and no
    people's adjective ("Kurdish"), compass word ("the Northern and Southern states") or
    sentence-opening function word."""
    if not tok.text[:1].isupper() or tok.lower_.endswith(DEMONYM_ENDINGS):
        return False
    return tok.lower_ not in COMPASS_WORDS and tok.pos_ in {"PROPN", "NOUN", "ADJ", "X"}
