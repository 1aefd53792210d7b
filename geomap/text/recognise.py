"""Find the toponyms of an article, with character offsets into Document.text.

Candidate spans are runs of capitalised words (with a few lowercase connectors: "Rostov on Don"),
tried longest first against the gazetteer's `is_name` (which folds case, diacritics and Russian/Ukrainian
inflection). This needs no automaton over all names at start-up and lets the gazetteer own inflection;
capitalisation is a strong toponym cue in all three languages, and lowercase region nouns are handled
as a suffix ("Kharkiv region", "Харківська область"). False positives are removed with general cues:
people (given names, titles, "X said"), organisations/platforms, demonyms, months and weekdays.
Names a gazetteer lacks are still found after a feature word ("the village of X") so resolution can
fall back to the region the text gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol

from geomap.model import Candidate, Document, Place
from geomap.text.capitals import is_capital_place
from geomap.text.commonword import common_english_word, common_word, is_verb, person_name
from geomap.text.regionnouns import centre_names, is_adjectival, is_region_noun, region_noun
from geomap.text.stoplists import (
    CONNECTORS,
    DEMONYMS,
    FEATURE_WORDS,
    FUNCTION_WORDS,
    GEO_NOUNS,
    GIVEN_NAMES,
    MONTHS,
    ORGANISATION_SUFFIXES,
    ORGANISATIONS,
    SPEECH_VERBS,
    TITLES,
    WEAPONS,
    WEEKDAYS,
    direction_of,
)
from geomap.text.tokens import Token, only_space_between, tokenize

MAX_NAME_WORDS = 5
_BIG_PLACE = 100_000  # a place this large followed by "said" is a metonym, not a person
_NEVER_ALONE = MONTHS | WEEKDAYS | FUNCTION_WORDS | TITLES | ORGANISATIONS | DEMONYMS | GEO_NOUNS | WEAPONS
_PERSON_CUES = GIVEN_NAMES | TITLES | frozenset(w + "-elect" for w in TITLES)
# Words between a region's name and its noun: the self-proclaimed "people's republics", and the kinds of
# district ("Шебекинском городском округе", "Шосткинської міської громади", "Kyiv city district")
_REPUBLIC_QUALIFIERS = (
    "народн", "people", "городск", "муниципальн", "міськ", "сільськ", "селищн", "автономн", "autonomous",
    "municipal", "urban",
)  # fmt: skip
_RIVER_CUES = ("bank", "banks", "берег", "river", "річк", "реки", "річц", "реке", "upriver", "downriver")
_OPENERS = frozenset(':“«"‘')
_LANG_COUNTRIES = {"ru": ("RU", "UA", "BY"), "uk": ("UA", "RU")}
# Where a Cyrillic spelling GeoNames lacks may still name a place: the former Soviet Union and the
# Cyrillic-writing Balkans. Elsewhere a Cyrillic word's transliteration matching a town is chance.
_CYRILLIC_COUNTRIES = frozenset("RU UA BY MD KZ KG TJ UZ TM GE AM AZ BG RS MK ME BA MN".split())


class NameIndex(Protocol):
    """What recognition needs from the gazetteer (geomap.gazetteer.Gazetteer provides it)."""

    def is_name(self, text: str) -> bool: ...

    def exact(self, name: str) -> Sequence[Candidate]: ...

    def region(self, country: str, admin1: str) -> Place | None: ...


@dataclass(frozen=True, slots=True)
class Toponym:
    """A recognised place name, before resolution and interpretation."""

    text: str
    start: int
    end: int
    key: str  # the name looked up in the gazetteer
    candidates: tuple[Candidate, ...]
    first: int  # index of the first token
    last: int  # index of the last token
    region_phrase: bool = False  # "X region", "X Oblast", "Харківська область"
    feature: str | None = None  # village | town | city | hub, from a feature word next to it
    possessive: bool = False  # "Moscow's"
    sentence_initial: bool = False
    unknown: bool = False  # found from a feature word; the gazetteer does not know the name
    sector: bool = False  # names a front sector after a town ("на Покровському напрямку"): context
    named_after: bool = False  # a raion, hromada, plant or sector read as the town it is named after


@dataclass(frozen=True, slots=True)
class Recognition:
    """Toponyms plus the tokens and sentence map they index, for later stages."""

    toponyms: tuple[Toponym, ...]
    tokens: tuple[Token, ...]
    sent_of: tuple[int, ...]  # sentence index of each token
    persons: frozenset[str]  # lowercased surnames and names taken as people


def recognise(doc: Document, gz: NameIndex) -> Recognition:
    """All toponyms of `doc`, left to right, non-overlapping."""
    text = doc.text
    tokens = tokenize(text)
    sent_of, initial = _sentences_and_initials(tokens, doc.sentences, text)
    person_tok, persons = _people(tokens, text)
    exact_cache: dict[str, tuple[Candidate, ...]] = {}

    def lookup(key: str) -> tuple[Candidate, ...]:
        got = exact_cache.get(key)
        if got is None:
            got = exact_cache[key] = _best_tier(gz.exact(key))
        return got

    found: list[Toponym] = []
    title_case: list[set[int]] = []  # computed on first need: most articles never ask
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        if not tok.is_cap and tok.lower.endswith(_SECTOR_ADJECTIVE) and _front_sector(tokens, i):
            sector = _sector_town(tokens, i, gz, lookup)  # "на покровському напрямку", in lower case
            if sector is not None:
                found.append(sector)
                i += 2
                continue
        if not tok.is_cap or i in person_tok or tok.lower in FUNCTION_WORDS:
            i += 1  # "В Белгороде", "In Kharkiv": the capitalised preposition is not part of the name
            continue
        run = _cap_run(tokens, i, text, person_tok)
        hit = _facility_town(tokens, i, gz, lookup)  # "Туапсинский НПЗ": Tuapse, not Tuapsinsky village
        hit = hit or _longest_name(tokens, run, text, gz, lookup, initial[i])
        if hit is None:
            hit = _elliptic_region(tokens, i, text, gz, lookup)
            if hit is None and tok.is_cyrillic and is_adjectival(tok.lower):
                hit = _elided_region(_bare(tokens, i), tokens, text, gz, lookup, found, sent_of)
            if hit is not None and hit.candidates:
                found.append(hit)
                i += 1
                continue
            unknown = _unknown_after_feature_word(tokens, run, text)
            if unknown is not None:
                found.append(unknown)
                i = unknown.last + 1
            elif len(run) > 1 and _proper_name_run(tokens, run, title_case, sent_of):
                # "Black Sea Fleet", "Kremlin Palace": a name of something else, not "Fleet"; but in
                # "the Armed Forces of Ukraine" the body's state is read after the "of"
                i = _after_of(tokens, run, text, gz) or run[-1] + 1
            else:
                i += 1
            continue
        top = _elided_region(hit, tokens, text, gz, lookup, found, sent_of)
        nxt_k = top.last + 1
        if _front_sector(tokens, top.last):
            # "Запорожском направлении", "the Pokrovsk axis": a front sector named after a town, which
            # says where the fighting is (context), not that the town itself is fought over
            found.append(_sector_town(tokens, i, gz, lookup) or replace(top, sector=True))
            i = top.last + 2
            continue
        if (
            nxt_k < n
            and tokens[nxt_k].is_cap
            and tokens[nxt_k].lower in ORGANISATION_SUFFIXES
            and only_space_between(text, tokens[top.last], tokens[nxt_k])
        ):
            i = nxt_k + 1  # "Wagner Group", "Kyiv Post": part of an organisation's name
            continue
        if _unit_name(top, tokens, text):
            i = top.last + 1  # «Южной» группировки, ОСУВ «Хортиця», the Khortytsia group: a force
            continue
        if not top.region_phrase and _is_false_positive(top, tokens, text, persons, initial[i], doc.language):
            i = top.last + 1
            continue
        found.append(top)
        i = top.last + 1
    found = _shared_nouns_apart(_coordinated_regions(found, tokens, text, gz, lookup), tokens, text)
    return Recognition(tuple(found), tuple(tokens), tuple(sent_of), frozenset(persons))


def _sentences_and_initials(
    tokens: Sequence[Token], sentences: Sequence[tuple[int, int]], text: str
) -> tuple[list[int], list[bool]]:
    """Sentence index of every token, and whether a word opens a sentence or a line, or follows a colon
    or an opening quote (where capitals say nothing about names). One pass over the tokens."""
    sent_of: list[int] = []
    initial = [False] * len(tokens)
    si = 0
    last = len(sentences) - 1
    prev_word_sent = -1
    prev: Token | None = None
    for k, t in enumerate(tokens):
        while si < last and t.start >= sentences[si][1]:
            si += 1
        sent_of.append(si)
        if t.is_word:
            initial[k] = (
                si != prev_word_sent
                or prev is None
                or prev.text in _OPENERS
                or "\n" in text[prev.end : t.start]
            )
            prev_word_sent = si
        prev = t
    return sent_of, initial


def _people(tokens: Sequence[Token], text: str) -> tuple[set[int], set[str]]:
    """Token indices inside person names, and the lowercased names of those people (for later mentions)."""
    inside: set[int] = set()
    names: set[str] = set()
    n = len(tokens)
    for k, t in enumerate(tokens):
        if not t.is_word:
            continue
        low = t.lower
        if low not in _PERSON_CUES:
            continue
        starts_name = t.is_cap and low in GIVEN_NAMES
        after_title = low in TITLES or low.split("-")[0] in TITLES
        if not (starts_name or after_title):
            continue
        j = k if starts_name else k + 1
        if not starts_name:
            # "President Vladimir Putin", "Prime Minister Keir Starmer": skip further title words
            while (
                j < n
                and tokens[j].is_word
                and tokens[j].lower in TITLES
                and only_space_between(text, tokens[j - 1], tokens[j])
            ):
                j += 1
            if j >= n or not only_space_between(text, tokens[j - 1], tokens[j]):
                continue
            j = _past_office(tokens, j, text)  # "губернатор Брянской области Александр Богомаз"
            if j >= n:
                continue
        run = []
        while (
            j < n
            and len(run) < 3
            and tokens[j].is_cap
            and not tokens[j].is_upper
            and (not run or only_space_between(text, tokens[run[-1]], tokens[j]))
        ):
            run.append(j)
            if tokens[j].possessive:
                break
            j += 1
        if not run or (starts_name and len(run) < 2):
            continue
        inside.update(run)
        for r in run:
            if tokens[r].lower not in GIVEN_NAMES:
                names.add(tokens[r].lower)
    # later bare mentions of those surnames ("Putin said") are people too
    if names:
        for k, t in enumerate(tokens):
            if t.is_cap and t.lower in names:
                inside.add(k)
    return inside, names


def _past_office(tokens: Sequence[Token], j: int, text: str) -> int:
    """The first token after the place or body a title is held in: "губернатор [Брянской области]
    Александр Богомаз", "голова [Харківської ОВА] Олег Синєгубов", "глава [ДНР] Денис Пушилин". The
    place stays a place; only the words after it can be the person."""
    n = len(tokens)
    k = j
    while k < n and tokens[k].is_cap and k - j < _OFFICE_WORDS:
        nxt = tokens[k + 1] if k + 1 < n else None
        if nxt is not None and nxt.is_word and is_region_noun(nxt.lower):
            return k + 2  # an adjective and its region noun
        if tokens[k].is_upper:
            return k + 1  # an abbreviation: ДНР, ОВА, МВД
        if nxt is None or not (nxt.is_cap and nxt.is_upper) or not only_space_between(text, tokens[k], nxt):
            break
        k += 1  # "Харківської" before "ОВА"
    return j


_OFFICE_WORDS = 2  # "Харківської ОВА": the adjective and the body's abbreviation


def _cap_run(tokens: Sequence[Token], i: int, text: str, person_tok: set[int]) -> list[int]:
    """Indices of the capitalised words from i on that could form one name (connectors allowed inside)."""
    run = [i]
    k = i
    n = len(tokens)
    while len(run) < MAX_NAME_WORDS and k + 1 < n:
        nxt = tokens[k + 1]
        if tokens[k].possessive or not nxt.is_word or not only_space_between(text, tokens[k], nxt):
            break
        if k + 1 in person_tok:
            break
        if nxt.is_cap or (nxt.text in CONNECTORS and k + 2 < n and tokens[k + 2].is_cap):
            run.append(k + 1)
            k += 1
            continue
        break
    return run


def _region_noun_after(tokens: Sequence[Token], k: int, text: str) -> int | None:
    if tokens[k].possessive or k + 1 >= len(tokens):
        return None
    nxt = tokens[k + 1]
    if not (nxt.is_word and only_space_between(text, tokens[k], nxt)):
        return None
    if is_region_noun(nxt.lower):
        return k + 1
    # "Донецкой народной республике", "Donetsk People's Republic": one qualifier before the noun
    if nxt.lower.startswith(_REPUBLIC_QUALIFIERS) and k + 2 < len(tokens):
        after = tokens[k + 2]
        if after.is_word and is_region_noun(after.lower) and only_space_between(text, nxt, after):
            return k + 2
    return None


def _feature_word_near(tokens: Sequence[Token], first: int, last: int) -> str | None:
    """'the village of X', 'villages of X', 'town X', 'село X', 'X village'."""
    k = first - 1
    if k >= 0 and tokens[k].is_word and tokens[k].lower in ("of", "the"):
        k -= 1
    if k >= 0 and tokens[k].is_word and tokens[k].lower == "of":
        k -= 1
    if k >= 0 and tokens[k].is_word and tokens[k].lower in FEATURE_WORDS:
        return FEATURE_WORDS[tokens[k].lower]
    if k >= 0 and tokens[k].is_word and tokens[k].lower.startswith(_RIVER_CUES):
        return "river"  # "the left bank of the Dnipro", "з лівого берега Дніпра": the river, not the city
    if last + 1 < len(tokens) and tokens[last + 1].is_word:
        after = tokens[last + 1].lower
        if after in FEATURE_WORDS:
            return FEATURE_WORDS[after]
        if after in ("river", "river's", "rivers"):
            return "river"  # "across the Dnipro river": the river, not the city
    return None


def _variants(span: str, upper: bool) -> list[str]:
    if upper:
        return [span.title(), span]
    return [span]


def _longest_name(tokens, run, text, gz, lookup, initial: bool) -> Toponym | None:
    for size in range(len(run), 0, -1):
        last = run[size - 1]
        if tokens[last].text in CONNECTORS:
            continue
        first_tok = tokens[run[0]]
        last_tok = tokens[last]
        if size == 1 and first_tok.lower in _NEVER_ALONE:
            return None
        span = text[first_tok.start : last_tok.end]
        upper = all(tokens[r].is_upper for r in run[:size])
        if upper and size == 1 and len(span) <= 3:
            cands = lookup(span)
            if any(c.place.kind == "country" for c in cands):
                return _make(tokens, run[0], last, span, span, cands, initial=initial)
            written = span.upper()
            regions = tuple(
                c for c in cands if c.place.kind == "admin1" and (c.matched_name or "").upper() == written
            )
            if regions:  # ДНР, ЛНР, DPR: abbreviations the curated region table holds (not "ОВА" ~ Iowa)
                return _make(tokens, run[0], last, span, span, regions, region=True, initial=initial)
            continue
        noun = _region_noun_after(tokens, last, text)
        if noun is not None:
            ext = text[first_tok.start : tokens[noun].end]
            single = _singular(tokens[noun].lower)
            for key in (ext, f"{span} {single}" if single else None):
                if key and gz.is_name(key):
                    return _make(tokens, run[0], noun, ext, key, lookup(key), region=True, initial=initial)
            got = _declined_region(span, tokens[noun].lower, gz, lookup)
            if got is not None:
                top = _make(tokens, run[0], noun, ext, got[0], got[1], region=True, initial=initial)
                return replace(top, named_after=got[1][0].place.kind == "settlement")
        if size == 1 < len(run) and first_tok.is_cyrillic and is_adjectival(first_tok.lower):
            return None  # "Малой Локни", "Черкасского Поречного": a name the gazetteer lacks, not "Малая"
        for key in _variants(span, upper):
            cands = lookup(key) if gz.is_name(key) else ()
            weak = not any(c.match in _STRONG_MATCHES for c in cands)
            if weak and first_tok.is_cyrillic and not upper:  # "России" is Россия inflected, not "Rossi"
                if noun is not None:
                    ext = text[first_tok.start : tokens[noun].end]
                    got = _inflected(ext, gz, lookup)
                    regions = _regions_named(ext, got[1] if got else (), gz)
                    if regions:
                        key = got[0] if got else ext
                        return _make(tokens, run[0], noun, ext, key, regions, region=True, initial=initial)
                got = _inflected(span, gz, lookup)
                if got is not None:
                    key, cands = got
                else:  # a look-alike of a Cyrillic word: only where names are written in Cyrillic
                    cands = tuple(c for c in cands if c.place.country in _CYRILLIC_COUNTRIES)
                    if not cands:
                        continue  # "Сили" is not Sealy, Texas; "Назар" is not Nazaré
            if cands:
                if noun is not None:
                    ext = text[first_tok.start : tokens[noun].end]
                    regions = _regions_named(ext, cands, gz)
                    return _make(
                        tokens, run[0], noun, ext, key, regions or cands, region=True, initial=initial
                    )
                return _make(tokens, run[0], last, span, key, cands, initial=initial)
    return None


def _singular(noun: str) -> str | None:
    """An English plural region noun's singular ("regions" -> "region"), the form gazetteer keys use."""
    rn = region_noun(noun)
    if rn is None or rn.singular or not noun.startswith(rn.nominative) or not noun.isascii():
        return None
    return rn.nominative


