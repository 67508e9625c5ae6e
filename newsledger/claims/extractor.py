"""Claims: who said what, through whom, and how sure, from the dependency parse and quotes.

Constructions: "X said/claimed/confirmed that ..." (indirect), "X said: “...”" and
"“...,” X said" (direct), quotes whose speaker is set by the sentence before (floating),
"According to X, ..." (according_to), "X confirmed/denied the casualties" (the object is
the content). A cue inside a quotation belongs to the quoted speaker and is not a claim of
its own. Hedges ("so-called", "allegedly", "is claiming") mark the claim ``hedged``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newsledger.claims.claim_draft import ClaimDraft
from newsledger.claims.layout import dash_attributions, headline_attributions
from newsledger.claims.quotes import Quote, find_quotes
from newsledger.nlp.entity_layer import EntityLayer
from newsledger.nlp.lexicon import SPEECH_VERBS
from newsledger.nlp.model import doc_chars, doc_text
from newsledger.records import Claim, ClaimKind

# Cues whose direct object is the content: "confirmed the casualties", "denied the report",
# "condemned the attack", "called for a ceasefire" (see ``_object_content``).
OBJECT_CUES = frozenset({
    "confirm", "deny", "report", "acknowledge", "admit", "claim", "condemn", "criticize",
    "criticise", "denounce", "demand", "welcome", "praise", "cite", "mention", "blast",
    "question", "reject", "dismiss", "blame", "describe", "call", "accuse",
})
# Prepositions that carry the charge after the object: "accused X of ...", "blamed X for ...".
CHARGE_PREPOSITIONS = frozenset({"of", "for"})
# Cues of findings and beliefs, claims only with a reported clause: "a poll shows that ...",
# "the report found (that) ...", "officials fear (that) ..." (not "troops found weapons").
CLAUSE_CUES = frozenset({
    "show", "find", "conclude", "determine", "agree", "think", "expect", "fear", "signal",
    "hope", "worry", "doubt",
})
CUES = SPEECH_VERBS | OBJECT_CUES | CLAUSE_CUES
# Nouns that carry a claim of their possessor: "the Taliban's claim that they captured ...".
CLAIM_NOUNS = frozenset({
    "claim", "allegation", "assertion", "accusation", "statement", "warning", "denial",
    "insistence", "announcement", "report", "charge",
})
HEDGE_WORDS = frozenset(
    {"so-called", "allegedly", "alleged", "reportedly", "purportedly", "purported",
     "unconfirmed", "unverified", "supposedly", "apparently"}
)
# "..., the court / jury / inquest heard": what was said before a court, its claim.
COURT_NOUNS = frozenset({"court", "jury", "inquest", "tribunal", "trial", "hearing"})
PERSON_PRONOUNS = frozenset({"he", "she"})
GROUP_PRONOUNS = frozenset({"it", "they"})
RELAY_PREPOSITIONS = frozenset({"to", "with"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
# Clauses that share their head's subject: "... and said", "was quoted as saying".
SUBJECT_SHARING_DEPS = frozenset({"conj", "xcomp", "advcl"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})
# Penn Treebank tags of a finite verb: past, present (3rd person and other) and modal.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Subordinators of a clause of time after a cue's object ("condemned the launch as ...").
TIME_MARKS = frozenset({"as", "while", "when", "after", "before", "since", "until"})
# Dependents that carry a reported clause, in order of preference (see ``_complement``).
COMPLEMENT_DEPS = ("ccomp", "xcomp", "advcl")


class ClaimExtractor:
    """Stage: parsed ``Doc`` and its ``EntityLayer`` → ``Claim`` records in text order."""

    def __call__(self, doc: Doc, layer: EntityLayer) -> tuple[Claim, ...]:
        quotes = find_quotes(doc_text(doc))
        drafts: list[ClaimDraft] = []
        for sent in doc.sents:
            for tok in sent:
                if any(q.contains(tok.idx) for q in quotes):
                    continue
                draft = self._from_cue(tok, sent, quotes, layer)
                if draft is not None and not _covered(draft, drafts):
                    drafts.append(draft)
        for extra in (dash_attributions(doc_text(doc), quotes, layer),
                      headline_attributions(doc_text(doc), layer)):
            drafts += [d for d in extra if not _overlaps(d, drafts)]
        drafts += _floating(doc, quotes, drafts)
        drafts.sort(key=lambda d: d.start)
        return tuple(
            Claim(id=f"C{n}", speaker=d.speaker, speaker_text=d.speaker_text, cue=d.cue,
                  kind=d.kind, content=doc_chars(doc, d.start, d.end), start=d.start, end=d.end,
                  via=d.via, hedged=d.hedged)
            for n, d in enumerate(drafts, start=1)
        )

    def _from_cue(self, tok: Token, sent: Span, quotes: list[Quote], layer: EntityLayer
                  ) -> ClaimDraft | None:
        if tok.lower_ == "according" and any(c.lower_ == "to" for c in tok.children):
            return _according_to(tok, layer)
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in CLAIM_NOUNS:
            return _noun_claim(tok, layer)
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in CUES | {"hear"}:
            return None
        subject = _subject(tok)
        if subject is None:
            return None
        if tok.lemma_.lower() == "hear" and subject.lemma_.lower() not in COURT_NOUNS:
            return None  # "..., a court heard": said in court; not "residents heard shots"
        content = _content(tok, sent, quotes)
        if content is None:
            return None
        start, end, kind = content
        speaker = _speaker_entity(subject, layer)
        text = _phrase(subject)
        hedged = _hedged(tok, subject, doc_chars(sent.doc, start, end))
        return ClaimDraft(speaker, text, tok.lower_, kind, start, end, _via(tok, layer), hedged)


def _noun_claim(noun: Token, layer: EntityLayer) -> ClaimDraft | None:
    """"X's claim that ...": the possessor speaks, the that-clause is the content."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    clause = next((c for c in noun.children if c.dep_ in {"acl", "ccomp"}
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if owner is None or clause is None:
        return None
    words = [t for t in clause.subtree if t.dep_ != "mark" and not t.is_space]
    while words and words[-1].is_punct:
        words.pop()
    if len(words) < 2:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    speaker = _speaker_entity(owner, layer)
    text = doc_chars(noun.doc, owner.left_edge.idx, owner.idx + len(owner))
    hedged = _has_hedge(doc_chars(noun.doc, start, end))
    return ClaimDraft(speaker, text, noun.text, "indirect", start, end, None, hedged)


