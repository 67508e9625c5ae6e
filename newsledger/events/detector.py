"""Events: typed by the trained classifier and the trigger lexicons over the parse, with
actors, place, time and figures.

One event per trigger clause (``trigger_words``); a trigger inside another trigger's clause
("joined the Taliban in the group's offensive") is context, not an event of its own, except
another incident the sentence tells of: one it compares its own with ("comes after the
police killing of a man in Sacramento"), the deed an arrest is for, each incident a
round-up lists (``roundups``). Events of one type inside one claim are one event. The place
is the one the trigger's own clause names ("offensives on Khawak"), else one in the
sentence, else the story's main place with a lower confidence. The time (``dating``) is an
expression of the clause, the sentence or the claim, else the day the story's telling has
reached, else the publication day for the present tense, else "no later than publication".
Figures go to the event whose words hold them; the events are then merged by incident
(``incidents``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from spacy.tokens import Doc, Span, Token

from newsledger.event_codes import PLOVER_OF_TYPE
from newsledger.events.classifier import EventClassifier, shipped_classifier, trigger_types
from newsledger.events.clauses import (
    charged_over,
    clause_of,
    clause_root,
    conjoined_heads,
    earlier_incident,
    role_of,
)
from newsledger.events.dating import (
    REPORTING_VERBS,
    event_time,
    latest_stated_day,
    stated_days,
    undated_past,
)
from newsledger.events.figures import FoundFigure, find_figures
from newsledger.events.incidents import merge_incidents
from newsledger.events.placement import (
    PLACE_PREPOSITIONS,
    main_place,
    placed_by_preposition,
    within_possessor,
)
from newsledger.events.prediction import NONE, Prediction
from newsledger.events.retype import refine_by_parties, refine_protest
from newsledger.events.roundups import listed_places
from newsledger.events.sides import SideResolver, protesters_of, with_protesters
from newsledger.events.timex import parse_anchor
from newsledger.events.trigger_words import find_triggers
from newsledger.events.triggers import (
    FAMILY_OF_TYPE,
    LEMMAS,
    OUTSIDE_CONFLICT_SCOPE,
    TriggerType,
)
from newsledger.nlp.entity_layer import EntityLayer
from newsledger.records import (
    CharSpan,
    Claim,
    Document,
    Entity,
    Event,
    EventStatus,
    Figure,
    Place,
    TimeWindow,
)

SUBSTITUTE_TYPES = {"ATTACK": "ARMED_CLASH"}  # one clash, reported as attack and fighting
# A sentence reports an event when the model gives NONE less than this probability; one
# with a trigger word of the lexicon unless the model is this sure it reports none (the
# written training sentences leave the model too sure of NONE on some real news).
EVENT_NONE_LIMIT = 0.5
TRIGGER_NONE_LIMIT = 0.9
# A trigger keeps its own type when the model gives it this share of the best type's weight.
TRIGGER_WEIGHT = 0.5
# ... or this probability at least: the rules and the model disagree, and both are heard.
TRIGGER_FLOOR = 0.2
# An event whose type has under this probability is the lexicon's guess against the model's
# word ("pleaded guilty to threatening to ... murder": ATTACK at 0.005): left out. Set on
# the development articles (loose precision 0.547 → 0.562 at the same recall; CASE 0.695 →
# 0.694; 0.1 loses one of the seed's events).
MIN_CONFIDENCE = 0.05
ELLIPSIS_REACH = 400  # characters within which a bare number counts the side before it
Scope = Literal["all", "conflict"]
# What a claim of responsibility or an accusation may be about besides the lexicon's words.
BLAMED_NOUNS = frozenset({"incident", "attack", "poisoning", "strike", "blast", "explosion",
                          "crash", "killing", "murder", "massacre", "bombing", "shooting"})
ACCUSING_VERBS = frozenset({"accuse", "blame", "allege", "condemn", "denounce", "charge"})
# Incident families (``FAMILY_OF_TYPE``) that a claim of responsibility may be about.
BLAMED_FAMILIES = frozenset({"violence", "disaster", "abduction"})
# Parts of speech of a root an event with no trigger word can hang on.
ANCHOR_POS = frozenset({"VERB", "NOUN", "AUX"})
# where a country is a party: "Turkey shelled", "Russia's invasion", "expelled Britain's envoys"
STATE_ROLES = frozenset({"nsubj", "nsubjpass", "dobj", "poss"})


@dataclass
class EventDraft:
    trigger: TriggerType
    token: Token
    sent: Span
    claim: Claim | None
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    target_words: set[str] = field(default_factory=set)
    place: str | None = None
    place_confidence: float = 0.0
    time: TimeWindow | None = None
    figures: list[Figure] = field(default_factory=list)
    from_toll: bool = False  # made from a figure with no trigger around it
    earlier: Token | None = None  # the clause of another, earlier incident it is told in
    listed: bool = False  # one of the other incidents a round-up lists, each in its place
    apart: bool = False  # another incident than its sentence's: "arrested for the killing"
    confidence: float = 0.5
    status: EventStatus = "occurred"


class EventDetector:
    """Stage: parsed ``Doc`` with its entities, places and claims → ``Event`` records.

    The trained classifier (``events.classifier``) decides for each sentence whether it
    reports an event, of which type and status; trigger words anchor the event's clause
    (a sentence with two events, "clashed ... and arrested", keeps both where the model
    gives the second type weight). ``scope="conflict"`` keeps ACLED's political violence,
    demonstrations and strategic developments only."""

    def __init__(self, classifier: EventClassifier | None = None,
                 scope: Scope = "all") -> None:
        self.classify = classifier or shipped_classifier()
        self.scope = scope

    def __call__(self, doc: Doc, document: Document, layer: EntityLayer,
                 places: tuple[Place, ...], claims: tuple[Claim, ...]) -> tuple[Event, ...]:
        sides = SideResolver(layer, claims)
        places = tuple(p for p in places if p.country)  # no continent, sea or wide region
        place_of = {p.entity: p.id for p in places}
        country_of = {p.id: p.country or "" for p in places}
        states = frozenset(p.entity for p in places if p.precision == "country")
        sents = list(doc.sents)
        predictions = self.classify(sents)
        drafts = [d for sent, p in zip(sents, predictions, strict=True)
                  for d in self._drafts(sent, p, claims)]
        for d in drafts:
            self._participants(d, layer, sides, states)
            self._place(d, layer, place_of, country_of)
        drafts = [item for d in drafts for item in _round_up(d, layer, place_of)]
        sides.learn_opponents([(d.trigger.type, d.actors, d.targets) for d in drafts])
        protesters = protesters_of(layer)
        for d in drafts:
            sides.complete(d.actors, d.targets, d.claim, d.trigger.type)
            with_protesters(d.trigger.type, d.actors, d.targets, protesters)
            d.trigger = refine_by_parties(d.trigger, _entities(layer, d.actors),
                                          _entities(layer, d.targets), d.target_words)
        drafts = _attach_figures(doc, sents, _merge_within_claims(drafts), claims, sides)
        if self.scope == "conflict":  # after the figures: an accident's toll goes with it
            drafts = [d for d in drafts if d.trigger.type not in OUTSIDE_CONFLICT_SCOPE]
        for d in drafts:
            if d.from_toll:  # "Security forces have killed 219 rebels": the toll's verb
                self._participants(d, layer, sides, states)
                sides.complete(d.actors, d.targets, d.claim, d.trigger.type)
        story_place = main_place(layer, places)
        anchor = parse_anchor(document.published)
        # an undated text is read from the last day it states ("On April 4, 2018, ...")
        latest = document.published or latest_stated_day(sents)
        if anchor is None and latest is not None:
            anchor = date.fromisoformat(latest)
        fallback: set[str] = set()
        accounts: dict[str, str] = {}
        told_days = stated_days(sents, anchor, latest)  # where the telling reached
        for n, d in enumerate(drafts, start=1):
            if d.place is None:  # an event made from a toll has not looked yet
                self._place(d, layer, place_of, country_of)
            if d.place is None and story_place is not None:
                d.place, d.place_confidence = story_place, 0.0
                fallback.add(f"V{n}")
            d.time = event_time(d, anchor, document.published)
            narrative = next((w for at, w in reversed(told_days) if at < d.sent.start_char), None)
            if narrative is not None and (d.time is None or undated_past(d.time)):
                d.time = TimeWindow(narrative.start, narrative.end, None, narrative.precision)
            party = sides.speaker_side(d.claim)
            if d.claim is not None and party is not None and (
                    party in d.actors + d.targets or party in sides.parties):
                accounts[f"V{n}"] = d.claim.id  # a party's own statement on the fighting
        events = tuple(_event(f"V{n}", d) for n, d in enumerate(drafts, start=1))
        earlier = frozenset(f"V{n}" for n, d in enumerate(drafts, start=1) if d.earlier is not None)
        listed = frozenset(f"V{n}" for n, d in enumerate(drafts, start=1) if d.listed)
        return merge_incidents(events, places, frozenset(fallback), accounts, earlier, listed)

    def _drafts(self, sent: Span, prediction: Prediction,
                claims: tuple[Claim, ...]) -> list[EventDraft]:
        """The events of one sentence: none where the model says it reports none; else
        one per trigger clause, typed by the model unless the trigger's own type has
        weight in the model too, or one on the sentence's root when no trigger is there."""
        best = _best_event(prediction)
        if prediction.none >= TRIGGER_NONE_LIMIT or sum(t.is_alpha for t in sent) < 3:
            return []  # no event, trigger or not; "___", "[INSIGHT]|": page debris
        found = self._triggers(sent, claims)
        limit = TRIGGER_NONE_LIMIT if found else EVENT_NONE_LIMIT
        if best is None or prediction.none >= limit:
            return []
        drafts: list[EventDraft] = []
        # "the arrest of a man in the fatal shooting": the arrest is a deed of its own too;
        # arrests after a rally are the protest's intervention (ACLED), no event of their own
        charged = any(charged_over(d.token) and FAMILY_OF_TYPE.get(d.trigger.type) != "protest"
                      for d in found)
        for d in found:
            own = prediction.probability(d.trigger.type)
            unsure = prediction.none >= EVENT_NONE_LIMIT  # its types say little then
            d.earlier = earlier_incident(d.token)  # its own type: the model reads the sentence's
            d.apart = d.earlier is not None or charged_over(d.token) or (
                charged and d.trigger.type == "ARREST")
            if not d.apart and not unsure and own < min(
                    TRIGGER_FLOOR, TRIGGER_WEIGHT * prediction.probability(best)):
                d.trigger = TriggerType(best, PLOVER_OF_TYPE[best])
            elif unsure:  # the word names the kind ("fires"), the model the type within it
                d.trigger = _kin_type(d.trigger, prediction)
            if all(k.trigger.type != d.trigger.type or k.apart != d.apart for k in drafts):
                drafts.append(d)
        if not drafts:
            anchor = _sentence_anchor(sent)
            drafts = [EventDraft(TriggerType(best, PLOVER_OF_TYPE[best]), anchor, sent,
                            _claim_at(anchor.idx, claims))]
        for d in drafts:
            d.confidence = prediction.probability(d.trigger.type)
            if d.apart:  # the model's types are the sentence's own incident's
                d.confidence = max(d.confidence, TRIGGER_FLOOR)
            d.status = prediction.status
            d.trigger = refine_protest(d.trigger, sent)  # the model's confidence kept
        if any(d.trigger.type == "ATTRIB" for d in drafts) and not _names_an_incident(sent):
            drafts = _without_incident_blame(drafts, sent)
        return [d for d in drafts if d.confidence >= MIN_CONFIDENCE]

    def _triggers(self, sent: Span, claims: tuple[Claim, ...]) -> list[EventDraft]:
        return [EventDraft(ttype, tok, sent, _claim_at(tok.idx, claims))
                for tok, ttype in find_triggers(sent)]

    def _participants(self, d: EventDraft, layer: EntityLayer, sides: SideResolver,
                      states: frozenset[str]) -> None:
        tok = _event_noun(d.token)
        clause = clause_of(tok)
        if not any(c.dep_ == "nsubj" for c in tok.children):
            # "forces raped, beat and assaulted civilians": conjoined verbs share a subject
            clause += [c for h in conjoined_heads(tok) for c in h.children if c.dep_ == "nsubj"]
        for child in clause:
            role = role_of(child, tok, clause_root(tok))
            if role is None:
                continue
            if role == "target":
                d.target_words |= {t.lemma_.lower() for t in child.subtree}
            for eid in sides.entities_in(child, d.claim) or _state(child, layer, states):
                target_list = d.actors if role == "actor" else d.targets
                if eid not in d.actors and eid not in d.targets:
                    target_list.append(eid)

    def _place(self, d: EventDraft, layer: EntityLayer, place_of: dict[str, str],
               country_of: dict[str, str]) -> None:
        for tok in clause_of(_event_noun(d.token)):
            if placed_by_preposition(tok):
                pid = place_of.get(layer.at(tok.idx, tok.idx + len(tok)) or "")
                if pid is not None:
                    inner = within_possessor(tok, layer, place_of)
                    if inner is not None and country_of.get(inner) == country_of.get(pid):
                        pid = inner  # "in Iran's Sistan-Baluchestan border": the province
                    d.place, d.place_confidence = pid, 0.3
                    return
        if d.earlier is not None:
            return  # another incident: its own clause's place or none, never this sentence's
        for tok in d.sent:
            pid = place_of.get(layer.at(tok.idx, tok.idx + len(tok)) or "")
            if pid is not None and tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPOSITIONS:
                d.place, d.place_confidence = pid, 0.2
                return
        near = clause_of(d.token)
        if d.token.dep_ in {"relcl", "acl"}:  # "a Columbia County woman charged in ..."
            near += list(d.token.head.lefts)
        for tok in near:  # "an Oakland police officer was shot": his town
            pid = place_of.get(layer.at(tok.idx, tok.idx + len(tok)) or "")
            if pid is not None and tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
                d.place, d.place_confidence = pid, 0.1
                return


