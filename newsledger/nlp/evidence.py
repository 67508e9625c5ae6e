"""Evidence for the type of a name, from its words and its neighbours.

Votes, added to the model's own label: the actor base's type; a place head after the name
("X valley") or over it ("districts of X"); a lone name after a locative preposition ("on
Khawak", "in eastern Ghouta", skipping determiners and directions); a group noun the name
modifies ("the Jaish al-Islam rebel group"); a kinship noun before a given name ("girlfriend
Olivia"); the gazetteer's prior. Titles ("Sgt", "President") are cut off person names and kept
as the role.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Span, Token

from newsledger.geo.names import is_state_abbreviation
from newsledger.nlp.lexicon import (
    KINSHIP_NOUNS,
    LEADING_DROPS,
    LOCATIVE_PREPOSITIONS,
    NAME_PART_HEADS,
    PLACE_HEADS,
    ROLE_NOUNS,
    SITE_HEADS,
)
from newsledger.nlp.model import doc_text
from newsledger.nlp.name_candidates import Candidate, name_key

PLACE_PRIOR_THRESHOLD = 0.3
CONTEXT_PRIOR_THRESHOLD = 0.5  # a town of some 15,000 people: not a brand's rare homonym
STRONG_PRIOR = 0.6  # a town of some 30,000 people, a county, a province, a country
DIRECTIONS = frozenset(
    {"eastern", "western", "northern", "southern", "central", "north", "south", "east", "west",
     "northeastern", "northwestern", "southeastern", "southwestern", "northeast", "northwest",
     "southeast", "southwest", "rural", "greater", "downtown", "upper", "lower", "occupied"}
)
# Lower-case roles right before a name that make it a person's ("coach Ripley").
PERSON_ROLES = ROLE_NOUNS - KINSHIP_NOUNS - {
    "resident", "member", "head", "prime", "major", "general", "chief", "official"} | {
    "coach", "judge", "sheriff", "detective", "attorney", "manager", "pastor", "trooper",
    "superintendent", "principal", "commissioner", "councilman", "councilwoman", "rapper",
    "singer", "actor", "actress", "striker", "midfielder", "defender", "goalkeeper",
    "quarterback", "pitcher", "teammate", "defendant", "suspect", "victim", "candidate"}
# Words before "of X" that make X a place: "southwest of Raleigh", "the outskirts of Goma".
BEARINGS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
     "north-east", "north-west", "south-east", "south-west", "outskirts", "suburbs", "suburb",
     "northwards", "southwards", "eastwards", "westwards"}
)
# Prepositions that put an unknown organisation-labelled name in a place ("in Senkata"), or
# a person's surname ("in Jackson"); "at", "to", "from" and "on" go with organisations and
# people too ("at Google", "to NATO", "comment from Clinton").
PLACE_ONLY_PREPOSITIONS = frozenset(
    {"in", "near", "outside", "around", "into", "across", "inside", "towards", "toward",
     "throughout"}
)
ORG_FOLLOWERS = frozenset(
    {"group", "militia", "movement", "faction", "brigade", "brigades", "organisation",
     "organization", "party", "front", "network", "coalition", "alliance", "outfit"}
)
# Last words of a body's name, never of a building's: a name the model labels a facility that
# ends in one is an organisation ("the Edgar County Sheriff's Department"; not "Altnagelvin
# Hospital", "Kabul Airport", "Union Station"). Names labelled places are left alone: a
# Colombian or French "department" is a division.
BODY_WORDS = frozenset(
    {"department", "dept", "office", "agency", "authority", "ministry", "commission",
     "council", "committee", "board", "government", "administration", "bureau", "service",
     "services", "directorate", "secretariat", "inspectorate", "police"}
)
KIN_BEFORE = KINSHIP_NOUNS | {
    "girlfriend", "boyfriend", "fiancee", "fiancé", "fiancée", "fiance", "partner", "widow",
    "widower", "cousin", "uncle", "aunt", "grandson", "granddaughter", "niece", "stepson",
}
# The people and services of a town, county or country, named after it.
LOCAL_PEOPLE = frozenset(
    {"resident", "firefighter", "police", "policeman", "officer", "official", "authority",
     "villager", "councillor", "councilman", "sheriff", "deputy", "citizen", "voter",
     "neighbor", "neighbour", "native", "homeowner", "student", "teacher", "paramedic",
     "man", "woman", "teen", "teenager", "boy", "girl", "couple",  # "a Gainesville man"
     "governor", "mayor"}  # "as Murmansk governor"
)
# The offices of a place that its name takes as a possessive: "Murmansk's governor".
LOCAL_OFFICES = frozenset({"governor", "mayor", "police", "sheriff", "council"})
TITLES: dict[str, str | None] = {
    "mr": None, "mrs": None, "ms": None, "miss": None, "dr": "doctor", "prof": "professor",
    "sgt": "sergeant", "sergeant": "sergeant", "cpl": "corporal", "corporal": "corporal",
    "lt": "lieutenant", "lieutenant": "lieutenant", "capt": "captain", "captain": "captain",
    "maj": "major", "col": "colonel", "colonel": "colonel", "gen": "general",
    "general": "general", "adm": "admiral", "admiral": "admiral", "brig": "brigadier",
    "brigadier": "brigadier", "cmdr": "commander", "pte": "private", "private": "private",
    "master": None, "staff": None, "president": "president", "senator": "senator",
    "sen": "senator", "rep": "representative", "governor": "governor", "gov": "governor",
    "mayor": "mayor", "judge": "judge", "sheikh": "sheikh", "mullah": "mullah",
    "maulvi": "maulvi", "imam": "imam", "pope": "pope", "king": "king", "queen": "queen",
    "prince": "prince", "princess": "princess", "minister": "minister",
}

PlacePrior = Callable[[str], float]
ROLE_QUALIFIERS = frozenset(
    {"commanding", "chief", "deputy", "senior", "acting", "executive", "vice", "assistant",
     "foreign", "defence", "defense", "interior", "prime", "general", "first", "former"}
)


def is_role_word(tok: Token) -> bool:
    """A word of a role or title ("Commanding", "Officer", "Sgt"): a name made only of such
    words is a role mention, not a name."""
    word = tok.lower_.rstrip(".")
    return word in ROLE_NOUNS or word in ROLE_QUALIFIERS or word in TITLES


def strip_title(span: Span) -> tuple[Span, str | None]:
    """"Master Sgt Johnathan Dunbar" → ("Johnathan Dunbar", "sergeant")."""
    role = None
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_.rstrip(".") in TITLES:
        role = TITLES[span.doc[start].lower_.rstrip(".")] or role
        start += 1
        if span.doc[start].text == ".":
            start += 1
    return span.doc[start: span.end], role


def add_evidence(cand: Candidate, span: Span, place_prior: PlacePrior) -> None:
    """Add the votes that the name's words and neighbours give to ``cand``."""
    if cand.actor is not None:
        cand.votes[cand.actor.type] += 3
    _place_heads(cand, span)
    prev = _before(span)
    locative = prev is not None and prev.lower_ in LOCATIVE_PREPOSITIONS
    lone = locative and _one_word(span) and span.root.dep_ == "pobj" and cand.actor is None
    right_before = _before(span, skip=DIRECTIONS)
    unknown_org = (cand.type == "ORG" and span.text.istitle() and right_before is not None
                   and right_before.lower_ in PLACE_ONLY_PREPOSITIONS)
    if lone and (cand.type == "PERSON" or unknown_org):
        cand.votes["PLACE"] += 2  # "offensives on Khawak", "in Senkata"
    if cand.actor is None and _after_a_compass_word(span):
        cand.votes["PLACE"] += 2  # "eastern Ghouta", "northern Idlib": a region of a place
    if cand.actor is None and _before_other_places(span):
        cand.votes["PLACE"] += 3  # "fired on Qamishli and other towns"
    head = span.root.head
    if head.i >= span.end and head.lemma_.lower() in ORG_FOLLOWERS and cand.actor is None:
        cand.votes["ORG"] += 3  # "the Jaish al-Islam rebel group"
    if is_state_abbreviation(span.text) and _after_a_name_and_comma(span):
        cand.votes["PLACE"] += 5  # "from Virginia Beach, Va., to Cedar Grove": never a person
    if len(span) == 1 and span.start > 0 and span.doc[span.start - 1].lower_ in KIN_BEFORE:
        cand.votes["PERSON"] += 3  # "his girlfriend Olivia"
    if len(span) <= 2 and span.start > 0 and cand.actor is None and (
            span.doc[span.start - 1].text in PERSON_ROLES):
        cand.votes["PERSON"] += 4  # "states coach Ripley", "spokesman Dashti"
    prior = place_prior(cand.place_key or span.text)
    if locative or cand.type == "PLACE" or (_of_local_people(span) and not (
            cand.type == "PERSON" and span.root.dep_ == "poss")):
        cand.votes["PLACE"] += prior_votes(prior)
    if prior >= CONTEXT_PRIOR_THRESHOLD and cand.actor is None and _placed_by_context(span):
        cand.votes["PLACE"] += 3
    if prior >= PLACE_PRIOR_THRESHOLD and cand.actor is None and _before_its_parent(
            span, place_prior):
        cand.votes["PLACE"] += 3  # "In Klamath Falls, Oregon, a brewery ..."


