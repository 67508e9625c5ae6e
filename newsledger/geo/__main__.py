"""``python -m newsledger.geo [PATH]``: build the gazetteer ahead of first use."""

from newsledger.geo.gazetteer import main

raise SystemExit(main())
