"""From a toponym's ranked candidates to its Mention: the chosen place, or an honest fallback.

When the text's region contradicts every candidate, or the 'near' place it gives is far from the chosen
namesake, or the gazetteer lacks the name, the mention is placed at that region (precision 3) or near that
town (precision 2) with the reason in `note`, rather than at a namesake the text rules out.
"""

from __future__ import annotations

from dataclasses import replace

from geomap.gazetteer.katottg import approximate_reason
from geomap.geodesy.spherical import haversine_km
from geomap.model import Candidate, Mention
from geomap.resolve.evidence import ADMIN, Evidence, in_region, norm_region, region_names, region_place
from geomap.resolve.scores import SMALL_TOWN, Scored, confidence
from geomap.text.recognise import Recognition, Toponym
from geomap.text.relations import Qualifier
from geomap.text.stoplists import APPROXIMATE_PREPOSITIONS, LOCATIVE_PREPOSITIONS

MAX_ALTERNATIVES = 4  # rivals kept on a mention for the reader (and the map's popup)
NEAR_LIMIT_KM = 80.0  # "X, near Y" / "X, 6 km south of Y": a namesake farther than this contradicts the text
NEAR_STATED_FACTOR = 1.5  # with a stated distance, a namesake up to 1.5 times it ...
NEAR_STATED_SLACK_KM = 20.0  # ... plus 20 km away still fits the text
NAMED_AFTER_CONFIDENCE = 0.7  # a raion, plant or sector placed at the town it is named after: the
# town is right, the thing itself may lie tens of kilometres from it (Vuhlehirsk power plant, Svitlodarsk)
FALLBACK_SCORE = 0.5  # the confidence of a placement at the text's region or 'near' town: honest, coarse
AMBIGUOUS_BELOW = 0.5  # a choice less confident than this among several namesakes is called ambiguous
EXACT, APPROXIMATE, REGIONAL = 1, 2, 3  # Mention.precision: the point, near it, the region


def place_mention(
    rec: Recognition,
    k: int,
    section: str,
    span: tuple[int, int],
    chosen: Scored | None,
    ranked: list[Scored],
    ev: Evidence,
    text: str,
) -> Mention | None:
    """The Mention of toponym k; None when it is no place (boilerplate, a sentence-initial word)."""
    t = ev.tops[k]
    q = ev.quals.get(k)
    s0, s1 = span
    sentence = text[s0:s1]

    def mk(**kw) -> Mention:  # one constructor call: dataclasses.replace costs more per mention
        return Mention(text=t.text, start=t.start, end=t.end, sentence=sentence, section=section, **kw)

    region = region_place(ev.tops, q) if q else None
    if chosen is None:
        return _unknown_name(t, ev.near.get(k), region, mk)
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
        and place.population < SMALL_TOWN
        and not chosen.reasons
    ):
        return None
    # "Туапсинский НПЗ", "в Стародубском районе": at the town, which the thing itself may lie outside
    cap = NAMED_AFTER_CONFIDENCE if t.named_after else 1.0
    sure = min(confidence(ranked, chosen), cap)
    aliased = bool(ranked) and ranked[0].cand.place is not place  # the choice came from a stated alias
    alts = tuple(
        _alternative(r, ranked, sure, place.name, aliased, cap)
        for r in [r for r in ranked if r.cand.place is not place][:MAX_ALTERNATIVES]
    )
    c0 = chosen.cand
    cand = Candidate(c0.place, round(sure, 4), c0.match, c0.matched_name, c0.reasons + chosen.reasons)
    fallback = _text_rules_out(t, k, cand, region, q, ev)
    if fallback is not None:
        place_at, precision, note = fallback
        ruled_out = replace(cand, reasons=(*cand.reasons, f"not chosen: {note}"))
        return mk(
            place=place_at,
            precision=precision,
            confidence=FALLBACK_SCORE,
            alternatives=(ruled_out, *alts),
            note=note,
        )
    precision = REGIONAL if place.kind in (*ADMIN, "country") else EXACT
    if precision == EXACT and (
        chosen.cand.match == "fuzzy" or _approximate(rec, t) or place.uncertainty_km > 0 or t.named_after
    ):
        precision = APPROXIMATE
    note = approximate_reason(place) if place.uncertainty_km > 0 else ""
    if t.feature == "village" and place.population > SMALL_TOWN:
        note = f"the text says village but {place.name} has {place.population:,} people"
    if len(ranked) > 1 and sure < AMBIGUOUS_BELOW:
        note = (note + "; " if note else "") + f"ambiguous: {len(ranked)} places are called '{t.text}'"
    return mk(place=cand, precision=precision, confidence=sure, alternatives=alts, note=note)


