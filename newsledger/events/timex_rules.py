"""The grammar of :mod:`newsledger.events.timex`: regular expressions and calendar arithmetic.

Each :class:`Rule` pairs a pattern with a resolver that turns a match into inclusive
``(start, end)`` bounds. A bound that is a ``datetime`` is an instant; a plain ``date`` is a
whole day. Resolvers return ``None`` whenever the words do not pin a time down (no anchor for a
relative phrase, an impossible date, a bare month name): nothing is ever guessed.

Conventions (all relative to the anchor, the publication date):

* "in the past N units" runs from anchor - N units to the anchor, keeping the anchor's time of
  day when it has one; "recent days/weeks/..." and "a few" mean 3 units, "a couple of" 2,
  "several" 5.
* A weekday alone ("on Thursday") is the most recent such day on or before the anchor (the
  anchor itself when it is that weekday); "last/past Thursday" is strictly before the anchor;
  "this Thursday" is in the anchor's Monday-Sunday week; "next Thursday" the first after it.
* "overnight" and "last night" span the day before the anchor and the anchor's day.
* early / mid / late: days 1-10 / 11-20 / 21-end of a month; Jan-Apr / May-Aug / Sep-Dec of a
  year; Mon-Wed / Tue-Thu / Thu-Sun of a week. "earlier this X" runs from its start to the
  anchor, "later this X" from the anchor to its end.
* A day of a month without a year is the last such day before the anchor, unless that is
  long past and the next one near ("Dec. 15" in a story of 18 November is four weeks ahead);
  after words of the future ("will meet on Friday", "starts May 2") it is the coming one; a
  weekday written with it picks its year ("Friday, Dec. 6").
* "the day before" / "the next day" count from the last single day named earlier in the text
  (or, for "the day before" only, from the anchor).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from math import ceil
from typing import NamedTuple

from newsledger.events.timex_calendar import (
    ONE_DAY,
    Bounds,
    Ctx,
    add_months,
    anchored_date,
    back_from_anchor,
    month_end,
    month_part,
    period_part,
    recent_weekday,
    shift,
    year_part,
)


class Rule(NamedTuple):
    name: str
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], Ctx], Bounds | None]


# ---------------------------------------------------------------- vocabulary

_SMALL = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_NUMBERS: dict[str, int] = {w: i + 1 for i, w in enumerate(_SMALL)}
_WORD_NUMBERS |= {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_WORD_NUMBERS |= {"a": 1, "an": 1, "hundred": 100, "couple": 2, "few": 3, "several": 5}
_WORD_NUMBERS |= {"dozen": 12}
RECENT = 3  # "in recent days" = the past 3 days

_MONTHS = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
]
_ABBR = ["sept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _cased(words: list[str]) -> str:
    """Title- and upper-case spellings only: 'May' and 'MAY' are months, 'may' is not."""
    return "|".join(f"{w.title()}|{w.upper()}" for w in words)


MONTH = rf"\b(?-i:(?:{_cased(_MONTHS)})\b|(?:{_cased(_ABBR)})\b\.?)"
WEEKDAY = rf"\b(?-i:{_cased(_WEEKDAYS)})\b"
NUM = (
    rf"(?:\d{{1,3}}|(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(_SMALL[:9])}))?"
    rf"|{'|'.join(_SMALL)}|a\s+couple\s+of|couple\s+of|a\s+few|few|several|a\s+dozen"
    r"|dozen|an?|hundred)"
)
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
_MOD = r"(?P<mod>early|mid|late|(?:the\s+)?(?:middle|end|start|beginning)\s+of)[-\s]+"
_DAY_SUFFIX = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)"
# "May 26 last year", "in March this year": the year named relative to the anchor's
_YEAR_OR_RELATIVE = rf"(?:,?\s+{_YEAR}|\s+(?P<rel>last|this|next)\s+year\b)"
_RELATIVE_YEAR = {"last": -1, "this": 0, "next": 1}
# Openings of "early": "early", "the start of", "start of", "beginning of".
_EARLY_OPENINGS = ("early", "the", "start", "begin")
_DAY_OFFSETS = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
                "the day after tomorrow": 2}
# Words of a day after the one named: "the day after", "the next day", "the following day".
_FORWARD_WORDS = ("after", "next", "following")
_PERIOD_OFFSETS = {"last": -1, "previous": -1, "next": 1, "following": 1, "coming": 1}
# early / mid / late: the years of a decade's part.
_DECADE_PARTS = {"early": (0, 3), "mid": (3, 6), "late": (7, 9)}


def parse_number(words: str) -> int:
    """'40' -> 40, 'forty-eight' -> 48, 'a couple of' -> 2, 'several' -> 5."""
    if words.isdecimal():
        return int(words)
    tokens = [t for t in re.split(r"[-\s]+", words.lower()) if t not in ("of", "")]
    if len(tokens) > 1:
        tokens = [t for t in tokens if t not in ("a", "an")]
    return sum(_WORD_NUMBERS.get(t, 0) for t in tokens)


def month_number(word: str) -> int:
    return [m[:3] for m in _MONTHS].index(word.lower().rstrip(".")[:3]) + 1


def _unit(word: str) -> str:
    return word.lower().rstrip("s")


def _norm_mod(raw: str | None) -> str | None:
    if not raw:
        return None
    word = " ".join(raw.lower().split())
    if word in ("earlier", "later"):
        return word
    if word == "so far":  # "so far this year": from its start to now
        return "earlier"
    if "end" in word or word.startswith("late"):
        return "late"
    if "mid" in word:
        return "mid"
    return "early" if word.startswith(_EARLY_OPENINGS) else None


# ---------------------------------------------------------------- resolvers


def _relative_day(m: re.Match[str], ctx: Ctx) -> Bounds | None:
    if ctx.day is None:
        return None
    word = " ".join(m.group("word").lower().split())
    if word == "overnight":
        return ctx.day - ONE_DAY, ctx.day
    if word == "last night":  # TimeML: the evening of the day before
        return ctx.day - ONE_DAY, ctx.day - ONE_DAY
    found = ctx.day + timedelta(days=_DAY_OFFSETS.get(word, 0))
    return found, found


def _reference_day(m: re.Match[str], ctx: Ctx) -> Bounds | None:
    word = m.group("word").lower()
    forward = any(w in word for w in _FORWARD_WORDS)
    base = ctx.ref if ctx.ref is not None or forward else ctx.day
    if base is None:
        return None
    if "night" in word:
        return base - ONE_DAY, base
    found = base + (ONE_DAY if forward else -ONE_DAY)
    return found, found


def _ago(m: re.Match[str], ctx: Ctx) -> Bounds | None:
    amount, unit = parse_number(m.group("n")), _unit(m.group("unit"))
    direction = m.group("dir").lower()
    sign = 1 if direction == "later" else -1
    base = ctx.ref if ctx.ref is not None or direction == "later" else ctx.day
    if base is None or amount == 0:
        return None
    if unit not in ("minute", "hour"):
        found = shift(base, sign * amount, unit)
        return found, found
    if ctx.ref is None and ctx.now is not None:
        instant = shift(ctx.now, sign * amount, unit)
        return instant, instant
    days = ceil((amount / 60 if unit == "minute" else amount) / 24)
    other = base + timedelta(days=sign * days)
    return (other, base) if sign < 0 else (base, other)


def _duration(m: re.Match[str], ctx: Ctx) -> Bounds | None:
    words = m.group("n") or m.group("n2")
    amount = parse_number(words) if words else 1
    if amount == 0:
        return None
    return back_from_anchor(ctx, amount, _unit(m.group("unit")))


def _recent(m: re.Match[str], ctx: Ctx) -> Bounds | None:
    return back_from_anchor(ctx, RECENT, _unit(m.group("unit")))


def _weekend(m: re.Match[str], ctx: Ctx) -> Bounds | None:
    if ctx.day is None:
        return None
    which, day = m.group("which").lower(), ctx.day
    monday = day - timedelta(days=day.weekday())
    if which == "this":
        return monday + timedelta(days=5), monday + timedelta(days=6)
    if which == "last":
        return monday - timedelta(days=2), monday - ONE_DAY
    saturday = day - timedelta(days=(day.weekday() - 5) % 7)
    return saturday, min(saturday + ONE_DAY, day)


def _relative_period(m: re.Match[str], ctx: Ctx) -> Bounds | None:
    which, mod = m.group("which").lower().split()[-1], _norm_mod(m.group("mod"))
    if ctx.day is None or (which == "the" and mod not in ("earlier", "later")):
        return None
    offset = _PERIOD_OFFSETS.get(which, 0)
    unit, day = m.group("unit").lower(), ctx.day
    if unit == "week":
        monday = day - timedelta(days=day.weekday() - 7 * offset)
        bounds = monday, monday + timedelta(days=6)
    elif unit == "month":
        first = add_months(day.replace(day=1), offset)
        bounds = first, month_end(first.year, first.month)
    else:
        bounds = date(day.year + offset, 1, 1), date(day.year + offset, 12, 31)
    return period_part(bounds, unit, mod, day)


def _weekday(m: re.Match[str], ctx: Ctx) -> Bounds | None:
    if ctx.day is None:
        return None
    target = _WEEKDAYS.index(m.group("wd").lower())
    found = recent_weekday(ctx.day, target, (m.group("which") or "").lower(), ctx.future)
    return found, found


def _stated_year(m: re.Match[str], ctx: Ctx) -> str | None:
    """The year written ("2019") or named against the anchor's ("last year")."""
    relative = m.groupdict().get("rel")
    if relative and ctx.day is not None:
        return str(ctx.day.year + _RELATIVE_YEAR[relative.lower()])
    return m.group("year")


