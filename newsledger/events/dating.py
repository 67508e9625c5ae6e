"""Dating an event: the time expression of its own clause, else of its quote, else what the
tense says about the publication day; an undated past event told after a recent stated day
shares that day (the story's narrative time, Reichenbach's reference point)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from spacy.tokens import Span, Token

from newsledger.events.clauses import CLAUSE_BOUNDARIES, clause_of
from newsledger.events.timex import find_time_expressions, with_precision
from newsledger.records import Claim, TimeWindow

# Cheap cues of a day in a sentence, before the time rules are run on it.
DAY_CUES = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tonight|yesterday|last night|"
    r"this (?:morning|afternoon|evening)|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|"
    r"dec)[a-z]*\.? +\d{1,2}\b|\d{1,2} +(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|\d{4}-\d{2}-\d{2})", re.IGNORECASE)
YEAR_CUE = re.compile(r"\b(?:1[89]|20)\d{2}\b")
NARRATIVE_DAYS = 7  # a stated day this recent is the story's own time for later past events
REPORTING_VERBS = frozenset({"say", "tell", "report", "claim", "confirm", "state", "announce",
                             "add", "according", "accord", "note", "allege", "believe"})
# Penn Treebank tags of a verb in the present: "fighting is ongoing", "protesters march".
PRESENT_TAGS = frozenset({"VBZ", "VBP", "VBG"})


class Telling(Protocol):
    """What dating needs of an event as read: its word, its sentence and its claim."""

    @property
    def token(self) -> Token: ...

    @property
    def sent(self) -> Span: ...

    @property
    def claim(self) -> Claim | None: ...


def event_time(d: Telling, anchor: date | datetime | None,
               published: str | None) -> TimeWindow | None:
    """An expression in the trigger's clause (one that dates the deed before one that dates
    the reporting: "killed in August 2016, police said on Monday"), else one of the quote,
    else what the tense says about the publication day: the present is that day, the past
    is no later than it. Every window carries its precision."""
    clause = {t.idx for t in clause_of(d.token)}
    found = [e for e in find_time_expressions(d.sent.text, anchor)
             if (e.window.start or e.window.end)
             and not _dates_another_deed(d, d.sent.start_char + e.start, clause)]
    # the trigger's own clause first, then the rest of the sentence; a reporting day last
    found.sort(key=lambda e: (_dates_reporting(d, d.sent.start_char + e.start),
                              d.sent.start_char + e.start not in clause))
    if found and not (_dates_reporting(d, d.sent.start_char + found[0].start)
                      and d.sent.start_char + found[0].start not in clause):
        return with_precision(found[0].window)
    if d.claim is not None and d.claim.kind == "direct":  # the quote's own time frame
        for expr in find_time_expressions(d.claim.content, anchor):
            if expr.window.start or expr.window.end:
                return with_precision(expr.window)
    if not published:
        return None
    day = published[:10]
    head = d.token.head  # "fighting is ongoing"; not "says he was arrested"
    words = [d.token] if head.lemma_.lower() in REPORTING_VERBS else [d.token, head]
    present = any(t.tag_ in PRESENT_TAGS or t.lower_ in {"ongoing", "continuing"}
                  for t in words)
    return TimeWindow(day, day, None, "day") if present else TimeWindow(None, day, None)


def recent_day(time: TimeWindow, published: str | None) -> bool:
    """A stated day within ``NARRATIVE_DAYS`` before publication: the story's own time, which
    the undated past events told after it share ("The fight broke out Tuesday ... he was
    arrested a block away")."""
    if not published or time.precision != "day" or not time.start or time.start != time.end:
        return False
    try:
        gap = date.fromisoformat(published[:10]) - date.fromisoformat(time.start[:10])
    except ValueError:
        return False
    return 0 <= gap.days <= NARRATIVE_DAYS


def stated_days(sents: Sequence[Span], anchor: date | datetime | None,
                latest: str | None) -> list[tuple[int, TimeWindow]]:
    """The recent days the sentences state, where they state them ("The fight broke out
    Tuesday"): an undated past event told after one happened that day, as the telling has
    reached it. Only sentences with a word of a day are read (a full pass of the time rules
    over every sentence costs as much again as the rest of event detection)."""
    if latest is None:
        return []
    return [(sent.start_char + e.start, with_precision(e.window)) for sent in sents
            if DAY_CUES.search(sent.text) for e in find_time_expressions(sent.text, anchor)
            if recent_day(with_precision(e.window), latest)]


def latest_stated_day(sents: Sequence[Span]) -> str | None:
    """The last day the sentences state in full ("On April 4, 2018"): the anchor of their
    relative expressions ("on Wednesday") when the text carries no publication date, the day
    it was written on or after."""
    days = [e.window.start for sent in sents if YEAR_CUE.search(sent.text)
            for e in find_time_expressions(sent.text, None)
            if e.window.start and e.window.start == e.window.end and len(e.window.start) == 10]
    return max(days) if days else None


def undated_past(time: TimeWindow | None) -> bool:
    """The tense's default for a past event: no later than publication, nothing stated."""
    return time is not None and time.text is None and time.start is None


def _dates_another_deed(d: Telling, pos: int, clause: set[int]) -> bool:
    """Whether the time expression at ``pos`` dates a clause of its own, outside the
    trigger's, with a subject of its own ("... after the group took over the country in
    mid-August"): that clause's time, not the event's."""
    if pos in clause:
        return False
    span = d.sent.doc.char_span(pos, pos + 1, alignment_mode="expand")
    if span is None:
        return False
    for tok in [span.root, *span.root.ancestors]:
        if tok.idx in clause:
            return False
        if tok.pos_ in {"VERB", "AUX"}:
            if _captioned(span.root) and _scene_of(tok, d.token):
                return False  # "Riot police beat a protester during a protest in Beirut,
                # Lebanon, Saturday, Dec. 14, 2019": a caption's day dates its whole scene
            return any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)
    return False


