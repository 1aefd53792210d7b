"""First-level regions of the whole world as places, and the names reporters use for them.

GeoNames' admin1 list (admin1_geonames.tsv) gives every region an English name; pycountry's ISO 3166-2
data adds the ISO name and Russian/Ukrainian translations. A region becomes a place centred on the mean of
its cities500 points; it loses its bare name where that name belongs to a town, a country or a common word.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from geomap.gazetteer.fold import fold, has_cyrillic
from geomap.gazetteer.morph import analyzer
from geomap.gazetteer.sources import (
    ALTERNATE,
    PRIMARY,
    Admin1Row,
    IsoSubdivision,
    SourcePlace,
    iso_subdivisions,
)
from geomap.gazetteer.translit import skeleton

# The English word reporters put after a region's name, by the last word of pycountry's subdivision type.
TYPE_WORDS = {
    "state": "State",
    "land": "State",
    "province": "Province",
    "region": "Region",
    "prefecture": "Prefecture",
    "governorate": "Governorate",
    "voivodship": "Voivodeship",
    "county": "County",
    "department": "Department",
    "district": "District",
    "oblast": "Oblast",
    "canton": "Canton",
    "emirate": "Emirate",
    "division": "Division",
}
# Words that say "a region" rather than name one: never a region's whole name on their own.
GENERIC_WORDS = frozenset(
    "north south east west northern southern eastern western central centre center middle upper lower "
    "north-east north-west south-east south-west northeast northwest southeast southwest far "
    "nord sud est ouest norte sur este oeste centro centre-est centre-nord centre-ouest centre-sud "
    "capital federal district city region province state county coast coastal littoral plateau islands "
    "island interior highlands lowlands lakes lake mountain mountains valley savanes maritime "
    "est-nord ouest-nord nord-est nord-ouest sud-est sud-ouest "
    # the same in Russian and Ukrainian ("Східна Європа" must not find Zambia's Eastern Province) ...
    "північ південь схід захід північна південна східна західна центральна північний південний східний "
    "західний центральний север юг восток запад северная южная восточная западная центральная северный "
    "южный восточный западный центральный центр берег узбережжя побережье затока залив плато озерний "
    "озерная атлантичний атлантический екваторіальна экваториальная столичний столичная острови острова "
    # ... and the common words that pycountry's Russian/Ukrainian names of small regions coincide with
    # (found by running pymorphy3 over every translation): "Ваш" (Vas), "Нігде" (Niğde), "Мета" (Meta)
    "ваш нігде пара мета зала сіла табор костел торба стража старше мірна чашка кала плав гради кювет "
    "литораль саван савана саванна ест нор бей".split()
)
QUALIFIER_PREFIX = re.compile(
    r"^(?:(?:province|state|city|municipality|region|county|department|governorate|prefecture|district"
    r"|canton|emirate|oblast) of (?:the )?|provincia (?:de |di |del )?|departamento (?:de |del )?"
    r"|estado (?:de )?|distrito (?:de )?|muhafazat |changwat |gouvernorat d[e'] ?|wilaya d[e'] ?"
    r"|r[ée]gion (?:de |du )?|kanton )",
    re.IGNORECASE,
)
QUALIFIER_SUFFIX = re.compile(
    r"(?: (?:region|province|oblast|oblysy|governorate|prefecture|district|county|state|division"
    r"|department|voivodeship|voivodship|municipality|krai|kray|city|rayon|parish|canton|emirate"
    r"|sahari|shahri|viloyati|welayaty|vilayeti))+$",
    re.IGNORECASE,
)


def is_generic(name: str) -> bool:
    """True for a name made only of words like "North", "Central", "Centre-Est": never a bare region name."""
    words = fold(name).replace("-", " ").split()
    return not words or all(w in GENERIC_WORDS for w in words) or len(fold(name)) < 3


def region_core(name: str) -> str:
    """A region's bare name: "Pavlodar Region" -> "Pavlodar", "Provincia de Cádiz" -> "Cádiz"; a name
    that would be left generic ("Federal District", "Central Province") is returned whole."""
    core = name.strip()
    core = QUALIFIER_SUFFIX.sub("", QUALIFIER_PREFIX.sub("", core)).strip(" ,-")
    return name.strip() if not core or is_generic(core) else core


def iso_display_name(name: str) -> str:
    """ISO 3166-2 writes some names inverted: "Madrid, Comunidad de" -> "Comunidad de Madrid"."""
    head, sep, tail = name.partition(", ")
    last = tail.split()[-1] if tail.split() else ""
    return f"{tail} {head}" if sep and (last.islower() or tail in _ARTICLES) else name


_ARTICLES = frozenset({"La", "El", "Le", "Les", "Los", "Las", "Illes", "Il", "Lo"})


def type_word(iso_type: str | None) -> str | None:
    """ "Voivodship" -> "Voivodeship", "Metropolitan region" -> "Region", "Autonomous community" -> None."""
    words = (iso_type or "").lower().split()
    return TYPE_WORDS.get(words[-1]) if words else None


def is_city_type(iso_type: str | None) -> bool:
    t = (iso_type or "").lower()
    return "city" in t or t in ("capital district", "federal district", "capital territory", "municipality")


# Words the English press uses where ISO 3166-2 has another: Syria's muhafazat are "provinces" in ISO and
# "governorates" in the news; Kazakhstan's and Kyrgyzstan's regions are often still "oblasts"; Romania's
# judete are "departments" in ISO and "counties" in English.
PRESS_WORDS = {"SY": "Governorate", "KZ": "Oblast", "KG": "Oblast", "RO": "County"}


def qualified_forms(core: str, word: str | None, city: bool, country: str | None = None) -> list[str]:
    """Forms that name the region without being a bare town name: "Aleppo Governorate", "State of Texas"."""
    if city:
        return [f"{core} City", f"City of {core}"] + ([f"{core} {word}"] if word else [])
    forms = [f"{core} region", f"{core} province"]
    for w in dict.fromkeys((word, PRESS_WORDS.get(country or ""))):
        if w and w not in ("Region", "Province"):
            forms += [f"{core} {w}", f"{w} of {core}"]
    return forms


TOWN_IN_REGION_MIN_POP = 5_000  # a region's main town (>= half its largest) of this size keeps the bare name
TOWN_ELSEWHERE_MIN_POP = 100_000  # ... and so does a town this big elsewhere in the same country
SHORT_NAME_MIN_POP = 1_000_000  # "New York" for "New York City": a short alternate name of a city this big


def admin1_centres(places: Iterable[SourcePlace]) -> dict[tuple[str, str], tuple[float, float, int]]:
    """(lat, lon, points) of each (country, admin1 code): the mean of its populated places, as in
    admin_regions.tsv, taken on the sphere so that a region across the 180th meridian is not averaged
    into the wrong hemisphere (for compact regions it equals the plain mean to ~0.01 degree)."""
    acc: dict[tuple[str, str], list[float]] = {}
    for p in places:
        if p.country and p.admin1_code:
            la, lo = math.radians(p.lat), math.radians(p.lon)
            a = acc.setdefault((p.country, p.admin1_code), [0.0, 0.0, 0.0, 0])
            a[0] += math.cos(la) * math.cos(lo)
            a[1] += math.cos(la) * math.sin(lo)
            a[2] += math.sin(la)
            a[3] += 1
    return {
        k: (math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x)), int(n))
        for k, (x, y, z, n) in acc.items()
    }


@dataclass(slots=True)
class _RegionNames:
    """The names one world region may take, before towns are checked."""

    row: Admin1Row
    iso_name: str | None
    core: str
    word: str | None
    city: bool
    bare: list[str]  # names a town could also bear: withheld when one does
    qualified: list[str]  # "X Province", "State of X": always safe


def _iso_for(row: Admin1Row, iso: dict[str, IsoSubdivision], by_name: dict) -> IsoSubdivision | None:
    """The ISO 3166-2 subdivision of a GeoNames region: by the table's code, else by folded name."""
    if row.iso and row.iso in iso:
        return iso[row.iso]
    for n in (row.name, row.ascii_name, region_core(row.name)):
        sub = by_name.get((row.country, fold(n)))
        if sub is not None:
            return sub
    return None


