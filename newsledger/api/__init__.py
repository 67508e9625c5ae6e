"""The HTTP API (FastAPI), served by ``newsledger serve`` with the web UI at ``/``.

``create_app(ApiSettings(ledger_url, write_token, max_request_bytes, rate_limit,
analyzer_factory))`` builds it; the OpenAPI document is at ``/openapi.json`` and its pages at
``/docs``. Endpoints and the shapes the web UI relies on:

- ``GET /api/documents?since&until&outlet&text&limit&cursor`` →
  ``{"items": [DocumentRow], "next"}``; a row: id, title, outlet, published, url, language,
  duplicate_of, pipeline_version, row.
- ``GET /api/documents/{id}`` → the stored ``newsledger/1`` record (CONTRACT.md).
- ``GET /api/events?since&until&bbox&place&type&actor&speaker&outlet&text&limit&cursor`` →
  ``{"items": [EventRow], "next"}``; a row: document, event, type, plover, time_start,
  time_end, time_text, place, lat, lon, actors, targets, claimant, confidence, figures
  (kind, count, low, high, text, side, claimant), outlet, published, title, url,
  pipeline_version, precision, admin1, country, row.
- ``GET /api/events.geojson`` (same filters; limit 500 by default, up to 10 000) → a
  FeatureCollection of Points ``[lon, lat]``, properties as ``newsledger.export.geojson``,
  plus ``next``.
- ``GET /api/claims?since&until&speaker&outlet&text&limit&cursor`` →
  ``{"items": [ClaimRow], "next"}``.
- ``GET /api/places?place&limit&cursor`` → ``{"items": [PlaceCount], "next"}``: name,
  gazetteer_id, lat, lon, country, admin1, precision, documents, events.
- ``GET /api/search?q&limit`` → ``{"items": [SearchHit]}``: kind (document / claim),
  document, claim, title, outlet, snippet.
- ``GET /api/stories?since&until&bbox&place&type&actor&outlet&text&min_reports&limit`` →
  ``{"items": [Story as a dict]}`` (``dataclasses.asdict`` of ``newsledger.records.Story``).
- ``GET /api/stories/{id}`` → one stored story, as in the list (404 once a later report has
  joined it and given it a new id); header ``X-Stories-Current``.
- ``GET /api/status`` → how current the ledger is: its size and revision, each source
  ``newsledger watch`` polls (last poll and outcome, last article, failures, next poll),
  ``lag_s`` (how far the most overdue source is behind its schedule) and ``last_poll``.
- ``POST /api/analyze`` (JSON ``{"text" | "html", "url", "title", "published", "outlet"}``)
  → the record; ``POST /api/documents`` (same body) → 201 ``{"status": "added" |
  "replaced", "document": id, "record": {...}}``. Both need ``Authorization: Bearer
  <token>`` (analysis costs CPU); without a configured token the server is read-only (403).

Cursors are opaque; keyset pages (``after`` the last row id) walk every row once even while
articles are being ingested. Errors are ``{"error": "...", "detail": ...}``.
"""

from __future__ import annotations

from newsledger.api.app import create_app
from newsledger.api.server_settings import ApiSettings

__all__ = ["ApiSettings", "create_app"]
