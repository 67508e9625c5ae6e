"""The command line's two consoles and how it prints an error.

Stored and user-given text (titles, claims, paths, error details) is printed as plain text,
never read as Rich markup: a "[/x]" in it must not crash the view, and a "[link=...]" must
not become a clickable terminal link.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

out = Console()
err = Console(stderr=True)


def print_error(message: object) -> None:
    """``error: message`` on standard error, the message as plain text."""
    err.print(Text.assemble(("error:", "red"), f" {message}"), highlight=False,
              soft_wrap=True)
