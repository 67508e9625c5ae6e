"""The API under uvicorn, in one process or in several (``newsledger serve --workers``).

With several workers uvicorn starts each process by importing ``app_from_environment``,
which reads the settings from ``NEWSLEDGER_SERVE_SETTINGS`` (JSON, written by ``serve``) and
the write token from the variable those settings name: the token itself is never copied.
Each process opens the ledger (SQLite in WAL mode serves readers in parallel) and keeps its
own rate-limit counts and story memo, so a client may get up to ``workers`` times the rate
limit. Connections use ``GuardedH11Protocol``: Nagle's algorithm off (uvicorn's
multiprocess listener leaves it on, uvicorn issue #3149, which made every keep-alive answer
wait about 40 ms for the client's delayed ACK), deadlines for slow clients' headers and
bodies, and a cap on each client's connections.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
from collections import Counter
from typing import ClassVar

import h11
from fastapi import FastAPI
from uvicorn.protocols.http.h11_impl import H11Protocol

from newsledger.api.app import create_app
from newsledger.api.server_settings import ApiSettings

SETTINGS_ENV = "NEWSLEDGER_SERVE_SETTINGS"
log = logging.getLogger("newsledger.api")


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with ``TCP_NODELAY`` on every TCP connection, deadlines for
    slow clients and a cap on connections per client address.

    asyncio sets ``TCP_NODELAY`` only when the accepted socket reports ``IPPROTO_TCP``, and
    the listener uvicorn binds for ``workers > 1`` reports protocol 0 (uvicorn issue
    #3149). uvicorn itself times out only idle keep-alive connections: a client that sends
    half a request line, or a Content-Length and then nothing, held its connection (and an
    app task waiting for the body) for as long as it liked. Here a request's headers must
    arrive within ``header_timeout`` seconds of its first byte (or of the connection), and
    its body may pause at most ``body_timeout`` seconds between chunks; past that the
    connection is closed (the app sees a disconnect). A client address holds at most
    ``max_per_client`` connections at once (the next are closed on arrival)."""

    header_timeout = 10.0
    body_timeout = 15.0
    max_per_client = 32
    _open: ClassVar[Counter[str]] = Counter()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
        self._deadline: asyncio.TimerHandle | None = None
        self._host = str(self.client[0]) if self.client else "unknown"
        self._open[self._host] += 1
        if self._open[self._host] > self.max_per_client:
            log.warning("%s: more than %d connections at once; closing the newest",
                        self._host, self.max_per_client)
            transport.close()
            return
        self._arm(self.header_timeout)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        state = self.conn.their_state
        if state is h11.SEND_BODY:  # each chunk of the body restarts its clock
            self._arm(self.body_timeout)
        elif state is h11.IDLE and self._deadline is None:  # a new request's first bytes
            self._arm(self.header_timeout)
        elif state is not h11.IDLE:  # the whole request is in: the app's time now
            self._disarm()

    def on_response_complete(self) -> None:
        self._disarm()  # idle now: uvicorn's keep-alive timeout takes over
        super().on_response_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        host = getattr(self, "_host", None)
        if host is not None:
            self._open[host] -= 1
            if self._open[host] <= 0:
                del self._open[host]
        super().connection_lost(exc)

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(seconds, self._expire)

    def _disarm(self) -> None:
        deadline = getattr(self, "_deadline", None)
        if deadline is not None:
            deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            log.info("%s: request not received in time; connection closed", self._host)
            self.transport.close()


def serve(settings: ApiSettings, token_env: str, host: str, port: int, workers: int = 1,
          access_log: bool = True) -> None:
    """Serve ``settings`` (its ``write_token`` read from ``token_env``) until stopped."""
    import uvicorn

    if workers <= 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_level="info",
                    access_log=access_log, http=GuardedH11Protocol)
        return
    os.environ[SETTINGS_ENV] = json.dumps({
        "ledger_url": settings.ledger_url, "max_request_bytes": settings.max_request_bytes,
        "rate_limit": settings.rate_limit, "token_env": token_env})
    uvicorn.run("newsledger.api.serving:app_from_environment", factory=True, host=host,
                port=port, workers=workers, log_level="info", access_log=access_log,
                http=GuardedH11Protocol)


def app_from_environment() -> FastAPI:
    """The app of one worker process, from the settings ``serve`` left in the environment."""
    raw = os.environ.get(SETTINGS_ENV)
    if not raw:
        raise RuntimeError(f"{SETTINGS_ENV} is not set: start the server with "
                           "'newsledger serve --workers N'")
    found = json.loads(raw)
    token = os.environ.get(found.pop("token_env")) or None
    return create_app(ApiSettings(write_token=token, **found))
