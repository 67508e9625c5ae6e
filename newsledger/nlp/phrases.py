"""Names and groups found by syntax where the model found none.

People the small model misses ("Fahim Dashti, a spokesman of ..."), groups named by what
they are ("government forces", "Somali soldiers"), groups named by a common noun phrase where
a role or member noun says a group is meant ("a spokesman of the resistance front"), and the
leader that tells two descriptions of one group apart from two groups ("... led by X").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsledger.nlp.evidence import is_role_word
from newsledger.nlp.lexicon import GROUP_HEADS, MEMBER_NOUNS, ROLE_NOUNS, SPEECH_VERBS
from newsledger.nlp.model import doc_text
from newsledger.nlp.name_candidates import Candidate, name_key, trim_span


def _group_span(doc: Doc, obj: Token) -> Span | None:
    """The group phrase ending at the last group head before or at ``obj``: "a resistance
    front" in "the forces of a resistance front led by ..." even when the parse errs."""
    heads = [t for t in doc[obj.left_edge.i: obj.i + 1] if t.lemma_.lower() in GROUP_HEADS]
    if not heads:
        return None
    return trim_span(doc[obj.left_edge.i: heads[-1].i + 1])


ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
# Prepositions of agents ("by X"), sides ("between X and Y", "clashed with X") and targets
# ("fired at X").
ACTOR_PREPOSITIONS = frozenset({"by", "between", "with", "against", "at"})
# Entity types of a name that only says whose a group is: a nationality, a country, a place.
WHOSE_ENTITY_TYPES = frozenset({"NORP", "GPE", "LOC"})
# Modifiers of a group noun that describe the group: "security forces", "armed men".
GROUP_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
BARE_ACTORS = frozenset({
    "police", "army", "military", "government", "troops", "rebels", "soldiers", "militants",
    "insurgents", "gunmen", "protesters", "demonstrators", "rioters", "officers", "civilians",
    "policemen", "jihadists", "fighters",
})
# People and units that act in conflict news besides the group heads of the lexicon, as
# ACLED names them ("Protesters (Kenya)", "Civilians (Syria)"), by their singular lemma.
PEOPLE_HEADS = frozenset({
    "soldier", "troop", "fighter", "militant", "rebel", "insurgent", "gunman", "officer",
    "policeman", "protester", "demonstrator", "rioter", "civilian", "jihadist", "guard",
    "guardsman", "paramilitary", "militiaman",
})
# The arms a state or group strikes with: "Israeli warplanes", "Russian drones", "US jets".
# They stand for the forces that fly or fire them, and need a modifier that says whose.
ARMS_HEADS = frozenset({
    "warplane", "jet", "aircraft", "helicopter", "drone", "gunship", "warship", "artillery",
    "tank", "navy", "airforce", "bomber",
})
DESCRIPTIVE = frozenset(
    {"local", "armed", "security", "government", "rebel", "opposition", "federal", "national",
     "regular", "paramilitary", "special", "allied", "foreign", "tribal", "islamist",
     "jihadist", "separatist", "militia", "resistance", "coalition", "state", "riot"}
)
LEAD_WORDS = frozenset({"led", "lead", "headed", "commanded", "run"})


HEDGE_MODIFIERS = frozenset({"called", "so", "-", "alleged", "self", "styled"})


def _names_inside(span: Span, cand: Candidate) -> bool:
    """Whether a named mention stands in the phrase as a name, not as "anti-X" / "pro-X"."""
    if not (cand.start < span.end_char and span.start_char < cand.end):
        return False
    before = doc_text(span.doc)[max(span.start_char, cand.start - 5): cand.start].lower()
    return not before.rstrip("- ").endswith(("anti", "pro"))


def _whose(doc: Doc, cand: Candidate) -> bool:
    """A name that only says whose a group is: a country, a place or a nationality."""
    if cand.type == "PLACE":
        return True
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    return span is not None and all(t.ent_type_ in WHOSE_ENTITY_TYPES for t in span)


def _acting(tok: Token) -> bool:
    """A noun that acts or is acted on: subject, object, agent, one of "between X and Y"."""
    if tok.dep_ in ACTOR_DEPS:
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ in ACTOR_PREPOSITIONS:
        return True  # agents, sides ("clashed with X"), targets ("fired at X")
    return tok.dep_ == "conj" and _acting(tok.head)


