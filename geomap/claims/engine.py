"""From statements and resolved mentions to judged claims: readings, slack, verdict, explanation."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from geomap.claims import targets as tg
from geomap.claims.parse import KM_PER_UNIT, Statement, find_statements
from geomap.claims.verdict import (
    Interval,
    conversion_agrees,
    fmt_km,
    judge,
    place_extent_km,
    stated_interval,
)
from geomap.errors import GeomapError
from geomap.model import Claim, Mention, Place, Reading

_UNIT_WORD = {"km": "km", "mi": "mi", "nmi": "nmi", "m": "m"}
_SKIP_SECTIONS = ("advert", "teaser", "footer")


def find_claims(
    document: Any,
    mentions: Sequence[Mention],
    *,
    date: str | None = None,
    frontline: tg.Frontline = tg.NO_FRONTLINE,
    borders: tg.Borders | None = None,
) -> tuple[Claim, ...]:
    """Every distance claim of a Document (or Report), judged against the reference layers.

    `date` overrides the document's date (it is named in the explanations); `frontline` is the line of
    contact the caller chose for that date (`geomap.pipeline.pick_frontline`); `borders` the international
    borders (`geomap.layers.border_atlas()`; without them a claim to a border is unverifiable). Never
    raises for a claim it cannot check: that claim is `unverifiable`.
    """
    text = document.text
    sentences = getattr(document, "sentences", None) or None
    when = date or getattr(document, "date", None)
    section_at = getattr(document, "section_at", None)
    index = tg.MentionIndex(mentions)  # once per article: each claim then looks only near itself
    spans = sorted(sentences or ())
    span_starts = [s for s, _ in spans]
    claims = []
    for st in find_statements(text, sentences):
        if section_at is not None and section_at(st.start) in _SKIP_SECTIONS:
            continue
        sentence_end = _sentence_end(text, st, spans, span_starts)
        claims.append(judge_statement(st, index, text, sentence_end, when, frontline, borders))
    return tuple(claims)


def _sentence_end(text: str, st: Statement, spans: list[tuple[int, int]], starts: list[int]) -> int:
    """The end of the sentence holding the statement (found by bisection: linear over an article)."""
    k = bisect_right(starts, st.start) - 1
    if k >= 0 and spans[k][0] <= st.start < spans[k][1]:
        return spans[k][1]
    nxt = [i for i in (text.find(".", st.end), text.find("\n", st.end)) if i >= 0]
    return min(nxt) if nxt else len(text)


def _readings_targets(
    st: Statement,
    origin: tg.Origin | None,
    mentions: Sequence[Mention] | tg.MentionIndex,
    when: str | None,
    frontline: tg.Frontline,
    borders: tg.Borders | None,
) -> tuple[list[tg.Target], list[str]]:
    """The targets a statement can reasonably mean, and notes on those that could not be built."""
    notes: list[str] = []
    home = origin.place.country if origin else None
    kind = st.target_kind
    out: list[tg.Target] = []

    def attempt(fn: Any, *args: Any) -> None:
        try:
            got = fn(*args)
        except GeomapError as exc:
            notes.append(str(exc))
            return
        out.extend(got if isinstance(got, list) else [got])

    if kind in ("frontline", "frontier"):
        attempt(tg.frontline_target, when, frontline)
        if kind == "frontier":
            attempt(tg.border_targets, None, None, home, borders)
    elif kind == "border":
        attempt(tg.border_targets, st.border_owner, st.border_partner, home, borders)
    elif kind == "place":
        m = tg.target_mention(st, mentions)
        place = m.place.place if m is not None and m.place is not None else None
        country = place.country if place is not None and place.kind == "country" else None
        if place is None:
            country = tg.country_of_phrase(st.target_text)
        if country:
            attempt(tg.border_targets, country if country != home else None, None, home, borders)
        elif place is not None and place.kind in ("settlement", "feature"):
            out.append(tg.Target(place.label, place=place, why="the place named"))
        elif place is not None:
            notes.append(f"{place.name} is a region, too large to measure a distance to")
        else:
            notes.append(f"'{st.target_text}' is not a place geomap could resolve")
    elif kind == "backref" or (kind is None and st.relation == "away"):
        # "5 km from the city", "Kramatorsk, 20 km away": the last other settlement named before it
        place = tg.backref_target(st, mentions, origin)
        words = f"'{st.target_text}'" if kind == "backref" else "'away'"
        if place is not None:
            why = f"{words} read as the last other settlement named before it"
            out.append(tg.Target(place.label, place=place, why=why))
        else:
            notes.append(f"nothing earlier for {words} to refer to")
    else:
        notes.append("the statement names nothing to measure to")
    return out, notes


def _slack(origin: Place, target: tg.Target) -> float:
    slack = place_extent_km(origin.population, origin.kind)
    if target.place is not None:
        slack += place_extent_km(target.place.population, target.place.kind)
    elif target.layer is not None and target.layer.error_km:
        slack += float(target.layer.error_km)
    return slack


def _direction_ok(st: Statement, distance: Any, slack: float) -> bool | None:
    """Does the stated compass word fit the bearing from the reference to the place? None: not checkable."""
    if not st.direction or distance.km <= slack:
        return None
    from geomap.geodesy.compass import bearing_agrees
    from geomap.geodesy.points import bearing_deg

    try:
        bearing = bearing_deg(distance.nearest, distance.origin)
        return bearing_agrees(bearing, st.direction)
    except GeomapError:
        return None


def judge_statement(
    st: Statement,
    mentions: Sequence[Mention] | tg.MentionIndex,
    text: str,
    sentence_end: int,
    when: str | None,
    frontline: tg.Frontline = tg.NO_FRONTLINE,
    borders: tg.Borders | None = None,
) -> Claim:
    """One Claim: the statement's ends resolved, each reading measured and judged."""
    interval = stated_interval(st)
    agrees = conversion_agrees(st)
    origin = tg.find_origin(st, mentions, text, sentence_end)
    base = dict(
        text=st.text,
        start=st.start,
        end=st.end,
        stated_km=round(st.km, 3),
        stated_low_km=round(interval.low, 3),
        stated_high_km=None if math.isinf(interval.high) else round(interval.high, 3),
        stated_unit=st.unit,
        stated_value=st.value,
        qualifier=st.qualifier,
        direction=st.direction,
        conversion_value=st.conversion[0] if st.conversion else None,
        conversion_unit=st.conversion[2] if st.conversion else None,
        conversion_agrees=agrees,
        from_name=origin.label if origin else None,
        from_place=origin.place if origin else None,
        from_how=origin.how if origin else "",
        to=_to_word(st),
    )
    stated = _stated_words(st, interval)
    conv = _conversion_words(st, agrees)
    if origin is None:
        unnamed = tg.unnamed_subject(st, text)
        where = (
            f"it locates something unnamed ('{unnamed}')" if unnamed else "no place to measure from was found"
        )
        why = f"{stated}; {where}."
        return Claim(**base, verdict="unverifiable", explanation=f"{why}{conv}")
    found, notes = _readings_targets(st, origin, mentions, when, frontline, borders)
    readings, slacks, dir_ok = [], [], []
    for target in found:
        try:
            distance = tg.measure(origin.place, target)
        except GeomapError as exc:
            notes.append(str(exc))
            continue
        slack = _slack(origin.place, target)
        direction = _direction_ok(st, distance, slack)
        ok = judge(distance.km, interval, slack) and direction is not False
        readings.append(Reading(target.label, distance, "consistent" if ok else "inconsistent"))
        slacks.append(slack)
        dir_ok.append(direction)
    if not readings:
        why = f"{stated}; from {origin.label} ({origin.how}): " + (
            "; ".join(notes) or "nothing to measure to"
        )
        return Claim(**base, verdict="unverifiable", explanation=f"{why}.{conv}")
    used = next((i for i, r in enumerate(readings) if r.verdict == "consistent"), 0)
    r = readings[used]
    others = [
        f"{o.label}: {fmt_km(o.distance.km)} km ({o.verdict})" for i, o in enumerate(readings) if i != used
    ]
    target = found[used] if len(found) == len(readings) else None
    to_word = _to_for_reading(st, r.label, base["to"])
    if target is not None and target.place is not None and st.target_kind != "place":
        to_word = target.place.name  # "the city", "away": say which place it was read as
    explanation = _explain(st, origin, r, interval, slacks[used], dir_ok[used], stated, target, others, notes)
    return Claim(
        **{**base, "to": to_word},
        to_place=target.place if target is not None else None,
        readings=tuple(readings),
        computed_km=r.distance.km,
        verdict=r.verdict,
        reading_used=r.label,
        slack_km=slacks[used],
        direction_agrees=dir_ok[used],
        explanation=explanation + conv,
    )


