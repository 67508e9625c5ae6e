"""Round-ups: one sentence listing other incidents, each in its own place ("Several other fires
occurred throughout the state Tuesday, including a brush fire in Torrington, fires in Weston
and a forest fire in Glastonbury"; "Other attacks on Sunday included a car bomb in Kirkuk and a
mortar attack in Baghdad"). "Other" says they are not the story's incident, and each place
is an incident of its own: one event per place, none of them joined to another report.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

OTHER_WORDS = frozenset({"other", "separate"})  # "other attacks", "separate shootings"
LISTED_PREPOSITIONS = frozenset({"in", "at", "near", "outside"})


def listed_places(event_noun: Token, sent: Span,
                  place_at: Callable[[Token], str | None]) -> list[str]:
    """The places of the incidents a round-up lists, in order, when the event's noun is
    "other" incidents and the sentence names two places or more; else nothing."""
    if event_noun.pos_ != "NOUN" or not any(
            c.lower_ in OTHER_WORDS for c in event_noun.children if c.dep_ in {"amod", "det"}):
        return []
    found: list[str] = []
    for tok in sent:
        if tok.dep_ == "pobj" and tok.head.lower_ in LISTED_PREPOSITIONS:
            pid = place_at(tok)
            if pid is not None and pid not in found:
                found.append(pid)
    return found if len(found) >= 2 else []
