"""Figures: casualty and other human counts, the side they count, and the claim stating them.

A number is a figure only when the parse ties it to a casualty word ("40 were killed",
"lost 40 of their personnel", "35 wounded", "the death toll rose to 12"); durations,
distances, ages, percentages, years and money never are. Approximations follow ACLED's
conventions: "dozens" is 12, "several" 10, "hundreds" 100; "at least N" has low N, "up to N"
has high N. "Heavy casualties" is a figure without a count.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from newsledger.events.counts import (
    MULTIPLIERS,
    VAGUE_COUNTS,
    WORD_NUMBERS,
    multiplied,
    parse_count,
    scaled,
    tens_before,
    tens_of_compound,
)
from newsledger.events.toll_scope import CLAUSE_DEPS, toll_scope
from newsledger.nlp.groups import group_name
from newsledger.nlp.model import doc_chars
from newsledger.records import FigureKind, FigureScope

KIND_BY_LEMMA: dict[str, FigureKind] = {
    "kill": "killed", "die": "killed", "dead": "killed", "death": "killed", "body": "killed",
    "fatality": "killed", "slay": "killed", "execute": "killed", "murder": "killed",
    "wound": "wounded", "injure": "wounded", "injury": "wounded", "hurt": "wounded",
    "injured": "wounded", "wounded": "wounded",
    "casualty": "casualties",
    "arrest": "arrested", "detain": "arrested", "apprehend": "arrested", "capture": "arrested",
    "abduct": "abducted", "kidnap": "abducted", "hostage": "abducted",
    "displace": "displaced", "flee": "displaced", "evacuate": "displaced", "refugee": "displaced",
    "homeless": "displaced",
    "miss": "missing", "missing": "missing",
}
# One person named by a relation or role ("the beating death of a neighbor").
PERSON_NOUNS = frozenset({
    "neighbor", "neighbour", "friend", "mother", "father", "son", "daughter", "wife",
    "husband", "brother", "sister", "relative", "cameraman", "photographer", "owner",
    "employee", "teacher", "doctor", "priest", "mayor", "pastor", "customer", "clerk",
    "guard", "inmate", "baby", "infant", "toddler", "grandmother", "grandfather", "uncle",
    "aunt", "cousin", "girlfriend", "boyfriend", "partner", "colleague", "stranger",
})
MODALS = frozenset({"would", "could", "may", "might", "will", "should", "can", "shall"})
# Deeds that kill when the words say so ("shot dead", "stabbed to death", "fatally shot").
VIOLENT_VERBS = frozenset({"shoot", "stab", "beat", "strangle", "gun", "hack", "bludgeon"})
FATAL_WORDS = frozenset({"dead", "death", "fatally", "mortally"})
TREATMENT_VERBS = frozenset({"treat", "hospitalize", "hospitalise"})
# "lost 40 of their personnel": losing people is being killed.
LOSS_VERBS = frozenset({"lose", "suffer", "sustain"})
PEOPLE_NOUNS = frozenset(
    {"personnel", "men", "fighter", "soldier", "troop", "member", "life", "people", "civilian",
     "militant", "officer", "policeman", "child", "woman", "combatant", "rebel", "insurgent"}
)
# People nouns that name a party to the fighting, not bystanders: "14 insurgents were killed"
# counts the insurgents' side when the text makes them an entity.
PARTY_NOUNS = frozenset(
    {"fighter", "soldier", "troop", "militant", "officer", "policeman", "combatant", "rebel",
     "insurgent", "gunman", "jihadist", "guerrilla", "terrorist"}
)
# Casualty verbs whose active subject does the deed ("two gunmen killed three people": the
# gunmen are not counted as killed); "die" and "flee" count their subject.
PERPETRATOR_VERBS = frozenset(
    {"kill", "wound", "injure", "hurt", "arrest", "detain", "apprehend", "capture", "abduct",
     "kidnap", "execute", "murder", "slay", "displace", "evacuate"}
)
# "six others", "16 more": the same side as the figure counted before them.
OTHERS = frozenset({"other", "others", "more"})
NEVER_FIGURES = frozenset(
    {"hour", "day", "week", "month", "year", "minute", "second", "kilometre", "kilometer",
     "km", "mile", "metre", "meter", "percent", "%", "per", "dollar", "$", "euro", "pound",
     "rupee", "afghani", "time", "age", "old", "kg", "ton", "tonne", "acre", "hectare",
     "count", "charge", "felony", "misdemeanor", "misdemeanour"}  # "two counts of assault"
)
HEAVY = frozenset({"heavy", "huge", "massive", "significant", "many", "numerous", "severe"})
# Passive verbs of knowing and saying that carry a casualty word as their complement: "89
# people are known to have died", "five are feared killed", "12 are believed dead", "30 were
# reported killed", "seven soldiers were confirmed dead".
REPORTING_VERBS = frozenset({
    "know", "believe", "fear", "report", "confirm", "think", "presume", "say", "estimate",
    "understand", "declare", "pronounce", "feared", "suspect", "claim",
})
COMPLEMENT_DEPS = frozenset({"xcomp", "oprd", "acomp"})
MULTIPLIED_DEPS = frozenset({"compound", "nummod", "quantmod"})
# Entity types of numbers that count no people (dates, times, percentages, money, ...).
NOT_COUNT_ENTITIES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})
# Words a number names a road, a lot or a house with, not people: "11690 U.S. 36", "Lot No.
# 15", "Route 9", "Interstate 95".
ADDRESS_WORDS = frozenset({"u.s", "route", "rt", "rte", "highway", "hwy", "interstate", "sr",
                           "lot", "no", "apt", "suite"})
ABBREVIATED_ADDRESS = frozenset({"no", "hwy", "rt", "rte", "apt"})  # written with a dot
# How a number hangs on the noun it counts: "two soldiers", "a soldier".
COUNTING_DEPS = frozenset({"nummod", "quantmod", "det"})
# The state "leave" puts people in: "left two dead", "left 30 wounded".
STATE_DEPS = frozenset({"oprd", "acomp", "ccomp", "xcomp"})
INJURY_VERBS = frozenset({"sustain", "suffer", "receive"})  # "suffered (minor) injuries"
# Dependents of a word other than a verb that head a clause of their own.
CLAUSE_HEAD_DEPS = frozenset({"advcl", "ccomp", "csubj", "parataxis"})
# Modifiers that may name the side counted: "40 Taliban fighters", "their men".
SIDE_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
# Nouns of one person killed: always ("the killing of X"), or when fatal ("fatal shooting").
KILLING_NOUNS = frozenset({"killing", "death", "murder"})
ASSAULT_NOUNS = frozenset({"shooting", "stabbing", "beating"})
# Entity types of a singular name; the small model's ORG is often a person's name.
NAME_ENTITY_TYPES = frozenset({"PERSON", "ORG", ""})
# The kinds of figure a deed verb counts.
DEED_KINDS = frozenset({"killed", "wounded", "arrested", "abducted"})


@dataclass(frozen=True)
class FoundFigure:
    """A figure as read from one sentence, before its side and claim are resolved."""

    kind: FigureKind
    count: int | None
    low: int | None
    high: int | None
    text: str
    start: int
    end: int
    side_token: Token | None  # the words naming who is counted, resolved by the detector
    others: bool = False  # "six others": counted beside the figure before it
    bare: bool = False  # "as many as 200 have been killed": a number counting no noun
    scope: FigureScope = "incident"


def find_figures(doc: Doc, sent: Span) -> list[FoundFigure]:
    """Every figure stated in one sentence; "N others" count the side counted before them
    ("two soldiers were killed and six others injured")."""
    found: list[FoundFigure] = []
    for tok in sent:
        fig = _number_figure(tok) or _heavy_figure(tok)
        if fig is None:
            fig = _person_figure(tok)
            if fig is not None and any(f.start < fig.end and fig.start < f.end for f in found):
                fig = None  # "a soldier was killed" is counted by its article already
        if fig is not None and not any(f.start == fig.start for f in found):
            if fig.others and fig.side_token is None and found:
                fig = replace(fig, side_token=found[-1].side_token)
            found.append(replace(fig, scope=toll_scope(doc, fig.start, fig.end)))
    return found


def _one_person(tok: Token) -> bool:
    """"A soldier was killed", "an officer": one person counted by the article."""
    head = tok.head
    return (tok.lower_ in {"a", "an"} and tok.dep_ == "det" and head.tag_ == "NN"
            and head.lemma_.lower() in PEOPLE_NOUNS | PARTY_NOUNS)


def _number_figure(tok: Token) -> FoundFigure | None:
    counts = tok.like_num or tok.lower_ in VAGUE_COUNTS or tok.lower_ in WORD_NUMBERS
    if _one_person(tok):
        counted: tuple[int, int | None, int | None] | None = (1, 1, 1)
    elif not counts or (tok.ent_type_ in NOT_COUNT_ENTITIES and not scaled(tok)):
        return None
    else:
        counted = parse_count(tok)
    if tok.i > 0 and tok.nbor(-1).lower_ in {"no", "not"}:
        return None  # "killed no one"
    if tok.like_num and _numbers_an_address(tok):
        return None  # "died in a fire at 11690 U.S. 36": a road's and a house's numbers
    if tens_of_compound(tok) or tok.dep_ == "appos" or multiplied(tok):
        return None  # "Twenty-nine" is counted at "nine", "three dozen" at "three"; "a
        # cameraman, 47" is an age
    if tok.lower_ in VAGUE_COUNTS and tok.i + 1 < len(tok.doc) and (
            tok.nbor(1).lower_ == "as" or tok.nbor(1).like_num):
        return None  # the "many" of "as many as 200", the "some" of "some 1.4 million"
    if counted is None or tok.head.lemma_.lower() in NEVER_FIGURES:
        return None
    if any(c.lemma_.lower() in NEVER_FIGURES for c in tok.children):
        return None
    kind, anchor, side = _kind_of(tok)
    if kind is None or anchor is None:
        return None
    first = tok.doc[tok.i - 2] if tens_before(tok) else tok.left_edge
    lo = min(first.idx, tok.left_edge.idx, anchor.idx)
    hi = max(tok.idx + len(tok), anchor.idx + len(anchor))
    count, low, high = counted
    text = doc_chars(tok.doc, lo, hi)
    noun = _counted_noun(tok)
    others = noun.lower_ in OTHERS or any(c.lower_ in OTHERS for c in noun.children)
    return FoundFigure(kind, count, low, high, text, lo, hi, side, others,
                       bare=noun.i == tok.i and not _one_person(tok))


def _numbers_an_address(num: Token) -> bool:
    """A number after a road's or lot's word ("U.S. 36", "Route 9", "Lot No. 15", "Hwy. 7"),
    or before one ("11690 U.S. 36"): no count of people."""
    doc = num.doc
    before = num.i - 1
    if before > 0 and doc[before].text == "." and doc[before - 1].lower_ in ABBREVIATED_ADDRESS:
        before -= 1  # "No. 15" is tokenised "No", ".", "15"; "the parking lot. 15 people"
    after = doc[num.i + 1].lower_.rstrip(".") if num.i + 1 < len(doc) else ""
    return ((before >= 0 and doc[before].lower_.rstrip(".") in ADDRESS_WORDS)
            or (after in ADDRESS_WORDS and after != "no"))


def _counted_noun(num: Token) -> Token:
    """The noun a number counts ("two soldiers", "a soldier", "1.4 million refugees"), or
    the number itself."""
    if num.dep_ in MULTIPLIED_DEPS and num.head.lower_ in MULTIPLIERS:
        return _counted_noun(num.head)  # "1.4 million refugees", "three dozen people"
    return num.head if num.dep_ in COUNTING_DEPS else num


def _kind_of(num: Token) -> tuple[FigureKind | None, Token | None, Token | None]:
    """The casualty word a number counts, and the token naming the side if the parse has it.
    The word is looked for at the counted noun and up to two heads above it, within its own
    clause; the doers of the deed are not counted ("two gunmen killed ...", "killed by two
    gunmen")."""
    noun = _counted_noun(num)
    people = noun if noun is not num and noun.lemma_.lower() in PEOPLE_NOUNS else None
    own = _modifier_kind(noun) if noun is not num else None
    if own is not None:  # "five others injured": the noun's own casualty word comes first
        return own[0], own[1], _side_token(noun, own[1], people)
    word, below = noun, noun
    for _ in range(3):
        lemma = word.lemma_.lower()
        kind = (KIND_BY_LEMMA.get(lemma) or KIND_BY_LEMMA.get(word.lower_) or _treated(word)
                or _left_in_state(word))
        if kind is not None:
            if _does_it(below, word):
                return None, None, None
            return kind, word, _side_token(noun, word, people)
        if lemma in LOSS_VERBS and noun.dep_ in {"dobj", "nsubjpass"} and _counts_people(noun):
            return "killed", word, _subject_of(word)
        reported = _reported_state(word) if below.dep_ == "nsubjpass" else None
        if reported is not None:  # "89 people are known to have died"
            return reported[0], reported[1], _side_token(noun, reported[1], people)
        hurt = _injury_taken(word) if noun.dep_ == "nsubj" and below is noun else None
        if hurt is not None:  # "a few firefighters sustained minor injuries"
            return "wounded", hurt, _side_token(noun, word, people) or (
                noun if group_name(noun) else None)
        if word.dep_ == "ROOT" or _heads_a_clause(word, people is not None):
            break
        word, below = word.head, word
    found = _modifier_kind(noun) if noun is num else _participle_kind(noun)
    if found is not None:  # a noun's own modifier was tried first; its participle comes last
        return found[0], found[1], _side_token(noun, found[1], people)
    return None, None, None


def _participle_kind(noun: Token) -> tuple[FigureKind, Token] | None:
    """A passive participle after a noun of people, when no verb above counts them: "five
    of the 12 Iranian guards abducted by terrorists have been released" (not "the 12
    villages captured by troops", and not "three men arrested on Sunday died": "died"
    counts them first)."""
    if noun.lemma_.lower() not in PEOPLE_NOUNS | PARTY_NOUNS | PERSON_NOUNS:
        return None
    for child in noun.children:
        kind = KIND_BY_LEMMA.get(child.lemma_.lower())
        if child.dep_ == "acl" and child.tag_ == "VBN" and kind is not None:
            return kind, child
    return None


def _left_in_state(verb: Token) -> FigureKind | None:
    """"left 18 residents homeless", "left five dead": the state they were left in."""
    if verb.lemma_.lower() != "leave":
        return None
    for state in verb.children:
        kind = KIND_BY_LEMMA.get(state.lower_)
        if kind is not None and state.dep_ in STATE_DEPS:
            return kind
    return None


def _reported_state(verb: Token) -> tuple[FigureKind, Token] | None:
    """The casualty word complementing a passive verb of knowing or saying ("are known to
    have died", "were reported killed", "are believed dead"), with its kind."""
    if verb.lemma_.lower() not in REPORTING_VERBS and verb.lower_ not in REPORTING_VERBS:
        return None
    for child in verb.children:
        if child.dep_ in COMPLEMENT_DEPS and not any(g.dep_ == "dobj" for g in child.children):
            # "are believed to have killed a guard": the subject did the deed, not suffered it
            kind = KIND_BY_LEMMA.get(child.lemma_.lower()) or KIND_BY_LEMMA.get(child.lower_)
            if kind is not None:
                return kind, child
    return None


def _injury_taken(verb: Token) -> Token | None:
    """The injury word of "sustained / suffered / received (minor) injuries"."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in INJURY_VERBS:
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and KIND_BY_LEMMA.get(
        c.lemma_.lower()) == "wounded"), None)


def _treated(word: Token) -> FigureKind | None:
    """"were treated for minor injuries", "were hospitalised": wounded."""
    if word.pos_ != "VERB" or word.lemma_.lower() not in TREATMENT_VERBS:
        return None
    if word.lemma_.lower() != "treat":
        return "wounded"
    for prep in (c for c in word.children if c.lower_ == "for"):
        if any(KIND_BY_LEMMA.get(g.lemma_.lower()) == "wounded" for g in prep.children):
            return "wounded"
    return None


def _heads_a_clause(word: Token, people: bool) -> bool:
    """A verb that begins a clause of its own, or a word the parse makes one ("when three
    devices detonated", with "devices" as the adverbial clause's head). Verbs joined by
    "and" share the people they act on ("arrested and beat six members")."""
    if word.pos_ in {"VERB", "AUX"}:
        return word.dep_ in CLAUSE_DEPS and not (people and word.dep_ == "conj")
    return word.dep_ in CLAUSE_HEAD_DEPS


def _does_it(below: Token, verb: Token) -> bool:
    """Whether the words reaching the casualty verb are its doer: its active subject
    ("two gunmen killed three people") or the agent of its passive ("killed by two
    gunmen"). "Others" and bare numbers are never doers, nor a subject without an object
    ("five were killed and seven others wounded", parsed as an active "wounded")."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in PERPETRATOR_VERBS:
        return False
    if below.dep_ == "agent":
        return True
    if below.dep_ != "nsubj" or below.lower_ in OTHERS or below.like_num:
        return False  # "20 wounded": a bare number is a headline's passive
    return any(c.dep_ == "dobj" for c in verb.children)  # a deed done to someone


def _modifier_kind(noun: Token) -> tuple[FigureKind, Token] | None:
    """"40 dead", "12 injured" as modifiers; "left dead"; shared by conjoined nouns ("five
    officers and a dozen militants left dead")."""
    for head in (noun, *(c for c in noun.children if c.dep_ == "conj")):
        for child in head.children:
            if child.dep_ not in {"amod", "acl"}:
                continue
            kind = KIND_BY_LEMMA.get(child.lower_)
            if kind is not None:
                return kind, child
            if child.lemma_.lower() == "leave":
                for state in child.children:
                    kind = KIND_BY_LEMMA.get(state.lower_)
                    if kind is not None and state.dep_ in {"oprd", "acomp"}:
                        return kind, state
    return None


def _counts_people(noun: Token) -> bool:
    if noun.lemma_.lower() in PEOPLE_NOUNS:
        return True
    return any(c.lower_ == "of" and any(g.lemma_.lower() in PEOPLE_NOUNS for g in c.children)
               for c in noun.children)


def _side_token(noun: Token, verb: Token, people: Token | None) -> Token | None:
    """"40 Taliban fighters" → Taliban; "35 of them" → them; "X lost 40" → X."""
    for child in (people or noun).children:
        if child.dep_ in SIDE_MODIFIER_DEPS and child.pos_ in {"PROPN", "PRON"}:
            return child
    for child in noun.children:
        if child.lower_ == "of":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    if verb.pos_ == "VERB" and noun.dep_ == "dobj" and verb.lemma_.lower() in LOSS_VERBS:
        return _subject_of(verb)
    if people is not None and people.lemma_.lower() in PARTY_NOUNS:
        return people
    if noun.pos_ in {"NOUN", "PROPN"} and group_name(noun) is not None:
        return noun  # "29 people", "106 protesters": a GROUP entity
    return None


def _subject_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def _with_conjoined_heads(verb: Token) -> list[Token]:
    """The verb and the verbs it is conjoined to ("to assault and murder": assault)."""
    chain = [verb]
    while chain[-1].dep_ == "conj" and chain[-1].head.pos_ == "VERB" and len(chain) < 8:
        chain.append(chain[-1].head)
    return chain


def _infinitive(verb: Token) -> bool:
    """"to kill", also where the small model attaches the "to" as a preposition."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) or (
        verb.dep_ == "pobj" and verb.head.lower_ == "to" and verb.head.pos_ == "PART")


def _person_figure(verb: Token) -> FoundFigure | None:
    """One named or described person a casualty verb tells of: "Mixon was fatally shot",
    "the suspect was arrested", "a 4-year-old who was shot", "Beedle died", "stabbed to
    death", "critically injured". Plural subjects are counted by their numbers instead."""
    if verb.pos_ == "NOUN":
        return _nominal_figure(verb)
    if verb.pos_ != "VERB" or any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in MODALS)
                                  for c in verb.children):
        return None  # "was not hurt", "would be arrested"
    if any(_infinitive(v) for v in _with_conjoined_heads(verb)):
        return None  # "threatened to (assault and) kill a congresswoman": no deed done
    lemma = verb.lemma_.lower()
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    victim = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if subject is None and victim is not None and lemma in PERPETRATOR_VERBS:
        subject = victim  # "a stabbing that killed a passenger"
    if lemma == "die":
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if verb.dep_ == "relcl" and subject is not None and subject.lower_ in {"who", "that"}:
        subject = verb.head  # "a 4-year-old who was shot"
    if subject is None or not _one_of_them(subject):
        return None
    kind = _deed_kind(verb)
    if kind is None:
        return None
    count = 1 + sum(1 for c in subject.children if c.dep_ == "conj" and _one_of_them(c))
    start = min(subject.left_edge.idx, verb.idx)
    end = max(verb.idx + len(verb), subject.idx + len(subject))
    text = doc_chars(verb.doc, start, end)
    return FoundFigure(kind, count, count, count, text, start, end, subject)


def _nominal_figure(noun: Token) -> FoundFigure | None:
    """"the fatal shooting of Keith Lamont Scott", "the police killing of an unarmed man",
    "the beating death of a neighbor", "the death of Scott": one person killed."""
    lemma = noun.lemma_.lower()
    mods = {c.lower_ for c in noun.children} | {noun.lower_}
    fatal = lemma in KILLING_NOUNS or (
        lemma in ASSAULT_NOUNS and mods & {"fatal", "deadly"})
    of = next((c for c in noun.children if c.lower_ == "of"), None)
    person = next((g for g in of.children if g.dep_ == "pobj"), None) if of else None
    if not fatal or person is None or not _one_of_them(person):
        return None
    start = noun.left_edge.idx
    end = person.idx + len(person)
    return FoundFigure("killed", 1, 1, 1, doc_chars(noun.doc, start, end), start, end, person)


def _one_of_them(subject: Token) -> bool:
    """A singular person: a name, a person noun, he or she (not a number, not a thing)."""
    if subject.like_num or any(c.like_num for c in subject.children):
        return False
    if subject.lower_ in {"he", "she"}:
        return True
    if subject.tag_ == "NNP" or (subject.tag_ == "NNS" and subject.is_title):
        return subject.ent_type_ in NAME_ENTITY_TYPES
    if subject.tag_ in {"NNS", "NNPS"}:
        return False
    lemma = subject.lemma_.lower()
    return group_name(subject) is not None or lemma in PEOPLE_NOUNS | PARTY_NOUNS | PERSON_NOUNS


def _deed_kind(verb: Token) -> FigureKind | None:
    lemma = verb.lemma_.lower()
    words = {c.lower_ for c in verb.children} | {
        g.lower_ for c in verb.children if c.dep_ == "prep" for g in c.children}
    if lemma == "take" and "custody" in words:
        return "arrested"  # "taken into custody"
    if lemma in VIOLENT_VERBS:
        if words & FATAL_WORDS:
            return "killed"
        return "wounded" if lemma in {"shoot", "stab"} else None
    kind = KIND_BY_LEMMA.get(lemma)
    if kind == "wounded" and words & FATAL_WORDS:
        return "killed"
    return kind if kind in DEED_KINDS else None


def _heavy_figure(tok: Token) -> FoundFigure | None:
    """"suffered heavy casualties": a figure without a count."""
    kind = KIND_BY_LEMMA.get(tok.lemma_.lower())
    if kind is None or tok.pos_ != "NOUN":
        return None
    adj = next((c for c in tok.children if c.lower_ in HEAVY), None)
    if adj is None:
        return None
    start, end = adj.idx, tok.idx + len(tok)
    side = None
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in LOSS_VERBS:
        start = tok.head.idx
        side = _subject_of(tok.head)
    return FoundFigure(kind, None, None, None, doc_chars(tok.doc, start, end), start, end, side)
