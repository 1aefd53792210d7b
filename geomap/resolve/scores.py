"""Points for each candidate place of a toponym: the evidence of the article, weighed.

A candidate starts from the gazetteer's score and gains or loses points for each piece of evidence; the
reasons are kept. The weights are in points of score, where the gazetteer's score of an exact match is
about 0.3..1; they were set by hand on the examples and the seed (see tests/test_examples_gold.py).
"""

from __future__ import annotations

import math
from typing import NamedTuple

from geomap.gazetteer.rank import prominence
from geomap.geodesy.spherical import angle_between, haversine_km, initial_bearing
from geomap.model import Candidate, Place
from geomap.resolve.evidence import (
    ADMIN,
    Evidence,
    front_km,
    in_region,
    nearest_anchor_km,
    region_place,
)
from geomap.text.capitals import is_capital_place
from geomap.text.recognise import Toponym
from geomap.text.relations import Qualifier

LOCATED = ("settlement", "feature")  # the kinds of place that lie at a point one can measure from
SMALL_TOWN = 50_000  # people: more than a village has, fewer than a bare name's usual city

# --- the prior: what a bare name usually means
POPULATION_WEIGHT = 0.8  # times gazetteer.rank.prominence: the largest namesake is a bare name's likeliest
CAPITAL_BONUS = 0.3  # a bare name that is also a national capital usually means the capital
OWN_NAME_BONUS = 0.12  # the place whose main name this is, over one that merely lists it (a former
# name, a foreign spelling): a tie-breaker, less than what the article says of its context
AREA_PRIOR = 0.2  # a region or country: no population to weigh, a small flat share instead

# --- the dated line of contact, for ground fighting
FRONT_WEIGHT = 1.0  # a capture or advance happens on the line of contact
FRONT_SCALE_KM = 15.0  # the bonus falls by e for every 15 km from the line
FRONT_REASON_KM = 30  # closer than this, the reason is worth telling

# --- the article's country focus
FOCUS_WEIGHT = 0.6  # times the country's share of the article's attention
FOCUS_REASON_SHARE = 0.2  # a share worth telling

# --- what kind of place the words say it is
REGION_PHRASE_ADMIN = 1.0  # "the Kharkiv region" names the region ...
REGION_PHRASE_OTHER = -0.6  # ... not the city of Kharkiv
ADMIN_BESIDE_SETTLEMENT = -0.3  # a bare name with a settlement reading means the settlement
COUNTRY_PRIOR = 0.3  # a bare name that is a country usually means the country

# --- the region the text puts it in ("Lozova in the northeastern Kharkiv region")
IN_REGION = 1.5  # inside the region the text names: strong, the text says so
DIRECTION_WEIGHT = 0.4  # times the cosine of the angle between the text's compass word and the bearing
DIRECTION_AGREES_DEG = 60  # within this angle the part of the region agrees
DIRECTION_OPPOSITE_DEG = 110  # beyond it the candidate lies in the other half
OUTSIDE_STATED_REGION = -1.0  # "X in the Y region" and X is not in Y
OUTSIDE_JUXTAPOSED_REGION = -0.3  # "X, Y": a juxtaposed region is a weaker statement
IN_NEARBY_REGION = 0.6  # inside a region named in the sentence before or this one

# --- a nationality adjective before the name ("the Russian city of Kazan")
DEMONYM_AGREES = 1.2  # the adjective names the place's country: nearly as strong as a stated region
DEMONYM_DISAGREES = -0.8  # another country's namesake: the text says otherwise

# --- feature words ("the village of X", "the city of X")
VILLAGE_TOO_BIG = -0.8  # a village of more than SMALL_TOWN people is not a village
VILLAGE_MAX_PEOPLE = 20_000  # up to this, "village" fits ...
VILLAGE_FITS = 0.2  # ... and says a little for the place
CITY_MIN_PEOPLE = 10_000  # fewer people than this is not a city
CITY_TOO_SMALL = -0.4  # softer than a village too big: small towns are often called cities

# --- stated aliases ("Krasnoye -- called Sontsivka in Ukraine")
ALIAS_SHARED = 2.0  # both names name this place: the text all but says which place it is

