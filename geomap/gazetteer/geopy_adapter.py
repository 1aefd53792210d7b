"""geomap as a geopy geocoder: offline, drop-in for code written against geopy's `Geocoder`.

    from geomap import GeomapGeocoder
    geolocator = GeomapGeocoder()
    loc = geolocator.geocode("Artemovsk")          # geopy Location: Bakhmut, (48.59, 37.99)
    df["loc"] = df["name"].apply(RateLimiter(geolocator.geocode, min_delay_seconds=0))

`raw` holds the full candidate (the guide's JSON shape: score, match, reasons, geonameid, names).
"""

from __future__ import annotations

from typing import Any

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geomap.errors import InputError

MANY_LIMIT = 10  # locations returned with exactly_one=False when no limit is given


class GeomapGeocoder(Geocoder):
    """A geopy `Geocoder` answering from geomap's offline gazetteer (no network, no rate limit)."""

    def __init__(self, gazetteer: Any = None, *, context: object = None, min_score: float = 0.0) -> None:
        super().__init__(scheme="https", timeout=None, proxies=None, user_agent="geomap")
        self._gazetteer = gazetteer
        self.context = context
        self.min_score = min_score

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
        timeout: float | None = None,
        context: object = None,
        limit: int | None = None,
        fuzzy: bool = True,
    ) -> Location | list[Location] | None:
        """Like every geopy geocoder: a Location (or a list with exactly_one=False), None when unknown.

        `query` may be a structured dict (geopy style: city/county/state/country keys); the other parts
        become the context. Invalid queries (empty, control characters) return None, as geopy does.
        """
        name, ctx = _split_query(query)
        ctx = context if context is not None else (ctx or self.context)
        try:
            n = 1 if exactly_one else (limit or MANY_LIMIT)
            found = self.gazetteer.lookup(name, context=ctx, limit=n, fuzzy=fuzzy)
        except InputError:
            return None
        found = [c for c in found if c.score >= self.min_score]
        locations = [_location(c) for c in found]
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


def _location(c) -> Location:
    p = c.place
    address = ", ".join(x for x in (p.name, p.admin1, p.country) if x)
    return Location(address, (p.lat, p.lon), c.to_dict())