def _explicit(m: re.Match[str], ctx: Ctx) -> Bounds | None:
    month = month_number(m.group("mon"))
    first = int(m.group("d1"))
    last = int(m.group("d2")) if m.group("d2") else first
    year = _stated_year(m, ctx)
    start = anchored_date(ctx, month, first, year)
    weekday = m.groupdict().get("wd")
    if start is not None and weekday and not year:  # "Friday, Dec. 6": its year
        start = _year_of_weekday(start, _WEEKDAYS.index(weekday.lower()), ctx)
    if start is None or last < first:
        return None
    try:
        return start, start.replace(day=last)
    except ValueError:
        return None


def _year_of_weekday(found: date, weekday: int, ctx: Ctx) -> date:
    """The day of that month and day nearest the anchor that falls on ``weekday``."""
    options = []
    for year in (found.year - 1, found.year, found.year + 1):
        try:
            options.append(found.replace(year=year))
        except ValueError:
            continue
    fitting = [d for d in options if d.weekday() == weekday]
    if not fitting or ctx.day is None:
        return found
    day = ctx.day
    return min(fitting, key=lambda d: abs((d - day).days))


def _iso(m: re.Match[str], ctx: Ctx) -> Bounds | None:
    try:
        found = date(int(m.group("year")), int(m.group("mon")), int(m.group("d1")))
    except ValueError:
        return None
    return found, found


