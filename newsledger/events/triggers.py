"""Event triggers: words and phrases that report an event, with their CASE 2021 type and
PLOVER category. Lemmas are matched on the parse; phrases on lower-cased text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TriggerType:
    type: str
    plover: str


CLASH = TriggerType("ARMED_CLASH", "ASSAULT")
ATTACK = TriggerType("ATTACK", "ASSAULT")
AIR = TriggerType("AIR_STRIKE", "ASSAULT")
SHELL = TriggerType("ART_MISS_ATTACK", "ASSAULT")
SUICIDE = TriggerType("SUIC_BOMB", "ASSAULT")
EXPLOSIVE = TriggerType("REM_EXPLOS", "ASSAULT")
GRENADE = TriggerType("GRENADE", "ASSAULT")
ARREST = TriggerType("ARREST", "COERCE")
ABDUCT = TriggerType("ABDUCT_DISSAP", "ASSAULT")
PROTEST = TriggerType("PEACE_PROTEST", "PROTEST")
RIOT = TriggerType("VIOL_DEMONSTR", "PROTEST")
REPRESS = TriggerType("FORCE_AGAINST_PROTEST", "COERCE")
TAKEOVER = TriggerType("NON_STATE_ACTOR_OVERTAKES_TER", "ASSAULT")
REGAIN = TriggerType("GOV_REGAINS_TERIT", "ASSAULT")
AGREE = TriggerType("AGREEMENT", "AGREE")
DIPLO = TriggerType("DIPLO", "CONSULT")
GROUP_CHANGE = TriggerType("CHANGE_TO_GROUP_ACT", "MOBILIZE")
ALLIANCE = TriggerType("CHANGE_TO_GROUP_ACT", "COOPERATE")
RESTRICT = TriggerType("CHANGE_TO_GROUP_ACT", "COERCE")
DESTROY = TriggerType("PROPERTY_DISTRUCT", "ASSAULT")
SEXUAL = TriggerType("SEX_VIOL", "ASSAULT")
MOB = TriggerType("MOB_VIOL", "ASSAULT")
HQ = TriggerType("HQ_ESTABLISHED", "MOBILIZE")
DEFUSE = TriggerType("DISR_WEAP", "COERCE")
CHEMICAL = TriggerType("CHEM_WEAP", "ASSAULT")
NATURAL = TriggerType("NATURAL_DISASTER", "AID")
ATTRIB = TriggerType("ATTRIB", "ASSAULT")
CRIME = TriggerType("ORG_CRIME", "COERCE")
TRANSFER = TriggerType("NON_VIOL_TERRIT_TRANSFER", "RETREAT")
PROTEST_INTERVENED = TriggerType("PROTEST_WITH_INTER", "PROTEST")
SANCTION = TriggerType("DIPLO", "SANCTION")
CONDEMN = TriggerType("DIPLO", "ACCUSE")
MAN_MADE = TriggerType("MAN_MADE_DISASTER", "AID")

# Single-word triggers by lemma. Verbs and nouns share an entry where the sense is the same.
LEMMAS: dict[str, TriggerType] = {
    "fighting": CLASH, "fight": CLASH, "clash": CLASH, "battle": CLASH, "offensive": CLASH,
    "firefight": CLASH, "skirmish": CLASH, "gunbattle": CLASH, "combat": CLASH,
    "attack": ATTACK, "ambush": ATTACK, "raid": ATTACK, "assault": ATTACK, "storm": ATTACK,
    "massacre": ATTACK, "shoot": ATTACK, "gunman": ATTACK, "stab": ATTACK, "shooting": ATTACK,
    "killing": ATTACK, "murder": ATTACK, "rampage": ATTACK, "stabbing": ATTACK, "kill": ATTACK,
    "bombing": EXPLOSIVE,
    "airstrike": AIR, "bombard": AIR, "drone": AIR, "warplane": AIR,
    "shelling": SHELL, "shell": SHELL, "rocket": SHELL, "missile": SHELL, "artillery": SHELL,
    "mortar": SHELL,
    "ied": EXPLOSIVE, "landmine": EXPLOSIVE, "explode": EXPLOSIVE, "detonate": EXPLOSIVE,
    "explosion": EXPLOSIVE, "blast": EXPLOSIVE,
    "grenade": GRENADE,
    "arrest": ARREST, "detain": ARREST, "detention": ARREST, "apprehend": ARREST,
    "abduct": ABDUCT, "kidnap": ABDUCT, "abduction": ABDUCT, "kidnapping": ABDUCT,
    "hostage": ABDUCT,
    "protest": PROTEST, "demonstration": PROTEST, "rally": PROTEST, "march": PROTEST,
    "demonstrator": PROTEST, "protester": PROTEST, "protestor": PROTEST, "strike": ATTACK,
    "riot": RIOT, "rioter": RIOT,
    "recapture": REGAIN, "regain": REGAIN, "retake": REGAIN,
    "capture": TAKEOVER, "seize": TAKEOVER, "overrun": TAKEOVER,
    "ceasefire": AGREE, "truce": AGREE, "agreement": AGREE, "deal": AGREE, "sign": AGREE,
    "talks": DIPLO, "negotiation": DIPLO, "summit": DIPLO,
    "join": ALLIANCE, "ally": ALLIANCE, "alliance": ALLIANCE, "merge": ALLIANCE,
    "recruit": GROUP_CHANGE, "mobilise": GROUP_CHANGE, "mobilize": GROUP_CHANGE,
    "block": RESTRICT, "blockade": RESTRICT, "curfew": RESTRICT, "ban": RESTRICT,
    "siege": RESTRICT, "shutdown": RESTRICT,
    "destroy": DESTROY, "torch": DESTROY, "loot": DESTROY, "burn": DESTROY, "demolish": DESTROY,
    "rape": SEXUAL, "lynch": MOB, "mob": MOB, "defuse": DEFUSE,
    "expel": DIPLO, "summon": DIPLO, "diplomat": DIPLO, "envoy": DIPLO, "embassy": DIPLO,
    "visit": DIPLO, "meeting": DIPLO,
    "confiscate": DEFUSE, "dismantle": DEFUSE, "discover": DEFUSE, "intercept": DEFUSE,
    "recover": DEFUSE, "sanction": SANCTION, "condemn": CONDEMN,
    "smuggle": CRIME, "smuggler": CRIME, "smuggling": CRIME, "trafficking": CRIME,
    "trafficker": CRIME, "cartel": CRIME, "extortion": CRIME, "robbery": CRIME, "rob": CRIME,
    "spill": MAN_MADE, "derail": MAN_MADE, "collapse": MAN_MADE, "crash": MAN_MADE,
    "blaze": MAN_MADE, "leak": MAN_MADE, "stampede": MAN_MADE,
    "withdraw": TRANSFER, "withdrawal": TRANSFER, "handover": TRANSFER,
    "earthquake": NATURAL, "flood": NATURAL, "cyclone": NATURAL, "landslide": NATURAL,
    "drought": NATURAL, "hurricane": NATURAL, "typhoon": NATURAL,
}

# Triggers only as nouns, never as modifiers ("the fire department") or in gunfire idioms.
NOUN_LEMMAS: dict[str, TriggerType] = {
    "fire": MAN_MADE, "inferno": MAN_MADE, "wildfire": NATURAL, "bushfire": NATURAL,
}
# Words a "fire" hangs from when it is gunfire or a figure of speech: "came under fire",
# "cease-fire", "opened fire", "returned fire", "drew fire", "held their fire".
FIRE_IDIOM_HEADS = frozenset({"under", "cease", "open", "return", "exchange", "draw", "hold",
                              "line", "friendly"})

# Phrases checked on the lower-cased sentence text; they win over single lemmas.
PHRASES: dict[str, TriggerType] = {
    "suicide bomb": SUICIDE, "suicide attack": SUICIDE, "suicide bomber": SUICIDE,
    "air strike": AIR, "air raid": AIR, "drone strike": AIR,
    "roadside bomb": EXPLOSIVE, "car bomb": EXPLOSIVE, "improvised explosive": EXPLOSIVE,
    "tear gas": PROTEST_INTERVENED, "dispersed protesters": PROTEST_INTERVENED,
    "opened fire on protesters": REPRESS,
    "opened fire": ATTACK, "exchange of fire": CLASH, "exchanged fire": CLASH,
    "fought back": CLASH, "took over": TAKEOVER, "take over": TAKEOVER, "taken over": TAKEOVER,
    "took control": TAKEOVER, "cut off": RESTRICT, "shut down": RESTRICT,
    "set up a base": HQ, "established a base": HQ, "headquarters": HQ,
    "chemical weapon": CHEMICAL, "chlorine": CHEMICAL, "sarin": CHEMICAL,
    "toxic gas": CHEMICAL, "poison gas": CHEMICAL, "poisonous gas": CHEMICAL,
    "mustard gas": CHEMICAL, "gas attack": CHEMICAL, "nerve agent": CHEMICAL,
    "catching fire": MAN_MADE, "caught fire": MAN_MADE,
    "peace talks": DIPLO, "peace deal": AGREE, "prisoner swap": AGREE,
    "joined hands": ALLIANCE, "join hands": ALLIANCE,
    "claimed responsibility": ATTRIB, "claim responsibility": ATTRIB,
    "claiming responsibility": ATTRIB, "claims responsibility": ATTRIB,
    "observation post": HQ, "military base": HQ, "new base": HQ,
    "set up a checkpoint": HQ, "new outpost": HQ,
    "handed over": TRANSFER, "pulled out of": TRANSFER,
    "fire broke out": MAN_MADE, "drug trafficking": CRIME,
    "on strike": PROTEST, "general strike": PROTEST, "hunger strike": PROTEST,
    "workers' strike": PROTEST, "strike action": PROTEST,
}

# Words in an attack's clause that say which kind of attack it was, most specific first.
ATTACK_KINDS: tuple[tuple[frozenset[str], TriggerType], ...] = (
    (frozenset({"suicide"}), SUICIDE),
    (frozenset({"grenade"}), GRENADE),
    (frozenset({"chemical", "chlorine", "sarin", "mustard", "toxic", "nerve"}), CHEMICAL),
    (frozenset({"warplane", "jet", "aircraft", "drone", "helicopter", "airstrike", "air"}), AIR),
    (frozenset({"artillery", "mortar", "rocket", "missile", "shell", "howitzer"}), SHELL),
    (frozenset({"bomb", "ied", "explosive", "landmine", "mine", "bombing"}), EXPLOSIVE),
)
# Things seized that make a seizure a disarmament, not a takeover of ground.
WEAPON_WORDS = frozenset(
    {"weapon", "arm", "ammunition", "rifle", "gun", "firearm", "explosive", "cache", "bomb",
     "grenade", "pistol", "munition", "mortar", "rocket", "drone", "ied"}
)
# Targets whose being attacked makes the attack a clash between armed groups (ACLED).
ARMED_NOUNS = frozenset(
    {"soldier", "troop", "police", "policeman", "officer", "checkpoint", "base", "convoy",
     "patrol", "army", "military", "force", "outpost", "militant", "fighter", "rebel",
     "insurgent", "militia", "garrison", "barracks", "position"}
)
# ACLED's order for a demonstration: any violence by the demonstrators makes it a riot, even
# when the police answer with force; else lethal or brutal force against it is excessive
# force; else tear gas, dispersal or arrests are an intervention; else it is peaceful.
VIOLENT_PROTEST = frozenset(
    {"riot", "violent", "violence", "clash", "loot", "vandalise", "vandalize", "stone",
     "torch", "rioter", "molotov", "smash", "burn", "hurl", "projectile", "firebomb"}
)
# (not "killed" or "death": a protest is as often over a killing as met with one)
LETHAL_FORCE = frozenset({"lethal", "ammunition", "sniper", "violently", "brutally", "brutal",
                          "excessive", "crackdown"})
# Finding things is a disarmament only when weapons or explosive devices are found.
FINDING_VERBS = frozenset({"discover", "intercept", "recover"})
DEVICE_WORDS = frozenset({"device", "package", "parcel", "detonator", "cache"})
# An explosion or fire at such a place, with no attacker named, is an accident.
INDUSTRIAL = frozenset(
    {"tank", "plant", "factory", "pipeline", "refinery", "boiler", "warehouse", "mine",
     "reactor", "depot", "furnace", "chemical", "gas", "fuel", "oil", "train", "building"}
)
ATTACKER_WORDS = frozenset({"militant", "attacker", "bomber", "terrorist", "insurgent", "rebel",
                            "gunman", "claim", "target", "attack"})
INTERVENTION = frozenset({"arrest", "detain", "detention", "intervene", "tear", "cannon",
                          "rubber", "disperse", "baton", "truncheon", "pepper"})

# Words that make a trigger a description, not an event: "attack helicopter", "rocket science".
NON_EVENT_HEADS = frozenset({"helicopter", "dog", "science", "ship", "launcher", "site", "speed"})
# Parts of speech a word must have to be a lemma trigger.
TRIGGER_POS = frozenset({"VERB", "NOUN", "ADJ"})


# ACLED's scope of political violence, demonstrations and strategic developments: what
# ``--scope conflict`` keeps (accidents, natural disasters and organised crime are left out).
OUTSIDE_CONFLICT_SCOPE = frozenset({"MAN_MADE_DISASTER", "NATURAL_DISASTER", "ORG_CRIME"})

# Incident families: events of one family in one document, with no place or time that sets
# them apart, are one incident reported several times ("the attack", "the shooting").
FAMILY_OF_TYPE: dict[str, str] = {
    **dict.fromkeys(("ATTACK", "ARMED_CLASH", "AIR_STRIKE", "ART_MISS_ATTACK", "GRENADE",
                     "SUIC_BOMB", "REM_EXPLOS", "CHEM_WEAP", "MOB_VIOL", "SEX_VIOL",
                     "PROPERTY_DISTRUCT"), "violence"),
    **dict.fromkeys(("PEACE_PROTEST", "PROTEST_WITH_INTER", "VIOL_DEMONSTR",
                     "FORCE_AGAINST_PROTEST"), "protest"),
    **dict.fromkeys(("ARREST",), "arrest"),
    **dict.fromkeys(("ABDUCT_DISSAP",), "abduction"),
    **dict.fromkeys(("MAN_MADE_DISASTER", "NATURAL_DISASTER"), "disaster"),
    **dict.fromkeys(("GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER",
                     "NON_VIOL_TERRIT_TRANSFER"), "territory"),
    # the reactions of governments to one development ("world leaders condemned ...")
    **dict.fromkeys(("DIPLO",), "diplomacy"),
    # one deal told again ("released Tuesday in a prisoner swap", "their release came hours
    # after the government freed three prisoners")
    **dict.fromkeys(("AGREEMENT",), "agreement"),
}
