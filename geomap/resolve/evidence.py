"""The evidence resolution weighs: what the article says around each toponym and where its places lie.

Where the article is (its country focus), the regions and countries it names near a toponym, the dated
line of contact, the sections and sentences toponyms sit in, and whether a place lies in a region.
Pure functions over the recognised toponyms and the reference data the pipeline hands down (the
gazetteer, the front-line layer); `scores` turns them into points.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from geomap.model import Document, Place
from geomap.text.recognise import NameIndex, Recognition, Toponym
from geomap.text.relations import Qualifier, is_regionish
from geomap.text.stoplists import demonym_country, direction_of
from geomap.text.triggers import event_word

if TYPE_CHECKING:
    from geomap.layers import Layer

_LANG_COUNTRY = {"ru": "RU", "uk": "UA"}
ADMIN = ("admin1", "admin2")  # the kinds of place a region phrase names
_REGION_WORDS = frozenset(
    "oblast region province krai kray republic of the raion rayon district governorate area".split()
)

_GROUND = frozenset({"capture claim", "advance", "encirclement", "battle", "withdrawal"})
FRONT_MAX_AGE_DAYS = 120  # a line further than this from the article's date says little about that day
LANGUAGE_VOTES = 2  # an article in Russian or Ukrainian is, by default, about Russia or Ukraine
COUNTRY_VOTE = 1  # a country or first-level region the article names
ONE_COUNTRY_VOTE = 0.5  # a name all of whose namesakes lie in one country
KM_PER_DEGREE_LON_AT_EQUATOR = 111.32  # for the equirectangular estimate of anchor distances, ...
KM_PER_DEGREE_LAT = 110.57  # ... ample for ranking: a degree of latitude at mid-latitudes
ADMIN1_CACHE_MAX = 200_000  # admin1 codes remembered across articles before the cache starts over


def front_for(frontline: Layer | None, date: str | None) -> Layer | None:
    """The line of contact as evidence for an article of `date`: a dated line within FRONT_MAX_AGE_DAYS
    of it, else None (an undated article or line cannot say where the fighting was)."""
    if frontline is None or not date or not frontline.date:
        return None
    age = abs((dt.date.fromisoformat(frontline.date) - dt.date.fromisoformat(date)).days)
    return frontline if age <= FRONT_MAX_AGE_DAYS else None


def front_km(front: Layer, p: Place) -> float:
    return _front_km_at(front, p.lat, p.lon)


@lru_cache(maxsize=65536)
def _front_km_at(front: Layer, lat: float, lon: float) -> float:
    """Cached per layer and point: articles repeat names, and a corpus repeats its front line."""
    from geomap.geodesy import point_to_geometry

    return point_to_geometry((lat, lon), front.geometry, segments=front.segments).km


def sections_of(doc: Document, tops: Sequence[Toponym]) -> list[str]:
    """Section kind of each toponym, by bisection (Document.section_at scans; long texts need log time)."""
    spans = sorted(doc.sections, key=lambda s: s.start)
    starts = [s.start for s in spans]
    out = []
    for t in tops:
        i = bisect.bisect_right(starts, t.start) - 1
        out.append(spans[i].kind if i >= 0 and spans[i].start <= t.start < spans[i].end else "body")
    return out


def sentence_spans(doc: Document, tops: Sequence[Toponym]) -> list[tuple[int, int]]:
    """The sentence around each toponym, by bisection over the sentence starts."""
    sents = doc.sentences
    starts = [s for s, _ in sents]
    out = []
    for t in tops:
        i = bisect.bisect_right(starts, t.start) - 1
        out.append(sents[i] if i >= 0 and sents[i][0] <= t.start < sents[i][1] else (0, len(doc.text)))
    return out


def fronts_for(doc: Document, rec: Recognition, frontline: Layer | None) -> dict[int, Layer]:
    """Toponyms with several candidates in sentences reporting ground fighting, when a dated line exists.

    Captures, advances and encirclements happen on the line of contact, so among namesakes the one
    near the line on the article's date is the likelier."""
    front = front_for(frontline, doc.date)
    if front is None:
        return {}
    ground = {
        rec.sent_of[k] for k, tok in enumerate(rec.tokens) if tok.is_word and event_word(tok.lower) in _GROUND
    }
    wanted = [
        k for k, t in enumerate(rec.toponyms) if len(t.candidates) > 1 and rec.sent_of[t.first] in ground
    ]
    return {k: front for k in wanted}


def country_focus(doc: Document, tops: Sequence[Toponym], sections: Sequence[str]) -> dict[str, float]:
    votes: Counter[str] = Counter()
    lang = _LANG_COUNTRY.get(doc.language)
    if lang:
        votes[lang] += LANGUAGE_VOTES
    for t, sec in zip(tops, sections, strict=True):
        if sec not in ("body", "title") or not t.candidates:
            continue
        best = t.candidates[0].place
        if best.kind in ("country", "admin1") and best.country:
            votes[best.country] += COUNTRY_VOTE
        elif len({c.place.country for c in t.candidates}) == 1 and best.country:
            votes[best.country] += ONE_COUNTRY_VOTE
    total = sum(votes.values()) or 1.0
    return {c: v / total for c, v in votes.items()}


def norm_region(name: str | None) -> str:
    if not name:
        return ""
    words = [w for w in name.lower().replace("-", " ").split() if w not in _REGION_WORDS]
    return " ".join(words)


def region_names(place: Place) -> set[str]:
    out = {norm_region(place.name)}
    out.update(norm_region(n) for n in place.names)
    out.discard("")
    return out


_ADMIN1_CODES: dict[tuple[int, str], str | None] = {}


