"""Choose a place for every recognised toponym, using the whole article as context.

Evidence, each adding to a candidate's score (the reasons are kept on the chosen Candidate):
the gazetteer's own prior (population, kind), the article's country focus, the region the text
puts the name in ("Lozova in the northeastern Kharkiv region") and the compass direction inside it,
feature words ("village" argues against a city of 50,000), stated aliases (both names must name one
place), and nearness to the other places of the article (a village near Kurakhove beats a namesake
800 km away). When the text's region contradicts every candidate, or the gazetteer lacks the name,
the mention is placed at that region with precision 3 and the reason in `note`: an honest fallback
rather than a namesake the text rules out.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

from geomap.model import Candidate, Document, Mention, Place
from geomap.text.capitals import is_capital_place
from geomap.text.recognise import NameIndex, Recognition, Toponym
from geomap.text.relations import Qualifier, aliases, is_regionish, near, near_distances, qualifiers
from geomap.text.stoplists import (
    APPROXIMATE_PREPOSITIONS,
    LOCATIVE_PREPOSITIONS,
    demonym_country,
    direction_of,
)
from geomap.text.triggers import event_word

_LANG_COUNTRY = {"ru": "RU", "uk": "UA"}
_ADMIN = ("admin1", "admin2")
_REGION_WORDS = frozenset(
    "oblast region province krai kray republic of the raion rayon district governorate area".split()
)
_MAX_ALTERNATIVES = 4
_NEAR_LIMIT_KM = 80.0  # "X, near Y" / "X, 6 km south of Y": a namesake farther than this contradicts the text
_SMALL = 50_000


class _Scored(NamedTuple):
    """A candidate with its score in this article and the reasons (a tuple: built for every candidate)."""

    cand: Candidate
    score: float
    reasons: tuple[str, ...]


def resolve(doc: Document, rec: Recognition, gz: NameIndex) -> tuple[Mention, ...]:
    """Mentions with place, precision, confidence, alternatives, entity and note (role left to interpret)."""
    tops = rec.toponyms
    text = doc.text
    sections = _sections_of(doc, tops)
    quals = qualifiers(tops, rec.tokens, text, rec.sent_of)
    links = aliases(tops, text, rec.sent_of)
    partner: dict[int, list[int]] = {}
    for a, b, _stated in links:
        partner.setdefault(a, []).append(b)
        partner.setdefault(b, []).append(a)
    focus = _country_focus(doc, tops, sections)

    # pass 1: without proximity; confident settlements become anchors for pass 2
    ctx = _Ctx(
        tops,
        quals,
        partner,
        focus,
        gz,
        _fronts(doc, rec),
        regions_near=_regions_near(rec, sections),
        stated_country=_stated_countries(rec),
        partner_ids={
            k: frozenset(c.place.place_id for j in js for c in tops[j].candidates if c.place.place_id)
            for k, js in partner.items()
        },
    )
    statics: dict = {}
    first = _rank_all(ctx, sections, statics=statics)
    anchors: dict[tuple[str, str], Place] = {}  # (name, place id) -> place: unique, so long texts stay linear
    taken: dict[str, str] = {}
    for k, ranked in enumerate(first):
        if not ranked or sections[k] != "body" and sections[k] != "title":
            continue
        top = ranked[0]
        margin = top.score - (ranked[1].score if len(ranked) > 1 else -1.0)
        if top.cand.place.kind == "settlement" and margin >= 0.5 and not is_capital_place(top.cand.place):
            anchors.setdefault((tops[k].key.lower(), top.cand.place.place_id), top.cand.place)
            if top.cand.place.place_id and top.cand.match in ("exact", "folded"):
                taken.setdefault(top.cand.place.place_id, tops[k].key.lower())
    near_place = {a: first[b][0].cand.place for a, b in near(tops, text, rec.sent_of).items() if first[b]}
    near_km = near_distances(tops, text, rec.sent_of)
    support = _support(first, sections)
    anchor_list = tuple((name, place) for (name, _pid), place in anchors.items())
    ctx = replace(ctx, anchors=anchor_list, taken=taken, near=near_place, near_km=near_km, support=support)
    ranked_all = _rank_all(ctx, sections, previous=first, statics=statics)

    # aliases: both names take the place they share, else the better-supported name's place
    chosen: dict[int, _Scored | None] = {k: (r[0] if r else None) for k, r in enumerate(ranked_all)}
    for a, b, _stated in links:
        ra, rb = ranked_all[a], ranked_all[b]
        shared = _best_shared(ra, rb)
        if shared is not None:
            chosen[a] = chosen[b] = shared
        elif ra or rb:
            better = max((x for x in (ra[:1] + rb[:1])), key=lambda s: s.score)
            chosen[a] = chosen[b] = better

    mentions: list[Mention] = []
    kept: list[int] = []
    spans = _sentence_spans(doc, tops)
    for k, t in enumerate(tops):
        m = _mention(
            rec, t, k, sections[k], spans[k], chosen[k], ranked_all[k], quals.get(k), tops, gz, text, ctx
        )
        if m is None:
            continue
        mentions.append(m)
        kept.append(k)
    mentions = _one_sense_for_fallbacks(mentions, [tops[by] for by in kept], quals, ctx.near, kept)
    return tuple(_entities(mentions, [(tops[a], tops[b]) for a, b, _ in links]))


def _one_sense_for_fallbacks(mentions, tops, quals, near_of, index) -> list[Mention]:
    """When the text rules out every namesake of a name once (and it was placed at its region or near a
    town instead), its other mentions without context of their own get the same placement, not the
    namesake the text ruled out ("Каменского" in a headline, "Каменское ... в Запорожской области")."""
    fallback: dict[str, Mention] = {}
    for m, t in zip(mentions, tops, strict=True):
        if m.place is not None and m.place.match in ("region", "near"):
            key = fold_key(t.key)
            if key not in fallback or m.precision < fallback[key].precision:
                fallback[key] = m  # the most precise honest placement the article allows
    if not fallback:
        return mentions
    out = []
    for m, t, k in zip(mentions, tops, index, strict=True):
        fb = fallback.get(fold_key(t.key))
        own_context = k in quals or k in near_of
        ruled_out = {a.place.place_id for a in fb.alternatives} if fb is not None else set()
        coarser = (
            fb is not None
            and m.place is not None
            and m.place.match == "region"
            and fb.place.match == "near"
            and m.place.place.kind == "admin1"
            and _norm_region(fb.place.place.admin1) in _region_names(m.place.place)
        )  # "A and B in region R" placed at R; elsewhere "A, 6 km south of B": near B is finer and agrees
        if (
            fb is not None
            and fb is not m
            and m.place is not None
            and (coarser or (not own_context and m.place.place.place_id in ruled_out))
        ):
            m = replace(
                m,
                place=fb.place,
                precision=fb.precision,
                confidence=min(m.confidence, fb.confidence),
                alternatives=(m.place, *m.alternatives[: _MAX_ALTERNATIVES - 1]),
                note=f"placed as '{fb.text}' elsewhere in the article, where the text rules out "
                f"{m.place.place.name}",
            )
        out.append(m)
    return out


def fold_key(key: str) -> str:
    """One key for the forms of a name: case and ё folded; a Cyrillic name is cut to its stem, since
    morphology may guess different nominatives for its forms ("Каменского" -> каменский, "Каменское")."""
    low = key.lower().replace("ё", "е")
    if low and "\u0400" <= low[0] <= "\u04ff":
        return low[: max(4, len(low) - 3)]
    return low


_GROUND = frozenset({"capture claim", "advance", "encirclement", "battle", "withdrawal"})
_FRONT_MAX_AGE_DAYS = 120


@lru_cache(maxsize=16)
def _front_line(date: str):
    """(layer date, geometry, segments) of the shipped line of contact near `date`, or None."""
    import datetime as dt

    try:
        from geomap.geodesy import segments_of
        from geomap.layers import frontline_for

        layer = frontline_for(date)
    except Exception:  # no layer for that date, or layers not in this build: the cue is simply absent
        return None
    if not layer.date or abs((dt.date.fromisoformat(layer.date) - dt.date.fromisoformat(date)).days) > (
        _FRONT_MAX_AGE_DAYS
    ):
        return None
    return (layer.date, layer.geometry, segments_of(layer.geometry))


def _front_km(front, p: Place) -> float:
    return _front_km_at(front[0], p.lat, p.lon)


@lru_cache(maxsize=65536)
def _front_km_at(date: str, lat: float, lon: float) -> float:
    from geomap.geodesy import point_to_geometry

    front = _front_line(date)
    return point_to_geometry((lat, lon), front[1], segments=front[2]).km


def _sections_of(doc: Document, tops: Sequence[Toponym]) -> list[str]:
    """Section kind of each toponym, by bisection (Document.section_at scans; long texts need log time)."""
    spans = sorted(doc.sections, key=lambda s: s.start)
    starts = [s.start for s in spans]
    out = []
    for t in tops:
        i = bisect.bisect_right(starts, t.start) - 1
        out.append(spans[i].kind if i >= 0 and spans[i].start <= t.start < spans[i].end else "body")
    return out


def _sentence_spans(doc: Document, tops: Sequence[Toponym]) -> list[tuple[int, int]]:
    """The sentence around each toponym, by bisection over the sentence starts."""
    sents = doc.sentences
    starts = [s for s, _ in sents]
    out = []
    for t in tops:
        i = bisect.bisect_right(starts, t.start) - 1
        out.append(sents[i] if i >= 0 and sents[i][0] <= t.start < sents[i][1] else (0, len(doc.text)))
    return out


def _fronts(doc: Document, rec: Recognition) -> dict[int, tuple]:
    """Toponyms with several candidates in sentences reporting ground fighting, when a dated line exists.

    Captures, advances and encirclements happen on the line of contact, so among namesakes the one
    near the line on the article's date is the likelier."""
    if not doc.date:
        return {}
    ground = {
        rec.sent_of[k] for k, tok in enumerate(rec.tokens) if tok.is_word and event_word(tok.lower) in _GROUND
    }
    wanted = [
        k for k, t in enumerate(rec.toponyms) if len(t.candidates) > 1 and rec.sent_of[t.first] in ground
    ]
    if not wanted:
        return {}
    front = _front_line(doc.date)
    return {k: front for k in wanted} if front is not None else {}