def _after_a_name_and_comma(span: Span) -> bool:
    """Right after a capitalised word and a comma: "Virginia Beach, Va." (the state of the
    town before it), not "Miss. Smith"."""
    doc, start = span.doc, span.start
    return start >= 2 and doc[start - 1].text == "," and doc[start - 2].text[:1].isupper()


# Last words of bodies' names, for a name the model calls a place and the gazetteer does not
# know: "the Guernsey County Common Pleas Court", "the West Virginia Democratic Party".
PLACE_BODY_WORDS = BODY_WORDS | {"court", "sheriff", "party"}


def names_a_body(span: Span, words: frozenset[str] = BODY_WORDS) -> bool:
    """A name of two words or more whose last is a body's (``BODY_WORDS``): "Edgar County
    Sheriff's Department"."""
    return len(span) > 1 and span[-1].lower_ in words


def _one_word(span: Span) -> bool:
    """A name of one word, hyphens included ("Khawak", "al-Tanf")."""
    return not any(t.whitespace_ for t in span[:-1])


# Lower-case words of direction that go before a place's name, never a person's or (but for
# a region: "eastern Europe", itself a place) an organisation's.
COMPASS_ADJECTIVES = frozenset(
    {"eastern", "western", "northern", "southern", "northeastern", "northwestern",
     "southeastern", "southwestern", "north-eastern", "north-western", "south-eastern",
     "south-western"}
)