def _numeric(m: re.Match[str], ctx: Ctx) -> Bounds | None:
    """d/m or m/d: only when the order cannot matter (a part over 12, or both equal)."""
    a, b = int(m.group("a")), int(m.group("b"))
    if a == b or (a > 12) == (b > 12):
        day_of_month, month = (a, b) if a == b else (0, 0)
    else:
        day_of_month, month = (a, b) if a > 12 else (b, a)
    if not 1 <= month <= 12:
        return None
    year = m.groupdict().get("year")
    if year and len(year) == 2:
        year = str((2000 if int(year) < 70 else 1900) + int(year))
    found = anchored_date(ctx, month, day_of_month, year)
    return None if found is None else (found, found)


def _month(m: re.Match[str], ctx: Ctx) -> Bounds | None:
    month, mod = month_number(m.group("mon")), _norm_mod(m.group("mod"))
    which, year = (m.group("which") or "").lower(), _stated_year(m, ctx)
    if year:
        return month_part(int(year), month, mod)
    if ctx.day is None or not (m.group("prep") or mod or which):
        return None
    this = ctx.day.year
    if which == "last":
        return month_part(this if month < ctx.day.month else this - 1, month, mod)
    if which == "next":
        return month_part(this if month > ctx.day.month else this + 1, month, mod)
    bounds = month_part(this, month, mod)
    return bounds if which == "this" or bounds[0] <= ctx.day else month_part(this - 1, month, mod)


