"""How much a stated distance allows, and whether a computed distance bears it out.

Two sources of slack, kept apart so that the explanation can show both:

- Wording: the figure's rounding and hedging. One significant figure ("1,000", "30") allows 10%, two
  ("35", "1,200") 5%, three or more ("1,023") 1%; a hedge ("some", "about", "около", "приблизно") allows at
  least 10%; "nearly" allows 15% below and nothing above; "more than" and "within" are one-sided; a range
  is taken as written with each end's rounding; vague words ("dozens of") carry their own interval.
- Geometry: a reporter measures from a town's edge or centre, and reference layers have their own error,
  so the size of each named place (from its population) and the layer's stated error are added.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from geomap.claims.parse import KM_PER_UNIT, Statement

ROUNDING = {1: 0.10, 2: 0.05}  # relative slack by significant figures; 1% beyond
HEDGE_MIN = 0.10
ALMOST_BELOW = 0.15


@dataclass(frozen=True, slots=True)
class Interval:
    """The accepted range in km from the wording alone, and why."""

    low: float
    high: float  # math.inf for "more than"
    central: float
    why: str


def rounding_share(sig: int) -> float:
    """Relative slack implied by the number of significant figures written."""
    return ROUNDING.get(sig, 0.01)


def stated_interval(st: Statement) -> Interval:
    """The distance range in km the wording allows, before geometric slack."""
    k = KM_PER_UNIT[st.unit]
    share = rounding_share(st.sig)
    half_unit = 0.5 * k if st.unit != "m" else 0.0005  # integers are rounded to a whole unit at best
    value, q = st.value * k, st.qualifier
    rounding = f"±{share:.0%} for a figure of {st.sig} significant figure{'s' if st.sig != 1 else ''}"
    if q == "range":
        lo, hi = st.low * k * (1 - share), st.high * k * (1 + share)
        return Interval(lo, hi, value, f"the range as written, {rounding}")
    if q == "vague":
        return Interval(st.low * k, st.high * k, value, "the usual span of a vague quantity")
    if q == "about":
        share = max(share, HEDGE_MIN)
        d = max(value * share, half_unit)
        return Interval(value - d, value + d, value, f"±{share:.0%} for a hedged figure")
    if q == "almost":
        d = max(value * max(share, ALMOST_BELOW), half_unit)
        return Interval(value - d, value, value, f"up to {ALMOST_BELOW:.0%} below and not above ('nearly')")
    if q == "more_than":
        return Interval(value, math.inf, value, "one-sided: at least the stated figure")
    if q in ("less_than", "within"):
        return Interval(0.0, value, value, "one-sided: at most the stated figure")
    d = max(value * share, half_unit)
    return Interval(value - d, value + d, value, rounding)


def conversion_agrees(st: Statement) -> bool | None:
    """Whether a parenthesised conversion ("(620 miles)") fits the main figure; None when there is none."""
    if st.conversion is None:
        return None
    lo, hi, unit = st.conversion
    k = KM_PER_UNIT[unit]
    main = stated_interval(st)
    conv_share = rounding_share(st.conversion_sig)
    c_lo, c_hi = lo * k * (1 - conv_share), hi * k * (1 + conv_share)
    # the two figures agree when their rounding intervals overlap
    m_lo = main.low if math.isfinite(main.high) else main.central * (1 - rounding_share(st.sig))
    m_hi = main.high if math.isfinite(main.high) else main.central * (1 + rounding_share(st.sig))
    if st.qualifier in ("less_than", "within"):
        m_lo = main.central * (1 - rounding_share(st.sig))
    return c_lo <= m_hi and m_lo <= c_hi


def place_extent_km(population: int, kind: str = "settlement") -> float:
    """How far from a place's point a reporter may still be measuring: about half its built-up radius."""
    if kind not in ("settlement", "feature"):
        return 0.0
    if population >= 1_000_000:
        return 5.0
    if population >= 300_000:
        return 3.0
    if population >= 100_000:
        return 2.0
    if population >= 20_000:
        return 1.0
    return 0.5


def judge(computed_km: float, interval: Interval, slack_km: float) -> bool:
    """True when the computed distance lies in the stated interval widened by the geometric slack."""
    return interval.low - slack_km <= computed_km <= interval.high + slack_km


def fmt_km(km: float) -> str:
    """A distance for explanations: whole km above 100, one decimal below."""
    if math.isinf(km):
        return "∞"
    return f"{km:,.0f}" if km >= 100 else f"{km:.1f}"
