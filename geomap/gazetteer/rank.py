"""The ranking: a name's index hits scored, ordered, told apart and written up as candidates.

A place's score is its match weight (weights.py) x its prominence share x its fit to the context
(context.fit). Places that are one place listed twice are returned once (twins.py); close rivals are
tie-broken by how well the name is attested for each; approximately placed villages step below exactly
placed namesakes (katottg.py); a best that rivals far away fit about as well is marked ambiguous.

Speed: a ranking reads only the store's memory-mapped rows (prominence precomputed at build time) and, with
a context, places without their other names; a candidate's Place and reasons are built when it is first
read (`Ranker.candidate`, through candidates.RankedCandidates).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from geomap.gazetteer.context import Context
from geomap.gazetteer.context import fit as context_fit
from geomap.gazetteer.fold import fold
from geomap.gazetteer.katottg import APPROX_PROMINENCE, approximate_reason, demoted_order
from geomap.gazetteer.keys import name_stem
from geomap.gazetteer.sources import ALIAS, ALTERNATE, FORMER
from geomap.gazetteer.store import ROW_DOUBLES, Answer, PlaceStore, make_candidate
from geomap.gazetteer.weights import ALTERNATE_WEIGHT, MATCH_FLOOR, PROMINENCE_SHARE
from geomap.geodesy.spherical import haversine_km
from geomap.model import Candidate, Place, Point

TIERS = ("exact", "folded", "translit", "loose", "inflected", "fuzzy")  # a tier's code is its position
TIER_CODE = {tier: code for code, tier in enumerate(TIERS)}
KEEP_EXTRA = 12  # rows ranked beyond the limit (rows of one place are merged, close rivals tie-broken)
# Prominence: log10 of the population over this many decades, so a city of ten million reaches 1.
POPULATION_DECADES = 7.0
UNKNOWN_POPULATION_PROMINENCE = 0.3  # a populated place of unknown size: as a village of some 125 people
KIND_PROMINENCE = {"country": 1.0, "admin1": 0.75, "admin2": 0.5}  # a region's name usually means the region
CAPITAL_CODES = ("PPLC", "PPLA")  # a capital or a region's seat
CAPITAL_BONUS = 0.05  # is named more often than its size says
FORMER_CODES = ("PPLH", "PPLQ", "PPLW")  # historical, abandoned, destroyed
FORMER_FACTOR = 0.5  # a place that is no more is seldom the one a report means
FEATURE_FACTOR = 0.6  # a feature (a river, a hill) counts for less than a settlement of its size...
FEATURE_FLOOR = 0.2  # ...but for something
# Close rivals: rows within this share of the best score are tie-broken by attestation.
CLOSE_RIVAL = 0.75
ATTESTATION_BONUS = 0.03  # per spelling beyond the first that shares the query's stem...
ATTESTATION_MAX_EXTRA = 4  # ...counted up to this many: a nudge between rivals, never a landslide
# Ambiguity: rivals within this share of the best score, this far from it, fit about as well...
AMBIGUOUS_SHARE = 0.9
AMBIGUOUS_KM = 30.0
AMBIGUOUS_SCALE = 0.8  # ...and then every score is scaled by this: the best is less certain
# One place listed twice: same kind, country and name within this distance (a box test first, cheaper).
TWIN_KM = 3.0
TWIN_BOX_LAT, TWIN_BOX_LON = 0.05, 0.08  # degrees; wider than TWIN_KM at any latitude a place has
_NAMED_TIERS = frozenset({"exact", "folded", "translit"})  # a former name matched this way: "renamed"
_ALIAS_TIERS = frozenset({"exact", "folded"})
_REGION_KINDS = ("country", "admin1", "admin2")
MAX_CACHED_PLACES = 50_000  # places kept for scoring against contexts (see Ranker.scoring)


# The ranking's records are plain tuples whose fields are named here and read by these positions. Not
# NamedTuples: a lookup makes one hit per index record and one row per place, and measured under cachegrind
# (1,000 names ranked anew by exact()) NamedTuple hits, rows and plans cost 238,000 instructions per name
# against 202,000 for tuples (+18%); plans alone as NamedTuples +3.5%; tuples with these names +0.4%.
#
# Hit: the best way one of a place's names matched one form of the query.
#   weight: match quality in (0, 1]; nid: which of the place's names matched (its name number); how: how
#   the place holds it (PRIMARY/ALTERNATE/FORMER/ALIAS); tier: exact | folded | translit | loose | inflected
#   | fuzzy; via: the form looked up when it differs from the query (inflected/fuzzy), else "".
Hit = tuple[float, int, int, str, str]
WEIGHT, NID, HOW, TIER, VIA = range(5)
# Row: a place in a ranking. Rows sort by (score, prominence, -place number), best first; place numbers are
# unique, so a comparison never reaches the hit. reasons: how the place fits the context; attested: in how
# many spellings the place attests the query's name (0: not counted).
Row = tuple[float, float, int, Hit, Sequence[str], int]
SCORE, PROMINENCE, NEG_PID, HIT, REASONS, ATTESTED = range(6)
# Planned: a place a ranking returns: its row, its final score, and on the best how many places fit about
# as well (0: not ambiguous).
Planned = tuple[Row, float, int]
ROW, FINAL, AMBIGUOUS = range(3)


def prominence(place: Place) -> float:
    """0..1: how likely a bare name means this place (population, administrative rank)."""
    if place.uncertainty_km > 0:  # an approximately placed village (KATOTTG): its size is unknown too
        return APPROX_PROMINENCE
    if place.kind in KIND_PROMINENCE:
        return KIND_PROMINENCE[place.kind]
    if place.population > 0:
        p = min(1.0, math.log10(place.population + 1) / POPULATION_DECADES)
    else:
        p = UNKNOWN_POPULATION_PROMINENCE
    if place.feature_code in CAPITAL_CODES:
        p = min(1.0, p + CAPITAL_BONUS)
    elif place.feature_code in FORMER_CODES:
        p *= FORMER_FACTOR
    elif place.kind == "feature":
        p = max(FEATURE_FLOOR, p * FEATURE_FACTOR)
    return p


def match_reason(tier: str, via: str, matched: str) -> str:
    if tier == "exact":
        return f"name {matched!r} matches exactly"
    if tier == "folded":
        return f"matches {matched!r} ignoring case, marks and apostrophes"
    if tier == "translit":
        return f"matches {matched!r} under transliteration"
    if tier == "loose":
        return f"matches {matched!r} up to its ending (Ukrainian/Russian forms)"
    if tier == "inflected":
        return f"inflected form of {via!r}, which matches {matched!r}"
    if tier == "fuzzy":
        return f"similar spelling to {matched!r} (fuzzy match)"
    raise KeyError(tier)


def prominence_reason(place: Place) -> str:
    if place.kind in _REGION_KINDS:
        return {"country": "a country", "admin1": "a first-level region", "admin2": "a district"}[place.kind]
    return f"population {place.population:,}" if place.population else "population unknown"


def same_place(a: Place, b: Place) -> bool:
    """Are two index places one place listed twice (see twins.py)?"""
    if a.place_id == b.place_id:
        return True
    if abs(a.lat - b.lat) > TWIN_BOX_LAT or abs(a.lon - b.lon) > TWIN_BOX_LON:
        return False
    return (
        a.kind == b.kind
        and a.country == b.country
        and haversine_km(a.lat, a.lon, b.lat, b.lon) < TWIN_KM
        and (
            fold(a.name) == fold(b.name)
            or fold(a.name) in map(fold, b.names)
            or fold(b.name) in map(fold, a.names)
        )
    )


def ambiguous_count(scores: Sequence[float], points: Sequence[Point]) -> int:
    """When rivals score close to the best and lie far apart, the best is less certain: how many places fit
    about as well (0 when the best is clear). Then every score is scaled by AMBIGUOUS_SCALE and
    `ambiguity_note` is added to the best's reasons. `points`: the positions of the best two."""
    if len(scores) < 2:
        return 0
    top = scores[0]
    a, b = points[0], points[1]
    if scores[1] >= AMBIGUOUS_SHARE * top and haversine_km(a.lat, a.lon, b.lat, b.lon) > AMBIGUOUS_KM:
        return sum(1 for s in scores if s >= AMBIGUOUS_SHARE * top)
    return 0


