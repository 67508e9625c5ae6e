"""Name candidates: one mention while the entity stage decides its type and its entity."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from spacy.tokens import Doc, Span, Token

from newsledger.geo.names import expand_abbreviation
from newsledger.nlp.actor_base import Actor
from newsledger.nlp.lexicon import LEADING_DROPS, NUMBER_WORDS
from newsledger.records import EntityType

# What a candidate is: a name; a role-only description of an unnamed person ("a police
# spokesman"); an anaphor ("the group", "he") already assigned to its antecedent's group.
CandidateKind = Literal["name", "role", "anaphor"]


@lru_cache(maxsize=16384)  # bounded: the same names recur within and across documents
def name_key(text: str) -> str:
    """A comparison key for names: case, accents, punctuation and a leading 'the' ignored."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['’]s\b", "", text)
    text = re.sub(r"[^\w]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


@dataclass
class Candidate:
    """One mention while the stage decides its type and entity."""

    start: int
    end: int
    text: str
    type: EntityType
    votes: Counter[str] = field(default_factory=Counter)
    actor: Actor | None = None
    place_key: str | None = None
    leader: str | None = None
    title: str | None = None
    group: int = -1
    kind: CandidateKind = "name"
    implied: str | None = None  # the name a list implies: "Harper County" (listed_divisions)

    @property
    def key(self) -> str:
        if self.actor is not None:
            return f"actor:{self.actor.id}"
        return self.place_key or name_key(expand_abbreviation(self.text))  # "N.C.": one state


def trim_span(span: Span) -> Span | None:
    """Drop leading determiners and counts ("Four Facilities Protection Service personnel":
    the count is tagged a cardinal, while the "Three" of "Three Gorges Dam" is part of the
    name) and a trailing possessive or punctuation from a name span. A closing bracket
    opened before the span ends it: "(DMUG) party" is labelled "DMUG) party"."""
    start, end = span.start, span.end
    doc = span.doc
    end = next((t.i for t in span if t.text == ")" and t.i > start
                and not any(u.text == "(" for u in doc[start:t.i])), end)
    while start < end and (doc[start].lower_ in LEADING_DROPS or doc[start].is_punct
                           or (_a_count(doc[start]) and start + 1 < end)):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"
                           or doc[end - 1].lower_ in {"'s", "’s"}):
        end -= 1
    return doc[start:end] if end > start else None


def _a_count(token: Token) -> bool:
    return token.tag_ == "CD" and (token.text.isdigit() or token.lower_ in NUMBER_WORDS)


NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})  # set aside to find the surname


def repeated_names(doc: Doc, named: list[Candidate]) -> list[Candidate]:
    """Mentions the tagger missed of a person or organisation it tagged elsewhere: the same
    name again, or a person's surname alone as a proper noun ("Patrick W. Carlineo Jr. ...
    Carlineo faces ten years")."""
    wanted: dict[tuple[str, ...], EntityType] = {}
    for c in named:
        if c.type not in {"PERSON", "ORG"} or c.kind != "name":
            continue
        words = tuple(c.text.split())
        wanted.setdefault(words, c.type)
        bare = [w for w in words if name_key(w) not in NAME_SUFFIXES]
        if c.type == "PERSON" and len(bare) > 1 and len(bare[-1]) > 2:
            wanted.setdefault((bare[-1],), "PERSON")
    covered = {t.i for c in named for t in doc.char_span(c.start, c.end, alignment_mode="expand")
               or ()}
    by_first: dict[str, list[tuple[tuple[str, ...], EntityType]]] = {}
    for words, kind in sorted(wanted.items(), key=lambda w: -len(w[0])):  # longest first
        by_first.setdefault(words[0], []).append((words, kind))
    found: list[Candidate] = []
    for tok in doc:
        for words, kind in by_first.get(tok.text, ()):
            end = tok.i + len(words)
            if end > len(doc) or covered & set(range(tok.i, end)):
                continue
            span = doc[tok.i:end]
            if tuple(t.text for t in span) != words or (len(words) == 1 and tok.pos_ != "PROPN"):
                continue
            cand = Candidate(span.start_char, span.end_char, span.text, kind)
            cand.votes[kind] += 1
            found.append(cand)
            covered |= set(range(tok.i, end))
            break
    return found