# How Russian and Ukrainian reporters qualify a region of a given ISO type: "штат Техас", "земля Бавария".
CYRILLIC_TYPE_WORDS = {
    "state": ("штат", "штат"),
    "land": ("земля", "земля"),
    "province": ("провинция", "провінція"),
    "prefecture": ("префектура", "префектура"),
}


def _region_names(row: Admin1Row, sub: IsoSubdivision | None, country_type: str | None) -> _RegionNames:
    """`country_type`: the usual ISO type of the country's regions, for a region pycountry lacks."""
    core = region_core(row.name)
    word = type_word(sub.type if sub else country_type)
    city = is_city_type(sub.type) if sub else False
    bare = [row.name, row.ascii_name, core]
    qualified = qualified_forms(core, word, city, row.country)
    iso_name = None
    if sub is not None:
        iso_name = iso_display_name(sub.name)
        iso_core = region_core(iso_name)
        bare += [iso_name, iso_core] + [t for t in (sub.ru, sub.uk) if t]
        if fold(iso_core) != fold(core):
            qualified += qualified_forms(iso_core, word, city, row.country)
        ru_word, uk_word = CYRILLIC_TYPE_WORDS.get(sub.type.lower(), (None, None))
        qualified += [f"{w} {t}" for w, t in ((ru_word, sub.ru), (uk_word, sub.uk)) if w and t]
    return _RegionNames(row, iso_name, core, word, city, list(dict.fromkeys(bare)), qualified)