def _declined_region(span: str, noun: str, gz, lookup) -> tuple[str, tuple[Candidate, ...]] | None:
    """A region named by an adjective and a declined region noun: "Брянской области", "Запорожской
    областями", "у Чугуївському районі"; the key and its candidates. A raion or hromada the gazetteer does
    not hold as a unit stands for its centre, which it is named after ("в Туапсинском районе": Tuapse)."""
    rn = region_noun(noun)
    if rn is None or not "\u0400" <= span[:1] <= "\u04ff":  # declined nouns are Russian or Ukrainian
        return None
    words = span.split()
    head = " ".join(words[:-1])
    forms = _nominatives(words[-1]) or (words[-1].lower(),)
    for form in forms:
        key = f"{head} {form} {rn.nominative}".strip()
        if gz.is_name(key):
            regions = tuple(c for c in lookup(key) if c.place.kind in ("admin1", "admin2"))
            if regions:
                return key, regions
    if rn.kind not in _NAMED_AFTER_CENTRE or head:
        return None
    return _centre_towns(words[-1], gz, lookup)


_NAMED_AFTER_CENTRE = frozenset({"raion", "hromada", "okrug"})
_LIST_JOINERS = frozenset({"и", "й", "і", "та", "and", "or", "или", "або"})
_LIST_GAPS = _LIST_JOINERS | {",", ", and", ", or"}  # what may stand between two items of a list
_LIST_SPAN = 12  # tokens from an adjective to the plural noun closing its list ("A, B, C и D областях")


