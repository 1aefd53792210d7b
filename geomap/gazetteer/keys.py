"""The name-key vocabulary: the keys a name is stored and looked up under, one level per prefix.

A name is held under several keys, from strict to loose, so that one trie answers every tier of a lookup:
its case-folded spelling (EXACT, only where it differs from the folded one), its folded spelling (FOLDED:
marks, apostrophes, hyphens), its romanisation-independent skeleton (SKEL; also CYRILLIC_SKEL for a
Cyrillic name, so that a Latin query meeting it is known to be a romanisation) and the skeleton without its
ending (LOOSE). The build writes these keys and the lookups probe them: both read this one module.
"""

from __future__ import annotations

from functools import lru_cache

from geomap.gazetteer.fold import fold, has_cyrillic, is_latin_or_cyrillic, lower_key
from geomap.gazetteer.translit import loose, skeleton

EXACT, FOLDED, SKEL, LOOSE = "e", "f", "s", "l"  # case-folded, folded, skeleton, loose skeleton
CYRILLIC_SKEL = "c"  # the skeleton of a Cyrillic name: a Latin query that meets it is a romanisation of it


@lru_cache(maxsize=262144)
def name_stem(name: str) -> str:
    """The name without its ending, under any romanisation: spellings of one name share it (Krasne,
    Krasnoye, Красне), which the ranking's attestation tie-break counts."""
    skel = skeleton(name)
    return loose(skel) or skel


def keys_and_stem(name: str) -> tuple[list[str], str]:
    """Every index key of a name (prefixed by level) and its stem (`name_stem`), from one folding and one
    skeleton."""
    folded = fold(name)
    if not folded:
        return [], name_stem(name)
    keys = [FOLDED + folded]
    low = lower_key(name)
    if low != folded:
        keys.append(EXACT + low)
    if not is_latin_or_cyrillic(name):
        return keys, name_stem(name)
    skel = skeleton(name)
    lo = loose(skel)
    if skel:
        keys.append(SKEL + skel)
        if has_cyrillic(name):
            keys.append(CYRILLIC_SKEL + skel)
        if lo and lo != skel:
            keys.append(LOOSE + lo)
    return keys, lo or skel  # = name_stem(name)