def _country_focus(doc: Document, tops: Sequence[Toponym], sections: Sequence[str]) -> dict[str, float]:
    votes: Counter[str] = Counter()
    lang = _LANG_COUNTRY.get(doc.language)
    if lang:
        votes[lang] += 2
    for t, sec in zip(tops, sections, strict=True):
        if sec not in ("body", "title") or not t.candidates:
            continue
        best = t.candidates[0].place
        if best.kind in ("country", "admin1") and best.country:
            votes[best.country] += 1
        elif len({c.place.country for c in t.candidates}) == 1 and best.country:
            votes[best.country] += 0.5
    total = sum(votes.values()) or 1.0
    return {c: v / total for c, v in votes.items()}


def _norm_region(name: str | None) -> str:
    if not name:
        return ""
    words = [w for w in name.lower().replace("-", " ").split() if w not in _REGION_WORDS]
    return " ".join(words)


def _region_names(place: Place) -> set[str]:
    out = {_norm_region(place.name)}
    out.update(_norm_region(n) for n in place.names)
    out.discard("")
    return out


_ADMIN1_CODES: dict[tuple[int, str], str | None] = {}


def _admin1_code(place: Place, gz: NameIndex) -> str | None:
    """The GeoNames admin1 code of a place ("07"), from the place or the gazetteer; None when unknown.
    Cached by place id (hashing a whole Place, with all its names, costs more than the lookup)."""
    key = (id(gz), place.place_id or f"{place.name}:{place.lat}:{place.lon}")
    if key not in _ADMIN1_CODES:
        if len(_ADMIN1_CODES) > 200_000:
            _ADMIN1_CODES.clear()
        _ADMIN1_CODES[key] = _admin1_code_uncached(place, gz)
    return _ADMIN1_CODES[key]


