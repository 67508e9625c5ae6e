"""Entities: spaCy's names, retyped with gazetteer and actor evidence, merged per real actor.

The stage reads a parsed ``Doc`` and returns ``Entity`` records. It corrects the model by
general means: a name the actor base knows takes the actor's type; a name followed by a place
head ("X valley", "X province") or governed by one ("districts of X") is a place; a name after
a locative preposition that the gazetteer knows is a place; the evidence of all mentions of one
name is pooled, so one name gets one type. Mentions are then merged: same actor in the base,
same name, surname of a full name, or head of a longer name ("the Mujahideen").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from newsledger.geo.names import BARE_BEARINGS, expand_abbreviation
from newsledger.ingest.dateline import normal_case
from newsledger.nlp.actor_base import Actor, ActorBase
from newsledger.nlp.aliases import merge_acronyms, merge_by_leader, merge_epithets
from newsledger.nlp.anaphora import resolve_anaphora
from newsledger.nlp.dateline_places import dateline_places
from newsledger.nlp.embedded import embedded_places, with_embedded_places
from newsledger.nlp.entity_layer import EntityLayer
from newsledger.nlp.evidence import (
    PLACE_BODY_WORDS,
    add_evidence,
    is_role_word,
    names_a_body,
    prior_votes,
    strip_title,
)
from newsledger.nlp.evidence import (
    PLACE_ONLY_PREPOSITIONS as PLACE_ONLY,
)
from newsledger.nlp.groups import GROUP_COMPOUNDS
from newsledger.nlp.lexicon import (
    INSTITUTION_WORDS,
    LEADING_DROPS,
    LOCATIVE_PREPOSITIONS,
    MISC_LABELS,
    NAME_PART_HEADS,
    PLACE_HEADS,
)
from newsledger.nlp.listed_divisions import listed_divisions
from newsledger.nlp.model import doc_text
from newsledger.nlp.name_candidates import (
    NAME_SUFFIXES,
    Candidate,
    name_key,
    repeated_names,
    trim_span,
)
from newsledger.nlp.named_divisions import named_divisions
from newsledger.nlp.phrases import generic_actors, group_phrases, unnamed_people
from newsledger.nlp.role_mentions import role_people
from newsledger.nlp.split_names import join_split_names
from newsledger.nlp.untagged_places import untagged_places
from newsledger.records import Entity, EntityType, Mention

SPACY_TYPES: dict[str, EntityType] = {
    "PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
}
LONE_PLACE_PRIOR = 0.6  # a town of some 30,000 people (geo.prior): "Gainesville", alone
FAMILY_NAME_FIRST = frozenset({"CN", "TW", "HK", "KP", "KR", "VN", "SG", "MO"})
NAMED_PLACE_PRIOR = 0.8  # a province or a city of 300,000: "Tamil Nadu", not "Glen Carbon"
# A lone name that a person of the story bears as a surname, with no place word around it:
# more than the model's word and the gazetteer's prior together (1 + 2).
SURNAME_VOTES = 4
# Heads of names of a place of their own, never the actor named after "of": the Gulf of
# Guinea is no Guinea, the Bight of Benin no Benin, Port of Spain no Spain, the Horn of Africa
# no African Union ("the Coast of Somalia" and "the Islands of Tonga" lie in their country,
# so coasts and islands keep the link)
FEATURE_HEADS = frozenset({"gulf", "bay", "bight", "sea", "strait", "straits", "channel",
                           "cape", "isle", "lake", "horn", "port", "mouth", "delta"})


class EntityRecognizer:
    """Stage: parsed ``Doc`` → ``Entity`` records with canonical names and merged mentions."""

    def __init__(self, actors: ActorBase, place_prior: Callable[[str], float],
                 country_of_word: Callable[[str], str | None],
                 tokenizer: Tokenizer | None = None) -> None:
        self.actors = actors
        self.place_prior = place_prior
        self.country_of_word = country_of_word
        self.tokenizer = tokenizer
        self._matcher: PhraseMatcher | None = None
        self._surnames: frozenset[str] | None = None

    def __call__(self, doc: Doc) -> EntityLayer:
        cands = [c for c in (self._from_ent(ent) for ent in doc.ents) if c is not None]
        cands += self._from_actor_base(doc, cands)
        cands += repeated_names(doc, cands)
        cands += group_phrases(doc, cands)
        cands += unnamed_people(doc, cands)
        cands += generic_actors(doc, cands)
        cands += role_people(doc, cands)
        cands += dateline_places(doc, cands, self.place_prior)
        cands += named_divisions(doc, cands, self.place_prior)
        cands += untagged_places(doc, cands, self.place_prior, self._public_surnames(),
                                 self.country_of_word)
        cands = listed_divisions(doc, cands, self.place_prior)
        cands.sort(key=lambda c: c.start)
        cands = join_split_names(doc_text(doc), cands, self.place_prior)
        self._places_named_as_people(cands, doc)
        self._pool_types(cands)
        merge_mentions(cands, doc)
        cands += resolve_anaphora(doc, cands)
        cands.sort(key=lambda c: c.start)
        return with_embedded_places(build_layer(cands),
                                    embedded_places(cands, doc, self.place_prior))

    def _from_ent(self, ent: Span) -> Candidate | None:
        span = trim_span(ent)
        if span is None or not any(ch.isalpha() for ch in span.text):
            return None  # a number or a sign; "U.S." and "D.C." are one token each, not alpha
        if span.text.islower() or all(is_role_word(t) for t in span):
            return None  # "secretary of state", "Commanding Officer": roles, not names
        if _opens_a_group_noun(span):
            return None  # "Riot police officers beat ...": a group, named by what it is
        title = None
        titled = False
        if ent.label_ == "PERSON":
            untitled, title = strip_title(span)
            titled, span = untitled.start > span.start, untitled
        text = span.text
        actor = self._actor_for(text)
        label = SPACY_TYPES.get(ent.label_)
        if label is None and actor is None and ent.label_ in MISC_LABELS and (
                self._mislabelled_place(span)):
            label = "PLACE"  # "a visit to Tunis", labelled a nationality
        if label == "PLACE" and name_key(text) in BARE_BEARINGS:
            return None  # "the West", "Kansas City, North": a direction, no place to resolve
        if label is None:
            if ent.label_ not in MISC_LABELS or actor is None or actor.type == "PLACE":
                return None
            label = "ORG" if actor.type == "ORG" else "PERSON"
        cand = Candidate(span.start_char, span.end_char, text, label, actor=actor, title=title)
        cand.votes[label] += 1
        cand.votes["PERSON"] += 2 if titled else 0  # "Mr. Paris", "Sgt. Jackson"
        add_evidence(cand, span, self.place_prior)
        if ent.label_ == "FAC" and actor is None and names_a_body(span):
            cand.votes["ORG"] += 3  # "the Edgar County Sheriff's Department", a facility
        elif label == "PLACE" and actor is None and names_a_body(span, PLACE_BODY_WORDS) and (
                self.place_prior(text) == 0.0):
            cand.votes["ORG"] += 3  # "the Guernsey County Common Pleas Court", no place
        return cand

    def _mislabelled_place(self, span: Span) -> bool:
        """A proper name the model labels a nationality or another kind of thing that is no
        people's or country's word ("Tunis"; not "Kurds", "Afghan") and is a province or a
        city of 300,000, or a town of some 30,000 after "in", "to", "near" ("a visit to
        Tunis"; not "the Cherokee", a people and a county)."""
        if not (all(t.tag_ in ("NNP", "NNPS") for t in span)
                and not any(ch.isdigit() for ch in span.text)
                and self.country_of_word(span.text) is None):
            return False
        prior = self.place_prior(span.text)
        locative = span.root.dep_ == "pobj" and _locative_before(span.doc, span.start)
        return prior >= NAMED_PLACE_PRIOR or (locative and prior >= LONE_PLACE_PRIOR)

    def _from_actor_base(self, doc: Doc, named: list[Candidate]) -> list[Candidate]:
        """Organisations of the actor base that the model did not tag ("Islamic State
        fighters"): matched case-sensitively on the tokens, longest match first."""
        matcher = self._actor_matcher(doc)
        if matcher is None:
            return []
        spans = filter_spans([doc[s:e] for _id, s, e in matcher(doc)])
        found = []
        for span in spans:
            if any(c.start < span.end_char and span.start_char < c.end for c in named):
                continue
            actor = self.actors.lookup(span.text)
            if actor is None or actor.type != "ORG":
                continue
            cand = Candidate(span.start_char, span.end_char, span.text, "ORG", actor=actor)
            add_evidence(cand, span, self.place_prior)
            found.append(cand)
        return found

    def _actor_matcher(self, doc: Doc) -> PhraseMatcher | None:
        if self._matcher is None and self.tokenizer is not None:
            names = [n for n, a in self.actors.names() if a.type == "ORG" and _distinctive(n)]
            self._matcher = PhraseMatcher(doc.vocab, attr="ORTH")
            self._matcher.add("ACTOR", list(self.tokenizer.pipe(names)))
        return self._matcher

    def _actor_for(self, text: str) -> Actor | None:
        actor = self.actors.lookup(text)
        head, of, rest = text.partition(" of ")
        words = head.split()
        if actor is None and of and words and words[-1].lower() not in FEATURE_HEADS:
            actor = self.actors.lookup(rest)  # "Mujahideen of the Islamic Emirate"
        if actor is not None and actor.type == "PERSON" and " " not in text.strip():
            return None  # a lone given name or surname is too weak to link to a leader
        return actor

    def _places_named_as_people(self, cands: list[Candidate], doc: Doc) -> None:
        """Lone names between a person and a place, by the gazetteer and the actor base.

        A name the model calls a person that no person of the story bears and that the
        gazetteer knows as a town of some size ("protecting Gainesville as an inclusive
        city", "between Tamil Nadu and Karnataka") is a place: news introduces a person by
        full name or title before a lone surname. A word of a longer name of the story
        ("Jackson" after "Janet Jackson"), a title, an actor or a public figure's surname
        ("Clinton") keeps it a person. The other way, a lone name the model calls a place
        with no place word around it is the person when a person of the story bears it as
        a surname ("Clinton's candidacy" after "Hillary Clinton"), or when it is a public
        figure's surname and no notable place ("Macron", "Omar")."""
        full_names = {c.key: set(_name_words(c.text)) for c in cands
                      if c.kind == "name" and len(_name_words(c.text)) > 1 and (
                          c.type == "PERSON" or (c.type == "ORG" and _like_a_person(c.text)))}
        surnames = self._public_surnames()
        for c in cands:
            if c.type not in ("PERSON", "PLACE") or c.kind != "name" or c.actor is not None:
                continue
            words = _name_words(c.text)
            borne = any(set(words) & other for key, other in full_names.items() if key != c.key)
            if borne and len(words) == 1 and c.place_key is None and _a_person_bears(
                    words[0], cands):
                c.votes["PERSON"] += self._surname_votes(c, doc)
            if not words or borne or c.title or c.place_key is not None:
                continue
            prior = self.place_prior(c.text)
            public = len(words) == 1 and words[0] in surnames
            if c.type == "PLACE":
                if public and prior < LONE_PLACE_PRIOR and c.votes["PLACE"] <= 2:
                    c.votes["PERSON"] += 3
            elif not public and c.votes["PERSON"] <= 1 and prior >= (
                    LONE_PLACE_PRIOR if len(words) == 1 else NAMED_PLACE_PRIOR):
                c.votes["PLACE"] += 2

    def _surname_votes(self, c: Candidate, doc: Doc) -> int:
        """Votes for the person of the story whose surname a lone name is. Typed a place
        on the model's word and the gazetteer's prior alone, with no place word before it,
        and no province or city of 300,000 ("Clinton's candidacy", "Garland is Obama's
        nominee"; not "Washington imposed sanctions"); typed a person but given a place's
        votes by a preposition that also takes people ("comment from Clinton")."""
        prior = self.place_prior(c.text)
        if c.type == "PLACE":
            bare = c.votes["PLACE"] <= 1 + prior_votes(prior)
            local = _after_locative(doc, c)
            return SURNAME_VOTES if bare and not local and prior < NAMED_PLACE_PRIOR else 0
        placed = c.votes["PLACE"] > 0 and not _after_locative(doc, c, PLACE_ONLY)
        return SURNAME_VOTES if c.type == "PERSON" and placed else 0

    def _public_surnames(self) -> frozenset[str]:
        """The family names of the actor base's people: the last word of each full name,
        and the first of East Asian names ("Xi Jinping")."""
        if self._surnames is None:
            found: set[str] = set()
            for actor in self.actors:
                words = _name_words(actor.name) if actor.type == "PERSON" else []
                if len(words) > 1:
                    found.add(words[-1])
                    if actor.country in FAMILY_NAME_FIRST:
                        found.add(words[0])
            self._surnames = frozenset(found)
        return self._surnames

    def _pool_types(self, cands: Iterable[Candidate]) -> None:
        """One name, one type: sum the votes of every mention sharing a key."""
        pooled: dict[str, Counter[str]] = {}
        for c in cands:
            pooled.setdefault(c.key, Counter()).update(c.votes)
        for c in cands:
            votes = pooled[c.key]
            best, _ = max(votes.items(), key=lambda kv: (kv[1], kv[0] == c.type))
            c.type = best  # type: ignore[assignment]


def _distinctive(name: str) -> bool:
    """A name worth matching in running text: capitalised, and not a short word."""
    return len(name) >= 3 and name[0].isupper() and not name.isdigit()


# Last words of organisation names that name a kind, not one organisation ("the Ministry").
GENERIC_ORG_HEADS = frozenset({
    "ministry", "department", "party", "council", "army", "police", "office", "agency",
    "court", "committee", "commission", "government", "union", "university", "service",
    "forces", "force", "group", "front", "movement", "organization", "organisation", "bank",
    "company", "corporation", "association", "institute", "center", "centre", "house",
    "assembly", "parliament", "senate", "congress", "command", "brigade", "network", "news",
})
def merge_mentions(cands: list[Candidate], doc: Doc) -> None:
    """Assign ``group`` numbers so that one group is one real-world entity."""
    groups: dict[str, int] = {}
    for c in cands:
        c.group = groups.setdefault(c.key, len(groups))
    merge_acronyms(cands, doc_text(doc))
    merge_epithets(cands, doc_text(doc))
    merge_by_leader(cands)
    by_group: dict[int, list[Candidate]] = {}
    for c in cands:
        by_group.setdefault(c.group, []).append(c)
    for c in cands:
        words = _name_words(c.text)
        if len(words) != 1 or c.actor is not None or c.kind != "name":
            continue
        target = _longer_name_for(words[0], c, by_group)
        if target is not None:
            c.group = target
            c.type = by_group[target][0].type


def _after_locative(doc: Doc, cand: Candidate,
                    prepositions: frozenset[str] = LOCATIVE_PREPOSITIONS) -> bool:
    """Whether a locative preposition stands before the name ("in Jackson", "to the Bronx");
    with ``PLACE_ONLY``, one that takes no person ("in", "near"; not "from", "to", "at")."""
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    return span is not None and _locative_before(doc, span.start, prepositions)


def _locative_before(doc: Doc, start: int,
                     prepositions: frozenset[str] = LOCATIVE_PREPOSITIONS) -> bool:
    """Whether a locative preposition stands before token ``start``, determiners skipped."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in LEADING_DROPS:
        i -= 1
    return i >= 0 and doc[i].lower_ in prepositions


def _a_person_bears(word: str, cands: list[Candidate]) -> bool:
    """Whether a person's full name of the story ends with ``word``."""
    return any(c.type == "PERSON" and len(_name_words(c.text)) > 1
               and _name_words(c.text)[-1] == word for c in cands)


def _opens_a_group_noun(span: Span) -> bool:
    """A single capitalised word opening a sentence that with the next word makes a group's
    noun ("Riot police", "Security forces": ``groups.GROUP_COMPOUNDS``), which the model
    takes for a name."""
    doc = span.doc
    if len(span) != 1 or not span[0].is_sent_start or span.end >= len(doc):
        return False
    return (span[0].lower_, doc[span.end].lemma_.lower()) in GROUP_COMPOUNDS


def _like_a_person(text: str) -> bool:
    """An organisation-labelled name with no institution or place word: a person's name
    that the model mislabelled ("Keith Lamont Scott"), not "Gainesville City Commission"."""
    words = text.lower().split()
    return not any(w in INSTITUTION_WORDS or w in PLACE_HEADS for w in words)


def _unplaced_name(mentions: list[Candidate]) -> bool:
    """A name typed PLACE on the model's word alone in every mention, with no gazetteer
    reading or place word behind it: a person's surname ("Grannum's girlfriend") when a
    person bears it."""
    return all(c.votes["PLACE"] <= 1 and c.place_key is None for c in mentions)


def _name_words(text: str) -> list[str]:
    """The words of a name's key, an apostrophe inside a name joining its parts ("O'Neill"
    is one word, as "O’Neill" is)."""
    text = re.sub(r"['’]s\b", "", text)
    return name_key(re.sub(r"(?<=\w)['’](?=\w)", "", text)).split()


def _longer_name_for(
    word: str, cand: Candidate, by_group: dict[int, list[Candidate]]
) -> int | None:
    """The one group whose longer name ends (person) or starts (group name) with ``word``."""
    hits = set()
    for gid, members in by_group.items():
        if gid == cand.group:
            continue
        for m in members:
            words = _name_words(m.text)
            while len(words) > 2 and words[-1] in NAME_SUFFIXES:  # "Patrick W. Carlineo Jr."
                words.pop()
            if len(words) < 2 or m.kind != "name":
                continue
            surname = (m.type == "PERSON" and words[-1] == word
                       and (cand.type in {"PERSON", "ORG"}
                            or (cand.type == "PLACE"
                            and _unplaced_name(by_group.get(cand.group, [cand])))))
            # "The San Francisco Chronicle ... The Chronicle says": an outlet by its last word
            surname |= m.type == "ORG" and cand.type != "PLACE" and words[-1] == word and (
                word not in GENERIC_ORG_HEADS)
            group_head = (m.type == "ORG" and cand.type != "PLACE" and words[0] == word
                          and len(words) > 2)  # not "Decatur" of "Decatur Herald-Review"
            if surname or group_head:
                hits.add(gid)
    return hits.pop() if len(hits) == 1 else None


def build_layer(cands: list[Candidate]) -> EntityLayer:
    """Entity records from grouped candidates, numbered in order of first mention."""
    order: list[int] = []
    members: dict[int, list[Candidate]] = {}
    for c in cands:
        if c.group not in members:
            order.append(c.group)
        members.setdefault(c.group, []).append(c)
    ids = {gid: f"E{n}" for n, gid in enumerate(order, start=1)}
    entities = tuple(_entity(ids[gid], members[gid]) for gid in order)
    spans = tuple(sorted((c.start, c.end, ids[c.group]) for c in cands))
    return EntityLayer(entities, spans)


def _in_capitals(text: str) -> bool:
    """A name written in capitals ("TORRINGTON", a dateline or a headline's), not an
    acronym ("UAE", "U.S.")."""
    return text.isupper() and sum(ch.isalpha() for ch in text) > 4


def _entity(eid: str, mentions: list[Candidate]) -> Entity:
    """One entity from its group; anaphors ("the group", "he") are mentions only, never a
    name, an alias or a vote on the type."""
    members = [m for m in mentions if m.kind != "anaphor"] or mentions
    etype = Counter(m.type for m in members).most_common(1)[0][0]
    actor = next((m.actor for m in members if m.actor is not None), None)
    texts = list(dict.fromkeys(m.text for m in members))
    if actor is not None and actor.type == etype:
        name = actor.name
    elif etype == "PLACE":  # the shortest, written as names are rather than in capitals
        name = min(texts, key=lambda t: (len(_strip_place_head(t)), _in_capitals(t), t))
        name = expand_abbreviation(_strip_place_head(name))  # "Wis." is Wisconsin
        name = normal_case(name) if _in_capitals(name) else name  # a dateline: "TORRINGTON"
        name = next((m.implied for m in members if m.implied), name)  # "Harper County"
    else:
        name = max(texts, key=lambda t: (len(t.split()), -texts.index(t)))
    aliases = [t for t in texts if t != name]
    if actor is not None:
        aliases += [a for a in actor.aliases[:8] if a not in aliases and a != name]
    title = next((m.title for m in members if m.title), None) if etype == "PERSON" else None
    return Entity(
        id=eid,
        name=name,
        type=etype,
        mentions=tuple(Mention(m.start, m.end, m.text) for m in mentions),
        aliases=tuple(aliases),
        role=title,
        kb_id=actor.id if actor is not None else None,
    )


def _strip_place_head(text: str) -> str:
    """A place's name without the head after it ("Panjshir province": Panjshir); "Mexico
    City" keeps its "City"."""
    words = text.split()
    if len(words) > 1 and words[-1].lower() in PLACE_HEADS and not (
            words[-1].lower() in NAME_PART_HEADS and words[-1][:1].isupper()):
        return " ".join(words[:-1])
    return text


__all__ = ["Candidate", "EntityLayer", "EntityRecognizer", "build_layer", "name_key"]