def _round_up(d: EventDraft, layer: EntityLayer, place_of: dict[str, str]) -> list[EventDraft]:
    """The draft, or one draft per place where its sentence lists other incidents."""
    def place_at(tok: Token) -> str | None:
        return place_of.get(layer.at(tok.idx, tok.idx + len(tok)) or "")

    places = listed_places(_event_noun(d.token), d.sent, place_at)
    return [replace(d, actors=list(d.actors), targets=list(d.targets), place=pid,
                    place_confidence=0.3, listed=True) for pid in places] or [d]


def _event_noun(tok: Token) -> Token:
    """The noun a trigger word modifies is the event's ("North Korea's fifth missile test",
    "a car bomb attack"): its clause and its parties are the noun's."""
    while tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and tok.head != tok:
        tok = tok.head
    return tok


def _state(tok: Token, layer: EntityLayer, states: frozenset[str]) -> list[str]:
    """A country that acts or is acted on as a state ("Turkey has shelled a city", "Russia
    ordered Britain to cut its staff"): a party where the phrase names no group."""
    if tok.dep_ not in STATE_ROLES and not (tok.dep_ == "pobj" and tok.head.lower_ == "by"):
        return []
    eid = layer.at(tok.idx, tok.idx + len(tok))
    return [eid] if eid is not None and eid in states else []


