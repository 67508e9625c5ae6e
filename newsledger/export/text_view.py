"""The readable terminal view of a record: header, entities by type, places, claims, events.

Every stored string goes to Rich as ``Text``, never as markup: an article's "[/x]" must not
crash the view, nor its "[link=...]" become a clickable terminal link."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsledger.event_codes import label as type_label
from newsledger.records import Analysis, Claim, Entity, Event, Figure, Place


def render(analysis: Analysis, console: Console) -> None:
    console.print(Group(*_sections(analysis)))


def _sections(a: Analysis) -> list[RenderableType]:
    names = {e.id: e.name for e in a.entities}
    places = {p.id: p for p in a.places}
    claims = {c.id: c for c in a.claims}
    return [
        _header(a),
        _entities(a.entities, names),
        _places(a.places, names),
        _claims(a.claims, names),
        _events(a.events, names, places, claims, a.document.text),
    ]


def _header(a: Analysis) -> Panel:
    d = a.document
    facts = [
        ("published", d.published), ("outlet", d.outlet), ("dateline", d.dateline),
        ("authors", ", ".join(d.authors) or None), ("source", d.source),
    ]
    body = Text()
    for label, value in facts:
        if value:
            body.append(f"{label}: ", style="dim").append(f"{value}\n")
    words = len(d.text.split())
    body.append(f"{words} words, {len(a.entities)} entities, {len(a.claims)} claims, "
                f"{len(a.events)} events", style="dim")
    return Panel(body, title=Text(d.title or "(untitled)", style="bold"), title_align="left")


def _entities(entities: tuple[Entity, ...], names: dict[str, str]) -> Table:
    table = Table(title="Entities", title_justify="left", expand=True)
    for col in ("type", "name", "role / affiliation", "also"):
        table.add_column(col, overflow="fold")
    by_type: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        by_type[e.type].append(e)
    for etype in ("PERSON", "ORG", "PLACE", "OTHER"):
        for e in by_type.get(etype, []):
            role = ", ".join(x for x in (e.role, names.get(e.affiliation or "")) if x)
            table.add_row(etype, Text(e.name), Text(role), Text("; ".join(e.aliases[:4])))
    return table


def place_label(p: Place, names: dict[str, str]) -> str:
    """The place as the text names it, with the gazetteer's name when that differs
    ("Khawak ≈ Panjshir" for a village placed in its region)."""
    said = names.get(p.entity, p.name)
    return said if said == p.name else f"{said} ≈ {p.name}"


def _places(places: tuple[Place, ...], names: dict[str, str]) -> Table:
    table = Table(title="Places", title_justify="left", expand=True)
    for col in ("name", "lat, lon", "country", "admin1", "precision", "gazetteer"):
        table.add_column(col)
    for p in places:
        table.add_row(Text(place_label(p, names)), f"{p.lat:.3f}, {p.lon:.3f}",
                      Text(p.country or ""), Text(p.admin1 or ""), p.precision,
                      Text(p.gazetteer_id or ""))
    return table


def _claims(claims: tuple[Claim, ...], names: dict[str, str]) -> Table:
    table = Table(title="Claims", title_justify="left", expand=True, show_lines=True)
    table.add_column("speaker", ratio=1, overflow="fold")
    table.add_column("cue", ratio=1)
    table.add_column("content", ratio=4, overflow="fold")
    for c in claims:
        speaker = names.get(c.speaker or "") or c.speaker_text or "?"
        via = f" (via {names[c.via]})" if c.via in names else ""
        cue = f"{c.cue}{' [hedged]' if c.hedged else ''}"
        table.add_row(Text(speaker + via), Text(cue), Text(c.content))
    return table


def _events(events: tuple[Event, ...], names: dict[str, str], places: dict[str, Place],
            claims: dict[str, Claim], text: str) -> Group:
    """The events' table, then each event's evidence sentence by its id (a column of
    sentences would squeeze every other column on an ordinary terminal)."""
    table = Table(title="Events", title_justify="left", expand=True, show_lines=True)
    table.add_column("id")
    for col in ("type", "actors → targets", "place", "time", "figures", "claimed by"):
        table.add_column(col, overflow="fold")
    evidence = Text()
    for v in events:
        who = ", ".join(names.get(a, a) for a in v.actors)
        whom = ", ".join(names.get(t, t) for t in v.targets)
        place = place_label(places[v.place], names) if v.place in places else ""
        when = _time(v)
        figures = "\n".join(_figure(f, names, claims) for f in v.figures)
        table.add_row(v.id, f"{type_label(v.type)}\n{v.type} ({v.plover})",
                      Text(f"{who} → {whom}" if whom else who), Text(place), Text(when),
                      Text(figures), Text(_claimant(v.claim, names, claims)))
        sentence = " ".join(text[v.evidence.start:v.evidence.end].split())
        evidence.append(f"{v.id}  ", style="bold").append(sentence, style="italic")
        evidence.append("\n")
    return Group(table, Text("Evidence", style="italic"), evidence)


def _time(v: Event) -> str:
    if v.time is None:
        return ""
    if v.time.start == v.time.end:
        span = v.time.start or ""
    else:
        span = f"{v.time.start or '…'} – {v.time.end or '…'}"
    return f"{span}\n“{v.time.text}”" if v.time.text else span


def _figure(f: Figure, names: dict[str, str], claims: dict[str, Claim]) -> str:
    count = f.count if f.count is not None else f"“{f.text}”"
    side = f" {names[f.side]}" if f.side in names else ""
    who = _claimant(f.claim, names, claims)
    return f"{f.kind} {count}{side}" + (f" — according to {who}" if who else "")


def _claimant(cid: str | None, names: dict[str, str], claims: dict[str, Claim]) -> str:
    claim = claims.get(cid or "")
    if claim is None:
        return ""
    return names.get(claim.speaker or "") or claim.speaker_text or ""
