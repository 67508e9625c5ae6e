"""Later mentions of the places a story names, where the model tagged nothing, or tagged an
organisation that bears the name.

"The Embassy of Ukraine in Nigeria ... the first Ukraine Trade Mission to Nigeria": once a
story places Nigeria, a later "Nigeria" the small model left untagged is Nigeria too. So are
"Tunis is increasingly reliant", "the Lebanon-Syria Treaty", "the U.S.-led coalition",
"Hopkinton police", and the place inside "the Kentucky National Guard" or "the Hopkinton
Police Department" where the model made the whole an organisation. Geoparsing gold data
counts each as a toponym, and an analyst who reads a place's mentions finds them complete.

Only the names the model itself tagged as the place are looked for again (not the
adjectives ``newsledger.nlp.demonyms`` adds, nor the places inside organisations' names that
``newsledger.nlp.embedded`` finds), the longest first, and the name must stand as the
place's own there, not as a word of another name:

* no capitalised word before it inside a phrase ("Distinctly Dublin", "Connecting
  California"), other than a sentence's or a title's first word;
* no capitalised word after it ("Cambridge Analytica", "The Dublin Singers"), other than a
  town's own body or people ("Dublin Mayor", "Albany Police");
* no place of its own when joined by a hyphen ("Winston-Salem" is no Salem; "the
  Lebanon-Syria Treaty" holds Lebanon);
* at a sentence's start, a proper noun that modifies no common noun ("Nice weather",
  "Mobile phone records" are no Nice, no Mobile);
* no word of it a verb, an adverb or another word no name is, no street's or currency's
  word after it ("DeKalb Ave.", "US$3.7m");
* no person's name in the story holds it ("Jordan" and "Michael Jordan"), no other place
  of the story bears it, and no mention added here covers it.

Inside an organisation's name (or one the model calls a place but no gazetteer places) the
name counts where the organisation is named after it: a country, a continent or a state
anywhere, unless the word before makes a longer place ("the Kentucky National Guard", "SME
Mauritius Limited", not "the New Mexico Lottery"); a town, with no capitalised word just
before it, before a local body's or people's word ("Hopkinton police") or opening a name
that holds an institution's word ("the New London Police Department", "the Honolulu
Star-Advertiser"; not a firm of partners, "McPherson & Jacobsen LLC"). Inside a person's
name or another place's, never.

The stage runs after place resolution, so it never changes a place; its mentions stay out of
the layer's span index (as ``newsledger.nlp.demonyms``'s), so "the Kentucky National Guard"
still reads as the Guard for actors, claims and events.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import takewhile
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from newsledger.nlp.embedded import LOCAL_BODY_WORDS, NAMED_KIND
from newsledger.nlp.evidence import LOCAL_PEOPLE
from newsledger.nlp.lexicon import (
    INSTITUTION_WORDS,
    LEADING_DROPS,
    NAME_PART_HEADS,
    PLACE_HEADS,
    SITE_HEADS,
    STREET_WORDS,
)
from newsledger.nlp.model import doc_chars, doc_text
from newsledger.records import Entity, Mention, Place

if TYPE_CHECKING:
    from newsledger.nlp.entity_layer import EntityLayer

# Entity types whose names may hold a place of the story ("the Kentucky National Guard");
# a person's ("George Washington") and a placed place's ("North Las Vegas") never.
_HOLDERS = frozenset({"ORG", "GROUP"})
_WIDE = frozenset({"continent", "region", "country", "admin1"})
_GENERIC = frozenset({*PLACE_HEADS, *NAME_PART_HEADS, *SITE_HEADS})  # "City", "Region"
_LOCAL_WORDS = LOCAL_BODY_WORDS | LOCAL_PEOPLE
_OWN_WORDS = _LOCAL_WORDS | INSTITUTION_WORDS
# Parts of speech that no word of a place's name takes ("Reading the report" is no Reading).
_NO_NAME = frozenset({"VERB", "AUX", "ADV", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "PART",
                      "INTJ", "NUM"})
_HYPHENS = frozenset({"-", "–"})

Held = tuple[str | None, int, int]  # who holds an occurrence, where the holder starts, ends


class RepeatedPlaces:
    """Stage: (``Doc``, ``EntityLayer``, places) → the layer with the later, untagged
    mentions of the story's places added to those places' entities. ``place_prior`` (the
    gazetteer's, ``geo.prior``) says whether a hyphenated pair is a place of its own."""

    def __init__(self, place_prior: Callable[[str], float]) -> None:
        self.place_prior = place_prior

    def __call__(self, doc: Doc, layer: EntityLayer, places: tuple[Place, ...]) -> EntityLayer:
        wide = {p.entity: p.precision in _WIDE for p in places}
        indexed = {(s, e) for s, e, _ in layer.spans}
        owners = _surfaces((e for e in layer.entities if e.id in wide), indexed)
        if not owners:
            return layer
        spans = sorted((m.start, m.end, _holding_type(e, wide)) for e in layer.entities
                       for m in e.mentions)
        people = [m.text for e in layer.entities if e.type == "PERSON" for m in e.mentions
                  if _a_name(m.text)]
        taken: list[tuple[int, int]] = []
        added: dict[str, list[Mention]] = {}
        for surface in sorted(owners, key=len, reverse=True):  # "North Las Vegas" first
            if any(re.search(rf"\b{re.escape(surface)}\b", name) for name in people):
                continue
            for start, end in _occurrences(doc_text(doc), surface):
                if any(s < end and start < e for s, e in taken):
                    continue
                if self._stands_for_the_place(doc, spans, start, end, wide[owners[surface]]):
                    taken.append((start, end))
                    added.setdefault(owners[surface], []).append(Mention(start, end, surface))
        if not added:
            return layer
        return layer.replace(_with_mentions(e, added.get(e.id, [])) for e in layer.entities)

    def _stands_for_the_place(self, doc: Doc, spans: Sequence[tuple[int, int, str]],
                              start: int, end: int, wide: bool) -> bool:
        """Whether the occurrence [start, end) of a placed name is that place (see the
        module's guards); ``wide``: the place is a country, a continent or a state."""
        words = doc.char_span(start, end, alignment_mode="expand")
        if words is None:
            return False
        holder, opening, closing = _holder(spans, start, end)
        if holder not in ("", "ORG") or _street_or_money(doc, words, end, closing) or (
                self._hyphenated(doc, words)):
            return False
        if holder == "":
            return _stands_alone(doc, words)
        if wide:  # "the Kentucky National Guard"; not "the New Mexico Lottery"
            return not self._in_a_longer_place(doc, words, opening)
        return _named_after(doc, words, opening, closing)

    def _in_a_longer_place(self, doc: Doc, words: Span, opening: int) -> bool:
        """Whether the capitalised word before the name, inside the name that holds it, makes
        a place of its own with it ("New Mexico", "Papua New Guinea")."""
        if words.start == 0 or doc[words.start - 1].idx < opening:
            return False
        before = doc[words.start - 1]
        return before.text[:1].isupper() and self.place_prior(
            doc_chars(doc, before.idx, words.end_char)) >= NAMED_KIND

    def _hyphenated(self, doc: Doc, words: Span) -> bool:
        """Whether the name and a word joined to it by a hyphen are a place of their own
        ("Winston-Salem", "Guinea-Bissau")."""
        first, last = words.start, words.end
        if first >= 2 and doc[first - 1].text in _HYPHENS:
            first -= 2
        if last + 1 < len(doc) and doc[last].text in _HYPHENS:
            last += 2
        if (first, last) == (words.start, words.end):
            return False
        pair = doc_chars(doc, doc[first].idx, doc[last - 1].idx + len(doc[last - 1]))
        return self.place_prior(pair) >= NAMED_KIND


def _surfaces(entities: Iterable[Entity], indexed: set[tuple[int, int]]) -> dict[str, str]:
    """Each capitalised name the model tagged as a placed entity -> that entity; a name two
    placed entities share is left out, and so are a name in capitals ("ALBANY" in a
    headline) and a place's generic head ("City", "Region")."""
    owners: dict[str, str] = {}
    shared: set[str] = set()
    for entity in entities:
        for text in {m.text for m in entity.mentions if (m.start, m.end) in indexed}:
            shouted = text.isupper() and "." not in text and len(text) > 3
            if len(text.replace(".", "")) < 2 or not text[:1].isupper() or shouted or (
                    text.casefold() in _GENERIC):
                continue
            if owners.setdefault(text, entity.id) != entity.id:
                shared.add(text)
    return {text: owner for text, owner in owners.items() if text not in shared}


def _holding_type(entity: Entity, placed: dict[str, bool]) -> str:
    """The entity's type as a holder of names: a name the model calls a place but no
    gazetteer places ("the Richmond Olympic Oval") is an organisation's or a site's."""
    return "ORG" if entity.type == "PLACE" and entity.id not in placed else entity.type


def _a_name(text: str) -> bool:
    """A person's mention written as a name ("Charlotte Graham"), not as a role ("Rome
    police captain", "Slovenia's ambassador")."""
    words = text.split()
    return len(words) <= 4 and all(w[:1].isupper() and not w.endswith(("'s", "’s"))
                                   for w in words)


def _occurrences(text: str, surface: str) -> Iterator[tuple[int, int]]:
    """Where ``surface`` stands as whole words in ``text`` (case as written)."""
    for match in re.finditer(rf"(?<![\w.]){re.escape(surface)}(?!\w)", text):
        yield match.start(), match.end()


def _holder(spans: Sequence[tuple[int, int, str]], start: int, end: int) -> Held:
    """Who holds [start, end), and where the outermost holder's mention starts and ends: ""
    where no mention does, "ORG" where organisations' or groups' mentions do; "other" where
    a person's or a place's does, and None where a mention only overlaps it or is the very
    span (a mention already). ``spans`` are sorted by start."""
    longest = max((e - s for s, e, _ in spans), default=0)
    first = bisect_left(spans, (start - longest,))
    holders: set[str] = set()
    opening, closing = start, end
    for s, e, kind in spans[first:]:
        if s >= end:
            break
        if e <= start:
            continue
        if (s, e) == (start, end) or not (s <= start and end <= e):
            return None, start, end
        holders.add(kind)
        opening, closing = min(opening, s), max(closing, e)
    if not holders:
        return "", start, end
    return ("ORG" if holders <= _HOLDERS else "other"), opening, closing


def _stands_alone(doc: Doc, words: Span) -> bool:
    """Whether ``words``, which no entity covers, name a place on their own (see the
    module's guards)."""
    if any(t.is_alpha and t.pos_ in _NO_NAME for t in words):
        return False
    before = doc[words.start - 1] if words.start > 0 else None
    after = doc[words.end] if words.end < len(doc) else None
    if words[0].is_sent_start and (any(t.pos_ != "PROPN" for t in words if t.is_alpha)
                                   or _a_common_noun(after)):
        return False  # "Nice weather helped", "Mobile phone records"
    return not (_caps_before(before, words[0]) or _caps_after(after))


def _named_after(doc: Doc, words: Span, opening: int, closing: int) -> bool:
    """Whether a town's name inside an organisation's mention ([opening, closing)) stands as
    the town the organisation is named after (see the module's docstring)."""
    before = doc[words.start - 1] if words.start_char > opening else None
    after = doc[words.end] if words.end < len(doc) else None
    if _caps_before(before, words[0]):
        return False
    if after is not None and _LOCAL_WORDS & {after.lower_, after.lemma_.lower()}:
        return True
    lead = doc_chars(doc, opening, words.start_char).split()
    rest = takewhile(lambda t: t.idx < closing, doc[words.end:])
    return all(w.casefold() in LEADING_DROPS for w in lead) and any(
        t.lower_ in _OWN_WORDS for t in rest)


def _street_or_money(doc: Doc, words: Span, end: int, closing: int) -> bool:
    """"DeKalb Ave.", "the Massachusetts Turnpike", "Dublin Center Drive" (a street's word
    next, or anywhere in the rest of the name that holds it), "US$3.7m": a street's or a
    currency's word, not the place."""
    if doc_chars(doc, end, end + 1) == "$":
        return True
    following = doc[words.end:words.end + 1] if closing <= end else takewhile(
        lambda t: t.idx < closing, doc[words.end:])
    return any(t.lower_.rstrip(".") in STREET_WORDS for t in following)


def _caps_before(before: Token | None, first: Token) -> bool:
    """A capitalised word before the name inside a phrase ("Distinctly Dublin")."""
    if before is None or not before.is_alpha or not before.text[:1].isupper():
        return False
    return not (before.is_sent_start or first.is_sent_start or before.is_stop)


def _caps_after(after: Token | None) -> bool:
    """A capitalised word after the name, other than a town's body's ("Dublin Mayor")."""
    if after is None or not after.is_alpha or not after.text[:1].isupper():
        return False
    return after.lower_ not in _LOCAL_WORDS


def _a_common_noun(after: Token | None) -> bool:
    """A lower-case noun after a sentence's first word, other than a town's body's or
    people's ("Mobile phone"; not "Rochester police")."""
    return after is not None and after.pos_ == "NOUN" and after.is_lower and (
        after.lemma_.lower() not in _LOCAL_WORDS)


def _with_mentions(entity: Entity, extra: list[Mention]) -> Entity:
    """``entity`` with the mentions of ``extra`` that none of its mentions covers."""
    fresh = [m for m in extra
             if not any(o.start <= m.start and m.end <= o.end for o in entity.mentions)]
    if not fresh:
        return entity
    return replace(entity, mentions=tuple(sorted((*entity.mentions, *fresh),
                                                 key=lambda m: m.start)))
