"""The two ends of a distance statement: the place it measures from, and what it measures to.

From: the nearest located place named before the figure in the same sentence; else the first one named
after the statement in that sentence ("Some 30 km from the front, Kramatorsk ..."); else the last
settlement named earlier in the article, which is what "the city" / "the town" / "it" refer back to.
Regions and countries never count: a distance from a region means nothing.

To: the line of contact of the article's date; a border, whose depends on the article (a Russian city's
distance "from the border" is to Ukraine's border with Russia; "the Russian border" for a Ukrainian
town is the same line; "the Polish border" is Ukraine's with Poland); or a named place. "Frontier" is
ambiguous in English war reporting, so both the line of contact and the international border are
measured and the verdict says which it used.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from geomap.claims.parse import BACKREF, Statement
from geomap.countries import country_name as _name
from geomap.errors import GeomapError, InputError
from geomap.model import Distance, Mention, Place

_LOCATED_KINDS = ("settlement", "feature")
_NOISE_SECTIONS = ("advert", "teaser", "footer")


@dataclass(frozen=True, slots=True)
class Origin:
    """The place a statement measures from, and how it was found."""

    place: Place
    label: str
    how: str  # "named before it in the sentence", "'the city' refers back to ...", ...


@dataclass(frozen=True, slots=True)
class Target:
    """One reasonable reading of what a statement measures to, as something to measure against."""

    label: str  # "line of contact (2024-12-22)", "Ukraine–Russia border", "Kharkiv"
    layer: Any = None  # geomap.layers.Layer, for lines
    place: Place | None = None  # for a named place
    why: str = ""


def is_located(m: Mention) -> bool:
    """A mention that stands for a point one can measure from: a resolved settlement or feature."""
    return (
        m.place is not None
        and m.place.place.kind in _LOCATED_KINDS
        and m.role != "noise"
        and m.section not in _NOISE_SECTIONS
    )


_INDEFINITE = re.compile(r"\b(?:a|an|another)\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)  # "a village "
_APPOSITION = re.compile(r"^\s*[,—–-]\s*$")
_REFERS_BACK = re.compile(
    r"\b(?:the|this|that)\s+(?:city|town|village|settlement|capital|port|site|plant|base)\b|\b(?:it|its|there)\b"
    r"|(?<!\w)(?:город\w*|міст[оау]\w*|сел[оау]|селищ\w*|посел\w*|там|оно|она|он|вона|воно|він)(?!\w)",
    re.IGNORECASE,
)


def unnamed_subject(st: Statement, text: str) -> str | None:
    """ "shelling hit a village 30 km north of Kharkiv": the statement locates something unnamed."""
    m = _INDEFINITE.search(text[max(st.sentence_start, st.start - 80) : st.start])
    return m.group(0).strip() if m else None


class MentionIndex:
    """An article's mentions ordered by position, with the located ones (and the settlements among them)
    apart, so that each claim looks only at the mentions near it: the cost of an article is linear in its
    claims, not claims x mentions (1 MB of dense place names once took six minutes)."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.all = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.all]
        self.located = [m for m in self.all if is_located(m)]
        self.located_starts = [m.start for m in self.located]
        self.settlements = [m for m in self.located if m.place.place.kind == "settlement"]
        self.settlement_starts = [m.start for m in self.settlements]

    def located_between(self, low: int, high: int) -> list[Mention]:
        """Located mentions starting in [low, high), in order."""
        i, j = bisect_left(self.located_starts, low), bisect_left(self.located_starts, high)
        return self.located[i:j]

    def settlements_ending_by(self, end: int) -> Iterator[Mention]:
        """Located settlements ending at or before `end`, the last first."""
        for k in range(bisect_left(self.settlement_starts, end) - 1, -1, -1):
            m = self.settlements[k]
            if m.end <= end:
                yield m


def as_index(mentions: Sequence[Mention] | MentionIndex) -> MentionIndex:
    return mentions if isinstance(mentions, MentionIndex) else MentionIndex(mentions)


