"""The records that flow between stages, and the analysis record of ``newsledger/1``.

Frozen dataclasses with no behaviour beyond conversion to plain data; this module imports
nothing of newsledger's so that every stage, store and interface can depend on it.
Offsets are character offsets into ``Document.text``, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

EntityType = Literal["PERSON", "ORG", "PLACE", "GROUP", "OTHER"]
Precision = Literal["continent", "region", "country", "admin1", "admin2", "locality", "site"]
ClaimKind = Literal["direct", "indirect", "according_to"]
FigureKind = Literal[
    "killed", "wounded", "casualties", "arrested", "displaced", "abducted", "missing"
]
EventStatus = Literal["occurred", "planned", "threatened", "denied", "negated"]
TimePrecision = Literal["day", "week", "month", "year"]
FigureScope = Literal["incident", "cumulative"]

# The contract's event codes: the ACLED-derived types of the CASE 2021 task.
EVENT_TYPES: tuple[str, ...] = (
    "ABDUCT_DISSAP", "AGREEMENT", "AIR_STRIKE", "ARMED_CLASH", "ARREST", "ART_MISS_ATTACK",
    "ATTACK", "ATTRIB", "CHANGE_TO_GROUP_ACT", "CHEM_WEAP", "DIPLO", "DISR_WEAP",
    "FORCE_AGAINST_PROTEST", "GOV_REGAINS_TERIT", "GRENADE", "HQ_ESTABLISHED",
    "MAN_MADE_DISASTER", "MOB_VIOL", "NATURAL_DISASTER", "NON_STATE_ACTOR_OVERTAKES_TER",
    "NON_VIOL_TERRIT_TRANSFER", "ORG_CRIME", "OTHER", "PEACE_PROTEST", "PROPERTY_DISTRUCT",
    "PROTEST_WITH_INTER", "REM_EXPLOS", "SEX_VIOL", "SUIC_BOMB", "VIOL_DEMONSTR",
)


@dataclass(frozen=True)
class Page:
    """A page as read from its source, decoded to text but not yet cleaned.

    ``title``, ``published``, ``outlet`` and ``authors`` are what the source itself said of the
    page (a feed item, a JSON Lines record): fallbacks when the page's own metadata lacks them.
    """

    source: str
    content: str
    kind: Literal["text", "html"]
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """The clean article: body text without page chrome, and its metadata."""

    id: str
    source: str
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    dateline: str | None = None
    language: str = "en"
    duplicate_of: str | None = None  # id of the first copy when this body was seen before


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: EntityType
    mentions: tuple[Mention, ...]
    aliases: tuple[str, ...] = ()
    role: str | None = None
    affiliation: str | None = None
    kb_id: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2 of a GROUP ("Afghan civilians": AF)


@dataclass(frozen=True)
class Place:
    id: str
    entity: str
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    precision: Precision
    gazetteer_id: str | None = None
    admin2: str | None = None  # second-level division, for places within one


@dataclass(frozen=True)
class Claim:
    id: str
    speaker: str | None
    speaker_text: str | None
    cue: str
    kind: ClaimKind
    content: str
    start: int
    end: int
    via: str | None = None
    hedged: bool = False


@dataclass(frozen=True)
class TimeWindow:
    """A resolved time: ISO 8601 start and end (inclusive day or instant), and the words."""

    start: str | None
    end: str | None
    text: str | None = None
    precision: TimePrecision | None = None


@dataclass(frozen=True)
class CharSpan:
    """A stretch of ``Document.text``: character offsets, end exclusive (named apart from
    spaCy's token ``Span``)."""

    start: int
    end: int


@dataclass(frozen=True)
class Figure:
    kind: FigureKind
    count: int | None
    low: int | None
    high: int | None
    text: str
    side: str | None = None
    claim: str | None = None
    scope: FigureScope = "incident"


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    plover: str
    evidence: CharSpan
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    place: str | None = None
    time: TimeWindow | None = None
    claim: str | None = None
    confidence: float = 0.5
    figures: tuple[Figure, ...] = ()
    status: EventStatus = "occurred"
    mentions: tuple[CharSpan, ...] = ()  # every span that reports this incident
    claims: tuple[str, ...] = ()  # every claim about it, ``claim`` first


@dataclass(frozen=True)
class Analysis:
    """The full analysis record of one document (schema ``newsledger/1``)."""

    document: Document
    entities: tuple[Entity, ...] = ()
    places: tuple[Place, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
    schema: str = "newsledger/1"


@dataclass(frozen=True)
class Rejection:
    """An input that was not analysed, with the reason; kept so that nothing is lost silently."""

    source: str
    reason: str
    detail: str


@dataclass(frozen=True)
class Outcome:
    """What analysing one input gave: its record, its rejection, or its document left
    unanalysed because the caller asked to skip it (an article the ledger already holds);
    exactly one of the three."""

    source: str
    analysis: Analysis | None = None
    rejection: Rejection | None = None
    skipped: Document | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


# Stories: events of several articles grouped into one incident, with every claim and figure
# about it, reconciled ranges and contradictions. References name an article's record as
# ``"<document id>:<local id>"`` (e.g. ``"3fa2…:V1"``), since local ids repeat across records.

SignalName = Literal["type", "time", "place", "actors", "text", "words", "figures", "denial",
                     "report"]
ContradictionKind = Literal["count", "denial", "outcome", "update"]


@dataclass(frozen=True)
class StorySignal:
    """One reason two events were joined: its name, its value in [0, 1] and what it saw."""

    name: SignalName
    value: float
    detail: str


@dataclass(frozen=True)
class StoryLink:
    """A grouping decision: two events (references) joined with this score for these signals,
    and the reasons in words."""

    a: str
    b: str
    score: float
    signals: tuple[StorySignal, ...]
    reason: str = ""


@dataclass(frozen=True)
class StoryReport:
    """One article that tells a story: what an analyst reads in a list of reports."""

    document: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None


@dataclass(frozen=True)
class StoryEvent:
    """One event of a story as its article reports it: type, place and evidence sentence."""

    ref: str
    type: str
    label: str
    place: str | None
    evidence: str
    document: str


@dataclass(frozen=True)
class StoryClaim:
    """A claim about a story, with who made it, the side they speak for, and where it ran."""

    ref: str
    speaker: str
    side: str
    cue: str
    content: str
    document: str
    outlet: str | None
    published: str | None
    url: str | None
    hedged: bool = False


@dataclass(frozen=True)
class ClaimGroup:
    """Claims (references) made by one speaker, or by the speakers of one side."""

    name: str
    claims: tuple[str, ...]


@dataclass(frozen=True)
class StoryFigure:
    """A figure of a story's event, with its claimant (the speaker, else the outlet)."""

    event: str
    kind: FigureKind
    count: int | None
    low: int | None
    high: int | None
    text: str
    side: str
    claimant: str
    claimant_side: str
    claim: str | None
    document: str
    outlet: str | None
    published: str | None
    url: str | None
    denied: bool = False
    scope: FigureScope = "incident"


@dataclass(frozen=True)
class FigureRange:
    """A reconciled figure in UCDP's convention, for one kind and side counted."""

    kind: FigureKind
    side: str
    low: int
    best: int
    high: int
    reason: str
    figures: tuple[int, ...]  # indices into Story.figures of the counts used


@dataclass(frozen=True)
class Contradiction:
    """Accounts that disagree (``count``, ``denial``, ``outcome``) or one that revises an earlier
    report of the same claimant (``update``, kept apart from the contradictions)."""

    kind: ContradictionKind
    claims: tuple[str, ...]
    detail: str
    figures: tuple[int, ...] = ()


@dataclass(frozen=True)
class Story:
    """One incident as reported by one or more articles."""

    id: str
    events: tuple[str, ...]
    documents: tuple[str, ...]
    outlets: tuple[str, ...]
    links: tuple[StoryLink, ...]
    claims: tuple[StoryClaim, ...]
    by_speaker: tuple[ClaimGroup, ...]
    by_side: tuple[ClaimGroup, ...]
    figures: tuple[StoryFigure, ...]
    ranges: tuple[FigureRange, ...]
    contradictions: tuple[Contradiction, ...]
    updates: tuple[Contradiction, ...]
    time: TimeWindow | None = None
    headline: str = ""  # the main event in words: type, place, days, parties
    reports: tuple[StoryReport, ...] = ()
    event_details: tuple[StoryEvent, ...] = ()
