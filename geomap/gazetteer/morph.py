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
from functools import cache, lru_cache

from geomap.gazetteer.fold import has_cyrillic

# Prepositions that precede place names in news text (ru, uk, en); stripped before lookup.
PREPOSITIONS = frozenset(
    "в во у под подо під біля около возле близ вблизи поблизу неподалік неподалеку из изо із з зі зо от "
    "від до на за над через с со к ко по near outside in at from to around of".split()
)
_RU_PREPOSITIONS = frozenset("под подо из изо около возле близ вблизи неподалеку от ко со".split())
_UK_PREPOSITIONS = frozenset("під біля поблизу неподалік від із зі".split())
PARSES_CONSIDERED = 4  # an analyser's likeliest parses of a word; later ones are rare readings
MAX_PHRASE_WORDS = 4  # a longer phrase names no place
MIN_STEM = 3  # an ending rule leaves at least this many letters: shorter stems guess at random
HYPHEN_COMBINATIONS = 12  # nominatives of a hyphenated word tried, from its halves' likeliest forms
PHRASE_LIMIT = 40  # nominative phrases proposed at most (nominative_phrases' default)
_SMALL_PRODUCT = 256  # up to this many combinations, sorting all of them is cheaper than walking by sum
_MISMATCH_WEIGHT = 0.1  # pymorphy3's inflect() ranks forms by shared grammemes minus a tenth of the others
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
# The rules by the last letter of their ending, in their order: a word is checked only against those.
_RULES_BY_LAST: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    last: tuple(rule for rule in _SUFFIX_RULES if rule[0][-1] == last)
    for last in {ending[-1] for ending, _ in _SUFFIX_RULES}
}


@cache
def analyzer(lang: str):
    """The process's pymorphy3 analyser for "ru" or "uk": each dictionary loads once (~0.1 s and ~15 MB),
    whoever asks first (the lookups here, the region names at build time, text/commonword.py)."""
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
        for idx in ranked_combinations([len(o) for o in options], 0, HYPHEN_COMBINATIONS):
            out.append("-".join(o[i] for o, i in zip(options, idx, strict=True)))
    for lang in langs:
        out.extend(c for c in _parsed_nominatives(lang, low) if c not in out)
    for ending, reps in _RULES_BY_LAST.get(low[-1:], ()):
        if low.endswith(ending) and len(low) - len(ending) >= MIN_STEM:
            stem = low[: len(low) - len(ending)]
            for rep in reps:
                cands = [stem + rep]
                if rep == "" and "uk" in langs:
                    cands += _uk_stems(stem)
                out.extend(c for c in cands if c not in out)
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=65536)
def _parsed_nominatives(lang: str, low: str) -> tuple[str, ...]:
    """What one analyser proposes for a lowercase word: per likely parse its nominative, then its lemma.

    Cached per language: a word met under ("ru", "uk") and under ("ru",) is parsed once."""
    morph = analyzer(lang)
    out: list[str] = []
    for parse in morph.parse(low)[:PARSES_CONSIDERED]:
        tag = parse.tag
        if tag.POS not in _NAME_POS:  # a verb or adverb reading (кривім -> кривити) names no place
            continue
        if tag.case == "nomn":  # already nominative: inflecting (~0.1 ms) would give the word back
            nom_word = parse.word
        else:
            nom_word = _nominative(lang, morph, parse) if ("ADJF" in tag or "NOUN" in tag) else None
        for cand in (nom_word, parse.normal_form):
            if cand and cand not in out:
                out.append(cand)
    return tuple(out)


def _nominative(lang: str, morph, parse) -> str | None:
    """`parse.inflect({"nomn"}).word` (None when the lexeme has no nominative), without building the lexeme.

    pymorphy3 picks, among the lexeme's nominative forms, the first whose tag is most like the parse's. The
    lexeme of a dictionary word (or of one predicted from a known suffix, or behind a prefix) is its
    paradigm around one stem, so which form wins depends only on the paradigm and the parse's tag: that
    choice is cached, and only the winning word is spelt. Other analyses ask pymorphy3's own inflect."""
    if _shortcut_works(lang):
        chain = _dictionary_chain(parse)
        if chain is not None:
            return _shortcut(lang, morph, parse, chain)
        halves = _hyphen_halves(parse)
        if halves is not None:
            return _hyphen_shortcut(lang, morph, parse, halves)
    nom = parse.inflect(_NOMN)
    return nom.word if nom else None


