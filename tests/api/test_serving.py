"""Serving: several worker processes get their settings from the environment (never the
token itself), every connection has Nagle's algorithm off, and slow clients are cut off."""

from __future__ import annotations

import asyncio
import json
import os
import socket
from typing import Any

import pytest
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from newsledger.api import ApiSettings, serving

TOKEN = "s3cret-serving-token"


def test_workers_read_their_settings_and_token_from_the_environment(
        ledger_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    ran: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: ran.update(app=app, **options))
    monkeypatch.delenv(serving.SETTINGS_ENV, raising=False)
    monkeypatch.setenv("SERVING_TEST_TOKEN", TOKEN)
    settings = ApiSettings(ledger_url=ledger_url, write_token=TOKEN, rate_limit=42)
    serving.serve(settings, "SERVING_TEST_TOKEN", "127.0.0.1", 8123, workers=3)
    assert ran["app"] == "newsledger.api.serving:app_from_environment" and ran["factory"]
    assert ran["workers"] == 3 and ran["http"] is serving.GuardedH11Protocol
    written = os.environ[serving.SETTINGS_ENV]
    assert TOKEN not in written
    assert json.loads(written)["rate_limit"] == 42
    app = serving.app_from_environment()  # what each worker process builds
    assert app.state.settings.write_token == TOKEN
    assert app.state.settings.ledger_url == ledger_url
    app.state.ledger.close()
    monkeypatch.delenv(serving.SETTINGS_ENV)
    with pytest.raises(RuntimeError, match="--workers"):
        serving.app_from_environment()


async def _ok(scope: dict[str, Any], receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


async def _accepted_nodelay(protocol: type[H11Protocol]) -> int:
    """TCP_NODELAY of a connection accepted by ``protocol`` on a listener bound as uvicorn
    binds it for several workers (``socket.socket(AF_INET)``: protocol 0)."""
    seen: list[int] = []

    class Recording(protocol):  # type: ignore[valid-type,misc]
        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            sock = transport.get_extra_info("socket")
            seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

    listener = socket.socket(socket.AF_INET)
    listener.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(_ok, http=Recording, lifespan="off",
                                           log_level="warning"))
    task = asyncio.create_task(server.serve(sockets=[listener]))
    while not server.started:
        await asyncio.sleep(0.01)
    reader, writer = await asyncio.open_connection(*listener.getsockname())
    writer.write(b"GET / HTTP/1.1\r\nHost: test\r\n\r\n")
    await writer.drain()
    assert (await reader.readuntil(b"ok")).startswith(b"HTTP/1.1 200")
    writer.close()
    server.should_exit = True
    await task
    listener.close()
    return seen[0]


def test_connections_of_a_pre_bound_listener_have_nagle_off() -> None:
    assert asyncio.run(_accepted_nodelay(H11Protocol)) == 0  # uvicorn issue #3149
    assert asyncio.run(_accepted_nodelay(serving.GuardedH11Protocol)) != 0


class _Quick(serving.GuardedH11Protocol):
    header_timeout = 0.3
    body_timeout = 0.3
    max_per_client = 3


async def _closed_by_server(reader: asyncio.StreamReader, within: float) -> bool:
    try:
        return await asyncio.wait_for(reader.read(), within) is not None
    except TimeoutError:
        return False


async def _slow_clients() -> dict[str, Any]:
    listener = socket.socket(socket.AF_INET)
    listener.bind(("127.0.0.1", 0))

    async def echo_body(scope: dict[str, Any], receive: Any, send: Any) -> None:
        while (await receive()).get("more_body"):
            pass
        await _ok(scope, receive, send)

    server = uvicorn.Server(uvicorn.Config(echo_body, http=_Quick, lifespan="off",
                                           log_level="warning"))
    task = asyncio.create_task(server.serve(sockets=[listener]))
    while not server.started:
        await asyncio.sleep(0.01)
    address = listener.getsockname()
    found: dict[str, Any] = {}
    # half a request line and header, never finished
    reader, writer = await asyncio.open_connection(*address)
    writer.write(b"GET / HTTP/1.1\r\nHost: te")
    await writer.drain()
    found["partial headers closed"] = await _closed_by_server(reader, 3.0)
    # headers and ten bytes of a promised thousand
    reader, writer = await asyncio.open_connection(*address)
    writer.write(b"POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 1000\r\n\r\n0123456789")
    await writer.drain()
    found["partial body closed"] = await _closed_by_server(reader, 3.0)
    # a slow but steady body is served
    reader, writer = await asyncio.open_connection(*address)
    writer.write(b"POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 4\r\n\r\n")
    for byte in b"abcd":
        await asyncio.sleep(0.15)
        writer.write(bytes([byte]))
        await writer.drain()
    found["steady body answered"] = (await reader.readuntil(b"ok")).startswith(
        b"HTTP/1.1 200")
    writer.close()
    # one client holds at most three connections; the fourth is closed on arrival
    held = [await asyncio.open_connection(*address) for _ in range(3)]
    extra_reader, _extra = await asyncio.open_connection(*address)
    found["fourth closed"] = await asyncio.wait_for(extra_reader.read(), 1.0) == b""
    for _reader, held_writer in held:
        held_writer.close()
    server.should_exit = True
    await task
    listener.close()
    return found


def test_slow_clients_are_cut_off_and_steady_ones_served() -> None:
    found = asyncio.run(_slow_clients())
    assert all(found.values()), found