def _bare(tokens: Sequence[Token], i: int) -> Toponym:
    """A capitalised word the gazetteer does not know, as a toponym with no candidates (yet)."""
    return _make(tokens, i, i, tokens[i].text, tokens[i].text, ())


def _elided_region(top: Toponym, tokens, text, gz, lookup, found: list[Toponym], sent_of) -> Toponym:
    """An adjective whose region noun was said earlier in the sentence: "над Белгородской областью,
    три — над Курской, два — над Воронежской". Not the village Kurskaya: the noun is understood."""
    tok = tokens[top.first]
    if top.region_phrase or top.last != top.first or not tok.is_cyrillic or not is_adjectival(tok.lower):
        return top
    for prev in reversed(found):
        if sent_of[prev.first] != sent_of[top.first]:
            break
        noun = tokens[prev.last + 1].lower if prev.last + 1 < len(tokens) else ""
        if prev.region_phrase and region_noun(tokens[prev.last].lower) is not None:
            noun = tokens[prev.last].lower
        if region_noun(noun) is None:
            continue
        got = _declined_region(tok.text, noun, gz, lookup)
        if got is not None:
            return replace(top, key=got[0], candidates=got[1], region_phrase=True)
        break
    return top


_FACILITY_NOUNS = frozenset(
    """
    нпз нефтезавод нефтеперерабатывающий нефтебаза завод комбинат аэропорт аэродром порт вокзал тэс тэц аэс
    гэс тец
    нафтопереробний нафтобаза аеропорт аеродром тес аес гес
    """.split()
)  # "Туапсинский НПЗ", "Рязанський нафтопереробний завод": a plant named after its town


