"""The analysis pipeline: page → document → entities → places → claims → events → record.

Each stage is a typed callable that can be used and tested alone; the pipeline only loads
them once and passes each one's output to the next. A bad input becomes a ``Rejection``
with its reason; it never stops the other inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from newsledger.claims.extractor import ClaimExtractor
from newsledger.errors import DeadlineExceeded, RejectedInput
from newsledger.events.classifier import shipped_classifier
from newsledger.events.detector import EventDetector
from newsledger.geo.gazetteer import Gazetteer
from newsledger.geo.resolver import PlaceResolver
from newsledger.ingest import extract_document, read_page
from newsledger.ingest.dedup import Deduplicator
from newsledger.nlp.actor_base import ActorBase
from newsledger.nlp.demonyms import CountryAdjectives
from newsledger.nlp.entities import EntityLayer, EntityRecognizer
from newsledger.nlp.groups import GroupFinder
from newsledger.nlp.model import load_model
from newsledger.nlp.roles import RoleReader
from newsledger.records import Analysis, Document, Outcome, Page, Place, Rejection
from newsledger.settings import Settings
from newsledger.watchdog import call_with_time_limit

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Documents per ``nlp.pipe`` call in ``analyze_pages``: large enough for spaCy's batching to
# pay, small enough that a batch of long articles stays well under 1 GB.
PIPE_BATCH = 16


class Analyzer:
    """Loads the model, actor base and gazetteer once; analyses any number of pages."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self.nlp = load_model(self.settings.spacy_model)
        self.resolver = PlaceResolver(Gazetteer.open())
        actors = ActorBase.load(self.settings.actor_csvs())
        self.recognise = EntityRecognizer(actors, self.resolver.place_prior,
                                          self.nlp.tokenizer)
        self.read_roles = RoleReader()
        self.extract_claims = ClaimExtractor()
        self.find_groups = GroupFinder(self.resolver.country_of_word)
        self.link_adjectives = CountryAdjectives(self.resolver.country_of_word)
        self.detect_events = EventDetector(
            classifier=shipped_classifier(vectors=self.settings.event_vectors),
            scope="conflict" if self.settings.event_scope == "conflict" else "all")
        self.deduplicate = Deduplicator()

    def analyze_document(self, document: Document) -> Analysis:
        """The document analysed, within the time limit per document
        (``Settings.doc_timeout_s``); past it, RejectedInput with the reason ``timeout``."""
        return self._limited(document, lambda: self._analyse_parsed(
            document, self.nlp(document.text)))

    def _limited(self, document: Document, run: Callable[[], Analysis]) -> Analysis:
        limit = self.settings.doc_timeout_s
        try:
            return call_with_time_limit(limit, run)
        except DeadlineExceeded:
            raise RejectedInput(document.source, "timeout", _timeout_detail(limit)) from None

    def _analyse_parsed(self, document: Document, doc: Doc) -> Analysis:
        """The stages after spaCy, on ``doc`` (``document.text`` parsed)."""
        layer = self.read_roles(doc, self.recognise(doc))
        places = self.resolver(layer.entities, document)
        layer = self.link_adjectives(doc, _link_places(layer, places), places)
        claims = self.extract_claims(doc, layer)
        layer = self.find_groups(doc, layer, places)
        events = self.detect_events(doc, document, layer, places, claims)
        return Analysis(document, layer.entities, places, claims, events)

    def analyze_page(self, page: Page) -> Analysis:
        """Extract, link to an earlier copy if this body was seen in the run, analyse."""
        return self.analyze_document(self.deduplicate(extract_document(page)))

    def analyze_items(self, items: Iterable[Page | Rejection]) -> Iterator[Outcome]:
        """One outcome per page or rejection, in order; a failure never stops the stream."""
        for item in items:
            if isinstance(item, Rejection):
                yield Outcome(item.source, rejection=item)
            else:
                yield self._outcome(item)

    def analyze_source(self, source: str) -> Outcome:
        """Analyse one page file (any source kind at all: ``analyze_items`` over
        ``newsledger.ingest.sources.iter_sources``)."""
        try:
            page = read_page(Path(source), self.settings.max_bytes)
        except RejectedInput as exc:
            return Outcome(source, rejection=Rejection(exc.source, exc.reason, exc.detail))
        return self._outcome(page)

    def _outcome(self, page: Page) -> Outcome:
        try:
            return Outcome(page.source, analysis=self.analyze_page(page))
        except Exception as exc:  # one document's failure must not stop a batch
            return _failed(page.source, exc)

    def analyze_pages(self, items: Iterable[Page | Rejection],
                      batch_size: int = PIPE_BATCH) -> Iterator[Outcome]:
        """``analyze_items`` with spaCy run on ``batch_size`` documents at a time
        (``nlp.pipe``), which is faster than one text at a time; the same outcomes in the
        same order. Pages are extracted and deduplicated in order first; if ``nlp.pipe``
        fails on a batch, its documents are parsed one at a time, so a failure is still
        only that document's rejection."""
        pending: list[Page | Rejection] = []
        for item in items:
            pending.append(item)
            if len(pending) >= batch_size:
                yield from self._analyse_batch(pending)
                pending = []
        yield from self._analyse_batch(pending)

    def _analyse_batch(self, items: list[Page | Rejection]) -> Iterator[Outcome]:
        ready = [self._document_of(item) for item in items]
        parsed = iter(self._parse([d for d in ready if isinstance(d, Document)]))
        for done in ready:
            if isinstance(done, Outcome):
                yield done
                continue
            doc = next(parsed)
            try:
                analysis = self._limited(done, partial(self._analyse_parsed_or_not, done, doc))
            except Exception as exc:  # one document's failure must not stop a batch
                yield _failed(done.source, exc)
                continue
            yield Outcome(done.source, analysis=analysis)

    def _analyse_parsed_or_not(self, document: Document, doc: Doc | None) -> Analysis:
        return self._analyse_parsed(document, doc if doc is not None else self.nlp(document.text))

    def _document_of(self, item: Page | Rejection) -> Document | Outcome:
        """The page's document, deduplicated, or the outcome that ends it here."""
        if isinstance(item, Rejection):
            return Outcome(item.source, rejection=item)
        try:
            return self.deduplicate(extract_document(item))
        except Exception as exc:  # a bad page is its own rejection
            return _failed(item.source, exc)

    def _parse(self, documents: list[Document]) -> list[Doc | None]:
        """The documents parsed in one ``nlp.pipe``; all None (parse each alone) if it fails."""
        limit = self.settings.doc_timeout_s
        try:
            return call_with_time_limit(limit * len(documents), lambda: list(self.nlp.pipe(
                (d.text for d in documents), batch_size=max(1, len(documents)))))
        except (Exception, DeadlineExceeded):  # one bad or endless text spoils the batch:
            return [None] * len(documents)    # its documents go one at a time, each limited


def _failed(source: str, exc: Exception) -> Outcome:
    """The rejection of a document whose analysis raised ``exc`` (as ``_outcome`` words it)."""
    if isinstance(exc, RejectedInput):
        return Outcome(source, rejection=Rejection(exc.source, exc.reason, exc.detail))
    detail = (f"analysis failed with {type(exc).__name__}: {exc}; "
              "please report it with this page attached")
    return Outcome(source, rejection=Rejection(source, "internal-error", detail))


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