def _qualified(name: str) -> bool:
    return bool(QUALIFIER_PREFIX.search(name) or QUALIFIER_SUFFIX.search(name))


# A Latin name's likely Cyrillic spelling, enough to meet the index's skeleton key ("Meta" ~ "Мета").
_TO_CYRILLIC = str.maketrans(
    dict(zip("abcdefghijklmnopqrstuvwyz", "абкдефгхийклмнопкрстуввиз", strict=True)) | {"x": "кс"}
)
_DIGRAPHS = (("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"), ("ya", "я"))
COMMON_WORD_MAX_LEN = (
    6  # only short region names read as common words ("Meta", "Rota"); longer ones are names
)
COMMON_WORD_MIN_SCORE = 0.3  # the analyser's confidence in that reading, below which it is a guess
_PROPER_TAGS = frozenset({"Geox", "Name", "Surn", "Patr", "Orgn", "Trad", "Abbr", "Init"})
_WORD_POS = frozenset(
    {"NOUN", "NPRO", "VERB", "INFN", "ADJF", "ADJS", "ADVB", "PRED", "NUMR", "PRTF", "PRTS"}
)


class _CyrillicWords:
    """Does a short region name read as a common Russian and Ukrainian word ("Meta" as "мета", "Pará" as
    "пара", "Vas" as "вас", "Rota" as "рота")? The index links such a name to the Cyrillic word by
    transliteration, and a region is a strong match, so "Мета операції..." at the start of a sentence would
    be read as Colombia's Meta department."""

    def __init__(self) -> None:
        self.ru, self.uk = analyzer("ru"), analyzer("uk")

    def reading(self, name: str) -> str | None:
        skel = skeleton(name)
        if not skel or not skel.isalpha() or not skel.isascii() or len(skel) > COMMON_WORD_MAX_LEN:
            return None
        cyr = skel
        for latin, cyrillic in _DIGRAPHS:
            cyr = cyr.replace(latin, cyrillic)
        cyr = cyr.translate(_TO_CYRILLIC)
        return cyr if skeleton(cyr) == skel else None

    def common(self, name: str) -> bool:
        """True when `name` reads as a common word in its dictionary form ("мета", "рота", "балка") or as
        a pronoun or adverb ("вас"); an inflected reading ("асам", "to aces", for Assam) is too rare to
        matter."""
        cyr = self.reading(name) if " " not in name and "-" not in name else None
        if cyr is None:
            return False
        p = self.ru.parse(cyr)[0]
        grammemes = set(str(p.tag).replace(" ", ",").split(","))
        if (
            not p.is_known
            or p.score < COMMON_WORD_MIN_SCORE
            or grammemes & _PROPER_TAGS
            or p.tag.POS not in _WORD_POS
        ):
            return False
        if p.tag.POS in ("NOUN", "ADJF", "ADJS", "PRTF", "PRTS") and p.normal_form != cyr:
            return False
        return any(self.uk.parse(w)[0].is_known for w in (cyr, cyr.replace("и", "і")))


