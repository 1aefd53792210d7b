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

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from geomap.gazetteer.katottg import approximate_reason
from geomap.model import Candidate, Document, Mention, Place
from geomap.text import cues
from geomap.text.capitals import is_capital_place
from geomap.text.recognise import NameIndex, Recognition, Toponym
from geomap.text.relations import aliases, near, near_distances, qualifiers
from geomap.text.stoplists import (
    APPROXIMATE_PREPOSITIONS,
    LOCATIVE_PREPOSITIONS,
)

_ADMIN = ("admin1", "admin2")
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
    sections = cues.sections_of(doc, tops)
    quals = qualifiers(tops, rec.tokens, text, rec.sent_of)
    links = aliases(tops, text, rec.sent_of)
    partner: dict[int, list[int]] = {}
    for a, b, _stated in links:
        partner.setdefault(a, []).append(b)
        partner.setdefault(b, []).append(a)
    focus = cues.country_focus(doc, tops, sections)

    # pass 1: without proximity; confident settlements become anchors for pass 2
    ctx = _Ctx(
        tops,
        quals,
        partner,
        focus,
        gz,
        cues.fronts_for(doc, rec),
        regions_near=cues.regions_near(rec, sections),
        stated_country=cues.stated_countries(rec),
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
    spans = cues.sentence_spans(doc, tops)
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
            and cues.norm_region(fb.place.place.admin1) in cues.region_names(m.place.place)
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
            d = abs(cues.haversine_km(p.lat, p.lon, near_to.lat, near_to.lon) - (ctx.near_km.get(k) or 0.0))
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
            near = cues.nearest_anchor_km(p, anchors, key)
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
    region = cues.region_place(tops, q) if q else None
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
            d = cues.front_km(front, p)
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
            if p.kind not in _ADMIN and cues.in_region(p, region, gz):
                s += 1.5
                why.append(f"in {region.name} as the text says")
                if q.direction is not None:
                    # soft: a region's centre is itself approximate, so agreement counts by its cosine
                    delta = cues.angle(cues.bearing(region.lat, region.lon, p.lat, p.lon), q.direction)
                    s += 0.4 * math.cos(math.radians(delta))
                    if delta <= 60:
                        why.append("in the part of the region the text names")
                    elif delta >= 110:
                        why.append("in the opposite part of the region from the text's direction")
            elif p.kind not in _ADMIN:
                s -= 1.0 if q.explicit else 0.3
                why.append(f"not in {region.name}, which the text names")
        if region is None and p.kind not in _ADMIN and ctx.regions_near.get(k):
            inside = next((r for r in ctx.regions_near[k] if cues.in_region(p, r, gz)), None)
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
    quality = {"fuzzy": 0.7, "translit": 0.9, "loose": 0.8, "inflected": 0.95}.get(chosen.cand.match, 1.0)
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

    region = cues.region_place(tops, q) if q else None
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
        and not cues.in_region(place, region, gz)
    )
    near_to = near_place.get(k)
    if near_to is not None and place.kind not in (*_ADMIN, "country"):
        far = cues.haversine_km(place.lat, place.lon, near_to.lat, near_to.lon)
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
    if precision == 1 and (chosen.cand.match == "fuzzy" or _approximate(rec, t) or place.uncertainty_km > 0):
        precision = 2
    note = approximate_reason(place) if place.uncertainty_km > 0 else ""
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
