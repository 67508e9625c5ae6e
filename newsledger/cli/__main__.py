"""``python -m newsledger.cli``: the same as the ``newsledger`` command."""

from newsledger.cli.main import main

main()
