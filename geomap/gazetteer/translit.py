"""Cyrillic <-> Latin: one skeleton key that the romanisation schemes in real use collapse to.

Russian and Ukrainian names are romanised in many ways (Ukrainian national 2010, BGN/PCGN, ISO 9,
scholarly, German/Polish/French forms, English press forms such as Kharkov or Zaporozhye). Rather than
index every scheme's output, every name -- Cyrillic or Latin -- is reduced to a skeleton in which the
differences between schemes vanish: zh/ž/ż, kh/ch/h/x for х, ts/c/tz for ц, y/j/i glides, ya/ia/ja/я,
apostrophes and soft signs, doubled letters; щ and ш share a symbol (Shchastia/Schastia).
Cyrillic is first romanised with a plain table, then goes
through the same Latin reduction, so the two sides always meet. `loose` further drops the final vowels,
so that Ukrainian and Russian endings meet (Kurakhove/Kurakhovo, Krasne/Krasnoye, -ske/-skoye).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from geomap.gazetteer.fold import APOSTROPHES, has_cyrillic

# A plain romanisation for Cyrillic (Russian, Ukrainian, Belarusian), only used to feed `skeleton`.
_CYR = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ў": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}
_CYR_TABLE = str.maketrans(_CYR)
# Latin letters with marks that stand for Cyrillic digraph sounds (ISO 9, scholarly, Czech, Polish).
_MARKED = str.maketrans(
    {
        "ž": "zh",
        "ż": "zh",
        "ź": "zh",
        "š": "sh",
        "ś": "sh",
        "č": "ch",
        "ć": "ch",
        "ŝ": "sh",
        "ĉ": "ch",
        "ǧ": "g",
        "ĥ": "kh",
        "ł": "l",
        "ø": "o",
        "ß": "ss",
        "æ": "ae",
        "đ": "d",
        "ı": "i",
    }
)
# Digraphs and trigraphs of the schemes, longest first; the output alphabet uses one symbol per sound.
_DIGRAPHS = (
    ("shtsh", "Š"),
    ("schtsch", "Š"),
    ("shch", "Š"),
    ("szcz", "Š"),
    ("shh", "Š"),  # GOST 1971, GOST 7.79 B
    ("tsch", "Č"),
    ("dzh", "dŽ"),
    ("sch", "Š"),
    ("zh", "Ž"),
    ("kh", "X"),
    ("ch", "Č"),
    ("cz", "Č"),
    ("sh", "Š"),
    ("sz", "Š"),
    ("zs", "Ž"),
    ("ts", "C"),
    ("tz", "C"),
    ("gh", "g"),
    ("ph", "f"),
    ("qu", "kv"),
)
_SINGLE = str.maketrans("hwqyj", "gvkii")
_NON_LETTER = re.compile(r"[^a-zČŠŽXC]+")
_GLIDE = re.compile(r"i+(?=[aeou])")
_DOUBLE = re.compile(r"(.)\1+")
_HAS_DOUBLE = re.compile("|".join(c + c for c in "abcdefgiklmnoprstuvzČŠŽXC"))
_TRAILING_VOWELS = re.compile(r"[aeiou]+$")
_APOS = str.maketrans("", "", APOSTROPHES + "·")  # BGN/PCGN's middle dot (t·s for тс) separates nothing
# DSTU 9112 writes ь as j (Podiljsjk, Kropyvnycjkyj): a j after a consonant and before a consonant or the
# end of a word is a soft sign, which the Cyrillic skeleton drops (before a vowel the glide rule drops it).
_SOFT_J = re.compile(r"(?<=[bcdfgklmnprstvzČŠŽXC])j(?![aeiouyj])")


def _first_letter(m: re.Match) -> str:
    return m.group(1)  # a callable: re's string templates are re-parsed on every call (slow)


def romanise(text: str) -> str:
    """A plain Latin reading of a Cyrillic name (lower case); Latin text passes through."""
    return unicodedata.normalize("NFC", text).casefold().translate(_CYR_TABLE)


@lru_cache(maxsize=262144)
def skeleton(text: str) -> str:
    """The scheme-independent key of a Latin or Cyrillic name ("" when nothing is left)."""
    if text.isascii():
        s = text.lower()
        if "'" in s or "`" in s or '"' in s:
            s = s.replace("'", "").replace("`", "").replace('"', "")
    else:
        s = romanise(text).translate(_APOS).translate(_MARKED)
        s = "".join(ch for ch in unicodedata.normalize("NFD", s) if not unicodedata.combining(ch))
    for digraph, symbol in _DIGRAPHS:  # longest first; symbols are upper case, so never re-matched
        if digraph in s:
            s = s.replace(digraph, symbol)
    if "x" in s:
        s = s.replace("x", "ks")
    if "j" in s:
        s = _SOFT_J.sub("", s)
    s = _NON_LETTER.sub("", s.translate(_SINGLE))
    if "i" in s:
        s = _GLIDE.sub("", s)
    if _HAS_DOUBLE.search(s):
        s = _DOUBLE.sub(_first_letter, s)
    return s.lower()


def loose(skel: str) -> str:
    """A skeleton with its final vowels dropped: Ukrainian and Russian endings meet (-ove/-ovo, -e/-oe)."""
    stem = _TRAILING_VOWELS.sub("", skel)
    return stem if len(stem) >= 4 else ""


# Letters that mean different things in different schemes, as (pattern, replacement) readings of a Latin
# spelling. Each is tried only when the usual reading finds nothing (see `skeleton_variants`).
_H_AS_KH = re.compile(r"(?<![zkcsgt])h")  # a lone h: г in KMU/BGN (the usual reading), х in ISO 9/GOST 1986
_YO_AS_E = re.compile(r"(?<=[bcdfgklmnprstvzž])[yji]o")  # ё after a consonant: Artyomovsk/Artemovsk
_Z_AS_TS = re.compile(r"z(?!h)")  # German z is ц
_C_AS_K = re.compile(r"c(?![hz])")  # к as c (Ukrainian passport 2004: Cramators'c); ц elsewhere
# (letters that make the reading worth trying, its rewrites in order)
_READINGS: tuple[tuple[str, tuple[tuple[re.Pattern[str] | str, str], ...]], ...] = (
    ("x", (("x", "kh"),)),  # х as x: DSTU 9112 A, GOST 7.79 B, scholarly (Xarkiv, Xar`kov)
    ("x", (("x", "kh"), ("cz", "ts"), (_YO_AS_E, "e"))),  # GOST 7.79 B: ц as cz, ё as yo
    ("z", (("cz", "ts"), (_YO_AS_E, "e"))),  # GOST 7.79 B without х: Toreczk, Godovicza
    ("h", ((_H_AS_KH, "kh"),)),  # ISO 9, GOST 1986, Russian "simple": Harkiv, Herson, Orehov
    ("h", ((_H_AS_KH, "kh"), (_YO_AS_E, "e"))),
    ("o", ((_YO_AS_E, "e"),)),  # Artyomovsk, Shchyolkovo, Novosyolki
    ("cj", ((_C_AS_K, "k"), ("j", "zh"))),  # Ukrainian passport 2004: к as c, ж as j (Cremenchuc, Rubijne)
    ("ch", (("ch", "kh"),)),  # Polish/Czech ch for х: Charków
    # German: tsch ч, sch ш, sh ж, z ц, ch х, w в (Tscherniwzi, Saporishshja, Charkiw)
    ("wz", (("tsch", "Č"), ("sch", "Š"), (_Z_AS_TS, "ts"), ("sh", "zh"), ("ch", "kh"))),
    # French: ou у, tch ч, ch ш, j ж (Droujkivka, Tchouhouïv, Mychouryn, Snijne)
    ("oj", (("tch", "Č"), ("ch", "Š"), ("ou", "u"), ("j", "zh"))),
)


def skeleton_variants(text: str) -> tuple[str, ...]:
    """Other skeletons a Latin spelling can stand for, best first, for when `skeleton(text)` finds nothing.

    Some letters mean different things in different schemes: `x` is "ks" in press forms (Alexandrovka) but
    х in DSTU 9112 and GOST 7.79 B (Xarkiv, Xar`kov); a lone `h` is г in the national system (Hlukhiv) but х
    in ISO 9 (Harkiv); `cz` is ч in Polish but ц in GOST 7.79 B; `c` is к in the 2004 passport system. Each
    reading is worth a probe; the index decides which one names a place.
    """
    if has_cyrillic(text):
        return ()
    low = text.lower()
    main = skeleton(text)
    out: list[str] = []
    for triggers, rewrites in _READINGS:
        if not any(t in low for t in triggers):
            continue
        alt = low
        for pattern, rep in rewrites:
            alt = pattern.sub(rep, alt) if isinstance(pattern, re.Pattern) else alt.replace(pattern, rep)
        skel = skeleton(alt)
        if skel and skel != main and skel not in out:
            out.append(skel)
    return tuple(out)
