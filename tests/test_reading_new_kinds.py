"""Three short articles of kinds the reader had not been tuned on, written for these tests: a Russian
governor's summary by district, a Ukrainian oblast administration's shelling report by raion, and an
English wire story about a refinery strike. Each is read whole with the real gazetteer."""

from __future__ import annotations

from pathlib import Path

from geomap.pipeline import extract

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


def _read(name: str) -> dict[str, tuple[str, str]]:
    rep = extract(ARTICLES / name)
    return {m.text: (m.place.place.name, m.role) for m in rep.mentions if m.place is not None}


def test_a_governors_summary_by_district() -> None:
    got = _read("ru-governor.txt")
    assert got["Белгородской области"] == ("Belgorod Oblast", "mention")  # the governor's office
    assert got["Шебекинском городском округе"][0] == "Shebekino"  # an okrug named after its centre
    assert got["Козинка"] == ("Kozinka", "event")
    assert got["Валуйках"] == ("Valuyki", "event")
    assert got["Рыльском районе"][0].startswith("Ryl")
    assert "Вячеслав" not in got and "Гладков" not in got


def test_an_oblast_administrations_report_by_raion() -> None:
    got = _read("uk-ova.txt")
    assert got["Харківської ОВА"] == ("Kharkiv Oblast", "metonym")
    assert got["Чугуївському районі"][0] == "Chuhuiv Raion"
    assert {got[k][1] for k in ("Куп'янськ", "Петропавлівка", "Кіндрашівка", "Вовчанськ")} == {"event"}
    assert got["Петропавлівка"][0] == "Petropavlivka"
    assert "Синєгубов" not in got and "Терехова" not in got


def test_a_wire_story_about_a_refinery_strike() -> None:
    got = _read("en-refinery.txt")
    assert got["Volgograd region"][0] == "Volgograd Oblast"
    assert got["Volgograd"] == ("Volgograd", "event")
    assert {got[k][0] for k in ("Rostov", "Voronezh", "Belgorod")} == {
        "Rostov Oblast",
        "Voronezh Oblast",
        "Belgorod Oblast",
    }
    assert got["Millerovo"][1] == "event"
    assert got["Kyiv"][1] == "metonym"
    assert "Lukoil" not in got and "Bocharov" not in got
