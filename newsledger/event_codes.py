"""The contract's event vocabulary in words: each code's ACLED type, its label, and the names a
user may filter by.

The event codes of ``newsledger/1`` (``records.EVENT_TYPES``) are the ACLED-derived labels
of the CASE 2021 task, so most map back to one ACLED ``event_type`` and ``sub_event_type``.
The codes that ACLED has no type for (``ATTRIB``, ``DIPLO``, ``MAN_MADE_DISASTER``,
``NATURAL_DISASTER``, ``ORG_CRIME``, ``OTHER``) are "Strategic developments / Other" in
ACLED's terms, and keep labels of their own here.

A filter's ``--type`` names events by one of our codes, a PLOVER category, an ACLED event
type ("Battles": its three codes) or an ACLED sub-event type ("Armed clash"), in any case.
Imports nothing of ours but ``records``: every layer may read it.
"""

from __future__ import annotations

from newsledger.records import EVENT_TYPES

STRATEGIC = "Strategic developments"
EXPLOSIONS = "Explosions/Remote violence"
CIVILIANS = "Violence against civilians"

ACLED_TYPES: dict[str, tuple[str, str]] = {
    "ABDUCT_DISSAP": (CIVILIANS, "Abduction/forced disappearance"),
    "AGREEMENT": (STRATEGIC, "Agreement"),
    "AIR_STRIKE": (EXPLOSIONS, "Air/drone strike"),
    "ARMED_CLASH": ("Battles", "Armed clash"),
    "ARREST": (STRATEGIC, "Arrests"),
    "ART_MISS_ATTACK": (EXPLOSIONS, "Shelling/artillery/missile attack"),
    "ATTACK": (CIVILIANS, "Attack"),
    "ATTRIB": (STRATEGIC, "Other"),
    "CHANGE_TO_GROUP_ACT": (STRATEGIC, "Change to group/activity"),
    "CHEM_WEAP": (EXPLOSIONS, "Chemical weapon"),
    "DIPLO": (STRATEGIC, "Other"),
    "DISR_WEAP": (STRATEGIC, "Disrupted weapons use"),
    "FORCE_AGAINST_PROTEST": ("Protests", "Excessive force against protesters"),
    "GOV_REGAINS_TERIT": ("Battles", "Government regains territory"),
    "GRENADE": (EXPLOSIONS, "Grenade"),
    "HQ_ESTABLISHED": (STRATEGIC, "Headquarters or base established"),
    "MAN_MADE_DISASTER": (STRATEGIC, "Other"),
    "MOB_VIOL": ("Riots", "Mob violence"),
    "NATURAL_DISASTER": (STRATEGIC, "Other"),
    "NON_STATE_ACTOR_OVERTAKES_TER": ("Battles", "Non-state actor overtakes territory"),
    "NON_VIOL_TERRIT_TRANSFER": (STRATEGIC, "Non-violent transfer of territory"),
    "ORG_CRIME": (STRATEGIC, "Other"),
    "OTHER": (STRATEGIC, "Other"),
    "PEACE_PROTEST": ("Protests", "Peaceful protest"),
    "PROPERTY_DISTRUCT": (STRATEGIC, "Looting/property destruction"),
    "PROTEST_WITH_INTER": ("Protests", "Protest with intervention"),
    "REM_EXPLOS": (EXPLOSIONS, "Remote explosive/landmine/IED"),
    "SEX_VIOL": (CIVILIANS, "Sexual violence"),
    "SUIC_BOMB": (EXPLOSIONS, "Suicide bomb"),
    "VIOL_DEMONSTR": ("Riots", "Violent demonstration"),
}

# Labels of the codes that ACLED calls "Other" (the rest take ACLED's sub-event type).
_OWN_LABELS: dict[str, str] = {
    "ATTRIB": "Claim of responsibility or blame", "DIPLO": "Diplomatic event",
    "MAN_MADE_DISASTER": "Man-made disaster", "NATURAL_DISASTER": "Natural disaster",
    "ORG_CRIME": "Organised crime", "OTHER": "Other event",
}

LABELS: dict[str, str] = {code: _OWN_LABELS.get(code, ACLED_TYPES[code][1])
                          for code in EVENT_TYPES}

# The contract's PLOVER categories (CONTRACT.md, "Event types").
PLOVER_CATEGORIES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


# The PLOVER category of each event code (POLECAT-style users filter by it).
PLOVER_OF_TYPE: dict[str, str] = {
    "ABDUCT_DISSAP": "ASSAULT", "AGREEMENT": "AGREE", "AIR_STRIKE": "ASSAULT",
    "ARMED_CLASH": "ASSAULT", "ARREST": "COERCE", "ART_MISS_ATTACK": "ASSAULT",
    "ATTACK": "ASSAULT", "ATTRIB": "ACCUSE", "CHANGE_TO_GROUP_ACT": "MOBILIZE",
    "CHEM_WEAP": "ASSAULT", "DIPLO": "CONSULT", "DISR_WEAP": "COERCE",
    "FORCE_AGAINST_PROTEST": "COERCE", "GOV_REGAINS_TERIT": "ASSAULT", "GRENADE": "ASSAULT",
    "HQ_ESTABLISHED": "MOBILIZE", "MAN_MADE_DISASTER": "AID", "MOB_VIOL": "ASSAULT",
    "NATURAL_DISASTER": "AID", "NON_STATE_ACTOR_OVERTAKES_TER": "ASSAULT",
    "NON_VIOL_TERRIT_TRANSFER": "RETREAT", "ORG_CRIME": "COERCE", "OTHER": "CONSULT",
    "PEACE_PROTEST": "PROTEST", "PROPERTY_DISTRUCT": "ASSAULT", "PROTEST_WITH_INTER": "PROTEST",
    "REM_EXPLOS": "ASSAULT", "SEX_VIOL": "ASSAULT", "SUIC_BOMB": "ASSAULT",
    "VIOL_DEMONSTR": "PROTEST",
}


class UnknownEventType(ValueError):
    """A name that is no event code, PLOVER category or ACLED type."""


def label(code: str) -> str:
    """An event code in words ("Armed clash"); an unknown code as it is."""
    return LABELS.get(code, code)


def _key(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).casefold()


def _named() -> dict[str, frozenset[str]]:
    named: dict[str, set[str]] = {}
    for code, (event_type, sub_event_type) in ACLED_TYPES.items():
        for name in (code, event_type, sub_event_type, LABELS[code]):
            named.setdefault(_key(name), set()).add(code)
    return {key: frozenset(codes) for key, codes in named.items()}


_NAMED = _named()


def codes_named(name: str) -> tuple[frozenset[str], str | None]:
    """The event codes and the PLOVER category that ``name`` stands for: an event code
    (``ARMED_CLASH``, any case), an ACLED event or sub-event type ("Battles", "Armed
    clash") or one of our labels; or a PLOVER category (``ASSAULT``). Raises
    ``UnknownEventType`` with the valid names otherwise."""
    key = _key(name)
    plover = name.strip().upper() if name.strip().upper() in PLOVER_CATEGORIES else None
    codes = _NAMED.get(key, frozenset())
    if not codes and plover is None:
        types = sorted({t for t, _ in ACLED_TYPES.values()})
        raise UnknownEventType(
            f"unknown event type {name!r}: give an event code ({', '.join(EVENT_TYPES)}), "
            f"a PLOVER category ({', '.join(PLOVER_CATEGORIES)}) or an ACLED event type "
            f"({', '.join(types)}) or sub-event type (e.g. 'Armed clash')")
    return codes, plover
