"""Ranking pieces: how good a match is, how prominent a place is, when two rows are one place.

Pure functions over Places and Candidates; `lookup.Gazetteer` combines them with the context fit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from geomap.gazetteer.context import haversine_km
from geomap.gazetteer.fold import fold
from geomap.gazetteer.translit import loose, skeleton
from geomap.model import Candidate, Place

# Match quality by tier; a name that is a former name (renamed place) is marked "renamed".
TIER_WEIGHT = {"exact": 1.0, "folded": 0.95, "translit": 0.82, "loose": 0.62}
KIND_PROMINENCE = {"country": 1.0, "admin1": 0.75, "admin2": 0.5}


@dataclass(frozen=True, slots=True)
class Hit:
    pid: int
    nid: int
    tier: str  # exact | folded | translit | loose | inflected | fuzzy
    weight: float  # match quality in (0, 1]
    via: str = ""  # the form looked up, when it differs from the query (inflected/fuzzy)


def prominence(place: Place) -> float:
    """0..1: how likely a bare name means this place (population, administrative rank)."""
    if place.kind in KIND_PROMINENCE:
        return KIND_PROMINENCE[place.kind]
    p = min(1.0, math.log10(place.population + 1) / 7.0) if place.population > 0 else 0.3
    if place.feature_code in ("PPLC", "PPLA"):
        p = min(1.0, p + 0.05)
    elif place.feature_code in ("PPLH", "PPLQ", "PPLW"):
        p *= 0.5
    elif place.kind == "feature":
        p = max(0.2, p * 0.6)
    return p


@lru_cache(maxsize=262144)
def name_stem(name: str) -> str:
    skel = skeleton(name)
    return loose(skel) or skel


def match_reason(hit: Hit, matched: str) -> str:
    return {
        "exact": f"name {matched!r} matches exactly",
        "folded": f"matches {matched!r} ignoring case, marks and apostrophes",
        "translit": f"matches {matched!r} under transliteration",
        "loose": f"matches {matched!r} up to its ending (Ukrainian/Russian forms)",
        "inflected": f"inflected form of {hit.via!r}, which matches {matched!r}",
        "fuzzy": f"similar spelling to {matched!r} (fuzzy match)",
    }[hit.tier]


def prominence_reason(place: Place) -> str:
    if place.kind in ("country", "admin1", "admin2"):
        return {"country": "a country", "admin1": "a first-level region", "admin2": "a district"}[place.kind]
    return f"population {place.population:,}" if place.population else "population unknown"


def same_place(a: Place, b: Place) -> bool:
    if a.place_id == b.place_id:
        return True
    if abs(a.lat - b.lat) > 0.05 or abs(a.lon - b.lon) > 0.08:
        return False
    return (
        a.kind == b.kind
        and a.country == b.country
        and haversine_km(a.point, b.point) < 3
        and (
            fold(a.name) == fold(b.name)
            or fold(a.name) in map(fold, b.names)
            or fold(b.name) in map(fold, a.names)
        )
    )


def note_ambiguity(pairs: list[tuple[int, Candidate]]) -> list[tuple[int, Candidate]]:
    """When rivals score close to the best and lie far apart, the best is less certain: say so."""
    if len(pairs) < 2:
        return pairs
    pids = [p for p, _ in pairs]
    cands = [c for _, c in pairs]
    top, second = cands[0], cands[1]
    if second.score >= 0.9 * top.score and haversine_km(top.place.point, second.place.point) > 30:
        n = sum(1 for c in cands if c.score >= 0.9 * top.score)
        note = f"ambiguous: {n} places fit about as well; give context to decide"
        cands = [Candidate(c.place, c.score * 0.8, c.match, c.matched_name, c.reasons) for c in cands]
        cands[0] = Candidate(top.place, cands[0].score, top.match, top.matched_name, (*top.reasons, note))
    return list(zip(pids, cands, strict=True))