def _after_a_compass_word(span: Span) -> bool:
    """A name right after a lower-case compass adjective ("in eastern Ghouta", "the last
    patch of eastern Ghouta"), which a name the model calls an organisation rarely has."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.is_lower and before.lower_ in COMPASS_ADJECTIVES


# Plural nouns of places after "and other": "Qamishli and other towns along the border".
OTHER_PLACES = frozenset({"towns", "cities", "villages", "areas", "provinces", "districts",
                          "regions", "countries", "places", "communities", "settlements",
                          "neighborhoods", "neighbourhoods", "states", "islands", "camps"})


def _before_other_places(span: Span) -> bool:
    """A name followed by "and other" and a plural noun of places, one word between at most
    ("Qamishli and other towns along the Syrian-Turkish border", "and other border towns"),
    which only a place's name takes."""
    words = [t.lower_ for t in span.doc[span.end: span.end + 4]]
    return words[:2] == ["and", "other"] and bool(OTHER_PLACES.intersection(words[2:4]))


def prior_votes(prior: float) -> int:
    """The votes for PLACE that the gazetteer's prior alone gives a name: 1 for a town of
    some size, 2 for a bigger one, a county, a province or a country (``geo.prior``)."""
    return 1 + int(prior >= STRONG_PRIOR) if prior >= PLACE_PRIOR_THRESHOLD else 0


def _placed_by_context(span: Span) -> bool:
    """Words around a name that only a place takes: a bearing ("60 miles southwest of
    Raleigh", "the outskirts of Goma"), a residence after a person, an age or a firm ("James
    Tauber of Nelson", "Rebecca Sears, 41, of Grovetown", "said Amstutz, of Wooster",
    "Georgia Modular Systems, of Fitzgerald"), or "-based" ("a Kabul-based group")."""
    doc, i = span.doc, span.start
    after = [t.lower_ for t in doc[span.end: span.end + 2]]
    if after == ["-", "based"]:
        return True
    if i < 2 or doc[i - 1].lower_ != "of":
        return False
    before = doc[i - 2]
    if before.lower_ in BEARINGS:
        return True
    if before.text == "," and i >= 3:  # "Rebecca Sears, 41, of X", "said Amstutz, of X"
        return doc[i - 3].like_num or doc[i - 3].ent_type_ in ("PERSON", "ORG")
    return before.ent_type_ == "PERSON" and before.ent_iob_ in ("B", "I")


def _of_local_people(span: Span) -> bool:
    """A name modifying the people or services of a place: "Torrington firefighters",
    "Kabul residents", "Hayward police", "Murmansk's governor"."""
    root = span.root
    head = root.head.lemma_.lower()
    if root.dep_ == "poss":  # "Murmansk's governor"; not "Clinton's voters"
        return head in LOCAL_OFFICES
    return root.dep_ == "compound" and head in LOCAL_PEOPLE


