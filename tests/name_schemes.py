"""Romanisation schemes for the name-form evaluation (tests and benchmarks/bench_name_forms.py).

Ukrainian schemes come from translitua and uklatn (the registry packages); Russian BGN/PCGN, the scholarly
(scientific) system and the English press forms are not in either package and are written here from their
published tables (BGN/PCGN 1947 for Russian; the scientific transliteration as in Wikipedia's
"Romanization of Russian" table). Every scheme maps a Cyrillic name to the form a writer using it would print.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PLACES_TSV = Path(__file__).with_name("data") / "name_forms_places.tsv"
VOWELS = set("аеёиоуыэюяієї")


@dataclass(frozen=True)
class Place:
    geonameid: int
    country: str
    admin1: str
    group: str
    name: str
    uk: str
    ru: str
    namesakes: tuple[int, ...]  # other places of the same name in the same region: genuinely ambiguous

    def accepts(self, geonameid: int | None) -> bool:
        return geonameid == self.geonameid or geonameid in self.namesakes


def load_places(path: Path = PLACES_TSV) -> list[Place]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return [
        Place(
            int(r["geonameid"]),
            r["country"],
            r["admin1"],
            r["group"],
            r["name"],
            r["uk"],
            r["ru"],
            tuple(int(x) for x in r["namesakes"].split("|") if x),
        )
        for r in rows
    ]


def _table(pairs: str) -> dict[str, str]:
    out = {}
    for item in pairs.split():
        cyr, _, lat = item.partition("=")
        out[cyr] = lat
    return out


# Russian BGN/PCGN (1947): е/ё are ye/yë at the start of a word and after a vowel, й, ъ or ь.
_BGN_RU = _table(
    "а=a б=b в=v г=g д=d е=e ё=ë ж=zh з=z и=i й=y к=k л=l м=m н=n о=o п=p р=r с=s т=t у=u ф=f х=kh ц=ts "
    "ч=ch ш=sh щ=shch ъ=\" ы=y ь=' э=e ю=yu я=ya"
)
# Scientific (scholarly) transliteration of Russian.
_SCHOLARLY_RU = _table(
    "а=a б=b в=v г=g д=d е=e ё=ë ж=ž з=z и=i й=j к=k л=l м=m н=n о=o п=p р=r с=s т=t у=u ф=f х=x ц=c "
    "ч=č ш=š щ=šč ъ=ʺ ы=y ь=ʹ э=è ю=ju я=ja"
)


def _apply(text: str, table: dict[str, str], iotated: Callable[[str, str], str | None] | None = None) -> str:
    out = []
    prev = ""
    for ch in text:
        low = ch.lower()
        rep = table.get(low)
        if rep is None:
            out.append(ch)
        else:
            special = iotated(low, prev) if iotated else None
            rep = special if special is not None else rep
            out.append(rep[:1].upper() + rep[1:] if ch != low and rep else rep)
        prev = low
    return "".join(out)


def _bgn_iotated(ch: str, prev: str) -> str | None:
    if ch in "её" and (not prev.isalpha() or prev in VOWELS or prev in "йъь"):
        return "ye" if ch == "е" else "yë"
    return None


def russian_bgn(text: str) -> str:
    return _apply(text, _BGN_RU, _bgn_iotated)


def russian_scholarly(text: str) -> str:
    return _apply(text, _SCHOLARLY_RU)


def _press_iotated(ch: str, prev: str) -> str | None:
    if ch == "е" and (not prev.isalpha() or prev in VOWELS or prev in "ъь"):
        return "ye"
    if ch == "ё":
        return "o" if prev in "жш" else "yo"
    if ch == "ь":
        return ""
    if ch == "ъ":
        return ""
    return None


def russian_press(text: str) -> str:
    """English press forms: BGN/PCGN without marks or apostrophes; ё as yo; ь before a vowel as y
    (Zaporozhye, Maryinka); -ый as -y (Novy Oskol, Krasny Liman)."""
    out = _apply(text.replace("ье", "ьйе").replace("ьи", "ьйи"), _BGN_RU, _press_iotated)
    out = out.replace("yye", "ye").replace("yyi", "yi")
    return " ".join(w[:-2] + "y" if w.endswith("yy") else w for w in out.split(" "))


def _translitua(scheme: str) -> Callable[[str], str]:
    def run(text: str) -> str:
        import translitua

        return translitua.translit(text, getattr(translitua, scheme))

    run.__name__ = scheme
    return run


def _uklatn(table: str) -> Callable[[str], str]:
    def run(text: str) -> str:
        import uklatn

        return uklatn.encode(text, getattr(uklatn, table))

    run.__name__ = table
    return run


# name -> (language of the Cyrillic input, romaniser)
UKRAINIAN_SCHEMES: dict[str, Callable[[str], str]] = {
    "uk KMU 2010 (national)": _uklatn("KMU_55"),
    "uk BGN/PCGN": _translitua("UkrainianBGN"),
    "uk ISO 9": _translitua("UkrainianISO9"),
    "uk scholarly": _translitua("UkrainianWWS"),
    "uk LoC (ALA-LC)": _translitua("UkrainianALALC"),
    "uk GOST 1971": _translitua("UkrainianGOST1971"),
    "uk GOST 1986": _translitua("UkrainianGOST1986"),
    "uk passport 1996 (national 1996)": _translitua("UkrainianNational1996"),
    "uk passport 2004": _translitua("UkrainianPassport2004Alt"),
    "uk passport 2007": _translitua("UkrainianPassport2007"),
    "uk DSTU 9112 A": _uklatn("DSTU_9112_A"),
    "uk DSTU 9112 B": _uklatn("DSTU_9112_B"),
    "uk British": _translitua("UkrainianBritish"),
    "uk UNGEGN": _translitua("UkrainianUNGEGN"),
    "uk German": _translitua("UkrainianGerman"),
    "uk French": _translitua("UkrainianFrench"),
}
RUSSIAN_SCHEMES: dict[str, Callable[[str], str]] = {
    "ru BGN/PCGN": russian_bgn,
    "ru ISO 9 / GOST 7.79 A": _translitua("RussianISO9SystemA"),
    "ru GOST 7.79 B": _translitua("RussianISO9SystemB"),
    "ru passport 1997": _translitua("RussianInternationalPassport1997"),
    "ru passport 2010 (GOST R 52535.1)": _translitua("RussianGOST2006"),
    "ru passport 2013 (ICAO)": _translitua("RussianICAO"),
    "ru scholarly": russian_scholarly,
    "ru LoC (ALA-LC)": _translitua("RussianALALC"),
    "ru press (English)": russian_press,
}


def forms(place: Place) -> list[tuple[str, str]]:
    """(scheme, form) for every scheme that applies to the place's Cyrillic names."""
    out = []
    if place.uk:
        out += [(scheme, fn(place.uk)) for scheme, fn in UKRAINIAN_SCHEMES.items()]
    if place.ru:
        out += [(scheme, fn(place.ru)) for scheme, fn in RUSSIAN_SCHEMES.items()]
    return out
