"""Place-name normalisation and the parsing of toponym phrases into a core name and hints.

``normalise_name`` is the one key under which the gazetteer indexes every name and alternate
name, and under which the resolver looks names up: accents stripped, casefolded, apostrophes
and full stops dropped (``U.S.`` -> ``us``), other punctuation and hyphens turned to spaces,
a leading article dropped (``the Gambia`` -> ``gambia``), and the short forms "St", "Ste", "Mt"
and "Ft" before another word written out (``St. Petersburg`` -> ``saint petersburg``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Hint = Literal["admin1", "admin2", "locality", "natural", "country"]

_FOLD = str.maketrans(
    {
        "ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d",
        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ß": "ss",
        "ʻ": "", "ʼ": "", "’": "", "‘": "", "'": "", "`": "", "´": "", ".": "",
    }
)
_NON_ALNUM = re.compile(r"[^0-9a-z\n]+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_SPACED_LINE_ENDS = re.compile(r" ?\n ?")
# Short forms of a word of a name, one key with the long: "St. Petersburg" is Saint
# Petersburg, "Mt. Pleasant" Mount Pleasant, "Ft. Worth" Fort Worth (not a name's last word:
# "Main St." is a street).
_LONG_FORMS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_SHORT_FORM = re.compile(r"\b(st|ste|mt|ft)(?= [a-z0-9])")


def normalise_name(name: str) -> str:
    """The lookup key of a place name: ``"Côte-d'Ivoire"`` -> ``"cote divoire"``.

    Names in a non-Latin script normalise to ``""`` (the gazetteer keeps Latin-script names).
    """
    return normalise_many([name])[0]


def normalise_many(names: list[str]) -> list[str]:
    """``normalise_name`` of each name, done on all of them at once (fast for bulk builds)."""
    return normalise_lines("\n".join(name.replace("\n", " ") for name in names)).split("\n")


def normalise_lines(text: str) -> str:
    """``normalise_name`` of each line of ``text``, lines kept."""
    blob = _SHORT_FORM.sub(lambda found: _LONG_FORMS[found.group(1)], _folded(text))
    blob = blob.replace("\nthe ", "\n")
    return blob[4:] if blob.startswith("the ") else blob


def _folded(text: str) -> str:
    """Each line of ``text`` folded as a key is, short forms kept as written."""
    blob = text.replace("'", "").replace(".", "").replace("`", "")
    if not blob.isascii():
        blob = _COMBINING.sub("", unicodedata.normalize("NFKD", blob))
        if not blob.isascii():
            blob = "\n".join(_ascii_only(line) for line in blob.split("\n"))
    return _SPACED_LINE_ENDS.sub("\n", _NON_ALNUM.sub(" ", blob.casefold())).strip(" ")


def short_forms(name: str) -> tuple[str, ...]:
    """The short forms a name is written with, in order ("St. Louis" -> ``("st",)``,
    "Saint-Louis" -> ``()``): two names of one key spelled differently differ here."""
    return tuple(_SHORT_FORM.findall(_folded(name.replace("\n", " "))))


def _ascii_only(text: str) -> str:
    """Text in a Latin script less its stray non-ASCII letters; ``""`` for another script."""
    if text.isascii():
        return text
    text = _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_FOLD)))
    letters = [ch for ch in text if ch.isalpha()]
    if letters and sum(ch.isascii() for ch in letters) >= 0.9 * len(letters):
        return text.encode("ascii", "ignore").decode()
    return ""


# Generic heads and modifiers: the words around a place name that say what kind of place it is.
_HEADS: dict[str, Hint] = {
    "province": "admin1", "state": "admin1", "governorate": "admin1", "oblast": "admin1",
    "region": "admin1", "prefecture": "admin1", "krai": "admin1", "kray": "admin1",
    "emirate": "admin1", "territory": "admin1", "wilaya": "admin1", "vilayet": "admin1",
    "canton": "admin1", "department": "admin1", "republic": "country",
    "district": "admin2", "county": "admin2", "municipality": "admin2", "raion": "admin2",
    "rayon": "admin2", "parish": "admin2", "borough": "admin2", "shire": "admin2",
    "city": "locality", "town": "locality", "village": "locality", "township": "locality",
    "settlement": "locality", "hamlet": "locality", "capital": "locality", "suburb": "locality",
    "neighbourhood": "locality", "neighborhood": "locality", "camp": "locality",
    "valley": "natural", "pass": "natural", "river": "natural", "mountains": "natural",
    "mountain": "natural", "gorge": "natural", "area": "natural", "strip": "natural",
    "basin": "natural", "plain": "natural", "plains": "natural", "desert": "natural",
}
# Generic heads of spots inside a town or a district: a name ending in one, or followed by
# one, names a site ("Kingsley Road", "the al-Tanf base", "Jamsil Stadium").
_SITE_HEADS = frozenset({
    "road", "street", "avenue", "boulevard", "lane", "highway", "square", "bridge", "base",
    "airbase", "airport", "border", "crossing", "checkpoint", "port", "harbour", "harbor",
    "station", "market", "stadium", "park", "estate", "compound", "prison", "hospital",
    "island", "islands", "hill", "hills", "heights", "dam", "zone", "corridor", "canal",
    "railroad", "railway", "lake", "beach", "bay", "creek", "forest", "university", "college",
    "school", "church", "mosque", "temple", "cathedral", "mall", "plaza", "countryside",
    "enclave", "pocket", "sector", "frontline", "outskirts",
})


def place_head(word: str) -> bool:
    """Whether a word is the generic head of a place or a site ("province", "camp",
    "valley", "road", "base"), or an English shire's name ("Northamptonshire")."""
    key = normalise_name(word)
    return key in _HEADS or key in _SITE_HEADS or (key.endswith("shire") and len(key) > 7)


