"""The nouns that turn a name into a region ("Брянской области", "у Чугуївському районі", "Kharkiv
region"), in every case and number, and the towns a raion's adjective is named after.

Why a declension table rather than a word list: Russian and Ukrainian decline the noun with the name
("областями", "краю", "районах", "громади"), and a list of the forms someone happened to see misses the
rest (it had "районе" but not "районах", "край" but not "краю"). The table is the paradigm of each noun,
which is closed and short.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RegionNoun:
    """What a region noun says: the kind of unit, its nominative singular (the form gazetteer names
    use: "Брянская область", "Туапсинский район"), and whether this form is (or may be) plural."""

    kind: str  # oblast | krai | raion | republic | hromada | okrug | region | body (an oblast's
    # administration: "Харківської ОВА" is the body that speaks for the region, a metonym)
    nominative: str
    plural: bool  # the form is, or may be, plural
    singular: bool = True  # the form is, or may be, singular ("области" is both)


# kind, nominative: singular forms | plural forms (a form in both is ambiguous: "области", "краї")
_PARADIGMS = """
oblast область: область области областью обл | области областей областям областями областях
oblast область: області областю | області областей областям областями областях
krai край: край края краю крае краем | края краи краев краям краями краях
krai край: краю краї краєм | краї країв краям краями краях
raion район: район района району районе районом | районы районов районам районами районах
raion район: району районі районом | райони районів районам районами районах
republic республика: республика республики республике республику республикой |
republic республіка: республіка республіки республіці республіку республікою |
okrug округ: округ округа округу округе округом | округа округов округах
hromada громада: громада громади громаді громаду громадою | громади громад громадам громадами громадах
region region: region | regions
oblast oblast: oblast | oblasts
region province: province | provinces
krai krai: krai kray |
republic republic: republic |
raion raion: raion rayon district | raions rayons districts
region governorate: governorate |
hromada hromada: hromada community | hromadas
body область: ова ода ога | ова ода
"""


def _table() -> dict[str, RegionNoun]:
    out: dict[str, RegionNoun] = {}
    for line in _PARADIGMS.strip().splitlines():
        head, forms = line.split(":")
        kind, nominative = head.split()
        singular, plural = (part.split() for part in forms.split("|"))
        for w in plural:
            out[w] = RegionNoun(kind, nominative, True, w in singular)
        for w in singular:
            if w not in out:
                out[w] = RegionNoun(kind, nominative, False)
    return out


_NOUNS = _table()


def region_noun(word: str) -> RegionNoun | None:
    """The region noun a lowercased word is, or None."""
    return _NOUNS.get(word)


def is_region_noun(word: str) -> bool:
    return word in _NOUNS


# A raion or hromada is named after its centre with the adjective suffix -ский / -ський / -цький; these
# are the endings that adjective takes in every case and gender (longest first: the match is greedy).
_ADJECTIVE_ENDINGS = tuple(
    sorted(
        {
            s + e
            for s in ("ськ", "цьк", "зьк", "ск", "цк")
            for e in (
                "ий ого ому им ом ая ой ую ою ое их ым ыми ими ие "  # Russian
                "ий ого ому им ім а ої ій у ою е ими их і"  # Ukrainian
            ).split()
        },
        key=len,
        reverse=True,
    )
)


def is_adjectival(word: str) -> bool:
    """Whether a lowercased word has the ending of a place adjective ("курской", "чугуївському")."""
    if not word.endswith(_ADJECTIVE_ENDINGS):  # one C call decides for almost every word
        return False
    return any(word.endswith(e) and len(word) - len(e) >= 3 for e in _ADJECTIVE_ENDINGS)


def centre_names(adjective: str) -> tuple[str, ...]:
    """Names the centre of a raion or hromada called `adjective` may have, most likely first:
    "стародубский" -> стародуб; "покровському" -> покровськ; "туапсинский" -> туапсе;
    "чугуївському" -> чугуїв; "шевченківської" -> шевченкове; "донецького" -> донецьк.

    These are guesses for an exact gazetteer lookup, never answers by themselves: a guess the gazetteer
    does not hold as a settlement is dropped there."""
    low = adjective.lower()
    for ending in _ADJECTIVE_ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            stem = low[: -len(ending)]
            suffix = ending[:3] if ending.startswith(("ськ", "цьк", "зьк")) else ending[:2]
            break
    else:
        return ()
    guesses = [stem, stem + suffix, stem + "ь", stem + "е", stem + "о", stem + "а", stem + "и", stem + "ы"]
    if stem.endswith(("ин", "ін")):  # Туапсинский from Туапсе, Сочинский from Сочи, Шосткинська from Шостка
        guesses += [stem[:-2] + "е", stem[:-2] + "и", stem[:-2] + "а"]
    if stem.endswith("ів"):  # Ukrainian і in a closed syllable: Шевченківська from Шевченкове
        guesses += [stem[:-2] + v + end for v in ("ов", "ев") for end in ("е", "о", "")]
    if stem.endswith(("ен", "ан")):  # Рязанский from Рязань
        guesses.append(stem + "ь")
    guesses += [stem + "ье", stem + "ья"]  # Запорожский from Запорожье, Приморский from Приморье
    if suffix == "зьк":  # Ukrainian ж/г + ськ: Запорізький from Запоріжжя, Воронезька from Воронеж
        guesses += [stem + "жжя", stem + "ж", stem + "г"]
    if suffix == "цьк":  # Кременчуцький from Кременчук
        guesses.append(stem + "к")
    return tuple(dict.fromkeys(guesses))
