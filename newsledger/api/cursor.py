"""Opaque pagination cursors: URL-safe base64 of a small JSON object (``after``: the last
ledger row id given, for keyset pages; ``offset`` for ranked lists)."""

from __future__ import annotations

import base64
import binascii
import json

from newsledger.api.error_responses import ApiError


def encode(**position: int) -> str:
    raw = json.dumps(position, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str | None, key: str) -> int | None:
    """The position ``key`` of a cursor from ``encode``; None for no cursor."""
    if not cursor:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        value = data[key]
    except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError) as exc:
        raise ApiError(400, "invalid cursor", "pass back the 'next' value of a previous "
                       "page unchanged") from exc
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ApiError(400, "invalid cursor", "pass back the 'next' value unchanged")
    return value
