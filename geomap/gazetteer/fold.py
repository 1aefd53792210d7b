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


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def _strip_marks_keep_cyrillic(text: str) -> str:
    """Strip accents, but keep й and ї (they are letters in Russian/Ukrainian, not accented и/і)."""
    if text.isascii():
        return text
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in "йїў":
            out.append(ch)
        else:
            out.append(_strip_marks(ch) if not ch.isascii() else ch)
    return "".join(out)


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


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def is_latin_or_cyrillic(text: str) -> bool:
    """True when every letter is Latin or Cyrillic (the scripts skeleton keys are made for)."""
    for ch in text:
        if ch.isalpha() and not (
            ch.isascii()
            or "\u00c0" <= ch <= "\u024f"
            or "\u0400" <= ch <= "\u04ff"
            or "\u1e00" <= ch <= "\u1eff"
        ):
            return False
    return True
