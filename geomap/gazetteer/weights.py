"""How good a name match is: the weights of the match tiers and the score formula they enter.

A candidate's score is `match weight x (MATCH_FLOOR + PROMINENCE_SHARE x prominence) x context fit`.
The lookups (hits), the store (which orders each key's records by this score's first two factors) and
the ranking read these numbers from here, so that the three agree to the last bit.
"""

from __future__ import annotations

from geomap.gazetteer.sources import ALTERNATE

# Match quality by tier; a name that is a former name (renamed place) is marked "renamed".
TIER_WEIGHT = {"exact": 1.0, "folded": 0.95, "translit": 0.82, "loose": 0.62}
# A transliteration match of a Latin spelling to one of the place's Cyrillic names (Nikolayev ~ Николаев) is
# one romanisation among many of the official name: nearly as good as an exact match.
ROMANISED_WEIGHT = 0.93
# A match on one of a place's alternate names (not its own, former or curated name) counts for a little
# less: between equally good matches, a place's own name beats a name another place once had.
ALTERNATE_WEIGHT = 0.93
# An inflected form read back to its nominative ("под Покровском" -> Покровск): the first two readings
# morphology proposes are its likeliest, later ones guesses.
INFLECTED_WEIGHT = 0.92
INFLECTED_LATER_WEIGHT = 0.85
INFLECTED_LIKELY = 2  # how many readings count as the likeliest
# A misspelling: FUZZY_FLOOR + FUZZY_SPAN x similarity (0..1), at most 0.8 for the closest one: below a
# transliteration's 0.82, so that a name read another way beats a typo of another name.
FUZZY_FLOOR = 0.45
FUZZY_SPAN = 0.35
# The score formula: a match counts for at least MATCH_FLOOR of itself whatever the place; prominence (0..1:
# population, administrative rank) decides the rest, so a big city beats a hamlet of the same name, but a
# better match on a hamlet is not buried under a worse match on a city.
MATCH_FLOOR = 0.55
PROMINENCE_SHARE = 0.45


def rank_weight(how: int, prominence: float) -> float:
    """The part of a candidate's score that a name key's record fixes: how the name is held and the
    place's prominence (the ranking multiplies it by the tier's weight and the context's fit)."""
    return (ALTERNATE_WEIGHT if how == ALTERNATE else 1.0) * (MATCH_FLOOR + PROMINENCE_SHARE * prominence)
