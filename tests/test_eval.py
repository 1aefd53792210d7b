"""The scorer, on hand-made Reports: each metric moves when, and only when, it should."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.errors import InputError, NotFoundError
from geomap.evaluate import evaluate_file, fold, format_table, parse_gold, score, total
from geomap.model import Candidate, Claim, Mention, Place, Report

TEXT = (
    "Russian troops captured Lozova, Moscow said. Kyiv was shelled at night. "
    "Kyiv insists the front holds near Kupiansk. Drones hit Kharkiv region. Putin spoke."
)
GOLD = {
    "article": "x.txt",
    "date": "2025-01-10",
    "places": [
        {"mention": "Lozova", "role": "event", "lat": 49.45, "lon": 37.85, "tolerance_km": 40,
         "must_not_be": {"lat": 48.89066, "lon": 36.31412, "within_km": 40}},
        {"mention": "Moscow", "role": "metonym"},
        {"mention": "Kyiv", "role": "event", "context": "Kyiv was shelled", "lat": 50.45466, "lon": 30.5238,
         "tolerance_km": 15},
        {"mention": "Kyiv", "role": "metonym", "context": "Kyiv insists"},
        {"mention": "Kupiansk", "role": "mention", "lat": 49.71055, "lon": 37.61528, "tolerance_km": 10,
         "note": "event is also acceptable as role"},
        {"mention": "Kharkiv region", "role": "event", "lat": 49.5, "lon": 36.5, "tolerance_km": 150},
    ],
    "not_places": ["Putin"],
    "distance_claims": [
        {"text": "40 km from the border", "stated_km": 40, "verdict": "consistent"},
        {"text": "close to Kupiansk", "stated_km": None, "verdict": "consistent (qualitative)"},
    ],
}  # fmt: skip


def m(text: str, role: str, lat: float | None = None, lon: float | None = None, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    place = None if lat is None else Candidate(Place(name=text, lat=lat, lon=lon, country="UA"), 0.9)
    return Mention(text=text, start=start, end=start + len(text), role=role, place=place)


def perfect() -> list[Mention]:
    return [
        m("Lozova", "event", 49.44, 37.86),
        m("Moscow", "metonym", 55.75, 37.62),
        m("Kyiv", "event", 50.45, 30.52),
        m("Kyiv", "metonym", 50.45, 30.52, nth=1),
        m("Kupiansk", "event", 49.71, 37.61),
        m("Kharkiv region", "event", 49.6, 36.4),
    ]


def report(mentions, claims=()) -> Report:
    return Report(source="x.txt", text=TEXT, mentions=tuple(mentions), claims=tuple(claims))


def test_perfect_report_scores_full_marks():
    s = score(GOLD, report(perfect()))
    assert (s.tp, s.fp, s.fn) == (4, 0, 0)
    assert s.f1 == 1.0 and s.role_accuracy == 1.0 and s.roles_scored == 6
    assert s.must_not_be_violations == 0 and s.not_places_reported == 0
    assert s.median_error_km is not None and s.median_error_km < 15


def test_wrong_namesake_is_a_miss_an_extra_and_a_violation():
    ms = perfect()
    ms[0] = m("Lozova", "event", 48.89066, 36.31412)  # the city, not the village
    s = score(GOLD, report(ms))
    assert (s.tp, s.fp, s.fn) == (3, 1, 1)
    assert s.must_not_be_violations == 1
    assert max(s.errors_km) > 100
    assert any(d.startswith("must not be: Lozova") for d in s.details)


def test_roles_use_context_to_tell_two_kyiv_entries_apart():
    ms = perfect()
    ms[3] = m("Kyiv", "mention", 50.45, 30.52, nth=1)  # "Kyiv insists" is a metonym
    s = score(GOLD, report(ms))
    assert s.roles_right == 5 and s.roles_scored == 6
    assert s.f1 == 1.0  # location is still right


def test_acceptable_role_from_note_and_noise_for_event_is_wrong():
    ms = perfect()
    ms[4] = m("Kupiansk", "mention", 49.71, 37.61)
    assert score(GOLD, report(ms)).role_accuracy == 1.0
    ms[0] = m("Lozova", "noise", 49.44, 37.86)
    assert score(GOLD, report(ms)).roles_right == 5


def test_repeated_mentions_count_once_and_unlisted_places_are_extras():
    ms = [*perfect(), m("Kupiansk", "event", 49.7101, 37.6101), m("Kharkiv region", "event", 49.6, 36.4)]
    ms.append(Mention("Putin", TEXT.index("Putin"), TEXT.index("Putin") + 5, role="mention",
                      place=Candidate(Place("Putin", 50.0, 30.0, "UA"), 0.2)))  # fmt: skip
    s = score(GOLD, report(ms))
    assert (s.tp, s.fp, s.fn) == (4, 2, 0)  # Kupiansk at a second point, and "Putin"
    assert s.not_places_reported == 1


def test_missing_and_unresolved_mentions_lower_recall_only():
    ms = perfect()[:-1] + [m("Kharkiv region", "event")]  # found but not located
    s = score(GOLD, report(ms))
    assert (s.tp, s.fp, s.fn) == (3, 0, 1)
    assert s.precision == 1.0 and s.recall == 0.75
    assert s.role_accuracy == 1.0  # its role still counts


def test_metonym_with_coordinates_is_not_a_false_positive():
    s = score(GOLD, report(perfect()))
    assert not any("Moscow" in d for d in s.details)


def test_claims_agreement():
    good = Claim(text="some 40 km from the border", stated_km=40, verdict="consistent")
    bad = Claim(text="40 km from the border", stated_km=40, verdict="inconsistent")
    assert score(GOLD, report(perfect(), [good])).claims_agree == 1
    s = score(GOLD, report(perfect(), [bad]))
    assert (s.claims_agree, s.claims_scored) == (0, 1)
    assert score(GOLD, report(perfect())).claim_agreement == 0.0


def test_totals_are_micro_averaged():
    a = score(GOLD, report(perfect()))
    b = score(GOLD, report(perfect()[:1]))
    t = total([a, b])
    assert (t.tp, t.fn) == (5, 3)
    assert t.recall == pytest.approx(5 / 8)
    table = format_table([a, b])
    assert "TOTAL" in table


def test_fold():
    assert fold("The Kharkiv Region") == fold("kharkiv region")
    assert fold("Кам’янське") == fold("Кам'янське")
    assert fold("Щёкино") == fold("Щекино")


def test_evaluate_file_uses_gold_date_and_relative_article(tmp_path):
    (tmp_path / "x.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "x.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    seen = {}

    def fake_extract(path, date=None):
        seen.update(path=path, date=date)
        return report(perfect())

    s = evaluate_file(tmp_path / "x.gold.json", extract=fake_extract)
    assert seen == {"path": tmp_path / "x.txt", "date": "2025-01-10"}
    assert s.label == "x" and s.f1 == 1.0


def test_bad_gold_files(tmp_path):
    with pytest.raises(NotFoundError):
        evaluate_file(tmp_path / "none.gold.json", extract=lambda *a, **k: None)
    bad = tmp_path / "bad.gold.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        evaluate_file(bad, extract=lambda *a, **k: None)
    bad.write_text(json.dumps({"article": "missing.txt"}), encoding="utf-8")
    with pytest.raises(NotFoundError, match="does not exist"):
        evaluate_file(bad, extract=lambda *a, **k: None)


def test_seed_gold_parses_and_scores_itself(seed_gold):
    """A report that says exactly what the seed gold says gets full marks (the gold format is read right)."""
    chunks = [next((c for c in p.get("context", "").split(" / ") if p["mention"] in c), p["mention"])
              for p in seed_gold["places"]]  # fmt: skip
    text = ". ".join(chunks)
    mentions, pos = [], 0
    for p in seed_gold["places"]:
        start = text.index(p["mention"], pos)
        pos = start + len(p["mention"])
        place = (
            Candidate(Place(p["mention"], p["lat"], p["lon"], p.get("country")), 1.0) if "lat" in p else None
        )
        mentions.append(Mention(p["mention"], start, pos, role=p["role"], place=place))
    s = score(seed_gold, Report(source="seed", text=text, mentions=tuple(mentions)))
    assert s.f1 == 1.0 and s.role_accuracy == 1.0


def test_cli_reports_bad_gold_in_one_line(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "geomap", "eval", str(tmp_path / "none.gold.json")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode != 0
    assert out.stderr.startswith("geomap: error:") and "Traceback" not in out.stderr


@pytest.mark.skipif(importlib.util.find_spec("geomap.pipeline") is None, reason="geomap.pipeline is missing")
def test_cli_json_and_floor_exit_status():
    gold = str(Path(__file__).resolve().parents[1] / "examples" / "en-kupiansk-front.gold.json")
    run = [sys.executable, "-m", "geomap", "eval", gold]
    out = subprocess.run([*run, "--json"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["files"][0]["label"] == "en-kupiansk-front" and 0 <= data["total"]["f1"] <= 1
    out = subprocess.run([*run, "--min-f1", "1.01"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 1 and "below the floor" in out.stderr


def test_seed_note_allows_a_second_role(seed_gold):
    places, _, _ = parse_gold(seed_gold)
    kurakhove = next(p for p in places if p.mention == "Kurakhove")
    assert set(kurakhove.roles_ok) == {"event", "mention"}
    assert not any(p.located for p in places if p.mention in ("Moscow", "US Capitol"))
