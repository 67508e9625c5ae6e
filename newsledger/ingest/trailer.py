"""Page trailer chrome: comment forms, related posts, share boxes, copyright lines,
newsletter and follow prompts, credit lines, photo captions and licensing notices, and the
site's tagline; and what screen readers and follow prompts leave inside body lines.

Hard markers (a comment form, "Related posts", a copyright line...) end the article:
everything from the first of them on is cut. Soft markers (a newsletter or follow
prompt, "Read more: ...") also appear inside stories, so they end the article only when no
prose paragraph follows; otherwise only their own line is dropped. The site's tagline is a
short promotional sentence naming the site just before the trailer; it names the outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HARD = re.compile(
    r"^(?:leave\s+a\s+(?:reply|comment|response)(?:\s+cancel\s+reply)?|cancel\s+reply|"
    r"(?:post|add|write|submit)\s+(?:a\s+|your\s+)?comments?|"
    r"(?:\d+|no|one)\s+(?:comments?|responses?|replies)(?:\s+(?:on|to)\s+.*)?|"
    r"comments?(?:\s*\(\d+\))?|join\s+the\s+(?:conversation|discussion)|"
    r".*your\s+email\s+address\s+will\s+not\s+be\s+published.*|"
    r"(?:your\s+)?(?:name|e-?mail(?:\s+address)?|website|url|comment|message)\s*\*?"
    r"\s*(?:\((?:required|optional|will\s+not\s+be\s+published|not\s+(?:be\s+)?published)\))?\s*\*?|"
    r"\W*\((?:will\s+)?not\s+(?:be\s+)?published\)\W*|\W*\(required\)\W*|"
    r"save\s+my\s+name.*|notify\s+me\s+of\s+.*|you\s+must\s+be\s+logged\s+in.*|"
    r"share\s+this(?:\s+(?:article|story|post|page))?\s*:?|share(?:\s+(?:on|via))?\s*:|"
    r"like\s+this\s*:?|like\s+loading.*|"
    r"(?:previous|next|older|newer)\s+(?:post|article|story|entry)\b.{0,160}|"
    r"post\s+navigation|about\s+the\s+author|our\s+standards\s*:.*|"
    r"\(?(?:additional\s+)?(?:reporting|writing|editing|compiled|edited)\s+by\s+[A-Z].{0,200}|"
    r"(?:tags?|tagged(?:\s+with)?|filed\s+under|categories|posted\s+in)\s*:.{0,200})$",
    re.IGNORECASE,
)
# Headings of link boxes ("Related posts", "Most read"): inside a story they are followed
# by a few headlines and then the story goes on.
_SECTION = re.compile(
    r"^(?:related(?:\s+(?:posts?|articles?|stories|news|content|coverage|reading|items))?|"
    r"(?:you\s+(?:may|might)\s+also\s+like|more\s+(?:stories|news|articles)\s+(?:from|like|on)"
    r"|recommended(?:\s+for\s+you|\s+stories|\s+articles)?|trending(?:\s+now)?|"
    r"most\s+(?:read|popular|viewed)|latest\s+(?:news|posts|stories|articles)|"
    r"(?:more|top)\s+stories)\b.{0,60})\s*:?$",
    re.IGNORECASE,
)
# A link box flattened into one line: its heading glued to the first headline
# ("Related StoriesAfter Criticism, ..."). Only that line goes.
_GLUED = re.compile(
    r"^(?i:related\s+(?:posts?|articles?|stories|news|content|coverage)|you\s+(?:may|might)"
    r"\s+also\s+like|(?:more|top|recommended|trending)\s+stories|most\s+(?:read|popular))"
    r"(?=[A-Z])"
)
# Soft markers that start as they read ("Read more: ...", "Advertisement", "© 2021 ...").
_SOFT_FIXED = re.compile(
    r"^(?:(?:follow|like|join)\s+(?:us|our\s+\w+(?:\s+\w+)?)\s+(?:on|at|in)\b.*|"
    r"join\s+our\s+(?:telegram|whatsapp|facebook|community|channel).*|"
    r"(?:click|tap)\s+here\s+to\b.*|download\s+(?:our|the)\b.*\bapp\b.*|"
    r"(?:also\s+read|read\s+also|read\s+more|see\s+also|more\s+on\s+this|read|watch)\s*:.*|"
    r"also\s+on\s+[\w-]+\.(?:com|net|org|co\.uk|info|news)\b.*|"
    r"(?:story\s+continues\s+below\s+)?advertisement(?:\W+[\w\s]{0,40}\W*)?|"
    r"scroll\s+to\s+continue.*|(?:like\s+this\s+(?:story|article)\?\s*)?"
    r"share\s+(?:it|this)\s+with\b.{0,40}|"
    r"(?:sources?\s*:|\(?with\s+inputs?\s+from|inputs\s+from)\s*[\w ,&.-]{2,60}\)?|"
    r"continue\s+reading.*|sponsored(?:\s+content)?|"
    r"(?:©|\(c\)|copyright\b).*|"
    # follow, contact and tip prompts naming a person or the outlet
    r"follow\s+(?:us|him|her|them|[\w.&'’-]+(?:\s+[\w.&'’-]+){0,4})\s+(?:on|at)\s+"
    r"(?:twitter|x|facebook|instagram|youtube|linkedin|tiktok|threads|bluesky|mastodon)\b.*|"
    r"have\s+a\s+(?:news\s+)?tip\?.*|(?:e-?mail|contact)\s+[\w.'’ -]{2,40}\s+at\s+\S+@\S+.*|"
    # newsletter and subscription offers, and a newsletter's name alone
    r"(?:get|receive)\b.{0,100}\bdelivered\s+(?:to|through)\s+your\s+(?:inbox|letterbox|"
    r"door|mailbox)\b.*|subscribe\s+to\s+[\w.&'’ -]{2,40}\s+(?:and|to|for|today|now)\b.*|"
    r"(?:[\w&'’-]+\s+){0,3}newsletter|"
    # paywall teasers
    r"already\s+a\s+(?:subscriber|member)\?.*|subscribe\s+now\b.{0,120}|"
    r"(?:this\s+(?:article|story|content)\s+is\s+(?:only\s+)?(?:available\s+)?(?:for|to)\s+"
    r"(?:subscribers|members)).*|"
    # links to other stories inside the body, and licensing notices
    r"\[?related(?:\s+(?:posts?|stories|articles?|coverage|content))?\s*:.*|"
    r"this\s+copy\s+is\s+for\s+your\s+personal,?\s+non-?commercial\s+use\s+only.*|"
    # photo captions and credits
    r"(?:photo(?:graph)?|image|picture|video|credit)s?(?:\s+credit)?\s*:.{0,200})$",
    re.IGNORECASE,
)
# Soft markers found anywhere in their line; each holds a word of ``_FLOATING_WORDS``, which
# are looked for first (these patterns scan the whole line, and most lines are story text).
_SOFT_FLOATING = re.compile(
    r"^(?:.*\b(?:subscribe|sign\s+up)\b.*\bnewsletters?\b.*|"
    r".*\ball\s+rights\s+reserved\b.*|"
    # credit lines of wire and staff contributors, at the end of a story
    r".{0,240}\bcontributed\s+(?:additional\s+)?(?:reporting|to\s+this\s+(?:report|story|"
    r"article))\b.{0,120}|"
    # a short pitch for news in your inbox ("Let our news meet your inbox."): it names the
    # news, stories or a newsletter and quotes no one; not a story's line that names an
    # inbox ("Scammers are flooding your inbox ...", "... sent to your inbox, police said")
    r"(?=.{0,200}$)(?!.*\b(?:said|says|told|according)\b)"
    r"(?=.*\b(?:news|stories|headlines|newsletters?|briefing|updates)\b)"
    r".*\b(?:meet|(?:straight|directly|right)\s+(?:to|into|in)|(?:delivered|sent)\s+"
    r"(?:\w+\s+)?to|in)\s+your\s+inbox\b.*|"
    r".*\bpurchase\s+licensing\s+rights\b.*)$",
    re.IGNORECASE,
)
_FLOATING_WORDS = ("newsletter", "reserved", "contributed", "inbox", "licensing")


def _soft(line: str) -> bool:
    """A soft marker (a prompt, a credit line, a caption...): the line as a whole."""
    if _SOFT_FIXED.match(line):
        return True
    lowered = line.lower()
    return any(word in lowered for word in _FLOATING_WORDS) and bool(
        _SOFT_FLOATING.match(line))


# Screen-reader and link text left inside sentences ("Reuters, opens new tab, said"), and
# follow prompts at the end of a paragraph ("... is out now. Follow him on Twitter @x.")
_INLINE = re.compile(r",?\s*\(?opens\s+(?:in\s+)?(?:a\s+)?new\s+(?:tab|window)\)?",
                     re.IGNORECASE)
_TRAILING_FOLLOW = re.compile(
    r"(?<=[.!?”\"])\s+(?:Follow|Find)\s+(?:us|him|her|them|[\w.&'’-]+(?:\s+[\w.&'’-]+){0,4})"
    r"\s+on\s+(?:Twitter|X|Facebook|Instagram|YouTube|LinkedIn|TikTok|Threads|Bluesky)\b[^\n]*$")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_ELLIPSIS_END = re.compile(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\])[\"'”’)\]]*$")
_TAGLINE = re.compile(
    r"^(?:at\s+)?(?P<name>(?:[A-Z0-9][\w.&'’-]*\s+){0,4}?[A-Z0-9][\w.&'’-]*)\s*,?\s+"
    r"(?P<verb>is|are|was|brings|covers|delivers|provides|offers|publishes|features|presents|"
    r"aims|strives|gives|keeps|serves|reports|has\s+been|we)\b",
)
_STRONG_VERBS = {"brings", "covers", "delivers", "provides", "offers", "publishes", "strives",
                 "serves", "aims", "presents"}
# Pronouns a tagline opens with in place of the site's name ("We bring you ...").
_PRONOUN_SUBJECTS = frozenset({"we", "it", "this", "he", "she", "they"})
_PROMO = re.compile(
    r"\b(?:news|perspectives?|coverage|platform|journalism|readers?|media|outlet|portal|"
    r"website|site|stories|reporting|updates|voices?|independent|unbiased|trusted|leading|"
    r"latest|insights?|daily|digital|online|destination|community|one[\s-]stop|"
    r"under\s+one\s+(?:roof|space)|around\s+the\s+(?:world|clock)|across\s+the\s+world)\b",
    re.IGNORECASE,
)
_COPYRIGHT_NAME = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?,?\s*"
    r"(?P<name>[^.|,©]+?)\s*(?:\.|,|\||-\s|–|all\s+rights|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Trailer:
    """The body lines that remain and the outlet named by the trailer, if any."""

    lines: list[str]
    outlet: str | None


def _words(line: str) -> int:
    return len(line.split())


def tagline_outlet(line: str) -> str | None:
    """The site name of a promotional tagline ("<Site> brings ... news ..."), else None."""
    text = line.strip()
    if not 4 <= _words(text) <= 40:
        return None
    match = _TAGLINE.match(text)
    if not match:
        return None
    promo = len(_PROMO.findall(text[match.end():]))
    if promo < (1 if match.group("verb") in _STRONG_VERBS else 2):
        return None
    name = match.group("name").strip()
    return name if name.casefold() not in _PRONOUN_SUBJECTS else None


def copyright_outlet(line: str) -> str | None:
    """The holder named in a copyright line ("© 2021 Site Name. All rights reserved.")."""
    match = _COPYRIGHT_NAME.search(line)
    if not match:
        return None
    name = match.group("name").strip(" -–")
    if not name or "rights" in name.casefold() or _words(name) > 6 or not name[0].isupper():
        return None
    return name


def inline_cleaned(line: str) -> str:
    """A body line without screen-reader link text and without follow prompts after its last
    sentence."""
    if "new" in line.lower():  # a cheap look first: most lines have no "opens new tab"
        line = _INLINE.sub("", line)
    if "Follow" in line or "Find" in line:
        line = _TRAILING_FOLLOW.sub("", line)
    return line


def is_marker(line: str) -> bool:
    """True for a line of trailer chrome (a comment form, a link box, a prompt...)."""
    return bool(_HARD.match(line) or _SECTION.match(line) or _soft(line))


def _is_prose(line: str) -> bool:
    """A line of story text: a long one, or a sentence of some length (not a teaser…)."""
    text = line.strip()
    if is_marker(text) or _ELLIPSIS_END.search(text):
        return False
    words = _words(text)
    return words >= 25 or (words >= 10 and bool(_SENTENCE_END.search(text)))


def _prose_after(lines: list[str], start: int, needed: int = 1) -> bool:
    """True when ``needed`` prose lines follow ``start`` before any hard marker."""
    found = 0
    for line in lines[start:]:
        if _HARD.match(line.strip()):
            return False
        found += _is_prose(line)
        if found >= needed:
            return True
    return False


def _link_box(lines: list[str], start: int) -> list[int]:
    """The heading at ``start`` and the headline lines after it, up to the next prose."""
    box = [start]
    for i in range(start + 1, len(lines)):
        if _is_prose(lines[i]):
            break
        box.append(i)
    return box


def _first_cut(lines: list[str]) -> tuple[int, set[int]]:
    """Index where the trailer starts (len(lines) if none) and lines to drop before it."""
    drop: set[int] = set()
    seen_prose = False
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line or i in drop:
            continue
        if _HARD.match(line):
            if seen_prose or not _prose_after(lines, i + 1):
                return i, drop
            drop.add(i)
            continue
        if _GLUED.match(line):
            drop.add(i)
            continue
        if seen_prose and _SECTION.match(line):
            if not _prose_after(lines, i + 1, needed=2):
                return i, drop
            drop.update(_link_box(lines, i))
            continue
        if _soft(line):
            if seen_prose and not _prose_after(lines, i + 1):
                return i, drop
            drop.add(i)
            continue
        seen_prose = seen_prose or _words(line) >= 8
    return len(lines), drop


def _outlet_in(lines: list[str]) -> str | None:
    copyright_name = None
    for line in lines:
        name = tagline_outlet(line)
        if name:
            return name
        copyright_name = copyright_name or (
            copyright_outlet(line) if _soft(line.strip()) else None
        )
    return copyright_name


def cut_trailer(lines: list[str]) -> Trailer:
    """Cut the trailer off the body lines; a tagline just before it is cut as well."""
    lines = [inline_cleaned(line) for line in lines]
    cut, drop = _first_cut(lines)
    body = [line for i, line in enumerate(lines[:cut]) if i not in drop]
    outlet = None
    while body and not body[-1].strip():
        body.pop()
    if body and len(body) > 1:
        outlet = tagline_outlet(body[-1])
        if outlet:
            body.pop()
    return Trailer(body, outlet or _outlet_in(lines[cut:]))