def find_origin(
    st: Statement, mentions: Sequence[Mention] | MentionIndex, text: str, sentence_end: int
) -> Origin | None:
    """The place `st` measures from (see the module docstring for the order of preference)."""
    index = as_index(mentions)
    t_low, t_high = st.target_start, max(st.target_end, st.target_start + 1)

    def usable(found: list[Mention]) -> list[Mention]:
        return [m for m in found if not t_low <= m.start < t_high]

    before = [
        m
        for m in usable(index.located_between(st.sentence_start, st.number_start))
        if m.end <= st.number_start
    ]
    unnamed = unnamed_subject(st, text)
    if (
        unnamed
    ):  # "Dvorichna, a village 16 km north of ..." describes Dvorichna; "a village 30 km ..." nothing
        np_start = _strip_back(text, st.start) - len(unnamed)
        for m in reversed(before):
            if _APPOSITION.match(text[m.end : np_start]):
                return Origin(m.place.place, m.place.place.label, f"'{unnamed}' in apposition to it")
        return None
    if before:
        m = before[-1]
        how = "named before the figure in the same sentence"
        ref = _REFERS_BACK.search(text[m.end : st.number_start])
        if ref and len(before) > 1:  # "X, through which trains run to Y and Z; the city lies ..." means X
            m = before[0]
            how = f"'{ref.group(0)}' refers to {m.place.place.name}, the first place named in the sentence"
        return Origin(m.place.place, m.place.place.label, how)
    # a subject that refers back ("The city lies 30 km from the front, near Lyptsi") is measured from,
    # before any place named after the figure, which then describes the target
    earlier = (m for m in index.settlements_ending_by(st.sentence_start) if not t_low <= m.start < t_high)
    last = next(earlier, None)
    ref = _REFERS_BACK.search(text[st.sentence_start : st.number_start])
    if (
        last is not None and ref
    ):  # "the city", "it", "місто": the topic of the last sentence naming a settlement
        opening = _sentence_start_before(text, last.start)
        m = last  # the first settlement of that sentence: walk back while still in it
        for e in earlier:
            if e.start < opening:
                break
            m = e
        how = (
            f"'{ref.group(0)}' refers back to {m.place.place.name}, topic of the last sentence naming a place"
        )
        return Origin(m.place.place, m.place.place.label, how)
    after = usable(index.located_between(st.end, sentence_end))
    if after:
        m = after[0]
        return Origin(m.place.place, m.place.place.label, "named after the statement in the same sentence")
    return None


def _strip_back(text: str, end: int) -> int:
    """Where `text[:end].rstrip()` ends, without copying the text before it."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


SENTENCE_LOOKBACK = 5000  # characters searched back for a sentence's start: longer runs are not prose


def _sentence_start_before(text: str, pos: int) -> int:
    """Start of the sentence holding `pos` (after the last . ! ? or line break before it, within
    SENTENCE_LOOKBACK: a claim in a run of text without full stops costs no scan of the whole article)."""
    low = max(0, pos - SENTENCE_LOOKBACK)
    cut = max(text.rfind(mark, low, pos) for mark in (". ", "! ", "? ", ".\n", "\n"))
    return cut + 1 if cut >= 0 else low


def target_mention(st: Statement, mentions: Sequence[Mention] | MentionIndex) -> Mention | None:
    """The resolved mention inside a statement's reference phrase ("30 km north of Kharkiv")."""
    index = as_index(mentions)
    for k in range(bisect_left(index.starts, st.target_start), bisect_left(index.starts, st.target_end)):
        if index.all[k].place is not None:
            return index.all[k]
    return None


def backref_target(
    st: Statement, mentions: Sequence[Mention] | MentionIndex, origin: Origin | None
) -> Place | None:
    """'5 km from the city': the last settlement named before the statement that is not the origin."""
    for m in as_index(mentions).settlements_ending_by(st.number_start):
        place = m.place.place
        if origin is None or (place.lat, place.lon) != (origin.place.lat, origin.place.lon):
            return place
    return None


