"""Anaphors: "the group", "the militants", "the insurgent group", "he", "she", and "the
spokesman" after a named spokesman, made mentions of the entity they refer back to.

Runs on merged candidates (each with its ``group``). An anaphor becomes a candidate of kind
``anaphor`` in its antecedent's group: a mention, never a name, an alias or a vote on the
type. The antecedent is looked for in the anaphor's own sentence before it, then up to
``WINDOW`` sentences back, nearest sentence first. In the first sentence holding compatible
entities, one entity is the antecedent; of several in an earlier sentence, the subject of
its main verb; otherwise (several in the anaphor's own sentence, or no main subject among
them) the anaphor stays unresolved, which is better than wrong. A pronoun after a subject
that is no known entity ("a bartender said she ...") stays unresolved too. Compatible means:
a PERSON for "he" and "she"; a named non-state, non-media ORG for "the group", "the
organisation", "the movement" (never a common noun the tagger took for one: "protesters");
an ORG with the noun in its name for "the ministry", "the agency"; an armed group (CAMEO
rebel, insurgent or militarised group, or a militia-like name) for "the militants" and "the
insurgent group". Pronouns inside quotations are
left alone, and names inside quotations are no antecedents of pronouns outside: the quote's
speaker is the one meant.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from newsledger.nlp.lexicon import SPEECH_VERBS
from newsledger.nlp.model import doc_text
from newsledger.nlp.name_candidates import Candidate
from newsledger.nlp.role_mentions import is_person_role
from newsledger.records import EntityType

WINDOW = 3
PERSON_PRONOUNS = frozenset({"he", "she"})
HONORIFICS = {"mr.": "he", "mr": "he", "mrs.": "she", "mrs": "she", "ms.": "she", "ms": "she"}
PLAIN_PRONOUNS = frozenset({"he", "she", "it", "they", "i", "we", "you", "who", "that", "which"})
GROUP_NOUNS = frozenset(
    {"group", "organisation", "organization", "movement", "outfit", "faction", "militia"}
)
ARMED_PLURALS = frozenset(
    {"militants", "insurgents", "jihadists", "jihadis", "extremists", "guerrillas", "rebels"}
)
ARMED_MODIFIERS = frozenset(
    {"militant", "insurgent", "armed", "jihadist", "jihadi", "islamist", "rebel", "extremist",
     "terrorist", "terror", "hardline", "separatist", "radical", "militia", "guerrilla",
     "paramilitary"}
)
ARMED_CAMEO = frozenset({"REB", "INS", "IMG", "UAF", "SEP"})
NOT_GROUP_CAMEO = frozenset({"MED", "GOV", "COP", "JUD", "LEG"})
ARMED_NAME_WORDS = frozenset(
    {"militia", "brigade", "brigades", "front", "battalion", "battalions", "jihad", "mujahideen",
     "liberation", "resistance", "army", "group", "movement", "state", "shabaab", "qaeda"}
)
STATE_HEADS = frozenset(
    {"ministry", "government", "police", "council", "parliament", "court", "agency", "office",
     "department", "administration", "authorities", "commission", "committee", "forces",
     "force", "troops", "soldiers", "army", "military", "regime"}
)
# "the ministry", "the agency": an institution named earlier with that word in its name
INSTITUTION_NOUNS = frozenset(
    {"ministry", "agency", "department", "commission", "committee", "council", "company",
     "bank", "union", "party", "court", "office", "authority", "fund", "foundation",
     "institute", "university", "association", "federation", "corporation", "service"}
)
RESTRICTIVE = frozenset({"prep", "relcl", "acl", "appos", "poss", "nummod", "conj"})

Compatible = Callable[[list[Candidate]], bool]


def resolve_anaphora(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """Anaphor candidates, each in its antecedent's group; definite role phrases that
    describe a named person ("the spokesman") are moved into that person's group."""
    sents = _Sentences(doc)
    groups = _by_group(cands)
    _role_anaphors(doc, cands, groups)
    found: list[Candidate] = []
    named = _covered(doc, cands)
    for tok in doc:
        want = None if tok.i in named else _anaphor_kind(tok, found)
        if want is None:
            continue
        gid = _antecedent(tok, cands + found, groups, sents, want)
        if gid is None:
            continue
        span = _anaphor_span(tok)
        etype = _group_type(groups[gid])
        found.append(Candidate(span.start_char, span.end_char, span.text, etype,
                               group=gid, kind="anaphor"))
    return found


