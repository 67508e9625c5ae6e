"""Where to put a place the gazetteer lacks: the story's region, as ACLED does.

A PLACE entity that no gazetteer reading resolves (a village, a pass, a base, a square) is
put in the first-level division that most mentions of the story's resolved places lie in
(two at least, and half of them), at ``admin1`` precision, when

* its name can be a spot inside a region: not a sea, a coast, a macro-region ("the Middle
  East", "Western"), a state named by a word alone ("the Republic"), an acronym ("EU",
  "T&T") or a people's adjective ("Kurdish"); and
* the text itself puts it somewhere: a mention follows a word that only a place takes
  ("in", "near", "outside", "into", "north of", "the outskirts of"; "at" and "from" too,
  which also take organisations but rarely people; "on" after an attack, "to" after a move:
  "offensives on Khawak", "spread to Qalatak"), stands in a list with another place ("Nuli
  and Avnevi") or heads a line in capitals as a dateline does ("HARWINTON —"), or a
  place's generic head ends a name of two words or more or follows it ("the Rukban camp",
  "Zabul province", "Kingsley Road"; never "State" or "Republic" alone or at the end).

A name the small model alone calls a place is often a person or a brand ("China furious at
Macron", "on Twitter"): without such words it stays unplaced rather than put in a region it
may have nothing to do with. "At" after words of aim or attitude takes a target ("furious
at Macron", "taking aim at Scott Pruitt"). A preposition before a name that modifies the
words after it ("in the Skripal affair", "at Scott Pruitt's policies") governs those words,
not the name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from newsledger.geo.gazetteer import Gazetteer, GazetteerEntry
from newsledger.geo.names import DEMONYM_ENDINGS, normalise_name, place_head
from newsledger.geo.prior import stop_words
from newsledger.records import Document, Entity, Mention, Place

# Heads and words of names for areas larger than a region, or for no area at all: a sea,
# a coast, "the Middle East", "Western", an unknown acronym ("T&T").
_BEYOND_REGION = frozenset({
    "ocean", "sea", "gulf", "peninsula", "coast", "continent", "east", "west", "north",
    "south", "western", "eastern", "northern", "southern", "hemisphere", "atlantic",
    "pacific", "mediterranean", "arctic", "antarctic",
})
# Words that alone name a state, not a spot ("the Republic", "the Kingdom"); in a longer
# name they may ("Union Station", "Republic Square").
_STATE_WORDS = frozenset({"republic", "kingdom", "federation", "union", "commonwealth",
                          "confederation", "emirate", "state"})
# The words right before a mention that put the name somewhere ("fighting in Zawiya",
# "near the northern Kafr Nabl", "40 km north of Goma", "the outskirts of Sirte").
_PLACED_AFTER = re.compile(
    r"\b(?:in|near|at|from|outside|into|across|inside|around|towards?|throughout|through|via"
    r"|(?:north|south|east|west|northeast|northwest|southeast|southwest|outskirts|suburbs"
    r"|villages?|towns?|cities|city|districts?|provinces?|region|areas?|neighbou?rhoods?)"
    r" of)\s+(?:the\s+)?(?:(?:north|south|east|west|northern|southern|eastern"
    r"|western|central|nearby|neighbou?ring|besieged|rebel-held|town of|village of|city of)"
    r"\s+)*$",
    re.IGNORECASE,
)
# Words after which "at" takes a target, not a place: "furious at Macron", "taking aim at
# Scott Pruitt", "lashed out at Beijing".
_AT_A_TARGET = frozenset({
    "furious", "angry", "mad", "upset", "annoyed", "outraged", "aim", "aimed", "aiming",
    "aims", "swipe", "jab", "dig", "shot", "shots", "fired", "fires", "laughed", "laughs",
    "looked", "looks", "glared", "out", "directed", "pointed", "pointing", "blow", "barb",
})
_TARGET_AT = re.compile(r"(\w+)\s+at\s+(?:the\s+)?$", re.IGNORECASE)
# Prepositions that take a place only after some words: "offensives on Khawak", "fired on
# Qamishli" (not "on Twitter", "on Monday"); "spread to Qalatak", "fled to Chaman" (not
# "told to Smith", "a letter to Macron").
_PLACE_AFTER_WORDS: dict[str, frozenset[str]] = {
    "on": frozenset({
        "offensive", "offensives", "attack", "attacks", "attacked", "assault", "assaults",
        "raid", "raids", "strike", "strikes", "fired", "firing", "march", "marched",
        "marching", "shelling", "bombing", "bombardment",
        "push", "pushed", "converged", "closing", "descended", "rained", "airstrike",
        "airstrikes",
    }),
    "to": frozenset({
        "spread", "spreading", "travelled", "traveled", "travelling", "traveling",
        "returned", "returning", "fled", "fleeing", "flee", "flew", "headed", "heading",
        "deployed", "evacuated", "rushed", "relocated", "retreated", "withdrew", "route",
        "road", "trip", "visit", "journey", "flights", "flight", "expanded",
    }),
}
# Heads that say no place at the end of a name ("Islamic State", "Republic": a group, or a
# country the gazetteer knows by another name), and words that say none after a name
# ("Tesla market share", "the Kremlin state media").
_NOT_A_NAME_END = frozenset({"state", "republic", "territory"})
_NOT_AFTER_A_NAME = frozenset({"market", "state"})
_WORD_AND_PREPOSITION = re.compile(
    r"(\w+)\s+(on|to)\s+(?:the\s+)?(?:(?:town|village|city)\s+of\s+)?$", re.IGNORECASE)
_LOOK_BEHIND = 60  # characters before a mention read for its preposition
_LIST_GAP = 6  # the most characters between two listed names (", and ")
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_JOINER = re.compile(r",?\s+(?:and|or|&)\s+|,\s+|;\s+")
# What follows a dateline's place ("KABUL —", "HARWINTON -- ", "COLUMBUS, Ohio (AP) —",
# "DOUMA (Reuters) -"), which is written in capitals.
_DATELINE = re.compile(r"\s*(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\s*)?(?:\([A-Za-z ]{2,20}\)\s*)?"
                       r"(?:[\u2014\u2013:]|\s--?\s)")


def regional_fallbacks(entities: Sequence[Entity], places: Sequence[Place],
                       gazetteer: Gazetteer, document: Document,
                       checked: bool = True) -> list[tuple[Entity, GazetteerEntry]]:
    """The entities left unplaced that the text puts somewhere (all that can lie within a
    region, when not ``checked``: known toponyms), each with the story's first-level
    division (the ``Place`` is the caller's to make, at ``admin1``)."""
    mentions = {e.id: len(e.mentions) for e in entities}
    votes: Counter[tuple[str, str]] = Counter()
    for place in places:
        if place.country and place.admin1 and place.precision != "country":
            votes[(place.country, place.admin1)] += max(1, mentions.get(place.entity, 0))
    if not votes:
        return []
    (country, admin1), count = votes.most_common(1)[0]
    region = _division(gazetteer, country, admin1)
    if region is None or count < 2 or count * 2 < sum(votes.values()):
        return []  # no region, or not one the story is mostly about
    placed = {p.entity for p in places}
    unknown = [e for e in entities
               if e.type == "PLACE" and e.id not in placed and could_lie_within(e.name)
               and not _a_country_named_in(e.name, gazetteer)]
    if not checked:
        return [(e, region) for e in unknown]
    # a list vouches for a name when another of its names is a place by the gazetteer or by
    # the text's own words: unknown names alone do not vouch for each other ("Qorbani and
    # Rahmatzai said"), but "the villages of Nuli and Avnevi" places both
    sure: set[str] = set()
    while True:
        spans = PlaceSpans(m for e in entities if e.id in placed or e.id in sure
                           for m in e.mentions)
        found = {e.id for e in unknown
                 if e.id not in sure and placed_by_text(e, document.text, spans)}
        if not found:
            return [(e, region) for e in unknown if e.id in sure]
        sure |= found  # "in Zawiya, Sabratha, Surman and Ajaylat": each vouches for the next


class PlaceSpans:
    """The starts and ends of other places' mentions, to find a mention listed with one."""

    def __init__(self, mentions: Iterable[Mention] = ()) -> None:
        self.starts: set[int] = set()
        self.ends: set[int] = set()
        for mention in mentions:
            self.starts.add(mention.start)
            self.ends.add(mention.end)

    def listed_with(self, text: str, start: int, end: int) -> bool:
        """A mention joined to another place's mention by a comma, "and" or "or"."""
        for gap in range(1, _LIST_GAP + 1):
            if start - gap in self.ends and _JOINER.fullmatch(text[start - gap:start]):
                return True
            if end + gap in self.starts and _JOINER.fullmatch(text[end:end + gap]):
                return True
        return False


def listed_together(entities: Sequence[Entity], text: str) -> dict[str, int]:
    """The list each entity stands in, by number: entities whose mentions are joined as
    ``PlaceSpans.listed_with`` joins them (a comma, a semicolon, "and", "or", "&":
    "Becker, Clay, Douglas and Grant") share one; an entity in no list has a number of its
    own. The resolver's named districts support each other within their list."""
    parent = {e.id: e.id for e in entities}

    def root(eid: str) -> str:
        while parent[eid] != eid:
            eid = parent[eid]
        return eid

    ends = {m.end: e.id for e in entities for m in e.mentions}
    for entity in entities:
        for mention in entity.mentions:
            for gap in range(1, _LIST_GAP + 1):
                other = ends.get(mention.start - gap)
                if other is not None and other != entity.id and _JOINER.fullmatch(
                        text[mention.start - gap:mention.start]):
                    parent[root(entity.id)] = root(other)
    roots: dict[str, int] = {}
    return {e.id: roots.setdefault(root(e.id), len(roots)) for e in entities}


def could_lie_within(name: str) -> bool:
    """Whether a name the gazetteer lacks can be a spot inside the story's region (a
    village, a pass, a valley) rather than a sea, a macro-region or an acronym."""
    letters = "".join(ch for ch in name if ch.isalpha())
    capitals = sum(ch.isupper() for ch in letters)
    if len(letters) < 3 or (len(letters) <= 5 and capitals >= 2 and capitals * 2 >= len(letters)):
        return False  # an acronym: "EU", "UNHCR", "MoD"
    if " " not in name.strip() and name.strip().lower().endswith(DEMONYM_ENDINGS):
        return False  # an adjective of a people: "Kurdish", "Palestinian"
    words = normalise_name(name).split()
    alone_a_state = len(words) == 1 and words[0] in _STATE_WORDS
    return _BEYOND_REGION.isdisjoint(words) and not alone_a_state


# Words before a country's name that make a region of it ("Northern Nigeria", "Upper Egypt").
_REGION_WORDS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern", "north-east", "north-west", "south-east", "south-west",
    "upper", "lower", "greater", "rural", "occupied", "middle", "mid", "coastal", "far",
})


