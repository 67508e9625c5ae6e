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
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from newsledger.nlp.actor_base import Actor, ActorBase
from newsledger.nlp.lexicon import (
    GROUP_HEADS,
    LEADING_DROPS,
    LOCATIVE_PREPOSITIONS,
    MEMBER_NOUNS,
    PLACE_HEADS,
    ROLE_NOUNS,
    SPEECH_VERBS,
)
from newsledger.records import Entity, EntityType, Mention

SPACY_TYPES: dict[str, EntityType] = {
    "PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
}
MISC_LABELS = frozenset({"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "NORP"})
PLACE_PRIOR_THRESHOLD = 0.3


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
    group: int = -1

    @property
    def key(self) -> str:
        if self.actor is not None:
            return f"actor:{self.actor.id}"
        return self.place_key or name_key(self.text)


def _distinctive(name: str) -> bool:
    """A name worth matching in running text: capitalised, and not a short word."""
    return len(name) >= 3 and name[0].isupper() and not name.isdigit()


def trim_span(span: Span) -> Span | None:
    """Drop leading determiners and a trailing possessive or punctuation from a name span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in LEADING_DROPS or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"
                           or doc[end - 1].lower_ in {"'s", "’s"}):
        end -= 1
    return doc[start:end] if end > start else None


class EntityRecognizer:
    """Stage: parsed ``Doc`` → ``Entity`` records with canonical names and merged mentions."""

    def __init__(self, actors: ActorBase, place_prior: Callable[[str], float],
                 tokenizer: Tokenizer | None = None) -> None:
        self.actors = actors
        self.place_prior = place_prior
        self.tokenizer = tokenizer
        self._matcher: PhraseMatcher | None = None

    def __call__(self, doc: Doc) -> EntityLayer:
        cands = [c for c in (self._from_ent(ent) for ent in doc.ents) if c is not None]
        cands += self._from_actor_base(doc, cands)
        cands += self._group_phrases(doc, cands)
        cands += unnamed_people(doc, cands)
        cands += generic_actors(doc, cands)
        cands.sort(key=lambda c: c.start)
        self._pool_types(cands)
        merge_mentions(cands, doc)
        return build_layer(cands)

    def _from_ent(self, ent: Span) -> Candidate | None:
        span = trim_span(ent)
        if span is None or not any(t.is_alpha for t in span):
            return None
        text = span.text
        actor = self._actor_for(text)
        label = SPACY_TYPES.get(ent.label_)
        if label is None:
            if ent.label_ not in MISC_LABELS or actor is None or actor.type == "PLACE":
                return None
            label = "ORG" if actor.type == "ORG" else "PERSON"
        cand = Candidate(span.start_char, span.end_char, text, label, actor=actor)
        cand.votes[label] += 1
        self._add_evidence(cand, span)
        return cand

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
            self._add_evidence(cand, span)
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
        if actor is None and " of " in text:  # "Mujahideen of the Islamic Emirate"
            actor = self.actors.lookup(text.split(" of ", 1)[1])
        if actor is not None and actor.type == "PERSON" and " " not in text.strip():
            return None  # a lone given name or surname is too weak to link to a leader
        return actor

    def _add_evidence(self, cand: Candidate, span: Span) -> None:
        """Votes from the actor base, place heads around the name, and the gazetteer."""
        if cand.actor is not None:
            cand.votes[cand.actor.type] += 3
        last = span[-1]
        if last.lower_ in PLACE_HEADS and len(span) > 1:
            cand.votes["PLACE"] += 3
            cand.place_key = name_key(span[:-1].text)
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        if nxt is not None and nxt.lower_ in PLACE_HEADS and nxt.pos_ in {"NOUN", "PROPN"}:
            cand.votes["PLACE"] += 3
        if governed_by_place_head(span.root):
            cand.votes["PLACE"] += 2
        prev = span.doc[span.start - 1] if span.start > 0 else None
        locative = prev is not None and prev.lower_ in LOCATIVE_PREPOSITIONS
        if locative and cand.type == "PERSON" and len(span) == 1 and span.root.dep_ == "pobj":
            cand.votes["PLACE"] += 2  # "offensives on Khawak": a lone name after "on", "in"
        prior = self.place_prior(cand.place_key or span.text)
        if prior >= PLACE_PRIOR_THRESHOLD and (locative or cand.type == "PLACE"):
            cand.votes["PLACE"] += 1 + int(prior >= 0.7)

    def _group_phrases(self, doc: Doc, named: list[Candidate]) -> list[Candidate]:
        """Organisations named by a common noun phrase ("the resistance front") where the
        syntax says a group is meant: the object of a role or member noun ("a spokesman of
        X", "the forces of X"). The phrase must carry a group head and not overlap a name."""
        taken = [(c.start, c.end) for c in named]
        found: list[Candidate] = []
        for tok in doc:
            if tok.dep_ != "pobj" or tok.head.lower_ != "of":
                continue
            owner = tok.head.head
            if owner.lower_ not in MEMBER_NOUNS and owner.lemma_.lower() not in ROLE_NOUNS:
                continue
            span = _group_span(doc, tok)
            if span is None or len(span) < 2 or any(t.ent_type_ for t in span):
                continue
            if any(s < span.end_char and span.start_char < e for s, e in taken):
                continue
            cand = Candidate(span.start_char, span.end_char, span.text.lower(), "ORG",
                             leader=leader_of(tok))
            cand.votes["ORG"] += 2
            found.append(cand)
        return found

    def _pool_types(self, cands: Iterable[Candidate]) -> None:
        """One name, one type: sum the votes of every mention sharing a key."""
        pooled: dict[str, Counter[str]] = {}
        for c in cands:
            pooled.setdefault(c.key, Counter()).update(c.votes)
        for c in cands:
            votes = pooled[c.key]
            best, _ = max(votes.items(), key=lambda kv: (kv[1], kv[0] == c.type))
            c.type = best  # type: ignore[assignment]


def _group_span(doc: Doc, obj: Token) -> Span | None:
    """The group phrase ending at the last group head before or at ``obj``: "a resistance
    front" in "the forces of a resistance front led by ..." even when the parse errs."""
    heads = [t for t in doc[obj.left_edge.i: obj.i + 1] if t.lemma_.lower() in GROUP_HEADS]
    if not heads:
        return None
    return trim_span(doc[obj.left_edge.i: heads[-1].i + 1])


ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
BARE_ACTORS = frozenset({"police", "army", "military", "government", "troops", "rebels"})
DESCRIPTIVE = frozenset(
    {"local", "armed", "security", "government", "rebel", "opposition", "federal", "national",
     "regular", "paramilitary", "special", "allied", "foreign", "tribal", "islamist",
     "jihadist", "separatist", "militia", "resistance", "coalition", "state", "riot"}
)
LEAD_WORDS = frozenset({"led", "lead", "headed", "commanded", "run"})


HEDGE_MODIFIERS = frozenset({"called", "so", "-", "alleged", "self", "styled"})


def _names_inside(span: Span, cand: Candidate) -> bool:
    """Whether a named mention stands in the phrase as a name, not as "anti-X" / "pro-X"."""
    if not (cand.start < span.end_char and span.start_char < cand.end):
        return False
    before = span.doc.text[max(span.start_char, cand.start - 5): cand.start].lower()
    return not before.rstrip("- ").endswith(("anti", "pro"))


def _acting(tok: Token) -> bool:
    """A noun that acts or is acted on: subject, object, agent, one of "between X and Y"."""
    if tok.dep_ in ACTOR_DEPS:
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ in {"by", "between"}:
        return True
    return tok.dep_ == "conj" and _acting(tok.head)


def _describes_group(mod: Token) -> bool:
    if mod.ent_type_ == "NORP" or mod.pos_ == "PROPN" or mod.dep_ == "compound":
        return True
    text = mod.lower_
    hyphened = mod.i >= 2 and mod.nbor(-1).text == "-" and mod.nbor(-2).lower_ in {"anti", "pro"}
    return text in DESCRIPTIVE or text.startswith(("anti", "pro")) or hyphened


def leader_of(head: Token) -> str | None:
    """"... led by Ahmad Massoud": the leader's name, a key to tell two descriptions of one
    group apart from two groups."""
    for tok in head.subtree:
        if tok.lower_ == "by" and (tok.head.lower_ in LEAD_WORDS or tok.head is head):
            obj = next((c for c in tok.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None)
            if obj is not None:
                return name_key(obj.doc[obj.left_edge.i: obj.i + 1].text)
    return None


def generic_actors(doc: Doc, named: list[Candidate]) -> list[Candidate]:
    """Groups named by what they are, as ACLED names them: "Russian forces", "government
    forces", "Somali soldiers", "police": a group noun that acts or is acted on, with a
    nationality or descriptive modifier (or a bare "police", "army")."""
    found: list[Candidate] = []
    for tok in doc:
        head = tok.lemma_.lower()
        if head not in GROUP_HEADS | MEMBER_NOUNS or head == "group" or tok.pos_ != "NOUN":
            continue
        mods = [c for c in tok.lefts if c.dep_ in {"amod", "compound", "nmod"}
                and c.lower_ not in HEDGE_MODIFIERS]
        if not _acting(tok) or not all(_describes_group(m) for m in mods):
            continue
        if not (mods or tok.lower_ in BARE_ACTORS):
            continue
        start = min([m.i for m in mods], default=tok.i)
        span = doc[start: tok.i + 1]
        if any(_names_inside(span, c) for c in named + found):
            continue
        cand = Candidate(span.start_char, span.end_char, span.text, "ORG",
                         leader=leader_of(tok))
        cand.votes["ORG"] += 1
        found.append(cand)
    return found


def unnamed_people(doc: Doc, named: list[Candidate]) -> list[Candidate]:
    """People the model missed: a title-case name of two to four words that has a role in
    apposition ("Fahim Dashti, a spokesman of ...") or is the subject of a speech verb."""
    found: list[Candidate] = []
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.ent_type_ or tok.dep_ == "compound" or not tok.is_title:
            continue
        words = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if not 1 <= len(words) <= 3 or not all(w.is_title and not w.ent_type_ for w in words):
            continue
        role = any(c.dep_ == "appos" and c.lemma_.lower() in ROLE_NOUNS for c in tok.children)
        speaks = tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SPEECH_VERBS
        if not (role or speaks):
            continue
        span = doc[words[0].i: tok.i + 1]
        if any(c.start < span.end_char and span.start_char < c.end for c in named):
            continue
        cand = Candidate(span.start_char, span.end_char, span.text, "PERSON")
        cand.votes["PERSON"] += 2
        found.append(cand)
    return found


def governed_by_place_head(tok: Token) -> bool:
    """True for X in "the districts of X", "the province of X", "the valley of X"."""
    head = tok.head
    return (tok.dep_ == "pobj" and head.lower_ == "of"
            and head.head.lemma_.lower() in PLACE_HEADS)


ALIAS_CUES = ("known as", "dubbed", "nicknamed", "aka", "also called")


def merge_mentions(cands: list[Candidate], doc: Doc) -> None:
    """Assign ``group`` numbers so that one group is one real-world entity."""
    groups: dict[str, int] = {}
    for c in cands:
        c.group = groups.setdefault(c.key, len(groups))
    _merge_epithets(cands, doc.text)
    _merge_by_leader(cands)
    by_group: dict[int, list[Candidate]] = {}
    for c in cands:
        by_group.setdefault(c.group, []).append(c)
    for c in cands:
        words = name_key(c.text).split()
        if len(words) != 1 or c.actor is not None:
            continue
        target = _longer_name_for(words[0], c, by_group)
        if target is not None:
            c.group = target
            c.type = by_group[target][0].type


def _merge_by_leader(cands: list[Candidate]) -> None:
    """Two descriptions of a group led by the same named person are one group."""
    first: dict[str, int] = {}
    for c in cands:
        if c.leader is None or c.type != "ORG":
            continue
        target = first.setdefault(c.leader, c.group)
        if target != c.group:
            old = c.group
            for other in cands:
                if other.group == old:
                    other.group = target


def _merge_epithets(cands: list[Candidate], text: str) -> None:
    """"X, who was known as the Lion of Y": the epithet is another name of the last person."""
    last_person: Candidate | None = None
    for c in cands:
        before = text[max(0, c.start - 20): c.start].lower().rstrip()
        before = re.sub(r"\b(the|a|an)$", "", before).rstrip()
        if last_person is not None and before.endswith(ALIAS_CUES):
            c.group, c.type = last_person.group, "PERSON"
        elif c.type == "PERSON":
            last_person = c


def _longer_name_for(
    word: str, cand: Candidate, by_group: dict[int, list[Candidate]]
) -> int | None:
    """The one group whose longer name ends (person) or starts (group name) with ``word``."""
    hits = set()
    for gid, members in by_group.items():
        if gid == cand.group:
            continue
        for m in members:
            words = name_key(m.text).split()
            if len(words) < 2:
                continue
            surname = m.type == "PERSON" and cand.type == "PERSON" and words[-1] == word
            group_head = m.type == "ORG" and words[0] == word and len(words) > 2
            if surname or group_head:
                hits.add(gid)
    return hits.pop() if len(hits) == 1 else None


@dataclass(frozen=True)
class EntityLayer:
    """The entities of one document and where each of their mentions stands."""

    entities: tuple[Entity, ...]
    spans: tuple[tuple[int, int, str], ...]  # (start, end, entity id), sorted by start

    def at(self, start: int, end: int) -> str | None:
        """The entity with a mention overlapping [start, end), the longest overlap first."""
        best, best_len = None, 0
        for s, e, eid in self.spans:
            if s >= end:
                break
            overlap = min(e, end) - max(s, start)
            if overlap > best_len:
                best, best_len = eid, overlap
        return best

    def get(self, eid: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == eid), None)

    def replace(self, entities: Iterable[Entity]) -> EntityLayer:
        return EntityLayer(tuple(entities), self.spans)


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


def _entity(eid: str, members: list[Candidate]) -> Entity:
    etype = Counter(m.type for m in members).most_common(1)[0][0]
    actor = next((m.actor for m in members if m.actor is not None), None)
    texts = list(dict.fromkeys(m.text for m in members))
    if actor is not None and actor.type == etype:
        name = actor.name
    elif etype == "PLACE":
        name = min(texts, key=lambda t: (len(_strip_place_head(t)), t))
        name = _strip_place_head(name)
    else:
        name = max(texts, key=lambda t: (len(t.split()), -texts.index(t)))
    aliases = [t for t in texts if t != name]
    if actor is not None:
        aliases += [a for a in actor.aliases[:8] if a not in aliases and a != name]
    return Entity(
        id=eid,
        name=name,
        type=etype,
        mentions=tuple(Mention(m.start, m.end, m.text) for m in members),
        aliases=tuple(aliases),
        kb_id=actor.id if actor is not None else None,
    )


def _strip_place_head(text: str) -> str:
    words = text.split()
    if len(words) > 1 and words[-1].lower() in PLACE_HEADS:
        return " ".join(words[:-1])
    return text


__all__ = ["Candidate", "EntityLayer", "EntityRecognizer", "build_layer", "name_key"]
