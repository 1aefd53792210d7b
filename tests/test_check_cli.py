"""`geomap check` as a user runs it: the readable table, the JSON contract, the seed's claim, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geomap.cli import main

ARTICLE_EN = """Drones hit an industrial park in Kazan

Ukrainian drones struck an industrial park in the Russian city of Kazan early on Sunday, the regional
governor said.

The plant in the city lies roughly 1,000 km (about 620 miles) from the front line, far beyond the reach
of artillery.

Shelling also hit Belgorod, which is about 40 km from the border. In Ukraine, officials in Kupiansk,
some 150 km from the Russian border, reported new strikes.

A 30-km convoy of lorries waited at the crossing, and the war entered its 1,000th day last month.
"""
ARTICLE_RU = (
    "Обстрел Белгорода\n\nБелгород, расположенный примерно в 40 км от границы, снова подвергся обстрелу.\n"
)
ARTICLE_UK = "Удар по Харкову\n\nХарків розташований приблизно за 30 км від російського кордону.\n"


def _gazetteer_ready() -> bool:
    try:
        from geomap.gazetteer import geocode

        return bool(geocode("Kazan", limit=1))
    except Exception:
        return False


needs_gazetteer = pytest.mark.skipif(not _gazetteer_ready(), reason="geomap.gazetteer is not usable")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def articles(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name, text in (("en", ARTICLE_EN), ("ru", ARTICLE_RU), ("uk", ARTICLE_UK)):
        p = tmp_path / f"{name}.txt"
        p.write_text(text, encoding="utf-8")
        paths[name] = p
    return paths


@needs_gazetteer
def test_json_contract_and_verdicts(capsys, articles) -> None:
    code, out, err = run(capsys, "check", str(articles["en"]), "--date", "2024-12-22", "--json")
    assert code == 0, err
    doc = json.loads(out)
    claims = doc["claims"]
    for c in claims:
        for key in ("text", "from", "to", "stated_km", "computed_km", "verdict"):
            assert key in c
    by_km = {c["stated_km"]: c for c in claims}
    assert sorted(by_km) == [40, 150, 1000]  # the convoy and the 1,000th day are not claims
    kazan = by_km[1000]
    assert kazan["verdict"] == "consistent" and kazan["from"].startswith("Kazan")
    assert kazan["conversion_value"] == 620 and kazan["conversion_agrees"] is True
    assert by_km[40]["verdict"] == "consistent" and by_km[40]["to"] == "border"
    assert by_km[150]["verdict"] == "inconsistent" and by_km[150]["computed_km"] < 60
    assert doc["files"][0]["counts"] == {"consistent": 2, "inconsistent": 1, "unverifiable": 0}


@needs_gazetteer
def test_readable_table_shows_the_computation(capsys, articles) -> None:
    code, out, _ = run(capsys, "check", str(articles["en"]), str(articles["ru"]), str(articles["uk"]))
    assert code == 0
    assert out.count("CONSISTENT") >= 4 and "INCONSISTENT" in out
    assert "line of contact" in out and "Russia–Ukraine border" in out and "nearest point" in out
    assert "примерно в 40 км от границы" in out and "за 30 км від російського кордону" in out


@needs_gazetteer
def test_seed_claim_is_consistent(capsys, seed_article, seed_gold) -> None:
    code, out, err = run(capsys, "check", str(seed_article), "--date", seed_gold["date"], "--json")
    assert code == 0, err
    claims = json.loads(out)["claims"]
    gold = seed_gold["distance_claims"][0]
    (c,) = [c for c in claims if gold["text"] in c["text"]]
    assert c["verdict"] == "consistent"
    assert c["from"].startswith(gold["from"])
    assert c["stated_km"] == gold["stated_km"] and c["stated_unit"] == "km"
    assert c["conversion_value"] == gold["stated_miles"] and c["conversion_unit"] == "mi"
    assert c["conversion_agrees"] is True
    lo, hi = gold["computed"]["to_line_of_contact_km"]
    assert lo <= c["computed_km"] <= hi
    border = [r for r in c["readings"] if "border" in r["label"]]
    blo, bhi = gold["computed"]["to_ukraine_international_border_km"]
    assert border and blo <= border[0]["km"] <= bhi


@needs_gazetteer
def test_python_api_mirrors_the_command(articles) -> None:
    import geomap

    report = geomap.check(articles["uk"], date="2024-12-22")
    (c,) = report.claims
    assert c.verdict == "consistent" and c.from_place.name == "Kharkiv"


@needs_gazetteer
def test_stdin(capsys, monkeypatch, articles) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE_RU.encode("utf-8"))))
    code, out, _ = run(capsys, "check", "-", "--json")
    assert code == 0 and json.loads(out)["claims"][0]["source"] == "<stdin>"


@needs_gazetteer
def test_output_file_is_written_whole(capsys, articles, tmp_path) -> None:
    target = tmp_path / "out" / "claims.json"
    code, out, _ = run(capsys, "check", str(articles["ru"]), "--json", "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["claims"]


def test_missing_file(capsys, tmp_path) -> None:
    code, _, err = run(capsys, "check", str(tmp_path / "nope.txt"))
    assert code != 0 and err.startswith("geomap: error:") and err.count("\n") == 1


def test_bad_date(capsys, articles) -> None:
    code, _, err = run(capsys, "check", str(articles["en"]), "--date", "22/12/2024")
    assert code != 0 and "date" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    "content",
    [
        "not json at all",
        '{"type": "Point", "coordinates": [500, 0]}',
        '{"type": "FeatureCollection", "features": []}',
    ],
)
def test_bad_frontline_file(capsys, articles, tmp_path, content) -> None:
    bad = tmp_path / "line.geojson"
    bad.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "check", str(articles["ru"]), "--frontline", str(bad))
    assert code != 0 and out == "" and err.startswith("geomap: error:") and err.count("\n") == 1


def test_missing_frontline_file(capsys, articles, tmp_path) -> None:
    code, _, err = run(capsys, "check", str(articles["ru"]), "--frontline", str(tmp_path / "none.geojson"))
    assert code != 0 and "front-line file" in err


def test_empty_article(capsys, tmp_path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, _, err = run(capsys, "check", str(empty))
    assert code != 0 and err.startswith("geomap: error:") and err.count("\n") == 1


def test_stdin_twice(capsys) -> None:
    code, _, err = run(capsys, "check", "-", "-")
    assert code != 0 and "once" in err


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@needs_gazetteer
def test_example_articles_agree_with_their_gold_claims() -> None:
    """Every distance claim in the repository's example golds: found, and judged as the gold says."""
    from geomap.pipeline import check

    total, agree, misses = 0, 0, []
    for gold_path in sorted(EXAMPLES.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        stem = gold_path.name[: -len(".gold.json")]
        article = next(p for p in EXAMPLES.glob(stem + ".*") if not p.name.endswith(".gold.json"))
        claims = check(article).claims
        for g in gold.get("distance_claims") or []:
            if g.get("stated_km") is None:
                continue  # qualitative closeness ("close to"), not a stated figure
            total += 1
            found = [c for c in claims if c.text in g["text"] or g["text"] in c.text]
            if found and found[0].verdict == g["verdict"].split()[0]:
                agree += 1
            else:
                misses.append((article.name, g["text"], found[0].verdict if found else None))
    if total == 0:
        pytest.skip("no example golds with distance claims")
    assert agree / total >= 0.9, misses


@needs_gazetteer
def test_a_subject_referring_back_is_measured_from_not_the_place_after_the_figure(tmp_path):
    """ "The city lies about 30 km from the front line north of it, near Lyptsi": from the city."""
    from geomap.pipeline import check

    article = tmp_path / "shelling.txt"
    article.write_text(
        "Published 2024-12-22.\n\nKharkiv was shelled again overnight. The city lies about 30 km from "
        "the front line north of it, near Lyptsi.\n",
        encoding="utf-8",
    )
    (claim,) = check(article).claims
    assert claim.from_name.startswith("Kharkiv")
    assert 28 <= claim.computed_km <= 36
