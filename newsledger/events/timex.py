"""Time expressions in news text, resolved against the publication date (the "anchor").

``find_time_expressions`` scans text with the regular-expression grammar of
:mod:`newsledger.events.timex_rules` (whose docstring lists the calendar conventions) and
returns each expression with its character offsets and an inclusive :class:`TimeWindow`.
Windows are ISO 8601: a whole day as ``YYYY-MM-DD``, an instant as ``YYYY-MM-DDTHH:MM:SS``
(durations back from an anchor that has a time of day, e.g. "in the past 40 hours").
Time zones are dropped: times are read in the publication's own local time.

Without an anchor only expressions that carry their own year resolve; an expression that does
not pin a time down is left out (``resolve_expression`` returns ``None``) rather than guessed.
"since X" opens the window from X to the anchor (open-ended without one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, time

from newsledger.events.timex_calendar import Bounds, Ctx
from newsledger.events.timex_rules import RULES, Rule
from newsledger.records import TimePrecision, TimeWindow

Anchor = datetime | date | None

# Capitalised words that may precede "Thursday"/"Today" without making a name of it.
_LEADING_WORDS = frozenset(
    [
        "on", "the", "last", "this", "next", "since", "by", "until", "from", "and", "or", "but",
        "early", "late", "said", "says", "told",
    ]
)
_BEFORE_NAME = re.compile(r"([A-Z][\w'’-]*)[ \t]+$")
_NAME_PRONE = re.compile(r"(?:today|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
_PLACEHOLDER_REF = date(2000, 1, 1)


@dataclass(frozen=True)
class TimeExpression:
    """A time expression found in a text: offsets into that text (end exclusive) and its window."""

    start: int
    end: int
    text: str
    window: TimeWindow


def parse_anchor(published: str | None) -> datetime | date | None:
    """The publication date of ``Document.published``: a ``datetime`` when it has a time of day,
    a ``date`` when it is a bare day, ``None`` when missing or unreadable. Time zones are
    dropped (the local wall-clock time is kept)."""
    if not published or not published.strip():
        return None
    value = published.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value)
        return datetime.fromisoformat(value).replace(tzinfo=None)
    except ValueError:
        return _dateparser_anchor(value)


def _dateparser_anchor(value: str) -> datetime | None:
    import dateparser

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}
    parsed = dateparser.parse(value, settings=settings)  # type: ignore[arg-type]
    return parsed.replace(tzinfo=None) if parsed is not None else None


# Words of a text about what is to come: its bare weekdays and dates are the coming ones.
FUTURE = re.compile(
    r"\b(?:will|shall|won't|going to|set to|scheduled|plans? to|planning to|expected to|"
    r"due to (?:be|start|begin|open|meet|appear|return)|upcoming|to be held)\b|'ll\b",
    re.IGNORECASE)


FUTURE_REACH = 60  # characters before a date where a word of the future counts


def _context(anchor: Anchor, ref: date | None = None) -> Ctx:
    if isinstance(anchor, datetime):
        return Ctx(now=anchor.replace(tzinfo=None), day=anchor.date(), ref=ref)
    return Ctx(now=None, day=anchor, ref=ref)


def _iso(value: date) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    return value.isoformat()


def _window(match: re.Match[str], bounds: Bounds, ctx: Ctx) -> TimeWindow:
    start, end = bounds
    text = match.group(0)
    prep = match.groupdict().get("prep")
    if prep and prep.lower() == "since":
        if ctx.day is None:
            return TimeWindow(_iso(start), None, text)
        stop: date = ctx.now if ctx.now is not None and isinstance(start, datetime) else ctx.day
        return TimeWindow(_iso(start), _iso(max(stop, start)), text)
    return TimeWindow(_iso(start), _iso(end), text)


def _looks_like_name(text: str, match: re.Match[str]) -> bool:
    """'USA Today', 'Good Friday', 'Bloody Sunday': a capitalised word right before the match."""
    word = match.group(0)
    if not word[:1].isupper() or not _NAME_PRONE.match(word.lower()):
        return False
    before = _BEFORE_NAME.search(text, max(0, match.start() - 40), match.start())
    return before is not None and before.group(1).lower() not in _LEADING_WORDS


def _candidates(text: str, ctx: Ctx) -> list[tuple[int, int, int, re.Match[str]]]:
    """Every match of every rule that resolves, longest first, then leftmost, then rule order."""
    probe = Ctx(ctx.now, ctx.day, ctx.ref or _PLACEHOLDER_REF)
    found = []
    for index, rule in enumerate(RULES):
        for match in rule.pattern.finditer(text):
            if _looks_like_name(text, match) or rule.resolve(match, probe) is None:
                continue
            found.append((match.start() - match.end(), match.start(), index, match))
    found.sort(key=lambda item: item[:3])
    return found


def find_time_expressions(text: str, anchor: datetime | date | None) -> list[TimeExpression]:
    """The time expressions of ``text`` that resolve against ``anchor``, in text order.

    Overlapping matches are settled longest first. "The day before" and the like count from
    the last single day named before them in the text (falling back on the anchor)."""
    ctx = _context(anchor)
    taken = bytearray(len(text))
    chosen: list[tuple[int, Rule, re.Match[str]]] = []
    for _, start, index, match in _candidates(text, ctx):
        if taken.find(1, start, match.end()) == -1:
            taken[start : match.end()] = b"\x01" * (match.end() - start)
            chosen.append((start, RULES[index], match))
    expressions: list[TimeExpression] = []
    for start, rule, match in sorted(chosen, key=lambda item: item[0]):
        # "will meet on Friday": words of the future just before a date make it a coming one
        ctx = replace(ctx, future=FUTURE.search(text, max(0, start - FUTURE_REACH), start)
                      is not None)
        bounds = rule.resolve(match, ctx)
        if bounds is None:
            continue
        window = _window(match, bounds, ctx)
        expressions.append(TimeExpression(start, match.end(), match.group(0), window))
        if _is_single_day(bounds):
            ctx = replace(ctx, ref=bounds[0])
    return expressions


def _is_single_day(bounds: Bounds) -> bool:
    start, end = bounds
    return not isinstance(start, datetime) and start == end


def resolve_expression(expression: str, anchor: datetime | date | None) -> TimeWindow | None:
    """The window of one whole expression ("last Friday", "mid-August", "Sep 1, 2021"), or
    ``None`` when it names no time that ``anchor`` (or the words alone) can pin down."""
    words = " ".join(expression.split())
    if not words:
        return None
    ctx = _context(anchor)
    for rule in RULES:
        match = rule.pattern.fullmatch(words)
        if match is not None:
            bounds = rule.resolve(match, ctx)
            if bounds is not None:
                return _window(match, bounds, ctx)
    return _dateparser_window(words, ctx)


def _dateparser_window(words: str, ctx: Ctx) -> TimeWindow | None:
    """Fallback for explicit dates our grammar does not spell (other languages, odd forms).

    Only for words with a digit and no bare d/m pair, and only when day, month and (without an
    anchor) year are all given: dateparser would otherwise fill gaps from today's date."""
    if not re.search(r"\d", words) or re.search(r"\b\d{1,2}[/.]\d{1,2}\b", words):
        return None
    import dateparser

    parts = ["day", "month"] if ctx.day is not None else ["day", "month", "year"]
    settings: dict[str, object] = {"REQUIRE_PARTS": parts, "PREFER_DATES_FROM": "past"}
    settings["RETURN_AS_TIMEZONE_AWARE"] = False
    if ctx.day is not None:
        settings["RELATIVE_BASE"] = ctx.now or datetime.combine(ctx.day, time())
    parsed = dateparser.parse(words, settings=settings)  # type: ignore[arg-type]
    if parsed is None:
        return None
    day = parsed.date().isoformat()
    return TimeWindow(day, day, words)


def with_precision(window: TimeWindow) -> TimeWindow:
    """The window with its precision (day, week, month, year) from its width; an open
    window ("no later than ...") has none."""
    if not window.start or not window.end:
        return window
    try:
        days = (date.fromisoformat(window.end[:10]) - date.fromisoformat(window.start[:10])).days
    except ValueError:
        return window
    precision: TimePrecision = ("day" if days <= 1 else "week" if days <= 7
                                else "month" if days <= 31 else "year")
    return replace(window, precision=precision)
