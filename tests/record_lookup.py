"""Small look-ups over a record, for readable assertions in tests."""

from __future__ import annotations

from newsledger.records import Analysis, Claim, Entity


def entity_named(a: Analysis, name: str) -> Entity:
    for e in a.entities:
        if e.name == name or name in e.aliases or any(m.text == name for m in e.mentions):
            return e
    raise AssertionError(f"no entity named {name!r} in {[e.name for e in a.entities]}")


def name_of(a: Analysis, eid: str | None) -> str | None:
    return next((e.name for e in a.entities if e.id == eid), None)


def place_name(a: Analysis, pid: str | None) -> str | None:
    return next((p.name for p in a.places if p.id == pid), None)


def claims_by(a: Analysis, speaker: str) -> list[Claim]:
    return [c for c in a.claims
            if name_of(a, c.speaker) == speaker
            or (c.speaker is None and (c.speaker_text or "").startswith(speaker))]
