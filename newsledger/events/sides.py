"""Sides: which group a participant, a pronoun or "the other side" stands for.

A claim's speaker stands for a side: an organisation speaks for itself, a person for their
affiliation. "We", "our" in a claim are the speaker's side; "the other side", "the enemy"
are the side the speaker's side fights in this document; "them", "their" are the side last
named. Who fights whom is learnt from the events that name both sides.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from newsledger.events.triggers import FAMILY_OF_TYPE
from newsledger.nlp.entity_layer import EntityLayer
from newsledger.records import Claim

OWN_SIDE = frozenset({"we", "our", "us", "ours"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
LAST_SIDE = frozenset({"them", "their", "they", "theirs"})
OTHER_SIDE_HEADS = frozenset({"side", "enemy", "enemies", "opponent", "opponents", "adversary"})
TWO_SIDED = frozenset({"ARMED_CLASH", "ATTACK", "AIR_STRIKE", "ART_MISS_ATTACK"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
ACTOR_TYPES = frozenset({"ORG", "PERSON", "GROUP"})
PROTESTER_GROUPS = frozenset({"protesters", "demonstrators", "marchers", "rioters"})
NAMING_VERBS = frozenset({"identify", "name"})  # "the suspect, identified as X"
LEADERSHIP_WORDS = frozenset({"led", "lead", "headed"})  # "a resistance front led by X"
# Modifiers of a counted noun that may name its side: "two US service members".
SIDE_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
# Dependents that are no part of a noun phrase's own words: conjuncts, relative clauses.
PHRASE_BREAK_DEPS = frozenset({"conj", "cc", "relcl"})
# Nouns for a person's political body: "most of them affiliated with Nino Burjanadze's party"
# counts the party's people, the side of the party Burjanadze leads.
BODY_NOUNS = frozenset({"party", "movement", "bloc", "faction", "organization", "organisation",
                        "coalition", "alliance", "militia"})


class SideResolver:
    """Resolves participant words to entity ids within one document."""

    def __init__(self, layer: EntityLayer, claims: tuple[Claim, ...]) -> None:
        self.layer = layer
        self.claims = claims
        self.opponents: Counter[tuple[str, str]] = Counter()
        self.last_side: str | None = None
        self.parties: set[str] = set()

    def speaker_side(self, claim: Claim | None) -> str | None:
        speaker = self.layer.get(claim.speaker) if claim is not None else None
        if speaker is None:
            return None
        return speaker.id if speaker.type == "ORG" else speaker.affiliation

    def entities_in(self, tok: Token, claim: Claim | None) -> list[str]:
        """Organisations and people named by the noun phrase headed by ``tok``."""
        if tok.lower_ in OWN_SIDE:
            side = self.speaker_side(claim)
            return [side] if side else []
        if tok.lower_ == "it" and tok.dep_ in {"nsubj", "nsubjpass"}:
            # "The army command says it has regained ...": the last group named before
            last = self._last_before(tok.idx, {"ORG"}, reach=300)
            return [last] if last else []
        if tok.lower_ in PERSON_PRONOUNS:  # "He was arrested in April": the last person named
            mentioned = self.layer.at(tok.idx, tok.idx + len(tok))
            person = mentioned or self._last_person_before(tok)
            return [person] if person else []
        if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl" and tok.head.head != tok:
            return self.entities_in(tok.head.head, claim)  # "leaders of X who led a march"
        words = _phrase(tok)
        found: list[str] = []
        for t in words:
            eid = self.layer.at(t.idx, t.idx + len(t))
            entity = self.layer.get(eid)
            if entity is not None and entity.type in ACTOR_TYPES and eid not in found:
                found.append(entity.id)
        named = [e for e in found if (g := self.layer.get(e)) is not None and g.type != "GROUP"]
        if not named and (person := self._named_as(tok)) is not None:
            return [person]  # "The suspect, who has been identified as Paul Floyd, ..."
        found = named or found  # "Taliban fighters": the Taliban, not "fighters"
        return found[:1] if found and self._is_person_led(words) else found

    def _named_as(self, tok: Token) -> str | None:
        """The person a described participant is named as: an apposition ("the victim,
        Stephon Clark,") or a clause "identified as" / "named as" X."""
        for child in tok.children:
            if child.dep_ == "appos":
                candidates = [child]
            elif child.dep_ in {"relcl", "acl"} and child.lemma_.lower() in NAMING_VERBS:
                candidates = [g for p in child.children if p.lower_ == "as"
                              for g in p.children if g.dep_ == "pobj"]
            else:
                continue
            for word in candidates:
                entity = self.layer.get(self.layer.at(word.idx, word.idx + len(word)))
                if entity is not None and entity.type == "PERSON":
                    return entity.id
        return None

    def _last_person_before(self, tok: Token, reach: int = 400) -> str | None:
        """The person a pronoun stands for: the last one named or described before it ("The
        man ran from the station. The Chronicle says he was arrested")."""
        for start, end, eid in reversed(self.layer.spans):
            if start >= tok.idx:
                continue
            entity = self.layer.get(eid)
            if tok.idx - start >= reach or entity is None:
                return None
            if entity.type == "PERSON":
                return eid
            words = tok.doc.char_span(start, end, alignment_mode="expand")
            if entity.type == "GROUP" and words is not None and words.root.tag_ == "NN":
                return eid  # one person described: "the man", "the suspect"
        return None

    def _last_before(self, pos: int, types: set[str], reach: int = 400) -> str | None:
        """The entity of ``types`` named last before ``pos``, within ``reach`` characters."""
        for start, _end, eid in reversed(self.layer.spans):
            entity = self.layer.get(eid)
            if start < pos and pos - start < reach and entity is not None and (
                    entity.type in types):
                return eid
        return None

    def _is_person_led(self, words: list[Token]) -> bool:
        """"a resistance front led by X": the group, not its leader, takes part."""
        return any(t.lower_ in LEADERSHIP_WORDS for t in words)

    def side_of(self, tok: Token, claim: Claim | None) -> str | None:
        """The side a figure counts."""
        low = tok.lower_
        if low in LAST_SIDE:
            return self.last_side
        side: str | None
        if low in OTHER_SIDE_HEADS or (tok.lemma_.lower() in OTHER_SIDE_HEADS and any(
                c.lower_ in {"other", "enemy"} for c in tok.children)):
            side = self.opponent_of(self.speaker_side(claim))
        else:
            found = self._speakers_own(tok, claim) or self.entities_in(tok, claim)
            if not found and tok.dep_ in SIDE_MODIFIER_DEPS:
                found = self.entities_in(tok.head, claim)  # "two US service members"
            side = self._body_of(found[0], tok) if found else None
        if side is not None:
            self.last_side = side
        return side

    def _speakers_own(self, tok: Token, claim: Claim | None) -> list[str]:
        """"The party said nine of its activists were arrested": "its" in a claim is the
        organisation named last before it in the claim's words ("the Pentagon said IS had lost
        200 of its fighters": IS), else the speaking organisation; nothing when the phrase
        names someone itself."""
        its = next((c for c in tok.children if c.lower_ == "its" and c.dep_ == "poss"), None)
        if its is None or claim is None or not claim.start <= its.idx < claim.end:
            return []
        named = [t for t in _phrase(tok) if (e := self.layer.get(
            self.layer.at(t.idx, t.idx + len(t)))) is not None and e.type in {"ORG", "PERSON"}]
        if named:
            return []
        last = self._last_before(its.idx, {"ORG"}, reach=its.idx - claim.start)
        speaker = self.layer.get(claim.speaker)
        if last is not None:
            return [last]
        return [speaker.id] if speaker is not None and speaker.type == "ORG" else []

    def _body_of(self, side: str, tok: Token) -> str:
        """A person's side as the organisation they are affiliated with, when the phrase
        counts the people of their party ("affiliated with Nino Burjanadze's party")."""
        person = self.layer.get(side)
        body = self.layer.get(person.affiliation) if (
            person is not None and person.type == "PERSON" and person.affiliation) else None
        if body is None or body.type != "ORG":
            return side
        for t in _phrase(tok):
            if (t.dep_ == "poss" and t.head.lemma_.lower() in BODY_NOUNS
                    and self.layer.at(t.idx, t.idx + len(t)) == side):
                return body.id
        return side

    def learn_opponents(self, events: list[tuple[str, list[str], list[str]]]) -> None:
        """Who fights whom, from the hostile events that name both sides."""
        for event_type, actors, targets in events:
            if event_type not in TWO_SIDED:
                continue
            self.parties.update(actors + targets)
            for a in actors:
                for b in targets:
                    if a != b:
                        self.opponents[(a, b)] += 1
                        self.opponents[(b, a)] += 1
            for i, a in enumerate(actors):  # "fighting between A and B"
                for b in actors[i + 1:]:
                    self.opponents[(a, b)] += 1
                    self.opponents[(b, a)] += 1

    def opponent_of(self, side: str | None) -> str | None:
        if side is None:
            return None
        ranked = [(n, b) for (a, b), n in self.opponents.items() if a == side]
        return max(ranked)[1] if ranked else None

    def complete(self, actors: list[str], targets: list[str], claim: Claim | None,
                 event_type: str) -> None:
        """Give a two-sided event its missing side: the speaker's, else the usual opponent."""
        named = actors + targets
        own = self.speaker_side(claim)
        if event_type in TWO_SIDED and not named and own is not None and own in self.parties:
            actors.append(own)  # a side's own statement on the fighting ("we fought back")
            named = actors + targets
        if event_type not in TWO_SIDED or len(named) != 1:
            return
        if own is not None and own not in named and own in self.parties:
            other: str | None = own
        else:
            other = self.opponent_of(named[0])
        if other is None or other in named:
            return
        (targets if actors else actors).append(other)


def _phrase(tok: Token) -> list[Token]:
    """The noun phrase of ``tok`` without coordinated phrases, relative clauses and
    prepositional phrases other than "of"/"from" ("a man in the shooting of a protester")."""
    skip = {t.i for c in tok.children if c.dep_ in PHRASE_BREAK_DEPS or (
        c.dep_ == "prep" and c.lower_ not in {"of", "from"}) for t in c.subtree}
    return [t for t in tok.subtree if t.i not in skip]


def protesters_of(layer: EntityLayer) -> str | None:
    """The document's protesters: the GROUP of protesters or demonstrators most mentioned."""
    groups = [e for e in layer.entities if e.type == "GROUP" and e.name in PROTESTER_GROUPS]
    return max(groups, key=lambda e: len(e.mentions)).id if groups else None


def with_protesters(event_type: str, actors: list[str], targets: list[str],
                    protesters: str | None) -> None:
    """A protest told without its protesters ("the shooting sparked violent protests") is
    theirs, as ACLED codes it; force against protests is used on them."""
    if protesters is None or FAMILY_OF_TYPE.get(event_type) != "protest":
        return
    if event_type == "FORCE_AGAINST_PROTEST":
        if not targets and protesters not in actors:
            targets.append(protesters)
    elif not actors and protesters not in targets:
        actors.append(protesters)
