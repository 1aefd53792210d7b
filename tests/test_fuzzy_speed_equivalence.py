"""The faster fuzzy matcher and morphology give exactly the answers of the versions they replaced.

Frozen copies of the old `FuzzyIndex.similar`, `word_nominatives`, `nominative_phrases`,
`strip_prepositions` and `languages` are kept below (they share the module's word lists and helpers, so a
deliberate change to those lists changes both sides alike). Thousands of generated inputs go through old
and new: random skeleton indexes with random typos, and Cyrillic place names built from toponym parts,
put into oblique cases by pymorphy3, behind prepositions, hyphenated, misspelt. Any differing answer,
order included, fails. benchmarks/bench_fuzzy_parts.py times the same pairs.
"""

from __future__ import annotations

import itertools
import random
import zlib
from functools import lru_cache
from pathlib import Path

import pytest
from typos import misspell

from geomap.gazetteer import morph
from geomap.gazetteer.fold import has_cyrillic
from geomap.gazetteer.fuzzy import FuzzyIndex

# ----------------------------------------------------------------------------------------- frozen copies


def old_similar(fz: FuzzyIndex, skel: str, limit: int = 40) -> list[tuple[str, float]]:
    """FuzzyIndex.similar as of commit b774a68."""
    import numpy as np
    from rapidfuzz.distance import OSA

    if len(skel) < 4:
        return []
    variants = {skel} | {skel[:i] + skel[i + 1 :] for i in range(len(skel))}
    hashes = np.fromiter((zlib.crc32(v.encode()) for v in variants), dtype=np.uint32, count=len(variants))
    lo = np.searchsorted(fz._hash, hashes, side="left")
    hi = np.searchsorted(fz._hash, hashes, side="right")
    kids: set[int] = set()
    for a, b in zip(lo.tolist(), hi.tolist(), strict=True):
        if b > a:
            kids.update(fz._kid[a:b].tolist())
    max_d = 1 if len(skel) <= 5 else 2
    out = []
    for kid in kids:
        key = fz._keys.restore_key(kid)
        if key == skel:
            continue
        d = OSA.distance(skel, key, score_cutoff=max_d)
        if d <= max_d:
            out.append((key, 1.0 - d / max(len(skel), len(key))))
    out.sort(key=lambda t: (-t[1], t[0]))
    return out[:limit]


def old_languages(text: str) -> tuple[str, ...]:
    letters = set(text.lower())
    if letters & morph._UK_ONLY and not letters & morph._RU_ONLY:
        return ("uk",)
    if letters & morph._RU_ONLY and not letters & morph._UK_ONLY:
        return ("ru",)
    return ("ru", "uk")


@lru_cache(maxsize=65536)
def old_word_nominatives(word: str, langs: tuple[str, ...] = ("ru", "uk")) -> tuple[str, ...]:
    """morph.word_nominatives as of commit b774a68."""
    low = word.lower()
    out: list[str] = [low]
    parts = low.split("-")
    if len(parts) > 1 and all(parts):
        options = [old_word_nominatives(part, langs) for part in parts]
        ranks = sorted(itertools.product(*(range(len(o)) for o in options)), key=sum)
        for idx in ranks[:12]:
            out.append("-".join(o[i] for o, i in zip(options, idx, strict=True)))
    for lang in langs:
        for parse in morph.analyzer(lang).parse(low)[:4]:
            tag = parse.tag
            if tag.POS not in morph._NAME_POS:
                continue
            if tag.case == "nomn":
                nom_word = parse.word
            else:
                nom = parse.inflect({"nomn"}) if ("ADJF" in tag or "NOUN" in tag) else None
                nom_word = nom.word if nom else None
            for cand in (nom_word, parse.normal_form):
                if cand and cand not in out:
                    out.append(cand)
    for ending, reps in morph._SUFFIX_RULES:
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            stem = low[: len(low) - len(ending)]
            for rep in reps:
                cands = [stem + rep]
                if rep == "" and "uk" in langs:
                    cands += morph._uk_stems(stem)
                out.extend(c for c in cands if c not in out)
    return tuple(dict.fromkeys(out))


def old_strip_prepositions(text: str) -> str:
    words = text.split()
    while len(words) > 1 and words[0].lower().strip(".,") in morph.PREPOSITIONS:
        words = words[1:]
    if words and len(words[-1]) > 4:
        words[-1] = morph._POSSESSIVE.sub("", words[-1])
    return " ".join(words)