def _subject(verb: Token) -> Token | None:
    passive_ok = verb.lemma_.lower() == "quote"  # "X was quoted as saying"
    for child in verb.children:
        speaker = child.dep_ == "nsubj" or (passive_ok and child.dep_ == "nsubjpass")
        if speaker and child.lower_ not in RELATIVE_PRONOUNS:
            return child
    if verb.dep_ in SUBJECT_SHARING_DEPS:  # "... and said", "was quoted as saying"
        return _subject(verb.head)
    if verb.dep_ == "pcomp" and verb.head.head.pos_ == "VERB":
        return _subject(verb.head.head)
    if verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head
    if _headline_subject(verb):
        return verb.head
    return None


def _headline_subject(verb: Token) -> bool:
    """"Top IRGC commander announced on Thursday that ...": a sentence read as a noun
    phrase whose participle (a speech verb) reports a that-clause; the noun is the speaker."""
    return (verb.dep_ == "acl" and verb.head.dep_ == "ROOT"
            and verb.head.pos_ in {"NOUN", "PROPN"} and verb.lemma_.lower() in SPEECH_VERBS
            and any(c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that"
                                               for m in c.children) for c in verb.children))


def _content(verb: Token, sent: Span, quotes: list[Quote]) -> tuple[int, int, ClaimKind] | None:
    """The content span, in this order: the clausal complement (a direct quote when a
    quotation covers most of it), a quotation just before the cue ("“...,” said X"), one
    after it in the same sentence or after a colon, and for a few cues the object."""
    lemma = verb.lemma_.lower()
    if lemma in CLAUSE_CUES and lemma not in SPEECH_VERBS:
        finite = any(_finite_clause(c) for c in verb.children if c.dep_ == "ccomp")
        clause = _complement(verb, ("ccomp",)) if finite else None
        return (*clause, "indirect") if clause is not None else None
    if lemma == "call":  # "called for X", "called on X to ..."; not "a group called X"
        calls = any(c.dep_ == "prep" and c.lower_ in {"for", "on"} for c in verb.children)
        return _object_content(verb) if calls else None
    if lemma in OBJECT_CUES and (_judged_as(verb) is not None or _timed_object(verb)):
        return _object_content(verb)  # "described the accusations as unsubstantiated"
    clause = _complement(verb)
    if clause is not None:
        start, end = clause
        quoted = next((q for q in quotes if q.start < end and start < q.end), None)
        if quoted is not None and _covers(quoted, start, end):
            return quoted.start, quoted.end, "direct"
        return start, _paragraph_end(doc_text(sent.doc), start, end), "indirect"
    before = next((q for q in reversed(quotes) if q.end <= verb.idx
                   and verb.idx - q.end < 40 and q.end > sent.start_char - 3), None)
    if before is not None and _tight(doc_chars(sent.doc, before.end, verb.idx)):
        return before.start, before.end, "direct"
    verb_end = verb.idx + len(verb)
    colon = sent.text.rstrip().endswith(":")
    after = next((q for q in quotes if verb_end < q.start
                  and (q.start < sent.end_char or (colon and q.start <= sent.end_char + 3))
                  and q.start - verb_end < 200), None)
    if after is not None:
        return after.start, after.end, "direct"
    if before is not None:
        return before.start, before.end, "direct"
    if lemma in OBJECT_CUES:
        return _object_content(verb)
    return _parenthetical_content(verb) or _trailing_content(verb, sent)


