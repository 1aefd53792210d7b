"""A realistic report to draw and synthetic event tables, for the map's tests and benchmarks.

The article text is written for geomap (no published article is copied); coordinates are GeoNames'.
The claim is measured against the shipped front line and judged by the claims' own verdict rule.
"""

from __future__ import annotations

import random

from geomap.claims.verdict import HEDGE_MIN, Interval, judge, place_extent_km
from geomap.layers import frontline_for
from geomap.model import Candidate, Claim, Mention, Place, Reading, Report

SUMY = Place(
    "Sumy",
    50.9216,
    34.80029,
    "UA",
    admin1="Sumy Oblast",
    population=268409,
    geonameid=692194,
    names=("Суми", "Сумы"),
    place_id="gn:692194",
)
POKROVSK = Place(
    "Pokrovsk",
    48.28198,
    37.18207,
    "UA",
    admin1="Donetsk Oblast",
    population=60127,
    geonameid=708730,
    names=("Krasnoarmiisk", "Krasnoarmeysk", "Покровськ", "Покровск", "Красноармійськ", "Красноармейск"),
    place_id="gn:708730",
)
MYRNOHRAD = Place(
    "Myrnohrad",
    48.30235,
    37.26063,
    "UA",
    admin1="Donetsk Oblast",
    population=46625,
    names=("Dymytrov", "Мирноград", "Мирноград", "Димитров"),
    place_id="gn:704883",
    geonameid=704883,
)
KRAMATORSK = Place(
    "Kramatorsk",
    48.72305,
    37.55629,
    "UA",
    admin1="Donetsk Oblast",
    population=150084,
    names=("Краматорськ", "Краматорск"),
    place_id="gn:704508",
    geonameid=704508,
)
KYIV = Place(
    "Kyiv",
    50.45466,
    30.5238,
    "UA",
    admin1="Kyiv City",
    population=2797553,
    geonameid=703448,
    names=("Kiev", "Київ", "Киев"),
    place_id="gn:703448",
)
MOSCOW = Place(
    "Moscow",
    55.75222,
    37.61556,
    "RU",
    admin1="Moscow",
    population=10381222,
    geonameid=524901,
    names=("Москва",),
    place_id="gn:524901",
)
DONETSK_OBLAST = Place(
    "Donetsk Oblast", 48.0, 37.8, "UA", kind="admin1", names=("Донецька область",), place_id="adm1:UA-14"
)
ZHAGAN = Place("Żagań", 51.61759, 15.31486, "PL", population=26665, names=("Sagan",), place_id="gn:3080526")

ARTICLE = (
    "Drones hit an energy site in Sumy overnight, the regional administration said on Sunday. "
    "Russia's defence ministry claimed its troops had encircled Myrnohrad, next to Pokrovsk. "
    "Ukrainian officers said fighting continued in the Donetsk region. "
    "Kramatorsk, about 25 km from the front line, was shelled in the afternoon. "
    "Moscow has not commented. Kyiv asked allies for more air defence. "
    "Photo: soldiers at an exercise near Zagan, Poland, in 2023."
)


def _m(text: str, word: str, place: Place | None, role: str, nth: int = 0, **kw) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    sent_start = text.rfind(". ", 0, start)
    sent_start = 0 if sent_start < 0 else sent_start + 2
    sent_end = text.find(". ", start)
    sent_end = len(text) if sent_end < 0 else sent_end + 1
    cand = Candidate(place, kw.pop("score", 0.9)) if place else None
    return Mention(
        word, start, start + len(word), sentence=text[sent_start:sent_end], role=role, place=cand, **kw
    )


def _claim(text: str, stated: float, origin: Place, date: str) -> Claim:
    """ "about `stated` km from the front line", measured from `origin` to the shipped line of `date`."""
    layer = frontline_for(date)
    dist = layer.distance_from((origin.lat, origin.lon))
    label = f"line of contact ({date})"
    hedged = Interval(stated * (1 - HEDGE_MIN), stated * (1 + HEDGE_MIN), stated, "a hedged figure")
    slack = place_extent_km(origin.population, origin.kind) + (layer.error_km or 0.0)
    verdict = "consistent" if judge(dist.km, hedged, slack) else "inconsistent"
    start = text.index("about 25 km")
    return Claim(
        text="about 25 km from the front line",
        start=start,
        end=start + 31,
        from_name=origin.name,
        from_place=origin,
        to="frontline",
        stated_km=stated,
        stated_value=stated,
        qualifier="about",
        readings=(Reading(label, dist, verdict),),
        computed_km=dist.km,
        verdict=verdict,
        reading_used=label,
    )


