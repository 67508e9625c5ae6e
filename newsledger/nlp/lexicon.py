"""Closed word lists the NLP stages share: place heads, group heads, roles, determiners."""

from __future__ import annotations

# Nouns that, after a name, say the name is a place, and the precision they suggest.
PLACE_HEADS: dict[str, str] = {
    "province": "admin1", "state": "admin1", "governorate": "admin1", "region": "admin1",
    "oblast": "admin1", "prefecture": "admin1", "district": "admin2", "county": "admin2",
    "municipality": "admin2", "valley": "locality", "city": "locality", "town": "locality",
    "village": "locality", "area": "locality", "pass": "site", "border": "site",
    "camp": "site", "airport": "site", "neighbourhood": "locality", "neighborhood": "locality",
    "suburb": "locality", "outskirts": "locality", "capital": "locality",
}
# Heads that, capitalised, are part of a city's own name: Kansas City is not Kansas, Mexico
# City not Mexico, Cape Town not a cape ("Kabul city" and "the town" are heads).
NAME_PART_HEADS = frozenset({"city", "town"})  # "CITY" in a dateline too
# Heads of sites after a name, not part of it ("Halane base", "the Walid crossing"): "Bagram
# Air Base" and "the Green Zone" keep their whole names.
SITE_HEADS = frozenset({"zone", "base", "crossing", "checkpoint"})

# Prepositions after which a capitalised name is most likely a place.
LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "on", "at", "near", "from", "to", "into", "across", "around", "outside", "inside",
     "towards", "toward", "through", "via", "throughout"}
)

# Heads of noun phrases that name an organised group ("a resistance front", "local forces").
GROUP_HEADS = frozenset(
    {"front", "movement", "army", "militia", "group", "brigade", "brigades", "party", "council",
     "committee", "commission", "resistance", "alliance", "coalition", "forces", "force",
     "government", "ministry", "police", "military", "rebels", "insurgents", "fighters",
     "troops", "militants", "opposition", "authorities", "administration", "regime"}
)

# Plural member nouns: "forces of X", "fighters of X" make X an organisation.
MEMBER_NOUNS = frozenset(
    {"forces", "force", "fighters", "troops", "members", "militants", "soldiers", "units",
     "supporters", "leaders", "commanders", "officials", "loyalists", "ranks"}
)

# Role nouns for appositives and titles ("X, a spokesman of Y"; "Member of Y, X").
ROLE_NOUNS = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "member", "leader", "commander", "chief",
     "head", "minister", "president", "prime", "governor", "official", "officer", "general",
     "colonel", "major", "captain", "director", "secretary", "ambassador", "envoy", "adviser",
     "advisor", "deputy", "chairman", "chairwoman", "founder", "representative", "mayor",
     "senator", "lawmaker", "negotiator", "analyst", "correspondent", "reporter", "editor",
     "researcher", "professor", "witness", "resident", "activist", "cleric", "emir", "mullah",
     "elder",
     "son", "daughter", "brother", "sister", "father", "mother", "wife", "husband", "nephew"}
)

KINSHIP_NOUNS = frozenset(
    {"son", "daughter", "brother", "sister", "father", "mother", "wife", "husband", "nephew"}
)

# Words dropped from the front of a name or a group noun phrase.
LEADING_DROPS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our",
     "some", "so", "-", "called", "so-called", "various", "several", "local", "other"}
)

# Verbs that attribute speech or belief: the cues of claims.
SPEECH_VERBS = frozenset(
    {"say", "tell", "claim", "confirm", "deny", "announce", "state", "add", "note", "insist",
     "warn", "report", "allege", "accuse", "acknowledge", "admit", "assert", "declare",
     "explain", "stress", "emphasize", "emphasise", "argue", "vow", "threaten", "promise",
     "reveal", "disclose", "write", "tweet", "suggest", "indicate", "estimate", "urge",
     "describe", "maintain", "reiterate", "complain", "concede", "contend", "recall",
     "underline", "predict", "believe", "quote", "testify", "brief", "post", "reply",
     "respond", "dismiss", "reject", "blame"}
)

# Counts spelled out, as they open a noun phrase ("Four ... personnel").
NUMBER_WORDS = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "dozen", "dozens", "hundreds", "thousands", "scores",
})

# Words of an organisation's name that follow or govern the place it is named after
# ("Shreveport Police Department", "Alexandria City Public Schools", "University of
# Minnesota"): the place is a toponym inside the name.
INSTITUTION_WORDS = frozenset(
    {"police", "sheriff", "sheriff's", "department", "dept", "council", "school", "schools",
     "district", "university", "college", "hospital", "board", "commission", "chamber",
     "court", "fire", "public", "times", "news", "post", "herald", "journal", "tribune",
     "gazette", "press", "daily", "bank", "airport", "club", "church", "museum", "library",
     "government", "office", "authority", "agency", "zoo", "transit", "health", "center",
     "centre", "high", "elementary", "community", "regional", "municipal", "memorial",
     "parks", "register", "chronicle", "star", "observer", "courier", "sun",
     "city", "county", "state", "port", "mayor", "governor", "assembly", "legislature",
     "senate", "parliament", "ministry", "embassy", "consulate", "republic", "kingdom",
     "symphony", "orchestra", "theatre", "theater", "aquarium", "institute"}
)
# Institution words that make "X of <place>" name a place's own body ("University of
# Minnesota", "Government of Ontario"), not a brand ("Bank of America").
LOCAL_GOVERNORS = frozenset(
    {"university", "college", "government", "city", "state", "port", "mayor", "governor",
     "embassy", "consulate", "county", "district", "diocese", "archdiocese", "province",
     "municipality", "people", "citizens", "residents", "police", "schools", "museum"}
)

# Heads of streets after or inside a name: "near Rivers and Stokes avenues", "Dublin Road".
STREET_WORDS = frozenset({"street", "streets", "avenue", "avenues", "road", "roads", "drive",
                          "boulevard", "lane", "way", "freeway", "highway", "parkway", "pike",
                          "turnpike", "st", "ave", "rd", "blvd"})
# The model's labels of things that are no person, organisation or place ("NORP" for a
# nationality, and the others), which it sometimes puts on a place's name.
MISC_LABELS = frozenset({"WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "NORP"})
