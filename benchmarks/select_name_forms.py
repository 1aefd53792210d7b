"""Choose the places of tests/data/name_forms_places.tsv (run once; the TSV is the frozen, reviewed list).

    python benchmarks/select_name_forms.py > tests/data/name_forms_places.tsv

Places are chosen by rule from the built default index, not by whether they currently resolve: for every
Ukrainian oblast (and Crimea) its two largest settlements, one seeded-random town (1,000-30,000 people) and
one seeded-random village (under 1,000); Kyiv and Sevastopol; a fixed list of places named in war reporting
(matched by GeoNames primary name and oblast); the largest city of 25 seeded-random Russian regions, a
seeded-random town in 10 more, and Russian border-region places. The Cyrillic names are the place's own
GeoNames names: Ukrainian (letters і ї є ґ or the KMU-romanised name) and Russian (pure Russian alphabet).
"""

from __future__ import annotations

import difflib
import random
import re
import sqlite3
import sys

from geomap.gazetteer.opening import Gazetteer
from geomap.gazetteer.translit import skeleton

SEED = 2026
WAR_UA = {
    "Donetsk Oblast": "Mariupol, Kramatorsk, Sloviansk, Makiivka, Bakhmut, Avdiivka, Vuhledar, Pokrovsk, "
    "Chasiv Yar, Toretsk, Marinka, Kurakhove, Soledar, Lyman, Siversk, Kostiantynivka, Selydove, Myrnohrad, "
    "Velyka Novosilka, Krasnohorivka, Ocheretyne, Niu-York, Vuhlehirsk, Horlivka, Yasynuvata, Khartsyzk, "
    "Snizhne, Volnovakha, Druzhkivka, Svetlodarsk",
    "Luhansk Oblast": "Lysychansk, Siverskodonetsk, Rubizhne, Kreminna, Svatove, Popasna, Alchevsk, "
    "Antratsyt",
    "Kharkiv Oblast": "Kupiansk, Izium, Balakliia, Vovchansk, Chuhuiv, Lyptsi, Zolochiv, Kozacha Lopan, "
    "Borova, Derhachi",
    "Zaporizhzhia Oblast": "Berdiansk, Huliaipole, Orikhiv, Enerhodar, Vasylivka, Tokmak, Polohy, "
    "Kamianka-Dniprovska, Stepnohirsk",
    "Kherson Oblast": "Nova Kakhovka, Oleshky, Hola Prystan, Beryslav, Skadovsk, Henichesk, Kakhovka, "
    "Bilozerka",
    "Sumy Oblast": "Shostka, Okhtyrka, Konotop, Bilopillia, Krasnopillia",
    "Mykolaiv Oblast": "Snihurivka, Voznesensk, Pervomaisk",
    "Chernihiv Oblast": "Nizhyn, Pryluky, Horodnia",
}
BORDER_RU = {
    "Belgorod Oblast": "Shebekino, Graivoron, Valuyki, Novyy Oskol, Alekseyevka",
    "Kursk Oblast": "Sudzha, Rylsk, Lgov, Kurchatov, Zheleznogorsk",
    "Bryansk Oblast": "Klintsy, Novozybkov, Starodub, Pochep, Sevsk",
    "Rostov Oblast": "Taganrog, Novoshakhtinsk, Millerovo, Kamensk-Shakhtinskiy",
}
UK_LETTERS = set("іїєґ")
RU_LETTERS = set("ыэёъ")
RUSSIAN_ALPHABET = re.compile(r"^[а-яё \-]+$", re.IGNORECASE)
UKRAINIAN_ALPHABET = re.compile(r"^[абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'ʼ’ \-]+$", re.IGNORECASE)


def cyrillic(names: list[str]) -> list[str]:
    return [n for n in names if RUSSIAN_ALPHABET.match(n) or UKRAINIAN_ALPHABET.match(n)]


def similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, skeleton(a), skeleton(b)).ratio()


def pick_uk(primary: str, names: list[str]) -> str:
    cyr = [n for n in cyrillic(names) if UKRAINIAN_ALPHABET.match(n) and not set(n.lower()) & RU_LETTERS]
    same = [n for n in cyr if skeleton(n) == skeleton(primary)]
    marked = [n for n in same if set(n.lower()) & UK_LETTERS]
    best = marked or same or sorted(cyr, key=lambda n: -similar(n, primary))
    return best[0] if best else ""