def _finite_clause(head: Token) -> bool:
    """A reported clause proper: "that ..." or a clause with its own subject and a finite
    verb ("found the agency could not be sure"), not "found ledgers showing ..."."""
    children = list(head.children)
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in children):
        return True
    subject = any(c.dep_ in SUBJECT_DEPS for c in children)
    finite = head.tag_ in FINITE_TAGS or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in FINITE_TAGS for c in children)
    return subject and finite


def _object_content(verb: Token) -> tuple[int, int, ClaimKind] | None:
    """The object as content: "denied the report", "called for a ceasefire", "called on
    the rebels to lay down their arms" (object and the clause that follows it), "accused
    the army of shelling the town" (object and the charge)."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return None  # "marches that have been called for Tuesday": no one speaks
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        prep = next((c for c in verb.children
                     if c.dep_ == "prep" and c.lower_ in {"for", "on"}), None)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
    if obj is None:
        return None
    end_tok = obj.right_edge
    judged = _judged_as(verb)
    follow = [c for c in verb.children if c.i > obj.i and (
        c.dep_ == "xcomp" or (judged is not None and c.i == judged.i) or (
            c.dep_ == "prep" and c.lower_ in CHARGE_PREPOSITIONS and obj.dep_ == "dobj"))]
    if follow:
        end_tok = max(follow[-1].subtree, key=lambda t: t.i)
    while end_tok.is_punct and end_tok.i > obj.i:
        end_tok = end_tok.nbor(-1)
    start = obj.left_edge.idx
    return start, end_tok.idx + len(end_tok), "indirect"


def _judged_as(verb: Token) -> Token | None:
    """The "as ..." that judges a cue's object ("described the accusations as
    unsubstantiated", "dismissed the report as propaganda"), attached to the cue; not a
    clause of its own ("confirmed the deaths as rescuers searched the rubble")."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    return next((c for c in verb.children if c.i > obj.i and (
        (c.dep_ == "prep" and c.lower_ == "as") or (
            c.dep_ == "advcl" and c.pos_ in {"ADJ", "NOUN"}
            and any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children)
            and not any(m.dep_ in SUBJECT_DEPS for m in c.children)))), None)


