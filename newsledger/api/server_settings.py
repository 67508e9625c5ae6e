"""What the HTTP API is configured with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsledger.store import DEFAULT_URL

if TYPE_CHECKING:
    from newsledger.pipeline import Analyzer

MAX_REQUEST_BYTES = 6 * 1024 * 1024  # a 5 MB page (the analyser's cap) and its JSON escaping


@dataclass(frozen=True)
class ApiSettings:
    """The ledger to serve and the server's limits.

    ``write_token``: the bearer token that ``POST`` endpoints require; None makes the server
    read-only (every write answers 403). ``max_request_bytes``: larger bodies answer 413.
    ``rate_limit``: requests per minute and client address under ``/api`` (None: no limit).
    ``analyzer_factory``: builds the analyser on the first ``POST`` (the default loads
    ``newsledger.pipeline.Analyzer``), so a read-only server never loads spaCy.
    """

    ledger_url: str = DEFAULT_URL
    write_token: str | None = None
    max_request_bytes: int = MAX_REQUEST_BYTES
    rate_limit: int | None = 600
    analyzer_factory: Callable[[], Analyzer] | None = None