# Regions of the world larger than a country, as news names them. Their names are also
# those of small places ("Middle East", a quarter of Baltimore), which they never mean.
WORLD_REGIONS = frozenset({
    "middle east", "near east", "far east", "mena", "middle east and north africa",
    "north africa", "west africa", "east africa", "central africa", "southern africa",
    "sub saharan africa", "horn of africa", "sahel", "maghreb", "levant", "arab world",
    "latin america", "south america", "central america", "north america", "caribbean",
    "western europe", "eastern europe", "central europe", "northern europe",
    "southern europe", "balkans", "baltics", "scandinavia", "caucasus", "south caucasus",
    "north caucasus", "central asia", "south asia", "southeast asia", "east asia",
    "asia pacific", "indo pacific", "gulf", "persian gulf", "arabian peninsula",
    "oceania", "west", "global south",
})

# A bearing alone names a direction, no place of its own: "Western", "Kansas City, North".
BARE_BEARINGS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "upper", "lower",
})
# Endings of a people's adjective ("Palestinian Authority", "Chinese Embassy", "Kurdish",
# "Mexican"): a word of a country, not a toponym itself.
DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "can")

_PREFIX_HEADS = {"city", "province", "state", "county", "district", "governorate", "region"}
_LEADING_MODIFIERS = {
    "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
    "northeastern", "northwestern", "southeastern", "southwestern", "upper", "lower", "greater",
    "rural", "downtown", "outer", "inner",
}
_KEEP_AS_NAME = re.compile(r"^(?:north|south|east|west) (?:korea|sudan|africa|carolina|dakota|"
                           r"virginia|macedonia|ossetia|timor|kazakhstan|sumatra|jakarta|"
                           r"yorkshire|sussex|kalimantan|java|sulawesi|darfur|kordofan)$")


# Newsroom abbreviations of US states and Canadian provinces (AP and Canadian Press style):
# "Paris, Ky.", "Calif.", "W.Va.", "B.C."; only the dotted forms ("Miss." is Mississippi
# after a town's name, "Miss" is a title).
_ABBREVIATIONS = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California",
    "Cal.": "California", "Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware",
    "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois", "Ind.": "Indiana",
    "Kan.": "Kansas", "Kans.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana",
    "Md.": "Maryland", "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota",
    "Miss.": "Mississippi", "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska",
    "Nebr.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire", "N.J.": "New Jersey",
    "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina", "N.D.": "North Dakota",
    "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania", "Penn.": "Pennsylvania",
    "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota",
    "Tenn.": "Tennessee", "Tex.": "Texas", "Vt.": "Vermont", "Va.": "Virginia",
    "Wash.": "Washington", "W.Va.": "West Virginia", "Wis.": "Wisconsin", "Wisc.": "Wisconsin",
    "Wyo.": "Wyoming", "D.C.": "District of Columbia",
    "Alta.": "Alberta", "B.C.": "British Columbia", "Man.": "Manitoba", "N.B.": "New Brunswick",
    "N.L.": "Newfoundland and Labrador", "N.S.": "Nova Scotia", "Ont.": "Ontario",
    "P.E.I.": "Prince Edward Island", "Que.": "Quebec", "Sask.": "Saskatchewan",
}