def _admin1_code_uncached(place: Place, gz: NameIndex) -> str | None:
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


def _in_region(place: Place, region: Place, gz: NameIndex) -> bool:
    if place.country and region.country and place.country != region.country:
        return False
    if region.kind == "admin1":
        a, b = _admin1_code(place, gz), _admin1_code(region, gz)
        if a and b:
            return a == b
    names = _region_names(region)
    target = place.admin1 if region.kind == "admin1" else (place.admin2 or place.admin1)
    return _norm_region(target) in names


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _nearest_anchor_km(p: Place, anchors, key: str) -> float | None:
    """Distance to the nearest anchor of another name; an equirectangular estimate, ample for ranking."""
    best = None
    coslat = math.cos(math.radians(p.lat))
    for akey, a in anchors:
        if akey == key or (a.place_id and a.place_id == p.place_id):
            continue
        dx = (a.lon - p.lon) * coslat * 111.32
        dy = (a.lat - p.lat) * 110.57
        d2 = dx * dx + dy * dy
        if best is None or d2 < best:
            best = d2
    return None if best is None else math.sqrt(best)


def _bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(y, x)) + 360.0) % 360.0


def _angle(a: float, b: float) -> float:
    d = abs(a - b) % 360.0
    return min(d, 360.0 - d)


