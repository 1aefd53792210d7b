"""Relations between toponyms that the text states: aliases, region qualifiers and 'near' phrases.

- Alias: "Krasnoye -- called Sontsivka in Ukraine", "Bakhmut, which Russia calls Artemovsk",
  "Artemovsk (Bakhmut)", "Авдеевка (укр. Авдіївка)": two names of one place.
- Qualifier: "Lozova in the northeastern Kharkiv region", "Kazan, Tatarstan", "in the Kharkiv region,
  the village of X": the region (and compass direction) that locates a settlement.
- Near: "Mykolaivka, near Sloviansk", "Каменское, в 6 км к югу от Степногорска", with the distance stated.
Only the text between the two names is read, so this is linear in the number of toponyms.
`relations_of` reads them all once into a `Relations` record, which resolution and interpretation share.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from geomap.text.recognise import Recognition, Toponym
from geomap.text.stoplists import FEATURE_WORDS, direction_of
from geomap.text.tokens import Token

_MAX_GAP = 80

# The name after these always names the same place as the one before.
_ALIAS_STATED = [
    re.compile(p, re.I)
    for p in (
        r"^\s*(?:--|—|–|-|,|\()?\s*(?:also\s+|now\s+|formerly\s+|previously\s+|once\s+)?"
        r"(?:called|known\s+as|renamed(?:\s+as|\s+to)?|named)\s*$",
        r"^\s*(?:--|—|–|,|\()?\s*(?:which|that|what|whom)\s+(?:[\w'’.]+\s+){0,4}"
        r"(?:calls?|called|names?|named|renamed|refers?\s+to\s+as|knows?\s+as|known\s+as)\s*$",
        r"^\s*(?:,|\(|--|—|–)?\s*(?:formerly|previously|once|until\s+\d{4}|before\s+\d{4})\s*(?:called|known\s+as)?"
        r"\s*:?\s*$",
        r"^\s*(?:,|\(|--|—|–)?\s*(?:ныне|нині|тепер|бывш\w*\.?|колишн\w*|прежде|раньше|раніше|до\s+\d{4}\s+г?\.?)\s*$",
        r"^\s*(?:,|\(|--|—|–)?\s*(?:укр|рус|рос|ukr|rus)\.?\s*:?\s*$",
        r"^\s*(?:,|--|—|–)?\s*(?:котор\w+|як\w+)\s+(?:[\w'’.]+\s+){0,4}"
        r"(?:называ\w+|назива\w+|именуют|имену\w+|переименова\w+|перейменува\w+|зве\w*)\s*$",
        r"^\s*(?:,|--|—|–|\()?\s*(?:the\s+)?(?:ukrainian|russian|украинск\w+|российск\w+|русск\w+|українськ\w+|"
        r"російськ\w+)\s+(?:name|spelling|название|назва|наименование)\s*(?:is\s+)?[—–:-]?\s*$",
        r"^\s*(?:,|--|—|–|\()?\s*(?:так\s+)?(?:называем\w+|звана|званий|зване|звану|известн\w+\s+как|відом\w+\s+як)\s*$",
    )
]
# The name after these may be an alias (or just a second place): linked only when both names share a place.
_ALIAS_MAYBE = re.compile(r"^\s*(?:\(|/|,?\s*or|,?\s*или|,?\s*або)\s*$", re.I)

_QUALIFIER_GAP = re.compile(
    r"^\s*(?:,|\()?\s*((?:in|of|near|within)\s+(?:the\s+)?|в\s+|у\s+|во\s+|на\s+)?(?:([\w‐-]+)\s+)?$", re.I
)
_LIST_GAP = re.compile(r"^\s*(?:,|and|&|и|і|та|й|,\s*and)\s*$", re.I)


@dataclass(frozen=True, slots=True)
class Qualifier:
    """A region the text puts a settlement in, and the compass direction it gives inside it."""

    region: int  # index of the region toponym
    direction: float | None = None  # bearing from the region's centre, degrees
    explicit: bool = True  # stated with "in"/"of"/a feature word, not just juxtaposed ("Kazan, Tatarstan")


@dataclass(frozen=True, slots=True)
class Relations:
    """What the text states between its toponyms (by toponym index), read once per article."""

    qualifiers: Mapping[int, Qualifier]  # settlement -> the region the same sentence places it in
    near: Mapping[int, int]  # toponym -> the toponym the text says it is near
    near_km: Mapping[int, float | None]  # toponym in a 'near' relation -> the distance stated, if any
    aliases: tuple[tuple[int, int, bool], ...]  # (i, j, stated): two names of one place
    list_of: Mapping[int, int] = field(default_factory=dict)  # toponym -> the first item of its list


def relations_of(rec: Recognition, text: str) -> Relations:
    """Every relation the text states between the recognised toponyms."""
    tops, sent_of = rec.toponyms, rec.sent_of
    near_of = near(tops, text, sent_of)
    return Relations(
        qualifiers=MappingProxyType(qualifiers(tops, rec.tokens, text, sent_of)),
        near=MappingProxyType(near_of),
        near_km=MappingProxyType(near_distances(tops, text, near_of)),
        aliases=tuple(aliases(tops, text, sent_of)),
        list_of=MappingProxyType(lists(tops, text, sent_of)),
    )


LIST_GAPS = frozenset(
    [
        ",",
        "and",
        ", and",
        "or",
        "та",
        "і",
        "и",
        "й",
        "and in",
        ", and in",
        "and at",
        "та в",
        "і в",
        "и в",
        "та у",
    ]
)  # what stands between two items of a list of places
# "Маяк, Никанорівка, Федорівка": a list goes on through names the gazetteer does not know
_UNKNOWN_ITEMS = re.compile(r"^(?:,\s*(?:[A-ZА-ЯІЇЄҐ][\w’'-]*\s*){1,3})+(?:,|,?\s*(?:and|та|і|и|й))$")


# "город Угледар, поселок Гродовка, села Верхнекаменское и Крутой Яр": the kind words do not end a list
_FEATURE_IN_GAP = re.compile(
    r"\s(?:"
    + "|".join(sorted((re.escape(w) for w in FEATURE_WORDS), key=len, reverse=True))
    + r"|с\.|смт|the|of)(?=\s|$)",
    re.IGNORECASE,
)


_LONGEST_ITEM_GAP = 120  # characters between two list items worth reading; a longer gap ends the list
_JOINERS = frozenset({"и", "й", "і", "та", "and", "or"})  # a gap "и село", "and the town of" may go on a list


def lists(toponyms: Sequence[Toponym], text: str, sent_of: Sequence[int]) -> dict[int, int]:
    """Toponym -> the first item of the list of places it belongs to ("у районах населених пунктів
    Маяк, Федорівка, ... та Ялта": Маяк for all); toponyms in no list are left out."""
    heads: dict[int, int] = {}
    for k in range(1, len(toponyms)):
        a, b = toponyms[k - 1], toponyms[k]
        if sent_of[a.first] != sent_of[b.first] or is_regionish(a) != is_regionish(b):
            continue
        if b.start - a.end > _LONGEST_ITEM_GAP:
            continue
        gap = text[a.end : b.start].strip()
        first = gap.split(maxsplit=1)[0].lower() if gap else ""
        if gap.lower() not in LIST_GAPS and (gap[:1] == "," or first in _JOINERS):
            gap = _FEATURE_IN_GAP.sub("", " " + gap).strip()  # "город X, поселок Y": kind words out
        if gap.lower() in LIST_GAPS or _UNKNOWN_ITEMS.match(gap):
            heads[k] = heads.setdefault(k - 1, k - 1)
    return heads


def is_regionish(t: Toponym) -> bool:
    if t.region_phrase:
        return True
    if not t.candidates or t.feature is not None:
        return False
    return t.candidates[0].place.kind in ("admin1", "admin2")


def aliases(toponyms: Sequence[Toponym], text: str, sent_of: Sequence[int]) -> list[tuple[int, int, bool]]:
    """(i, j, stated) pairs of toponym indices that the text says name one place."""
    out: list[tuple[int, int, bool]] = []
    for i in range(len(toponyms) - 1):
        a, b = toponyms[i], toponyms[i + 1]
        if sent_of[a.first] != sent_of[b.first] or b.start - a.end > _MAX_GAP:
            continue
        if is_regionish(a) != is_regionish(b):
            continue
        gap = text[a.end + (2 if a.possessive else 0) : b.start]
        if any(p.match(gap) for p in _ALIAS_STATED):
            out.append((i, i + 1, True))
        elif _ALIAS_MAYBE.match(gap):
            ids_a = {c.place.place_id or id(c.place) for c in a.candidates}
            if any((c.place.place_id or id(c.place)) in ids_a for c in b.candidates):
                out.append((i, i + 1, False))
    return out


def qualifiers(
    toponyms: Sequence[Toponym], tokens: Sequence[Token], text: str, sent_of: Sequence[int]
) -> dict[int, Qualifier]:
    """Map settlement toponym index -> the region the same sentence places it in."""
    out: dict[int, Qualifier] = opening_region(toponyms, tokens, sent_of, text)
    for r, reg in enumerate(toponyms):
        if not is_regionish(reg):
            continue
        # the settlement right before: "X in the northeastern Y region", "X, Y Oblast"
        if r > 0:
            s = r - 1
            prev = toponyms[s]
            gap = text[prev.end : reg.start]
            m = (
                _QUALIFIER_GAP.match(gap)
                if len(gap) <= 40 and sent_of[prev.first] == sent_of[reg.first]
                else None
            )
            prep = m.group(1) if m else None
            word = m.group(2) if m else None
            direction = direction_of(word) if word else None
            if m and (word is None or direction is not None) and not is_regionish(prev):
                q = Qualifier(r, direction, explicit=bool(prep))
                out[s] = q
                # the list before it shares it only when the region follows the whole list:
                # "A and B in the Y region" -> both; "A in Y and B" -> only A.
                k = s
                while k > 0:
                    left = toponyms[k - 1]
                    lgap = text[left.end : toponyms[k].start]
                    if (
                        sent_of[left.first] != sent_of[reg.first]
                        or not _LIST_GAP.match(lgap)
                        or is_regionish(left)
                    ):
                        break
                    out.setdefault(k - 1, q)
                    k -= 1
        # the settlement right after: "in the Y region, the village of X"; "Y region's X"
        if r + 1 < len(toponyms):
            nxt = toponyms[r + 1]
            if not is_regionish(nxt) and sent_of[nxt.first] == sent_of[reg.first] and (r + 1) not in out:
                gap = text[reg.end : nxt.start]
                if (reg.possessive and len(gap.strip()) <= 2) or (
                    nxt.feature is not None and len(gap) <= 30 and "." not in gap and ";" not in gap
                ):
                    out[r + 1] = Qualifier(r, _direction_before(tokens, reg.first), explicit=True)
    return out


_OPENING_PREPOSITIONS = frozenset({"in", "within", "across", "в", "во", "у", "на"})
_NEAR_GAP = re.compile(
    r"^\s*,?\s*(?:near|outside|close\s+to|not\s+far\s+from|just\s+outside|next\s+to|on\s+the\s+outskirts\s+of|"
    r"(?:about\s+|some\s+|roughly\s+)?(?:\d+(?:[.,]\d+)?\s*(?:km|kilometers|kilometres|miles)\s+)?"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of|"
    r"под|около|возле|вблизи|недалеко\s+от|рядом\s+с|біля|поблизу|неподалік\s+від|поруч\s+із|"
    r"(?:на|к)\s+(?:північ|південь|схід|захід|північний\s+схід|північний\s+захід|південний\s+схід|"
    r"південний\s+захід|северу|югу|востоку|западу|северо-востоку|северо-западу|юго-востоку|юго-западу|"
    r"північному\s+сході|[\w-]+)\s+(?:від|от)|(?:севернее|южнее|восточнее|западнее|північніше|південніше|"
    r"східніше|західніше)|"
    # "Каменское, расположенное примерно в 6 км к югу от Степногорска", "за 10 км від"
    r"(?:(?:расположенн\w*|находящ\w*|розташован\w*|що|который|которое|которая|яке|який|яка)\s+)?"
    r"(?:(?:примерно|приблизно|около|всего|лише|лишь|близько|менее\s+чем|менше\s+ніж)\s+)?"
    r"(?:в|за)\s+\d+(?:[.,]\d+)?\s*(?:км|километр\w*|кілометр\w*)\s+(?:(?:к|на)\s+[\w-]+\s+)?(?:от|від))"
    r"\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$",
    re.I,
)


_STATED_KM = re.compile(r"(\d+(?:[.,]\d+)?)\s*(km|kilomet\w*|miles?|км|кілометр\w*|километр\w*)", re.I)


def stated_km(gap: str) -> float | None:
    """The distance a 'near' phrase states ("some 195 km south-west of"), in km, or None."""
    m = _STATED_KM.search(gap)
    if m is None:
        return None
    value = float(m.group(1).replace(",", "."))
    return value * 1.609344 if m.group(2).lower().startswith("mile") else value


def near_distances(
    toponyms: Sequence[Toponym], text: str, near_of: Mapping[int, int]
) -> dict[int, float | None]:
    """For each toponym in a 'near' relation (`near`), the distance the text states (None: none stated)."""
    out: dict[int, float | None] = {}
    for a in near_of:
        t = toponyms[a]
        out[a] = stated_km(text[t.end : toponyms[a + 1].start])
    return out


def near(toponyms: Sequence[Toponym], text: str, sent_of: Sequence[int]) -> dict[int, int]:
    """Map toponym index -> index of the place the text says it is near ("Mykolaivka, near Sloviansk")."""
    out: dict[int, int] = {}
    for i in range(len(toponyms) - 1):
        a, b = toponyms[i], toponyms[i + 1]
        if sent_of[a.first] != sent_of[b.first] or is_regionish(a) or is_regionish(b):
            continue
        gap = text[a.end + (2 if a.possessive else 0) : b.start]
        if len(gap) <= 60 and _NEAR_GAP.match(gap):
            out[i] = i + 1
    return out


def opening_region(
    toponyms: Sequence[Toponym], tokens: Sequence[Token], sent_of: Sequence[int], text: str
) -> dict[int, Qualifier]:
    """'In the Donetsk region, a drone struck X': a region opening a sentence places its settlements."""
    out: dict[int, Qualifier] = {}
    for r, reg in enumerate(toponyms):
        if not is_regionish(reg) or not text[reg.end : reg.end + 2].lstrip(" ").startswith(","):
            continue
        k = reg.first - 1
        direction = None
        while (
            k >= 0
            and tokens[k].is_word
            and (tokens[k].lower == "the" or direction_of(tokens[k].text) is not None)
        ):
            direction = direction if direction is not None else direction_of(tokens[k].text)
            k -= 1
        if k < 0 or not tokens[k].is_word or tokens[k].lower not in _OPENING_PREPOSITIONS:
            continue
        j = k - 1
        while j >= 0 and not tokens[j].is_word and sent_of[j] == sent_of[k]:
            j -= 1
        if j >= 0 and sent_of[j] == sent_of[k]:
            continue  # the preposition does not open the sentence
        for s in range(r + 1, len(toponyms)):
            if sent_of[toponyms[s].first] != sent_of[reg.first]:
                break
            if not is_regionish(toponyms[s]):
                out[s] = Qualifier(r, direction, explicit=True)
    return out


def _direction_before(tokens: Sequence[Token], first: int) -> float | None:
    k = first - 1
    if k >= 0 and tokens[k].is_word:
        return direction_of(tokens[k].text)
    return None
