"""The record writer: ``Analysis`` → the JSON of the ``newsledger/1`` contract."""

from __future__ import annotations

import json
from typing import Any

from newsledger.records import Analysis, Rejection


def record_dict(analysis: Analysis) -> dict[str, Any]:
    return analysis.to_dict()


def record_json(analysis: Analysis, indent: int | None = 2) -> str:
    """One record; ``indent=None`` gives one line (JSON Lines)."""
    return json.dumps(record_dict(analysis), ensure_ascii=False, indent=indent)


def rejection_json(rejection: Rejection) -> str:
    """A rejection as one JSON line, for machine-readable error streams."""
    return json.dumps(
        {"source": rejection.source, "rejected": rejection.reason, "detail": rejection.detail},
        ensure_ascii=False,
    )
