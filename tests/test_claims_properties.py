"""Property tests of the statement parser: any text is safe, and generated statements read back exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.claims.parse import KM_PER_UNIT, find_statements

UNITS = {"km": "km", "kilometres": "km", "miles": "mi", "nautical miles": "nmi", "metres": "m", "км": "km"}
HEDGES = {"": "exact", "about ": "about", "more than ": "more_than", "within ": "within", "nearly ": "almost"}
TARGETS = {"the front line": "frontline", "the border": "border", "the frontier": "frontier"}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("5 0,.-–km milesот в за від(Kyiv)KharkivАБВ\n")), max_size=200))
def test_any_text_is_safe_and_offsets_hold(text: str) -> None:
    for s in find_statements(text):
        assert text[s.start : s.end] == s.text
        assert s.low <= s.value <= s.high and s.value > 0
        assert s.unit in KM_PER_UNIT


@settings(max_examples=300, deadline=None)
@given(
    value=st.integers(min_value=1, max_value=99_999),
    unit=st.sampled_from(sorted(UNITS)),
    hedge=st.sampled_from(sorted(HEDGES)),
    target=st.sampled_from(sorted(TARGETS)),
)
def test_generated_statements_read_back(value: int, unit: str, hedge: str, target: str) -> None:
    figure = f"{value:,}"
    sentence = f"The depot lies {hedge}{figure} {unit} from {target}, officials said."
    (s,) = find_statements(sentence)
    assert s.value == value and s.unit == UNITS[unit]
    assert s.qualifier == HEDGES[hedge] and s.target_kind == TARGETS[target]
    assert s.text == f"{hedge}{figure} {unit} from {target}"