def _names_an_incident(sent: Span) -> bool:
    """Whether a sentence of blame names what is blamed: an attack or a disaster ("accused
    Russia of involvement in the poisoning"), not a trait or a duty ("accused the North's
    leader of fanatic recklessness", "was responsible for 70 parolees")."""
    found = {FAMILY_OF_TYPE.get(t) for t in trigger_types(sent)}
    return bool(found & BLAMED_FAMILIES) or any(
        t.lemma_.lower() in BLAMED_NOUNS for t in sent)


def _without_incident_blame(drafts: list[EventDraft], sent: Span) -> list[EventDraft]:
    """Blame that names no incident: an accusation between parties ("accused the UK and the
    US of meddling") is a diplomatic act; a duty or a deed of help ("was responsible for 70
    parolees") is no event."""
    if not any(t.lemma_.lower() in ACCUSING_VERBS for t in sent):
        return [d for d in drafts if d.trigger.type != "ATTRIB"]
    for d in drafts:
        if d.trigger.type == "ATTRIB":
            d.trigger = TriggerType("DIPLO", PLOVER_OF_TYPE["DIPLO"])
    return drafts


def _kin_type(trigger: TriggerType, prediction: Prediction) -> TriggerType:
    """The most probable type of the trigger's incident family ("fires" with the model's
    NATURAL_DISASTER over MAN_MADE_DISASTER), the trigger's own where it has no family."""
    family = FAMILY_OF_TYPE.get(trigger.type)
    kin = [(p, name) for name, p in prediction.probabilities if family is not None
           and FAMILY_OF_TYPE.get(name) == family]
    if not kin or max(kin)[1] == trigger.type:
        return trigger
    return TriggerType(max(kin)[1], PLOVER_OF_TYPE[max(kin)[1]])


