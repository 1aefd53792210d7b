"""The one country table: every reader takes its words from it, and the words agree with each other."""

from __future__ import annotations

import re

import pytest

from geomap.countries import COUNTRIES, country_code, country_name
from geomap.errors import InputError


def test_every_reader_uses_the_one_table():
    import geomap.countries as countries
    from geomap.claims import parse
    from geomap.gazetteer import sources
    from geomap.text import stoplists

    assert sources.COUNTRY_SHORT_NAMES is countries.COUNTRY_SHORT_NAMES
    assert stoplists.DEMONYM_COUNTRY is countries.DEMONYM_COUNTRY
    assert stoplists.DEMONYM_COUNTRY_STEMS is countries.DEMONYM_COUNTRY_STEMS
    assert parse._OWNERS is countries.BORDER_OWNER_PATTERNS


def test_codes_are_unique_and_every_spelling_names_its_country():
    assert len({c.code for c in COUNTRIES}) == len(COUNTRIES)
    for c in COUNTRIES:
        assert country_name(c.code) == c.name
        for spelling in (c.code, c.code.lower(), c.name, *c.names, *c.aliases):
            assert country_code(spelling) in (c.code, spelling.upper()), spelling  # "UK" is read as a code


def test_a_border_owner_is_found_by_its_name_and_adjective():
    from geomap.claims.parse import _owner
    from geomap.text.stoplists import demonym_country

    for c in COUNTRIES:
        if c.pattern:
            assert re.fullmatch(c.pattern, c.name, re.IGNORECASE), c.code
            assert _owner(f"the {c.name} border") == c.code
        for word in c.demonyms:
            assert demonym_country(word) == c.code
        for stem in c.demonym_stems:
            assert demonym_country(stem + "ий") == c.code


def test_unknown_countries():
    assert country_name("ZZ") == "ZZ"
    assert country_code("Росія") == "RU" and country_code("РФ") == "RU"
    with pytest.raises(InputError, match="unknown country"):
        country_code("Atlantis")