def _sector_town(tokens: Sequence[Token], i: int, gz, lookup) -> Toponym | None:
    """The town a sector adjective names ("Покровському напрямку" is Pokrovsk, not the village
    Pokrovske), as a sector toponym; None when the word is not a place adjective the gazetteer can undo."""
    tok = tokens[i]
    if not tok.is_cyrillic or not is_adjectival(tok.lower):
        return None
    got = _centre_towns(tok.text, gz, lookup)
    return (
        replace(_make(tokens, i, i, tok.text, got[0], got[1]), sector=True, named_after=True) if got else None
    )


def _centre_towns(adjective: str, gz, lookup) -> tuple[str, tuple[Candidate, ...]] | None:
    """The towns an adjective may be named after, every guess the gazetteer holds, largest first: a
    sector or a raion is named after a notable town ("покровському": Pokrovsk before Pokrov)."""
    towns: dict[str, Candidate] = {}
    key = None
    for name in centre_names(adjective):
        if not gz.is_name(name):
            continue
        for c in lookup(name):
            if c.place.kind == "settlement" and c.match in _STRONG_MATCHES:
                towns.setdefault(c.place.place_id or c.place.name, c)
                key = key or name
    if key is None:
        return None
    ranked = sorted(towns.values(), key=lambda c: -c.place.population)
    return key, tuple(ranked)