def _best_event(prediction: Prediction) -> str | None:
    """The most probable event code of the sentence (NONE aside)."""
    ranked = sorted((p, name) for name, p in prediction.probabilities if name != NONE)
    return ranked[-1][1] if ranked else None


def _sentence_anchor(sent: Span) -> Token:
    """The word an event with no trigger word hangs on: the sentence's root verb, or, in a
    headline without one, its first noun."""
    root = sent.root
    while root.lemma_.lower() in REPORTING_VERBS:  # "..., an official said": what was said
        said = [c for c in root.children if c.dep_ in {"ccomp", "xcomp"}]
        if not said:
            break
        root = said[0]
    if root.pos_ in ANCHOR_POS:
        return root
    return next((t for t in sent if t.pos_ in {"NOUN", "VERB"}), root)


def _entities(layer: EntityLayer, ids: list[str]) -> list[Entity]:
    return [e for e in (layer.get(i) for i in ids) if e is not None]


def _claim_at(pos: int, claims: tuple[Claim, ...]) -> Claim | None:
    return next((c for c in claims if c.start <= pos < c.end), None)


def _merge_within_claims(drafts: list[EventDraft]) -> list[EventDraft]:
    """Events of one type reported inside one claim are one event."""
    kept: list[EventDraft] = []
    for d in drafts:
        dtype = SUBSTITUTE_TYPES.get(d.trigger.type, d.trigger.type)
        twin = next((k for k in kept if d.claim is not None and k.claim is d.claim
                     and k.apart == d.apart
                     and SUBSTITUTE_TYPES.get(k.trigger.type, k.trigger.type) == dtype), None)
        if twin is None:
            kept.append(d)
            continue
        twin.actors += [a for a in d.actors if a not in twin.actors + twin.targets]
        twin.targets += [t for t in d.targets if t not in twin.actors + twin.targets]
        if twin.place is None or d.place_confidence > twin.place_confidence:
            twin.place, twin.place_confidence = d.place or twin.place, d.place_confidence
    return kept