def _shortcut(lang: str, morph, parse, chain: tuple[str, str, int, int]) -> str | None:
    """The nominative of a parse whose `_dictionary_chain` is `chain`: the cached form of its paradigm."""
    prefix, word, para_id, idx = chain
    d = morph.dictionary
    key = (para_id, parse.tag)
    chosen = _NOMINATIVE_FORM.setdefault(lang, {})
    best = chosen.get(key, _MISSING)
    if best is _MISSING:
        if len(chosen) >= _MAX_CHOICES:
            chosen.clear()
        best = chosen[key] = _best_nominative(morph, para_id, parse.tag)
    return None if best is None else _spell(d, chain, best)


def _spell(d, chain: tuple[str, str, int, int], form: int) -> str:
    """Form number `form` of the lexeme of a parse whose `_dictionary_chain` is `chain`."""
    prefix, word, para_id, idx = chain
    paradigm = d.paradigms[para_id]
    n = len(paradigm) // 3
    stem = d.build_stem(paradigm, idx, word)
    return prefix + d.paradigm_prefixes[paradigm[2 * n + form]] + stem + d.suffixes[paradigm[form]]


def _hyphen_halves(parse) -> tuple[tuple, tuple, dict] | None:
    """The dictionary chains of both halves of a hyphenated word whose halves both inflect (человек-гора),
    with the analyser's grammemes it treats as the same; None for any other analysis."""
    stack = parse.methods_stack
    if len(stack) != 1 or type(stack[0][0]) is not _units()[1] or isinstance(stack[0][1], str):
        return None
    word = parse.word
    cut = word.find("-")
    if cut < 0:
        return None
    left = _chain(stack[0][1], word[:cut])
    right = _chain(stack[0][2], word[cut + 1 :])
    if left is None or right is None:
        return None
    return left, right, stack[0][0]._CONSIDER_THE_SAME


def _hyphen_shortcut(lang: str, morph, parse, halves: tuple[tuple, tuple, dict]) -> str | None:
    """The nominative of a word whose halves both inflect. pymorphy3's lexeme pairs each form of the right
    half with the nearest form of the left (by tags) and tags the pair as the left form: so the winner
    again depends only on the two paradigms and the parse's tag."""
    left, right, same = halves
    d = morph.dictionary
    key = ("-", left[2], right[2], parse.tag)
    chosen = _NOMINATIVE_FORM.setdefault(lang, {})
    best = chosen.get(key, _MISSING)
    if best is _MISSING:
        if len(chosen) >= _MAX_CHOICES:
            chosen.clear()
        best = chosen[key] = _best_hyphen_nominative(morph, left[2], right[2], parse.tag, same)
    return None if best is None else _spell(d, left, best[0]) + "-" + _spell(d, right, best[1])


# Words whose parses take every path of the shortcut (dictionary, known suffix, prefixes, hyphenated words).
_SELF_CHECK = {
    "ru": (
        "харьковской",
        "покровском",
        "псевдопокровском",
        "бутявкой",
        "краматорське",
        "каменце-подольском",
        "человеке-горе",
    ),
    "uk": ("харківській", "кривому", "бутявкой", "нью-йорке", "пів-острові", "гаю-хуторі"),
}


# What reading pymorphy3's internals raises when a release changed their shape (a unit moved or renamed,
# a table or stack laid out otherwise).
_INTERNALS_CHANGED = (AttributeError, ImportError, IndexError, KeyError, TypeError, ValueError)


@cache
def _shortcut_works(lang: str) -> bool:
    """Whether the shortcut spells what inflect() does with the installed pymorphy3, whose internals it reads
    (paradigm tables, analysis stacks): checked once per language (~2 ms), else inflect() is always asked."""
    morph = analyzer(lang)
    try:
        for word in _SELF_CHECK.get(lang, ()):
            for parse in morph.parse(word):
                chain, halves = _dictionary_chain(parse), _hyphen_halves(parse)
                if chain is not None or halves is not None:
                    nom = parse.inflect(_NOMN)
                    if chain is not None:
                        fast = _shortcut(lang, morph, parse, chain)
                    else:
                        fast = _hyphen_shortcut(lang, morph, parse, halves)
                    if fast != (nom.word if nom else None):
                        return False
    except _INTERNALS_CHANGED:  # use the public inflect() only
        return False
    return True