# --- the second pass: the other toponyms' first-pass places
NEAR_WEIGHT = 1.2  # "X, near Y": the distance to Y, less any distance the text states ...
NEAR_SCALE_KM = 40.0  # ... costs the bonus a factor e every 40 km
NEAR_REASON_KM = 60  # closer than this, the reason is worth telling
SUPPORT_MIN = 0.05  # a share of support below this is noise
SUPPORT_WEIGHT = 0.6  # times the support (at most 1): other names of the article fit this place
SUPPORT_REASON = 0.5  # at least half a name's belief: worth telling
OTHER_NAME = -0.5  # the article already calls this place by another name and does not say they are one
LIST_WEIGHT = 0.8  # the places of one list ("у районах населених пунктів A, B, C") lie together ...
LIST_SCALE_KM = 60.0  # ... a front sector's width: the bonus falls by e every 60 km from the others
LIST_REASON_KM = 60  # closer than this, the reason is worth telling
ANCHOR_WEIGHT = 0.6  # a confident settlement of the article nearby ...
ANCHOR_SCALE_KM = 100.0  # ... counts a factor e less every 100 km
ANCHOR_REASON_KM = 100  # closer than this, the reason is worth telling
FAR_FROM_ANCHORS_KM = 1500  # farther than this from every other place of the article ...
FAR_FROM_ANCHORS = -0.3  # ... a namesake is probably another country's

# --- confidence
SHARPNESS = 3.0  # a lead of one point of score makes a candidate e**3 (20x) likelier than its rival
MATCH_QUALITY = {"fuzzy": 0.7, "translit": 0.9, "loose": 0.8, "inflected": 0.95}  # others: 1.0
MIN_CONFIDENCE = 0.05  # nothing chosen is impossible
CONFIDENCE_SHARE = 0.97  # the share the ranking decides ...
SOLE_CANDIDATE = 0.03  # ... and what having no rival at all adds


class Scored(NamedTuple):
    """A candidate with its score in this article and the reasons (a tuple: built for every candidate)."""

    cand: Candidate
    score: float
    reasons: tuple[str, ...]


Static = tuple[Candidate, float, list[str]]  # a candidate, its first-pass score, its reasons


def shares(ranked: list[Scored]) -> dict[str, float]:
    """Each ranked place's share of the toponym's belief (a softmax of the scores)."""
    if not ranked:
        return {}
    top = ranked[0].score
    zs = [
        (r.cand.place.place_id, math.exp(SHARPNESS * (r.score - top)))
        for r in ranked
        if r.cand.place.place_id
    ]
    total = sum(z for _, z in zs) or 1.0
    return {pid: z / total for pid, z in zs}


def confidence(ranked: list[Scored], chosen: Scored) -> float:
    """How sure the choice is: its share against its rivals, times how good its name match is."""
    zs = [math.exp(SHARPNESS * (r.score - chosen.score)) for r in ranked] or [1.0]
    p = 1.0 / sum(zs) if ranked else 1.0
    quality = MATCH_QUALITY.get(chosen.cand.match, 1.0)
    return max(MIN_CONFIDENCE, min(1.0, p * quality * CONFIDENCE_SHARE + SOLE_CANDIDATE * (len(ranked) == 1)))


def rank(k: int, ev: Evidence, statics: dict[int, list[Static]] | None = None) -> list[Scored]:
    """Score every candidate of toponym k: the article-independent part once (kept in `statics` for the
    second pass), then what depends on the other toponyms' first-pass results."""
    t = ev.tops[k]
    if not t.candidates:
        return []
    static = statics.get(k) if statics is not None else None
    if static is None:
        static = static_scores(k, ev)
        if statics is not None:
            statics[k] = static
    near_to = ev.near.get(k)
    dynamic = near_to is not None or ev.support or ev.taken or ev.anchors or k in ev.list_centre
    if not dynamic:
        out = [Scored(c, s, tuple(why)) for c, s, why in static]
    else:
        key = t.key.lower()
        partner_ids = ev.partner_ids.get(k, frozenset())
        out = [_second_pass(k, c, s, list(why), ev, near_to, key, partner_ids) for c, s, why in static]
    out.sort(key=lambda x: -x.score)
    return out


