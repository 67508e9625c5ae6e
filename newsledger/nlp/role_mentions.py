"""Unnamed people named only by a role: "a police spokesman said", "a senior Taliban
commander told AFP", "the provincial governor said", "according to a local elder".

A singular role noun that speaks or takes part (subject, object, agent, "according to X",
one of "between X and Y") and stands beside no name becomes a PERSON candidate of kind
``role``. Its mention is the noun phrase without its article, with a first "of"/"for"/"at"/
"with" phrase: "police spokesman", "spokesman for the Interior Ministry". The entity's name is
that text, so "a police spokesman" and, later, "the police spokesman" are one entity. A role
in apposition to a name ("Fahim Dashti, a spokesman of X") or a role that is no participant
("the role of spokesman") is left to ``RoleReader`` or ignored. A group word that modifies
the role ("police", "army") and that no name covers becomes an ORG candidate: the person's
affiliation, which ``RoleReader`` reads off the layer.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsledger.nlp.lexicon import GROUP_HEADS, KINSHIP_NOUNS, ROLE_NOUNS
from newsledger.nlp.model import doc_text
from newsledger.nlp.name_candidates import Candidate

ARTICLES = frozenset({"a", "an", "the"})
ROLE_PREPOSITIONS = frozenset({"of", "for", "at", "with"})
PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})  # subject, object
# How a group word modifies a role: "a police spokesman", "the army's spokesman".
AFFILIATION_DEPS = frozenset({"compound", "nmod", "poss"})
# Dependents that end a role phrase: "a spokesman for the ministry, who ..., said".
PHRASE_STOPS = frozenset({"relcl", "acl", "appos", "punct", "conj", "cc", "advcl", "parataxis"})
AFFILIATION_GROUPS = GROUP_HEADS | {"army", "police", "military", "government", "ministry"}
NAME_GAP = 3
NP_MODIFIERS = frozenset(
    {"det", "amod", "compound", "nmod", "poss", "nummod", "quantmod", "punct", "case"}
)
GENERAL_DETERMINERS = frozenset(
    {"no", "any", "every", "each", "which", "what", "whose", "some", "all", "either", "neither"}
)  # at most ", " between a role and a name it describes


def is_person_role(tok: Token) -> bool:
    """A singular common noun that names a person by a role: "spokesman", "elder"."""
    lemma = tok.lemma_.lower()
    return (tok.pos_ == "NOUN" and tok.tag_ == "NN" and lemma in ROLE_NOUNS
            and lemma not in KINSHIP_NOUNS)


def participates(tok: Token) -> bool:
    """A noun that speaks, acts or is acted on: subject, object, agent, "according to X",
    one of "between X and Y", or a conjunct of one of these."""
    if tok.dep_ in PARTICIPANT_DEPS:
        return True
    if tok.dep_ == "pobj":
        prep = tok.head
        return prep.lower_ in {"by", "between"} or (
            prep.lower_ == "to" and prep.head.lower_ == "according")
    return tok.dep_ == "conj" and tok.head.i != tok.i and participates(tok.head)


def role_people(doc: Doc, named: list[Candidate]) -> list[Candidate]:
    """PERSON candidates for role-only mentions, and ORG candidates for the groups that
    modify them ("police" in "a police spokesman")."""
    found: list[Candidate] = []
    for tok in doc:
        if not is_person_role(tok) or not participates(tok):
            continue
        span = role_span(tok)
        if span is None or _beside_name(span, named) or _inside(tok, named):
            continue
        cand = Candidate(span.start_char, span.end_char, span.text, "PERSON", kind="role")
        cand.votes["PERSON"] += 2
        found.append(cand)
        found += _modifying_groups(tok, named + found)
    return found


def role_span(tok: Token) -> Span | None:
    """"a spokesman for the Interior Ministry, who ..." → "spokesman for the Interior
    Ministry": the left modifiers without the article, and the first role preposition's
    phrase. None when the role is owned by a pronoun ("its spokesman": an anaphor)."""
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children):
        return None
    if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in tok.children):
        return None  # "the spokesman, Zabihullah Mujahid, said": the name speaks
    doc = tok.doc
    start = _phrase_start(tok)
    if start is None:
        return None
    while start < tok.i and (doc[start].lower_ in ARTICLES or doc[start].is_punct):
        start += 1
    end = tok.i + 1
    prep = next((c for c in tok.rights if c.dep_ == "prep"
                 and c.lower_ in ROLE_PREPOSITIONS), None)
    obj = None if prep is None else next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is not None and prep is not None and prep.i == tok.i + 1:
        end = _phrase_end(obj) + 1
    return doc[start:end]


def _phrase_start(tok: Token) -> int | None:
    """The first word of the role's noun phrase: its adjacent modifiers. None without a
    determiner or possessor, or with a negative or general one ("elected president", "no
    president", "every official"): no one in particular."""
    start = tok.i
    determined = False
    for child in reversed(list(tok.lefts)):
        if child.dep_ not in NP_MODIFIERS or child.right_edge.i != start - 1:
            break
        start = child.left_edge.i
        if child.dep_ in {"det", "poss"} or child.lower_ in {"one", "another"}:
            determined = child.lower_ not in GENERAL_DETERMINERS
    return start if determined else None


def _phrase_end(tok: Token) -> int:
    """The index of the last word of ``tok``'s noun phrase, relative clauses and
    appositions left out."""
    last = tok.i
    for child in tok.rights:
        if child.dep_ in PHRASE_STOPS:
            break
        last = max(last, _phrase_end(child))
    return last


def _beside_name(span: Span, named: list[Candidate]) -> bool:
    """A role next to a name describes that name: "X, a spokesman of Y" / "Member of Y, X"."""
    text = doc_text(span.doc)
    for c in named:
        if c.type != "PERSON" or c.kind != "name":
            continue
        before = text[c.end: span.start_char] if c.end <= span.start_char else None
        after = text[span.end_char: c.start] if span.end_char <= c.start else None
        for gap in (before, after):
            if gap is not None and len(gap) <= NAME_GAP + 3 and _only_joiners(gap):
                return True
    return False


def _only_joiners(gap: str) -> bool:
    """Punctuation, spaces and articles only: ", a", ", the", ", "."""
    words = gap.replace(",", " ").split()
    return "," in gap and all(w.lower() in ARTICLES for w in words)


def _inside(tok: Token, named: list[Candidate]) -> bool:
    return any(c.start <= tok.idx < c.end for c in named)


def _modifying_groups(role: Token, taken: list[Candidate]) -> list[Candidate]:
    """"a police spokesman", "the army's spokesman": the group word that no name covers,
    with its own modifiers, as an ORG candidate."""
    found: list[Candidate] = []
    for mod in role.lefts:
        if mod.dep_ not in AFFILIATION_DEPS or mod.pos_ != "NOUN":
            continue
        if mod.lemma_.lower() not in AFFILIATION_GROUPS:
            continue
        words = [c for c in mod.lefts if c.dep_ in {"compound", "amod"} and c.is_lower]
        span = mod.doc[min([w.i for w in words], default=mod.i): mod.i + 1]
        if any(c.start < span.end_char and span.start_char < c.end and c.kind != "role"
               for c in taken):
            continue
        cand = Candidate(span.start_char, span.end_char, span.text, "ORG")
        cand.votes["ORG"] += 1
        found.append(cand)
    return found
