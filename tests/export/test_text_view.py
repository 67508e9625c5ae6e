"""The terminal view of a record: types in words, evidence sentences, and stored text that is
never read as Rich markup."""

from __future__ import annotations

from dataclasses import replace

from rich.console import Console

from newsledger.export.text_view import render
from newsledger.records import Analysis


def _shown(analysis: Analysis) -> str:
    console = Console(record=True, width=200, force_terminal=True)
    render(analysis, console)
    return console.export_text()


def test_events_in_words_with_their_sentences(seed: Analysis) -> None:
    shown = _shown(seed)
    assert "Armed clash" in shown and "ARMED_CLASH" in shown
    assert "Evidence" in shown
    assert "fighting is ongoing between Taliban fighters" in shown


def test_markup_in_stored_text_is_shown_as_written(seed: Analysis) -> None:
    # as a crafted page could store it: a closing tag with nothing to close, a terminal link
    hostile = "[/xyz] [link=https://evil.example]click[/link] [bold]"
    tampered = replace(
        seed, document=replace(seed.document, title=hostile, outlet=hostile),
        claims=tuple(replace(c, content=c.content + hostile) for c in seed.claims),
        entities=tuple(replace(e, name=e.name + hostile) if e.type == "ORG" else e
                       for e in seed.entities))
    console = Console(record=True, width=400, force_terminal=True)
    render(tampered, console)  # Rich raised MarkupError on "[/xyz]" before
    assert hostile in console.export_text()
    assert "\x1b]8;" not in console.export_text(styles=True)  # no hyperlink escape