def pick_ru(primary: str, names: list[str], uk: str) -> str:
    cyr = [n for n in cyrillic(names) if RUSSIAN_ALPHABET.match(n) and not set(n.lower()) & UK_LETTERS]
    ref = uk or primary
    distinct = [n for n in cyr if n != uk and similar(n, ref) >= 0.6]
    if distinct:
        return max(distinct, key=lambda n: (bool(set(n.lower()) & RU_LETTERS), similar(n, ref)))
    return uk if uk and uk in cyr else (cyr[0] if cyr and not uk else "")


def _district_of(row: tuple, big: tuple) -> bool:
    """A city district (GeoNames lists Saltivka, Sykhiv... as populated places): near a larger place, or near
    an older GeoNames entry of comparable size (Pravyi Bereh, a district of Mariupol, counts more people)."""
    near = big is not row and abs(big[6] - row[6]) < 0.12 and abs(big[7] - row[7]) < 0.18
    return near and (big[5] > row[5] or (big[5] > row[5] / 2 and big[0] < row[0]))


def main() -> None:
    gz = Gazetteer.default()
    db = sqlite3.connect(f"file:{gz.dir / 'places.sqlite'}?mode=ro", uri=True)
    rnd = random.Random(SEED)
    cols = "geonameid, country, admin1, name, names, population, lat, lon"
    rows: dict[int, tuple] = {}

    def add(row, group: str) -> None:
        if row and row[0] and row[0] not in rows:
            rows[row[0]] = (*row, group)

    q = f"SELECT {cols} FROM places WHERE kind='settlement' AND geonameid IS NOT NULL AND source='geonames'"
    ua_regions = [
        r[0]
        for r in db.execute("SELECT DISTINCT admin1 FROM places WHERE country='UA' AND kind='settlement'")
    ]
    for region in sorted(r for r in ua_regions if r and not r.endswith("City")):
        inside = db.execute(
            q + " AND country='UA' AND admin1=? ORDER BY population DESC", (region,)
        ).fetchall()
        cities = [r for r in inside if not any(_district_of(r, big) for big in inside[:8])]
        for row in cities[:2]:
            add(row, "city")
        towns = [r for r in inside if 1000 <= r[5] <= 30000]
        villages = [r for r in inside if 0 < r[5] < 1000]
        if towns:
            add(rnd.choice(towns), "town")
        if villages:
            add(rnd.choice(villages), "village")
    for region in ("Kyiv City", "Sevastopol City"):
        add(db.execute(q + " AND admin1=? ORDER BY population DESC", (region,)).fetchone(), "city")
    for table, country, group in ((WAR_UA, "UA", "war"), (BORDER_RU, "RU", "border")):
        for region, names in table.items():
            for name in names.split(", "):
                inside = db.execute(
                    q + " AND country=? AND admin1=? ORDER BY population DESC", (country, region)
                )
                # GeoNames' own spelling may differ from the list's (Avdiyivka, Kupyansk)
                found = next((r for r in inside if skeleton(r[3]) == skeleton(name)), None)
                if found is None:
                    print(f"not found: {name} ({region})", file=sys.stderr)
                add(found, group)
    ru_regions = sorted(
        r[0]
        for r in db.execute("SELECT DISTINCT admin1 FROM places WHERE country='RU' AND kind='settlement'")
        if r[0]
    )
    chosen = rnd.sample(ru_regions, 35)
    for region in chosen[:25]:
        add(
            db.execute(q + " AND country='RU' AND admin1=? ORDER BY population DESC", (region,)).fetchone(),
            "ru-city",
        )
    for region in chosen[25:]:
        towns = db.execute(
            q + " AND country='RU' AND admin1=? AND population BETWEEN 3000 AND 50000", (region,)
        ).fetchall()
        if towns:
            add(rnd.choice(sorted(towns)), "ru-town")
    print("geonameid\tcountry\tadmin1\tgroup\tname\tuk\tru")
    for gid, country, admin1, name, names, _pop, _lat, _lon, group in rows.values():
        all_names = names.split("\x1f")
        uk = pick_uk(name, all_names) if country == "UA" else ""
        ru = pick_ru(name, all_names, uk)
        print("\t".join(str(x) for x in (gid, country, admin1, group, name, uk, ru)))


if __name__ == "__main__":
    main()