def old_nominative_phrases(text: str, limit: int = 40) -> list[str]:
    """morph.nominative_phrases as of commit b774a68."""
    langs = old_languages(text)
    first = text.split(maxsplit=1)[0].lower() if text.strip() else ""
    if len(langs) > 1 and first in morph._RU_PREPOSITIONS:
        langs = ("ru",)
    elif len(langs) > 1 and first in morph._UK_PREPOSITIONS:
        langs = ("uk",)
    text = old_strip_prepositions(text)
    words = morph._WORD.findall(text)
    if not words or len(words) > 4 or not has_cyrillic(text):
        return []
    options = [old_word_nominatives(w, langs) if has_cyrillic(w) else (w.lower(),) for w in words]
    phrases = []
    ranks = sorted(itertools.product(*(range(len(o)) for o in options)), key=sum)
    for idx in ranks[1 : limit + 1]:
        phrase = " ".join(o[i] for o, i in zip(options, idx, strict=True))
        if phrase not in phrases:
            phrases.append(phrase)
    return phrases


# ----------------------------------------------------------------------------------------- generators

_LATIN = "abcdefghiklmnoprstuvyz"
_MARKED = "čšžʼ"  # skeletons of some romanisations keep marked letters: their deletions are multi-byte


def write_fuzzy_index(keys: list[str], target: Path) -> None:
    """The three fuzzy files exactly as geomap.gazetteer.fuzzy.write_fuzzy writes them."""
    import marisa_trie
    import numpy as np

    target.mkdir(parents=True, exist_ok=True)
    trie = marisa_trie.Trie(sorted(keys))
    trie.save(str(target / "fuzzy.marisa"))
    hashes, kids = [], []
    for key in sorted(keys):
        for d in {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}:
            hashes.append(zlib.crc32(d.encode("utf-8")))
            kids.append(trie[key])
    h = np.asarray(hashes, dtype=np.uint32)
    order = np.argsort(h, kind="stable")
    np.save(target / "fuzzy_hash.npy", h[order])
    np.save(target / "fuzzy_kid.npy", np.asarray(kids, dtype=np.uint32)[order])


def random_skeletons(rnd: random.Random, n: int) -> list[str]:
    """Index keys in clusters of near neighbours (as real names are: -ivka, -ovka, -ivske...), a few with
    marked letters, and one family big enough that a query finds dozens of candidates."""
    keys: set[str] = set()
    while len(keys) < n:
        base = "".join(rnd.choice(_LATIN) for _ in range(rnd.randint(3, 14)))
        if rnd.random() < 0.1:
            i = rnd.randrange(len(base))
            base = base[:i] + rnd.choice(_MARKED) + base[i + 1 :]
        keys.add(base)
        for _ in range(rnd.choice((0, 0, 1, 3, 8))):
            keys.add(misspell(base, rnd))
    stem = "kamenka"
    for i in range(len(stem)):  # every one-letter change: 100+ keys share deletions with "kamenka"
        for ch in _LATIN[:15]:
            keys.add(stem[:i] + ch + stem[i + 1 :])
    return sorted(k for k in keys if k)


def fuzzy_queries(rnd: random.Random, keys: list[str], n: int) -> list[str]:
    out = ["", "abc", "kamenka", "kamenk", "kamenkaa", "akmenka", "kamneka"]
    for _ in range(n):
        key = rnd.choice(keys)
        roll = rnd.random()
        if roll < 0.55:
            out.append(misspell(key, rnd))
        elif roll < 0.8:
            out.append(misspell(misspell(key, rnd), rnd))
        elif roll < 0.9:
            out.append(key)
        else:
            out.append("".join(rnd.choice(_LATIN + _MARKED) for _ in range(rnd.randint(1, 16))))
    return out


