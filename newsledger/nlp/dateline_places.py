"""The places of datelines left in a story's text: "MANSFIELD — The City Council on Monday".

Ingest cuts the dateline off a page's first paragraph and keeps its place as the document's
dateline. A text given whole keeps it, and so do stories printed one after another, each
after its headline on the same line ("... financing package. MANSFIELD — The Law Enforcement
Center ..."). The small model seldom tags a word in capitals as a place ("MANSFIELD",
"TORRINGTON"), and calls "WASHINGTON (AP)" an organisation. A dateline's place, written in
capitals at the start of the text, of a line or of a sentence, or right after the full date
a byline ends with ("By KENT MALLETT Advocate Reporter March 30, 2009 NEWARK -- The recent
..."), followed by what follows a dateline ("—", "--", ":", a state, a date, an agency in
brackets; ``ingest.dateline``) and known to the gazetteer (a prior of ``MIN_PRIOR`` at
least), is a place: a new candidate, or the model's candidate of the same span voted one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc

from newsledger.ingest.dateline import capital_dateline_place
from newsledger.nlp.model import doc_text
from newsledger.nlp.name_candidates import Candidate

# More than the model's label and the gazetteer's prior together: a dateline names a place.
DATELINE_VOTES = 5
MIN_PRIOR = 0.35  # a village of some size; "MORE:" (0.28) is a label
KNOWN_PLACE = 0.8  # a province or a city of 300,000 (geo.prior)
_LINE_START = re.compile(r"\n[ \t]*")
# A byline's full date, "March 30, 2009 " or "30 March 2009 ": a dateline may follow it.
_MONTH_NAME = (r"(?:January|February|March|April|May|June|July|August|September|October|"
               r"November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
_BYLINE_DATE = re.compile(
    rf"\b(?:{_MONTH_NAME} \d{{1,2}}, \d{{4}}|\d{{1,2}} {_MONTH_NAME} \d{{4}})[ \t]+(?=[A-Z])")


def dateline_places(doc: Doc, named: list[Candidate],
                    place_prior: Callable[[str], float]) -> list[Candidate]:
    """The dateline places of ``doc`` that no candidate of ``named`` covers (a candidate of
    the same span is voted a place instead, unless the actor base knows it as no place:
    "NATO — The alliance said"). A candidate that runs from the dateline into the story
    ("TORRINGTON — City Council") is cut to the story's words; candidates the model made of
    pieces of the place ("ST" and "PAUL" of "ST. PAUL, Minn. -") give way to it. Inside a
    line, a dateline needs more than a colon after its place ("PHOTOS: ..." ends no sentence
    before it), unless its place is a province or a big city ("... church . BEIRUT: Unknown
    assailants")."""
    text = doc_text(doc)
    lines = {0, *(m.end() for m in _LINE_START.finditer(text))}
    starts = (lines | {sent.start_char for sent in doc.sents}
              | {m.end() for m in _BYLINE_DATE.finditer(text)})
    by_span = {(c.start, c.end): c for c in named}
    found: list[Candidate] = []
    for pos in sorted(starts):
        dateline = capital_dateline_place(text, pos)
        prior = 0.0 if dateline is None else place_prior(text[dateline[0]:dateline[1]])
        if dateline is None or prior < MIN_PRIOR:
            continue
        start, end, story = dateline
        if text[end:story].strip() == ":" and (
                (pos not in lines and prior < KNOWN_PLACE) or _spoken(text, story)):
            continue
        cand = by_span.get((start, end))
        if cand is not None and cand.actor is not None and cand.actor.type != "PLACE" and (
                prior < KNOWN_PLACE):
            continue  # "NATO —", not "BEIRUT (AP) —", whose actor is Lebanon's government
        if cand is None:
            _cut_at_the_story(named, start, story, text)
            pieces = [c for c in named if start <= c.start and c.end <= end]
            if any(c.start < end and start < c.end for c in named if c not in pieces):
                continue  # part of a longer name the model found
            for piece in pieces:  # "ST" and "PAUL" of "ST. PAUL, Minn. -"
                named.remove(piece)
            cand = Candidate(start, end, text[start:end], "PLACE")
            found.append(cand)
        cand.type = "PLACE"
        cand.votes["PLACE"] += DATELINE_VOTES
    return found


# Words that open a speaker's turn in a transcript ("JORDAN: I think ..."), not a story.
SPEAKER_OPENERS = frozenset({"I", "I'm", "I've", "We", "You", "My", "Our", "Well", "Yes",
                             "No", "Thank", "Thanks", "Look", "So", "Oh", "Yeah"})


def _spoken(text: str, story: int) -> bool:
    """A colon's label that opens a speaker's turn rather than a story."""
    words = text[story:story + 12].split()
    return bool(words) and words[0].strip(",.") in SPEAKER_OPENERS


def _cut_at_the_story(named: list[Candidate], start: int, story: int, text: str) -> None:
    """Candidates that run from a dateline at ``start`` into the story after it, cut to
    begin where the story does; what they said of the longer span (key, actor) is gone."""
    for other in named:
        if start <= other.start < story < other.end:
            other.start, other.text = story, text[story:other.end]
            other.place_key, other.actor = None, None
