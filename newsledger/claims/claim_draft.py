"""A claim as the extractor builds it, before the claims of a document are numbered."""

from __future__ import annotations

from dataclasses import dataclass

from newsledger.records import ClaimKind


@dataclass(frozen=True)
class ClaimDraft:
    """A claim before numbering."""

    speaker: str | None
    speaker_text: str | None
    cue: str
    kind: ClaimKind
    start: int
    end: int
    via: str | None
    hedged: bool
