"""Claims end to end on hand-made mentions (no gazetteer): origins, targets, readings, verdicts."""

from __future__ import annotations

import json
import re

from geomap.claims import find_claims
from geomap.layers import border_atlas
from geomap.model import Candidate, Document, Mention, Place
from geomap.pipeline import pick_frontline
from geomap.text.sentences import split_sentences

# GeoNames coordinates and populations
PLACES = {
    "Kazan": Place("Kazan", 55.78874, 49.12214, "RU", population=1_243_500, place_id="gn:551487"),
    "Belgorod": Place("Belgorod", 50.61074, 36.58015, "RU", population=339_978, place_id="gn:578072"),
    "Kharkiv": Place("Kharkiv", 49.98081, 36.25272, "UA", population=1_430_885, place_id="gn:706483"),
    "Kupiansk": Place("Kupiansk", 49.71055, 37.61527, "UA", population=27_000, place_id="gn:704422"),
    "Dvorichna": Place("Dvorichna", 49.85206, 37.68095, "UA", population=3_000, place_id="gn:710009"),
    "Lviv": Place("Lviv", 49.83826, 24.02324, "UA", population=717_803, place_id="gn:702550"),
    "Ukraine": Place("Ukraine", 49.0, 32.0, "UA", kind="country", place_id="gn:690791"),
    "Russia": Place("Russia", 60.0, 100.0, "RU", kind="country", place_id="gn:2017370"),
    "Tatarstan": Place("Tatarstan", 55.5, 50.5, "RU", kind="admin1", place_id="gn:484048"),
}


def doc_and_mentions(text: str, date: str | None = "2024-12-22") -> tuple[Document, list[Mention]]:
    doc = Document(text=text, date=date, sentences=split_sentences(text))
    mentions = []
    for name, place in PLACES.items():
        for m in re.finditer(rf"\b{name}\b", text):
            mentions.append(Mention(name, m.start(), m.end(), place=Candidate(place, 0.9), role="event"))
    return doc, sorted(mentions, key=lambda m: m.start)


def claims(text: str, date: str | None = "2024-12-22", frontline=None):
    doc, mentions = doc_and_mentions(text, date)
    return find_claims(doc, mentions, frontline=pick_frontline(date, frontline), borders=border_atlas())


def test_frontier_from_a_city_referred_back_to() -> None:
    (c,) = claims(
        "Drones struck the Russian city of Kazan on Saturday.\n\n"
        "Moscow said a tower in the city was hit, some 1,000 kilometers (620 miles) from the frontier."
    )
    assert c.verdict == "consistent"
    assert c.from_place.name == "Kazan" and "refers back" in c.from_how
    assert c.reading_used.startswith("line of contact")
    assert 960 <= c.computed_km <= 1060
    labels = {r.label: r for r in c.readings}
    border = next(r for label, r in labels.items() if "border" in label)
    assert 900 <= border.distance.km <= 935
    assert c.conversion_agrees is True and c.conversion_value == 620
    assert c.stated_km == 1000 and c.to == "frontline"
    assert "1,013 km" in c.explanation or "1,01" in c.explanation


def test_border_from_a_russian_city_is_the_border_with_ukraine() -> None:
    good, bad = claims("Kazan is about 900 km from the border. Kazan is about 500 km from the border.")
    assert good.verdict == "consistent" and "Ukraine" in good.reading_used
    assert bad.verdict == "inconsistent"
    assert good.to == "border"


def test_direction_is_checked() -> None:
    far, near, wrong = claims(
        "Dvorichna lies roughly 50 km north of Kupiansk. Dvorichna lies about 16 km north of Kupiansk. "
        "Dvorichna lies about 16 km south of Kupiansk."
    )
    assert far.verdict == "inconsistent" and far.direction_agrees is True
    assert near.verdict == "consistent" and near.direction_agrees is True
    assert 15 <= near.computed_km <= 18
    assert wrong.verdict == "inconsistent" and wrong.direction_agrees is False
    assert near.to_place.name == "Kupiansk" and near.from_place.name == "Dvorichna"


def test_origin_named_after_the_statement() -> None:
    (c,) = claims("Some 40 km from the border, Belgorod came under fire again.")
    assert c.from_place.name == "Belgorod" and "after" in c.from_how
    assert c.verdict == "consistent"


def test_no_origin_is_unverifiable() -> None:
    (c,) = claims("Officials said the depot was 30 km from the front line.")
    assert c.verdict == "unverifiable" and c.from_name is None and c.readings == ()
    assert "no place" in c.explanation


def test_regions_and_countries_are_not_origins() -> None:
    (c,) = claims("In Tatarstan, officials in Russia said a depot 30 km from the front line burned.")
    assert c.verdict == "unverifiable"


def test_ukrainian_place_and_the_russian_border() -> None:
    (c,) = claims("Kharkiv is about 30 km from the Russian border.")
    assert c.verdict == "consistent"
    assert "Russia" in c.reading_used and "Ukraine" in c.reading_used