def _attach_figures(doc: Doc, sents: list[Span], drafts: list[EventDraft],
                    claims: tuple[Claim, ...], sides: SideResolver) -> list[EventDraft]:
    """Each figure goes to the event of its claim or sentence, else the nearest one before it,
    else it makes an event of its own. A bare number ("as many as 200 have been killed")
    counts the side of the toll of its kind told just before it."""
    told: dict[str, tuple[str, int]] = {}  # kind → the side last counted, where
    for sent in sents:
        for found in find_figures(doc, sent):
            claim = _claim_at(found.start, claims)
            figure = _figure(found, claim, sides)
            before = told.get(figure.kind)
            if figure.side is None and found.bare and before is not None and (
                    found.start - before[1] < ELLIPSIS_REACH):
                figure = replace(figure, side=before[0])
            if figure.side is not None:
                told[figure.kind] = (figure.side, found.start)
            host = _host(drafts, sent, claim, found.start)
            if host is None:  # the toll is the event: "Three people were killed in X on Y"
                words = doc.char_span(found.start, found.end, alignment_mode="expand")
                anchor = _governing_verb(words.root) if words is not None else doc[sent.start]
                host = EventDraft(_figure_trigger(found, drafts), anchor, sent, claim,
                             from_toll=True)
                drafts.append(host)
            host.figures.append(figure)
    drafts.sort(key=lambda d: d.token.idx)
    return drafts


