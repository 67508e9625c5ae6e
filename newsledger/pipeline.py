"""The analysis pipeline: page → document → entities → places → claims → events → record.

Each stage is a typed callable that can be used and tested alone; the pipeline only loads
them once and passes each one's output to the next. ``Analyzer.run`` is the one way in:
pages (or documents already extracted, or rejections from the readers) in, one ``Outcome``
per input out, in order. Within a run, pages are extracted, checked against the caller's
``skip`` (a ledger's "already stored"), linked to earlier copies of their body, and parsed
by spaCy in ``nlp.pipe`` batches before the stages after spaCy run on each document under a
time limit. A bad input becomes a ``Rejection`` with its reason; it never stops the other
inputs. The CLI, the ledger writer, the API and the Dask worker all call ``run``;
``analyze`` is ``run`` on one input, for library use.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from newsledger.claims.extractor import ClaimExtractor
from newsledger.errors import (
    INTERNAL_ERROR,
    AnalysisFailed,
    DeadlineExceeded,
    RejectedInput,
    rejection_of,
)
from newsledger.events.classifier import shipped_classifier
from newsledger.events.detector import EventDetector
from newsledger.geo.gazetteer import Gazetteer, default_path
from newsledger.geo.resolver import PlaceResolver
from newsledger.ingest import extract_document
from newsledger.ingest.dedup import Deduplicator
from newsledger.nlp.actor_base import ActorBase
from newsledger.nlp.demonyms import CountryAdjectives
from newsledger.nlp.entities import EntityRecognizer
from newsledger.nlp.entity_layer import EntityLayer
from newsledger.nlp.groups import GroupFinder
from newsledger.nlp.model import load_model, reload_model
from newsledger.nlp.repeated_places import RepeatedPlaces
from newsledger.nlp.roles import RoleReader
from newsledger.records import Analysis, Document, Outcome, Page, Place, Rejection
from newsledger.settings import Settings
from newsledger.watchdog import call_with_time_limit

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Documents per ``nlp.pipe`` call: large enough for spaCy's batching to pay, small enough
# that a batch of long articles stays well under 1 GB.
PIPE_BATCH = 16

Input = Page | Document | Rejection
Skip = Callable[[Document], bool]


class Analyzer:
    """Loads the model, actor base and gazetteer once; analyses any number of pages.

    ``settings`` default to the environment's (``Settings.from_env``); every stage gets
    them from here. ``fresh_model`` loads spaCy anew rather than from the process's cache
    (a long-running worker whose vocabulary has grown, see ``vocabulary_growth``)."""

    def __init__(self, settings: Settings | None = None, *, fresh_model: bool = False) -> None:
        self.settings = settings or Settings.from_env()
        load = reload_model if fresh_model else load_model
        self.nlp = load(self.settings.spacy_model)
        self._base_vocabulary = len(self.nlp.vocab)
        self.resolver = PlaceResolver(Gazetteer.open(default_path(self.settings.cache_dir)))
        actors = ActorBase.load(self.settings.actor_csvs())
        self.recognise = EntityRecognizer(actors, self.resolver.place_prior,
                                          self.resolver.country_of_word, self.nlp.tokenizer)
        self.read_roles = RoleReader()
        self.extract_claims = ClaimExtractor()
        self.find_groups = GroupFinder(self.resolver.country_of_word)
        self.link_adjectives = CountryAdjectives(self.resolver.country_of_word)
        self.link_repeats = RepeatedPlaces(self.resolver.place_prior)
        self.detect_events = EventDetector(
            classifier=shipped_classifier(vectors=self.settings.event_vectors),
            scope="conflict" if self.settings.event_scope == "conflict" else "all")

    @property
    def vocabulary_growth(self) -> int:
        """Entries spaCy's vocabulary has gained since this analyzer loaded it: spaCy adds
        every new word it sees and never forgets one."""
        return len(self.nlp.vocab) - self._base_vocabulary

    def run(self, items: Iterable[Input], *, deduplicate: Deduplicator | bool = True,
            skip: Skip | None = None, batch_size: int = PIPE_BATCH,
            time_limit_s: float | None = None) -> Iterator[Outcome]:
        """One outcome per input, in order: its record, its rejection, or (where ``skip``
        says so) the document left unanalysed as ``Outcome.skipped``.

        ``deduplicate``: True links copies within this run (a fresh ``Deduplicator``),
        False links none, a ``Deduplicator`` carries its memory across runs. ``skip`` sees
        each extracted document before deduplication. ``batch_size`` documents are parsed
        per ``nlp.pipe`` call; if it fails on a batch, its documents are parsed one at a
        time, so a failure is still only that document's rejection. ``time_limit_s`` caps
        the seconds per document (default ``Settings.doc_timeout_s``); past it, the
        rejection ``timeout``. If ``items`` itself raises, the inputs read before it are
        analysed and given out first, then the error goes on to the caller."""
        run = _Run(self, _deduplicator(deduplicate), skip,
                   self.settings.doc_timeout_s if time_limit_s is None else time_limit_s)
        pending: list[Input] = []
        inputs = iter(items)
        while True:
            try:
                item = next(inputs, None)
            except Exception:  # the inputs broke off: what was read is still analysed
                yield from run.batch(pending)
                raise
            if item is None:
                break
            pending.append(item)
            if len(pending) >= max(1, batch_size):
                yield from run.batch(pending)
                pending = []
        yield from run.batch(pending)

    def analyze(self, item: Page | Document) -> Analysis:
        """``run`` on one page or document, without deduplication: its record;
        ``RejectedInput`` with the reason the input was rejected, or ``AnalysisFailed``
        where newsledger itself failed on it."""
        (outcome,) = self.run([item], deduplicate=False, batch_size=1)
        if outcome.rejection is not None:
            r = outcome.rejection
            if r.reason == INTERNAL_ERROR:
                raise AnalysisFailed(f"{r.source}: {r.detail}")
            raise RejectedInput(r.source, r.reason, r.detail)
        assert outcome.analysis is not None
        return outcome.analysis

    def _after_parse(self, document: Document, doc: Doc) -> Analysis:
        """The stages after spaCy, on ``doc`` (``document.text`` parsed)."""
        layer = self.read_roles(doc, self.recognise(doc))
        places = self.resolver(layer.entities, document)
        layer = self.link_adjectives(doc, _link_places(layer, places), places)
        layer = self.link_repeats(doc, layer, places)
        claims = self.extract_claims(doc, layer)
        layer = self.find_groups(doc, layer, places)
        events = self.detect_events(doc, document, layer, places, claims)
        return Analysis(document, layer.entities, places, claims, events)


class _Run:
    """The state of one ``Analyzer.run``: its deduplicator, skip rule and time limit.

    The limit is per document, spaCy's parse included: a batch parsed together is allowed
    the limit times its size, and each document's stages after it the limit less its share
    of the batch's parse. If the batch's parse fails or runs out of time, its documents are
    parsed one at a time, each within its own limit (a lone document that ran out is
    rejected at once rather than parsed again)."""

    def __init__(self, analyzer: Analyzer, deduplicator: Deduplicator | None,
                 skip: Skip | None, limit: float) -> None:
        self.analyzer = analyzer
        self.deduplicator = deduplicator
        self.skip = skip
        self.limit = limit

    def batch(self, items: list[Input]) -> Iterator[Outcome]:
        ready = [self._document_of(item) for item in items]
        documents = [d for d in ready if isinstance(d, Document)]
        parsed, share = self._parse(documents)
        docs = iter(parsed)
        for done in ready:
            if isinstance(done, Outcome):
                yield done
                continue
            yield self._outcome(done, next(docs), share)

    def _outcome(self, document: Document, doc: Doc | _TimedOut | None,
                 parse_s: float) -> Outcome:
        """The outcome of one document given its parse (``parse_s``: its share of the
        batch's parse seconds), within what is left of its time limit."""
        left = self.limit - parse_s if doc is not None else self.limit
        try:
            if isinstance(doc, _TimedOut) or (self.limit > 0 and left <= 0):
                raise DeadlineExceeded()
            analysis = call_with_time_limit(left if self.limit > 0 else 0,
                                            partial(self._analyse, document, doc))
        except DeadlineExceeded:
            return Outcome(document.source, rejection=Rejection(
                document.source, "timeout", _timeout_detail(self.limit)))
        except Exception as exc:  # one document's failure must not stop a batch
            return Outcome(document.source, rejection=rejection_of(exc, document.source))
        return Outcome(document.source, analysis=analysis)

    def _document_of(self, item: Input) -> Document | Outcome:
        """The input's document, deduplicated, or the outcome that ends it here. An error
        of ``skip`` (the ledger cannot be read) is the caller's, and goes on to it."""
        if isinstance(item, Rejection):
            return Outcome(item.source, rejection=item)
        try:
            document = item if isinstance(item, Document) else extract_document(item)
        except Exception as exc:  # a bad page is its own rejection
            return Outcome(item.source, rejection=rejection_of(exc, item.source))
        if self.skip is not None and self.skip(document):
            return Outcome(document.source, skipped=document)
        try:
            return document if self.deduplicator is None else self.deduplicator(document)
        except Exception as exc:
            return Outcome(item.source, rejection=rejection_of(exc, item.source))

    def _parse(self, documents: list[Document]) -> tuple[list[Doc | _TimedOut | None], float]:
        """The documents parsed in one ``nlp.pipe``, and each one's share of its seconds;
        all None (parse each alone) if it fails, or a lone document that ran out of time
        marked so."""
        nlp = self.analyzer.nlp
        started = time.perf_counter()
        try:
            parsed: list[Doc | _TimedOut | None] = list(call_with_time_limit(
                self.limit * len(documents), lambda: list(nlp.pipe(
                    (d.text for d in documents), batch_size=max(1, len(documents))))))
        except DeadlineExceeded:  # an endless text spoils the batch
            if len(documents) == 1:
                return [_TIMED_OUT], 0.0
            return [None] * len(documents), 0.0
        except Exception:  # one bad text spoils the batch: its documents go one at a time
            return [None] * len(documents), 0.0
        return parsed, (time.perf_counter() - started) / max(1, len(documents))

    def _analyse(self, document: Document, doc: Doc | None) -> Analysis:
        nlp = self.analyzer.nlp
        return self.analyzer._after_parse(document, doc if doc is not None
                                          else nlp(document.text))

class _TimedOut:
    """The parse of a lone document that ran out of its time."""


_TIMED_OUT = _TimedOut()


def _deduplicator(deduplicate: Deduplicator | bool) -> Deduplicator | None:
    if isinstance(deduplicate, Deduplicator):
        return deduplicate
    return Deduplicator() if deduplicate else None


def _timeout_detail(limit: float) -> str:
    return (f"the analysis ran past the limit of {limit:g} s per document and was stopped; "
            "raise NEWSLEDGER_DOC_TIMEOUT_S if this really is one long article")


def _link_places(layer: EntityLayer, places: tuple[Place, ...]) -> EntityLayer:
    """Place entities take their gazetteer id as ``kb_id`` when the actor base has none."""
    by_entity = {p.entity: p for p in places}
    return layer.replace(
        replace(e, kb_id=by_entity[e.id].gazetteer_id)
        if e.id in by_entity and e.kb_id is None else e
        for e in layer.entities
    )