class _Towns:
    """Which region names are also the names of towns that should keep them (see `world_admin1_places`)."""

    def __init__(self, towns: Iterable[SourcePlace], keys: set[str]) -> None:
        self.largest: dict[tuple[str, str], int] = {}
        self.named: dict[tuple[str, str], list[tuple[str, int]]] = {}  # (cc, key) -> [(admin1, pop)]
        self.short: set[tuple[str, str]] = set()
        for t in towns:
            if not t.country or t.population < TOWN_IN_REGION_MIN_POP:
                continue
            region = (t.country, t.admin1_code or "")
            self.largest[region] = max(self.largest.get(region, 0), t.population)
            primary = fold(t.name)
            # The primary name, and Cyrillic names (a region's Russian/Ukrainian name is checked against
            # the town's: "Токио"); Latin alternates are too noisy ("Bahia" is an old name of Salvador).
            own = {primary} | {fold(n) for n in t.names if has_cyrillic(n)}
            for k in own & keys:
                self.named.setdefault((t.country, k), []).append((region[1], t.population))
            if t.population >= SHORT_NAME_MIN_POP:
                for n in t.names:
                    k = fold(n)
                    if k in keys and primary.startswith(k + " "):
                        self.short.add((t.country, k))

    def keeps(self, cc: str, code: str, name: str) -> bool:
        """True when a town keeps `name`: the region's main town, or a big town elsewhere in the country."""
        k = fold(name)
        if (cc, k) in self.short:
            return True
        half = self.largest.get((cc, code), 0) / 2
        for a1, pop in self.named.get((cc, k), ()):
            if (a1 == code and pop >= half) or (a1 != code and pop >= TOWN_ELSEWHERE_MIN_POP):
                return True
        return False


def world_admin1_places(
    rows: list[Admin1Row],
    centres: dict[tuple[str, str], tuple[float, float, int]],
    taken: set[tuple[str, str]],
    towns: Iterable[SourcePlace],
    source: str,
    country_names: Iterable[str] = (),
) -> Iterator[SourcePlace]:
    """A place of kind admin1 for every region of `rows` that has populated places and is not `taken`
    (curated). The rule admin_regions.tsv follows for Kyiv City and Moscow holds for the world: a region
    named like its main town (Tokyo, Aleppo, Vienna) or like a big town elsewhere in its country
    (Buenos Aires) does not take the bare name -- the town keeps it and the region is "Tokyo Prefecture",
    "Aleppo Governorate" --, nor does one named like a country (the US state of Georgia), and a name made
    of generic words ("Northern", "Centre-Est") is never bare."""
    iso = iso_subdivisions()
    by_name: dict[tuple[str, str], IsoSubdivision] = {}
    for sub in iso.values():
        if sub.parent is None:  # a first-level region is matched by name to a top-level subdivision only
            by_name[(sub.code[:2], fold(sub.name))] = sub
    wanted = [r for r in rows if (r.country, r.code) in centres and (r.country, r.code) not in taken]
    usual: dict[str, Counter] = {}
    for sub in iso.values():
        if sub.parent is None:
            usual.setdefault(sub.code[:2], Counter())[sub.type] += 1
    country_type = {cc: c.most_common(1)[0][0] for cc, c in usual.items()}
    regions = [_region_names(r, _iso_for(r, iso, by_name), country_type.get(r.country)) for r in wanted]
    town_names = _Towns(towns, {fold(n) for reg in regions for n in reg.bare})
    countries = {fold(n) for n in country_names}  # "Georgia", "Грузія", "México": the country keeps them
    cyrillic_words = _CyrillicWords()
    for reg in regions:
        row = reg.row
        cc = row.country

        def safe(n: str, cc: str = cc, code: str = row.code) -> bool:
            if fold(n) in countries or town_names.keeps(cc, code, n):
                return False
            return _qualified(n) or not (is_generic(n) or cyrillic_words.common(n))

        if safe(row.name):
            display = row.name
        elif reg.iso_name and _qualified(reg.iso_name) and safe(reg.iso_name):
            display = reg.iso_name  # "Washington, D.C." is the city's name; the region "District of Columbia"
        elif reg.city:
            display = f"{reg.core} City"
        else:
            display = f"{reg.core} {reg.word or 'Region'}"
        lat, lon, _n = centres[(cc, row.code)]
        p = SourcePlace(
            place_id=f"admin1:{cc}:{row.code}",
            name=display,
            lat=round(lat, 4),
            lon=round(lon, 4),
            country=cc,
            kind="admin1",
            admin1_code=row.code,
            admin1=display,
            geonameid=row.geonameid,
            feature_code="ADM1",
            source=source,
        )
        p.add_name(display, PRIMARY)
        for n in reg.bare:
            if safe(n):
                p.add_name(n, ALTERNATE)
        for n in reg.qualified:
            p.add_name(n, ALTERNATE)
        yield p
