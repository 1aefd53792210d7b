"""Compass words in English, Russian and Ukrainian: to bearings and back, and whether they agree."""

from __future__ import annotations

import re

from geomap.errors import InputError

_WINDS = (
    "north", "north-north-east", "north-east", "east-north-east",
    "east", "east-south-east", "south-east", "south-south-east",
    "south", "south-south-west", "south-west", "west-south-west",
    "west", "west-north-west", "north-west", "north-north-west",
)  # fmt: skip
_ABBREV = (
    "N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW",
)  # fmt: skip
_CARDINAL = {"n": 0.0, "e": 90.0, "s": 180.0, "w": 270.0}
# word stems in English, Russian and Ukrainian ("северо-восточнее", "на північний схід від")
_STEMS = (
    ("north", "n"), ("south", "s"), ("east", "e"), ("west", "w"),
    ("север", "n"), ("сівер", "n"), ("юг", "s"), ("южн", "s"), ("восто", "e"), ("запад", "w"),
    ("півн", "n"), ("пiвн", "n"), ("півд", "s"), ("пiвд", "s"), ("схід", "e"), ("схiд", "e"), ("східн", "e"),
    ("сход", "e"), ("захід", "w"), ("захiд", "w"), ("західн", "w"), ("заход", "w"),
)  # fmt: skip


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


def _angle_diff(a: float, b: float) -> float:
    """Smallest absolute difference between two bearings, in [0, 180]."""
    return abs((a - b + 180.0) % 360.0 - 180.0)


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
        code = next((c for stem, c in _STEMS if piece.startswith(stem)), None)
        if code:
            codes.append(code)
    return codes or None


_SOLID = re.compile(r"^(north|south|east|west)(east|west)?(?:ern|erly|erner|ward|wards)?$")


def compass_bearing(word: str) -> float | None:
    """The bearing a compass word names ("north-east" 45, "NNW" 337.5, "северо-восток" 45); None if none."""
    codes = _tokens(word)
    if not codes or len(codes) > 3:
        return None
    if len(codes) == 1:
        return _CARDINAL[codes[0]]
    if len(codes) == 2:
        a, b = _CARDINAL[codes[0]], _CARDINAL[codes[1]]
        return None if _angle_diff(a, b) != 90.0 else _mid(a, b)
    first, second, third = (_CARDINAL[c] for c in codes)
    if _angle_diff(second, third) != 90.0 or first not in (second, third):
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
        tolerance_deg = 33.75 if len(codes) == 3 else 45.0
    return _angle_diff(bearing, named) <= tolerance_deg + 1e-9
