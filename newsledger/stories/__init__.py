"""Stories: events of many articles grouped into incidents, with every claim and figure about
each, reconciled ranges (UCDP low/best/high) and contradictions. A pure stage over analyses."""

from newsledger.stories.builder import StoryBuilder, StorySettings
from newsledger.stories.grouping import GroupingSettings
from newsledger.stories.signals import Limits
from newsledger.stories.similarity import SimilarityFactory, tfidf_similarity

__all__ = [
    "GroupingSettings", "Limits", "SimilarityFactory", "StoryBuilder", "StorySettings",
    "tfidf_similarity",
]
