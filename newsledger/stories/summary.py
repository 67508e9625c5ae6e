"""A story in words for the analyst who reads it: a headline, its reports by title and
outlet, each event's evidence sentence, and why two reports were joined.

The headline names the story's main event (its gravest type, the most reported of those, in
ACLED's words), its most named place, its days and its parties: "Armed clash · Panjshir (AF)
· 1–3 Sep 2021 · Taliban, resistance front". Pure functions of a group's items; no I/O.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from newsledger.event_codes import ACLED_TYPES, label
from newsledger.records import StoryEvent, StoryLink, StoryReport, StorySignal
from newsledger.stories.items import Item

MAX_PARTIES = 3

# How each signal reads in a sentence ("same place Panjshir", "2 day(s) apart")
SIGNAL_WORDS: dict[str, str] = {
    "type": "type", "time": "time", "place": "place", "actors": "shared actors",
    "text": "similar wording", "words": "shared words", "figures": "figures",
    "denial": "a denial answering a claim",
    "report": "the reports tell one story in the same words",
}


def headline(items: Sequence[Item]) -> str:
    """The story's main event in words: type label, place, days and parties."""
    if not items:
        return ""
    types = Counter(i.event.type for i in items)
    # the gravest kind first (battles before a road blocked), then the most reported
    main = min(types, key=lambda t: (_gravity(t), -types[t], t))
    parts = [label(main)]
    places = Counter(f"{i.place.name} ({i.place.country})" if i.place.country
                     else i.place.name for i in items if i.place is not None)
    if places:
        parts.append(places.most_common(1)[0][0])
    days = _days(items)
    if days:
        parts.append(days)
    names = Counter(name for i in items for name in set(i.names.values()))
    ranked = names.most_common(MAX_PARTIES)
    # the most named party, and the others that more than one event names
    parties = [n for k, (n, count) in enumerate(ranked) if k == 0 or count > 1]
    if parties:
        parts.append(", ".join(parties))
    return " · ".join(parts)


GRAVITY = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots",
           "Protests")


def _gravity(code: str) -> int:
    """The rank of an event code's ACLED type: political violence, then demonstrations,
    then strategic developments and the rest."""
    event_type = ACLED_TYPES.get(code, ("", ""))[0]
    return GRAVITY.index(event_type) if event_type in GRAVITY else len(GRAVITY)


def _days(items: Sequence[Item]) -> str:
    starts = [i.start for i in items if i.start]
    ends = [i.end for i in items if i.end]
    if not starts or not ends:
        return ""
    first, last = min(starts), max(ends)
    if first == last:
        return _day(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{_day(last)}"
    if first.year == last.year:
        return f"{first.day} {first:%b}–{_day(last)}"
    return f"{_day(first)}–{_day(last)}"


def _day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def reports(items: Sequence[Item]) -> tuple[StoryReport, ...]:
    """Each article of the story once, in the order its first event came."""
    found: dict[str, StoryReport] = {}
    for item in items:
        doc = item.lookup.analysis.document
        if doc.id not in found:
            found[doc.id] = StoryReport(doc.id, doc.title, doc.outlet, doc.published, doc.url)
    return tuple(found.values())


def event_details(items: Sequence[Item]) -> tuple[StoryEvent, ...]:
    """Each event with its type in words, its place and the sentence that reports it."""
    return tuple(
        StoryEvent(ref=i.ref, type=i.event.type, label=label(i.event.type),
                   place=i.place.name if i.place is not None else None, evidence=i.text,
                   document=i.lookup.analysis.document.id)
        for i in items)


def link_reason(signals: Sequence[StorySignal]) -> str:
    """Why two events were joined, from the signals that counted: "same place Panjshir;
    overlap 2021-09-03; shared actors: Taliban"."""
    said = [_signal_words(s) for s in signals if s.value > 0]
    return "; ".join(said) if said else "no signal in common"


def _signal_words(signal: StorySignal) -> str:
    if signal.name == "type":
        return f"same kind of event ({signal.detail})"
    if signal.name in ("time", "place"):
        return signal.detail
    return f"{SIGNAL_WORDS[signal.name]}: {signal.detail}"


def with_reasons(links: Sequence[StoryLink]) -> tuple[StoryLink, ...]:
    """The links, each with its reason in words."""
    return tuple(StoryLink(link.a, link.b, link.score, link.signals,
                           link.reason or link_reason(link.signals)) for link in links)
