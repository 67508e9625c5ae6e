"""The ``newsledger`` command line (Typer + Rich): ``main`` holds the application and the
``analyze`` command; each other module holds one group of commands (``extract``, the ledger's
commands, ``serve`` and ``export``, ``batch``, the reference data), and ``console`` the two
Rich consoles every command prints through."""

from newsledger.cli.main import app, main

__all__ = ["app", "main"]
