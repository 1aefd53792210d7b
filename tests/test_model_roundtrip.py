"""A saved report reads back as the report that was saved: Report -> to_dict -> JSON -> from_dict.

The generated numbers carry no more decimals than to_dict keeps (coordinates 6, scores 4, kilometres 3,
bearings 2, an approximate place's radius 1): what to_dict rounds is its contract, not a loss.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.errors import InputError
from geomap.model import Candidate, Claim, Distance, Mention, Place, Point, Reading, Report

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
words = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)
maybe_text = st.none() | text


def decimals(lo: float, hi: float, places: int) -> st.SearchStrategy[float]:
    return st.floats(min_value=lo, max_value=hi, allow_nan=False).map(lambda x: round(x, places))


points = st.builds(Point, decimals(-90, 90, 6), decimals(-180, 180, 6))
places = st.builds(
    Place,
    name=text,
    lat=decimals(-90, 90, 6),
    lon=decimals(-180, 180, 6),
    country=st.none() | st.sampled_from(["UA", "RU", "BY", "PL"]),
    kind=st.sampled_from(["settlement", "admin1", "admin2", "country", "feature"]),
    admin1=maybe_text,
    admin2=maybe_text,
    population=st.integers(min_value=0, max_value=30_000_000),
    geonameid=st.none() | st.integers(min_value=1, max_value=13_000_000),
    feature_code=st.none() | st.sampled_from(["PPL", "PPLA", "ADM1", "PCLI"]),
    names=st.lists(text, max_size=3).map(tuple),
    source=text,
    place_id=text,
    uncertainty_km=st.just(0.0) | decimals(0.1, 50, 1),
)
candidates = st.builds(
    Candidate,
    place=places,
    score=decimals(0, 1, 4),
    match=st.sampled_from(["exact", "folded", "translit", "fuzzy", "region", "near"]),
    matched_name=text,
    reasons=st.lists(text, max_size=2).map(tuple),
)
mentions = st.builds(
    Mention,
    text=text,
    start=st.integers(min_value=0, max_value=10**6),
    end=st.integers(min_value=0, max_value=10**6),
    sentence=text,
    role=st.sampled_from(["event", "mention", "metonym", "noise"]),
    place=st.none() | candidates,
    precision=st.sampled_from([1, 2, 3]),
    confidence=decimals(0, 1, 4),
    event_type=maybe_text,
    claimant=maybe_text,
    alternatives=st.lists(candidates, max_size=2).map(tuple),
    section=st.sampled_from(["body", "caption", "advert", "teaser", "footer", "title"]),
    entity=st.none() | st.integers(min_value=0, max_value=500),
    note=text,
)
distances = st.builds(
    Distance,
    km=decimals(0, 20_000, 3),
    origin=points,
    nearest=points,
    target=text,
    bearing_deg=st.none() | decimals(0, 359.99, 2),
    layer_date=st.none() | st.just("2024-12-22"),
    note=text,
    origin_name=text,
)
readings = st.builds(
    Reading,
    label=text,
    distance=distances,
    verdict=st.sampled_from(["consistent", "inconsistent", "unverifiable"]),
)
km_figures = st.none() | decimals(0, 5_000, 3)
claims = st.builds(
    Claim,
    text=text,
    start=st.integers(min_value=0, max_value=10**6),
    end=st.integers(min_value=0, max_value=10**6),
    from_name=maybe_text,
    from_place=st.none() | places,
    to=text,
    to_place=st.none() | places,
    stated_km=km_figures,
    stated_low_km=km_figures,
    stated_high_km=km_figures,
    stated_unit=st.sampled_from(["km", "mi", "nmi", "m"]),
    stated_value=km_figures,
    qualifier=st.sampled_from(["about", "exact", "more_than", "less_than", "within", "range"]),
    direction=st.none() | st.sampled_from(["north-east", "south", "NNW", "северо-восточнее"]),
    readings=st.lists(readings, max_size=2).map(tuple),
    computed_km=km_figures,
    verdict=st.sampled_from(["consistent", "inconsistent", "unverifiable"]),
    reading_used=maybe_text,
    explanation=text,
    conversion_value=st.none() | decimals(0, 5_000, 3),
    conversion_unit=st.none() | st.sampled_from(["km", "mi", "nmi", "m"]),
    conversion_agrees=st.none() | st.booleans(),
    slack_km=decimals(0, 100, 3),
    direction_agrees=st.none() | st.booleans(),
    from_how=text,
)
reports = st.builds(
    Report,
    source=words,  # a report without a source is named by the file it was saved in
    text=text,
    title=maybe_text,
    date=st.none() | st.just("2024-12-22"),
    language=st.sampled_from(["en", "ru", "uk"]),
    mentions=st.lists(mentions, max_size=4).map(tuple),
    claims=st.lists(claims, max_size=3).map(tuple),
)


@settings(max_examples=150, deadline=None)
@given(reports)
def test_a_saved_report_reads_back_as_it_was(report: Report) -> None:
    assert Report.from_dict(json.loads(json.dumps(report.to_dict()))) == report


def test_what_the_round_trip_used_to_lose_survives() -> None:
    """An approximate village keeps its circle; a claim keeps its direction, slack and conversion."""
    village = Place("Lozova", 49.1, 37.2, "UA", place_id="katottg:UA1", uncertainty_km=6.5)
    claim = Claim(
        "1,000 km (620 miles) north-east of Kharkiv",
        direction="north-east",
        slack_km=3.25,
        conversion_value=620.0,
        conversion_unit="mi",
        conversion_agrees=True,
        direction_agrees=False,
        from_how="named before the figure in the same sentence",
    )
    report = Report(
        "a.txt", "text", mentions=(Mention("Lozova", 0, 6, place=Candidate(village, 0.9)),), claims=(claim,)
    )
    back = Report.from_dict(json.loads(json.dumps(report.to_dict())))
    assert back.mentions[0].place.place.uncertainty_km == 6.5
    assert back.claims[0] == claim


def test_older_reports_without_the_newer_keys_still_read() -> None:
    old = {"source": "x.txt", "text": "", "mentions": [{"text": "Izium", "start": 0, "end": 5,
           "place": {"name": "Izium", "lat": 49.2, "lon": 37.3, "country": "UA"}}]}  # fmt: skip
    report = Report.from_dict(old)
    assert report.mentions[0].place.place.uncertainty_km == 0.0
    assert report.mentions[0].role == "mention" and report.claims == ()


@pytest.mark.parametrize(
    "data, message",
    [
        ([], "not a geomap report"),
        ({"mentions": "none"}, "not a geomap report"),
        ({"mentions": [{"place": {"name": "X"}}]}, "malformed"),
        ({"mentions": [], "claims": [{"readings": [{"km": 3.0}]}]}, "no coordinates"),
    ],
)
def test_what_is_not_a_report_is_an_input_error(data, message) -> None:
    with pytest.raises(InputError, match=message):
        Report.from_dict(data, "saved.json")
