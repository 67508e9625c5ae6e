"""Event types refined by the words of the trigger's clause and by who takes part.

ACLED's distinctions that a trigger word alone cannot make: an attack with grenades, gas or
a suicide bomber is its own type; an attack on soldiers, police or an armed group is an armed
clash; "recaptured" by a rebel group is a non-state takeover, by an army a regain; "seized"
weapons are a disarmament; a protest is typed in ACLED's order: a riot where the
demonstrators use violence, excessive force where lethal or brutal force meets a peaceful
crowd, an intervention where it is dispersed or its marchers detained.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsledger.events.triggers import (
    ARMED_NOUNS,
    ATTACK_KINDS,
    ATTACKER_WORDS,
    CLASH,
    DEFUSE,
    DEVICE_WORDS,
    FINDING_VERBS,
    INDUSTRIAL,
    INTERVENTION,
    LETHAL_FORCE,
    MAN_MADE,
    PROTEST_INTERVENED,
    REGAIN,
    REPRESS,
    RIOT,
    TAKEOVER,
    VIOLENT_PROTEST,
    WEAPON_WORDS,
    TriggerType,
)
from newsledger.records import Entity

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

STATE_CODES = frozenset({"MIL", "GOV", "COP", "SPY", "JUD", "LEG"})
NON_STATE_CODES = frozenset({"REB", "INS", "IMG", "UAF", "OPP", "CRM", "SEP"})
STATE_WORDS = frozenset({"army", "military", "government", "police", "troops", "soldiers",
                         "forces", "navy", "guard", "regime", "authorities"})
NON_STATE_WORDS = frozenset({"rebels", "militants", "insurgents", "fighters", "militia",
                             "gunmen", "jihadists", "separatists", "rebel", "insurgent"})
TERRITORY = frozenset({"GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER"})
# CAMEO agent codes of armed actors: military, police, rebels, insurgents, militants, ...
ARMED_CODES = frozenset({"MIL", "COP", "REB", "INS", "IMG", "UAF", "SEP"})
# Words that name the state's armed forces in an actor's name.
STATE_FORCE_WORDS = frozenset({"army", "military", "police", "troops", "soldiers", "forces"})
# How the doer of a deed hangs on its verb: "police smashed", "smashed by police".
STATE_DOER_DEPS = frozenset({"nsubj", "agent"})


def refine_by_words(ttype: TriggerType, lemma: str, clause: set[str], sentence: set[str]
                    ) -> TriggerType | None:
    """The type as the lemmas of the trigger's clause and sentence make it precise; None
    when the words show the trigger reports no event ("discovered the truth")."""
    if lemma in FINDING_VERBS:
        return DEFUSE if clause & (WEAPON_WORDS | DEVICE_WORDS) else None
    if ttype.type == "REM_EXPLOS" and sentence & INDUSTRIAL and not sentence & ATTACKER_WORDS:
        return MAN_MADE
    if ttype.type == "ATTACK":
        for words, kind in ATTACK_KINDS:
            if clause & words:
                return kind
    if ttype.type in TERRITORY and clause & WEAPON_WORDS:
        return DEFUSE
    if ttype.type == "PEACE_PROTEST":  # ACLED's order: the demonstrators' violence first
        if sentence & VIOLENT_PROTEST:
            return RIOT
        if sentence & LETHAL_FORCE:
            return REPRESS
        if sentence & INTERVENTION:
            return PROTEST_INTERVENED
    return ttype


def refine_protest(ttype: TriggerType, sent: Span) -> TriggerType:
    """A riot as the model typed it, in ACLED's order by the sentence: a riot where the
    demonstrators' violence is told; where the only violence is the security forces' ("riot
    police smashing windows") or lethal or brutal force meets the crowd ("used excessive and
    lethal force to crush largely peaceful protests"), excessive force against protesters."""
    if ttype.type != "VIOL_DEMONSTR":
        return ttype
    violent = [t for t in sent if t.lemma_.lower() in VIOLENT_PROTEST and t.dep_ != "compound"]
    if any(not _by_state(t) for t in violent):
        return ttype
    if violent or {t.lemma_.lower() for t in sent} & LETHAL_FORCE:
        return REPRESS
    return ttype  # (the crowd dispersed is no reason to doubt the model's riot)


def _by_state(word: Token) -> bool:
    """Whether the state's forces do ``word`` ("police smashed", "police smashing")."""
    doers = [c for c in word.children if c.dep_ in STATE_DOER_DEPS]
    if word.dep_ == "acl":  # "footage shows riot police smashing windows"
        doers.append(word.head)
    return bool(doers) and all(d.lemma_.lower() in STATE_WORDS for d in doers)


def refine_by_parties(ttype: TriggerType, actors: list[Entity], targets: list[Entity],
                      target_words: set[str]) -> TriggerType:
    """The type as the kind of its parties makes it precise."""
    if ttype.type in TERRITORY and actors:
        state = is_state(actors[0])
        if state is not None:
            return REGAIN if state else TAKEOVER
    if ttype.type == "ATTACK" and (any(is_armed(t) for t in targets)
                                   or target_words & ARMED_NOUNS):
        return CLASH
    return ttype


def _cameo_agent(entity: Entity) -> str | None:
    """The agent part of a CAMEO code in the actor-base id ("cameo:AFGREB:TALIBAN" → REB)."""
    if not entity.kb_id or not entity.kb_id.startswith("cameo:"):
        return None
    code = entity.kb_id.split(":")[1]
    for part in (code[3:6], code[:3]):
        if part in STATE_CODES or part in NON_STATE_CODES:
            return part
    return None


def is_state(entity: Entity) -> bool | None:
    """True for a state's forces or government, False for a non-state group, None unknown."""
    agent = _cameo_agent(entity)
    if agent is not None:
        return agent in STATE_CODES
    words = set(entity.name.lower().split())
    if words & NON_STATE_WORDS:
        return False
    if words & STATE_WORDS:
        return True
    return None


def is_armed(entity: Entity) -> bool:
    agent = _cameo_agent(entity)
    if agent is not None:
        return agent in ARMED_CODES
    words = set(entity.name.lower().split())
    return bool(words & (NON_STATE_WORDS | STATE_FORCE_WORDS))
