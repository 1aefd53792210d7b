"""Resolution in two passes over the article, then the aliases, the fallbacks and the entities.

Pass 1 ranks every toponym on its own evidence; its confident settlements become anchors, and the
places of 'near' phrases and the support of other names are read from it. Pass 2 ranks again with
those. Stated aliases then take the place they share.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from geomap.model import Document, Mention, Place
from geomap.resolve.entities import entities
from geomap.resolve.evidence import (
    Evidence,
    country_focus,
    fronts_for,
    regions_near,
    sections_of,
    sentence_spans,
    stated_countries,
)
from geomap.resolve.fallbacks import one_sense_for_fallbacks, place_mention
from geomap.resolve.scores import Scored, Static, rank, shares
from geomap.text.capitals import is_capital_place
from geomap.text.recognise import NameIndex, Recognition
from geomap.text.relations import Relations

if TYPE_CHECKING:
    from geomap.layers import Layer

ANCHOR_MARGIN = 0.5  # a settlement this far ahead of its best rival anchors the others
NO_RIVAL = (
    -1.0
)  # the score a sole candidate's missing rival counts as: a sole settlement leads by 1 + its score
_STORY = ("body", "title")  # the sections that are the article itself (not captions, adverts, teasers)


def resolve(
    doc: Document, rec: Recognition, gz: NameIndex, rel: Relations, frontline: Layer | None = None
) -> tuple[Mention, ...]:
    """Mentions with place, precision, confidence, alternatives, entity and note (role left to interpret).

    `rel` is what the text states between the toponyms (`text.relations.relations_of`); `frontline` is the
    line of contact the pipeline reads the article against (None: no front-line evidence)."""
    tops = rec.toponyms
    sections = sections_of(doc, tops)
    partner: dict[int, list[int]] = {}
    for a, b, _stated in rel.aliases:
        partner.setdefault(a, []).append(b)
        partner.setdefault(b, []).append(a)
    first_ev = Evidence(
        tops,
        rel.qualifiers,
        partner,
        country_focus(doc, tops, sections),
        gz,
        fronts_for(doc, rec, frontline),
        regions_near=regions_near(rec, sections),
        stated_country=stated_countries(rec),
        partner_ids={
            k: frozenset(c.place.place_id for j in js for c in tops[j].candidates if c.place.place_id)
            for k, js in partner.items()
        },
        near_km=rel.near_km,
    )
    statics: dict[int, list[Static]] = {}
    first = rank_all(first_ev, sections, statics=statics)
    ev = _second_pass_evidence(first_ev, first, sections, rel)
    ranked_all = rank_all(ev, sections, previous=first, statics=statics)
    chosen = _aliases_agree(ranked_all, rel.aliases)

    mentions: list[Mention] = []
    kept: list[int] = []
    spans = sentence_spans(doc, tops)
    for k in range(len(tops)):
        m = place_mention(rec, k, sections[k], spans[k], chosen[k], ranked_all[k], ev, doc.text)
        if m is None:
            continue
        mentions.append(m)
        kept.append(k)
    mentions = one_sense_for_fallbacks(mentions, [tops[by] for by in kept], ev, kept)
    return tuple(entities(mentions, [(tops[a], tops[b]) for a, b, _ in rel.aliases]))


def _second_pass_evidence(
    ev: Evidence, first: list[list[Scored]], sections: Sequence[str], rel: Relations
) -> Evidence:
    """The first pass's results as evidence: confident settlements become anchors (and the names they were
    found under), 'near' phrases get their places, and each place the support of the other names."""
    tops = ev.tops
    anchors: dict[tuple[str, str], Place] = {}  # (name, place id) -> place: unique, so long texts stay linear
    taken: dict[str, str] = {}
    for k, ranked in enumerate(first):
        if not ranked or sections[k] not in _STORY:
            continue
        top = ranked[0]
        margin = top.score - (ranked[1].score if len(ranked) > 1 else NO_RIVAL)
        if (
            top.cand.place.kind == "settlement"
            and margin >= ANCHOR_MARGIN
            and not is_capital_place(top.cand.place)
        ):
            anchors.setdefault((tops[k].key.lower(), top.cand.place.place_id), top.cand.place)
            if top.cand.place.place_id and top.cand.match in ("exact", "folded"):
                taken.setdefault(top.cand.place.place_id, tops[k].key.lower())
    near_place = {a: first[b][0].cand.place for a, b in rel.near.items() if first[b]}
    anchor_list = tuple((name, place) for (name, _pid), place in anchors.items())
    return replace(
        ev,
        anchors=anchor_list,
        taken=taken,
        near=near_place,
        support=support(first, sections),
        list_centre=list_centres(first, rel.list_of),
    )


LIST_MIN_ITEMS = 3  # "A and B" may join places far apart; a list of three or more is one area's


def list_centres(first: list[list[Scored]], list_of) -> dict[int, tuple[float, float]]:
    """For each item of a list of places, the median point of where the first pass put the other items
    (the median, so that one far namesake among them does not pull it)."""
    members: dict[int, list[int]] = {}
    for k, head in list_of.items():
        members.setdefault(head, [head]).append(k)
    out: dict[int, tuple[float, float]] = {}
    for items in members.values():
        if len(items) < LIST_MIN_ITEMS:
            continue
        points = {
            k: (first[k][0].cand.place.lat, first[k][0].cand.place.lon)
            for k in items
            if first[k] and first[k][0].cand.place.kind == "settlement"
        }
        for k in items:
            others = [pt for j, pt in points.items() if j != k]
            if len(others) >= LIST_MIN_ITEMS - 1:
                out[k] = (statistics.median(p[0] for p in others), statistics.median(p[1] for p in others))
    return out


def support(
    first: list[list[Scored]], sections: Sequence[str]
) -> tuple[dict[str, float], list[dict[str, float]]]:
    """One sense per article: places that the article's other names (inflected forms, old names) also fit.

    Returns the article's total share per place and each toponym's own shares (subtracted on use)."""
    each = [shares(r) if sec in _STORY else {} for r, sec in zip(first, sections, strict=True)]
    total: dict[str, float] = {}
    for sh in each:
        for pid, v in sh.items():
            total[pid] = total.get(pid, 0.0) + v
    return total, each


def rank_all(
    ev: Evidence,
    sections: Sequence[str],
    previous: list[list[Scored]] | None = None,
    statics: dict[int, list[Static]] | None = None,
) -> list[list[Scored]]:
    """Rank every toponym. A repeated name with no context of its own ranks the same each time, and a
    name with one candidate cannot change rank: both are computed once (articles repeat names a lot)."""
    out: list[list[Scored]] = []
    memo: dict[tuple, list[Scored]] = {}
    for k, t in enumerate(ev.tops):
        if previous is not None and len(t.candidates) <= 1:
            out.append(previous[k])
            continue
        plain = (
            k not in ev.quals
            and k not in ev.partner
            and k not in ev.near
            and k not in ev.regions_near
            and k not in ev.stated_country
            and k not in ev.list_centre
        )
        key = (t.key, t.region_phrase, t.feature, k in ev.fronts, sections[k]) if plain else None
        if key is not None and key in memo:
            out.append(memo[key])
            continue
        ranked = rank(k, ev, statics)
        if key is not None:
            memo[key] = ranked
        out.append(ranked)
    return out


def _aliases_agree(ranked_all: list[list[Scored]], links) -> dict[int, Scored | None]:
    """Each toponym's choice; stated aliases both take the place they share, else the better-supported
    name's place."""
    chosen: dict[int, Scored | None] = {k: (r[0] if r else None) for k, r in enumerate(ranked_all)}
    for a, b, _stated in links:
        ra, rb = ranked_all[a], ranked_all[b]
        shared = _best_shared(ra, rb)
        if shared is not None:
            chosen[a] = chosen[b] = shared
        elif ra or rb:
            better = max((x for x in (ra[:1] + rb[:1])), key=lambda s: s.score)
            chosen[a] = chosen[b] = better
    return chosen


def _best_shared(ra: list[Scored], rb: list[Scored]) -> Scored | None:
    """The best place both names can be, with the better of their two scores and both sets of reasons."""
    ids_b = {s.cand.place.place_id: s for s in rb if s.cand.place.place_id}
    best: Scored | None = None
    for s in ra:
        other = ids_b.get(s.cand.place.place_id)
        if other is not None:
            total = Scored(s.cand, max(s.score, other.score), s.reasons + other.reasons)
            if best is None or total.score > best.score:
                best = total
    return best
