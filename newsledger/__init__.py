"""newsledger: who did what to whom, where and when, and who says so."""

__version__ = "0.1.0"
SCHEMA = "newsledger/1"