def ambiguity_note(count: int) -> str:
    return f"ambiguous: {count} places fit about as well; give context to decide"


def answer_entries(plan: list[Planned]) -> list[Answer]:
    """A ranking as the store's answer entries (store.ANSWER), for answers ranked at build time."""
    return [
        (score, -row[NEG_PID], row[HIT][NID], row[HIT][HOW], TIER_CODE[row[HIT][TIER]], n, row[ATTESTED])
        for row, score, n in plan
    ]


def reasons(row: Row, place: Place, all_names: tuple[str, ...]) -> tuple[str, list[str], str]:
    """(match, reasons, matched name) of a ranked row."""
    _weight, nid, how, tier, via = row[HIT]
    matched = all_names[nid] if nid < len(all_names) else place.name
    match = tier
    out = [match_reason(tier, via, matched)]
    if how == FORMER:
        # A former official name is as good a name as the current one: reporting still uses it.
        match = "renamed" if tier in _NAMED_TIERS else match
        out.append(f"former name {matched!r} of {place.name}")
    elif how == ALIAS and tier in _ALIAS_TIERS:
        match = "alias"
    if match in _NAMED_TIERS and place.kind in ("admin1", "admin2"):
        match = "region"
    out.append(prominence_reason(place))
    if place.uncertainty_km > 0:
        out.append(approximate_reason(place))
    if row[REASONS]:
        out.extend(row[REASONS])
    if row[ATTESTED] > 1:
        out.append(f"the name is attested in {row[ATTESTED]} spellings for this place")
    return match, out, matched