def _timed_object(verb: Token) -> bool:
    """"condemned the missile launch as Pyongyang fired three missiles": an object followed
    by clauses of time only (no reported clause); the object is the content."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    clauses = [c for c in verb.children if c.dep_ in COMPLEMENT_DEPS]
    return obj is not None and bool(clauses) and all(
        c.dep_ == "advcl" and c.i > obj.i and any(
            m.dep_ == "mark" and m.lower_ in TIME_MARKS for m in c.children) for c in clauses)


def _parenthetical_content(verb: Token) -> tuple[int, int, ClaimKind] | None:
    """"The rebels, the spokesman said, had withdrawn": a cue set inside the clause it
    reports (parataxis) reports the rest of that clause."""
    if verb.dep_ != "parataxis" or verb.head.i < verb.i - 12:
        return None
    inside = {t.i for t in verb.subtree}
    words = [t for t in verb.head.subtree if t.i not in inside and not t.is_space]
    while words and (words[0].is_punct or words[0].dep_ == "cc"):
        words.pop(0)
    while words and words[-1].is_punct:
        words.pop()
    if len(words) < 3:
        return None
    return words[0].idx, words[-1].idx + len(words[-1]), "indirect"


def _trailing_content(verb: Token, sent: Span) -> tuple[int, int, ClaimKind] | None:
    """"Fourteen ... were abducted ..., an informed source said.": a cue closing its sentence
    after a comma and its subject (a time at most after it) reports what comes before the
    comma, when the parse did not attach it as the cue's clause."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if verb.dep_ != "ROOT" or subject is None or subject.left_edge.i <= sent.start:
        return None
    comma = subject.left_edge.nbor(-1)
    after = [t for t in sent if t.i > verb.i and not t.is_punct]
    if comma.text != "," or len(after) > 3 or any(
            t.ent_type_ not in {"DATE", "TIME"} and t.pos_ != "ADP" for t in after):
        return None
    words = [t for t in sent if t.i < comma.i and not t.is_space]
    while words and words[0].is_punct:
        words.pop(0)
    if len(words) < 4 or words[0].pos_ == "SCONJ" or words[0].tag_ in {"VBG", "VBN"}:
        return None  # "When the results were announced, ...", "Asked whether ..., ..."
    inside = {t.i for t in words}
    if not any(_finite_clause(t) for t in words if t.pos_ in {"VERB", "AUX"} and all(
            c.i in inside for c in t.children if c.dep_ in SUBJECT_DEPS)):
        return None
    return words[0].idx, words[-1].idx + len(words[-1]), "indirect"


def _complement(verb: Token, kinds: tuple[str, ...] = COMPLEMENT_DEPS) -> tuple[int, int] | None:
    """The reported clause: a ccomp, else an xcomp, else a clause after the verb."""
    ranked = sorted(
        (c for c in verb.children
         if c.dep_ in kinds and (c.dep_ != "advcl" or c.i > verb.i)),
        key=lambda c: kinds.index(c.dep_),
    )
    for child in ranked:
        words = [t for t in child.subtree if t.dep_ != "mark" and not t.is_space]
        while words and (words[0].is_punct or words[0].lower_ == "that"):
            words.pop(0)
        while words and words[-1].is_punct:
            words.pop()
        if any(w.is_alpha for w in words):
            return words[0].idx, words[-1].idx + len(words[-1])
    return None


def _covers(quote: Quote, start: int, end: int) -> bool:
    """A quotation stands for the clause when it holds most of it."""
    overlap = min(quote.end, end) - max(quote.start, start)
    return overlap >= 0.6 * (end - start)


def _tight(between: str) -> bool:
    """Only closing marks and a few words (the speaker) between a quotation and its cue."""
    return len(between.strip(" ,”’\"'").split()) <= 6 and "\n" not in between


def _paragraph_end(text: str, start: int, end: int) -> int:
    """An unquoted clause does not run into the next paragraph (a headline's cue)."""
    cut = text.find("\n", start, end)
    return end if cut < 0 else len(text[start:cut].rstrip()) + start


def _according_to(tok: Token, layer: EntityLayer) -> ClaimDraft | None:
    to = next(c for c in tok.children if c.lower_ == "to")
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    head = tok.head
    excluded = {t.i for t in tok.subtree}
    words = [t for t in head.subtree if t.i not in excluded and not t.is_space]
    while words and words[0].is_punct:
        words.pop(0)
    while words and words[-1].is_punct:
        words.pop()
    if not words:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    speaker = layer.at(source.left_edge.idx, source.right_edge.idx + len(source.right_edge))
    text = doc_text(tok.doc)[start:end]
    hedged = any(w.lower_ in HEDGE_WORDS for w in source.subtree) or _has_hedge(text)
    return ClaimDraft(speaker, _phrase(source), "according to", "according_to", start, end, None,
                 hedged)


