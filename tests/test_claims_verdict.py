"""Tolerance from wording (rounding, hedges, bounds, ranges) and agreement of parenthesised conversions."""

from __future__ import annotations

import math

import pytest

from geomap.claims.numbers import parse_digits, parse_english_words, parse_slavic_words
from geomap.claims.parse import find_statements
from geomap.claims.verdict import conversion_agrees, judge, place_extent_km, stated_interval


def one(text: str):
    (st,) = find_statements(text)
    return st


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("It is some 1,000 km from the front line.", 900, 1100),  # hedged: 10%
        ("It is 1,023 km from the front line.", 1012.77, 1033.23),  # four figures: 1%
        ("It is 35 km from the front line.", 33.25, 36.75),  # two figures: 5%
        ("It is 30 km from the front line.", 27, 33),  # one figure: 10%
        ("It is more than 100 km from the front line.", 100, math.inf),
        ("It is less than 20 km from the front line.", 0, 20),
        ("It is within 5 km of the front line.", 0, 5),
        ("It is nearly 100 km from the front line.", 85, 100),
        ("It is 15-20 km from the front line.", 13.5, 22),
        ("It is dozens of kilometres from the front line.", 20, 99),
        ("It is about 20 miles from the border.", 28.968, 35.405),
        ("It is 2 km from the front line.", 1.5, 2.5),  # at least half a unit of rounding
    ],
)
def test_stated_interval(text: str, low: float, high: float) -> None:
    iv = stated_interval(one(text))
    assert iv.low == pytest.approx(low, rel=1e-3)
    assert iv.high == pytest.approx(high, rel=1e-3) if math.isfinite(high) else math.isinf(iv.high)
    assert iv.why


def test_hedge_widens_a_precise_figure() -> None:
    plain = stated_interval(one("It is 1,023 km from the front line."))
    hedged = stated_interval(one("It is about 1,023 km from the front line."))
    assert hedged.high - hedged.low > 5 * (plain.high - plain.low)


@pytest.mark.parametrize(
    ("text", "agrees"),
    [
        ("It is some 1,000 kilometers (620 miles) from the frontier.", True),
        ("It is 100 km (62 miles) east of Kharkiv.", True),
        ("It is 1,000 km (400 miles) from the front line.", False),
        ("It is 30 miles (48 km) from the border.", True),
        ("It is 30 miles (30 km) from the border.", False),
        ("It is 12 km from the front line.", None),
    ],
)
def test_conversion_agreement(text: str, agrees: bool | None) -> None:
    assert conversion_agrees(one(text)) is agrees


def test_judge_uses_slack_on_both_sides() -> None:
    iv = stated_interval(one("It is 30 km from the front line."))
    assert judge(33.0, iv, 0.0) and not judge(34.0, iv, 0.0)
    assert judge(34.0, iv, 2.0) and judge(25.5, iv, 2.0) and not judge(24.0, iv, 2.0)


def test_place_extent_grows_with_population() -> None:
    sizes = [place_extent_km(p) for p in (100, 30_000, 150_000, 500_000, 2_000_000)]
    assert sizes == sorted(sizes) and sizes[0] > 0
    assert place_extent_km(5_000_000, "admin1") == 0.0


@pytest.mark.parametrize(
    ("text", "value", "sig"),
    [("1,000", 1000, 1), ("1 000", 1000, 1), ("1\u00a0023", 1023, 4), ("12.5", 12.5, 3), ("1,5", 1.5, 2)],
)
def test_digits(text: str, value: float, sig: int) -> None:
    n = parse_digits(text)
    assert (n.value, n.sig) == (value, sig)


def test_digit_multiplier() -> None:
    assert parse_digits("1,5", "тыс").value == 1500
    assert parse_digits("2", "thousand").value == 2000


@pytest.mark.parametrize(
    ("text", "value"),
    [("two hundred", 200), ("a dozen", 12), ("twenty-five", 25), ("a thousand", 1000), ("half a", 0.5),
     ("one hundred and fifty", 150), ("three thousand five hundred", 3500)],
)  # fmt: skip
def test_english_words(text: str, value: float) -> None:
    assert parse_english_words(text).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("двести", 200),
        ("тысячу", 1000),
        ("двісті п'ятдесят", 250),
        ("півтори тисячі", 1500),
        ("двадцати", 20),
    ],
)
def test_slavic_words(text: str, value: float) -> None:
    assert parse_slavic_words(text).value == value


def test_words_that_are_not_numbers() -> None:
    assert parse_english_words("the") is None
    assert parse_slavic_words("город") is None