def _region_place(tops: Sequence[Toponym], q: Qualifier) -> Place | None:
    reg = tops[q.region]
    for c in reg.candidates:
        if c.place.kind in _ADMIN:
            return c.place
    return None


@dataclass(frozen=True)
class _Ctx:
    """What the article says around every toponym, gathered once."""

    tops: Sequence[Toponym]
    quals: dict
    partner: dict
    focus: dict[str, float]
    gz: NameIndex
    fronts: dict
    anchors: tuple = ()
    taken: dict = field(default_factory=dict)  # place_id -> the name it was confidently found under
    near: dict = field(default_factory=dict)  # toponym index -> the place the text says it is near
    regions_near: dict = field(default_factory=dict)  # toponym index -> regions named in nearby sentences
    near_km: dict = field(default_factory=dict)  # toponym index -> the distance its 'near' phrase states
    stated_country: dict = field(default_factory=dict)  # toponym index -> country a demonym before it names
    partner_ids: dict = field(default_factory=dict)  # toponym index -> place ids its stated aliases can be
    support: tuple = ()  # per toponym: place_id -> how strongly the article's other toponyms point there


def _shares(ranked: list[_Scored]) -> dict[str, float]:
    if not ranked:
        return {}
    top = ranked[0].score
    zs = [(r.cand.place.place_id, math.exp(3.0 * (r.score - top))) for r in ranked if r.cand.place.place_id]
    total = sum(z for _, z in zs) or 1.0
    return {pid: z / total for pid, z in zs}


def _support(
    first: list[list[_Scored]], sections: Sequence[str]
) -> tuple[dict[str, float], list[dict[str, float]]]:
    """One sense per article: places that the article's other names (inflected forms, old names) also fit.

    Returns the article's total share per place and each toponym's own shares (subtracted on use)."""
    shares = [_shares(r) if sec in ("body", "title") else {} for r, sec in zip(first, sections, strict=True)]
    total: dict[str, float] = {}
    for sh in shares:
        for pid, v in sh.items():
            total[pid] = total.get(pid, 0.0) + v
    return total, shares


_DEMONYM_SKIP = frozenset(
    "the a city town village port capital of місто місті містом село селище город".split()
)


def _stated_countries(rec: Recognition) -> dict[int, str]:
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


def _regions_near(rec: Recognition, sections: Sequence[str]) -> dict[int, tuple[Place, ...]]:
    """Regions the article names in the sentence before a toponym and in its own."""
    by_sentence: dict[int, list[Place]] = {}
    for t, sec in zip(rec.toponyms, sections, strict=True):
        if sec in ("body", "title") and is_regionish(t) and t.candidates:
            place = next((c.place for c in t.candidates if c.place.kind in _ADMIN), None)
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


def _rank_all(
    ctx: _Ctx, sections: Sequence[str], previous: list | None = None, statics: dict | None = None
) -> list[list[_Scored]]:
    """Rank every toponym. A repeated name with no context of its own ranks the same each time, and a
    name with one candidate cannot change rank: both are computed once (articles repeat names a lot)."""
    out: list[list[_Scored]] = []
    memo: dict[tuple, list[_Scored]] = {}
    for k, t in enumerate(ctx.tops):
        if previous is not None and len(t.candidates) <= 1:
            out.append(previous[k])
            continue
        plain = (
            k not in ctx.quals
            and k not in ctx.partner
            and k not in ctx.near
            and k not in ctx.regions_near
            and k not in ctx.stated_country
        )
        key = (t.key, t.region_phrase, t.feature, k in ctx.fronts, sections[k]) if plain else None
        if key is not None and key in memo:
            out.append(memo[key])
            continue
        ranked = _rank(k, ctx, statics)
        if key is not None:
            memo[key] = ranked
        out.append(ranked)
    return out


