"""Page header chrome: title, byline, date, reading time, share and category lines.

A header line is split into segments at the separators themes put between items
("By Jane Doe | Updated Sept 3, 2021 | 3 min read"); the line is chrome only when every
segment is. Rules are general ones seen across WordPress and similar themes and newswire
pages, never a particular site's strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsledger.ingest.dates import looks_like_date, parse_date

_SEGMENT_SPLIT = re.compile(r"\s*(?:\||•|·|\u2022|\s—\s|\s–\s)\s*")
_READING = re.compile(
    r"^(?:(?:estimated\s+)?reading\s+time\s*:?\s*)?(?:about\s+|approx\.?\s+)?"
    r"(?:<\s*)?\d+\s*(?:-\s*\d+\s*)?(?:mins?|minutes?|m)\.?"
    r"(?:\s+(?:read|reading|to\s+read|listen|watch))?$",
    re.IGNORECASE,
)
_DATED = re.compile(
    r"^(?:posted|published|updated|last\s+updated|last\s+modified|modified|"
    r"first\s+published|originally\s+published|date|dated)\b(?:\s+(?:on|at))?\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"^(?:about\s+)?(?:an?|\d+)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|"
    r"months?|years?)\s+ago$|^(?:just\s+now|yesterday|today)$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:by|written\s+by|reported\s+by|story\s+by|words\s+by|author\s*:|posted\s+by)\s+"
    r"(?P<names>.+)$",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b)\s*")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w.'’-]*|de|da|di|van|von|der|den|bin|ibn|al|el|le|la)$")
_GENERIC_AUTHORS = {
    "admin", "administrator", "editor", "webmaster", "staff", "staff reporter", "staff writer",
    "web desk", "news desk", "online desk", "desk", "our correspondent", "correspondent",
}
_SOCIAL = {
    "share", "shares", "tweet", "email", "e-mail", "mail", "print", "whatsapp", "facebook",
    "twitter", "x", "linkedin", "telegram", "pinterest", "reddit", "messenger", "copy",
    "link", "copy link", "save", "follow", "comment", "comments", "listen", "pocket",
    "tumblr", "flipboard", "sms", "vk", "viber", "google+", "more", "on", "this", "via",
}
_LABELLED = re.compile(
    r"^(?:categories|category|filed\s+under|tags?|tagged(?:\s+with)?|topics?|section|"
    r"posted\s+in|published\s+in|in\s+focus)\s*:?\s+\S.*$|"
    r"^(?:home|news)\s*(?:»|>|›|/|\\)\s*\S.*$|"
    r"^(?:listen\s+to\s+(?:this|the)\s+article|share\s+this(?:\s+article|\s+story)?|"
    r"no\s+comments|\d+\s+comments?|leave\s+a\s+comment|comments?\s*\(\d+\)|"
    r"advertisement|sponsored|print\s+this\s+page|font\s+size)\s*:?$",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b,?", re.IGNORECASE
)
_DATE_LEFTOVER = re.compile(
    r"\b(?:\d{1,2}(?:st|nd|rd|th)?|\d{4}|\d{1,2}:\d{2}(?::\d{2})?|[ap]\.?m\.?|"
    r"(?-i:[A-Z]{2,5})|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sept?\w*|oct\w*|"
    r"nov\w*|dec\w*|at|on|of|gmt[+-]?\d*|utc[+-]?\d*)\b|[,./:+-]",
    re.IGNORECASE,
)


@dataclass
class HeaderFacts:
    """What the header chrome says about the article."""

    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)

    def add_date(self, text: str) -> None:
        if self.published is None:
            self.published = parse_date(text)

    def add_author(self, name: str) -> None:
        if name.casefold() not in _GENERIC_AUTHORS and name not in self.authors:
            self.authors.append(name)


def _names(text: str) -> list[str] | None:
    """Person or agency names of a byline, or None when the words are not names."""
    names = [n.strip(" .") for n in _NAME_SPLIT.split(text.strip()) if n.strip(" .")]
    if not names or len(names) > 5:
        return None
    for name in names:
        words = name.split()
        lower = name.casefold()
        if lower in _GENERIC_AUTHORS:
            continue
        if not 1 <= len(words) <= 5 or not all(_NAME_WORD.match(w) for w in words):
            return None
    return names


def _is_bare_date(segment: str) -> bool:
    if not looks_like_date(segment):
        return False
    leftover = _DATE_LEFTOVER.sub(" ", _WEEKDAY.sub(" ", segment)).split()
    return len(leftover) == 0


def _byline(segment: str, facts: HeaderFacts) -> bool:
    match = _BYLINE.match(segment)
    if not match:
        return False
    names = match.group("names")
    split = re.split(r"\s+(?:on|at)\s+|,\s+(?=(?:\w+day,\s*)?\w+\.?\s+\d)", names, maxsplit=1)
    if len(split) == 2 and looks_like_date(split[1]):
        names = split[0]
        facts.add_date(split[1])
    found = _names(names)
    if found is None:
        return False
    for name in found:
        facts.add_author(name)
    return True


def _dated(segment: str, facts: HeaderFacts) -> bool:
    match = _DATED.match(segment)
    if not match:
        return False
    rest = match.group("rest").strip()
    by = re.split(r"\s+by\s+", rest, maxsplit=1, flags=re.IGNORECASE)
    if len(by) == 2 and looks_like_date(by[0]):
        if not _byline("by " + by[1], facts):
            return False
        rest = by[0]
    if not rest or _RELATIVE.match(rest):
        return True
    if looks_like_date(rest) and len(rest.split()) <= 10:
        facts.add_date(rest)
        return True
    return False


def _social(segment: str) -> bool:
    words = re.sub(r"[:()\d]", " ", segment.casefold()).split()
    return bool(words) and all(w in _SOCIAL for w in words)


def _segment_is_chrome(segment: str, facts: HeaderFacts) -> bool:
    if not segment:
        return True
    if _READING.match(segment) or _RELATIVE.match(segment) or _LABELLED.match(segment):
        return True
    if _dated(segment, facts) or _byline(segment, facts):
        return True
    if _is_bare_date(segment):
        facts.add_date(segment)
        return True
    return _social(segment)


def header_chrome(line: str, facts: HeaderFacts) -> bool:
    """True when the whole line is header chrome; what it says is added to ``facts``.

    ``facts`` is only changed when the line is chrome.
    """
    text = line.strip()
    if not text or len(text) > 200:
        return False
    trial = HeaderFacts(facts.title, facts.published, list(facts.authors))
    segments = _SEGMENT_SPLIT.split(text)
    if not all(_segment_is_chrome(seg.strip(), trial) for seg in segments):
        return False
    facts.published, facts.authors = trial.published, trial.authors
    return True


def _title_case(words: list[str]) -> bool:
    long_words = [w for w in words if len(w.strip("'\"‘’“”")) >= 4]
    capital = [w for w in long_words if w.strip("'\"‘’“”")[:1].isupper()]
    return len(long_words) >= 2 and len(capital) >= 0.8 * len(long_words)


def title_like(line: str) -> bool:
    """A headline: short, a few words, and not ending as a sentence or a label does
    (a final period is allowed on a short headline in Title Case)."""
    text = line.strip()
    words = text.split()
    if not 2 <= len(words) <= 30 or len(text) > 220:
        return False
    headline_period = text.endswith(".") and len(words) <= 15 and _title_case(words)
    if re.search(r"[.,;:]['\"’”)]?$", text) and not text.endswith("...") and not headline_period:
        return False
    return text[0].isalnum() or text[0] in "\"'“‘"
