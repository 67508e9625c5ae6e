"""ASGI middleware: a cap on request bodies (413) and a per-client rate limit (429)."""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
Asgi = Callable[[Scope, Receive, Send], Awaitable[None]]


async def send_json(send: Send, status: int, body: dict[str, Any],
                    headers: tuple[tuple[bytes, bytes], ...] = ()) -> None:
    payload = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(payload)).encode()), *headers]})
    await send({"type": "http.response.body", "body": payload})


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Answers 413 to a body over ``max_bytes``: at once when Content-Length says so,
    else as soon as the streamed body passes the cap."""

    def __init__(self, app: Asgi, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _too_large(self) -> dict[str, Any]:
        return {"error": "request body too large",
                "detail": f"the limit is {self.max_bytes} bytes"}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await send_json(send, 413, self._too_large())
            return
        await self._streamed(scope, receive, send)

    async def _streamed(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Count a body without Content-Length; past the cap, the app's reading fails (the
        app may catch that) and whatever it answers is replaced by the 413."""
        state = {"received": 0, "over": False, "answered": False}

        async def limited() -> Message:
            message = await receive()
            state["received"] += len(message.get("body", b""))
            if state["received"] > self.max_bytes:
                state["over"] = True
                raise _TooLarge
            return message

        async def guarded(message: Message) -> None:
            if not state["over"]:
                await send(message)
            elif not state["answered"]:
                state["answered"] = True
                await send_json(send, 413, self._too_large())

        try:
            await self.app(scope, limited, guarded)
        except _TooLarge:
            if not state["answered"]:
                await send_json(send, 413, self._too_large())


class RateLimit:
    """At most ``per_minute`` requests per client address and minute under ``prefix``."""

    def __init__(self, app: Asgi, per_minute: int, prefix: str = "/api") -> None:
        self.app = app
        self.per_minute = per_minute
        self.prefix = prefix
        self.windows: dict[str, tuple[int, int]] = {}

    def _allow(self, client: str) -> bool:
        minute = int(time.monotonic() // 60)
        if len(self.windows) > 10_000:  # forget old windows; memory stays bounded
            self.windows = {k: v for k, v in self.windows.items() if v[0] == minute}
        window, count = self.windows.get(client, (minute, 0))
        count = count + 1 if window == minute else 1
        self.windows[client] = (minute, count)
        return count <= self.per_minute

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and str(scope.get("path", "")).startswith(self.prefix):
            client = (scope.get("client") or ("unknown", 0))[0]
            if not self._allow(str(client)):
                await send_json(send, 429, {"error": "too many requests", "detail":
                                            f"at most {self.per_minute} per minute"},
                                ((b"retry-after", b"60"),))
                return
        await self.app(scope, receive, send)