def _rank(k: int, ctx: _Ctx, statics: dict | None = None) -> list[_Scored]:
    """Score every candidate of toponym k: the article-independent part once (kept in `statics` for the
    second pass), then what depends on the other toponyms' first-pass results."""
    t = ctx.tops[k]
    if not t.candidates:
        return []
    static = statics.get(k) if statics is not None else None
    if static is None:
        static = _static_scores(k, ctx)
        if statics is not None:
            statics[k] = static
    near_to = ctx.near.get(k)
    anchors = ctx.anchors
    key = t.key.lower()
    partner_ids = ctx.partner_ids.get(k, frozenset())
    dynamic = near_to is not None or ctx.support or ctx.taken or anchors
    if not dynamic:
        out = [_Scored(c, s, tuple(why)) for c, s, why in static]
        out.sort(key=lambda x: -x.score)
        return out
    out: list[_Scored] = []
    for c, s, why in static:
        p = c.place
        why = list(why)
        if near_to is not None and p.kind in ("settlement", "feature"):
            d = abs(_haversine_km(p.lat, p.lon, near_to.lat, near_to.lon) - (ctx.near_km.get(k) or 0.0))
            s += 1.2 * math.exp(-d / 40.0)
            if d < 60:
                why.append(f"{d:.0f} km from {near_to.name}, which the text says it is near")
        backing = 0.0
        if ctx.support and p.place_id:
            backing = ctx.support[0].get(p.place_id, 0.0) - ctx.support[1][k].get(p.place_id, 0.0)
        if backing > 0.05:
            s += 0.6 * min(1.0, backing)
            if backing >= 0.5:
                why.append("other names in the article point to this place too")
        other = ctx.taken.get(p.place_id) if p.place_id else None
        if other is not None and other != key and p.place_id not in partner_ids:
            s -= 0.5  # the article already calls this place by another name and does not say they are one
        if anchors and p.kind in ("settlement", "feature"):
            near = _nearest_anchor_km(p, anchors, key)
            if near is not None:
                s += 0.6 * math.exp(-near / 100.0)
                if near < 100:
                    why.append(f"{near:.0f} km from another place in the article")
                elif near > 1500:
                    s -= 0.3
        out.append(_Scored(c, s, tuple(why)))
    out.sort(key=lambda x: -x.score)
    return out


def _static_scores(k: int, ctx: _Ctx) -> list[tuple[Candidate, float, list[str]]]:
    """The part of a candidate's score that the first pass cannot change."""
    tops, quals, focus, gz = ctx.tops, ctx.quals, ctx.focus, ctx.gz
    t = tops[k]
    front = ctx.fronts.get(k)
    q = quals.get(k)
    region = _region_place(tops, q) if q else None
    partner_ids = ctx.partner_ids.get(k, frozenset())
    has_settlement = any(c.place.kind == "settlement" for c in t.candidates)
    out: list[tuple[Candidate, float, list[str]]] = []
    for c in t.candidates:
        p = c.place
        s = c.score
        why: list[str] = []
        if p.kind in ("settlement", "feature"):
            s += 0.8 * (min(1.0, math.log10(p.population + 1) / 7.0) if p.population > 0 else 0.3)
            if is_capital_place(p):
                s += 0.3  # a bare name that is also a national capital usually means the capital
        else:
            s += 0.2
        if (
            front is not None
            and len(t.candidates) > 1
            and p.kind == "settlement"
            and p.country in ("UA", "RU")
        ):
            d = _front_km(front, p)
            s += 1.0 * math.exp(-d / 15.0)
            if d < 30:
                why.append(
                    f"{d:.0f} km from the line of contact of {front[0]}, where ground fighting is reported"
                )
        share = focus.get(p.country or "", 0.0)
        if share:
            s += 0.6 * share
            if share >= 0.2:
                why.append(f"in {p.country}, a country the article is about")
        if t.region_phrase:
            s += 1.0 if p.kind in _ADMIN else -0.6
        elif p.kind in _ADMIN and has_settlement:
            s -= 0.3
        elif p.kind == "country":
            s += 0.3
        if region is not None:
            if p.kind not in _ADMIN and _in_region(p, region, gz):
                s += 1.5
                why.append(f"in {region.name} as the text says")
                if q.direction is not None:
                    # soft: a region's centre is itself approximate, so agreement counts by its cosine
                    delta = _angle(_bearing(region.lat, region.lon, p.lat, p.lon), q.direction)
                    s += 0.4 * math.cos(math.radians(delta))
                    if delta <= 60:
                        why.append("in the part of the region the text names")
                    elif delta >= 110:
                        why.append("in the opposite part of the region from the text's direction")
            elif p.kind not in _ADMIN:
                s -= 1.0 if q.explicit else 0.3
                why.append(f"not in {region.name}, which the text names")
        if region is None and p.kind not in _ADMIN and ctx.regions_near.get(k):
            inside = next((r for r in ctx.regions_near[k] if _in_region(p, r, gz)), None)
            if inside is not None:
                s += 0.6
                why.append(f"in {inside.name}, which the article names nearby")
        said = ctx.stated_country.get(k)
        if said is not None and p.kind != "country":
            if p.country == said:
                s += 1.2
                why.append(f"in {said}, as the nationality adjective before the name says")
            else:
                s -= 0.8
        if t.feature == "village" and p.population > _SMALL:
            s -= 0.8
            why.append(f"population {p.population:,} is not a village's")
        elif t.feature == "village" and p.population <= 20_000:
            s += 0.2
        elif t.feature == "city" and 0 < p.population < 10_000 and p.kind == "settlement":
            s -= 0.4
            why.append("too small for the 'city' the text says")
        if p.place_id and p.place_id in partner_ids:
            s += 2.0
            why.append("the other name the text gives names this place too")
        out.append((c, s, why))
    return out