def _second_pass(
    k: int,
    c: Candidate,
    s: float,
    why: list[str],
    ev: Evidence,
    near_to: Place | None,
    key: str,
    partner_ids: frozenset[str],
) -> Scored:
    """A candidate's points from the other toponyms: near what the text says, backed by other names,
    not a place the article calls otherwise, near the article's confident places."""
    p = c.place
    if near_to is not None and p.kind in LOCATED:
        d = abs(haversine_km(p.lat, p.lon, near_to.lat, near_to.lon) - (ev.near_km.get(k) or 0.0))
        s += NEAR_WEIGHT * math.exp(-d / NEAR_SCALE_KM)
        if d < NEAR_REASON_KM:
            why.append(f"{d:.0f} km from {near_to.name}, which the text says it is near")
    backing = 0.0
    if ev.support and p.place_id:
        backing = ev.support[0].get(p.place_id, 0.0) - ev.support[1][k].get(p.place_id, 0.0)
    if backing > SUPPORT_MIN:
        s += SUPPORT_WEIGHT * min(1.0, backing)
        if backing >= SUPPORT_REASON:
            why.append("other names in the article point to this place too")
    other = ev.taken.get(p.place_id) if p.place_id else None
    if other is not None and other != key and p.place_id not in partner_ids:
        s += OTHER_NAME
    centre = ev.list_centre.get(k)
    if centre is not None and p.kind in LOCATED:
        d = haversine_km(p.lat, p.lon, *centre)
        s += LIST_WEIGHT * math.exp(-d / LIST_SCALE_KM)
        if d < LIST_REASON_KM:
            why.append(f"{d:.0f} km from the other places listed with it")
    if ev.anchors and p.kind in LOCATED:
        near = nearest_anchor_km(p, ev.anchors, key)
        if near is not None:
            s += ANCHOR_WEIGHT * math.exp(-near / ANCHOR_SCALE_KM)
            if near < ANCHOR_REASON_KM:
                why.append(f"{near:.0f} km from another place in the article")
            elif near > FAR_FROM_ANCHORS_KM:
                s += FAR_FROM_ANCHORS
    return Scored(c, s, tuple(why))


class _Said(NamedTuple):
    """What the article says about one toponym, looked up once for all its candidates."""

    t: Toponym
    front: object  # the dated line of contact (a Layer), when the sentence reports ground fighting
    q: Qualifier | None
    region: Place | None  # the region the qualifier names
    regions_near: tuple[Place, ...]
    country: str | None  # the country a nationality adjective names
    partner_ids: frozenset[str]
    has_settlement: bool


def static_scores(k: int, ev: Evidence) -> list[Static]:
    """The part of a candidate's score that the first pass cannot change: the gazetteer's score plus
    each piece of evidence below, added in this order."""
    t = ev.tops[k]
    q = ev.quals.get(k)
    said = _Said(
        t,
        ev.fronts.get(k),
        q,
        region_place(ev.tops, q) if q else None,
        ev.regions_near.get(k, ()),
        ev.stated_country.get(k),
        ev.partner_ids.get(k, frozenset()),
        any(c.place.kind == "settlement" for c in t.candidates),
    )
    out: list[Static] = []
    for c in t.candidates:
        p = c.place
        why: list[str] = []
        s = _prior(c.score, p)
        s = _own_name(s, p, t, why)
        s = _front(s, p, said, why)
        s = _focus(s, p, ev.focus, why)
        s = _kind_words(s, p, said)
        s = _stated_region(s, p, said, ev, why)
        s = _nationality(s, p, said, why)
        s = _feature_word(s, p, t, why)
        s = _alias(s, p, said, why)
        out.append((c, s, why))
    return out


def _own_name(s: float, p: Place, t: Toponym, why: list[str]) -> float:
    """A name is first the name of the place that bears it now: "Pokrovsk" is the Donetsk town before
    Engels, which was Pokrovsk until 1931 and keeps it as an alternate name."""
    if len(t.candidates) > 1 and p.name.casefold() == t.key.casefold():
        why.append("the place's own name, not a former or alternate one")
        return s + OWN_NAME_BONUS
    return s


def _prior(s: float, p: Place) -> float:
    """What a bare name usually means: a large settlement, a capital; a region or country a little."""
    if p.kind in LOCATED:
        s += POPULATION_WEIGHT * prominence(p)  # the gazetteer's own measure (population, rank, kind)
        if is_capital_place(p):
            s += CAPITAL_BONUS
    else:
        s += AREA_PRIOR
    return s


