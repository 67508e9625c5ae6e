"""Towns the small model leaves untagged where only a place can stand.

The model tags no entity at all over many towns of local news: "both from Hounslow", "In
Euclid, in the northeast, firefighters agreed", "John Nale of Chattanooga", "the small
village of Flumeri", "the Gori-based first infantry brigade", "45 miles southeast of
Champaign". A run of capitalised proper nouns (one to three words) that no entity of the
model and no candidate covers is a PLACE candidate when the words around it take only a
place (``_placed``) and the gazetteer knows it as a town of some size (``MIN_PRIOR``, less
after a place's own head noun). A public figure's surname ("in Obama's words" is tagged,
but a lone "from Clinton" may not be) and a word the model tags as anything else stay out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Doc, Span

from newsledger.nlp.evidence import (
    BEARINGS,
    DIRECTIONS,
    PLACE_ONLY_PREPOSITIONS,
    governed_by_place_head,
)
from newsledger.nlp.lexicon import LEADING_DROPS, MISC_LABELS, STREET_WORDS
from newsledger.nlp.name_candidates import Candidate

MIN_PRIOR = 0.5  # a town of some 15,000 people (geo.prior): "Congress" (0.48) is not enough
HEADED_PRIOR = 0.35  # after a place's head noun: "the small village of Flumeri" (0.46)
UNTAGGED_VOTES = 3
MAX_WORDS = 3
# Prepositions before an untagged name that put it somewhere: those that take no person or
# organisation, and "from", which an untagged name (no person, no organisation the model
# saw) takes as a place ("both from Hounslow").
PLACING = PLACE_ONLY_PREPOSITIONS | {"from"}


def untagged_places(doc: Doc, named: list[Candidate], place_prior: Callable[[str], float],
                    surnames: frozenset[str],
                    country_of_word: Callable[[str], str | None]) -> list[Candidate]:
    """PLACE candidates for the untagged names that only a place's words surround. A name
    the model labels a nationality or a thing that is no people's word ("the small village
    of Flumeri", labelled a nationality) counts as untagged."""
    covered = {t.i for e in doc.ents for t in e if not (
        e.label_ in MISC_LABELS and country_of_word(e.text) is None)}
    for c in named:
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        covered |= {t.i for t in span or ()}
    found: list[Candidate] = []
    for span in _untagged_names(doc, covered):
        if span.text in surnames or _part_of_more(span) or not _placed(span):
            continue
        least = HEADED_PRIOR if _under_a_place_noun(span) else MIN_PRIOR
        if place_prior(span.text) < least:
            continue
        cand = Candidate(span.start_char, span.end_char, span.text, "PLACE")
        cand.votes["PLACE"] += UNTAGGED_VOTES
        found.append(cand)
    return found


def _untagged_names(doc: Doc, covered: set[int]) -> Iterator[Span]:
    """Runs of capitalised proper nouns, no word of them covered, none at a sentence's start."""
    i = 0
    while i < len(doc):
        start = i
        while (i < len(doc) and i - start < MAX_WORDS and i not in covered
               and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper() and doc[i].is_alpha):
            i += 1
        if i > start:
            if not doc[start].is_sent_start:
                yield doc[start:i]
        else:
            i += 1


def _part_of_more(span: Span) -> bool:
    """An acronym ("from the NGO"), a word of a longer name ("the Rodeo Gainesville",
    "Wilkes-Barre"), or a street's name ("near Rivers and Stokes avenues"). (", who" after
    the name says nothing: "a Republican from Florence, who has been impressed".)"""
    doc = span.doc
    if span.text.isupper() and len(span.text) <= 4:
        return True
    after = doc[span.end: span.end + 3]
    if len(after) and after[0].text[:1].isupper() and after[0].is_alpha:
        return True
    if len(after) >= 2 and after[0].text == "-" and after[1].text[:1].isupper():
        return True  # "Wilkes" of "Wilkes-Barre"
    words = [t.lower_ for t in after]
    return bool(words) and (words[0] in STREET_WORDS or (  # "Rivers and Stokes avenues"
        len(words) == 3 and words[0] == "and" and after[1].text[:1].isupper()
        and words[2] in STREET_WORDS))


def _under_a_place_noun(span: Span) -> bool:
    """"the small village of X", "the town of X": a common noun, not a title's capitalised
    word ("CNN's State of the Union")."""
    if not governed_by_place_head(span.root):
        return False
    tok = span.root
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    return tok.head.head.is_lower


def _placed(span: Span) -> bool:
    """Words around the name that only a place takes: a placing preposition before it
    (determiners and directions skipped), "-based" after it, a place's head noun over it
    ("the village of X"), a bearing ("southeast of X"), or a person's residence ("John Nale
    of X")."""
    doc = span.doc
    after = [t.lower_ for t in doc[span.end: span.end + 2]]
    if after == ["-", "based"] or _under_a_place_noun(span):
        return True
    i = span.start - 1
    while i >= 0 and span.start - i <= 3 and doc[i].lower_ in DIRECTIONS | LEADING_DROPS:
        i -= 1
    if i < 0:
        return False
    if doc[i].lower_ in PLACING:
        return span.root.dep_ == "pobj"  # the preposition's object: not "in Christian homes"
    if doc[i].lower_ != "of" or i == 0:
        return False
    before = doc[i - 1]
    return before.lower_ in BEARINGS or before.ent_type_ == "PERSON"