def _best_shared(ra: list[_Scored], rb: list[_Scored]) -> _Scored | None:
    ids_b = {s.cand.place.place_id: s for s in rb if s.cand.place.place_id}
    best: _Scored | None = None
    for s in ra:
        other = ids_b.get(s.cand.place.place_id)
        if other is not None:
            total = _Scored(s.cand, max(s.score, other.score), s.reasons + other.reasons)
            if best is None or total.score > best.score:
                best = total
    return best


def _confidence(ranked: list[_Scored], chosen: _Scored) -> float:
    zs = [math.exp(3.0 * (r.score - chosen.score)) for r in ranked] or [1.0]
    p = 1.0 / sum(zs) if ranked else 1.0
    quality = {"fuzzy": 0.7, "translit": 0.9, "inflected": 0.95, "region": 0.6}.get(chosen.cand.match, 1.0)
    return max(0.05, min(1.0, p * quality * 0.97 + 0.03 * (len(ranked) == 1)))


def _approximate(rec: Recognition, t: Toponym) -> bool:
    k = t.first - 1
    while k >= 0 and rec.tokens[k].is_word and rec.tokens[k].lower in ("the", "of"):
        k -= 1
    return k >= 0 and rec.tokens[k].is_word and rec.tokens[k].lower in APPROXIMATE_PREPOSITIONS


def _anchored(rec: Recognition, t: Toponym) -> bool:
    """A locative preposition or feature word introduces the name, or it is a region phrase."""
    if t.region_phrase or t.feature is not None:
        return True
    k = t.first - 1
    while k >= 0 and rec.tokens[k].is_word and rec.tokens[k].lower in ("the", "a"):
        k -= 1
    return k >= 0 and rec.tokens[k].is_word and rec.tokens[k].lower in LOCATIVE_PREPOSITIONS