def _phrase(head: Token) -> str:
    """The words naming a speaker: the head's subtree without relative clauses."""
    skip = {t.i for c in head.subtree if c.dep_ == "relcl" or _headline_subject(c)
            or (c.dep_ == "acl" and c.tag_ != "VBN") or _when(c) for t in c.subtree}
    words = [t for t in head.subtree if t.i not in skip and not t.is_space]
    while words and (words[-1].is_punct or words[-1].dep_ == "cc"):
        words.pop()
    while words and words[0].is_punct:
        words.pop(0)
    if not words:
        return head.text
    text = doc_text(head.doc)[words[0].idx: words[-1].idx + len(words[-1])]
    if text.count("(") > text.count(")") and words[-1].i + 1 < len(head.doc) and (
            head.doc[words[-1].i + 1].text == ")"):
        text += ")"  # "The Islamic Revolution Guard Corps (IRGC)"
    if text.count("“") > text.count("”"):  # "author of the book “Failure": cut the title
        text = text[: text.rindex("“")].rstrip(" ,")
    return text


def _when(tok: Token) -> bool:
    """A time phrase inside a speaker's words: "Saudi Arabia's minister on Saturday"."""
    return tok.dep_ == "prep" and any(
        g.dep_ == "pobj" and g.ent_type_ in {"DATE", "TIME"} for g in tok.children)


def _speaker_entity(subject: Token, layer: EntityLayer) -> str | None:
    own = layer.at(subject.idx, subject.idx + len(subject))
    if own is not None:
        return own
    pronoun = subject.lower_
    if pronoun in PERSON_PRONOUNS | GROUP_PRONOUNS:
        wanted = "PERSON" if pronoun in PERSON_PRONOUNS else "ORG"
        for start, _end, eid in reversed(layer.spans):
            entity = layer.get(eid)
            if start < subject.idx and entity is not None and entity.type == wanted \
                    and not (pronoun == "it" and entity.name.islower()):
                return eid  # "it" is never "protesters" or "police"
    for child in subject.children:  # "a spokesman of the X" speaks for X's spokesman
        if child.dep_ == "appos":
            return _speaker_entity(child, layer)
    return None


def _via(verb: Token, layer: EntityLayer) -> str | None:
    """The outlet a claim was told to: "told Al Arabiya", "in an interview with Reuters"."""
    for child in verb.children:
        target = None
        if child.dep_ in {"dative", "dobj"} and verb.lemma_.lower() == "tell":
            target = child
        elif child.dep_ == "prep" and child.lower_ in RELAY_PREPOSITIONS:
            target = next((c for c in child.children if c.dep_ == "pobj"), None)
        if target is not None:
            eid = layer.at(target.left_edge.idx, target.idx + len(target))
            entity = layer.get(eid)
            if entity is not None and entity.type == "ORG":
                return eid
    return None


def _hedged(verb: Token, subject: Token, content: str) -> bool:
    progressive = verb.tag_ == "VBG" and verb.lemma_.lower() == "claim" and any(
        c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)
    near = any(t.lower_ in HEDGE_WORDS or (t.text.lower() == "so" and t.nbor(1).text == "-")
               for t in subject.subtree)
    return progressive or near or _has_hedge(content)


def _has_hedge(text: str) -> bool:
    lowered = text.lower()
    return any(w in lowered for w in HEDGE_WORDS)


def _covered(draft: ClaimDraft, drafts: list[ClaimDraft]) -> bool:
    return any(d.start == draft.start and d.end == draft.end for d in drafts)


def _overlaps(draft: ClaimDraft, drafts: list[ClaimDraft]) -> bool:
    return any(d.start < draft.end and draft.start < d.end for d in drafts)


def _floating(doc: Doc, quotes: list[Quote], drafts: list[ClaimDraft]) -> list[ClaimDraft]:
    """Quotations no cue claimed: the speaker is the one of the nearest claim before."""
    found: list[ClaimDraft] = []
    for q in quotes:
        if any(d.start <= q.start < d.end or q.start <= d.start < q.end for d in drafts):
            continue
        opening = doc_text(doc)[:max(q.start - 1, 0)].rstrip()
        if opening and opening[-1] not in ".!?:”\"\n":
            continue  # a title or a scare quote inside a sentence, not a statement
        prior = [d for d in drafts + found if d.end <= q.start and q.start - d.end < 400]
        if not prior:
            continue
        last = max(prior, key=lambda d: d.end)
        found.append(ClaimDraft(last.speaker, last.speaker_text, last.cue, "direct", q.start, q.end,
                           last.via, last.hedged))
    return found