def _facility_town(tokens: Sequence[Token], i: int, gz, lookup) -> Toponym | None:
    tok = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None or not nxt.is_word or nxt.lower not in _FACILITY_NOUNS or not tok.is_cyrillic:
        return None
    got = _centre_towns(tok.text, gz, lookup)
    return replace(_make(tokens, i, i, tok.text, got[0], got[1]), named_after=True) if got else None


def _elliptic_region(tokens: Sequence[Token], i: int, text: str, gz, lookup) -> Toponym | None:
    """An adjective whose region noun closes a list: "Херсонской и Запорожской областями", "Воронезьку,
    Курську та Бєлгородську області" (the last one carries the noun and is found on its own)."""
    k = i + 1
    while k < len(tokens) and k - i <= _LIST_SPAN:
        t = tokens[k]
        rn = region_noun(t.lower) if t.is_word else None
        if rn is not None:
            if not rn.plural or not tokens[k - 1].is_cap:
                return None
            got = _declined_region(tokens[i].text, t.lower, gz, lookup)
            if got is None:
                return None
            return _make(tokens, i, i, tokens[i].text, got[0], got[1], region=True)
        if not (t.is_cap or t.text == "," or t.lower in _LIST_JOINERS):
            return None
        k += 1
    return None


def _regions_named(phrase: str, cands: Sequence[Candidate], gz) -> tuple[Candidate, ...]:
    """The regions among `cands`; failing that, the regions the whole phrase names
    ("Донецкой народной республике" is Donetsk Oblast, not the town Donetskyi)."""
    regions = tuple(c for c in cands if c.place.kind in ("admin1", "admin2"))
    if regions:
        return regions
    return tuple(c for c in gz.lookup(phrase, fuzzy=False) if c.place.kind in ("admin1", "admin2"))


_STRONG_MATCHES = frozenset({"exact", "folded", "renamed", "alias", "region", "inflected"})


def _best_tier(cands: Sequence[Candidate]) -> tuple[Candidate, ...]:
    """Drop transliteration look-alikes when the name also matches exactly (Kazan is not 'Hindarkh')."""
    strong = tuple(c for c in cands if c.match in _STRONG_MATCHES)
    return strong or tuple(cands)