def _year(m: re.Match[str], ctx: Ctx) -> Bounds | None:
    """"in 2014"; a bare year too when "the" names it ("the 2014 elections") or it owns
    something ("2016's attack"), and it is no more than a few years after the anchor."""
    year = int(m.group("year"))
    if not (m.group("prep") or m.group("mod")):
        before = m.string[max(0, m.start() - 4):m.start()].lower()
        after = m.string[m.end():m.end() + 2]
        named = before.endswith("the ") or after in ("'s", "’s")
        if not named or ctx.day is None or year > ctx.day.year + 5:
            return None  # "2019 rupees", "rose to 2021": counts, not years
    return year_part(year, _norm_mod(m.group("mod")))


def _decade(m: re.Match[str], ctx: Ctx) -> Bounds | None:
    first = int(m.group("decade"))
    low, high = _DECADE_PARTS.get(m.group("mod") or "", (0, 9))
    return date(first + low, 1, 1), date(first + high, 12, 31)


# ---------------------------------------------------------------- patterns

_P_DATE = r"(?:(?P<prep>on|since|by|until|till|from|through|dated|as\s+of|of)\s+)?"
_P_SPAN = (
    r"(?:(?P<prep>in|during|since|by|until|till|from|through|throughout|of|as\s+of)\s+)?"
)
_NOT_A_COUNT = (
    r"(?!\d|[,.]\d|[-–/]\d|\s*%|\s+(?:per\s*cent|percent|people|persons|troops|soldiers"
    r"|civilians|km|kilometres|kilometers|miles|metres|meters|dollars|euros|pounds)\b)"
)
_WD_PREFIX = rf"(?:(?P<wd>{WEEKDAY}),?\s+)?"
_NEWSPAPER = r"(?!\s+(?-i:Times|Telegraph|Express|Mirror|Post|Herald|Mail|Tribune|Star|Observer))"

