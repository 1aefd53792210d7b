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
_RU_PREPOSITIONS = frozenset("под подо из изо около возле близ вблизи неподалеку от ко со".split())
_UK_PREPOSITIONS = frozenset("під біля поблизу неподалік від із зі".split())
_POSSESSIVE = re.compile(r"(?<=\w)['’ʼ]s$")
_WORD = re.compile(r"[\w'’ʼ-]+", re.UNICODE)

# (ending, replacements) tried on the last letters of an unknown Cyrillic word.
_SUFFIX_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ові", ("ів", "ов", "")),
    ("еві", ("їв", "ев")),
    ("єві", ("їв",)),
    ("ові", ("ів",)),
    ("ому", ("", "ий", "е")),
    ("ого", ("", "ий", "е", "ое")),
    ("ім", ("е", "ий")),
    ("ом", ("",)),
    ("ым", ("",)),  # Russian short possessive adjectives: Часовым Яром -> Часов Яр
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
    ("і", ("", "а", "я", "ь", "и", "о")),  # -о: у Старому Селі -> Старе Село
    ("е", ("", "а", "ь", "о")),  # -о: в Курахове -> Курахово
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


_NAME_POS = frozenset({"NOUN", "ADJF", "ADJS", "PRTF", None})
_UK_ONLY = frozenset("іїєґ")
_RU_ONLY = frozenset("ыэёъ")
# Ukrainian stem alternations in oblique cases: к/г/х -> ц/з/с before -і (Кривому Розі), and о/е of a closed
# last syllable -> і in the nominative (Рогу/Ріг, Харкова/Харків, Львова/Львів).
_UK_SOFTENED = {"з": "г", "ц": "к", "с": "х"}
_LAST_O = re.compile(r"[ое](?=[^аеєиіїоуюяь]+$)")


def languages(text: str) -> tuple[str, ...]:
    """Which analysers to ask, likelier first: letters only Ukrainian or only Russian has decide."""
    letters = set(text.lower())
    if letters & _UK_ONLY and not letters & _RU_ONLY:
        return ("uk",)
    if letters & _RU_ONLY and not letters & _UK_ONLY:
        return ("ru",)
    return ("ru", "uk")


def _uk_stems(stem: str) -> list[str]:
    """A Ukrainian zero-ending nominative behind an oblique stem: роз -> ріг, харков -> харків."""
    out = [stem]
    if stem[-1:] in _UK_SOFTENED:
        out.append(stem[:-1] + _UK_SOFTENED[stem[-1]])
    for st in list(out):
        alt = _LAST_O.sub("і", st, count=1) if _LAST_O.search(st) else ""
        if alt and alt not in out:
            out.append(alt)
    return out[1:]


@lru_cache(maxsize=65536)
def word_nominatives(word: str, langs: tuple[str, ...] = ("ru", "uk")) -> tuple[str, ...]:
    """Nominative guesses for one Cyrillic word, most likely first (the word itself included).

    A hyphenated word is analysed whole and part by part (Каменце-Подольском -> Каменец-Подольский)."""
    low = word.lower()
    out: list[str] = [low]
    parts = low.split("-")
    if len(parts) > 1 and all(parts):
        options = [word_nominatives(part, langs) for part in parts]
        ranks = sorted(itertools.product(*(range(len(o)) for o in options)), key=sum)
        for idx in ranks[:12]:
            out.append("-".join(o[i] for o, i in zip(options, idx, strict=True)))
    for lang in langs:
        for parse in _analyzer(lang).parse(low)[:4]:
            tag = parse.tag
            if tag.POS not in _NAME_POS:  # a verb or adverb reading (кривім -> кривити) names no place
                continue
            if tag.case == "nomn":  # already nominative: inflecting (~0.1 ms) would give the word back
                nom_word = parse.word
            else:
                nom = parse.inflect({"nomn"}) if ("ADJF" in tag or "NOUN" in tag) else None
                nom_word = nom.word if nom else None
            for cand in (nom_word, parse.normal_form):
                if cand and cand not in out:
                    out.append(cand)
    for ending, reps in _SUFFIX_RULES:
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            stem = low[: len(low) - len(ending)]
            for rep in reps:
                cands = [stem + rep]
                if rep == "" and "uk" in langs:
                    cands += _uk_stems(stem)
                out.extend(c for c in cands if c not in out)
    return tuple(dict.fromkeys(out))


def strip_prepositions(text: str) -> str:
    """The name without leading prepositions ("під Покровськом") or an English possessive ("Kharkiv's")."""
    words = text.split()
    while len(words) > 1 and words[0].lower().strip(".,") in PREPOSITIONS:
        words = words[1:]
    if words and len(words[-1]) > 4:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    return " ".join(words)


def nominative_phrases(text: str, limit: int = 40) -> list[str]:
    """Candidate nominative forms of a (possibly inflected) Cyrillic phrase, most likely first.

    The phrase as given (after prepositions) is not among them: callers have looked it up already."""
    langs = languages(text)  # before the preposition goes: під, біля say Ukrainian; под, из say Russian
    first = text.split(maxsplit=1)[0].lower() if text.strip() else ""
    if len(langs) > 1 and first in _RU_PREPOSITIONS:
        langs = ("ru",)
    elif len(langs) > 1 and first in _UK_PREPOSITIONS:
        langs = ("uk",)
    text = strip_prepositions(text)
    words = _WORD.findall(text)
    if not words or len(words) > 4 or not has_cyrillic(text):
        return []
    options = [word_nominatives(w, langs) if has_cyrillic(w) else (w.lower(),) for w in words]
    phrases = []
    # Best-first: combinations of each word's likelier forms before any word's unlikely ones, so that the
    # agreeing phrase ("донецкая народная республика") is not cut off by the limit behind the first word's
    # every form.
    ranks = sorted(itertools.product(*(range(len(o)) for o in options)), key=sum)
    for idx in ranks[1 : limit + 1]:  # ranks[0] is the phrase itself
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
