"""Name rules for scripts/build_actor_base.py: display casing of Phoenix UPPER_CASE names,
acronyms, and the word lists that tell persons, organisations, roles and junk apart."""

from __future__ import annotations

import re

from newsledger.nlp.actor_base import normalise_actor_name

# ---- casing ---------------------------------------------------------------------------


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


SMALL_WORDS = _wordset(
    "of the and for in on at to a an by with from de del der des du da di la le el van von "
    "bin ibn wa wal fi y et al ad ud ul e i ye"
)
_FIXED = {"MR": "Mr", "MRS": "Mrs", "DR": "Dr", "ST": "St", "LTD": "Ltd", "JR": "Jr"}
_ROMAN = re.compile(r"^(?:II|III|IV|VI|VII|VIII|IX|XI|XII)$")


_COUNTRY_ACRONYMS = frozenset(
    {"US", "USA", "UK", "UN", "EU", "UAE", "USSR", "NATO", "DPRK", "DRC", "ROK", "PRC"}
)


def _case_part(part: str, first: bool) -> str:
    low = part.lower()
    if not first and low in SMALL_WORDS:
        return low
    if part in _FIXED:
        return _FIXED[part]
    if part.upper() in _COUNTRY_ACRONYMS:  # "US Intelligence Community", not "Us"
        return part.upper()
    if _ROMAN.match(part) or (len(part) > 1 and part.isalpha() and not re.search("[AEIOUY]", part)):
        return part
    if "." in part.strip("."):
        return part.upper()
    head, apostrophe, tail = low.partition("'")
    cased = head[:1].upper() + head[1:]
    if cased.startswith("Mc") and len(cased) > 2:
        cased = "Mc" + cased[2].upper() + cased[3:]
    if apostrophe:
        tail = tail.capitalize() if len(head) == 1 and tail and tail != "s" else tail
        cased = f"{cased}'{tail}"
    return cased


def display_name(raw: str, acronyms: frozenset[str] = frozenset()) -> str:
    """A Phoenix UPPER_CASE name in display case: ``AL_QA'IDA`` -> ``Al Qa'ida``,
    ``BASHAR_AL-ASSAD`` -> ``Bashar al-Assad``; tokens in ``acronyms`` stay upper case."""
    tokens = [t for t in re.split(r"[_\s]+", raw.strip("_ ")) if t]
    if len(tokens) > 1 and tokens[0] == "THE":
        tokens = tokens[1:]
    out: list[str] = []
    for i, token in enumerate(tokens):
        if token.startswith("(") or token in acronyms:
            out.append(token.upper())
            continue
        parts = token.split("-")
        out.append("-".join(_case_part(p, i == 0 and j == 0) for j, p in enumerate(parts)))
    return " ".join(out)


def initials(raw: str) -> tuple[str, str]:
    """Initials of a name with all its words, and without small words."""
    words = [w for w in re.split(r"[\W_]+", raw.upper()) if w and not w.startswith("(")]
    content = [w for w in words if w.lower() not in SMALL_WORDS]
    return "".join(w[0] for w in words), "".join(w[0] for w in content)


def is_acronym(token: str, canonical_raw: str) -> bool:
    """Whether a one-word name is an acronym of the entry (initials, no vowels, dotted)."""
    bare = token.strip("_").replace(".", "")
    if not bare.isalpha() or len(bare) < 2:
        return False
    full, content = initials(canonical_raw)
    if "." in token.strip("_") or not re.search("[AEIOUY]", bare):
        return True
    return any(i.startswith(bare) for i in (full, content) if len(i) >= 2)


# ---- classification and alias filters --------------------------------------------------

ORG_WORDS = _wordset(
    "community intelligence administration directorate division unit units media cabinet "
    "embassy consulate treasury legion regiment squadron fleet reserve gendarmerie staff "
    "army armed forces force front movement group groups organization organisation party "
    "council committee brigade brigades battalion battalions militia militias ministry "
    "department agency office bank fund union league association alliance coalition federation "
    "congress senate parliament assembly court commission police guard guards navy corps "
    "government regime authority institute university college school foundation society center "
    "centre network cells cell faction command service services company corporation inc ltd "
    "news television radio times post press club church conference programme program house "
    "state jihad liberation revolutionary nations international watch bureau board secretariat "
    "mission tribunal cartel gang tigers mujahideen taliban islamiyah islamiya resistance "
    "commando commandos legion order fighters militants rebels army's islamic national"
)
ROLE_WORDS = _wordset(
    "ambassador minister president secretary spokesman spokeswoman spokesperson official "
    "officials chief envoy representative rapporteur monitor commander leader leaders head "
    "chairman director governor deputy adviser advisor prime premier vice general"
)
TRAILING_ROLES = _wordset(
    "spokesman spokeswoman spokesperson official officials soldier soldiers operative "
    "operatives member members fighter fighters militant militants leader leaders chief "
    "commander commanders justices supporter supporters loyalist loyalists officer officers "
    "agent agents affiliated offshoot linked"
)
GIVEN = _wordset(
    "abu sheikh sheik shaykh mullah maulana mawlana mr mrs dr osama usama ayman ahmed ahmad "
    "mohammed mohammad muhammad mohamed mohamad khaled khalid abdul abdel abd abdullah hassan "
    "hasan hussein husain ali omar umar sami marwan ibrahim yusuf yousef hamid mahir haitham "
    "moner anwar hafiz hakimullah baitullah mustafa imam ayatollah sayyid sayyed seyyed sayed "
    "imad"
)
GENERIC = _wordset(
    "group groups front army forces movement party government regime state militants rebels "
    "insurgents fighters opposition organization organisation council committee people "
    "military police network cells brigade brigades islamists jihadists extremists"
)


def words_of(raw: str) -> list[str]:
    return [w for w in re.split(r"[\W_]+", raw.lower()) if w]


def is_person_like(raw: str, given: frozenset[str] = GIVEN) -> bool:
    """A name that looks like a person's: starts with a given name or honorific, no org word."""
    words = words_of(raw)
    return 2 <= len(words) <= 5 and words[0] in given and not ORG_WORDS.intersection(words)


def is_role_name(raw: str) -> bool:
    """A role description rather than a name (``US_AMBASSADOR_TO_THE_UNITED_NATIONS``)."""
    return bool(ROLE_WORDS.intersection(words_of(raw)))


GEO_WORDS = _wordset(
    "wall desert shield alps bight sea river mountains mountain lake gulf bay valley province "
    "city region plateau peninsula basin coast strait canal"
)
_COMPASS = ("north ", "south ", "east ", "west ", "northern ", "southern ", "eastern ", "western ")


def compass_variant(key: str, canonical_raw: str) -> bool:
    canonical = normalise_actor_name(canonical_raw.replace("_", " "))
    return any(key == c + canonical for c in _COMPASS)


def is_initials(raw: str, canonical_raw: str) -> bool:
    bare = raw.strip("_").replace(".", "")
    return len(bare) >= 2 and any(i.startswith(bare) for i in initials(canonical_raw) if len(i) > 1)