@lru_cache(maxsize=65536)
def _nominatives(span: str) -> tuple[str, ...]:
    """Nominative guesses for an inflected Russian/Ukrainian name ("Харьковской области")."""
    from geomap.gazetteer.morph import nominative_phrases

    return tuple(f for f in nominative_phrases(span) if f != span.lower())


def _inflected(span: str, gz, lookup) -> tuple[str, tuple[Candidate, ...]] | None:
    """Nominative forms the gazetteer knows and all their candidates, marked as inflected matches.

    Every form is kept ("Покровском" may be Покровск or Покровское): context chooses, not the order
    of the morphological guesses."""
    first: str | None = None
    seen: dict[str, Candidate] = {}
    for rank, form in enumerate(_nominatives(span)):
        if not gz.is_name(form):
            continue
        first = first or form
        for c in lookup(form):
            if c.match not in _STRONG_MATCHES:
                continue
            pid = c.place.place_id or f"{c.place.name}:{c.place.lat}:{c.place.lon}"
            score = c.score * (1.0 if rank < 3 else 0.9)
            if pid not in seen or seen[pid].score < score:
                seen[pid] = replace(c, match="inflected", score=score, matched_name=c.matched_name or form)
    if first is None or not seen:
        return None
    return first, tuple(sorted(seen.values(), key=lambda c: -c.score))


def _make(tokens, first, last, span, key, cands, *, region=False, initial=False, unknown=False) -> Toponym:
    return Toponym(
        text=span,
        start=tokens[first].start,
        end=tokens[last].end,
        key=key,
        candidates=tuple(cands),
        first=first,
        last=last,
        region_phrase=region,
        feature=_feature_word_near(tokens, first, last),
        possessive=tokens[last].possessive,
        sentence_initial=initial,
        unknown=unknown,
    )


_SECTOR_WORDS = ("direction", "axis", "sector", "направлен", "напрям")
_SECTOR_ADJECTIVE = ("ському", "цькому", "зькому", "ском", "цком")  # "на покровському напрямку": locative


def _front_sector(tokens: Sequence[Token], last: int) -> bool:
    k = last + 1
    return k < len(tokens) and tokens[k].is_word and tokens[k].lower.startswith(_SECTOR_WORDS)


_RUN_OPENERS = DEMONYMS | TITLES | FUNCTION_WORDS | MONTHS | WEEKDAYS | GIVEN_NAMES


def _proper_name_run(tokens: Sequence[Token], run: list[int], title_case: list, sent_of) -> bool:
    """A run of capitalised words that names something as a whole; not a headline in title case, and not
    a run that merely starts with a demonym, title or compass word ("Southern Ukraine")."""
    first = tokens[run[0]]
    if first.lower in _RUN_OPENERS or direction_of(first.text) is not None or first.is_upper:
        return False
    if first.is_cyrillic:
        return False  # Russian and Ukrainian capitalise a body's first word only: "Минобороны России"
    if not title_case:
        title_case.append(_title_case_sentences(tokens, sent_of))
    return run[0] not in title_case[0]


def _after_of(tokens: Sequence[Token], run: list[int], text: str, gz) -> int | None:
    """The token after a run's last "of" when what follows it is a place name ("Ministry of Defence of
    Russia": Russia), else None."""
    ofs = [r for r in run if tokens[r].lower == "of"]
    if not ofs or ofs[-1] == run[-1]:
        return None
    k = ofs[-1] + 1
    rest = text[tokens[k].start : tokens[run[-1]].end]
    return k if gz.is_name(rest) else None


def _title_case_sentences(tokens: Sequence[Token], sent_of: Sequence[int]) -> set[int]:
    """Indices of tokens in sentences where most words are capitalised (title-case headlines)."""
    words: dict[int, list[int]] = {}
    for k, t in enumerate(tokens):
        if t.is_word:
            words.setdefault(sent_of[k], []).append(k)
    out: set[int] = set()
    for ks in words.values():
        if len(ks) >= 3 and sum(tokens[k].is_cap for k in ks) >= 0.6 * len(ks):
            out.update(ks)
    return out


def _unknown_after_feature_word(tokens: Sequence[Token], run: list[int], text: str) -> Toponym | None:
    """Capitalised words right after 'village(s) of' / 'село' that the gazetteer does not know."""
    i = run[0]
    t = tokens[i]
    if t.lower in _NEVER_ALONE or t.is_upper or len(t.text) < 3:
        return None
    if t.lower.split("-")[0] in DEMONYMS:
        return None  # "the city's Russian-installed governor"
    k = i - 1
    if k >= 0 and tokens[k].is_word and tokens[k].lower == "of":
        k -= 1
    if k < 0 or not tokens[k].is_word or tokens[k].lower not in FEATURE_WORDS or tokens[k].possessive:
        return None
    if FEATURE_WORDS[tokens[k].lower] == "hub":
        return None
    last = i
    for r in run[1:3]:
        if tokens[r].text in CONNECTORS or tokens[r].lower in _NEVER_ALONE:
            break
        last = r
    span = text[t.start : tokens[last].end]
    return _make(tokens, i, last, span, span, (), unknown=True)