def _governing_verb(tok: Token) -> Token:
    """The verb a figure's words hang from ("killed" in "have killed 219 rebels"), or the
    words themselves when no verb governs them within the sentence."""
    for ancestor in [tok, *tok.ancestors]:
        if ancestor.pos_ == "VERB":
            return ancestor
    return tok


def _figure(found: FoundFigure, claim: Claim | None, sides: SideResolver) -> Figure:
    side = sides.side_of(found.side_token, claim) if found.side_token is not None else None
    return Figure(kind=found.kind, count=found.count, low=found.low, high=found.high,
                  text=found.text, side=side, claim=claim.id if claim is not None else None,
                  scope=found.scope)


def _host(drafts: list[EventDraft], sent: Span, claim: Claim | None, pos: int) -> EventDraft | None:
    same = [d for d in drafts if claim is not None and d.claim is claim]
    same = same or [d for d in drafts if d.sent.start == sent.start]
    told_in = [d for d in same if d.earlier is not None
               and d.earlier.left_edge.idx <= pos <= d.earlier.right_edge.idx]
    if told_in:  # "weeks after a man killed 10 people in Alabama": that incident's toll
        return told_in[0]
    own = [d for d in same if d.earlier is None] or same
    # "the arrest of a man in the fatal shooting of a demonstrator": the shooting's toll
    around = [d for d in own if d.token.left_edge.idx <= pos <= d.token.right_edge.idx]
    if around:
        return min(around, key=lambda d: len(list(d.token.subtree)))
    if own:
        return own[0]
    before = [d for d in drafts if d.token.idx < pos and pos - d.token.idx < 300]
    return before[-1] if before else None


def _figure_trigger(found: FoundFigure, drafts: list[EventDraft]) -> TriggerType:
    """The type of an event made from a toll alone: an arrest, an abduction, else an attack,
    unless the story tells of a disaster and of no violence ("A few firefighters sustained
    minor injuries" in a report of a house fire)."""
    if found.kind == "arrested":
        return LEMMAS["arrest"]
    if found.kind in {"abducted", "missing"}:
        return LEMMAS["abduct"]
    told = [d.trigger for d in drafts if d.status == "occurred"]
    disasters = [t for t in told if FAMILY_OF_TYPE.get(t.type) == "disaster"]
    if disasters and not any(FAMILY_OF_TYPE.get(t.type) == "violence" for t in told):
        return disasters[0]
    return LEMMAS["attack"]


def _event(eid: str, d: EventDraft) -> Event:
    span = CharSpan(d.sent.start_char, d.sent.end_char)
    return Event(
        id=eid, type=d.trigger.type, plover=d.trigger.plover,
        evidence=span,
        actors=tuple(d.actors), targets=tuple(d.targets), place=d.place, time=d.time,
        claim=d.claim.id if d.claim is not None else None,
        confidence=round(d.confidence, 4), figures=tuple(d.figures), status=d.status,
        mentions=(span,), claims=(d.claim.id,) if d.claim is not None else (),
    )

