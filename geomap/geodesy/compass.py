"""The compass vocabulary of geomap (English, Russian, Ukrainian): words to bearings and back.

One table, `EIGHT_WINDS`, says how each of the eight winds is written; every reader of compass words
takes its words from it: the claims checker (`compass_bearing`, any rose of 16 winds), the recogniser's
qualifiers ("northern Kharkiv region", `text.stoplists.DIRECTIONS`) and the gazetteer's query context
("village, northeastern Kharkiv region", `gazetteer.context`). Cyrillic words inflect, so the table holds
stems, in three degrees of safety: an adjective stem ("северн") may be looked for inside any phrase; a
word stem ("север") only at a word's start, since it also starts place names (Северодонецк); a slot stem
("юг", "сход") only where a direction is expected, since it also starts common words.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from geomap.errors import InputError
from geomap.geodesy.spherical import angle_between

_WINDS = (
    "north", "north-north-east", "north-east", "east-north-east",
    "east", "east-south-east", "south-east", "south-south-east",
    "south", "south-south-west", "south-west", "west-south-west",
    "west", "west-north-west", "north-west", "north-north-west",
)  # fmt: skip
_ABBREV = (
    "N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW",
)  # fmt: skip


class Wind(NamedTuple):
    """One of the eight winds and the words for it."""

    bearing: float  # degrees clockwise from north
    english: tuple[str, ...]  # whole English words ("north", "northern", "north-east", "northeastern")
    adjective_stems: tuple[str, ...]  # Russian, Ukrainian adjective stems: safe anywhere in a phrase
    word_stems: tuple[str, ...]  # stems of nouns and adjectives: safe at a word's start
    slot_stems: tuple[str, ...] = ()  # looser stems, safe only where a direction is expected


EIGHT_WINDS: tuple[Wind, ...] = (
    Wind(0.0, ("north", "northern", "northward", "north-central"),
         ("северн", "північн"), ("север", "північ"), ("сівер", "півн", "пiвн")),
    Wind(180.0, ("south", "southern", "southward", "south-central"),
         ("южн", "південн"), ("южн", "півден"), ("юг", "півд", "пiвд")),
    Wind(90.0, ("east", "eastern", "eastward", "east-central"),
         ("восточн", "східн"), ("восточ", "схід"), ("восто", "схiд", "сход")),
    Wind(270.0, ("west", "western", "westward", "west-central"),
         ("западн", "західн"), ("запад", "захід"), ("захiд", "заход")),
    Wind(45.0, ("northeast", "northeastern", "north-east", "north-eastern"),
         ("северо-восточн", "північно-східн"), ("северо-восточ", "північно-схід")),
    Wind(315.0, ("northwest", "northwestern", "north-west", "north-western"),
         ("северо-западн", "північно-західн"), ("северо-запад", "північно-захід")),
    Wind(135.0, ("southeast", "southeastern", "south-east", "south-eastern"),
         ("юго-восточн", "південно-східн"), ("юго-восточ", "південно-схід")),
    Wind(225.0, ("southwest", "southwestern", "south-west", "south-western"),
         ("юго-западн", "південно-західн"), ("юго-запад", "південно-захід")),
)  # fmt: skip

_CARDINAL_LETTER = {0.0: "n", 90.0: "e", 180.0: "s", 270.0: "w"}
_CARDINAL = {letter: bearing for bearing, letter in _CARDINAL_LETTER.items()}


def _compounds_first(stems: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """A compound stem ("северо-восточ") before the simple one it starts with ("север")."""
    return [s for s in stems if "-" in s[0]] + [s for s in stems if "-" not in s[0]]


# The views each reader uses (lookups only: their order matters only in putting compounds first).
COMPASS_WORDS: dict[str, float] = {word: w.bearing for w in EIGHT_WINDS for word in w.english}
PHRASE_STEMS: dict[str, float] = dict(
    _compounds_first([(s, w.bearing) for w in EIGHT_WINDS for s in w.adjective_stems])
)
WORD_STEMS: tuple[tuple[str, float], ...] = tuple(
    _compounds_first([(s, w.bearing) for w in EIGHT_WINDS for s in w.word_stems])
)
# The stems `compass_bearing` reads piece by piece ("северо" + "восточнее"), as cardinal letters; the
# English word is a stem there too ("northernmost").
_PIECE_STEMS: tuple[tuple[str, str], ...] = tuple(
    (s, _CARDINAL_LETTER[w.bearing])
    for w in EIGHT_WINDS
    if w.bearing in _CARDINAL_LETTER
    for s in (w.english[0], *w.word_stems, *w.slot_stems)
)
_SOLID = re.compile(r"^(north|south|east|west)(east|west)?(?:ern|erly|erner|ward|wards)?$")
SIXTEEN_WIND_TOLERANCE_DEG = 33.75  # a 16-wind word ("north-north-east") is read to within 1.5 of its sectors
EIGHT_WIND_TOLERANCE_DEG = 45.0  # reporters round directions to the nearest of eight winds
_ROUNDING_DEG = 1e-9  # bearings computed to lie on a tolerance's edge count as inside it


def compass_point(bearing: float) -> str:
    """The 16-wind abbreviation (N, NNE, NE, ...) of a bearing in degrees."""
    return _ABBREV[int(((bearing % 360.0) + 11.25) // 22.5) % 16]


def compass_word(bearing: float, winds: int = 16) -> str:
    """The compass word of a bearing on a 4-, 8- or 16-wind rose ("north-east", "north-north-east")."""
    if winds not in (4, 8, 16):
        raise InputError("a compass rose has 4, 8 or 16 winds")
    step = 16 // winds
    sector = 360.0 / winds
    return _WINDS[(int(((bearing % 360.0) + sector / 2) // sector) % winds) * step]


def _mid(a: float, b: float) -> float:
    return (a + ((b - a + 180.0) % 360.0 - 180.0) / 2.0) % 360.0


def _tokens(word: str) -> list[str] | None:
    """The cardinal letters a compass word is made of, in order ("north-north-east" -> n, n, e)."""
    text = word.strip()
    if 1 <= len(text) <= 3 and text.isascii() and text.isalpha() and set(text.lower()) <= set("nsew"):
        return list(text.lower())
    codes: list[str] = []
    low = text.lower().replace("ё", "е")
    for piece in re.split(r"[\s\-\u2010-\u2015]+", low):
        solid = _SOLID.match(piece)
        if solid:  # English written solid: "northeast", "southwestern", "northward"
            codes.extend(w[0] for w in (solid.group(1), solid.group(2)) if w)
            continue
        code = next((c for stem, c in _PIECE_STEMS if piece.startswith(stem)), None)
        if code:
            codes.append(code)
    return codes or None


def compass_bearing(word: str) -> float | None:
    """The bearing a compass word names ("north-east" 45, "NNW" 337.5, "северо-восток" 45); None if none."""
    codes = _tokens(word)
    if not codes or len(codes) > 3:
        return None
    if len(codes) == 1:
        return _CARDINAL[codes[0]]
    if len(codes) == 2:
        a, b = _CARDINAL[codes[0]], _CARDINAL[codes[1]]
        return None if angle_between(a, b) != 90.0 else _mid(a, b)
    first, second, third = (_CARDINAL[c] for c in codes)
    if angle_between(second, third) != 90.0 or first not in (second, third):
        return None
    return _mid(first, _mid(second, third))


def bearing_agrees(bearing: float, word: str, tolerance_deg: float | None = None) -> bool:
    """Whether a bearing (from the reference place to the subject) fits a compass word.

    Default tolerance: 45 degrees for a 4- or 8-wind word (reporters round directions to the
    nearest of eight), 33.75 degrees for a 16-wind word. Unknown words raise InputError.
    """
    named = compass_bearing(word)
    if named is None:
        raise InputError(f"not a compass direction: {word!r}")
    if tolerance_deg is None:
        codes = _tokens(word) or []
        tolerance_deg = SIXTEEN_WIND_TOLERANCE_DEG if len(codes) == 3 else EIGHT_WIND_TOLERANCE_DEG
    return angle_between(bearing, named) <= tolerance_deg + _ROUNDING_DEG
