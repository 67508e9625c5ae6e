"""Events: typed by trigger lexicons over the parse, with actors, place, time and figures.

One event per trigger clause; a trigger inside another trigger's clause ("joined the Taliban
in the group's offensive") is context, not an event of its own; events of one type inside
one claim ("they launched offensives ... they fought back") are one event. The place is the
one the trigger's own clause names ("offensives on Khawak"), else one in the sentence, else
the story's main place with a lower confidence. The time is an expression of the sentence or
the claim, else the publication day for the present tense, else "no later than publication".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from spacy.tokens import Doc, Span, Token

from newsledger.events.figures import FoundFigure, find_figures
from newsledger.events.retype import refine_by_parties, refine_by_words
from newsledger.events.sides import SideResolver
from newsledger.events.timex import find_time_expressions, parse_anchor
from newsledger.events.triggers import LEMMAS, NON_EVENT_HEADS, PHRASES, TriggerType
from newsledger.nlp.entities import EntityLayer
from newsledger.records import Claim, Document, Entity, Event, Figure, Place, TimeWindow
from newsledger.records import Span as Offsets

CLAUSE_BOUNDARIES = frozenset({"advcl", "relcl", "acl", "ccomp", "parataxis"})
PLACE_PREPOSITIONS = ("on", "in", "at", "near", "around", "outside", "inside", "into")
SUBSTITUTE_TYPES = {"ATTACK": "ARMED_CLASH"}  # one clash, reported as attack and fighting


@dataclass
class Draft:
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


class EventDetector:
    """Stage: parsed ``Doc`` with its entities, places and claims → ``Event`` records."""

    def __call__(self, doc: Doc, document: Document, layer: EntityLayer,
                 places: tuple[Place, ...], claims: tuple[Claim, ...]) -> tuple[Event, ...]:
        sides = SideResolver(layer, claims)
        place_of = {p.entity: p.id for p in places}
        drafts = [d for sent in doc.sents for d in self._triggers(sent, claims)]
        for d in drafts:
            self._participants(d, layer, sides)
            self._place(d, layer, place_of)
        sides.learn_opponents([(d.trigger.type, d.actors, d.targets) for d in drafts])
        for d in drafts:
            sides.complete(d.actors, d.targets, d.claim, d.trigger.type)
            d.trigger = refine_by_parties(d.trigger, _entities(layer, d.actors),
                                          _entities(layer, d.targets), d.target_words)
        drafts = _attach_figures(doc, _merge_within_claims(drafts), claims, sides)
        for d in drafts:
            if d.from_toll:  # "Security forces have killed 219 rebels": the toll's verb
                self._participants(d, layer, sides)
                sides.complete(d.actors, d.targets, d.claim, d.trigger.type)
        main_place = _main_place(layer, places)
        anchor = parse_anchor(document.published)
        for d in drafts:
            if d.place is None:  # an event made from a toll has not looked yet
                self._place(d, layer, place_of)
            if d.place is None and main_place is not None:
                d.place, d.place_confidence = main_place, 0.0
            d.time = _time(d, anchor, document.published)
        return tuple(_event(f"V{n}", d) for n, d in enumerate(drafts, start=1))

    def _triggers(self, sent: Span, claims: tuple[Claim, ...]) -> list[Draft]:
        hits: dict[int, TriggerType] = {}
        lowered = sent.text.lower()
        for phrase, ttype in PHRASES.items():
            at = lowered.find(phrase)
            if at >= 0:
                words = sent.char_span(at, at + len(phrase), alignment_mode="expand")
                if words is not None:
                    hits[words.root.i] = ttype
        for tok in sent:
            found = LEMMAS.get(tok.lemma_.lower())
            if found is None or tok.i in hits or tok.pos_ not in {"VERB", "NOUN", "ADJ"}:
                continue
            if tok.head.lower_ in NON_EVENT_HEADS or _idiom(tok):
                continue
            hits[tok.i] = found
        doc = sent.doc
        kept = [i for i in hits if not any(a.i in hits for a in doc[i].ancestors)]
        drafts = []
        for i in sorted(kept):
            refined = _refine(hits[i], doc[i])
            if refined is not None:
                drafts.append(Draft(refined, doc[i], sent, _claim_at(doc[i].idx, claims)))
        return drafts

    def _participants(self, d: Draft, layer: EntityLayer, sides: SideResolver) -> None:
        tok = d.token
        clause = _clause(tok)
        if not any(c.dep_ == "nsubj" for c in tok.children):
            # "forces raped, beat and assaulted civilians": conjoined verbs share a subject
            clause += [c for h in _conjoined_heads(tok) for c in h.children if c.dep_ == "nsubj"]
        for child in clause:
            role = _role_of(child, tok, _clause_root(tok))
            if role is None:
                continue
            if role == "target":
                d.target_words |= {t.lemma_.lower() for t in child.subtree}
            for eid in sides.entities_in(child, d.claim):
                target_list = d.actors if role == "actor" else d.targets
                if eid not in d.actors and eid not in d.targets:
                    target_list.append(eid)

    def _place(self, d: Draft, layer: EntityLayer, place_of: dict[str, str]) -> None:
        for tok in _clause(d.token):
            if tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPOSITIONS:
                pid = place_of.get(layer.at(tok.idx, tok.idx + len(tok)) or "")
                if pid is not None:
                    d.place, d.place_confidence = pid, 0.3
                    return
        for tok in d.sent:
            pid = place_of.get(layer.at(tok.idx, tok.idx + len(tok)) or "")
            if pid is not None and tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPOSITIONS:
                d.place, d.place_confidence = pid, 0.2
                return


def _refine(ttype: TriggerType, trigger: Token) -> TriggerType | None:
    clause = {t.lemma_.lower() for t in _clause(trigger)}
    clause |= {t.lemma_.lower() for t in trigger.subtree}
    sentence = {t.lemma_.lower() for t in trigger.sent}
    return refine_by_words(ttype, trigger.lemma_.lower(), clause, sentence)


def _entities(layer: EntityLayer, ids: list[str]) -> list[Entity]:
    return [e for e in (layer.get(i) for i in ids) if e is not None]


def _idiom(tok: Token) -> bool:
    """"A great deal", "a good deal": idioms, not agreements."""
    return tok.lower_ in {"deal"} and any(c.lower_ in {"great", "good"} for c in tok.children)


def _clause(trigger: Token) -> list[Token]:
    """The trigger's own clause: its subtree, and its governing verb's when it is a noun,
    without subordinate clauses."""
    out: list[Token] = []
    stack = [_clause_root(trigger)]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in CLAUSE_BOUNDARIES or c is trigger)
    return sorted(out, key=lambda t: t.i)


def _clause_root(trigger: Token) -> Token:
    if trigger.pos_ == "NOUN" and trigger.dep_ in {"dobj", "nsubj", "pobj", "nsubjpass"}:
        return trigger.head if trigger.head.pos_ in {"VERB", "AUX", "ADJ"} else trigger
    return trigger


def _conjoined_heads(verb: Token) -> list[Token]:
    """The verbs a conjoined verb hangs from, up the chain ("raped, beat and assaulted")."""
    heads: list[Token] = []
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
        heads.append(verb)
    return heads


def _role_of(tok: Token, trigger: Token, root: Token) -> str | None:
    """Whether a token names the one who acts or the one acted on."""
    if tok.dep_ == "nsubj" and (tok.head in (trigger, root)
                                or tok.head in _conjoined_heads(trigger)):
        return "actor"
    agent = tok.dep_ == "pobj" and tok.head.lower_ in {"by", "from"}
    if agent and tok.head.head in (trigger, root):
        return "actor"
    if tok.dep_ in {"nsubjpass", "dobj"} and tok is not trigger:
        return "target"
    if tok.dep_ == "pobj" and tok.head.lower_ in {"between", "with"}:
        return "actor"
    if tok.dep_ == "conj" and tok.head.dep_ == "pobj" and tok.head.head.lower_ == "between":
        return "actor"
    if tok.dep_ == "pobj" and tok.head.lower_ in {"against", "on", "at"}:
        return "target"
    if tok.dep_ in {"compound", "poss"} and tok.head is trigger:
        return "actor"
    return None


def _claim_at(pos: int, claims: tuple[Claim, ...]) -> Claim | None:
    return next((c for c in claims if c.start <= pos < c.end), None)


def _merge_within_claims(drafts: list[Draft]) -> list[Draft]:
    """Events of one type reported inside one claim are one event."""
    kept: list[Draft] = []
    for d in drafts:
        dtype = SUBSTITUTE_TYPES.get(d.trigger.type, d.trigger.type)
        twin = next((k for k in kept if d.claim is not None and k.claim is d.claim
                     and SUBSTITUTE_TYPES.get(k.trigger.type, k.trigger.type) == dtype), None)
        if twin is None:
            kept.append(d)
            continue
        twin.actors += [a for a in d.actors if a not in twin.actors + twin.targets]
        twin.targets += [t for t in d.targets if t not in twin.actors + twin.targets]
        if twin.place is None or d.place_confidence > twin.place_confidence:
            twin.place, twin.place_confidence = d.place or twin.place, d.place_confidence
    return kept


def _main_place(layer: EntityLayer, places: tuple[Place, ...]) -> str | None:
    """The place the story is about: the most mentioned, finer places before countries."""
    if not places:
        return None
    counts = Counter(eid for _s, _e, eid in layer.spans)
    fine = [p for p in places if p.precision != "country"] or list(places)
    return max(fine, key=lambda p: counts[p.entity]).id


def _time(d: Draft, anchor: date | datetime | None, published: str | None) -> TimeWindow | None:
    """An expression in the sentence or the claim, else what the tense says about the
    publication day: the present is that day, the past is no later than it."""
    clause = {t.idx for t in _clause(d.token)}
    for expr in find_time_expressions(d.sent.text, anchor):
        if d.sent.start_char + expr.start in clause and (expr.window.start or expr.window.end):
            return expr.window
    if d.claim is not None and d.claim.kind == "direct":  # the quote's own time frame
        for expr in find_time_expressions(d.claim.content, anchor):
            if expr.window.start or expr.window.end:
                return expr.window
    if not published:
        return None
    day = published[:10]
    present = any(t.tag_ in {"VBZ", "VBP", "VBG"} or t.lower_ in {"ongoing", "continuing"}
                  for t in [d.token, d.token.head])
    return TimeWindow(day, day, None) if present else TimeWindow(None, day, None)


def _attach_figures(doc: Doc, drafts: list[Draft], claims: tuple[Claim, ...],
                    sides: SideResolver) -> list[Draft]:
    """Each figure goes to the event of its claim or sentence, else the nearest one before it,
    else it makes an event of its own."""
    for sent in doc.sents:
        for found in find_figures(doc, sent):
            claim = _claim_at(found.start, claims)
            figure = _figure(found, claim, sides)
            host = _host(drafts, sent, claim, found.start)
            if host is None:  # the toll is the event: "Three people were killed in X on Y"
                words = doc.char_span(found.start, found.end, alignment_mode="expand")
                anchor = _governing_verb(words.root) if words is not None else doc[sent.start]
                host = Draft(_figure_trigger(found), anchor, sent, claim, from_toll=True)
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
                  text=found.text, side=side, claim=claim.id if claim is not None else None)


def _host(drafts: list[Draft], sent: Span, claim: Claim | None, pos: int) -> Draft | None:
    same = [d for d in drafts if claim is not None and d.claim is claim]
    same = same or [d for d in drafts if d.sent.start == sent.start]
    if same:
        return same[0]
    before = [d for d in drafts if d.token.idx < pos and pos - d.token.idx < 300]
    return before[-1] if before else None


def _figure_trigger(found: FoundFigure) -> TriggerType:
    if found.kind == "arrested":
        return LEMMAS["arrest"]
    if found.kind in {"abducted", "missing"}:
        return LEMMAS["abduct"]
    return LEMMAS["attack"]


def _event(eid: str, d: Draft) -> Event:
    timed = bool(d.time and d.time.text)
    confidence = 0.4 + 0.2 * bool(d.actors) + d.place_confidence + 0.1 * timed
    return Event(
        id=eid, type=d.trigger.type, plover=d.trigger.plover,
        evidence=Offsets(d.sent.start_char, d.sent.end_char),
        actors=tuple(d.actors), targets=tuple(d.targets), place=d.place, time=d.time,
        claim=d.claim.id if d.claim is not None else None,
        confidence=round(min(confidence, 0.95), 2), figures=tuple(d.figures),
    )