def _a_country_named_in(name: str, gazetteer: Gazetteer) -> bool:
    """An unknown name of two words or more whose last word is a country's and whose first
    is no region's ("United Russia", "Just Russia": parties, which the model takes for
    places); not "Northern Nigeria"."""
    words = name.split()
    if len(words) < 2 or words[0].lower() in _REGION_WORDS:
        return False
    return any(entry.feature_code.startswith("PCL") for entry in gazetteer.lookup(words[-1]))


def placed_by_text(entity: Entity, text: str, other_places: PlaceSpans | None = None) -> bool:
    """Whether the text puts the entity somewhere: a place's head ends its name of two
    words or more ("Rukban camp") or follows a mention ("the Rukban camp"); a mention
    follows a word only a place takes ("in Rukban", "north of Rukban", "the villages of
    Nuli"), stands in a list with another place ("Nuli and Avnevi", "Harwinton, Bantam,
    Litchfield") or heads a line in capitals as a dateline does ("HARWINTON — Former ...")."""
    if _ends_in_a_head(entity.name):
        return True
    others = other_places or PlaceSpans()
    for mention in entity.mentions:
        if (mention.end > len(text) or not mention.text.strip()
                or text[mention.start:mention.end] != mention.text):
            continue  # offsets of another text: no evidence either way
        if others.listed_with(text, mention.start, mention.end) or _ends_in_a_head(
                mention.text):
            return True
        if mention.text.isupper() and _DATELINE.match(text, mention.end) and _line_start(
                text, mention.start):
            return True
        following = _NEXT_WORD.match(text, mention.end)
        if following and following.group(1).lower() not in _NOT_AFTER_A_NAME and place_head(
                following.group(1)):
            return True
        before = text[max(0, mention.start - _LOOK_BEHIND):mention.start]
        if _modifies_what_follows(text, mention.end, following, before):
            continue  # "in the Skripal affair", "at Scott Pruitt's policies": not the place
        target = _TARGET_AT.search(before)
        if target and target.group(1).lower() in _AT_A_TARGET:
            continue  # "furious at Macron": a target
        if _PLACED_AFTER.search(before):
            return True
        governed = _WORD_AND_PREPOSITION.search(before)
        if governed and governed.group(1).lower() in _PLACE_AFTER_WORDS[governed.group(2).lower()]:
            return True
    return False