def _mention(rec, t, k, section, span, chosen, ranked, q, tops, gz, text, ctx) -> Mention | None:
    near_place = ctx.near
    s0, s1 = span
    sentence = text[s0:s1]

    def mk(**kw) -> Mention:  # one constructor call: dataclasses.replace costs more per mention
        return Mention(text=t.text, start=t.start, end=t.end, sentence=sentence, section=section, **kw)

    region = _region_place(tops, q) if q else None
    if chosen is None:
        near_to = near_place.get(k)
        if near_to is not None:
            return mk(
                place=Candidate(
                    near_to, 0.5, "near", near_to.name, (f"near {near_to.name} as the text says",)
                ),
                precision=2,
                confidence=0.5,
                note=f"'{t.text}' is not in the gazetteer; placed near {near_to.name} as the text says",
            )
        if region is not None:
            return mk(
                place=Candidate(region, 0.5, "region", region.name, ("the region the text names",)),
                precision=3,
                confidence=0.5,
                note=f"'{t.text}' is not in the gazetteer; placed at {region.name}, the text's region",
            )
        return mk(note=f"'{t.text}' is not in the gazetteer and the text gives no region")
    if section not in ("body", "title") and not _anchored(rec, t):
        return None  # boilerplate: only places the text clearly presents as places ("in Vredepeel")
    place = chosen.cand.place
    if t.feature == "river" and not any(c.place.kind == "feature" for c in t.candidates):
        return mk(note=f"'{t.text}' names a river here; the gazetteer has no river of that name")
    # sentence-initial single words that only match small foreign places are ordinary words
    if (
        t.sentence_initial
        and t.first == t.last
        and place.kind == "settlement"
        and place.population < _SMALL
        and not chosen.reasons
    ):
        return None
    alts = tuple(
        Candidate(
            r.cand.place, round(r.score, 4), r.cand.match, r.cand.matched_name, r.cand.reasons + r.reasons
        )
        for r in [r for r in ranked if r.cand.place is not place][:_MAX_ALTERNATIVES]
    )
    confidence = _confidence(ranked, chosen)
    c0 = chosen.cand
    cand = Candidate(c0.place, round(confidence, 4), c0.match, c0.matched_name, c0.reasons + chosen.reasons)
    contradicted = (
        region is not None
        and q is not None
        and q.explicit
        and place.kind not in _ADMIN
        and not _in_region(place, region, gz)
    )
    near_to = near_place.get(k)
    if near_to is not None and place.kind not in (*_ADMIN, "country"):
        far = _haversine_km(place.lat, place.lon, near_to.lat, near_to.lon)
        stated = ctx.near_km.get(k)
        if far > max(_NEAR_LIMIT_KM, 1.5 * stated + 20 if stated else 0.0):
            note = (
                f"no '{t.text}' near {near_to.name} in the gazetteer; placed near it as the text says"
                f" (namesake {place.name}, {place.admin1 or place.country}, is {far:.0f} km away)"
            )
            fallback = Candidate(
                near_to, 0.5, "near", near_to.name, (f"near {near_to.name} as the text says",)
            )
            return mk(place=fallback, precision=2, confidence=0.5, alternatives=(cand, *alts), note=note)
    if contradicted:
        # every candidate lies outside the region the text states: place the mention at that region
        note = (
            f"no '{t.text}' in {region.name} in the gazetteer; placed at the region the text gives"
            f" (namesake {place.name}, {place.admin1 or place.country} contradicts the text)"
        )
        fallback = Candidate(region, 0.5, "region", region.name, ("the region the text names",))
        return mk(place=fallback, precision=3, confidence=0.5, alternatives=(cand, *alts), note=note)
    precision = 3 if place.kind in (*_ADMIN, "country") else 1
    if precision == 1 and (chosen.cand.match == "fuzzy" or _approximate(rec, t)):
        precision = 2
    note = ""
    if t.feature == "village" and place.population > _SMALL:
        note = f"the text says village but {place.name} has {place.population:,} people"
    if len(ranked) > 1 and confidence < 0.5:
        note = (note + "; " if note else "") + f"ambiguous: {len(ranked)} places are called '{t.text}'"
    return mk(place=cand, precision=precision, confidence=confidence, alternatives=alts, note=note)


def with_fields(m: Mention, **changes) -> Mention:
    """A copy of a Mention with some fields changed; a direct constructor call (cheaper than replace)."""
    f = {
        "text": m.text,
        "start": m.start,
        "end": m.end,
        "sentence": m.sentence,
        "role": m.role,
        "place": m.place,
        "precision": m.precision,
        "confidence": m.confidence,
        "event_type": m.event_type,
        "claimant": m.claimant,
        "alternatives": m.alternatives,
        "section": m.section,
        "entity": m.entity,
        "note": m.note,
    }
    f.update(changes)
    return Mention(**f)


def _entities(mentions: list[Mention], links: list[tuple[Toponym, Toponym]]) -> list[Mention]:
    """Same entity number for mentions of one place and for names the text states are aliases."""
    parent = list(range(len(mentions)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_start = {m.start: i for i, m in enumerate(mentions)}
    by_key: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.place is None or m.place.match in ("region", "near"):
            key = "?" + m.text.lower()  # a fallback placement is not the region (or town) it is placed at
        else:
            key = m.place.place.place_id or m.place.place.name
        if key in by_key:
            parent[find(i)] = find(by_key[key])
        else:
            by_key[key] = i
    for a, b in links:
        ia, ib = by_start.get(a.start), by_start.get(b.start)
        if ia is not None and ib is not None:
            parent[find(ia)] = find(ib)
    numbers: dict[int, int] = {}
    out = []
    for i, m in enumerate(mentions):
        root = find(i)
        numbers.setdefault(root, len(numbers) + 1)
        out.append(with_fields(m, entity=numbers[root]))
    return out