# ---------------------------------------------------------------- layers


@dataclass(frozen=True, slots=True)
class Frontline:
    """The line of contact an article's claims are judged against, as the pipeline chose it: a Layer, or
    none and why (no snapshot on or before the article's date), which a claim to the front then says."""

    layer: Any = None  # geomap.layers.Layer
    missing: str = "no front line was given"


NO_FRONTLINE = Frontline()


def frontline_target(date: str | None, frontline: Frontline) -> Target:
    """The front line as a reading; GeomapError (its reason) when there is none."""
    layer = frontline.layer
    if layer is None:
        raise GeomapError(frontline.missing)
    why = "the line of contact"
    if date is None:
        why += "; the article has no date, so the latest snapshot was used"
    elif layer.date and layer.date != date:
        why += f"; the latest snapshot not after {date} is from {layer.date}"
    return Target(layer.label, layer=layer, why=why)


class Borders(Protocol):
    """The international borders a claim can be measured to (geomap.layers.BorderAtlas), handed down by
    the pipeline so that this room reads no file."""

    def of(self, country: str) -> Any: ...  # a Layer; NotFoundError when there is no data

    def between(self, country: str, neighbour: str) -> Any: ...  # InputError when none is shared


def border_targets(
    owner: str | None, partner: str | None, home: str | None, borders: Borders | None
) -> list[Target]:
    """Readings of "the border" given who is named with it and the country of the place measured from."""
    if borders is None:
        raise GeomapError("no border data was given")
    border_of = borders.of

    if owner and partner:
        pairs = [(owner, partner, f"the border of {_name(owner)} with {_name(partner)}, as written")]
    elif partner:
        a = home if home and home != partner else "UA"
        pairs = [(a, partner, f"the border with {_name(partner)}, from the {_name(a)} side")]
    elif owner:
        if home and home != owner:
            pairs = [(home, owner, f"the border with {_name(owner)}, seen from a place in {_name(home)}")]
        elif owner != "UA":
            pairs = [(owner, "UA", f"{_name(owner)}'s border with Ukraine, the border of this war")]
        else:
            return [
                Target(border_of("UA").label, layer=border_of("UA"), why="Ukraine's international border")
            ]
    elif home in ("RU", "BY"):
        pairs = [(home, "UA", f"a place in {_name(home)}: 'the border' is its border with Ukraine")]
    elif home == "UA" or home is None:
        whole = border_of("UA")
        return [
            _pair_target(
                borders, "UA", "RU", "a place in Ukraine: 'the border' is most often the one with Russia"
            ),
            Target(whole.label, layer=whole, why="any stretch of Ukraine's international border"),
        ]
    else:
        layer = border_of(home)
        return [Target(layer.label, layer=layer, why=f"the international border of {_name(home)}")]
    return [_pair_target(borders, a, b, why) for a, b, why in pairs]


def _pair_target(borders: Borders, a: str, b: str, why: str) -> Target:
    """The stretch of a's border along b; a's whole border when they share none (or b has no data)."""
    try:
        layer = borders.between(a, b)
    except InputError:
        layer = borders.of(a)
    return Target(layer.label, layer=layer, why=why)


def measure(origin: Place, target: Target) -> Distance:
    """Distance from the origin to a target reading."""
    from geomap.geodesy.points import inverse

    if target.layer is not None:
        return target.layer.distance_from((origin.lat, origin.lon))
    assert target.place is not None
    km, bearing = inverse(origin.lat, origin.lon, target.place.lat, target.place.lon)
    return Distance(
        km=km,
        origin=origin.point,
        nearest=target.place.point,
        target=target.label,
        bearing_deg=bearing,
        origin_name=origin.name,
    )


def country_of_phrase(text: str) -> str | None:
    """ISO code when a reference phrase names a country ("from Ukraine", "від Росії")."""
    from geomap.claims.parse import _owner

    return _owner(text) if not BACKREF.match(text) else None