def test_ukrainian_place_and_plain_border_has_two_readings() -> None:
    (c,) = claims("Lviv is about 60 km from the border.")
    labels = [r.label for r in c.readings]
    assert len(labels) == 2 and "Russia" in labels[0]
    assert c.verdict == "consistent" and c.reading_used == labels[1]
    assert "other readings" in c.explanation.lower()


def test_named_neighbour_border() -> None:
    (c,) = claims("Lviv is about 60 km from the Polish border.")
    assert "Poland" in c.reading_used and c.verdict == "consistent"


def test_country_as_target_means_its_border() -> None:
    (c,) = claims("Kazan is some 900 km from Ukraine.")
    assert c.to == "border" and c.verdict == "consistent"


def test_region_target_is_unverifiable() -> None:
    (c,) = claims("Kazan lies 50 km from Tatarstan.")
    assert c.verdict == "unverifiable" and "region" in c.explanation


def test_date_without_snapshot_leaves_frontier_to_the_border() -> None:
    (c,) = claims("Kazan is some 900 km from the frontier.", date="1999-01-01")
    assert [r.label for r in c.readings] and all("border" in r.label for r in c.readings)
    assert "1999-01-01" in c.explanation
    (f,) = claims("Kazan is some 1,000 km from the front line.", date="1999-01-01")
    assert f.verdict == "unverifiable" and "1999-01-01" in f.explanation


def test_undated_article_uses_latest_line_and_says_so() -> None:
    (c,) = claims("Kazan is some 1,000 km from the front line.", date=None)
    assert c.verdict == "consistent" and "no date" in c.explanation


def test_users_frontline_file(tmp_path) -> None:
    line = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "LineString", "coordinates": [[49.0, 55.0], [49.5, 55.0]]},
    }
    path = tmp_path / "line.geojson"
    path.write_text(json.dumps(line), encoding="utf-8")
    (c,) = claims("Kazan is about 90 km from the front line.", frontline=path)
    assert c.verdict == "consistent" and 85 <= c.computed_km <= 90


def test_conversion_disagreement_is_reported() -> None:
    (c,) = claims("Kazan is 1,000 km (400 miles) from the front line.")
    assert c.conversion_agrees is False and "does not agree" in c.explanation


def test_json_contract() -> None:
    (c,) = claims("Belgorod lies about 40 km from the border.")
    d = c.to_dict()
    for key in ("text", "from", "to", "stated_km", "computed_km", "verdict", "readings", "reading_used"):
        assert key in d
    assert d["from"].startswith("Belgorod") and d["verdict"] in ("consistent", "inconsistent", "unverifiable")
    json.dumps(d)


def test_adverts_are_skipped() -> None:
    from geomap.model import Section

    text = "Kazan is 1,000 km from the front line.\n\nKazan hotels 5 km from the border: book now."
    doc, mentions = doc_and_mentions(text)
    cut = text.index("\n\n") + 2
    doc = Document(text=text, date="2024-12-22", sentences=doc.sentences,
                   sections=(Section(0, cut, "body"), Section(cut, len(text), "advert")))  # fmt: skip
    assert [c.stated_km for c in find_claims(doc, mentions)] == [1000]


def test_unnamed_subject_is_not_measured_from_another_place() -> None:
    (c,) = claims("Shelling near Kupiansk hit a village 30 km north of Kharkiv.")
    assert c.verdict == "unverifiable" and "unnamed" in c.explanation


def test_apposition_names_the_subject() -> None:
    (c,) = claims("Russia said it took Dvorichna, a village about 16 km north of Kupiansk.")
    assert c.from_place.name == "Dvorichna" and c.verdict == "consistent"


def test_earlier_place_only_through_a_reference() -> None:
    (ref,) = claims("Drones hit Belgorod overnight. The city is about 40 km from the border.")
    assert ref.from_place.name == "Belgorod" and "refers back" in ref.from_how
    (none,) = claims("Drones hit Belgorod overnight. Officials said a depot was 40 km from the border.")
    assert none.verdict == "unverifiable"


def test_far_off_figure_for_a_large_city_is_inconsistent() -> None:
    (c,) = claims("Dvorichna is some 40 km north of Kharkiv.")
    assert c.verdict == "inconsistent"  # Dvorichna is ~100 km east; a big city's size does not save it


def test_back_reference_prefers_the_topic_over_the_last_name() -> None:
    (c,) = claims(
        "Kupiansk is a rail hub with trains to Kharkiv and Belgorod. The town is about 35 km from the border."
    )
    assert c.from_place.name == "Kupiansk"


def test_away_means_from_the_place_named_before() -> None:
    (c,) = claims("Shelling hit Kupiansk on Monday. Dvorichna, about 16 km away, was also hit.")
    assert c.from_place.name == "Dvorichna" and c.to_place.name == "Kupiansk" and c.verdict == "consistent"
    assert c.to == "Kupiansk"
