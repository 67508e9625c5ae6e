"""Names that say their kind of division: "Walker County", "Kanawha County", "St. Mary Parish".

Local news names its counties on every page, and the small model leaves many of them
untagged ("At 12:03 p.m. Walker County dispatchers received a 911 call" is one time; "the
2008 Walker County Fair Queen", "Daviess County Public Schools", "Licking County Prosecutor
Ken Oswalt" hold no entity at all). A name of one to three capitalised words followed by a
capitalised division word (``DIVISION_WORDS``) that the gazetteer knows as a whole ("Walker
County" is a county of Alabama, Georgia and Texas; "Monday County" is nothing) is a PLACE
candidate, where no candidate of the model covers any of its words (a name the model found
keeps its own reading: an organisation's opening place is ``embedded``'s).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

from newsledger.nlp.lexicon import LEADING_DROPS, LOCATIVE_PREPOSITIONS
from newsledger.nlp.name_candidates import Candidate

# Capitalised words that end a division's own name; not "State" ("Islamic State",
# "Secretary of State") nor "District" ("District Court", "District Attorney").
DIVISION_WORDS = frozenset({"County", "Parish", "Province", "Governorate", "Oblast"})
NAMED_VOTES = 4  # more than the model's label and a person's votes together
KNOWN_DIVISION = 0.3  # the gazetteer prior that a known division's whole name has (geo.prior)
MAX_WORDS = 3  # words of the name before the division word ("Prince George's", "St. Mary")
_NAME_PARTICLES = frozenset({"'s", "’s", "-", "de", "du", "la", "of", "St.", "St"})


def named_divisions(doc: Doc, named: list[Candidate],
                    place_prior: Callable[[str], float]) -> list[Candidate]:
    """PLACE candidates for the divisions named with their kind that ``named`` misses."""
    taken = [(c.start, c.end) for c in named]
    found: list[Candidate] = []
    for tok in doc:
        if tok.text not in DIVISION_WORDS or tok.i == 0:
            continue
        span = _known_name(doc, tok.i, place_prior)
        if span is None or any(s < span.end_char and span.start_char < e for s, e in taken):
            continue
        cand = Candidate(span.start_char, span.end_char, span.text, "PLACE")
        cand.votes["PLACE"] += NAMED_VOTES
        found.append(cand)
        taken.append((span.start_char, span.end_char))
    return found


def _known_name(doc: Doc, word: int, place_prior: Callable[[str], float]) -> Span | None:
    """The longest name before the division word at ``word`` that, with it, is a division
    the gazetteer knows."""
    for start in range(max(0, word - MAX_WORDS), word):
        words = doc[start:word]
        if not _a_name(words):
            continue
        span = doc[start:word + 1]
        if place_prior(span.text) >= KNOWN_DIVISION:
            return span
    return None


def _a_name(words: Span) -> bool:
    """Capitalised words, with a name's particles inside ("Prince George's", "Miami-Dade")."""
    first, last = words[0], words[-1]
    if not (first.text[:1].isupper() and last.text[:1].isupper()) or first.like_num:
        return False
    if first.lower_ in LEADING_DROPS or first.lower_ in LOCATIVE_PREPOSITIONS:
        return False  # "The Walker County Fair", "In Kanawha County": no part of the name
    return all((t.text[:1].isupper() and t.is_alpha) or t.text in _NAME_PARTICLES
               for t in words)
