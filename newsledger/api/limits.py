"""ASGI middleware: a cap on request bodies (413) and a per-client rate limit (429)."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

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
    """At most ``per_minute`` requests per client address in any 60 seconds under ``prefix``
    (the ``limits`` library's moving window, kept in memory); past it, 429 with Retry-After:
    the seconds until the oldest request of the window leaves it."""

    def __init__(self, app: Asgi, per_minute: int, prefix: str = "/api") -> None:
        self.app = app
        self.per_minute = per_minute
        self.prefix = prefix
        self.item = RateLimitItemPerMinute(per_minute)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    def retry_after(self, client: str) -> int:
        reset = self.limiter.get_window_stats(self.item, client).reset_time
        return max(1, math.ceil(reset - time.time()))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and str(scope.get("path", "")).startswith(self.prefix):
            client = str((scope.get("client") or ("unknown", 0))[0])
            if not self.limiter.hit(self.item, client):
                wait = self.retry_after(client)
                await send_json(send, 429, {"error": "too many requests", "detail":
                                            f"at most {self.per_minute} per minute; try "
                                            f"again in {wait} s"},
                                ((b"retry-after", str(wait).encode()),))
                return
        await self.app(scope, receive, send)
