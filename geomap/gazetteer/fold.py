"""Name folding: the key under which spellings that differ only in case, marks and punctuation meet.

`fold("Kup’iansk") == fold("kupiansk") == fold("Kup'iansk")`. Cyrillic letters are kept (only ё->е and
accents are folded), so a Cyrillic name and its romanisation meet only through `translit.skeleton`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Apostrophe-like marks used in romanisations (' ’ ʼ ` ʹ ″ ...) and the Cyrillic hard/soft apostrophe.
APOSTROPHES = "'’‘ʼʹʻ`´′″\"«»“”„"
_APOS_TABLE = str.maketrans("", "", APOSTROPHES)
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_./,;:()\[\]]+")
# Letters that NFD does not decompose but that romanisations use as plain letters.
_SPECIAL = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe"})
# Cyrillic letters whose combining marks carry meaning for skeletons but not for the folded key.
_KEEP_CYR = str.maketrans({"ё": "е", "ѐ": "е", "ѝ": "и"})


def _strip_marks_keep_cyrillic(text: str) -> str:
    """Strip accents, but keep й, ї and ў (letters in Russian/Ukrainian/Belarusian, not accented и/і/у)."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFD", text)))


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """The folded key of a name: lower case, no diacritics or apostrophes, one space between words."""
    if text.isascii():  # fast path: most probes from recognisers
        return _SEPARATORS.sub(" ", text.lower().translate(_APOS_TABLE)).strip()
    low = unicodedata.normalize("NFKC", text).casefold().translate(_KEEP_CYR).translate(_SPECIAL)
    low = _strip_marks_keep_cyrillic(low).translate(_APOS_TABLE)
    return _SEPARATORS.sub(" ", low).strip()


def lower_key(text: str) -> str:
    """The exact key: NFC, case-folded, whitespace collapsed; distinguishes marks and apostrophes."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


# Combining marks, except the breve/diaeresis that make й, ї, ў out of и, і, у.
_MARKS = re.compile("(?<![иіуИІУ])[\u0300-\u036f]|(?<=[иіуИІУ])[\u0300-\u0305\u0307\u0309-\u036f]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_FOREIGN_LETTER = re.compile("(?![a-zA-Z\u00c0-\u024f\u0400-\u04ff\u1e00-\u1eff])[^\\W\\d_]")


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


def is_latin_or_cyrillic(text: str) -> bool:
    """True when every letter is Latin or Cyrillic (the scripts skeleton keys are made for)."""
    return text.isascii() or _FOREIGN_LETTER.search(text) is None
