"""Places: the gazetteer (GeoNames data shipped on PyPI, in SQLite) and the resolver stage."""

from newsledger.geo.gazetteer import (
    BUILD_VERSION,
    Gazetteer,
    GazetteerEntry,
    build_gazetteer,
)
from newsledger.geo.names import normalise_name
from newsledger.geo.prior import place_prior
from newsledger.geo.resolver import PlaceResolver

__all__ = [
    "BUILD_VERSION",
    "Gazetteer",
    "GazetteerEntry",
    "PlaceResolver",
    "build_gazetteer",
    "normalise_name",
    "place_prior",
]
