"""The dateline that opens a news story: "KABUL:", "KABUL, Sept 3 (Reuters) -",
"WASHINGTON —", "Kabul, Afghanistan:", "LONDON (AP) —", "New Delhi, Sep 3 (IANS)".

The place is returned in normal case and the prefix is cut, so the body starts with the
first word of the story; a news agency named in it is kept as an outlet fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UPPER_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"
_TITLE_WORD = r"[A-Z][a-z'’\-]*[a-z]"
_PARTICLE = r"(?:es|de|del|da|du|al|el|la|le|au|sur|upon|on|of)"
_PLACE_UPPER = rf"{_UPPER_WORD}(?:\s+{_UPPER_WORD}){{0,3}}"
_PLACE_TITLE = rf"{_TITLE_WORD}(?:\s+(?:{_TITLE_WORD}|{_PARTICLE}(?=\s+[A-Z]))){{0,3}}"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = (
    rf"(?:,\s*(?:[A-Z][a-z]+day,?\s*)?(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})"
    r"(?:,?\s+\d{4})?)"
)
_REGION = r"(?:,\s*(?!" + _MONTH + r"\s+\d)[A-Z][A-Za-z'’.\-]*(?:\s+[A-Z][A-Za-z'’.\-]*){0,2})"
_AGENCY = r"\(\s*(?P<agency>[A-Z][\w.&' -]{0,30}?)\s*\)"
_STRONG_SEP = r"\s*(?::|—|–|---?)\s*"
_ANY_SEP = r"\s*(?::|—|–|---?|-)\s+"

_WITH_AGENCY = re.compile(
    rf"(?:(?P<place>{_PLACE_UPPER}|{_PLACE_TITLE}){_REGION}?{_DATE}?\s*)?{_AGENCY}"
    rf"(?:{_ANY_SEP}|{_STRONG_SEP}|\s+)(?=\S)"
)
# A dash with no space around it ("FALLS VILLAGE—The", "NEW YORK--The") ends a dateline
# only before a word in sentence case, and only after a place of five letters or more:
# "US—China trade", "NASA—the agency", "GOP—led", "COVID—19" are no datelines.
_UNSPACED = r"(?:—|---?)(?=[A-Z][a-z]|\()"  # and a wire's "--(BUSINESS WIRE)--"
_UPPER = re.compile(
    rf"(?P<place>{_PLACE_UPPER}){_REGION}?{_DATE}?(?:{_ANY_SEP}|(?P<unspaced>{_UNSPACED}))(?=\S)")
_TITLE = re.compile(
    rf"(?P<place>{_PLACE_TITLE})(?:(?:{_REGION}|{_DATE})+{_STRONG_SEP}|\s+(?:—|–|--)\s+)(?=\S)"
)

# Labels that open a paragraph the way a dateline does but name no place.
_NOT_PLACES = {
    "update", "updated", "breaking", "breaking news", "exclusive", "analysis", "opinion",
    "editorial", "watch", "video", "photos", "photo", "note", "editor's note", "correction",
    "live", "comment", "review", "interview", "fact check", "explainer", "special report",
    "advertisement", "read more", "also read", "read", "source", "sources", "warning",
    "meanwhile", "however", "but", "and", "so", "now", "today", "yesterday", "here",
    "this", "that", "there", "what", "why", "how", "who", "when", "where", "q", "a",
    "question", "answer", "summary", "background", "context", "disclaimer", "urgent",
    "flash", "bulletin", "alert", "image", "file", "caption", "credit", "audio", "listen",
    "dear", "the latest", "latest", "podcast", "roundup", "recap", "quiz", "poll",
    "more", "related", "police", "see also", "graphic", "map", "timeline",
}
_LOWER_PARTS = {"es", "de", "del", "da", "du", "la", "le", "au", "sur", "upon", "on", "of"}


@dataclass(frozen=True)
class Dateline:
    """The place of a dateline in normal case, and the agency it names, if any."""

    place: str | None
    agency: str | None


def _normal_case_word(word: str, first: bool) -> str:
    parts = word.split("-")
    out = []
    for i, part in enumerate(parts):
        lower = part.lower()
        keep_lower = (not first or i > 0) and lower in _LOWER_PARTS
        out.append(lower if keep_lower else lower[:1].upper() + lower[1:])
    return "-".join(out)


def normal_case(place: str) -> str:
    """ "NEW DELHI" -> "New Delhi", "DAR ES SALAAM" -> "Dar es Salaam"; mixed case is kept."""
    if place != place.upper():
        return place
    words = place.split()
    return " ".join(_normal_case_word(w, i == 0) for i, w in enumerate(words))


def _accept(place: str | None) -> bool:
    if place is None:
        return True
    name = place.strip(" .").casefold()
    return name not in _NOT_PLACES and name.split()[0] not in _NOT_PLACES and len(name) >= 2


def _match(text: str, pos: int = 0) -> re.Match[str] | None:
    """The dateline that opens ``text`` at ``pos``, followed by three words at least."""
    for pattern in (_WITH_AGENCY, _UPPER, _TITLE):
        match = pattern.match(text, pos)
        if not match or not _accept(match.group("place")):
            continue
        if match.groupdict().get("unspaced") and sum(
                ch.isalpha() for ch in match.group("place")) < 5:
            continue  # "US—China", "NASA—The agency": an acronym before a dash
        if len(text[match.end():match.end() + 80].split()) < 3:
            continue
        return match
    return None


def split_dateline(paragraph: str) -> tuple[Dateline | None, str]:
    """The dateline at the start of ``paragraph`` and the paragraph without it."""
    match = _match(paragraph)
    if match is None:
        return None, paragraph
    place = match.group("place")
    agency = match.groupdict().get("agency")
    found = Dateline(normal_case(place.strip(" .")) if place else None, agency)
    return found, paragraph[match.end():]


def capital_dateline_place(text: str, pos: int) -> tuple[int, int, int] | None:
    """The start and end of the place of a dateline that starts at ``pos`` of ``text`` and
    writes its place in capitals ("MANSFIELD —", "COLUMBUS, Ohio (AP) —", "KOLKATA, India
    –"), and where the story after it begins, as a story's body keeps it when the dateline
    was not cut off at ingest (a text given whole, a dateline after the headline on one
    line); None when there is none."""
    match = _match(text, pos)
    if match is None or match.group("place") is None:
        return None
    start, end = match.span("place")
    while end > start and text[end - 1] in " .":
        end -= 1
    place = text[start:end]
    if not any(ch.isalpha() for ch in place) or place != place.upper():
        return None
    return start, end, match.end()
