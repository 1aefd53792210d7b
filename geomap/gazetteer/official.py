"""The name a Ukrainian place is shown under: the official romanisation of its Ukrainian name.

English-language newsrooms publish Ukrainian names in the national system (KMU resolution 55 of 2010:
Kupiansk, Zaporizhzhia, Huliaipole, Berdiansk), while GeoNames' main names are often older forms
(Kupyansk, Zaporizhzhya). The GeoNames form stays among the place's names, so it is still found by it.

Which of a place's Cyrillic names is the Ukrainian one: GeoNames lists Russian and Ukrainian spellings
without saying which is which, so the name must carry a letter only Ukrainian writes (і ї є ґ, the
apostrophe, the soft sign of -ськ) and none only Russian or Belarusian writes (ы э ъ ё ў); among those,
the one whose romanisation is the GeoNames name in another romanisation (the same romanisation-free
skeleton key: Kupiansk and Kupyansk are one name; Podilsk, a former name, is not Podilskyi).
"""

from __future__ import annotations

from functools import lru_cache

from geomap.gazetteer.sources import PRIMARY, SourcePlace
from geomap.gazetteer.translit import skeleton

_UKRAINIAN_ONLY = frozenset("іїєґІЇЄҐʼ'’")
_UKRAINIAN_ENDINGS = ("ськ", "цьк", "зьк")


_ALPHABET = frozenset("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'’ʼ- ")  # the Ukrainian alphabet (and separators)


def _in_alphabet(name: str) -> bool:
    low = name.lower()
    return bool(low) and all(c in _ALPHABET for c in low)  # not Russian, Belarusian or Serbian letters


def _marked(name: str) -> bool:
    low = name.lower()
    return any(c in _UKRAINIAN_ONLY for c in low) or low.endswith(_UKRAINIAN_ENDINGS)


def _ukrainian_names(p: SourcePlace) -> list[str]:
    """The place's names that are its Ukrainian one: those only Ukrainian spells so; or, when the place
    has a single Cyrillic spelling that both languages share ("Гуляйполе"), that one."""
    cyrillic = [n for n in p.names if "\u0400" <= n[:1] <= "\u04ff"]
    marked = [n for n in cyrillic if _in_alphabet(n) and _marked(n)]
    if marked:
        return marked
    shared = {n.lower() for n in cyrillic}
    return cyrillic[:1] if len(shared) == 1 and _in_alphabet(cyrillic[0]) else []


@lru_cache(maxsize=65536)
def romanised(name: str) -> str:
    """A Ukrainian name in the national system (KMU 55), apostrophes dropped as the system says."""
    import uklatn

    return uklatn.encode(name.replace("ʼ", "’").replace("'", "’"), uklatn.KMU_55)


def official_name(p: SourcePlace) -> str | None:
    """The official romanisation of a Ukrainian settlement's Ukrainian name when it differs from its
    GeoNames name and spells the same name; None otherwise."""
    if p.country != "UA" or p.kind != "settlement":
        return None
    own = skeleton(p.name)
    for name in _ukrainian_names(p):
        latin = romanised(name)
        if latin.lower() != p.name.lower() and skeleton(latin) == own:
            return latin
    return None


def use_official_names(places: dict[str, SourcePlace]) -> int:
    """Show Ukrainian settlements under their official romanisation; GeoNames' form stays a name.
    Returns how many were renamed."""
    count = 0
    for p in places.values():
        official = official_name(p)
        if official is None:
            continue
        p.name = official
        p.add_name(official, PRIMARY)
        count += 1
    return count
