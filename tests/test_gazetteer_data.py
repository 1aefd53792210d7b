"""The curated gazetteer sources pass their validator, and the validator catches what it is meant to catch."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data" / "gazetteer"


def _load_checker():
    spec = importlib.util.spec_from_file_location(
        "check_gazetteer_data", REPO / "scripts" / "check_gazetteer_data.py"
    )
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


checker = _load_checker()


def _rows(name: str) -> list[dict[str, str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:] if line]


@pytest.fixture(scope="module")
def problems() -> list:
    return checker.check_all(DATA)


def test_curated_data_is_clean(problems: list) -> None:
    assert problems == [], "\n".join(map(str, problems))


def test_admin_regions_cover_every_first_level_region() -> None:
    rows = _rows("admin_regions.tsv")
    level1 = [r for r in rows if r["level"] == "1"]
    by_country = {c: sum(1 for r in level1 if r["country"] == c) for c in ("UA", "RU", "BY", "MD")}
    assert by_country == {"UA": 27, "RU": 83, "BY": 7, "MD": 37}
    assert sum(1 for r in rows if r["level"] == "2" and r["country"] == "UA") == 136


@pytest.mark.parametrize(
    ("code", "form"),
    [
        ("UA.05", "Донецька область"),
        ("UA.05", "Донецкая область"),
        ("UA.05", "Donetsk region"),
        ("UA.07", "Харківська область"),
        ("UA.07", "Kharkov region"),
        ("RU.73", "Республика Татарстан"),
        ("RU.73", "Tatarstan"),
        ("RU.09", "Белгородская область"),
        ("RU.41", "Kursk Oblast"),
    ],
)
def test_admin_region_name_forms(code: str, form: str) -> None:
    rows = [r for r in _rows("admin_regions.tsv") if r["level"] == "1" and r["geonames_admin1"] == code]
    assert len(rows) == 1
    forms = {checker.fold(rows[0]["name"]), *(checker.fold(n) for n in rows[0]["names"].split("|"))}
    assert checker.fold(form) in forms


def test_donbas_is_not_a_name_of_donetsk_oblast() -> None:
    for row in _rows("admin_regions.tsv"):
        assert "donbas" not in {checker.fold(n) for n in row["names"].split("|")}, row["name"]


@pytest.mark.parametrize(
    ("old", "new", "geonameid"),
    [
        ("Artemovsk", "Bakhmut", "713174"),
        ("Артемівськ", "Bakhmut", "713174"),
        ("Krasnoarmeysk", "Pokrovsk", "704422"),
        ("Dzerzhinsk", "Toretsk", None),
        ("Dimitrov", "Myrnohrad", None),
        ("Krasnoye", "Sontsivka", "704288"),
        ("Kirovograd", "Kropyvnytskyi", None),
        ("Dnepropetrovsk", "Dnipro", None),
        ("Novgorodskoye", "Niu-York", None),
        ("Krasny Liman", "Lyman", None),
    ],
)
def test_famous_renamings(old: str, new: str, geonameid: str | None) -> None:
    matches = [
        r
        for r in _rows("renamings_ua.tsv")
        if checker.fold(old) in {checker.fold(n) for n in r["old_names"].split("|")}
        and checker.fold(r["name"]) == checker.fold(new)
    ]
    assert len(matches) == 1, (old, new)
    if geonameid:
        assert matches[0]["geonameid"] == geonameid


def test_two_lozovas_are_distinct_from_the_city() -> None:
    villages = [r for r in _rows("settlements_extra.tsv") if r["name"] == "Lozova"]
    assert villages
    for row in villages:
        km = checker.haversine_km(float(row["lat"]), float(row["lon"]), 48.89066, 36.31412)
        assert km > 100


def _set_column(line: str, index: int, value: str) -> str:
    cells = line.split("\t")
    cells[index] = value
    return "\t".join(cells)


def _broken_copy(tmp_path: Path, name: str, edit) -> Path:
    target = tmp_path / "gaz"
    shutil.copytree(DATA, target)
    path = target / name
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[1] = edit(lines[1])
    path.write_text("\n".join(lines), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("name", "edit", "fragment"),
    [
        ("admin_regions.tsv", lambda line: line.replace("\t", "\t\t", 1), "columns"),
        ("settlements_extra.tsv", lambda line: "\t".join(line.split("\t")[:-1] + [""]), "source is empty"),
        (
            "admin_regions.tsv",
            lambda line: _set_column(line, 5, line.split("\t")[5] + "|Cherkasy"),
            "town's name",
        ),
        ("settlements_extra.tsv", lambda line: line.replace("\t49.45\t", "\t95.0\t"), "out of range"),
        ("settlements_extra.tsv", lambda line: line.replace("\t49.45\t", "\t39.45\t"), "bounding box"),
        (
            "renamings_ua.tsv",
            lambda line: _set_column(line, 2, "27" if line.split("\t")[2] != "27" else "26"),
            "not UA.",
        ),
    ],
)
def test_validator_catches_broken_rows(tmp_path: Path, name: str, edit, fragment: str) -> None:
    data = _broken_copy(tmp_path, name, edit)
    found = checker.check_all(data)
    assert any(fragment in p.message for p in found), [str(p) for p in found]


def test_validator_catches_duplicates_and_known_places(tmp_path: Path) -> None:
    target = tmp_path / "gaz"
    shutil.copytree(DATA, target)
    path = target / "settlements_extra.tsv"
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    lines.append(lines[1])  # same id twice
    # a village GeoNames already has (Zahryzove, gn:687877) must not be added again
    lines.append("x:ua-zahryzove\tZahryzove\tЗагризове\tUA\t07\tIzium Raion\t49.505\t37.712\t\tPPL\ttest")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    messages = [p.message for p in checker.check_all(target)]
    assert any("duplicate id" in m for m in messages)
    assert any("GeoNames already has it" in m for m in messages)


def test_main_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert checker.main([str(DATA), "--no-geonames"]) == 0
    assert checker.main([str(tmp_path / "missing")]) == 2
    (tmp_path / "empty").mkdir()
    assert checker.main([str(tmp_path / "empty"), "--no-geonames"]) == 1
    assert "file is missing" in capsys.readouterr().out
