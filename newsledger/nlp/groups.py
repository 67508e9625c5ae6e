"""Participant groups: the people an event's actors, targets and tolls are named by when they
have no proper name ("civilians", "protesters", "two U.S. service members", "a 4-year-old").

Each becomes a ``GROUP`` entity (one per kind of group in a document), with the country a
place inside its phrase gives ("Afghan civilians" → AF when "Afghan" resolves), as ACLED
writes "Civilians (Afghanistan)". Their mentions are the noun phrases, count and all, so that
a figure's side and an event's actors can point at them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from spacy.tokens import Doc, Token

from newsledger.nlp.entity_layer import EntityLayer
from newsledger.nlp.model import doc_text
from newsledger.records import Entity, Mention, Place

# Head lemma of a group noun → the group's canonical name. Rules as data: add a row, not code.
GROUP_HEADS: dict[str, str] = {
    "civilian": "civilians", "protester": "protesters", "protestor": "protesters",
    "demonstrator": "protesters", "rioter": "rioters", "police": "police",
    "policeman": "police", "policemen": "police", "officer": "officers", "cop": "officers",
    "trooper": "officers", "deputy": "deputies", "soldier": "soldiers", "troop": "troops",
    "serviceman": "service members", "militant": "militants", "gunman": "gunmen",
    "fighter": "fighters", "rebel": "rebels", "insurgent": "insurgents",
    "militiaman": "militiamen", "jihadist": "jihadists", "attacker": "attackers",
    "assailant": "attackers", "bomber": "bombers", "suspect": "suspects",
    "student": "students", "resident": "residents", "villager": "villagers",
    "people": "people", "person": "people", "man": "men", "woman": "women", "boy": "boys",
    "girl": "girls", "child": "children", "teen": "teenagers", "teenager": "teenagers",
    "victim": "victims", "passenger": "passengers", "worker": "workers",
    "journalist": "journalists", "reporter": "journalists", "farmer": "farmers",
    "firefighter": "firefighters", "tenant": "tenants", "nurse": "nurses",
    "patient": "patients", "migrant": "migrants", "refugee": "refugees",
    "pilgrim": "pilgrims", "worshipper": "worshippers", "driver": "drivers",
    "pedestrian": "pedestrians", "lawyer": "lawyers", "activist": "activists",
    "hostage": "hostages", "prisoner": "prisoners", "detainee": "detainees",
    "guard": "guards", "personnel": "personnel", "official": "officials",
    "diplomat": "diplomats", "lawmaker": "lawmakers", "miner": "miners",
    "authority": "authorities", "rider": "passengers", "shopper": "shoppers",
    "motorist": "motorists", "bystander": "bystanders", "mourner": "mourners",
    "neighbor": "neighbors", "neighbour": "neighbors", "mother": "relatives",
    "father": "relatives", "son": "relatives", "daughter": "relatives", "wife": "relatives",
    "husband": "relatives", "brother": "relatives", "sister": "relatives",
    "relative": "relatives", "friend": "friends", "girlfriend": "partners",
    "boyfriend": "partners", "baby": "children", "infant": "children", "toddler": "children",
    "pupil": "students", "teacher": "teachers", "doctor": "doctors", "employee": "workers",
    "customer": "customers", "spectator": "spectators", "guest": "guests",
    "parolee": "parolees", "inmate": "prisoners", "motorcyclist": "motorists",
}
# "service members", "security forces": a head that names a group only with its modifier.
GROUP_COMPOUNDS: dict[tuple[str, str], str] = {
    ("service", "member"): "service members", ("security", "force"): "security forces",
    ("riot", "police"): "police", ("aid", "worker"): "aid workers",
    ("health", "worker"): "health workers",
}
GROUP_NAMES = frozenset(GROUP_HEADS.values()) | frozenset(GROUP_COMPOUNDS.values())
AGE_WORDS = frozenset({"old"})  # "a 4-year-old", "the 17-year-old"
CANDIDATE_LEMMAS = (frozenset(GROUP_HEADS) | {h for _m, h in GROUP_COMPOUNDS} | AGE_WORDS
                    | {"force"})
MODIFIER_DEPS = frozenset({"det", "nummod", "amod", "compound", "quantmod", "nmod", "poss"})
# Parts of speech a group noun may have in the parse.
GROUP_NOUN_POS = frozenset({"NOUN", "PROPN", "ADJ"})


class GroupFinder:
    """Stage: parsed ``Doc`` and its entity layer (with resolved places) → the layer with
    a ``GROUP`` entity for each kind of unnamed participant group. ``country_of`` gives the
    country code a word names ("Afghan" → AF), as the gazetteer knows it."""

    def __init__(self, country_of: Callable[[str], str | None] | None = None) -> None:
        self.country_of = country_of or (lambda _word: None)

    def __call__(self, doc: Doc, layer: EntityLayer, places: Iterable[Place]) -> EntityLayer:
        layer = layer.replace(_as_group(e, self.country_of) for e in layer.entities)
        country_of = {p.entity: p.country for p in places}
        taken = [(s, e) for s, e, _eid in layer.spans]
        found: dict[str, list[tuple[int, int, str, str | None]]] = {}
        text = doc_text(doc)  # built anew on each access: once
        for tok in doc:
            name = group_name(tok)
            if name is None or _inside(tok.idx, taken):
                continue
            words = _phrase(tok)
            start, end = words[0].idx, words[-1].idx + len(words[-1])
            country = next((country_of.get(eid) for eid in layer.inside(start, end)
                            if country_of.get(eid)), None) or next(
                (c for w in words if w.is_title and w.i != tok.i
                 and (c := self.country_of(w.text)) is not None), None)
            found.setdefault(name, []).append((start, end, text[start:end], country))
        if not found:
            return layer
        number = len(layer.entities)
        entities, spans = list(layer.entities), list(layer.spans)
        for name, mentions in found.items():
            number += 1
            eid = f"E{number}"
            country = next((c for *_x, c in mentions if c), None)
            entities.append(Entity(
                id=eid, name=name, type="GROUP", country=country,
                mentions=tuple(Mention(s, e, t) for s, e, t, _c in mentions)))
            spans += [(s, e, eid) for s, e, _t, _c in mentions]
        return EntityLayer(tuple(entities), tuple(sorted(spans)))


def _as_group(entity: Entity, country_of: Callable[[str], str | None]) -> Entity:
    """An entity the recogniser typed ORG that is a generic group ("officers", "riot
    police", "Afghan civilians": no actor of the base, a group noun last) is a GROUP, with
    the country its first word names."""
    words = entity.name.split()
    if entity.type not in {"ORG", "OTHER"} or not words or entity.kb_id is not None:
        return entity
    last = words[-1]
    if last != last.lower() or not (last in GROUP_NAMES or last.rstrip("s") in GROUP_HEADS):
        return entity
    country = country_of(words[0]) if len(words) > 1 and words[0].istitle() else None
    if entity.name != entity.name.lower() and country is None:
        return entity  # "Taliban fighters", "Oakland police": a name comes first
    return replace(entity, type="GROUP", country=country)


def group_name(tok: Token) -> str | None:
    """The group a noun names, or None: "officers" → officers, "a 4-year-old" → the
    age's noun, "security forces" → security forces."""
    lemma = tok.lemma_.lower()
    if lemma not in CANDIDATE_LEMMAS or tok.pos_ not in GROUP_NOUN_POS:
        return None
    for child in tok.children:
        pair = (child.lemma_.lower(), lemma)
        if child.dep_ in {"compound", "amod"} and pair in GROUP_COMPOUNDS:
            return GROUP_COMPOUNDS[pair]
    if lemma == "force" and tok.tag_ == "NNS":
        return "forces"
    if lemma in AGE_WORDS:  # "a 4-year-old": the words before it name a year of age
        before = tok.doc[max(0, tok.i - 3): tok.i]
        return "people" if any(t.lower_ in {"year", "years"} for t in before) else None
    return GROUP_HEADS.get(lemma) if tok.pos_ != "ADJ" else None


def _phrase(tok: Token) -> list[Token]:
    """The group's words: the noun and the modifiers before it ("two U.S. service members")."""
    left = [t for t in tok.lefts if t.dep_ in MODIFIER_DEPS]
    words = [w for t in left for w in t.subtree if w.i < tok.i] + [tok]
    first = min(w.i for w in words)
    # a spaced dash or a colon ends what came before ("HURRICANE, W.Va. - Law enforcement
    # officials": a dateline); "pro-government forces" keeps its hyphen
    breaks = [w.i for w in tok.doc[first:tok.i] if _separates(w)]
    return list(tok.doc[max([first, *(b + 1 for b in breaks)]): tok.i + 1])


def _separates(tok: Token) -> bool:
    """A colon, or a dash with a space on either side: what ends a dateline or a label."""
    if tok.text == ":":
        return True
    spaced = bool(tok.whitespace_) or (tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_))
    return tok.text in {"-", "--", "—", "–"} and spaced


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)
