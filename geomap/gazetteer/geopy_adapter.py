"""geomap as a geopy geocoder: offline, drop-in for code written against geopy's `Geocoder`.

    from geomap import GeomapGeocoder
    geolocator = GeomapGeocoder()
    loc = geolocator.geocode("Artemovsk")          # geopy Location: Bakhmut, (48.59, 37.99)
    geolocator.reverse((48.28, 37.18))             # Location: Pokrovsk, Donetsk Oblast, UA
    df["loc"] = df["name"].apply(RateLimiter(geolocator.geocode, min_delay_seconds=0))

`raw` holds the full candidate (the guide's JSON shape: score, match, reasons, geonameid, names); a reverse
answer's raw adds `distance_km`. `exactly_one` and `language` mean what geopy documents: one Location or a
list (None when nothing is found), and the preferred language(s) of the names returned.
"""

from __future__ import annotations

import re
from typing import Any

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point as GeopyPoint

from geomap.errors import InputError

MANY_LIMIT = 10  # locations returned with exactly_one=False when no limit is given
REVERSE_MAX_KM = 50.0  # reverse: no populated place this near means the point is in no place we know (the
# open sea, a desert), and geopy's geocoders answer None there rather than a town far away
_COMMON = set("абвгдежзийклмнопрстуфхцчшщьюя")
CYRILLIC = _COMMON | set("ёъыэіїєґ")
ONLY_UK = set("іїєґ")
_PUNCT = set(" -'’ʼ")
NOT_RUSSIAN = re.compile("[кгх]ы")  # Russian spelling writes ки, ги, хи: "Кыив" is a transliteration
ALPHABET = {"uk": _COMMON | ONLY_UK | _PUNCT, "ru": _COMMON | set("ёъыэ") | _PUNCT}  # lower case


class GeomapGeocoder(Geocoder):
    """A geopy `Geocoder` answering from geomap's offline gazetteer (no network, no rate limit)."""

    def __init__(self, gazetteer: Any = None, *, context: object = None, min_score: float = 0.0) -> None:
        super().__init__(scheme="https", timeout=None, proxies=None, user_agent="geomap")
        self._gazetteer = gazetteer
        self.context = context
        self.min_score = min_score

    def __repr__(self) -> str:
        index = getattr(self._gazetteer, "dir", None)
        where = f"index={str(index)!r}" if index is not None else "index=default (opened on first query)"
        return f"GeomapGeocoder(context={self.context!r}, min_score={self.min_score!r}, {where})"

    @property
    def gazetteer(self):
        if self._gazetteer is None:
            from geomap.gazetteer.opening import Gazetteer

            self._gazetteer = Gazetteer.default()
        return self._gazetteer

    def geocode(
        self,
        query: str | dict,
        *,
        exactly_one: bool = True,
        timeout: float | None = DEFAULT_SENTINEL,
        language: str | bool = False,
        context: object = None,
        limit: int | None = None,
        fuzzy: bool = True,
    ) -> Location | list[Location] | None:
        """Like every geopy geocoder: a Location (or a list with exactly_one=False), None when unknown.

        `query` may be a structured dict (geopy style: city/county/state/country keys); the other parts
        become the context. Invalid queries (empty, control characters) return None, as geopy does.
        `timeout` is accepted for geopy's sake: nothing here waits on a network.
        """
        name, ctx = _split_query(query)
        ctx = context if context is not None else (ctx or self.context)
        try:
            n = 1 if exactly_one else (limit or MANY_LIMIT)
            found = self.gazetteer.lookup(name, context=ctx, limit=n, fuzzy=fuzzy)
        except InputError:
            return None
        found = [c for c in found if c.score >= self.min_score]
        locations = [_location(c.place, c.to_dict(), language) for c in found]
        if exactly_one:
            return locations[0] if locations else None
        return locations or None

    def reverse(
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        timeout: float | None = DEFAULT_SENTINEL,
        language: str | bool = False,
        limit: int | None = None,
        max_km: float | None = REVERSE_MAX_KM,
    ) -> Location | list[Location] | None:
        """The populated place nearest a point (a list of the nearest, nearest first, with
        exactly_one=False), from the gazetteer's own points; None when none lies within `max_km`.

        `query` is anything geopy reads as a point: `(lat, lon)`, `"48.28, 37.18"`, a geopy `Point`.
        """
        try:
            point = GeopyPoint(query)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"not a point: {query!r} ({exc})") from None
        n = 1 if exactly_one else (limit or MANY_LIMIT)
        near = self.gazetteer.nearest(point.latitude, point.longitude, n, max_km)
        locations = [
            _location(x.place, x.place.to_dict() | {"distance_km": round(x.km, 3)}, language) for x in near
        ]
        if exactly_one:
            return locations[0] if locations else None
        return locations or None


def _split_query(query: str | dict) -> tuple[str, str | None]:
    if isinstance(query, dict):
        parts = {k.lower(): str(v) for k, v in query.items() if v}
        name = parts.pop("city", None) or parts.pop("town", None) or parts.pop("village", None) or ""
        name = name or parts.pop("state", "") or parts.pop("country", "")
        ctx = ", ".join(parts[k] for k in ("county", "state", "country") if k in parts)
        return name, ctx or None
    return str(query), None


def languages(language: str | bool) -> list[str]:
    """The language codes of an Accept-Language string or a comma-separated list, most wanted first
    ("uk,ru;q=0.8" -> ["uk", "ru"]); False or "" -> []."""
    if not language or not isinstance(language, str):
        return []
    ranked = []
    for i, item in enumerate(language.split(",")):
        code, _, q = item.strip().partition(";q=")
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            weight = 0.0
        if code:
            ranked.append((-weight, i, code.split("-")[0].lower()))
    return [code for _, _, code in sorted(ranked)]


def localized_name(primary: str, names: tuple[str, ...], language: str | bool) -> str:
    """The place's name in the first wanted language the gazetteer can tell apart: Ukrainian or Russian
    (others get the primary, Latin name, as does a place with no fitting form).

    The gazetteer's names carry no language tags, so the form is found by its letters and its sound: a
    Ukrainian name is written in the Ukrainian alphabet and sounds like the primary name (which is the
    national romanisation for Ukraine: Київ for Kyiv, not the former Красноармійськ for Pokrovsk); a
    Russian one is written in Russian spelling and sounds like the primary (Покровск, Бахмут). Where the
    Russian name sounds otherwise (Киев, Харьков) nothing tells it from a former name, so the primary
    name is returned."""
    from geomap.gazetteer.keys import skeleton

    for code in languages(language):
        if code not in ALPHABET:
            return primary
        letters = ALPHABET[code]
        own = [n for n in names if n != primary and set(n.lower()) <= letters and set(n.lower()) & CYRILLIC]
        sound = skeleton(primary)
        if code == "uk":
            same = [n for n in own if skeleton(n) == sound]
            if same:
                return max(same, key=lambda n: (bool(ONLY_UK & set(n.lower())), len(n)))
        else:
            same = [n for n in own if skeleton(n) == sound and not NOT_RUSSIAN.search(n.lower())]
            if same:
                return min(same, key=len)
    return primary


def _location(place, raw: dict, language: str | bool) -> Location:
    name = localized_name(place.name, place.names, language)
    address = ", ".join(x for x in (name, place.admin1, place.country) if x)
    return Location(address, (place.lat, place.lon), raw)