def _front(s: float, p: Place, said: _Said, why: list[str]) -> float:
    """Among namesakes of a place where ground fighting is reported, the one near the line of contact."""
    front = said.front
    if (
        front is None
        or len(said.t.candidates) <= 1
        or p.kind != "settlement"
        or p.country not in ("UA", "RU")
    ):
        return s
    d = front_km(front, p)
    s += FRONT_WEIGHT * math.exp(-d / FRONT_SCALE_KM)
    if d < FRONT_REASON_KM:
        why.append(f"{d:.0f} km from the line of contact of {front.date}, where ground fighting is reported")
    return s


def _focus(s: float, p: Place, focus: dict[str, float], why: list[str]) -> float:
    """A place in a country the article is about."""
    share = focus.get(p.country or "", 0.0)
    if share:
        s += FOCUS_WEIGHT * share
        if share >= FOCUS_REASON_SHARE:
            why.append(f"in {p.country}, a country the article is about")
    return s


def _kind_words(s: float, p: Place, said: _Said) -> float:
    """'X region' means a region; a bare name means a settlement over a region, a country over a town."""
    if said.t.region_phrase:
        return s + (REGION_PHRASE_ADMIN if p.kind in ADMIN else REGION_PHRASE_OTHER)
    if p.kind in ADMIN and said.has_settlement:
        return s + ADMIN_BESIDE_SETTLEMENT
    if p.kind == "country":
        return s + COUNTRY_PRIOR
    return s


def _stated_region(s: float, p: Place, said: _Said, ev: Evidence, why: list[str]) -> float:
    """Inside the region the text gives (and in the part its compass word names), or a region nearby."""
    region, q = said.region, said.q
    if region is not None and q is not None:
        if p.kind not in ADMIN and in_region(p, region, ev.gz):
            s += IN_REGION
            why.append(f"in {region.name} as the text says")
            if q.direction is not None:
                # soft: a region's centre is itself approximate, so agreement counts by its cosine
                delta = angle_between(initial_bearing(region.lat, region.lon, p.lat, p.lon), q.direction)
                s += DIRECTION_WEIGHT * math.cos(math.radians(delta))
                if delta <= DIRECTION_AGREES_DEG:
                    why.append("in the part of the region the text names")
                elif delta >= DIRECTION_OPPOSITE_DEG:
                    why.append("in the opposite part of the region from the text's direction")
        elif p.kind not in ADMIN:
            s += OUTSIDE_STATED_REGION if q.explicit else OUTSIDE_JUXTAPOSED_REGION
            why.append(f"not in {region.name}, which the text names")
        return s
    if p.kind not in ADMIN and said.regions_near:
        inside = next((r for r in said.regions_near if in_region(p, r, ev.gz)), None)
        if inside is not None:
            s += IN_NEARBY_REGION
            why.append(f"in {inside.name}, which the article names nearby")
    return s


def _nationality(s: float, p: Place, said: _Said, why: list[str]) -> float:
    """'the Russian city of Kazan': the country a nationality adjective names."""
    if said.country is None or p.kind == "country":
        return s
    if p.country == said.country:
        why.append(f"in {said.country}, as the nationality adjective before the name says")
        return s + DEMONYM_AGREES
    return s + DEMONYM_DISAGREES


def _feature_word(s: float, p: Place, t: Toponym, why: list[str]) -> float:
    """'the village of X' argues against a city of 50,000; 'the city of X' against a hamlet."""
    if t.feature == "village" and p.population > SMALL_TOWN:
        why.append(f"population {p.population:,} is not a village's")
        return s + VILLAGE_TOO_BIG
    if t.feature == "village" and p.population <= VILLAGE_MAX_PEOPLE:
        return s + VILLAGE_FITS
    if t.feature == "city" and 0 < p.population < CITY_MIN_PEOPLE and p.kind == "settlement":
        why.append("too small for the 'city' the text says")
        return s + CITY_TOO_SMALL
    return s


def _alias(s: float, p: Place, said: _Said, why: list[str]) -> float:
    """The other name the text gives ("Krasnoye -- called Sontsivka") names this place too."""
    if p.place_id and p.place_id in said.partner_ids:
        why.append("the other name the text gives names this place too")
        return s + ALIAS_SHARED
    return s
