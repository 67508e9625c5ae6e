"""The API under uvicorn, in one process or in several (``newsledger serve --workers``).

With several workers uvicorn starts each process by importing ``app_from_environment``,
which reads the settings from ``NEWSLEDGER_SERVE_SETTINGS`` (JSON, written by ``serve``) and
the write token from the variable those settings name: the token itself is never copied.
Each process opens the ledger (SQLite in WAL mode serves readers in parallel) and keeps its
own rate-limit counts and story memo, so a client may get up to ``workers`` times the rate
limit. Their connections use ``NoDelayH11Protocol``: uvicorn's multiprocess listener leaves
Nagle's algorithm on (uvicorn issue #3149), which made every keep-alive answer wait about
40 ms for the client's delayed ACK.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket

from fastapi import FastAPI
from uvicorn.protocols.http.h11_impl import H11Protocol

from newsledger.api.app import create_app
from newsledger.api.settings import ApiSettings

SETTINGS_ENV = "NEWSLEDGER_SERVE_SETTINGS"


class NoDelayH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with ``TCP_NODELAY`` set on every TCP connection.

    asyncio sets it only when the accepted socket reports ``IPPROTO_TCP``, and the listener
    uvicorn binds for ``workers > 1`` reports protocol 0 (uvicorn issue #3149)."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


def serve(settings: ApiSettings, token_env: str, host: str, port: int, workers: int = 1,
          access_log: bool = True) -> None:
    """Serve ``settings`` (its ``write_token`` read from ``token_env``) until stopped."""
    import uvicorn

    if workers <= 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_level="info",
                    access_log=access_log)
        return
    os.environ[SETTINGS_ENV] = json.dumps({
        "ledger_url": settings.ledger_url, "max_request_bytes": settings.max_request_bytes,
        "rate_limit": settings.rate_limit, "token_env": token_env})
    uvicorn.run("newsledger.api.serving:app_from_environment", factory=True, host=host,
                port=port, workers=workers, log_level="info", access_log=access_log,
                http=NoDelayH11Protocol)


def app_from_environment() -> FastAPI:
    """The app of one worker process, from the settings ``serve`` left in the environment."""
    raw = os.environ.get(SETTINGS_ENV)
    if not raw:
        raise RuntimeError(f"{SETTINGS_ENV} is not set: start the server with "
                           "'newsledger serve --workers N'")
    found = json.loads(raw)
    token = os.environ.get(found.pop("token_env")) or None
    return create_app(ApiSettings(write_token=token, **found))