def admin1_code(place: Place, gz: NameIndex) -> str | None:
    """The GeoNames admin1 code of a place ("07"), from the place or the gazetteer; None when unknown.
    Cached by place id (hashing a whole Place, with all its names, costs more than the lookup)."""
    key = (id(gz), place.place_id or f"{place.name}:{place.lat}:{place.lon}")
    if key not in _ADMIN1_CODES:
        if len(_ADMIN1_CODES) > ADMIN1_CACHE_MAX:
            _ADMIN1_CODES.clear()
        _ADMIN1_CODES[key] = admin1_code_uncached(place, gz)
    return _ADMIN1_CODES[key]


def admin1_code_uncached(place: Place, gz: NameIndex) -> str | None:
    if place.kind == "admin1" and place.place_id.startswith("admin1:"):
        code = place.place_id.rsplit(":", 1)[-1]
    elif place.admin1 and len(place.admin1) <= 6 and " " not in place.admin1:
        code = place.admin1
    else:
        getter = getattr(gz, "admin1_code", None)
        code = getter(place) if getter is not None and place.place_id else None
    if not code:
        return None
    return code.rsplit(".", 1)[-1]


def in_region(place: Place, region: Place, gz: NameIndex) -> bool:
    if place.country and region.country and place.country != region.country:
        return False
    if region.kind == "admin1":
        a, b = admin1_code(place, gz), admin1_code(region, gz)
        if a and b:
            return a == b
    names = region_names(region)
    target = place.admin1 if region.kind == "admin1" else (place.admin2 or place.admin1)
    return norm_region(target) in names


def nearest_anchor_km(p: Place, anchors, key: str) -> float | None:
    """Distance to the nearest anchor of another name; an equirectangular estimate, ample for ranking."""
    best = None
    coslat = math.cos(math.radians(p.lat))
    for akey, a in anchors:
        if akey == key or (a.place_id and a.place_id == p.place_id):
            continue
        dx = (a.lon - p.lon) * coslat * KM_PER_DEGREE_LON_AT_EQUATOR
        dy = (a.lat - p.lat) * KM_PER_DEGREE_LAT
        d2 = dx * dx + dy * dy
        if best is None or d2 < best:
            best = d2
    return None if best is None else math.sqrt(best)


def region_place(tops: Sequence[Toponym], q: Qualifier) -> Place | None:
    reg = tops[q.region]
    for c in reg.candidates:
        if c.place.kind in ADMIN:
            return c.place
    return None


_DEMONYM_SKIP = frozenset(
    "the a city town village port capital of місто місті містом село селище город".split()
)


def stated_countries(rec: Recognition) -> dict[int, str]:
    """'the central Russian city of Kazan', 'з американським Нью-Йорком': the country a nationality
    adjective just before the name states."""
    out: dict[int, str] = {}
    tokens = rec.tokens
    for k, t in enumerate(rec.toponyms):
        j, seen = t.first - 1, 0
        while j >= 0 and tokens[j].is_word and seen < 4:
            cc = demonym_country(tokens[j].text)
            if cc is not None:
                out[k] = cc
                break
            if tokens[j].lower not in _DEMONYM_SKIP and direction_of(tokens[j].text) is None and seen > 0:
                break
            seen += 1
            j -= 1
    return out


def regions_near(rec: Recognition, sections: Sequence[str]) -> dict[int, tuple[Place, ...]]:
    """Regions the article names in the sentence before a toponym and in its own."""
    by_sentence: dict[int, list[Place]] = {}
    for t, sec in zip(rec.toponyms, sections, strict=True):
        if sec in ("body", "title") and is_regionish(t) and t.candidates:
            place = next((c.place for c in t.candidates if c.place.kind in ADMIN), None)
            if place is not None:
                by_sentence.setdefault(rec.sent_of[t.first], []).append(place)
    if not by_sentence:
        return {}
    out: dict[int, tuple[Place, ...]] = {}
    for k, t in enumerate(rec.toponyms):
        si = rec.sent_of[t.first]
        found = [p for s in (si - 1, si) for p in by_sentence.get(s, ())]
        if found:
            out[k] = tuple(found)
    return out


@dataclass(frozen=True)
class Evidence:
    """What the article says around every toponym, gathered once; keyed by toponym position.

    The first pass fills the fields above `anchors`; its results (anchors, names taken, the places of
    'near' phrases, support) are added for the second."""

    tops: Sequence[Toponym]
    quals: Mapping[int, Qualifier]  # the region the text puts a settlement in
    partner: dict[int, list[int]]  # the toponyms the text says are other names of this one
    focus: dict[str, float]  # country -> share of the article's attention
    gz: NameIndex
    fronts: dict[int, Layer]  # toponyms in sentences of ground fighting -> the dated line of contact
    regions_near: dict[int, tuple[Place, ...]] = field(default_factory=dict)  # regions in nearby sentences
    stated_country: dict[int, str] = field(default_factory=dict)  # country a demonym before it names
    partner_ids: dict[int, frozenset[str]] = field(default_factory=dict)  # place ids its aliases can be
    near_km: Mapping[int, float | None] = field(default_factory=dict)  # the distance a 'near' phrase states
    anchors: tuple[tuple[str, Place], ...] = ()  # (name, place) of confidently placed settlements
    taken: dict[str, str] = field(default_factory=dict)  # place_id -> the name it was confidently found under
    near: dict[int, Place] = field(default_factory=dict)  # toponym -> the place the text says it is near
    support: tuple = ()  # (article total, per toponym): place_id -> how strongly other names point there
    list_centre: dict[int, tuple[float, float]] = field(default_factory=dict)  # (lat, lon) where the
    # other items of the list this toponym is in were placed by the first pass