# Parts of Russian and Ukrainian toponyms: prefix + root + suffix, adjective + noun, hyphenated pairs.
_RU_PREFIX = ["", "", "", "Ново", "Старо", "Красно", "Бело", "Велико", "Мало", "Верхне", "Нижне", "Пере"]
_UK_PREFIX = ["", "", "", "Ново", "Старо", "Красно", "Біло", "Велико", "Мало", "Верхньо", "Нижньо", "При"]
_ROOTS = [
    "покров",
    "харьк",
    "дон",
    "луг",
    "сум",
    "каменк",
    "гор",
    "песк",
    "ольх",
    "берез",
    "запорож",
    "днепр",
    "мариуп",
    "курах",
    "селид",
    "торец",
    "бахмут",
    "яр",
    "лиман",
    "купян",
    "изюм",
    "балакл",
    "волчан",
    "андре",
    "михайл",
    "иван",
    "петр",
    "никол",
    "алексе",
    "ворон",
    "соснов",
    "дубов",
    "липов",
    "кут",
]
_UK_ROOTS = [
    "покров",
    "харків",
    "дон",
    "луг",
    "сум",
    "кам'ян",
    "гор",
    "піск",
    "вільх",
    "берез",
    "запоріж",
    "дніпр",
    "маріуп",
    "курах",
    "селид",
    "торец",
    "бахмут",
    "яр",
    "лиман",
    "куп'ян",
    "ізюм",
    "балакл",
    "вовчан",
    "андрії",
    "михайл",
    "іван",
    "петр",
    "микол",
    "олексі",
    "ворон",
    "сосн",
    "дуб",
    "лип",
    "кут",
]
_RU_SUFFIX = ["ск", "ка", "овка", "евка", "ово", "ое", "ец", "ин", "ов", "ное", "ский", "ская", "ино"]
_UK_SUFFIX = ["ськ", "ка", "івка", "ївка", "ове", "е", "ець", "ин", "ів", "не", "ський", "ська", "ине"]
_RU_TAIL = ["", "", "", " области", " район", " Яр", " Рог", " Поле"]
_UK_TAIL = ["", "", "", " області", " район", " Яр", " Ріг", " Поле"]
_PREPOSITIONS = ["", "", "в", "у", "под", "під", "из", "із", "біля", "около", "на", "near", "з", "от"]
_CASES = ["nomn", "gent", "datv", "accs", "ablt", "loct", "loct", "gent"]


def cyrillic_names(rnd: random.Random, n: int) -> list[str]:
    """Place-like Cyrillic names, mostly unknown to the dictionaries (so predicted from suffixes)."""
    out = []
    for _ in range(n):
        uk = rnd.random() < 0.5
        prefix = rnd.choice(_UK_PREFIX if uk else _RU_PREFIX)
        root = rnd.choice(_UK_ROOTS if uk else _ROOTS)
        name = prefix + (root if prefix else root.capitalize()) + rnd.choice(_UK_SUFFIX if uk else _RU_SUFFIX)
        roll = rnd.random()
        if roll < 0.15:  # hyphenated (Каменец-Подольский)
            name += (
                "-" + rnd.choice(_UK_ROOTS if uk else _ROOTS).capitalize() + rnd.choice(("ский", "ськ", "е"))
            )
        elif roll < 0.4:
            name += rnd.choice(_UK_TAIL if uk else _RU_TAIL)
        out.append(name)
    return out


def inflect_phrase(rnd: random.Random, name: str) -> str:
    """The name put into one oblique case word by word (as pymorphy3 would spell it), behind a
    preposition, sometimes misspelt or upper-cased."""
    analyzer = morph.analyzer(rnd.choice(("ru", "uk")))
    case = rnd.choice(_CASES)
    words = []
    for word in name.split():
        parts = []
        for part in word.split("-"):
            parses = analyzer.parse(part) if part else []
            form = parses[0].inflect({case}) if parses else None
            parts.append(form.word if form and rnd.random() < 0.9 else part)
        words.append("-".join(parts))
    text = " ".join(words)
    if rnd.random() < 0.3:
        text = misspell(text, rnd)
    if rnd.random() < 0.1:
        text = text.upper()
    return f"{rnd.choice(_PREPOSITIONS)} {text}".strip()