# A force's name is a place name or an ordinary word in quotes next to the noun of a formation
# ("группировки войск «Восток»", "ОСУВ «Хортиця»", "the Khortytsia group"): a unit, never where it is.
_UNIT_STEMS = (
    "группировк", "групп", "угрупован", "осув", "оту", "отг", "оск", "бригад", "батальон", "батальйон",
    "полк", "дивизи", "дивізі", "корпус", "group", "grouping", "task", "brigade", "battalion", "regiment",
    "division", "corps", "operational",
)  # fmt: skip
_QUOTES_OPEN = "«„“\"'‘"
_QUOTES_CLOSE = "»“”\"'’"
_UNIT_REACH = 3  # words between the formation's noun and the quoted name ("группировки войск «Центр»")


def _unit_name(top: Toponym, tokens: Sequence[Token], text: str) -> bool:
    before = text[max(0, top.start - 2) : top.start].strip()
    after = text[top.end : top.end + 2].strip()
    quoted = bool(before) and before[-1] in _QUOTES_OPEN and bool(after) and after[0] in _QUOTES_CLOSE
    if not quoted:
        # unquoted, in English only: "the Khortytsia group", "Tavria operational-strategic group"
        nxt = top.last + 1
        return (
            not tokens[top.first].is_cyrillic
            and nxt < len(tokens)
            and tokens[nxt].is_word
            and tokens[nxt].lower in ("group", "grouping", "operational", "operational-strategic")
        )
    k, seen = top.first - 1, 0
    while k >= 0 and seen <= _UNIT_REACH:
        if tokens[k].is_word:
            if tokens[k].lower.startswith(_UNIT_STEMS):
                return True
            seen += 1
        k -= 1
    k, seen = top.last + 1, 0
    while k < len(tokens) and seen < 2:
        if tokens[k].is_word:
            if tokens[k].lower.startswith(_UNIT_STEMS):
                return True
            seen += 1
        k += 1
    return False


def _only_approximate(cands: Sequence[Candidate]) -> bool:
    """Every candidate is an approximately placed village (KATOTTG, `Place.uncertainty_km` > 0)."""
    return bool(cands) and all(c.place.uncertainty_km > 0 for c in cands)


def _is_false_positive(
    top: Toponym, tokens, text, persons: set[str], initial: bool, lang: str = "en"
) -> bool:
    """People, organisations and sentence-initial look-alikes among single-word hits (a speaker or
    surname found here joins `persons`, so its later mentions are people too)."""
    if top.last != top.first:
        return False
    tok = tokens[top.first]
    low = tok.lower
    if low in persons or low in _NEVER_ALONE:
        return True
    if not any(c.match in _STRONG_MATCHES for c in top.candidates) and (initial or len(tok.text) <= 4):
        return True  # only a loose transliteration of a short or sentence-initial word ("Sea" ~ "Cea")
    nxt = tokens[top.last + 1] if top.last + 1 < len(tokens) else None
    if nxt is not None and nxt.text == "-" and text[nxt.end : nxt.end + 1].isdigit():
        return True  # "Tu-95", "Su-34", "Ka-52": an aircraft or weapon model, not a place
    big = max((c.place.population for c in top.candidates), default=0) >= _BIG_PLACE or any(
        c.place.kind in ("country", "admin1") for c in top.candidates
    )
    if initial and tok.is_cyrillic and _ordinary_cyrillic_word(top, tok, nxt, persons, big, lang):
        return True
    if tok.is_cyrillic and not big and _foreign_only(top) and _cyrillic_word(tok.text, lang):
        return True  # "Назар Волошин", "Сили оборони": a name and a noun GeoNames also gives Nazaré, Sealy
    if not tok.is_cyrillic and top.feature is None and _ordinary_english_word(top, tok, lang):
        return True
    return _person_follows(low, top, nxt, persons, big)


def _ordinary_cyrillic_word(
    top: Toponym, tok: Token, nxt: Token | None, persons: set[str], big: bool, lang: str
) -> bool:
    """A capitalised Russian/Ukrainian word opening a sentence that is a surname before its verb, a village
    only the codifier knows, or a common word the dictionaries know."""
    if (
        nxt is not None
        and nxt.is_word
        and all(c.match == "inflected" for c in top.candidates)
        and person_name(tok.text, lang)
        and is_verb(nxt.lower, lang)
    ):
        # "Песков отказался": a subject must be nominative, so this is a surname, not "Пески" inflected
        persons.add(tok.lower)
        return True
    if top.feature is None and _only_approximate(top.candidates):
        # a village only the KATOTTG codifier knows, opening a sentence: measured on Ukrainian/Russian text,
        # such words are mostly ordinary words ("Новини", "Світанок", "Потік"); "село X" still finds it
        return True
    kind = common_word(tok.text, lang)
    home = _LANG_COUNTRIES.get(lang, ("RU", "UA", "BY"))
    at_home = any(c.place.country in home and c.match in _STRONG_MATCHES for c in top.candidates)
    return kind == "function" or (kind in ("noun", "adjective") and not big and not at_home)