def _ends_in_a_head(name: str) -> bool:
    """A name of two words or more whose last word names a kind of place ("Rukban camp",
    "Kingsley Road"); not "Republic", nor "Islamic State"."""
    words = name.split()
    return len(words) > 1 and words[-1].lower() not in _NOT_A_NAME_END and place_head(words[-1])


def _line_start(text: str, start: int) -> bool:
    """Whether only spaces stand between the start of the line and ``start``."""
    return not text[text.rfind("\n", 0, start) + 1:start].strip()


def _modifies_what_follows(text: str, end: int, following: re.Match[str] | None,
                           before: str) -> bool:
    """Whether the name modifies the words after it, so that a preposition before it
    governs them, not the name: a possessive of anything but a place's part ("at Scott
    Pruitt's policies", "in Putin's Russia"; not "in Qalatak's countryside"), or "the"
    before the name and a common word after it that is no place's head ("in the Skripal
    affair"; not "the village of Prisi reportedly came under attack")."""
    if text[end:end + 2] in ("'s", "\u2019s"):  # "in Qalatak's countryside" is a place's
        owned = _NEXT_WORD.match(text, end + 2)
        return owned is None or not place_head(owned.group(1))
    if following is None or not re.search(r"\bthe\s+$", before, re.IGNORECASE):
        return False
    word = following.group(1)
    return word.islower() and word not in stop_words()


def _division(gazetteer: Gazetteer, country: str, admin1: str) -> GazetteerEntry | None:
    """The gazetteer's first-level division ``admin1`` of ``country``."""
    for entry in gazetteer.lookup(admin1):
        if entry.feature_code == "ADM1" and entry.country == country:
            return entry
    return None