class Ranker:
    """The ranking over one store: hits -> a plan (the places returned, best first) -> Candidates.

    Thread-safe for reading, like the store; it keeps a bounded cache of places scored against contexts."""

    def __init__(self, store: PlaceStore) -> None:
        self._store = store
        self._light: dict[int, tuple[Place, str | None]] = {}

    def scoring(self, pid: int) -> tuple[Place, str | None]:
        """A place for scoring against a context: without its other names (kept, bounded: contexts are
        often asked about the same common names)."""
        light = self._light.get(pid)
        if light is None:
            if len(self._light) >= MAX_CACHED_PLACES:
                self._light.clear()
            light = self._light[pid] = self._store.light_place(pid)
        return light

    def plan(self, hits: dict[int, Hit], ctx: Context, limit: int, query: str = "") -> list[Planned]:
        """The ranking: the places returned, best first. It reads only the memory-mapped rows (and, with a
        context, places without their names). `query`: the name whose attestation tie-breaks close rivals
        ("" for none)."""
        if not hits:
            return []
        store = self._store
        doubles = store.doubles  # place i's prominence: doubles[i * ROW_DOUBLES + 2]
        floor, share = MATCH_FLOOR, PROMINENCE_SHARE
        rows: list[Row] = []
        # Hot loops: literal positions (h[0] weight, h[2] how), as a global name costs a lookup each.
        if ctx.empty:
            for pid, h in hits.items():
                p = doubles[pid * ROW_DOUBLES + 2]
                w = h[0] * ALTERNATE_WEIGHT if h[2] == ALTERNATE else h[0]
                rows.append((w * (floor + share * p), p, -pid, h, (), 0))
        else:
            for pid, h in hits.items():
                place, code = self.scoring(pid)
                p = doubles[pid * ROW_DOUBLES + 2]
                w = h[0] * ALTERNATE_WEIGHT if h[2] == ALTERNATE else h[0]
                factor, fit_reasons = context_fit(place, code, ctx)
                rows.append((w * (floor + share * p) * factor, p, -pid, h, fit_reasons, 0))
        if len(rows) == 1:  # most names: one place, nothing to tie-break, dedupe or call ambiguous
            return [(rows[0], min(1.0, rows[0][SCORE]), 0)]
        rows.sort(reverse=True)
        keep = rows[: limit + KEEP_EXTRA]
        best = keep[0][SCORE]
        if query and keep[1][SCORE] >= CLOSE_RIVAL * best:
            keep = self._attested(keep, best, query)
        chosen = self._distinct(keep, limit)
        if any(store.approximate(-row[NEG_PID]) for row in chosen):  # approximate below exact places
            order = demoted_order([(row[SCORE], self.scoring(-row[NEG_PID])[0]) for row in chosen])
            chosen = [(score, *chosen[i][PROMINENCE:]) for i, score in order]
        scores = [min(1.0, row[SCORE]) for row in chosen]
        count = ambiguous_count(scores, [store.point(-row[NEG_PID]) for row in chosen[:2]])
        if count:
            scores = [score * AMBIGUOUS_SCALE for score in scores]
        plan = [(row, score, 0) for row, score in zip(chosen, scores, strict=True)]
        plan[0] = (plan[0][ROW], plan[0][FINAL], count)
        return plan

    def _attested(self, keep: list[Row], best: float, query: str) -> list[Row]:
        """Tie-break among close rivals by how well the name is attested for each: how many distinct
        spellings of the place share the query's stem (Krasne, Krasnoye, Красне...). An official name
        (current or former) is written many ways; a passing variant appears once."""
        stem = name_stem(query)
        attested = self._store.attested
        boosted = []
        for row in keep:
            n = attested(-row[NEG_PID], stem) if stem and row[SCORE] >= CLOSE_RIVAL * best else 0
            bonus = 1 + ATTESTATION_BONUS * min(n - 1, ATTESTATION_MAX_EXTRA) if n > 1 else 1.0
            boosted.append((row[SCORE] * bonus, row[PROMINENCE], row[NEG_PID], row[HIT], row[REASONS], n))
        boosted.sort(reverse=True)
        return boosted

    def _distinct(self, keep: list[Row], limit: int) -> list[Row]:
        """The best rows, each place once (two sources may list one place: see twins.py), at most `limit`."""
        chosen: list[Row] = []
        taken: set[int] = set()
        twins_of = self._store.twins_of
        for row in keep:
            pid = -row[2]  # NEG_PID
            twins = twins_of(pid)
            if twins and not taken.isdisjoint(twins):
                continue
            taken.add(pid)
            chosen.append(row)
            if len(chosen) >= limit:
                break
        return chosen

    def candidate(self, _position: int, planned: Planned) -> Candidate:
        """The Candidate of one planned place: its place decoded, its reasons written."""
        row, score, ambiguous = planned
        place, _code, all_names = self._store.place(-row[NEG_PID])
        match, why, matched = reasons(row, place, all_names)
        if ambiguous:
            why.append(ambiguity_note(ambiguous))
        return make_candidate(place, score, match, matched, tuple(why))

    def answer_candidate(self, position: int, entry: tuple) -> Candidate:
        """The Candidate of an answer entry ranked at build time (store.ANSWER; see `answer_entries`)."""
        score, pid, nid, how, tier, count, attested = entry
        row = (score, 0.0, -pid, (0.0, nid, how, TIERS[tier], ""), (), attested)
        return self.candidate(position, (row, score, count))
