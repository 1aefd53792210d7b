"""Is a capitalised Russian/Ukrainian word at the start of a sentence just an ordinary word?

In Russian and Ukrainian only names are capitalised mid-sentence, so a sentence-initial word is the
one place where "Того" (of that), "Українські" (Ukrainian) or "Бої" (battles) look like names.
pymorphy3's dictionaries say whether the word is a known common word; nouns tagged as geographical
(Geox) are never called common. The analysers load once (~0.2 s) and answers are cached.
"""

from __future__ import annotations

from functools import lru_cache

_NOT_NOUN = frozenset(
    "ADJF ADJS COMP VERB INFN PRTF PRTS GRND NUMR ADVB NPRO PRED PREP CONJ PRCL INTJ".split()
)


@lru_cache(maxsize=2)
def _analyzer(lang: str):
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


@lru_cache(maxsize=65536)
def common_word(word: str, lang: str) -> str | None:
    """'function' for a known non-noun (adjective, pronoun, verb...), 'noun' for a known common noun,
    None when the word is unknown or a geographical name. Only Cyrillic words are judged."""
    low = word.lower()
    if not low or not ("\u0400" <= low[0] <= "\u04ff"):
        return None
    langs = ("uk", "ru") if lang == "uk" else ("ru", "uk") if lang == "ru" else ("ru", "uk")
    verdicts = []
    for code in langs:
        try:
            parse = _analyzer(code).parse(low)[0]
        except Exception:  # pragma: no cover - dictionary missing: no opinion
            continue
        if not parse.is_known:
            continue
        tag = parse.tag
        grammemes = set(tag.grammemes)  # the Ukrainian tag set has no Geox: test membership by set
        if "Geox" in grammemes and tag.POS == "NOUN":
            return None
        if {"Name", "Surn", "Patr"} & grammemes:
            continue
        verdicts.append("function" if tag.POS in _NOT_NOUN else "noun")
        if code == langs[0]:
            break
    return verdicts[0] if verdicts else None