def _captioned(day: Token) -> bool:
    """A day told after a place, as photo captions and datelines tell it ("in downtown
    Beirut, Lebanon, Saturday, Dec. 14, 2019")."""
    return day.dep_ in {"npadvmod", "appos"} and day.head.pos_ == "PROPN"


# Links that open a clause of its own (the clause boundaries, and a complement, a subject
# clause or a second verb): a verb above one of them tells another deed ("the man who
# killed three people was sentenced on Monday").
CLAUSE_LINKS = CLAUSE_BOUNDARIES | {"xcomp", "pcomp", "csubj", "csubjpass", "conj"}


def _scene_of(verb: Token, trigger: Token) -> bool:
    """Whether ``verb`` is the nearest verb above a trigger that is no verb itself, with no
    clause opening between them: the noun is a part of the verb's scene ("Riot police
    officers beat ...", not "the man who killed three people was sentenced ...")."""
    if trigger.pos_ in {"VERB", "AUX"}:
        return False
    tok = trigger
    while tok.head.i != tok.i:  # up to the root (spaCy makes a new Token at each .head)
        if tok.dep_ in CLAUSE_LINKS:
            return False
        tok = tok.head
        if tok.pos_ in {"VERB", "AUX"}:
            return tok.i == verb.i
    return False


def _dates_reporting(d: Telling, pos: int) -> bool:
    """Whether the time expression at ``pos`` hangs from a verb of saying other than the
    event's own word ("said on Wednesday")."""
    span = d.sent.doc.char_span(pos, pos + 1, alignment_mode="expand")
    if span is None:
        return False
    for tok in [span.root, *span.root.ancestors]:
        if tok.pos_ in {"VERB", "AUX"} or tok.i == d.token.i:
            return tok.i != d.token.i and tok.lemma_.lower() in REPORTING_VERBS
    return False