def _to_word(st: Statement) -> str:
    if st.target_kind in ("frontline", "frontier"):
        return "frontline"
    if st.target_kind == "border":
        return "border"
    return st.target_text.strip()


def _to_for_reading(st: Statement, label: str, default: str) -> str:
    if st.target_kind == "frontier":
        return "frontline" if "line of contact" in label or "front" in label else "border"
    if st.target_kind == "place" and "border" in label:
        return "border"
    return default


def _stated_words(st: Statement, interval: Interval) -> str:
    unit = _UNIT_WORD[st.unit]
    if st.qualifier in ("range", "vague"):
        figure = f"{st.low:,g}–{st.high:,g} {unit}"
    else:
        figure = f"{st.value:,g} {unit}"
    high = "∞" if math.isinf(interval.high) else fmt_km(interval.high)
    return f"stated {figure} ({st.qualifier}), accepted {fmt_km(interval.low)}–{high} km ({interval.why})"


def _conversion_words(st: Statement, agrees: bool | None) -> str:
    if st.conversion is None:
        return ""
    lo, hi, unit = st.conversion
    km = lo * KM_PER_UNIT[unit]
    fig = f"{lo:,g}" if lo == hi else f"{lo:,g}–{hi:,g}"
    verb = "agrees with" if agrees else "does not agree with"
    return f" The conversion {fig} {unit} ({fmt_km(km)} km) {verb} the main figure."


def _explain(
    st: Statement,
    origin: tg.Origin,
    reading: Reading,
    interval: Interval,
    slack: float,
    direction: bool | None,
    stated: str,
    target: tg.Target | None,
    others: list[str],
    notes: list[str],
) -> str:
    d = reading.distance
    parts = [
        f"{origin.place.name} → {reading.label}: {fmt_km(d.km)} km geodesic "
        f"(nearest point {d.nearest.lat:.4f}, {d.nearest.lon:.4f})",
        f"{stated}, ±{slack:g} km for the size of the places and the layer's error",
        f"{reading.verdict}",
    ]
    if st.direction:
        if direction is None:
            parts.append(f"direction '{st.direction}' not checked (too close to tell)")
        else:
            parts.append(f"direction '{st.direction}' {'agrees' if direction else 'does not agree'}")
    why = target.why if target is not None else ""
    if why:
        parts.append(f"reading: {why}")
    if others:
        parts.append("other readings: " + "; ".join(others))
    parts.append(f"from {origin.place.name}: {origin.how}")
    if d.note:
        parts.append(d.note)
    parts.extend(notes)
    return ". ".join(p[0].upper() + p[1:] if p else p for p in parts) + "."
