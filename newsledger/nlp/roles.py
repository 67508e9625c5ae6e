"""Roles and affiliations of people, read off appositives, fronted roles and titles.

"Fahim Dashti, a spokesman of the resistance front" → role spokesman, affiliation the
resistance front; "Member of the Taliban's cultural commission, Anaamullah Samangani" → role
member, affiliation Taliban (the possessor of a sub-unit); "Taliban spokesman Zabihullah
Mujahid" → role spokesman, affiliation Taliban. Kinship nouns ("son of X") are not roles.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from newsledger.nlp.entity_layer import EntityLayer
from newsledger.nlp.evidence import is_role_word
from newsledger.nlp.lexicon import KINSHIP_NOUNS, ROLE_NOUNS
from newsledger.nlp.role_mentions import ROLE_PREPOSITIONS, is_person_role
from newsledger.records import Entity

# A fronted role's relation to the head it shares with the name: "Member of Y, X said".
FRONTED_ROLE_DEPS = frozenset({"npadvmod", "nsubj", "dep"})
# Modifiers of a role that may name its organisation: "a police spokesman", "Y's spokesman".
ROLE_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})


def is_role_noun(tok: Token) -> bool:
    return tok.lemma_.lower() in ROLE_NOUNS and tok.lemma_.lower() not in KINSHIP_NOUNS


def role_phrase(tok: Token) -> str:
    """The role with its compound modifiers: "deputy spokesman", "foreign minister"."""
    mods = [c.lower_ for c in tok.lefts if c.dep_ in {"compound", "amod"} and not c.ent_type_]
    return " ".join([*mods, tok.lower_])


class RoleReader:
    """Stage: parsed ``Doc`` and its ``EntityLayer`` → the layer with roles and affiliations."""

    def __call__(self, doc: Doc, layer: EntityLayer) -> EntityLayer:
        found: dict[str, tuple[str, str | None]] = {}
        for tok in doc:
            if tok.pos_ != "PROPN" or tok.dep_ == "compound":
                continue
            person = layer.at(tok.idx, tok.idx + len(tok))
            entity = layer.get(person)
            if entity is None or entity.type != "PERSON" or person in found:
                continue
            hit = self._role_of(tok, layer)
            if hit is not None:
                found[entity.id] = hit
        self._role_only(doc, layer, found)
        return layer.replace(_with_role(e, found.get(e.id)) for e in layer.entities)

    def _role_only(self, doc: Doc, layer: EntityLayer,
                   found: dict[str, tuple[str, str | None]]) -> None:
        """People named by their role ("a senior Taliban commander"): the role words of the
        mention, and the organisation among its modifiers or after "of"/"for"."""
        for tok in doc:
            if not is_person_role(tok):
                continue
            eid = layer.at(tok.idx, tok.idx + len(tok))
            entity = layer.get(eid)
            if entity is None or entity.type != "PERSON" or entity.id in found:
                continue
            if not any(m.start <= tok.idx < m.end for m in entity.mentions):
                continue
            role = " ".join([*(c.lower_ for c in tok.lefts if is_role_word(c)), tok.lower_])
            found[entity.id] = role, self._modifier_org(tok, layer, entity.id)

    def _role_of(self, name: Token, layer: EntityLayer) -> tuple[str, str | None] | None:
        for child in name.children:  # appositive: "X, a spokesman of Y"
            if child.dep_ == "appos" and is_role_noun(child):
                return role_phrase(child), self._affiliation(child, layer)
        for child in name.children:  # title: "Taliban spokesman X"
            if child.dep_ == "compound" and is_role_noun(child):
                org = next((layer.at(c.idx, c.idx + len(c)) for c in child.lefts
                            if c.ent_type_ in {"ORG", "NORP"}), None)
                return child.lower_, org
        for sib in name.head.children:  # fronted: "Member of Y, X said"
            if sib.i < name.i and is_role_noun(sib) and sib.dep_ in FRONTED_ROLE_DEPS:
                return role_phrase(sib), self._affiliation(sib, layer)
        return None

    def _modifier_org(self, role: Token, layer: EntityLayer, person: str) -> str | None:
        """"a police spokesman", "a senior Taliban commander": an organisation among the
        role's modifiers; else one after "of"/"for"/"with"/"at", or the role's possessor."""
        for mod in role.lefts:
            if mod.dep_ in ROLE_MODIFIER_DEPS:
                org = _org_in(layer, mod.left_edge.idx, mod.idx + len(mod), person)
                if org is not None:
                    return org
        for prep in role.children:
            if prep.dep_ == "prep" and prep.lower_ in ROLE_PREPOSITIONS:
                end = prep.right_edge.idx + len(prep.right_edge)
                org = _org_in(layer, prep.idx, end, person)
                if org is not None:
                    return org
        return None

    def _affiliation(self, role: Token, layer: EntityLayer) -> str | None:
        """The organisation after "of"/"for"/"with", its possessor for a sub-unit, or the
        possessor of the role itself ("the Taliban's chief spokesman")."""
        for poss in role.children:
            if poss.dep_ == "poss" and poss.pos_ == "PROPN":
                owner = layer.at(poss.idx, poss.idx + len(poss))
                if owner is not None:
                    return owner
        for prep in role.children:
            if prep.dep_ != "prep" or prep.lower_ not in ROLE_PREPOSITIONS:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                for poss in obj.children:  # "the Taliban's cultural commission"
                    if poss.dep_ == "poss":
                        owner = layer.at(poss.idx, poss.idx + len(poss))
                        if owner is not None:
                            return owner
                own = layer.at(obj.left_edge.idx, obj.idx + len(obj))
                if own is not None:
                    return own
        return None


def _org_in(layer: EntityLayer, start: int, end: int, person: str) -> str | None:
    """The first organisation with a mention inside [start, end), other than ``person``."""
    for eid in layer.inside(start, end):
        entity = layer.get(eid)
        if eid != person and entity is not None and entity.type == "ORG":
            return eid
    return None


def _with_role(entity: Entity, hit: tuple[str, str | None] | None) -> Entity:
    """The role the syntax gives wins over a title ("Gen. X, the army's spokesman")."""
    if hit is None:
        return entity
    role, affiliation = hit
    return replace(entity, role=role, affiliation=affiliation if affiliation != entity.id else None)