def phrase_inputs(seed: int, n: int) -> list[str]:
    rnd = random.Random(seed)
    names = cyrillic_names(rnd, n)
    out = [inflect_phrase(rnd, name) for name in names]
    out += [misspell(name, rnd) for name in names[: n // 4]]
    out += [
        "",
        " ",
        "Kharkiv",
        "near Kharkiv's",
        "у",
        "під Покровськом, Донецька",
        "в Каменце-Подольском",
        "у Кривому Розі",
        "Донецкой Народной Республики Луганской",  # four words: the best-first ranking matters
        "Новой Каховки Херсонской области район",
        "с. Нове-Село-Старе-Поле",  # a hyphenated word of four parts
        "Ивано-Франковская",
        "псевдопокровском",  # a known prefix in front of a dictionary word
        "у Харкові та Сумах",
    ]
    return out


# ----------------------------------------------------------------------------------------- tests


@pytest.fixture(scope="module")
def fuzzy_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[FuzzyIndex, list[str]]:
    keys = random_skeletons(random.Random(20261124), 6000)
    target = tmp_path_factory.mktemp("fuzzy")
    write_fuzzy_index(keys, target)
    return FuzzyIndex(target), keys


@pytest.mark.parametrize("seed", [1, 2])
def test_similar_matches_the_old_version(fuzzy_index: tuple[FuzzyIndex, list[str]], seed: int) -> None:
    fz, keys = fuzzy_index
    rnd = random.Random(seed)
    queries = fuzzy_queries(rnd, keys, 2500)
    found = big = 0
    for q in queries:
        limit = rnd.choice((1, 5, 12, 40, 200, 0, -2))
        new = fz.similar(q, limit=limit)
        old = old_similar(fz, q, limit=limit)
        assert new == old, (q, limit)
        new.append(("changed by the caller", 0.0))
        assert fz.similar(q, limit=limit) == old, (q, limit)  # the cached answer, not the caller's list
        found += bool(new)
        big += len(fz._candidates(q)) > 24 if len(q) >= 4 else 0
    assert found > len(queries) // 2  # the typos do find their keys: the comparison is not of empty lists
    assert big > 0  # and the batch scoring of many candidates was compared too


def test_similar_on_repeated_and_marked_letters(fuzzy_index: tuple[FuzzyIndex, list[str]]) -> None:
    fz, keys = fuzzy_index
    for q in ["aaaa", "kkamenka", "kamenkaaaa", "čamenka", "kamenʼka", "kamenkaʼ", "ššššš", "kamen ka"]:
        assert fz.similar(q) == old_similar(fz, q), q
    assert ("kamenka", pytest.approx(1 - 1 / 8)) in fz.similar("kamenkaa")


@pytest.mark.parametrize("seed", [3, 4])
def test_nominative_phrases_match_the_old_version(seed: int) -> None:
    inputs = phrase_inputs(seed, 1200)
    assert len(inputs) > 1500
    nonempty = 0
    for text in inputs:
        for limit in (40, 5, 0, -3):  # (a negative limit slices from the end, as it always did)
            new = morph.nominative_phrases(text, limit)
            assert new == old_nominative_phrases(text, limit), (text, limit)
            nonempty += bool(new)
        assert morph.strip_prepositions(text) == old_strip_prepositions(text), text
        assert morph.languages(text) == old_languages(text), text
    assert nonempty > len(inputs)


def test_word_nominatives_match_the_old_version() -> None:
    rnd = random.Random(5)
    words = {w for text in phrase_inputs(6, 600) for w in morph._WORD.findall(text) if has_cyrillic(w)}
    assert len(words) > 500
    for word in sorted(words):
        for langs in (("ru", "uk"), ("ru",), ("uk",), ("uk", "ru")):
            assert morph.word_nominatives(word, langs) == old_word_nominatives(word, langs), (word, langs)
    morph.word_nominatives.cache_clear()  # answers computed afresh are the same as cached ones
    for word in rnd.sample(sorted(words), 100):
        assert morph.word_nominatives(word) == old_word_nominatives(word)


def test_nominative_shortcut_is_inflect_for_every_parse() -> None:
    """The cached paradigm choice spells what Parse.inflect({"nomn"}) returns, for every parse of many
    words (not only the four word_nominatives reads), through every kind of analysis it shortcuts."""
    from pymorphy3.units import (
        HyphenatedWordsAnalyzer,
        KnownPrefixAnalyzer,
        KnownSuffixAnalyzer,
        UnknownPrefixAnalyzer,
    )

    words = {
        w.lower() for text in phrase_inputs(7, 700) for w in morph._WORD.findall(text) if has_cyrillic(w)
    }
    words |= {"псевдопокровском", "бутявкой", "интернет-магазине", "северо-донецке", "кривому", "розі"}
    words |= {"человеке-горе", "городе-герое", "місті-героєві", "гаю-хуторі", "червоному-бахмуті"}
    seen: set[type] = set()
    checked = both_halves = 0
    for lang in ("ru", "uk"):
        analyzer = morph.analyzer(lang)
        for word in sorted(words):
            for parse in analyzer.parse(word):
                nom = parse.inflect({"nomn"})
                assert morph._nominative(lang, analyzer, parse) == (nom.word if nom else None), (word, parse)
                if morph._dictionary_chain(parse) is not None:
                    seen.update(type(m[0]) for m in parse.methods_stack)
                both_halves += morph._hyphen_halves(parse) is not None
                checked += 1
    assert checked > 3000
    assert both_halves > 10  # hyphenated words whose halves both inflect took their shortcut too
    assert morph._shortcut_works("ru") and morph._shortcut_works("uk")  # its own check at first use agrees
    for unit in (KnownSuffixAnalyzer, KnownPrefixAnalyzer, UnknownPrefixAnalyzer, HyphenatedWordsAnalyzer):
        assert unit in seen, f"no {unit.__name__} parse took the shortcut: the test lost its coverage"


@pytest.mark.parametrize(
    "sizes", [[1], [3], [15], [4, 6], [15, 15], [2, 1, 3], [15, 15, 15, 15], [7, 1, 9, 2, 5]]
)
def test_ranked_combinations_is_the_sorted_product(sizes: list[int]) -> None:
    ranked = sorted(itertools.product(*(range(s) for s in sizes)), key=sum)
    for start, stop in [(0, 12), (1, 41), (0, len(ranked) + 5), (1, 2), (5, 3), (0, 0)]:
        assert morph.ranked_combinations(sizes, start, stop) == ranked[start:stop], (sizes, start, stop)


def test_ranked_combinations_of_many_parts_is_quick() -> None:
    """Twelve hyphen parts of twelve forms each: the old sorted product (9e12 tuples) would never end."""
    out = morph.ranked_combinations([12] * 12, 0, 12)
    assert out[0] == (0,) * 12 and len(out) == 12
    assert out[1] == (0,) * 11 + (1,) and out[-1] == (0, 1) + (0,) * 10


def test_a_broken_shortcut_falls_back_to_inflect(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should a pymorphy3 release lay out its paradigms differently, the first-use check notices and every
    nominative comes from inflect() again (answers unchanged, only slower)."""
    monkeypatch.setattr(morph, "_shortcut", lambda *args: "не то слово")
    morph._shortcut_works.cache_clear()
    try:
        assert not morph._shortcut_works("ru")
        analyzer = morph.analyzer("ru")
        for parse in analyzer.parse("харьковской"):
            nom = parse.inflect({"nomn"})
            assert morph._nominative("ru", analyzer, parse) == (nom.word if nom else None)
    finally:
        morph._shortcut_works.cache_clear()


def test_lookup_answers_unchanged_on_the_default_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """On the real index: similar() on misspelt keys, and whole lookups of misspelt names and inflected
    phrases, are the same with the old functions swapped back in."""
    import sqlite3

    from geomap.gazetteer.opening import Gazetteer

    directory = Gazetteer.default().dir
    fz = FuzzyIndex(directory)
    rnd = random.Random(8)
    n_keys = len(fz._keys)
    for _ in range(1500):
        q = misspell(fz._keys.restore_key(rnd.randrange(n_keys)), rnd)
        assert fz.similar(q, limit=12) == old_similar(fz, q, limit=12), q

    db = sqlite3.connect(f"file:{directory / 'places.sqlite'}?mode=ro", uri=True)
    total = db.execute("SELECT max(pid) FROM places").fetchone()[0]
    names = []
    for pid in rnd.sample(range(total), 400):
        row = db.execute("SELECT names FROM places WHERE pid=?", (pid,)).fetchone()
        options = [x for x in row[0].split("\x1f") if 3 <= len(x) <= 40 and x.isprintable()]
        cyrillic = [x for x in options if has_cyrillic(x)]
        if options:
            names.append(misspell(rnd.choice(cyrillic or options), rnd))
    names += phrase_inputs(9, 200)
    new = Gazetteer(directory)
    new_answers = [new.lookup(q) for q in names if q.strip()]
    old = Gazetteer(directory)
    old.lookup("Kharkvi")  # opens its fuzzy index, whose similar() is then the old one
    monkeypatch.setattr(old._fuzzy, "similar", lambda skel, limit=40: old_similar(old._fuzzy, skel, limit))
    monkeypatch.setattr(morph, "nominative_phrases", old_nominative_phrases)  # lookup imports it per call
    old_answers = [old.lookup(q) for q in names if q.strip()]
    assert sum(bool(a) for a in new_answers) > len(new_answers) // 2
    for q, a, b in zip([q for q in names if q.strip()], new_answers, old_answers, strict=True):
        assert a == b, q
