"""The one country table: each country's code, its names in English, Russian and Ukrainian, and the
nationality adjectives that name it.

Four readers take their words from it: the gazetteer (everyday names that ISO 3166's translations lack,
`COUNTRY_SHORT_NAMES`), the recogniser ("the Romanian city of Galati", `DEMONYM_COUNTRY`), the claims
parser ("the Russian border", `BORDER_OWNER_PATTERNS`) and the layers and claims (`country_code` for
what a user types, `country_name` for what geomap writes). A country the table lacks keeps its code.

May import: geomap.errors.
"""

from __future__ import annotations

from typing import NamedTuple

from geomap.errors import InputError


class Country(NamedTuple):
    """One country and the words for it."""

    code: str  # ISO 3166-1 alpha-2
    name: str  # the English short name geomap writes ("Russia", not "Russian Federation")
    names: tuple[str, ...] = ()  # everyday names the gazetteer adds to ISO's ("Россия", "РФ", "the Ukraine")
    aliases: tuple[str, ...] = ()  # further spellings a user may type ("ukr")
    demonyms: tuple[str, ...] = ()  # English nationality adjectives, whole words ("russian")
    demonym_stems: tuple[str, ...] = ()  # Russian and Ukrainian adjective stems, prefixes ("российск")
    pattern: str = ""  # a regex for its name and adjectives in the three languages ("the Russian border")


# Order matters where a phrase names two countries ("the Moldovan-Romanian border"): the first listed wins.
COUNTRIES: tuple[Country, ...] = (
    Country("RU", "Russia", names=("Russia", "Россия", "Росія", "РФ", "Russian Federation"), aliases=("rus",),
            demonyms=("russian",), demonym_stems=("российск", "російськ", "русск"),
            pattern=r"russia(?:'s|n)?|росси\w*|российск\w+|рф|росі[яїє]\w*|російськ\w+"),
    Country("UA", "Ukraine", names=("Ukraine", "Украина", "Україна", "the Ukraine"), aliases=("ukr",),
            demonyms=("ukrainian", "crimean"), demonym_stems=("украинск", "українськ"),
            pattern=r"ukrain\w*|украин\w*|україн\w*"),
    Country("BY", "Belarus", names=("Belarus", "Беларусь", "Білорусь", "Белоруссия", "Belorussia"),
            demonyms=("belarusian",), demonym_stems=("белорусск", "білоруськ"),
            pattern=r"belarus\w*|беларус\w*|белорус\w*|білорус\w*"),
    Country("PL", "Poland", names=("Poland", "Польша", "Польща"),
            demonyms=("polish",), demonym_stems=("польск", "польськ"),
            pattern=r"poland(?:'s)?|polish|польш\w*|польск\w+|польщ\w*|польськ\w+"),
    Country("MD", "Moldova", names=("Moldova", "Молдова", "Молдавия"),
            demonyms=("moldovan",), demonym_stems=("молдавск", "молдовськ"),
            pattern=r"moldova\w*|молдов\w*|молдав\w*"),
    Country("RO", "Romania", names=("Romania", "Румыния", "Румунія"),
            demonyms=("romanian",), demonym_stems=("румынск", "румунськ"),
            pattern=r"romania\w*|румын\w*|румун\w*"),
    Country("HU", "Hungary", demonyms=("hungarian",), demonym_stems=("венгерск", "угорськ"),
            pattern=r"hungar\w*|венгр\w*|угорщин\w*|угорськ\w+"),
    Country("SK", "Slovakia", demonyms=("slovak",), pattern=r"slovak\w*|словак\w*|словац\w*|словаччин\w*"),
    Country("US", "United States",
            names=("United States", "USA", "США", "America", "Соединённые Штаты", "Сполучені Штати"),
            demonyms=("american",), demonym_stems=("американск", "американськ")),
    Country("GB", "United Kingdom",
            names=("United Kingdom", "UK", "Britain", "Great Britain", "Великобритания", "Велика Британія"),
            demonyms=("british",)),
    Country("GE", "Georgia", names=("Georgia", "Грузия", "Грузія"),
            demonyms=("georgian",), demonym_stems=("грузинск", "грузинськ")),
    Country("DE", "Germany", demonyms=("german",), demonym_stems=("немецк", "німецьк")),
    Country("TR", "Turkey", names=("Turkey", "Türkiye", "Турция", "Туреччина"),
            demonyms=("turkish",), demonym_stems=("турецк", "турецьк")),
    Country("FR", "France", demonyms=("french",)),
    Country("LT", "Lithuania", demonyms=("lithuanian",)),
    Country("LV", "Latvia", demonyms=("latvian",)),
    Country("EE", "Estonia", demonyms=("estonian",)),
    Country("FI", "Finland", demonyms=("finnish",)),
    Country("NO", "Norway"),
    Country("KZ", "Kazakhstan", names=("Kazakhstan", "Казахстан"), demonyms=("kazakh",)),
    Country("CN", "China", demonyms=("chinese",)),
    Country("IR", "Iran", names=("Iran", "Иран", "Іран"), demonyms=("iranian",)),
    Country("SY", "Syria", names=("Syria", "Сирия", "Сирія"), demonyms=("syrian",)),
    Country("IL", "Israel", demonyms=("israeli",)),
    Country("NL", "Netherlands", demonyms=("dutch",)),
    Country("KP", "North Korea", names=("North Korea", "КНДР", "Северная Корея", "Північна Корея")),
    Country("KR", "South Korea", names=("South Korea", "Южная Корея", "Південна Корея")),
)  # fmt: skip

# The views the readers use.
COUNTRY_SHORT_NAMES: dict[str, tuple[str, ...]] = {c.code: c.names for c in COUNTRIES if c.names}
DEMONYM_COUNTRY: dict[str, str] = {d: c.code for c in COUNTRIES for d in c.demonyms}
DEMONYM_COUNTRY_STEMS: tuple[tuple[str, str], ...] = tuple(
    (stem, c.code) for c in COUNTRIES for stem in c.demonym_stems
)
BORDER_OWNER_PATTERNS: tuple[tuple[str, str], ...] = tuple(
    (c.code, c.pattern) for c in COUNTRIES if c.pattern
)
_NAME_OF: dict[str, str] = {c.code: c.name for c in COUNTRIES}
_CODE_OF: dict[str, str] = {
    spelling.lower(): c.code for c in COUNTRIES for spelling in (c.name, *c.names, *c.aliases)
}


def country_name(code: str) -> str:
    """The English name geomap writes for a country code ("RU" -> "Russia"); the code when unknown."""
    return _NAME_OF.get(code, code)


def country_code(country: str) -> str:
    """ISO 3166-1 alpha-2 from a code or a common name ("ua", "Ukraine", "Росія"); InputError when unknown."""
    text = (country or "").strip()
    if len(text) == 2 and text.isascii() and text.isalpha():
        return text.upper()
    code = _CODE_OF.get(text.lower())
    if code is None:
        raise InputError(f"unknown country {country!r}: use an ISO code such as UA, RU, BY")
    return code
