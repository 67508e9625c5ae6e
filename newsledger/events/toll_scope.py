"""Whose toll a figure is in time and space: one incident's, or a running toll of a period
or a country ("so far this year", "since the war began", "across Afghanistan"), kept apart
from an incident's fatalities."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from newsledger.records import FigureScope

# Words of a running toll: a period's or a country's count, not one incident's.
CUMULATIVE_PHRASES = (
    "so far this year", "so far", "this year", "since the start", "since the beginning",
    "since january", "in total", "to date", "since the war", "since the conflict",
    "since the fighting", "since the uprising", "over the past year", "in the past year",
    "last year", "every year", "each year", "a year", "annually",
    "century", "centuries",  # "the Black Death killed 25 million in the 14th Century"
)
# "last year" after a day ("on May 26 last year") names the day's year, not a period.
YEAR_OF_A_DAY = frozenset({"last year", "this year"})
DAY_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.",
    "dec.", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})
# Relations that begin a clause of their own: a number's casualty word is not looked for
# above them ("... wounded when three devices detonated": the devices are not wounded).
CLAUSE_DEPS = frozenset({"advcl", "ccomp", "xcomp", "relcl", "acl", "conj", "parataxis",
                         "csubj", "pcomp"})
# A toll over a whole country: "across Afghanistan", "throughout the country", "nationwide".
SPREAD_WORDS = frozenset({"across", "throughout", "nationwide"})
COUNTRY_NOUNS = frozenset({"country", "nation", "region"})


def toll_scope(doc: Doc, start: int, end: int) -> FigureScope:
    """"cumulative" for a period's or a country's running toll ("so far this year", "since
    the war began", "across Afghanistan", "nationwide"): the words of the figure's own clause,
    not of clauses hanging from it ("killed three, bringing this year's toll to 200")."""
    words = doc.char_span(start, end, alignment_mode="expand")
    if words is None:
        return "incident"
    head = words.root
    while head.dep_ not in CLAUSE_DEPS and head.dep_ != "ROOT" and head.pos_ != "VERB":
        head = head.head
    clause = own_clause(head)
    text = " " + " ".join(t.lower_ for t in clause) + " "
    found = {m for m in CUMULATIVE_PHRASES if f" {m} " in text}
    if found <= YEAR_OF_A_DAY and any(t.lower_ in DAY_WORDS and t.pos_ == "PROPN"
                                      for t in clause):
        found = set()  # "killed on the evening of May 26 last year": that day's year
    if found or re.search(r" since (19|20)\d\d ", text):
        return "cumulative"
    for tok in clause:  # "across Afghanistan", "throughout the country"
        if tok.lower_ in SPREAD_WORDS and (
                tok.lower_ == "nationwide" or any(
                    g.ent_type_ == "GPE" or g.lemma_.lower() in COUNTRY_NOUNS
                    for g in tok.children)):
            return "cumulative"
    return "incident"


def own_clause(head: Token) -> list[Token]:
    """The head's clause without the clauses that hang from it."""
    out, stack = [], [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in CLAUSE_DEPS)
    return sorted(out, key=lambda t: t.i)