def _describes_group(mod: Token) -> bool:
    if mod.ent_type_ in {"NORP", "GPE"} or mod.pos_ == "PROPN" or mod.dep_ == "compound":
        return True
    text = mod.lower_
    hyphened = mod.i >= 2 and mod.nbor(-1).text == "-" and mod.nbor(-2).lower_ in {"anti", "pro"}
    return text in DESCRIPTIVE or text.startswith(("anti", "pro")) or hyphened


def leader_of(head: Token) -> str | None:
    """"... led by Ahmad Massoud": the leader's name, a key to tell two descriptions of one
    group apart from two groups."""
    for tok in head.subtree:
        if tok.lower_ == "by" and (tok.head.lower_ in LEAD_WORDS or tok.head.i == head.i):
            obj = next((c for c in tok.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None)
            if obj is not None:
                return name_key(obj.doc[obj.left_edge.i: obj.i + 1].text)
    return None


def generic_actors(doc: Doc, named: list[Candidate]) -> list[Candidate]:
    """Groups named by what they are, as ACLED names them: "Russian forces", "government
    forces", "Somali soldiers", "police": a group noun that acts or is acted on, with a
    nationality or descriptive modifier (or a bare "police", "army")."""
    found: list[Candidate] = []
    heads = GROUP_HEADS | MEMBER_NOUNS | PEOPLE_HEADS | ARMS_HEADS
    for tok in doc:
        head = tok.lemma_.lower()
        if head not in heads or head == "group" or tok.pos_ != "NOUN":
            continue
        mods = [c for c in tok.lefts if c.dep_ in GROUP_MODIFIER_DEPS
                and c.lower_ not in HEDGE_MODIFIERS]
        if not _acting(tok) or not all(_describes_group(m) for m in mods):
            continue
        if not (mods or tok.lower_ in BARE_ACTORS) or (head in ARMS_HEADS and not mods):
            continue
        start = min([m.left_edge.i for m in mods], default=tok.i)  # "Hong Kong police"
        span = doc[start: tok.i + 1]
        if any(_names_inside(span, c) for c in named + found if not _whose(doc, c)):
            continue  # "Taliban fighters" are the Taliban; "US troops" are an actor
        cand = Candidate(span.start_char, span.end_char, span.text, "ORG",
                         leader=leader_of(tok))
        cand.votes["ORG"] += 1
        found.append(cand)
    return found


def unnamed_people(doc: Doc, named: list[Candidate]) -> list[Candidate]:
    """People the model missed: a title-case name of two to four words that has a role in
    apposition ("Fahim Dashti, a spokesman of ...") or is the subject of a speech verb."""
    found: list[Candidate] = []
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.ent_type_ or tok.dep_ == "compound" or not tok.is_title:
            continue
        words = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if not 1 <= len(words) <= 3 or not all(w.is_title and not w.ent_type_ for w in words):
            continue
        role = any(c.dep_ == "appos" and c.lemma_.lower() in ROLE_NOUNS for c in tok.children)
        speaks = tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SPEECH_VERBS
        if not (role or speaks):
            continue
        span = doc[words[0].i: tok.i + 1]
        if all(is_role_word(t) for t in span):
            continue  # "His Commanding Officer said": a role, not a name
        if any(c.start < span.end_char and span.start_char < c.end for c in named):
            continue
        cand = Candidate(span.start_char, span.end_char, span.text, "PERSON")
        cand.votes["PERSON"] += 2
        found.append(cand)
    return found



def group_phrases(doc: Doc, named: list[Candidate]) -> list[Candidate]:
    """Organisations named by a common noun phrase ("the resistance front") where the
    syntax says a group is meant: the object of a role or member noun ("a spokesman of
    X", "the forces of X"). The phrase must carry a group head and not overlap a name."""
    taken = [(c.start, c.end) for c in named]
    found: list[Candidate] = []
    for tok in doc:
        if tok.dep_ != "pobj" or tok.head.lower_ != "of":
            continue
        owner = tok.head.head
        if owner.lower_ not in MEMBER_NOUNS and owner.lemma_.lower() not in ROLE_NOUNS:
            continue
        span = _group_span(doc, tok)
        if span is None or len(span) < 2 or any(t.ent_type_ for t in span):
            continue
        if any(s < span.end_char and span.start_char < e for s, e in taken):
            continue
        cand = Candidate(span.start_char, span.end_char, span.text.lower(), "ORG",
                         leader=leader_of(tok))
        cand.votes["ORG"] += 2
        found.append(cand)
    return found