# Newsroom abbreviations of big cities ("L.A. police", "the L.A. port"): no state's.
_CITY_ABBREVIATIONS = {"L.A.": "Los Angeles", "N.Y.C.": "New York City"}


def _abbreviation_key(text: str) -> str:
    """The table's key of ``text``: without spaces, and with the final dot that a name span
    loses before a comma or a sentence's end ("Charleston, W.Va., said": "W.Va") when a dot
    inside says it is dotted."""
    key = text.strip().replace(" ", "")
    if key not in _ABBREVIATIONS and "." in key[1:] and not key.endswith("."):
        return key + "."
    return key


def is_state_abbreviation(text: str) -> bool:
    """Whether ``text`` is a newsroom abbreviation of a US state or Canadian province."""
    return _abbreviation_key(text) in _ABBREVIATIONS


def expand_abbreviation(text: str) -> str:
    """``"Ky."`` -> ``"Kentucky"``, ``"W. Va."`` and ``"W.Va"`` -> ``"West Virginia"``,
    ``"L.A."`` -> ``"Los Angeles"``; other text as is."""
    key = _abbreviation_key(text)
    return _ABBREVIATIONS.get(key) or _CITY_ABBREVIATIONS.get(key, text)


@dataclass(frozen=True)
class Toponym:
    """A toponym phrase parsed into the core name to look up and what the words around it say.

    ``keys`` are lookup keys, most specific first (the phrase as written, then the core);
    ``hint`` the kind of place the generic head names; ``parent`` a containing place named
    in the phrase (``the Andarab valley of Baghlan``, ``Paris, Texas``); ``modified`` that the
    core is the phrase without a leading modifier (``Northern``, ``Upper``, ``Greater``).
    """

    keys: tuple[str, ...]
    hint: Hint | None = None
    parent: str | None = None
    modified: bool = False


def parse_toponym(text: str) -> Toponym:
    """Split ``"the Andarab valley of Baghlan"`` into keys ``("andarab valley", "andarab")``,
    hint ``natural`` and parent ``baghlan``."""
    phrase, parent = _split_parent(text)
    phrase, parent = expand_abbreviation(phrase), parent and expand_abbreviation(parent)
    key = normalise_name(phrase)
    if not key:
        return Toponym(keys=())
    keys = [key]
    hint: Hint | None = None
    words = key.split()
    if len(words) > 1 and words[-1] in _HEADS:
        hint = _HEADS[words[-1]]
        words = words[:-1]
    elif len(words) > 2 and words[0] in _PREFIX_HEADS and words[1] == "of":
        hint = _HEADS[words[0]]
        words = words[2:]
    modified = len(words) > 1 and words[0] in _LEADING_MODIFIERS and not _KEEP_AS_NAME.match(key)
    if modified:
        words = words[1:]
    core = " ".join(words)
    if core and core not in keys:
        keys.append(core)
    return Toponym(keys=tuple(keys), hint=hint, parent=normalise_name(parent) if parent else None,
                   modified=modified)


def _split_parent(text: str) -> tuple[str, str | None]:
    """``"Paris, Texas"`` -> (``Paris``, ``Texas``); ``"X valley of Y"`` -> (``X valley``,
    ``Y``)."""
    if "," in text:
        head, _, tail = text.partition(",")
        if head.strip() and tail.strip():
            return head.strip(), tail.strip()
    match = re.match(r"^(.+?\b(\w+))\s+of\s+(?:the\s+)?(.+)$", text.strip())
    if match and normalise_name(match.group(2)) in _HEADS:
        return match.group(1), match.group(3)
    return text, None
