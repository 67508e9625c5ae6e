"""Quotation spans in a text, including quotes that run over several paragraphs.

News style opens every paragraph of a long quote with an opening mark and closes only the
last one; a paragraph that opens a quote without closing it continues into the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "“«„"
CLOSING = "”»“"
_STRAIGHT_MARK = re.compile(r"\"|(?<![\w'])''(?!')|(?<!')''(?![\w'])")
MIN_QUOTE_WORDS = 3


@dataclass(frozen=True)
class Quote:
    """The words inside the marks: [start, end) excludes the marks themselves."""

    start: int
    end: int

    def contains(self, pos: int) -> bool:
        return self.start <= pos < self.end


def find_quotes(text: str) -> list[Quote]:
    """Every quotation of at least three words, curly or straight marks, in text order."""
    quotes = _curly_quotes(text) + _straight_quotes(text)
    quotes = [q for q in quotes if len(text[q.start:q.end].split()) >= MIN_QUOTE_WORDS]
    quotes.sort(key=lambda q: q.start)
    kept: list[Quote] = []
    for q in quotes:  # a straight quote inside a curly one is a quote within a quote
        if not any(k.start <= q.start < k.end for k in kept):
            kept.append(q)
    return kept


def _curly_quotes(text: str) -> list[Quote]:
    found: list[Quote] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] not in OPENING or (text[i] == "“" and _is_closing_context(text, i)):
            i += 1
            continue
        start = i + 1
        j = start
        while j < n and text[j] not in "”»":
            if text[j] == "\n" and not _reopens(text, j):
                break
            j += 1
        if j < n and text[j] in "”»":
            found.append(Quote(start, j))
            i = j + 1
        else:
            i = start
    return found


def _is_closing_context(text: str, i: int) -> bool:
    """A '“' used as a closing mark (some sites do): right after a word or final punctuation."""
    return i > 0 and text[i - 1] in ".,!?" and (i + 1 == len(text) or text[i + 1] in " \n")


def _reopens(text: str, newline: int) -> bool:
    """The quote goes on when the next paragraph opens with a quotation mark."""
    rest = text[newline:].lstrip("\n ")
    return bool(rest) and rest[0] in OPENING


def _straight_quotes(text: str) -> list[Quote]:
    """Straight-mark quotations (``"`` or the two apostrophes of some archives, ``''``),
    paired within each paragraph; a paragraph that leaves one open goes on into the next
    when that one opens with a mark (the news convention)."""
    found: list[Quote] = []
    open_at: int | None = None
    for para in re.finditer(r"[^\n]+", text):
        marks = [(para.start() + m.start(), para.start() + m.end())
                 for m in _STRAIGHT_MARK.finditer(para.group())]
        if open_at is not None:
            if not para.group().lstrip().startswith(("\"", "''")):
                open_at = None  # never closed: not a quotation after all
            elif len(marks) > 1:  # the reopening mark, the closing one, then pairs
                found.append(Quote(open_at, marks[1][0]))
                open_at, marks = None, marks[2:]
            else:
                continue  # reopened and not closed: it runs on
        for first, second in zip(marks[::2], marks[1::2], strict=False):
            found.append(Quote(first[1], second[0]))
        if len(marks) % 2:
            open_at = marks[-1][1]
    return found