def _alternative(
    r: Scored, ranked: list[Scored], sure: float, chosen: str, aliased: bool, cap: float = 1.0
) -> Candidate:
    """A rival on the chosen place's scale: its confidence computed as the choice's is (0..1), not its raw
    ranking score, so that the two compare. One above the choice says why it was not chosen."""
    score = round(min(confidence(ranked, r), cap), 4)
    reasons = r.cand.reasons + r.reasons
    if score > sure:
        why = (
            f"the text's other name for the place points to {chosen}"
            if aliased
            else f"a closer match of the name, but {chosen} fits the article better"
        )
        reasons += (f"scores {score:.2f} against {chosen}'s {sure:.2f}: {why}",)
    return Candidate(r.cand.place, score, r.cand.match, r.cand.matched_name, reasons)


def _unknown_name(t: Toponym, near_to, region, mk) -> Mention:
    """A name the gazetteer lacks: near the town the text gives, at its region, or nowhere."""
    if near_to is not None:
        return mk(
            place=_near(near_to),
            precision=APPROXIMATE,
            confidence=FALLBACK_SCORE,
            note=f"'{t.text}' is not in the gazetteer; placed near {near_to.name} as the text says",
        )
    if region is not None:
        return mk(
            place=_at_region(region),
            precision=REGIONAL,
            confidence=FALLBACK_SCORE,
            note=f"'{t.text}' is not in the gazetteer; placed at {region.name}, the text's region",
        )
    return mk(note=f"'{t.text}' is not in the gazetteer and the text gives no region")


def _text_rules_out(
    t: Toponym, k: int, cand: Candidate, region, q: Qualifier | None, ev: Evidence
) -> tuple[Candidate, int, str] | None:
    """(placement, precision, note) when the text contradicts the chosen namesake: it is far from the town
    the text says it is near, or outside the region the text states; else None."""
    place = cand.place
    near_to = ev.near.get(k)
    if near_to is not None and place.kind not in (*ADMIN, "country"):
        far = haversine_km(place.lat, place.lon, near_to.lat, near_to.lon)
        stated = ev.near_km.get(k)
        if far > max(NEAR_LIMIT_KM, NEAR_STATED_FACTOR * stated + NEAR_STATED_SLACK_KM if stated else 0.0):
            note = (
                f"no '{t.text}' near {near_to.name} in the gazetteer; placed near it as the text says"
                f" (namesake {place.name}, {place.admin1 or place.country}, is {far:.0f} km away)"
            )
            return _near(near_to), APPROXIMATE, note
    if (
        region is not None
        and q is not None
        and q.explicit
        and place.kind not in ADMIN
        and not in_region(place, region, ev.gz)
    ):
        # every candidate lies outside the region the text states: place the mention at that region
        note = (
            f"no '{t.text}' in {region.name} in the gazetteer; placed at the region the text gives"
            f" (namesake {place.name}, {place.admin1 or place.country} contradicts the text)"
        )
        return _at_region(region), REGIONAL, note
    return None


def _near(place) -> Candidate:
    return Candidate(place, FALLBACK_SCORE, "near", place.name, (f"near {place.name} as the text says",))


def _at_region(region) -> Candidate:
    return Candidate(region, FALLBACK_SCORE, "region", region.name, ("the region the text names",))


def _approximate(rec: Recognition, t: Toponym) -> bool:
    """'near X', 'outside X', 'around X': the text itself places the event only roughly."""
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


def one_sense_for_fallbacks(
    mentions: list[Mention], tops: list[Toponym], ev: Evidence, index: list[int]
) -> list[Mention]:
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
        own_context = k in ev.quals or k in ev.near
        ruled_out = {a.place.place_id for a in fb.alternatives} if fb is not None else set()
        coarser = (
            fb is not None
            and m.place is not None
            and m.place.match == "region"
            and fb.place.match == "near"
            and m.place.place.kind == "admin1"
            and norm_region(fb.place.place.admin1) in region_names(m.place.place)
        )  # "A and B in region R" placed at R; elsewhere "A, 6 km south of B": near B is finer and agrees
        if (
            fb is not None
            and fb is not m
            and m.place is not None
            and (coarser or (not own_context and m.place.place.place_id in ruled_out))
        ):
            note = (
                f"placed as '{fb.text}' elsewhere in the article, where the text rules out "
                f"{m.place.place.name}"
            )
            displaced = replace(m.place, reasons=(*m.place.reasons, f"not chosen: {note}"))
            m = replace(
                m,
                place=fb.place,
                precision=fb.precision,
                confidence=min(m.confidence, fb.confidence),
                alternatives=(displaced, *m.alternatives[: MAX_ALTERNATIVES - 1]),
                note=note,
            )
        out.append(m)
    return out


STEM_MIN = 4  # letters a Cyrillic stem keeps at least
ENDING = 3  # letters an inflection may change at the end of a Cyrillic name


def fold_key(key: str) -> str:
    """One key for the forms of a name: case and ё folded; a Cyrillic name is cut to its stem, since
    morphology may guess different nominatives for its forms ("Каменского" -> каменский, "Каменское")."""
    low = key.lower().replace("ё", "е")
    if low and "\u0400" <= low[0] <= "\u04ff":
        return low[: max(STEM_MIN, len(low) - ENDING)]
    return low
