"""The clause of an event's trigger word and the roles of the words in it: who acts and who
is acted on ("forces raped, beat and assaulted civilians", "the poisoning of a former spy",
"set off on a march", "clashed with X", "injured by an explosion"), and the clauses that tell
of another incident than the sentence's own: one it is compared with ("comes after the
police killing of ..."), the deed an arrest or charge is for ("arrested for the killing of
X")."""

from __future__ import annotations

from spacy.tokens import Token

CLAUSE_BOUNDARIES = frozenset({"advcl", "relcl", "acl", "ccomp", "parataxis"})
# Verbs of taking part in an event named by a noun after a preposition.
TAKING_PART = frozenset({"set", "take", "go", "embark", "join", "head", "participate"})
# Verbs of the harm an event noun did to those it names ("injured by an explosion").
HARM_VERBS = frozenset({"kill", "injure", "wound", "hurt", "maim", "destroy", "damage"})
# Verbs whose subject causes the event named by their object, and takes no part in it.
CAUSE_VERBS = frozenset({"spark", "trigger", "prompt", "provoke", "cause", "fuel", "ignite",
                         "touch", "unleash", "inspire"})
# Words of arresting, charging and trying someone, and the prepositions naming the deed.
CHARGE_WORDS = frozenset({"arrest", "detain", "charge", "convict", "sentence", "indict", "jail",
                          "prosecute", "apprehend", "try", "acquit"})
CHARGE_PREPOSITIONS = frozenset({"in", "for", "over"})
AFTER_WORDS = frozenset({"after", "following"})
# "The shooting comes after the police killing of ...", "Sunday's rampage happened just weeks
# after a man killed 10 people": a clause of another incident that the sentence's own is set
# against, by a verb of sequence or a gap of days or more.
TEMPORAL_LINKS = frozenset({"after", "before", "since", "following"})
SEQUENCE_VERBS = frozenset({"come", "happen", "occur", "follow", "unfold"})
GAP_UNITS = frozenset({"day", "week", "month", "year", "decade"})
# A noun trigger's place as an argument of the verb (or adjective) that governs it.
ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "pobj", "nsubjpass"})
GOVERNING_POS = frozenset({"VERB", "AUX", "ADJ"})
# The place of the charged one under a charge word: "the arrest of a man in the shooting".
CHARGED_DEPS = frozenset({"pobj", "dobj", "nsubjpass"})
# Prepositions before the target of an event: "fired on X", "an attack against X".
TARGET_PREPOSITIONS = frozenset({"against", "on", "at"})


def clause_of(trigger: Token) -> list[Token]:
    """The trigger's own clause: its subtree, and its governing verb's when it is a noun,
    without subordinate clauses."""
    out: list[Token] = []
    stack = [clause_root(trigger)]
    while stack:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in CLAUSE_BOUNDARIES or c == trigger)
    return sorted(out, key=lambda t: t.i)


def clause_root(trigger: Token) -> Token:
    """The verb a noun trigger is the subject or object of ("launched an attack"), or the
    verb of taking part in it ("set off on a march", "took part in the protest")."""
    if trigger.pos_ != "NOUN":
        return trigger
    if trigger.dep_ in ARGUMENT_DEPS and trigger.head.pos_ in GOVERNING_POS:
        return trigger.head
    verb = trigger.head.head
    if trigger.dep_ == "pobj" and verb.pos_ == "VERB" and verb.lemma_ in TAKING_PART:
        return verb
    # "Twenty-nine people were injured by an explosion", "two were killed in the shooting"
    if trigger.dep_ == "pobj" and trigger.head.lower_ in {"by", "in"} and (
            verb.pos_ == "VERB" and verb.lemma_.lower() in HARM_VERBS):
        return verb
    return trigger


def earlier_incident(trigger: Token) -> Token | None:
    """The head of the clause that tells of another incident the sentence compares its own
    with, where the trigger stands in it ("comes after [the police killing of a man in
    Sacramento]", "happened weeks after [a man killed 10 people in Alabama]"), else None."""
    for tok in [trigger, *trigger.ancestors]:
        link = next((c for c in tok.children if c.dep_ == "mark" and c.lower_ in TEMPORAL_LINKS),
                    None)
        if link is None and tok.dep_ == "pobj" and tok.head.lower_ in TEMPORAL_LINKS:
            link = tok.head
        if link is None:
            continue
        governor = tok.head if link.dep_ == "mark" else link.head
        if governor.i == tok.i:
            return None
        gap = any(c.lemma_.lower() in GAP_UNITS and c.dep_ == "npadvmod"
                  for c in [*link.children, *governor.children, *tok.children])
        return tok if governor.lemma_.lower() in SEQUENCE_VERBS or gap else None
    return None


def charged_over(tok: Token) -> bool:
    """The deed someone is arrested, charged or tried for: "arrested two men for the killing
    of a shopkeeper", "charged over the stabbing", "the arrest of a man in the shooting",
    "arrested and charged ... after he went on a rampage"."""
    if _charged_after(tok):
        return True
    if tok.dep_ != "pobj" or tok.head.lower_ not in CHARGE_PREPOSITIONS:
        return False
    holder = tok.head.head
    if holder.lemma_.lower() in CHARGE_WORDS:
        return True
    above = holder.head.head if holder.head.dep_ == "prep" else holder.head
    return holder.dep_ in CHARGED_DEPS and above.lemma_.lower() in CHARGE_WORDS


def _charged_after(tok: Token) -> bool:
    """A trigger in the clause or phrase that an arrest or charge came after ("arrested
    after he stabbed two people", "arrested two men after the attack on the mosque")."""
    for node in [tok, *tok.ancestors]:
        head = node.head
        if node.lemma_.lower() in CHARGE_WORDS or head.i == node.i:
            return False
        if head.lemma_.lower() in CHARGE_WORDS and node.dep_ == "advcl":
            return any(c.dep_ == "mark" and c.lower_ in AFTER_WORDS for c in node.children)
        if node.dep_ == "pobj" and node.head.lower_ in AFTER_WORDS and (
                node.head.head.lemma_.lower() in CHARGE_WORDS):
            return True
    return False


def conjoined_heads(verb: Token) -> list[Token]:
    """The verbs a conjoined verb hangs from, up the chain ("raped, beat and assaulted")."""
    heads: list[Token] = []
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head
        heads.append(verb)
    return heads


def role_of(tok: Token, trigger: Token, root: Token) -> str | None:
    """Whether a token names the one who acts or the one acted on."""
    if tok.dep_ == "nsubj" and (tok.head in (trigger, root)
                                or tok.head in conjoined_heads(trigger)):
        # "the police shooting of a man sparked protests": a cause, not the protesters
        caused = trigger != root and root.lemma_.lower() in CAUSE_VERBS
        return None if caused else "actor"
    agent = tok.dep_ == "pobj" and tok.head.lower_ in {"by", "from"}
    if agent and tok.head.head in (trigger, root):
        return "actor"
    if tok.dep_ in {"nsubjpass", "dobj"} and tok != trigger:
        return "target"
    if tok.dep_ == "pobj" and tok.head.lower_ in {"between", "with"}:
        return "actor"
    if tok.dep_ == "conj" and tok.head.dep_ == "pobj" and tok.head.head.lower_ == "between":
        return "actor"
    if tok.dep_ == "pobj" and tok.head.lower_ in TARGET_PREPOSITIONS:
        return "target"
    if tok.dep_ in {"compound", "poss"} and tok.head == trigger:
        return "actor"
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head == trigger and (
            trigger.pos_ == "NOUN"):
        return "target"  # "the poisoning of a former spy", "the arrest of a man"
    return None
