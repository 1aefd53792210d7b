"""The user's dated series: `geomap frontline add` and `list`, and every --date picking from it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely

from geomap.cli import main
from geomap.layers import country_outline, frontline_for
from geomap.layers.series import SERIES_ENV, add, stored

FRONT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "frontline"


class _Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.exit_code, self.output = code, (out + err)


@pytest.fixture
def cli(capsys):
    def run(*args: str) -> _Result:
        code = main(list(args))
        captured = capsys.readouterr()
        return _Result(code, captured.out, captured.err)

    return run


@pytest.fixture(autouse=True)
def series(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "series"
    monkeypatch.setenv(SERIES_ENV, str(folder))
    return folder


def _east_of(lon: float):
    ua = country_outline("UA")
    return max(
        shapely.get_parts(shapely.intersection(ua, shapely.box(lon, 44.0, 41.0, 53.0))), key=lambda g: g.area
    )


def _write(path: Path, geom, date: str | None = None) -> Path:
    props = {"date": date} if date else {}
    feature = {"type": "Feature", "properties": props, "geometry": shapely.geometry.mapping(geom)}
    path.write_text(json.dumps(feature), encoding="utf-8")
    return path


def test_add_stores_deduplicates_and_replaces(tmp_path):
    a = _write(tmp_path / "occupied_20250101.geojson", _east_of(38.0))
    b = _write(tmp_path / "copy-2025-01-01.geojson", _east_of(38.0))
    c = _write(tmp_path / "moved.geojson", _east_of(37.5), date="2025-01-01")
    assert [r.action for r in add([a])] == ["added"]
    assert [r.action for r in add([b])] == ["unchanged"]
    assert [r.action for r in add([c])] == ["replaced"]
    assert [s.date for s in stored()] == ["2025-01-01"]


def test_dates_pick_the_newest_stored_not_after_them(tmp_path):
    add([_write(tmp_path / "a.geojson", _east_of(38.0), "2025-01-01")])
    add([_write(tmp_path / "b.geojson", _east_of(37.0), "2025-03-01")])
    jan, mar = frontline_for("2025-02-01"), frontline_for("2025-03-05")
    assert (jan.date, mar.date) == ("2025-01-01", "2025-03-01")
    assert "days before" in jan.note and "days before" not in mar.note
    assert frontline_for(None).date == "2024-12-22"  # undated: the built-in stays the default
    assert "after the newest" in frontline_for("2025-06-01").note


def test_a_bad_file_stores_nothing(tmp_path, cli):
    good = _write(tmp_path / "good-2025-01-01.geojson", _east_of(38.0))
    outside = _write(tmp_path / "outside-2025-01-02.geojson", shapely.box(45.0, 52.0, 46.0, 53.0))
    empty = tmp_path / "empty-2025-01-03.geojson"
    empty.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    text = tmp_path / "notes-2025-01-04.geojson"
    text.write_text("not geometry", encoding="utf-8")
    undated = _write(tmp_path / "undated.geojson", _east_of(38.0))
    for bad in (outside, empty, text, undated):
        result = cli(*["frontline", "add", str(good), str(bad)])
        assert result.exit_code != 0
        assert len(result.output.strip().splitlines()) == 1, result.output
        assert stored() == []


def test_list_shows_stored_and_built_in(tmp_path, cli):
    add([_write(tmp_path / "a.geojson", _east_of(38.0), "2025-01-01")])
    result = cli(*["frontline", "list", "--json"])
    assert result.exit_code == 0
    kinds = {(r["date"], r["kind"]) for r in json.loads(result.output)["snapshots"]}
    assert {("2025-01-01", "stored"), ("2024-12-22", "built-in")} <= kinds


def _real(name: str) -> Path:
    path = FRONT_DIR / name
    if not path.is_file():
        pytest.skip(f"../shared/frontline/{name} is absent (only CI and developers have it)")
    return path


def test_the_issues_series_on_the_real_files(tmp_path, cli):
    folder = tmp_path / "downloads"
    folder.mkdir()
    for name in ("occupied-2023-06-01.geojson", "deepstatemap_data_20241222.geojson"):
        (folder / name).write_bytes(_real(name).read_bytes())
    result = cli(*["frontline", "add", str(folder)])
    assert result.exit_code == 0, result.output
    result = cli(
        "frontline", "add", str(_real("deepstatemap_data_20240820.geojson")),
        "--held", str(_real("ukrainian-held-in-russia-2024-08-20.geojson")),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert frontline_for("2023-06-01").date == "2023-05-31"  # the 2023 snapshot (dated inside the file)
    aug = frontline_for("2024-08-25")
    assert aug.date == "2024-08-20"
    assert aug.distance_from((51.1917, 35.2722)).km < 6.0  # Sudzha, in the held area
    assert "after the newest" in frontline_for("2026-01-01").note
    sizes = sum(s.size for s in stored())
    assert sizes < 3 * 100 * 1024  # ~20-30 KB a snapshot: 50 of them well under 5 MB
    result = cli("frontline", "add", str(_real("ukrainian-held-in-russia-2024-08-20.geojson")))
    assert result.exit_code != 0 and "--held" in result.output  # alone, it is not an occupied area
    assert [s.date for s in stored()] == ["2023-05-31", "2024-08-20", "2024-12-22"]


def test_check_with_a_date_uses_the_series(tmp_path, cli):
    add([_write(tmp_path / "a.geojson", _east_of(38.0), "2023-06-01")])
    add([_write(tmp_path / "b.geojson", _east_of(37.0), "2024-08-20")])
    article = tmp_path / "article.txt"
    article.write_text("Kharkiv is about 100 km from the front line, officials said.\n", encoding="utf-8")
    cases = (("2023-06-01", "2023-06-01"), ("2024-08-25", "2024-08-20"), ("2026-01-01", "2024-12-22"))
    for date, want in cases:
        result = cli("check", str(article), "--date", date, "--json")
        assert result.exit_code == 0, result.output
        claims = json.loads(result.output)["claims"]
        used = [r for c in claims for r in c["readings"] if "line of contact" in r["label"]]
        assert used and used[0]["layer_date"] == want, (date, used)
    assert "after the newest" in json.dumps(claims)