_PATTERNS: list[tuple[str, str, Callable[[re.Match[str], Ctx], Bounds | None]]] = [
    (
        "relative_day",
        r"\b(?:(?:early|late|earlier|later)\s+)?(?P<word>today|yesterday|tomorrow|tonight"
        r"|overnight|last\s+night|this\s+(?:morning|afternoon|evening)"
        rf"|the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)){_PART_OF_DAY}\b",
        _relative_day,
    ),
    (
        "reference_day",
        r"\bthe\s+(?P<word>day\s+before|day\s+after|previous\s+day|preceding\s+day|next\s+day"
        r"|following\s+day|night\s+before|previous\s+night)\b"
        r"(?!\s+(?:the|a|an|his|her|their|its|this|that|yesterday|tomorrow)\b)",
        _reference_day,
    ),
    (
        "ago",
        rf"\b(?P<n>{NUM})[-\s]+(?P<unit>minutes?|hours?|days?|weeks?|months?|years?)"
        r"\s+(?P<dir>ago|earlier|later)\b",
        _ago,
    ),
    (
        "duration",
        r"\b(?:(?P<prep>in|over|during|for|within|throughout)\s+(?:the\s+)?|the\s+)"
        rf"(?:(?:past|last)\s+(?:(?P<n>{NUM})[-\s]+)?|(?:previous|preceding)\s+(?P<n2>{NUM})"
        r"[-\s]+)(?P<unit>minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?"
        r"|decades?)\b(?!\s+of\b)",
        _duration,
    ),
    (
        "recent",
        r"\b(?:(?:in|over|during|for|throughout)\s+)?recent\s+"
        r"(?P<unit>hours|days|weeks|months|years)\b",
        _recent,
    ),
    (
        "weekend",
        r"\b(?:(?:over|during|at|on|through|throughout)\s+)?(?P<which>the|this|last|past)"
        r"\s+weekend\b",
        _weekend,
    ),
    (
        "relative_period",
        r"\b(?:(?P<mod>early|mid|late|earlier|later|so\s+far)[-\s]+(?:in\s+)?)?"
        r"(?<!\bthe\s)(?P<which>this|last|next"
        r"|the\s+previous|the\s+following|the\s+coming|the)\s+(?P<unit>week|month|year)\b"
        r"(?!\s+of\b)",
        _relative_period,
    ),
    (
        "weekday",
        r"\b(?:(?P<prep>on|since|by|until|till|from|through)\s+)?"
        rf"(?:(?P<which>last|this|next|past|early|late|earlier|later)\s+)?(?P<wd>{WEEKDAY})"
        rf"(?:'s|’s)?{_PART_OF_DAY}\b{_NEWSPAPER}",
        _weekday,
    ),
    (
        "month_day",
        rf"{_P_DATE}{_WD_PREFIX}(?P<mon>{MONTH})\s*(?P<d1>\d{{1,2}}){_DAY_SUFFIX}(?!\d)"
        rf"(?:\s*(?:-|–|to)\s*(?P<d2>\d{{1,2}}){_DAY_SUFFIX}(?!\d))?(?![,.]?\d){_NOT_A_COUNT}"
        rf"{_YEAR_OR_RELATIVE}?",
        _explicit,
    ),
    (
        "day_month",
        rf"(?:\b{_P_DATE}{_WD_PREFIX}(?:the\s+)?)?(?<![\d$£€.,-])(?P<d1>\d{{1,2}}){_DAY_SUFFIX}"
        rf"(?:\s*(?:-|–|to|and)\s*(?P<d2>\d{{1,2}}){_DAY_SUFFIX})?\s+(?:of\s+)?"
        rf"(?P<mon>{MONTH}){_YEAR_OR_RELATIVE}?",
        _explicit,
    ),
    (
        "iso",
        rf"\b{_P_DATE}(?<![\d-])(?P<year>(?:19|20)\d{{2}})-(?P<mon>\d{{2}})-(?P<d1>\d{{2}})(?!\d)",
        _iso,
    ),
    (
        "numeric_with_year",
        r"(?<![\w./-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})"
        r"(?![\w/]|\.\d)",
        _numeric,
    ),
    (
        "numeric",
        r"\b(?P<prep>on|since|from|until|till|by|dated)\s+(?P<a>\d{1,2})/(?P<b>\d{1,2})"
        r"(?![\w/]|\.\d)",
        _numeric,
    ),
    (
        "month",
        rf"\b{_P_SPAN}(?:{_MOD})?(?:(?P<which>last|this|next)\s+)?(?P<mon>{MONTH})"
        rf"{_YEAR_OR_RELATIVE}?",
        _month,
    ),
    ("year", rf"\b{_P_SPAN}(?:{_MOD})?(?<![\d$£€#.,]){_YEAR}{_NOT_A_COUNT}", _year),
    (
        "decade",
        r"\b(?:(?:in|during|since|through|throughout)\s+)?the\s+(?:(?P<mod>early|mid|late)"
        r"[-\s]+)?(?P<decade>(?:19|20)\d0)s\b",
        _decade,
    ),
]

RULES: tuple[Rule, ...] = tuple(
    Rule(name, re.compile(pattern, re.IGNORECASE), resolve)
    for name, pattern, resolve in _PATTERNS
)
