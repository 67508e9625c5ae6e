"""Publication dates as written on news pages, to ISO 8601.

Only absolute dates with a year are accepted: "2 hours ago" or "2 mins" have no meaning
without the moment the page was fetched, which a file does not carry.
"""

from __future__ import annotations

import re
from datetime import datetime

import dateparser

_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
)
_YEAR = r"(?:19|20)\d\d"
_NUMERIC = r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b"
_HAS_DATE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"
    rf"|{_NUMERIC}",
    re.IGNORECASE,
)
_HAS_TIME = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}\s*[ap]\.?m\b\.?", re.IGNORECASE)
# Years a news page's date may have: earlier or later stamps are typos or placeholders
# ("0001-01-01", "9999-12-31").
PLAUSIBLE_YEARS = (1800, 2100)
_ISO = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)([^\s]*))?\s*$")
_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "DATE_ORDER": "DMY",
}
# Words that wrap a date on a page but are not part of it.
_NOISE = re.compile(
    r"\b(?:posted|published|updated|last|first|modified|on|at|date[d]?)\b\s*:?"
    r"|\b(?:IST|GMT|UTC|EST|EDT|PST|PDT|CET|CEST|BST|AST|PKT|AFT)\b"
    r"|[|•·]",
    re.IGNORECASE,
)


def _iso_literal(text: str) -> str | None:
    """An ISO 8601 timestamp as written, kept with its offset."""
    match = _ISO.match(text)
    if not match:
        return None
    try:
        stamp = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if not PLAUSIBLE_YEARS[0] <= stamp.year <= PLAUSIBLE_YEARS[1]:
        return None
    if match.group(2) is None:
        return stamp.date().isoformat()
    return stamp.isoformat()


# The common ways a news page writes a date, tried with strptime before dateparser (which
# takes milliseconds a call): a written date, with or without a time of day, after
# ``_plain`` has taken weekdays, ordinals, commas and abbreviation dots away.
_DAY_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y")
_TIME_FORMATS = ("", " %H:%M", " %H:%M:%S", " %I:%M %p", " %I:%M:%S %p", " %I %p")
_STRICT_FORMATS = tuple(day + time for day in _DAY_FORMATS for time in _TIME_FORMATS)
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
_MERIDIEM = re.compile(r"\b([ap])\.?m\.?(?=\s|$)", re.IGNORECASE)


def _plain(text: str) -> str:
    text = _WEEKDAY.sub("", text.strip())
    text = _ORDINAL.sub(r"\1", text).replace(",", " ").replace(" - ", " ")
    text = re.sub(r"(?<=[a-zA-Z])\.(?=\s)", "", text)  # "Nov. 3" -> "Nov 3"
    text = re.sub(r"\bSept\b", "Sep", text, flags=re.IGNORECASE)
    text = _MERIDIEM.sub(lambda m: f"{m.group(1).upper()}M", text)
    return " ".join(text.split())


def _strict(text: str) -> tuple[datetime, bool] | None:
    """The date (and whether a time of day was written) when ``text`` is in one of the
    common formats; None otherwise, for dateparser to try."""
    plain = _plain(text)
    for fmt in _STRICT_FORMATS:
        try:
            return datetime.strptime(plain, fmt), fmt not in _DAY_FORMATS
        except ValueError:
            continue
    return None


def looks_like_date(text: str) -> bool:
    """True when ``text`` holds an absolute calendar date with a year."""
    return bool(_ISO.match(text) or _HAS_DATE.search(text))


def parse_date(text: str) -> str | None:
    """ISO 8601 date, or date-time when a time of day is written, or None.

    "September 03, 2021, 1:43 pm" -> "2021-09-03T13:43:00"; "3 September 2021" ->
    "2021-09-03"; "2021-09-03T08:15:00+04:30" is kept as written.
    """
    literal = _iso_literal(text)
    if literal:
        return literal
    if not _HAS_DATE.search(text):
        return None
    cleaned = " ".join(_NOISE.sub(" ", text).split())
    strict = _strict(cleaned)
    if strict is not None:
        found, timed = strict
        if not 1990 <= found.year <= 2100:
            return None
        return found.isoformat() if timed else found.date().isoformat()
    parsed: datetime | None = dateparser.parse(cleaned, languages=["en"], settings=_SETTINGS)
    match = _HAS_DATE.search(text)
    if parsed is None and match:
        parsed = dateparser.parse(match.group(), languages=["en"], settings=_SETTINGS)
    if not parsed or not 1990 <= parsed.year <= 2100:
        return None
    if _HAS_TIME.search(text):
        return parsed.replace(microsecond=0).isoformat()
    return parsed.date().isoformat()