class _Sentences:
    """The sentence index of a character offset."""

    def __init__(self, doc: Doc) -> None:
        self.starts = [s.start_char for s in doc.sents]
        self.spans: list[Span] = list(doc.sents)

    def index(self, char: int) -> int:
        return max(bisect_right(self.starts, char) - 1, 0)


def _by_group(cands: list[Candidate]) -> dict[int, list[Candidate]]:
    groups: dict[int, list[Candidate]] = {}
    for c in cands:
        if c.kind != "anaphor":
            groups.setdefault(c.group, []).append(c)
    return groups


def _group_type(members: list[Candidate]) -> EntityType:
    types: Counter[EntityType] = Counter(m.type for m in members)
    return types.most_common(1)[0][0]


def _covered(doc: Doc, cands: list[Candidate]) -> set[int]:
    """The indexes of the tokens that start inside a candidate (one bisection per candidate
    rather than a scan of every candidate for every token)."""
    starts = [tok.idx for tok in doc]
    covered: set[int] = set()
    for c in cands:
        covered.update(range(bisect_left(starts, c.start), bisect_left(starts, c.end)))
    return covered


def _anaphor_kind(tok: Token, found: list[Candidate]) -> Compatible | None:
    """What ``tok`` (a token outside every candidate) may refer to, or None when it is no
    anaphor this stage resolves."""
    lower = tok.lower_
    if lower in PERSON_PRONOUNS and tok.pos_ == "PRON":
        if _in_quotation(tok.doc, tok.idx):
            return None
        return lambda members: _is_person(members) and not _other_gender(
            lower, members, found, doc_text(tok.doc))
    if tok.pos_ != "NOUN" or tok.dep_ == "compound":
        return None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.lefts):
        return None
    if any(c.dep_ in RESTRICTIVE for c in tok.children):
        return None  # "the group of X", "the group that ...", "the group, X,": not anaphoric
    mods = [c.lower_ for c in tok.lefts if c.dep_ not in {"det", "punct"}]
    if any(m not in ARMED_MODIFIERS for m in mods):
        return None  # "the other group", "the Jaish al-Islam group"
    if lower in ARMED_PLURALS and tok.tag_ == "NNS":
        return _is_armed
    if tok.lemma_.lower() in GROUP_NOUNS and tok.tag_ == "NN":
        return _is_armed if mods else _is_group
    if lower in INSTITUTION_NOUNS and tok.tag_ == "NN" and not mods:
        return lambda members: _named_as(members, lower)
    return None


def _anaphor_span(tok: Token) -> Span:
    """"the insurgent group": the noun with its article and modifiers."""
    return tok.doc[tok.left_edge.i: tok.i + 1] if tok.pos_ == "NOUN" else tok.doc[tok.i: tok.i + 1]


def _antecedent(tok: Token, cands: list[Candidate], groups: dict[int, list[Candidate]],
                sents: _Sentences, compatible: Compatible) -> int | None:
    """The group of the one compatible entity of the nearest sentence that has any; of
    several in an earlier sentence, the subject of its main verb."""
    pronoun = tok.pos_ == "PRON"
    if pronoun and _rival_subject(tok, cands, groups, compatible):
        return None
    here = sents.index(tok.idx)
    for k in range(here, max(here - WINDOW, 0) - 1, -1):
        seen = [c for c in cands if c.start < tok.idx and sents.index(c.start) == k
                and c.group in groups and compatible(groups[c.group])
                and not (pronoun and _in_quotation(tok.doc, c.start))]
        gids = {c.group for c in seen}
        if len(gids) == 1:
            return gids.pop()
        if gids:
            main = {c.group for c in seen if k < here and _main_subject(tok.doc, c)}
            return main.pop() if len(main) == 1 else None
    return None


def _rival_subject(tok: Token, cands: list[Candidate], groups: dict[int, list[Candidate]],
                   compatible: Compatible) -> bool:
    """"A bartender said she ...", "Brazile insisted she ...": a subject before the pronoun
    in its sentence that is no compatible entity may be the one meant."""
    for t in tok.sent:
        if t.i >= tok.i:
            break
        if t.dep_ not in {"nsubj", "nsubjpass"} or t.lower_ in PLAIN_PRONOUNS:
            continue
        own = next((c for c in cands if c.start <= t.idx < c.end), None)
        if own is None or own.group not in groups or not compatible(groups[own.group]):
            return True
    return False


def _main_subject(doc: Doc, cand: Candidate) -> bool:
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verb = root.head  # "X pleaded guilty ..., the office said": the said clause's subject
    return verb.dep_ == "ROOT" or (verb.dep_ == "ccomp" and verb.head.dep_ == "ROOT"
                                   and verb.head.lemma_ in SPEECH_VERBS)


