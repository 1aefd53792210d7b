"""Is a capitalised word just an ordinary word?

In Russian and Ukrainian only names are capitalised mid-sentence, so a sentence-initial word is the
one place where "Того" (of that), "Українські" (Ukrainian) or "Бої" (battles) look like names.
pymorphy3's dictionaries say whether the word is a known common word; nouns tagged as geographical
(Geox) are never called common. The analysers load once (~0.2 s) and answers are cached.

English capitalises words in titles, names of bodies and products ("the Security Council", "Volga Sky"),
and GeoNames holds a small town for almost every English noun (Hope, Council, Energy, Orange). English has
no inflection dictionary here, so the signal is frequency: wordfreq's Zipf scale, loaded on first need
(~0.5 s, once per process), only for the English words that look like small towns.
"""

from __future__ import annotations

from functools import lru_cache

from geomap.gazetteer.morph import analyzer

_NOT_NOUN = frozenset(
    "ADJF ADJS COMP VERB INFN PRTF PRTS GRND NUMR ADVB NPRO PRED PREP CONJ PRCL INTJ".split()
)


_FUNCTION_POS = frozenset("NPRO PREP CONJ PRCL INTJ PRED".split())
# Nationality adjectives: "Українські сили", "Российские войска" at the start of a sentence.
_DEMONYM_STEMS = (
    "украин", "україн", "росси", "росій", "русск", "американ", "европ", "європ", "белорус", "білорус",
    "советск", "радянськ", "западн", "західн", "немецк", "німецьк", "польск", "польськ", "британ",
    "француз", "китайск", "китайськ", "иранск", "іранськ",
)  # fmt: skip


@lru_cache(maxsize=65536)
def common_word(word: str, lang: str) -> str | None:
    """'function' for a known function word, pronoun, verb or nationality adjective; 'adjective' for
    another known adjective; 'noun' for a known common noun; None when the word is unknown or a
    geographical name. Only Cyrillic words are judged."""
    low = word.lower()
    if not low or not ("\u0400" <= low[0] <= "\u04ff"):
        return None
    langs = ("uk", "ru") if lang == "uk" else ("ru", "uk")
    verdicts = []
    for code in langs:
        parse = analyzer(code).parse(low)[0]
        if not parse.is_known:
            continue
        tag = parse.tag
        grammemes = set(tag.grammemes)  # the Ukrainian tag set has no Geox: test membership by set
        if "Geox" in grammemes and tag.POS == "NOUN":
            return None
        if tag.POS in _FUNCTION_POS or "Apro" in grammemes:
            return "function"  # either language reading it as a pronoun or particle settles it
        if {"Name", "Surn", "Patr"} & grammemes:
            continue
        if tag.POS in ("ADJF", "ADJS", "PRTF", "COMP"):
            verdicts.append("function" if low.startswith(_DEMONYM_STEMS) else "adjective")
        else:
            verdicts.append("function" if tag.POS in _NOT_NOUN else "noun")
    return verdicts[0] if verdicts else None


_VERB_POS = frozenset({"VERB", "INFN", "PRTS", "GRND"})


@lru_cache(maxsize=65536)
def is_verb(word: str, lang: str) -> bool:
    """True when the dictionaries read a Cyrillic word as a verb form ("наполягає", "комментирует")."""
    low = word.lower()
    if not low or not ("\u0400" <= low[0] <= "\u04ff"):
        return False
    langs = ("uk", "ru") if lang == "uk" else ("ru", "uk")
    for code in langs:
        parse = analyzer(code).parse(low)[0]
        if parse.is_known:
            return parse.tag.POS in _VERB_POS
    return False


@lru_cache(maxsize=65536)
def person_name(word: str, lang: str) -> bool:
    """True when the dictionaries read a Cyrillic word as a surname or given name in the nominative
    ("Песков", "Зеленський"), the form a person takes as the subject of a sentence."""
    low = word.lower()
    if not low or not ("\u0400" <= low[0] <= "\u04ff"):
        return False
    for code in ("uk", "ru") if lang == "uk" else ("ru", "uk"):
        for parse in analyzer(code).parse(low)[:4]:
            grammemes = set(parse.tag.grammemes)
            if {"Surn", "Name", "Patr"} & grammemes and "nomn" in grammemes and parse.score >= 0.1:
                return True
    return False


COMMON_ENGLISH_ZIPF = 4.0  # once per 100,000 words: "council" 5.1, "hope" 5.4, "village" 4.8 are above;
# place names that are not also words are below ("Kharkiv" 2.9, "Volga" 2.8, "Lyman" 3.1)


@lru_cache(maxsize=65536)
def common_english_word(word: str) -> bool:
    """True for an ordinary English word ("Council", "Hope"), by its frequency in English text."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en", wordlist="small") >= COMMON_ENGLISH_ZIPF
