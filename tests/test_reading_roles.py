"""Roles and namesakes as real bulletins need them, on sentences written for these tests (Russian,
Ukrainian, English), read with the real gazetteer."""

from __future__ import annotations

from geomap.pipeline import extract


def _read(text: str) -> dict[str, tuple[str, str, str | None]]:
    """Mention text -> (place name, role, admin1)."""
    rep = extract(text, date="2024-12-22")
    return {m.text: (m.place.place.name, m.role, m.place.place.admin1) for m in rep.mentions if m.place}


def test_the_general_staffs_combat_lists_are_events() -> None:
    got = _read(
        "На Покровському напрямку ворог здійснив 40 спроб потіснити наших захисників у районах населених "
        "пунктів Котлине, Удачне, Звірове та Лисівка."
    )
    assert {got[k][1] for k in ("Котлине", "Удачне", "Звірове", "Лисівка")} == {"event"}
    got = _read("Бои идут в районах населенных пунктов Курахово, Дачное и Ульяновка.")
    assert {got[k][1] for k in ("Курахово", "Дачное")} == {"event"}
    got = _read("Fighting continued near the settlements of Kurakhove, Dachne and Ulakly.")
    assert got["Kurakhove"][1] == got["Dachne"][1] == "event"


def test_a_front_sector_is_context_at_its_town() -> None:
    got = _read("На Покровському напрямку тривають бої. На купянском направлении отбиты атаки.")
    assert got["Покровському"] == ("Pokrovsk", "mention", "Donetsk Oblast")
    assert got["купянском"][0] in ("Kupiansk", "Kupyansk") and got["купянском"][1] == "mention"
    got = _read("Russian forces pressed on the Pokrovsk axis.")
    assert got["Pokrovsk"][0] == "Pokrovsk" and got["Pokrovsk"][1] == "mention"


def test_a_name_is_first_the_place_that_bears_it_now() -> None:
    """Engels was Pokrovsk until 1931 and keeps the name as an alternate; the Donetsk town bears it."""
    assert _read("Russia attacked Ukraine near Pokrovsk.")["Pokrovsk"][2] == "Donetsk Oblast"


def test_places_of_one_list_lie_together() -> None:
    got = _read(
        "Ворог атакував у районах населених пунктів Котлине, Удачне, Федорівка, Новосергіївка та Муравка."
    )
    assert got["Федорівка"][2] == "Donetsk Oblast"  # not one of the Fedorivkas in Zaporizhzhia Oblast


def test_a_region_containing_the_event_place_is_context() -> None:
    got = _read("Russian troops shelled the town of Kostiantynivka in Donetsk Oblast overnight.")
    assert got["Kostiantynivka"][1] == "event" and got["Donetsk Oblast"][1] == "mention"
    got = _read("Армия России освободила семь населенных пунктов в ДНР.")
    assert got["ДНР"] == ("Donetsk Oblast", "mention", "Donetsk Oblast")
    got = _read("Протягом доби ворог завдав ударів по 7 населених пунктах Сумської області.")
    assert got["Сумської області"][1] == "mention"
    got = _read("Drones hit the Bryansk region overnight, the governor said.")
    assert got["Bryansk region"][1] == "event"  # the region itself is where it happened


def test_a_state_named_by_its_institution_is_a_metonym() -> None:
    got = _read("Об этом сообщили в Минобороны России. Подразделения ВС РФ атаковали Курахово.")
    assert got["России"][1] == "metonym" and got["РФ"][1] == "metonym"
    got = _read("The Armed Forces of Ukraine said they had repelled 30 attacks near Kurakhove.")
    assert got["Ukraine"][1] == "metonym"


def test_datelines_are_where_the_story_was_filed() -> None:
    assert (
        _read("MOSCOW (Reuters) - Russian forces captured Kurakhove, the ministry said.")["MOSCOW"][1]
        == "mention"
    )
    assert _read("КИЇВ, 21 листопада 2024 року. Росія атакувала Суми дронами.")["КИЇВ"][1] == "mention"
    assert _read("KYIV, Nov 21 (Reuters) - Russia attacked Sumy with drones.")["Sumy"][1] == "event"


def test_casualties_mark_where_an_attack_hit() -> None:
    got = _read("У селі Петропавлівка Куп'янського району загинув 65-річний чоловік.")
    assert got["Петропавлівка"][1] == "event"
    got = _read("В Шебекино ранены двое мирных жителей.")
    assert got["Шебекино"][1] == "event"


def test_a_place_measured_from_is_a_reference() -> None:
    got = _read("Бои шли на восток от Коренево, где украинские войска заняли позиции.")
    assert got["Коренево"][1] == "mention"


def test_kind_words_do_not_end_a_list() -> None:
    got = _read(
        "Российские войска взяли под контроль город Угледар, поселок Гродовка, "
        "села Богоявленка и Золотая Нива."
    )
    assert {got[k][1] for k in ("Угледар", "Гродовка", "Богоявленка", "Золотая Нива")} == {"event"}