def _is_person(members: list[Candidate]) -> bool:
    return _group_type(members) == "PERSON"


def _other_gender(pronoun: str, members: list[Candidate], found: list[Candidate],
                  text: str) -> bool:
    """A person already called by the other pronoun, or titled "Mr." for "she" or
    "Mrs."/"Ms." for "he"."""
    group = members[0].group
    said = {c.text.lower() for c in found if c.group == group and c.text.lower() in
            PERSON_PRONOUNS}
    for m in members:
        title = text[max(m.start - 5, 0): m.start].lower().split()
        if title and title[-1] in HONORIFICS:
            said.add(HONORIFICS[title[-1]])
    return bool(said - {pronoun})


def _proper(name: str) -> bool:
    """A proper name ("Amnesty International", "al-Shabaab"), not a common noun the tagger
    took for an organisation ("protesters", "police")."""
    return any(word[:1].isupper() or "-" in word[1:] for word in name.split())


def _named_as(members: list[Candidate], noun: str) -> bool:
    """An organisation whose name has the anaphor's noun: "the ministry" is the "Interior
    Ministry", "the agency" the "International Atomic Energy Agency"."""
    return _group_type(members) == "ORG" and any(
        m.kind == "name" and _proper(m.text) and noun in m.text.lower().split()
        for m in members)


def _is_group(members: list[Candidate]) -> bool:
    """An organisation that is neither an outlet nor a state body nor a generic force, and
    is named (a common noun such as "protesters" is no organisation)."""
    if _group_type(members) != "ORG":
        return False
    if any(_cameo(m) & NOT_GROUP_CAMEO for m in members):
        return False
    names = [m for m in members if m.kind == "name" and _proper(m.text)]
    return bool(names) and not any(m.text.split()[-1].lower() in STATE_HEADS and
                                   not _cameo(m) & ARMED_CAMEO for m in names)


def _is_armed(members: list[Candidate]) -> bool:
    """An armed non-state group: its CAMEO code, or a militia-like word in its name."""
    if not _is_group(members):
        return False
    return any(_cameo(m) & ARMED_CAMEO or ARMED_NAME_WORDS & set(m.text.lower().split())
               for m in members)


def _cameo(cand: Candidate) -> set[str]:
    code = cand.actor.cameo if cand.actor is not None and cand.actor.cameo else ""
    return {code[i: i + 3] for i in range(0, len(code), 3)}


def _in_quotation(doc: Doc, char: int) -> bool:
    """Whether the offset stands inside a quotation of its paragraph."""
    text = doc_text(doc)
    para = text.rfind("\n", 0, char) + 1
    before = text[para: char]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _role_anaphors(doc: Doc, cands: list[Candidate], groups: dict[int, list[Candidate]]
                   ) -> None:
    """"Fahim Dashti, a spokesman of X ... The spokesman added", "President Obama ... the
    president": a role entity all of whose mentions are definite joins the one named person
    given that role (appositive, title, fronted role) earlier in the text."""
    for gid, members in list(groups.items()):
        if not members or any(m.kind != "role" or not _definite(doc, m) for m in members):
            continue
        first = members[0]
        role = _role_lemma(doc, first)
        people = {c.group for c in cands if c.kind == "name" and c.type == "PERSON"
                  and c.start < first.start and role in _described_roles(doc, c)}
        if len(people) != 1:
            continue
        target = people.pop()
        for m in members:
            m.group, m.kind = target, "anaphor"
        del groups[gid]


def _definite(doc: Doc, cand: Candidate) -> bool:
    return doc_text(doc)[max(cand.start - 4, 0): cand.start].lower() == "the "


def _role_lemma(doc: Doc, cand: Candidate) -> str | None:
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    roles = [t for t in span or () if is_person_role(t)]
    return roles[0].lemma_.lower() if roles else None


def _described_roles(doc: Doc, cand: Candidate) -> set[str]:
    """The role nouns the syntax gives a named person: "X, a spokesman", "spokesman X"."""
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None:
        return set()
    root = span.root
    near = [c for c in root.children if c.dep_ in {"appos", "compound"}]
    if root.dep_ == "appos":
        near.append(root.head)
    near += [s for s in root.head.children if s.i < root.i and s.dep_ in {"npadvmod", "dep"}]
    roles = {t.lemma_.lower() for t in near if t.pos_ in {"NOUN", "PROPN"}}
    return roles | ({cand.title} if cand.title else set())
