"""The endpoints that run the analyser: ``POST /api/analyze`` (a record, nothing stored) and
``POST /api/documents`` (analysed into the ledger). Both need the write token: analysis
costs seconds of CPU, so an open server must not hand it to anyone."""

from __future__ import annotations

import hmac
import threading
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, Header, Request

from newsledger.api.error_responses import ApiError
from newsledger.api.schemas import PageIn, Stored
from newsledger.record_codec import record_dict
from newsledger.records import Analysis, Page

if TYPE_CHECKING:
    from newsledger.api.server_settings import ApiSettings
    from newsledger.pipeline import Analyzer

router = APIRouter(prefix="/api")
_lock = threading.Lock()  # one analysis at a time: spaCy and the analyser are shared


def require_token(request: Request, authorization: Annotated[str | None, Header(
        description="Bearer <write token>")] = None) -> None:
    """Let a write through only with the configured token (compared in constant time)."""
    settings: ApiSettings = request.app.state.settings
    if settings.write_token is None:
        raise ApiError(403, "this server is read-only",
                       "start it with a write token to allow writes: "
                       "NEWSLEDGER_TOKEN=... newsledger serve")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise ApiError(401, "a write token is required",
                       "send the header 'Authorization: Bearer <token>'",
                       {"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), settings.write_token.encode()):
        raise ApiError(403, "wrong write token", None)


def _analyzer(request: Request) -> Analyzer:
    state = request.app.state
    with _lock:
        if state.analyzer is None:
            settings: ApiSettings = state.settings
            if settings.analyzer_factory is not None:
                state.analyzer = settings.analyzer_factory()
            else:
                from newsledger.pipeline import Analyzer

                state.analyzer = Analyzer()
    analyzer: Analyzer = state.analyzer
    return analyzer


def _page(body: PageIn) -> Page:
    content, kind = (body.text, "text") if body.text is not None else (body.html, "html")
    return Page(source=body.url or "api", content=content or "",
                kind="text" if kind == "text" else "html", url=body.url, title=body.title,
                published=body.published, outlet=body.outlet)


def _analyse(request: Request, body: PageIn) -> Analysis:
    analyzer = _analyzer(request)
    with _lock:
        return analyzer.analyze(_page(body))


@router.post("/analyze", dependencies=[Depends(require_token)], tags=["analysis"],
             summary="Analyse a page (nothing stored)")
def analyze(request: Request, body: PageIn) -> dict[str, Any]:
    """The ``newsledger/1`` record of a page given as text or HTML. Needs the write token.
    A page that cannot be analysed (empty, binary, no article) answers 422."""
    return record_dict(_analyse(request, body))


@router.post("/documents", dependencies=[Depends(require_token)], tags=["documents"],
             response_model=Stored, status_code=201,
             summary="Analyse a page into the ledger")
def ingest(request: Request, body: PageIn, after: BackgroundTasks) -> dict[str, Any]:
    """Analyse a page and store it with all its rows, as ``newsledger ingest`` does: the
    same article (same body and URL) replaces its earlier copy; its stories are grouped
    again once the answer is sent. Needs the write token."""
    from newsledger.store.ledger_writer import PIPELINE_VERSION

    analysis = _analyse(request, body)
    ledger = request.app.state.ledger
    counts = ledger.write([analysis], [], PIPELINE_VERSION)
    after.add_task(ledger.refresh_stories)
    status = "added" if counts.added else "replaced"
    return {"status": status, "document": analysis.document.id,
            "record": record_dict(analysis)}