def sample_report(hostile: bool = False) -> Report:
    """A realistic one-article report: events of three types, region-only and approximate places,
    a mention, a metonym, a caption (noise), alternatives and a checked distance claim.
    With `hostile`, the names and sentences carry script-injection attempts."""
    text = ARTICLE
    title = "Drones hit Sumy; Moscow claims Myrnohrad is encircled"
    if hostile:
        text = text.replace("Sumy overnight", "Sumy<script>window.__pwned=1</script> overnight")
        text = text.replace("Kyiv asked", 'Kyiv <img src=x onerror="window.__pwned=2"> asked')
        title = (
            '</script><script>window.__pwned=3</script><a href="javascript:window.__pwned=4">x</a>'
            " {{ 7 * 7 }} {% raw %}"
        )
    alt = Candidate(
        Place("Myrnohrad (Luhansk)", 48.6, 38.6, "UA", admin1="Luhansk Oblast", place_id="x:1"), 0.2
    )
    mentions = [
        _m(
            text,
            "Sumy",
            SUMY,
            "event",
            event_type="drone attack",
            confidence=0.93,
            claimant="regional administration",
        ),
        _m(
            text,
            "Myrnohrad",
            MYRNOHRAD,
            "event",
            event_type="encirclement",
            confidence=0.81,
            claimant="Russia's defence ministry",
            alternatives=(alt,),
        ),
        _m(text, "Pokrovsk", POKROVSK, "mention", precision=2, confidence=0.77),
        _m(text, "Donetsk region", DONETSK_OBLAST, "mention", precision=3, confidence=0.7),
        _m(text, "Kramatorsk", KRAMATORSK, "event", event_type="shelling", confidence=0.88),
        _m(text, "Moscow", MOSCOW, "metonym", confidence=0.85),
        _m(text, "Kyiv", KYIV, "metonym", confidence=0.8),
        _m(text, "Zagan", ZHAGAN, "noise", confidence=0.6, section="caption"),
    ]
    if hostile:
        mentions[0] = Mention(
            "Sumy<script>window.__pwned=1</script>",
            mentions[0].start,
            mentions[0].start + 4,
            sentence=mentions[0].sentence,
            role="event",
            event_type="<img src=x onerror=window.__pwned=5>",
            claimant="javascript:window.__pwned=6",
            place=Candidate(
                Place(
                    "Sumy</script><script>window.__pwned=7</script>",
                    SUMY.lat,
                    SUMY.lon,
                    "UA",
                    names=("<svg onload=window.__pwned=8>",),
                    place_id="gn:692194",
                ),
                0.9,
            ),
            confidence=0.9,
        )
    claim = _claim(text, 25.0, KRAMATORSK, "2024-12-22")
    return Report(
        source="examples/sumy-myrnohrad.txt",
        text=text,
        title=title,
        date="2024-12-22",
        mentions=tuple(mentions),
        claims=(claim,),
    )


EVENT_TYPES = ("drone attack", "missile strike", "shelling", "capture claim", "encirclement", "airstrike")


def synthetic_events(n: int, seed: int = 7) -> list[dict]:
    """`n` event rows spread over eastern Ukraine and western Russia across 2024, for benchmarks."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        lat, lon = rng.uniform(46.5, 52.5), rng.uniform(30.0, 40.5)
        etype = rng.choice(EVENT_TYPES)
        day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        name = f"Place {i}"
        rows.append(
            {
                "name": name,
                "lat": f"{lat:.5f}",
                "lon": f"{lon:.5f}",
                "event_type": etype,
                "date": day,
                "role": "event",
                "mention": name,
                "sentence": f"Officials reported a {etype} in {name} on {day}, with damage to homes.",
                "source": f"article-{i % 500}.txt",
                "confidence": f"{rng.uniform(0.5, 1):.2f}",
            }
        )
    return rows