def _dictionary_chain(parse) -> tuple[str, str, int, int] | None:
    """(prefix, word, paradigm, form) when the parse is a dictionary form, possibly predicted from a known
    suffix and behind prefixes or a fixed first half of a hyphenated word (their lexemes keep the
    dictionary's tags and spell the prefix in front); None for any other analysis."""
    return _chain(parse.methods_stack, parse.word)


def _chain(stack: tuple, word: str) -> tuple[str, str, int, int] | None:
    """`_dictionary_chain` of an analysis stack and the word it analysed."""
    dictionaries, hyphenated, prefixes, suffix = _units()
    prefix = ""
    while stack:
        unit = type(stack[-1][0])
        if len(stack) == 1 and unit in dictionaries:
            return prefix, word, stack[0][2], stack[0][3]
        if unit is hyphenated and len(stack) == 1 and isinstance(stack[0][1], str):
            p, stack = stack[0][1] + "-", stack[0][2]  # left half fixed: the right half's lexeme
        elif unit in prefixes and len(stack) > 1:
            p, stack = stack[-1][1], stack[:-1]
        elif unit is suffix and len(stack) > 1:
            p, stack = "", stack[:-1]
        else:
            return None
        if not word.startswith(p):
            return None
        prefix, word = prefix + p, word[len(p) :]
    return None


@cache
def _units() -> tuple[tuple[type, ...], type, tuple[type, ...], type]:
    """pymorphy3's analyser classes the shortcut knows: (dictionaries, hyphenated words, prefixes, suffix)."""
    from pymorphy3.units import (
        DictionaryAnalyzer,
        HyphenatedWordsAnalyzer,
        KnownPrefixAnalyzer,
        KnownSuffixAnalyzer,
        UnknownPrefixAnalyzer,
    )

    return (
        (DictionaryAnalyzer, KnownSuffixAnalyzer.FakeDictionary),
        HyphenatedWordsAnalyzer,
        (KnownPrefixAnalyzer, UnknownPrefixAnalyzer),
        KnownSuffixAnalyzer,
    )


