"""``create_app``: the FastAPI application over one ledger, with the web UI mounted at ``/``
when the package ships it."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from newsledger import __version__
from newsledger.api import downloads, read, status, write
from newsledger.api.error_responses import install_error_handlers
from newsledger.api.limits import BodyLimit, RateLimit
from newsledger.api.memo import AnswerMemo
from newsledger.api.params import refuse_nul
from newsledger.api.server_settings import ApiSettings
from newsledger.store import Ledger

DESCRIPTION = """\
Read the ledger of analysed news (documents, events, claims, places, stories, full-text
search) and, with the write token, analyse pages into it.

- Lists answer `{"items": [...], "next": "<cursor>" | null}`; pass `next` back as
  `?cursor=` for the following page. Every filter is optional and bound as a parameter.
- `GET /api/events.geojson` answers a GeoJSON FeatureCollection (RFC 7946, `[lon, lat]`).
- `POST` endpoints need `Authorization: Bearer <token>`; a server started without a token
  is read-only and answers 403.
- Errors answer `{"error": "...", "detail": ...}`: 400 bad cursor, 401 no token, 403 wrong
  token or read-only, 404, 413 body too large, 422 invalid parameter or page, 429 too many
  requests, 503 ledger unavailable.
"""

TAGS = [
    {"name": "documents", "description": "Stored articles and their newsledger/1 records."},
    {"name": "events", "description": "Who did what to whom, where and when, and who says."},
    {"name": "claims", "description": "Attributed statements."},
    {"name": "places", "description": "Resolved places with counts."},
    {"name": "search", "description": "Full text over articles and claims."},
    {"name": "stories", "description": "Events of many reports grouped into incidents."},
    {"name": "analysis", "description": "Run the analyser on a page."},
]


def static_folder() -> Path | None:
    """The web UI's files shipped in the package (``newsledger/web/static``), if any."""
    folder = Path(str(resources.files("newsledger"))) / "web" / "static"
    return folder if folder.is_dir() else None


SWAGGER = "/vendor/swagger-ui"  # vendored from npm's swagger-ui-dist (web/static/vendor)
# /docs loads nothing from elsewhere: its own files, the OpenAPI document, no validator badge
DOCS_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' "
               "'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
               "base-uri 'none'")


def _add_docs(app: FastAPI) -> None:
    """Swagger UI at ``/docs`` from the vendored files (FastAPI's own page loads them from
    a CDN: blank offline, and third-party script)."""

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title="newsledger API",
            swagger_js_url=f"{SWAGGER}/swagger-ui-bundle.js",
            swagger_css_url=f"{SWAGGER}/swagger-ui.css",
            swagger_favicon_url=f"{SWAGGER}/favicon-32x32.png",
            swagger_ui_parameters={"validatorUrl": None})
        page.headers["Content-Security-Policy"] = DOCS_POLICY
        return page


def create_app(settings: ApiSettings | None = None) -> FastAPI:
    """The API over ``settings.ledger_url`` (opened and upgraded now) and the web UI."""
    settings = settings or ApiSettings()
    ledger = Ledger.open(settings.ledger_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # what start-up made lives as long as the server: out of the collector's sight, so
        # the full collections that big answers trigger do not walk it again and again
        gc.freeze()
        yield
        ledger.close()

    app = FastAPI(title="newsledger", version=__version__, description=DESCRIPTION,
                  openapi_tags=TAGS, lifespan=lifespan, docs_url=None, redoc_url=None,
                  dependencies=[Depends(refuse_nul)])
    app.state.settings = settings
    app.state.ledger = ledger
    app.state.analyzer = None
    app.state.story_memo = AnswerMemo()
    install_error_handlers(app)
    app.include_router(read.router)
    app.include_router(write.router)
    app.include_router(downloads.router)
    app.include_router(status.router)
    _add_docs(app)
    folder = static_folder()
    if folder is not None:
        app.mount("/", StaticFiles(directory=folder, html=True), name="web")
    if settings.rate_limit is not None:
        app.add_middleware(RateLimit, per_minute=settings.rate_limit)
    app.add_middleware(BodyLimit, max_bytes=settings.max_request_bytes)
    return app
