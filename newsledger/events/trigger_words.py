"""Trigger words: where a sentence's words name an event of the lexicon's types
(``triggers.py``: phrases on the lower-cased text, lemmas on the parse), and which of them
name no deed here ("attack helicopter", "threatening to kill", "a warrant for his arrest",
"came under fire", "the fire department"). A trigger inside another trigger's clause is
context ("joined the Taliban in the group's offensive"), except the deed someone is arrested
or charged for ("arrested for the killing of X")."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsledger.events.clauses import charged_over, clause_of, conjoined_heads
from newsledger.events.retype import refine_by_words
from newsledger.events.triggers import (
    DEVICE_WORDS,
    FINDING_VERBS,
    FIRE_IDIOM_HEADS,
    LEMMAS,
    NON_EVENT_HEADS,
    NOUN_LEMMAS,
    PHRASES,
    TRIGGER_POS,
    WEAPON_WORDS,
    TriggerType,
)

HAZARD_TYPES = frozenset({"MAN_MADE_DISASTER", "NATURAL_DISASTER", "REM_EXPLOS"})
PEOPLE_WORDS = frozenset({"man", "woman", "boy", "girl", "victim", "person", "child", "player",
                          "runner", "officer", "patient", "driver", "passenger", "he", "she"})


def find_triggers(sent: Span) -> list[tuple[Token, TriggerType]]:
    """The trigger words of one sentence with their (refined) types, in text order."""
    hits: dict[int, TriggerType] = {}
    lowered = sent.text.lower()
    for phrase, ttype in PHRASES.items():
        at = lowered.find(phrase)
        if at >= 0:
            words = sent.char_span(at, at + len(phrase), alignment_mode="expand")
            if words is not None:
                hits[words.root.i] = ttype
    for tok in sent:
        found = LEMMAS.get(tok.lemma_.lower()) or _noun_trigger(tok)
        if found is None or tok.i in hits or tok.pos_ not in TRIGGER_POS:
            continue
        if tok.head.lower_ in NON_EVENT_HEADS or _idiom(tok) or _infinitive(tok) or (
                _no_deed(tok)):
            continue
        hits[tok.i] = found
    doc = sent.doc
    _hazards_destroy(hits, sent)
    kept = [i for i in hits if not any(a.i in hits for a in doc[i].ancestors)
            or charged_over(doc[i])]  # "arrested for the killing of X": its own incident
    return [(doc[i], _refine(hits[i], doc[i], sent) or hits[i]) for i in sorted(kept)]


def _hazards_destroy(hits: dict[int, TriggerType], sent: Span) -> None:
    """"A fire destroyed the roof", "homes destroyed by the floods", "the blast destroyed
    two shops": the destruction is the fire's, the flood's or the blast's event, not a
    destruction of property by someone, so the verb takes that event's type."""
    doc = sent.doc
    for i, ttype in list(hits.items()):
        if ttype.type != "PROPERTY_DISTRUCT":
            continue
        causes = [c for c in doc[i].children if c.dep_ == "nsubj"]
        causes += [g for c in doc[i].children if c.dep_ == "agent" for g in c.children
                   if g.dep_ == "pobj"]
        hazard = next((hits[c.i] for c in causes if c.i in hits
                       and hits[c.i].type in HAZARD_TYPES), None)
        if hazard is not None:
            hits[i] = hazard


def _refine(ttype: TriggerType, trigger: Token, sent: Span) -> TriggerType | None:
    clause = {t.lemma_.lower() for t in clause_of(trigger)}
    clause |= {t.lemma_.lower() for t in trigger.subtree}
    sentence = {t.lemma_.lower() for t in sent}
    return refine_by_words(ttype, trigger.lemma_.lower(), clause, sentence)


def _noun_trigger(tok: Token) -> TriggerType | None:
    """"Several other fires", "a forest fire": not "the fire department", "under fire",
    "a cease-fire"."""
    found = NOUN_LEMMAS.get(tok.lemma_.lower()) if tok.pos_ == "NOUN" else None
    if found is None or tok.dep_ == "compound":
        return None
    before = tok.doc[tok.i - 1].lemma_.lower() if tok.i > 0 else ""
    if tok.head.lemma_.lower() in FIRE_IDIOM_HEADS or before in FIRE_IDIOM_HEADS | {"-"}:
        return None
    return found


def _no_deed(tok: Token) -> bool:
    """A trigger word that tells of no deed here: an arrest warrant ("issued a warrant for
    Mixon's arrest", "arrest warrants filed with the court"), a person who collapsed ("Beedle
    stumbled out of the alley and collapsed"), a thing discovered that is no weapon ("a
    contractor discovered a smashed-in door")."""
    lemma = tok.lemma_.lower()
    if lemma in {"arrest", "detention"}:
        holder = tok.head.head if tok.head.lower_ == "for" else tok.head
        return holder.lemma_.lower() == "warrant"
    if lemma == "collapse":
        subject = next((c for h in [tok, *conjoined_heads(tok)] for c in h.children
                        if c.dep_ == "nsubj"), None)
        return subject is not None and (subject.ent_type_ == "PERSON" or subject.pos_ == "PRON"
                                        or subject.lemma_.lower() in PEOPLE_WORDS
                                        or (subject.pos_ == "PROPN" and not subject.ent_type_))
    if lemma in FINDING_VERBS:
        found = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
        return bool(found) and not any(
            w.lemma_.lower() in WEAPON_WORDS | DEVICE_WORDS for f in found for w in f.subtree)
    return False


def _infinitive(tok: Token) -> bool:
    """"threatening to kill", "vowed to attack": a deed not done, whose sentence the model
    types (a threat, a plan) rather than the verb's lexicon entry."""
    return tok.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _idiom(tok: Token) -> bool:
    """"A great deal", "a good deal": idioms, not agreements."""
    return tok.lower_ in {"deal"} and any(c.lower_ in {"great", "good"} for c in tok.children)