def _best_hyphen_nominative(
    morph, left_para: int, right_para: int, tag, same: dict
) -> tuple[int, int] | None:
    """The (left form, right form) pymorphy3's inflect({"nomn"}) returns for a both-halves hyphenated word
    tagged `tag` (see HyphenatedWordsAnalyzer._align_lexeme_forms and MorphAnalyzer._inflect)."""
    from pymorphy3.units.by_hyphen import replace_grammemes

    d = morph.dictionary
    left_tags = [d.build_tag_info(left_para, i) for i in range(len(d.paradigms[left_para]) // 3)]
    right_tags = [d.build_tag_info(right_para, i) for i in range(len(d.paradigms[right_para]) // 3)]
    left_same = [replace_grammemes(t.grammemes, same) for t in left_tags]
    pairs = []
    for r, right_tag in enumerate(right_tags):
        right_same = replace_grammemes(right_tag.grammemes, same)
        nearest, least = None, 1e6
        for i, gr in enumerate(left_same):
            dist = len(gr ^ right_same)
            if dist < least:
                nearest, least = i, dist
        pairs.append((nearest, r))
    possible = [pair for pair in pairs if _NOMN <= left_tags[pair[0]].grammemes]
    if not possible:
        return None
    grammemes = tag.updated_grammemes(_NOMN)
    return max(  # the first of equals, as in _best_nominative
        possible,
        key=lambda pair: (
            len(grammemes & left_tags[pair[0]].grammemes)
            - _MISMATCH_WEIGHT * len(grammemes ^ left_tags[pair[0]].grammemes)
        ),
    )


def _best_nominative(morph, para_id: int, tag) -> int | None:
    """The paradigm form pymorphy3's inflect({"nomn"}) returns for a form tagged `tag` (see Parse.inflect)."""
    d = morph.dictionary
    n = len(d.paradigms[para_id]) // 3
    tags = [d.build_tag_info(para_id, i) for i in range(n)]
    # inflect() retries with rare cases replaced by common ones; "nomn" is not rare, so it would find none
    possible = [i for i in range(n) if _NOMN <= tags[i].grammemes]
    if not possible:
        return None
    grammemes = tag.updated_grammemes(_NOMN)
    return max(  # max keeps the first of equals, as inflect's heapq.nlargest(1, ...) does
        possible,
        key=lambda i: (
            len(grammemes & tags[i].grammemes) - _MISMATCH_WEIGHT * len(grammemes ^ tags[i].grammemes)
        ),
    )


_NOMN = frozenset({"nomn"})
_MISSING = object()
# per language: (paradigm, tag of the parse) -> the paradigm form inflect() would pick (for a hyphenated word:
# ("-", left paradigm, right paradigm, tag) -> (left form, right form)). Paradigms are few (a few thousand),
# but pairs of them are not, hence the bound.
_NOMINATIVE_FORM: dict[str, dict[tuple, object]] = {}
_MAX_CHOICES = 200_000


def ranked_combinations(sizes: list[int], start: int, stop: int) -> list[tuple[int, ...]]:
    """`sorted(itertools.product(*map(range, sizes)), key=sum)[start:stop]` without building the product.

    Index tuples by their sum, ties in product order: each word's likelier forms before any word's
    unlikely ones. Four words of fifteen forms make 50,625 tuples; only the first few are wanted."""
    if not isinstance(start, int) or not isinstance(stop, int) or start < 0 or stop < 0:
        return sorted(itertools.product(*(range(size) for size in sizes)), key=sum)[start:stop]  # as slicing
    if stop <= start or not sizes or min(sizes) <= 0:
        return []
    total = 1
    for size in sizes:
        total *= size
    if total <= _SMALL_PRODUCT:
        return sorted(itertools.product(*(range(size) for size in sizes)), key=sum)[start:stop]
    out: list[tuple[int, ...]] = []
    spare = [0] * (len(sizes) + 1)  # spare[i]: the largest sum the words from i on can add
    for i in range(len(sizes) - 1, -1, -1):
        spare[i] = spare[i + 1] + sizes[i] - 1
    for s in range(spare[0] + 1):
        for combo in _with_sum(sizes, spare, 0, s):
            out.append(combo)
            if len(out) >= stop:
                return out[start:]
    return out[start:]


def _with_sum(sizes: list[int], spare: list[int], i: int, s: int):
    """Index tuples for the words from i on that add up to s, in product (lexicographic) order."""
    if i == len(sizes) - 1:
        yield (s,)
        return
    for v in range(max(0, s - spare[i + 1]), min(sizes[i] - 1, s) + 1):
        for tail in _with_sum(sizes, spare, i + 1, s - v):
            yield (v, *tail)


def strip_prepositions(text: str) -> str:
    """The name without leading prepositions ("під Покровськом") or an English possessive ("Kharkiv's")."""
    words = text.split()
    while len(words) > 1 and words[0].lower().strip(".,") in PREPOSITIONS:
        words = words[1:]
    if words and len(words[-1]) > 4:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    return " ".join(words)


def nominative_phrases(text: str, limit: int = PHRASE_LIMIT) -> list[str]:
    """Candidate nominative forms of a (possibly inflected) Cyrillic phrase, most likely first.

    The phrase as given (after prepositions) is not among them: callers have looked it up already."""
    return list(_nominative_phrases(text, limit))


@lru_cache(maxsize=4096)
def _nominative_phrases(text: str, limit: int) -> tuple[str, ...]:
    """nominative_phrases, cached: an article names the same places again and again."""
    langs = languages(text)  # before the preposition goes: під, біля say Ukrainian; под, из say Russian
    first = text.split(maxsplit=1)[0].lower() if text.strip() else ""
    if len(langs) > 1 and first in _RU_PREPOSITIONS:
        langs = ("ru",)
    elif len(langs) > 1 and first in _UK_PREPOSITIONS:
        langs = ("uk",)
    text = strip_prepositions(text)
    words = _WORD.findall(text)
    if not words or len(words) > MAX_PHRASE_WORDS or not has_cyrillic(text):
        return ()
    options = [word_nominatives(w, langs) if has_cyrillic(w) else (w.lower(),) for w in words]
    phrases: list[str] = []
    seen: set[str] = set()
    # Best-first: combinations of each word's likelier forms before any word's unlikely ones, so that the
    # agreeing phrase ("донецкая народная республика") is not cut off by the limit behind the first word's
    # every form.
    for idx in ranked_combinations([len(o) for o in options], 1, limit + 1):  # the first is the phrase
        phrase = " ".join(o[i] for o, i in zip(options, idx, strict=True))
        if phrase not in seen:
            seen.add(phrase)
            phrases.append(phrase)
    return tuple(phrases)


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
    return [w for w in out if len(w) >= MIN_STEM]