def _cyrillic_word(word: str, lang: str) -> bool:
    return person_name(word, lang) or common_word(word, lang) is not None


def _foreign_only(top: Toponym) -> bool:
    return all(c.place.country not in _CYRILLIC_COUNTRIES for c in top.candidates)


def _ordinary_english_word(top: Toponym, tok: Token, lang: str) -> bool:
    """A common English word matched to a small town far from the article's countries ("Council" in
    "the Security Council", "Hope", "Energy"); a village of the war's countries keeps its name."""
    home = _LANG_COUNTRIES.get(lang, ("UA", "RU", "BY"))
    word = tok.text.lower()
    strong = [c for c in top.candidates if c.match in _STRONG_MATCHES]
    if not strong:  # only a look-alike ("Javelin" ~ Avelin): misspellings are forgiven for the war's places
        return not any(c.place.country in home for c in top.candidates)
    if any(c.place.country in home and c.place.name.lower() == word for c in strong):
        return False  # a village of the war's countries called so (not "Human", an alias of Uman)
    if any(_prominent(c.place, word) for c in strong):
        return False  # "Moscow", "Paris", "Georgia": the place is what the word means in the news
    return common_english_word(tok.text)


_PROMINENT_POPULATION = 1_000_000  # a common word names a city only when the city is this large
# ("Paris", "London"), not "Orange" (141,000) or "Independence" (117,000)


def _prominent(place: Place, word: str) -> bool:
    if place.kind == "country" or is_capital_place(place):
        return True
    if place.kind == "admin1":
        return place.name.lower() == word  # "Georgia", not "Falcon" ~ Falcón
    return place.population >= _PROMINENT_POPULATION


def _person_follows(low: str, top: Toponym, nxt: Token | None, persons: set[str], big: bool) -> bool:
    """'Syrskyi said', a given name after it, 'US President-elect X': the word names or qualifies a person."""
    if nxt is None:
        return False
    if nxt.is_word and nxt.lower in SPEECH_VERBS and not big:
        persons.add(low)  # a speaker, and the same word later is the same person
        return True
    if nxt.is_cap and nxt.lower in GIVEN_NAMES:
        return True
    return (
        nxt.is_word
        and (nxt.lower in TITLES or nxt.lower.split("-")[0] in TITLES)
        and bool(top.candidates)
        and top.candidates[0].place.kind == "country"
    )  # "US President-elect X": the country qualifies a person's title


def _shared_nouns_apart(found: list[Toponym], tokens, text: str) -> list[Toponym]:
    """In "Херсонской и Запорожской областями", "Donetsk and Luhansk regions" the plural noun belongs to
    the list, so each region is named by its own word: the last one's span ends before the noun."""
    out = list(found)
    for k, b in enumerate(out):
        if not b.region_phrase or b.last == b.first:
            continue
        rn = region_noun(tokens[b.last].lower)
        if rn is None or not rn.plural or rn.kind == "body":
            continue
        a = out[k - 1] if k else None
        listed = (
            a is not None
            and a.region_phrase
            and text[a.end : b.start].strip().lower()
            in (",", "and", ", and", "та", "і", "и", "й", "or", "або")
        )
        if listed or not rn.singular:  # "области" may be one region's: only a list makes it plural
            head = tokens[b.last - 1]
            out[k] = replace(b, text=text[b.start : head.end], end=head.end, last=b.last - 1)
    return out


def _coordinated_regions(found: list[Toponym], tokens, text, gz, lookup) -> list[Toponym]:
    """'Donetsk and Luhansk regions', 'the Mykolaiv, Odesa and Kyiv regions': the earlier names too."""
    out = list(found)
    noun: str | None = None  # the plural region noun closing the list being walked back
    word = ""  # that noun as written ("областях")
    for k in range(len(out) - 1, 0, -1):
        a, b = out[k - 1], out[k]
        rn = region_noun(tokens[b.last].lower) if b.region_phrase else None
        if rn is not None and rn.plural:
            noun, word = rn.nominative, tokens[b.last].lower
        gap = text[a.end : b.start].strip().lower()
        if (
            noun is None
            or a.region_phrase
            or not b.region_phrase
            or gap not in (",", "and", ", and", "та", "і", "и", "й")
        ):
            noun = None
            continue
        key = a.key + " " + noun
        cands = tuple(lookup(key)) or tuple(c for c in a.candidates if c.place.kind == "admin1")
        declined = None if cands else _declined_region(a.text, word, gz, lookup)
        if declined is not None:  # "Сумській і Чернігівській областях": not the village Shumskiy
            key, cands = declined
        if cands:
            out[k - 1] = replace(a, key=key, candidates=cands, region_phrase=True)
        else:
            noun = None
    return out
