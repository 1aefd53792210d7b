"""Inflected Russian and Ukrainian forms -> the nominative forms a gazetteer lists.

"под Покровском" -> "Покровск", "у Харкові" -> "Харків", "Харьковской области" -> "Харьковская область".
pymorphy3 (ru and uk dictionaries) proposes nominatives; a few suffix rules cover toponyms its
dictionaries do not know (Ukrainian о/і alternation: Харкові -> Харків; к/ц: Авдіївці -> Авдіївка).
Every proposal is only a guess until the index confirms it. pymorphy3 loads lazily (~0.15 s) and its
answers are cached.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from geomap.gazetteer.fold import has_cyrillic

# Prepositions that precede place names in news text (ru, uk, en); stripped before lookup.
PREPOSITIONS = frozenset(
    "в во у под подо під біля около возле близ вблизи поблизу неподалік неподалеку из изо із з зі зо от "
    "від до на за над через с со к ко по near outside in at from to around of".split()
)
_WORD = re.compile(r"[\w'’ʼ-]+", re.UNICODE)

# (ending, replacements) tried on the last letters of an unknown Cyrillic word.
_SUFFIX_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ові", ("ів", "ов")),
    ("еві", ("їв", "ев")),
    ("єві", ("їв",)),
    ("ові", ("ів",)),
    ("ому", ("", "ий", "е")),
    ("ого", ("", "ий", "е", "ое")),
    ("ім", ("е", "ий")),
    ("ом", ("",)),
    ("ем", ("",)),
    ("ім", ("",)),
    ("ою", ("а",)),
    ("ей", ("я",)),
    ("ой", ("а", "ий", "ый")),
    ("ці", ("ка",)),
    ("ки", ("ка",)),
    ("ку", ("ка",)),
    ("ке", ("ка",)),
    ("ой", ("а",)),
    ("ом", ("о", "е")),
    ("ах", ("и", "ы")),
    ("ях", ("и",)),
    ("ами", ("и", "ы")),
    ("і", ("", "а", "я", "ь", "и")),
    ("е", ("", "а", "ь")),
    ("у", ("", "а")),
    ("а", ("",)),
    ("ю", ("я", "ь")),
    ("и", ("а", "ь", "")),
    ("ы", ("а",)),
    ("я", ("", "ь")),
)


@lru_cache(maxsize=2)
def _analyzer(lang: str):
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


@lru_cache(maxsize=65536)
def word_nominatives(word: str) -> tuple[str, ...]:
    """Nominative guesses for one Cyrillic word, most likely first (the word itself included)."""
    low = word.lower()
    out: list[str] = [low]
    for lang in ("ru", "uk"):
        for parse in _analyzer(lang).parse(low)[:4]:
            tag = parse.tag
            nom = parse.inflect({"nomn"}) if ("ADJF" in tag or "NOUN" in tag) else None
            for cand in (nom.word if nom else None, parse.normal_form):
                if cand and cand not in out:
                    out.append(cand)
    for ending, reps in _SUFFIX_RULES:
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            for rep in reps:
                cand = low[: len(low) - len(ending)] + rep
                if cand not in out:
                    out.append(cand)
    return tuple(out)


def strip_prepositions(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[0].lower().strip(".,") in PREPOSITIONS:
        words = words[1:]
    return " ".join(words)


def nominative_phrases(text: str, limit: int = 24) -> list[str]:
    """Candidate nominative forms of a (possibly inflected) Cyrillic phrase, most likely first."""
    text = strip_prepositions(text)
    words = _WORD.findall(text)
    if not words or len(words) > 4 or not has_cyrillic(text):
        return []
    options = [word_nominatives(w) if has_cyrillic(w) else (w.lower(),) for w in words]
    phrases = []
    # Best-first: combinations of each word's likelier forms before any word's unlikely ones, so that the
    # agreeing phrase ("донецкая народная республика") is not cut off by the limit behind the first word's
    # every form.
    ranks = sorted(itertools.product(*(range(len(o)) for o in options)), key=sum)
    for idx in ranks[:limit]:
        phrase = " ".join(o[i] for o, i in zip(options, idx, strict=True))
        if phrase not in phrases:
            phrases.append(phrase)
    return phrases


def adjective_to_place(word: str) -> list[str]:
    """Settlement names behind a region adjective: Харьковская -> Харьков, Донецька -> Донецьк."""
    low = word.lower()
    out = []
    for ending in (
        "ская",
        "ской",
        "ський",
        "ська",
        "ській",
        "ской",
        "ский",
        "ская",
        "цкая",
        "цька",
        "цкой",
        "цькій",
        "ska",
        "skaya",
        "sky",
        "skyi",
        "skiy",
        "ske",
        "skoe",
        "skoye",
    ):
        if low.endswith(ending):
            stem = low[: -len(ending)]
            latin = ending.isascii()
            if ending.startswith("ц"):
                out += [stem + "цк", stem + "цьк"]
            elif latin:
                out += [stem, stem + "sk", stem + "s'k"]
            else:
                out += [stem, stem + "ск", stem + "ськ", stem + "и", stem + "ы"]
    return [w for w in out if len(w) >= 3]
