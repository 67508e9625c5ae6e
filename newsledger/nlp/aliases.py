"""Other names of one entity in one article: an acronym spelled out before it ("Facilities
Protection Service (FPS)"), an epithet ("Ahmad Shah Massoud, who was known as the Lion of
Panjshir") and two descriptions of a group with one leader ("... led by Ahmad Massoud").
Each sets the ``group`` of the candidates it merges (``entities.merge_mentions``)."""

from __future__ import annotations

import re

from newsledger.nlp.name_candidates import Candidate

ALIAS_CUES = ("known as", "dubbed", "nicknamed", "aka", "also called")
TRAILING_ARTICLE = re.compile(r"\b(the|a|an)$")  # "known as the" -> "known as"
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z&.]{1,9})\s*\)")
# The rest of a name the model cut at a dash, up to its acronym: "Democratic Movement" +
# "–United Georgia (DMUG)".
_DASHED_REST = re.compile(r"\s?[–—-]\s?[A-Z][\w'’]*(?:\s+(?:of\s+|the\s+)*[A-Z][\w'’]*)*(?=\s*\()")
_ACRONYM_SKIPS = frozenset({"of", "the", "and", "for", "in", "on", "de", "du", "des", "la",
                            "le", "al", "el"})


def merge_acronyms(cands: list[Candidate], text: str) -> None:
    """"Facilities Protection Service (FPS)": the acronym that a name spells out, written
    after it in brackets, names it wherever it stands in the article, whatever else the
    actor base knows by those letters."""
    dropped: set[int] = set()
    for c in list(cands):
        if c.type not in {"ORG", "PLACE"} or c.kind != "name" or id(c) in dropped:
            continue
        found = _ACRONYM_AFTER.match(text, c.end)
        if found is None or not abbreviates(found.group(1), c.text):
            found = _join_dashed_name(c, cands, text, dropped)
        if found is None:
            continue
        for other in cands:
            if other is not c and other.text == found.group(1):
                other.group, other.type, other.actor = c.group, c.type, c.actor


def _join_dashed_name(c: Candidate, cands: list[Candidate], text: str,
                      dropped: set[int]) -> re.Match[str] | None:
    """"Democratic Movement–United Georgia (DMUG)", read by the model as an organisation and
    a place: when the acronym spells out the whole, ``c`` becomes the whole name, an
    organisation of its own (not the actor or group its first part named: "Kurdish Democratic
    Party–Iran (KDPI)" is not Iraq's party), and the candidates inside its rest are dropped
    (their ids added to ``dropped``). Returns the acronym's match."""
    rest = _DASHED_REST.match(text, c.end) if c.type == "ORG" else None
    found = _ACRONYM_AFTER.match(text, rest.end()) if rest is not None else None
    whole = text[c.start:rest.end()] if rest is not None else ""
    if found is None or not abbreviates(found.group(1), whole):
        return None
    inside = [o for o in cands if c.end <= o.start and o.end <= c.start + len(whole)]
    dropped.update(id(o) for o in inside)
    cands[:] = [o for o in cands if id(o) not in dropped]
    c.end, c.text, c.actor, c.place_key = c.start + len(whole), whole, None, None
    c.group = max(o.group for o in cands) + 1
    return found


def abbreviates(short: str, name: str) -> bool:
    """Whether ``short`` is made of the initials of ``name``'s words, in order, from the
    first ("ISIL", "MoD", "NRF" of "National Resistance Front of Afghanistan")."""
    letters = [ch.upper() for ch in short if ch.isalpha()]
    if len(letters) < 2 or sum(ch.isupper() for ch in short) < 2:
        return False
    words = re.findall(r"[^\W\d_][\w'’]*", name)  # "al-Sham", "Party-Iran": two words
    i = 0
    for word in words:
        if i == len(letters):
            break
        if word[0].upper() == letters[i]:
            i += 1
        elif word.lower() not in _ACRONYM_SKIPS:
            return False
    return i == len(letters)


def merge_by_leader(cands: list[Candidate]) -> None:
    """Two descriptions of a group led by the same named person are one group."""
    first: dict[str, int] = {}
    for c in cands:
        if c.leader is None or c.type != "ORG":
            continue
        target = first.setdefault(c.leader, c.group)
        if target != c.group:
            old = c.group
            for other in cands:
                if other.group == old:
                    other.group = target


EPITHET_REACH = 80  # characters from a person's name to the epithet: "Ahmad Shah Massoud,
# the guerrilla commander who was known as the Lion of Panjshir"
# What may stand between a name and the cue when the epithet is that name's own: "Burma,
# also known as Myanmar", "Chrysalis Community Care, formerly known as Blue Arrow".
_RIGHT_AFTER = re.compile(r"[\s,(]*(?:(?:also|formerly|better|widely|locally|now|once|"
                          r"who|which|was|is|were|are)\s+)*$", re.IGNORECASE)


def merge_epithets(cands: list[Candidate], text: str) -> None:
    """"X, who was known as the Lion of Y": the epithet is another name of the person named
    last before it in its sentence, within ``EPITHET_REACH`` characters, the other names
    between them passed over when words of their own follow them ("Joaquin Guzman, the
    Sinaloa cartel boss known as El Chapo"). Never when another name stands right before the
    cue ("Burma, also known as Myanmar", "Chrysalis Community Care, formerly known as Blue
    Arrow"), across an organisation ("the Syrian opposition forces known as Maghawir al
    Thawra"), or of a person of an earlier sentence."""
    ordered = sorted(cands, key=lambda cand: (cand.start, -cand.end))
    for n, c in enumerate(ordered):
        before = text[max(0, c.start - 20): c.start].lower().rstrip()
        before = TRAILING_ARTICLE.sub("", before).rstrip()
        cue = next((k for k in ALIAS_CUES if before.endswith(k)), None)
        if cue is None:
            continue
        cue_start = text.lower().rfind(cue, 0, c.start)
        person = _person_before(ordered[:n], text, cue_start)
        if person is not None:
            c.group, c.type = person.group, "PERSON"


def _person_before(earlier: list[Candidate], text: str, cue: int) -> Candidate | None:
    """The person named last before the cue at ``cue`` in its sentence and reach, other names
    passed over when words follow them; None at an organisation or at another name right
    before the cue."""
    nearest = True
    for other in reversed(earlier):
        if other.end > cue:
            continue  # a name overlapping the cue or the epithet itself
        between = text[other.end:cue]
        if len(between) > EPITHET_REACH or re.search(r"[.!?]\s", between):
            return None
        if other.type == "PERSON":
            return other
        if other.type == "ORG" or (nearest and _RIGHT_AFTER.fullmatch(between)):
            return None
        nearest = False
    return None
