"""One score scale: a mention's alternatives compare with the chosen place; right context lowers nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

import geomap

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed"
EXPLAINED = ("scores ", "not chosen: ")


def _articles() -> list[Path]:
    found = sorted((ROOT / "examples").glob("*.txt")) + sorted(SEED.glob("*.txt"))
    return found


@pytest.mark.parametrize("path", _articles(), ids=lambda p: p.name)
def test_no_alternative_outscores_the_choice_without_a_reason(path):
    report = geomap.extract(path)
    for m in report.mentions:
        if m.place is None:
            continue
        assert 0.0 <= m.place.score <= 1.0
        for a in m.alternatives:
            assert 0.0 <= a.score <= 1.0, (m.text, a.place.name, a.score)
            if a.score > m.place.score:
                assert any(r.startswith(EXPLAINED) for r in a.reasons), (m.text, a.place.name, a.reasons)


def test_right_context_does_not_lower_the_right_place():
    bare = geomap.geocode("Huliaipole")[0]
    told = geomap.geocode("Huliaipole", context="Zaporizhzhia Oblast")[0]
    assert told.place.place_id == bare.place.place_id and told.score >= bare.score