def _place_heads(cand: Candidate, span: Span) -> None:
    last = span[-1]
    if last.lower_ in PLACE_HEADS and len(span) > 1:
        cand.votes["PLACE"] += 3
        if not (last.lower_ in NAME_PART_HEADS and last.text[:1].isupper()):  # no Kansas
            cand.place_key = name_key(span[:-1].text)
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if nxt is not None and nxt.pos_ in {"NOUN", "PROPN"} and (
            nxt.lower_ in PLACE_HEADS or (cand.type != "ORG" and _a_site_after(span, nxt))):
        cand.votes["PLACE"] += 3
    if governed_by_place_head(span.root):
        cand.votes["PLACE"] += 2
    if _state_after(span):
        cand.votes["PLACE"] += 3  # "Sioux Falls, S.D.", "Rochester, Ill."


def _a_site_after(span: Span, nxt: Token) -> bool:
    """A site's head after the name ("Halane base", "the Walid crossing", "al-Asadiyeh
    checkpoint"): said of a place, and kept out of the name; never of a name the model
    calls an organisation ("a Wagner base" is the group's). "Base" only after a place's
    preposition: "the Sanders base", "support from the Trump base" are voters."""
    if nxt.lower_ not in SITE_HEADS:
        return False
    if nxt.lower_ != "base":
        return True
    before = _before(span)
    return before is not None and before.lower_ in PLACE_ONLY_PREPOSITIONS | {"at"}


def _state_after(span: Span) -> bool:
    """A name followed by a comma and a state's newsroom abbreviation ("Decatur, Ill.")."""
    rest = doc_text(span.doc)[span.end_char: span.end_char + 8]
    found = re.match(r",\s*((?:[A-Z][a-z]{0,3}\.\s?){1,3})", rest)
    return found is not None and is_state_abbreviation(found.group(1))


def _before(span: Span, skip: frozenset[str] = DIRECTIONS | LEADING_DROPS) -> Token | None:
    """The word before a name, skipping determiners and directions ("in the eastern X")."""
    i = span.start - 1
    while i >= 0 and span.start - i <= 3 and span.doc[i].lower_ in skip:
        i -= 1
    return span.doc[i] if i >= 0 else None


# Heads over "of X" that make X a place; "island" is no head to cut off a name's end
# ("Rhode Island", "Long Island"), so it is not one of ``PLACE_HEADS``.
OF_PLACE_HEADS = frozenset(PLACE_HEADS) | {"island", "isle", "archipelago"}


def governed_by_place_head(tok: Token) -> bool:
    """True for X in "the districts of X", "the province of X", "the valley of X", and for
    the names listed after the first ("the Indonesian islands of Java and Sumatra")."""
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    head = tok.head
    return (tok.dep_ == "pobj" and head.lower_ == "of"
            and head.head.lemma_.lower() in OF_PLACE_HEADS)


PARENT_PRIOR = 0.85  # a province, a state or a country (geo.prior)
# What may follow the parent: the end of its phrase ("In Klamath Falls, Oregon, a brewery",
# "in Moscow, Idaho and Pullman", "Paris, France on Monday", "Paris, Texas was").
PARENT_FOLLOWERS = frozenset({"PUNCT", "CCONJ", "ADP", "VERB", "AUX", "SCONJ"})
PARENT_KINDS = frozenset({"state", "province", "region", "county", "district", "governorate",
                          "prefecture", "oblast", "territory"})


def _before_its_parent(span: Span, place_prior: PlacePrior) -> bool:
    """A name followed by a comma and the province, state or country it lies in, as a
    dateline or an address gives it: "In Klamath Falls, Oregon, a brewery ..." (a parent
    written "Oaxaca State" is read as Oaxaca). Not "Brown, Oregon's governor" or "Collins,
    Maine senator": a name that goes on (a possessive, a noun it modifies) is no parent."""
    doc, end = span.doc, span.end
    if end + 1 >= len(doc) or doc[end].text != ",":
        return False
    stop = end + 1
    while stop < len(doc) and stop - end <= 4 and doc[stop].pos_ == "PROPN":
        stop += 1
    if stop == end + 1 or stop - end > 4 or doc[stop - 1].dep_ in {"compound", "amod"}:
        return False  # no name, a longer one, or "Collins, Maine senator since 1997"
    if stop < len(doc) and doc[stop].pos_ not in PARENT_FOLLOWERS:
        return False  # "Brown, Oregon's governor"; the parent ends its phrase
    if stop - end > 2 and doc[stop - 1].lower_ in PARENT_KINDS:
        stop -= 1  # "Oaxaca State" is Oaxaca
    return place_prior(doc[end + 1:stop].text) >= PARENT_PRIOR
