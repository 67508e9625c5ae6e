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
    parsed: datetime | None = dateparser.parse(cleaned, languages=["en"], settings=_SETTINGS)
    match = _HAS_DATE.search(text)
    if parsed is None and match:
        parsed = dateparser.parse(match.group(), languages=["en"], settings=_SETTINGS)
    if not parsed or not 1990 <= parsed.year <= 2100:
        return None
    if _HAS_TIME.search(text):
        return parsed.replace(microsecond=0).isoformat()
    return parsed.date().isoformat()
