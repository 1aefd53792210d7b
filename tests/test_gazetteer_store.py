"""The place store (memory-mapped rows and key records) and the ranking built on it.

Two kinds of checks: the store gives back exactly what was written (small hand-made places), and on the
default world index the fast ranking gives the same candidates, in the same order, with the same scores
and reasons, as a straightforward reference ranking over the same data (SQLite rows, prominence
recomputed, every record of every key, pairwise duplicate checks), for thousands of random names,
misspellings and contexts. A speed-up that changes an answer fails here.
"""

from __future__ import annotations

import math
import random
import sqlite3
from pathlib import Path

import pytest
from typos import misspell

from geomap.gazetteer.build import build_index
from geomap.gazetteer.context import Context
from geomap.gazetteer.context import fit as context_fit
from geomap.gazetteer.katottg import approximate_reason, demoted_order
from geomap.gazetteer.lookup import _NO_CONTEXT, EXACT_LIMIT
from geomap.gazetteer.opening import Gazetteer
from geomap.gazetteer.rank import (
    ambiguity_note,
    ambiguous_count,
    match_reason,
    prominence,
    prominence_reason,
    same_place,
)
from geomap.gazetteer.sources import ALIAS, ALTERNATE, FORMER, PRIMARY, SourcePlace
from geomap.gazetteer.store import PlaceStore, make_candidate, make_place
from geomap.gazetteer.weights import ALTERNATE_WEIGHT, rank_weight
from geomap.model import Candidate, Place


def _place(pid: str, name: str, lat: float, lon: float, pop: int, names: dict[str, int], **kw) -> SourcePlace:
    p = SourcePlace(
        place_id=pid, name=name, lat=lat, lon=lon, country=kw.pop("country", "UA"), population=pop, **kw
    )
    for n, how in names.items():
        p.add_name(n, how)
    return p


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Path:
    """An index of a few hand-made places: None fields, many names, a name shared by 80 places."""
    places = [
        _place(
            "x:1",
            "Testivka",
            48.1,
            37.2,
            900,
            {"Тестівка": ALTERNATE, "Krasnotest": FORMER},
            admin1="Donetsk Oblast",
            admin1_code="05",
            feature_code="PPL",
            geonameid=12345,
        ),
        _place("x:2", "Nothing Known", -33.5, 151.2, 0, {}, country=None, source="curated"),
        _place(
            "admin1:UA:05",
            "Donetsk Oblast",
            48.0,
            37.8,
            0,
            {"Донецька область": ALIAS},
            kind="admin1",
            admin1_code="05",
        ),
    ]
    for i in range(80):  # a common name: the records of its key are cut to the best few for exact()
        pop = (i * 37) % 500 if i % 7 else 250  # ties included
        alt = {"Pokrovka Test": ALTERNATE} if i % 3 else {}
        places.append(
            _place(
                f"x:p{i}",
                "Pokrovka Test" if not alt else f"Pokrovske Test {i}",
                50 + i * 0.3,
                30 + i * 0.2,
                pop,
                alt,
                geonameid=1000 + i,
            )
        )
    target = tmp_path_factory.mktemp("store") / "index"
    build_index(places, [], target, "test")
    return target


def test_store_gives_back_what_was_written(tiny):
    store = PlaceStore(tiny)
    assert len(store) == 83
    first, code, names = store.place(0)
    assert first == Place(
        "Testivka",
        48.1,
        37.2,
        "UA",
        "settlement",
        "Donetsk Oblast",
        None,
        900,
        12345,
        "PPL",
        ("Тестівка", "Krasnotest"),
        "geonames",
        "x:1",
    )
    assert code == "05" and names == ("Testivka", "Тестівка", "Krasnotest")
    bare, code, _ = store.place(1)
    assert (bare.country, bare.admin1, bare.geonameid, bare.feature_code, bare.names, code) == (
        None,
        None,
        None,
        None,
        (),
        None,
    )
    assert bare.source == "curated" and bare.population == 0
    light, code = store.light_place(0)
    assert light.names == () and light.name == "Testivka" and code == "05"
    assert store.prominence(2) == prominence(store.place(2)[0]) == 0.75
    assert store.kind_of(2) == "admin1" and store.info(2) == ("admin1:UA:05", None, None, "05")


def test_every_place_matches_its_sqlite_row(tiny):
    """The rows and the SQLite table are written from the same sources: they must agree field by field."""
    store = PlaceStore(tiny)
    db = sqlite3.connect(tiny / "places.sqlite")
    cols = (
        "pid, place_id, name, lat, lon, country, kind, admin1_code, admin1, admin2, population, geonameid, "
        "feature_code, source, names, hows, uncertainty_km"
    )
    for row in db.execute(f"SELECT {cols} FROM places"):
        (
            pid,
            place_id,
            name,
            lat,
            lon,
            country,
            kind,
            a1code,
            a1,
            a2,
            pop,
            gid,
            fcode,
            source,
            names,
            _,
            km,
        ) = row
        place, code, all_names = store.place(pid)
        assert place == Place(
            name,
            lat,
            lon,
            country,
            kind,
            a1,
            a2,
            pop or 0,
            gid,
            fcode,
            tuple(names.split("\x1f"))[1:],
            source,
            place_id,
            km,
        )
        assert code == a1code and all_names == tuple(names.split("\x1f"))
        assert store.prominence(pid) == prominence(place)


def test_records_are_best_first_and_the_cut_keeps_every_near_tie(tiny):
    store = PlaceStore(tiny)
    recs = list(store.records("fpokrovka test"))
    assert len(recs) == 80
    weights = [rank_weight(how, store.prominence(pid)) for pid, _nid, how in recs]
    assert weights == sorted(weights, reverse=True)
    for top in (1, 5, 20, 62):
        cut = list(store.records("fpokrovka test", top))
        assert recs[: len(cut)] == cut and len(cut) >= top
        kept_floor = weights[top - 1]
        assert all(w < kept_floor * (1 - 1e-9) for w in weights[len(cut) :])
        assert all(w >= kept_floor * (1 - 1e-9) for w in weights[top : len(cut)])
    assert list(store.records("fno such key")) == []


def test_attestation_counts_distinct_spellings(tmp_path):
    p = _place(
        "x:a",
        "Krasne",
        48.0,
        37.0,
        100,
        {
            "Krasnoye": FORMER,
            "Krasnoe": FORMER,
            "KRASNE": ALTERNATE,
            "Красне": FORMER,
            "Elsewhere": ALTERNATE,
        },
    )
    build_index([p], [], tmp_path / "index", "t")
    store = PlaceStore(tmp_path / "index")
    from geomap.gazetteer.fold import fold
    from geomap.gazetteer.keys import name_stem

    names = store.names(0)
    for stem in {name_stem(n) for n in names} | {"nothing"}:
        expected = len({fold(n) for n in names if name_stem(n) == stem})
        assert store.attested(0, stem) == (expected if expected > 1 else 0)


def test_fast_place_constructor_makes_equal_places():
    args = ("A", 1.5, 2.5, "UA", "settlement", None, "B", 7, None, "PPL", ("x", "y"), "geonames", "gn:1", 2.5)
    fast, slow = make_place(*args), Place(*args)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    cand = make_candidate(fast, 0.5, "exact", "A", ("r",))
    assert (
        cand == Candidate(slow, 0.5, "exact", "A", ("r",))
        and cand.to_dict() == Candidate(slow, 0.5, "exact", "A", ("r",)).to_dict()
    )


def test_exact_on_a_common_name_ranks_all_places_not_only_the_cut(tiny):
    """exact() reads only the best records of a long key; the answer must equal ranking them all."""
    gz = Gazetteer(tiny)
    got = gz.exact("Pokrovka Test")
    full = gz._rank(gz._hits("Pokrovka Test", allow_loose=False), _NO_CONTEXT, EXACT_LIMIT)
    assert list(full) == list(got) and len(got) == EXACT_LIMIT


# ------------------------------------------------------------------------------------- reference ranking
class Reference:
    """The ranking written plainly: SQLite rows, prominence recomputed, all pairs compared."""

    def __init__(self, gz: Gazetteer) -> None:
        self.gz = gz
        self.db = sqlite3.connect(f"file:{gz.dir / 'places.sqlite'}?mode=ro", uri=True)

    def entry(self, pid: int) -> tuple[Place, str | None, tuple[str, ...], str]:
        cols = (
            "place_id, name, lat, lon, country, kind, admin1_code, admin1, admin2, population, geonameid, "
            "feature_code, source, names, hows, uncertainty_km"
        )
        row = self.db.execute(f"SELECT {cols} FROM places WHERE pid=?", (pid,)).fetchone()
        place_id, name, lat, lon, country, kind, code, a1, a2, pop, gid, fcode, source, names, hows, km = row
        all_names = tuple(names.split("\x1f"))
        place = Place(
            name, lat, lon, country, kind, a1, a2, pop or 0, gid, fcode, all_names[1:], source, place_id, km
        )
        return place, code, all_names, hows

    def rank(self, hits: dict, ctx: Context, limit: int) -> list[Candidate]:
        rows = []
        for pid, (w, nid, _how, tier, via) in hits.items():
            place, code, all_names, hows = self.entry(pid)
            how = int(hows[nid])
            weight = w if how in (PRIMARY, FORMER, ALIAS) else w * ALTERNATE_WEIGHT
            prom = prominence(place)
            factor, reasons = context_fit(place, code, ctx) if not ctx.empty else (1.0, [])
            rows.append(
                (
                    weight * (0.55 + 0.45 * prom) * factor,
                    prom,
                    -pid,
                    place,
                    all_names,
                    nid,
                    how,
                    tier,
                    via,
                    reasons,
                )
            )
        rows.sort(key=lambda r: (r[0], r[1], r[2]), reverse=True)
        out: list[tuple] = []
        for r in rows[: limit + 12]:
            if any(same_place(r[3], o[3]) for o in out):
                continue
            out.append(r)
            if len(out) == limit:
                break
        if any(r[3].uncertainty_km > 0 for r in out):  # KATOTTG villages below exact namesakes
            out = [(score, *out[i][1:]) for i, score in demoted_order([(r[0], r[3]) for r in out])]
        scores = [min(1.0, r[0]) for r in out]
        count = ambiguous_count(scores, [r[3].point for r in out[:2]])
        note = ambiguity_note(count) if count else None
        cands = []
        for i, (score, (_s, _p, _n, place, all_names, nid, how, tier, via, ctx_reasons)) in enumerate(
            zip(scores, out, strict=True)
        ):
            matched = all_names[nid]
            match = tier
            reasons = [match_reason(tier, via, matched)]
            if how == FORMER:
                match = "renamed" if tier in ("exact", "folded", "translit") else match
                reasons.append(f"former name {matched!r} of {place.name}")
            elif how == ALIAS and tier in ("exact", "folded"):
                match = "alias"
            if place.kind in ("admin1", "admin2") and match in ("exact", "folded", "translit"):
                match = "region"
            reasons.append(prominence_reason(place))
            if place.uncertainty_km > 0:
                reasons.append(approximate_reason(place))
            reasons.extend(ctx_reasons)
            if note is not None:
                score *= 0.8
                if i == 0:
                    reasons.append(note)
            cands.append(Candidate(place, score, match, matched, tuple(reasons)))
        return cands


@pytest.fixture(scope="module")
def world() -> tuple[Gazetteer, Reference, list[str]]:
    gz = Gazetteer.default()
    ref = Reference(gz)
    rnd = random.Random(2026)
    total = ref.db.execute("SELECT max(pid) FROM places").fetchone()[0]
    names = []
    for pid in rnd.sample(range(total), 2500):
        options = [n for n in ref.entry(pid)[2] if 2 <= len(n) <= 40 and n.isprintable()]
        if options:
            names.append(rnd.choice(options))
    names += [
        "Pokrovka",
        "Ivanovka",
        "Novoselivka",
        "Mykolaivka",
        "Krasnoye",
        "Alexandrovka",
        "Lozova",
        "Kiev",
    ]
    return gz, ref, names


def test_exact_equals_the_reference_ranking(world):
    gz, ref, names = world
    for name in names:
        got = list(gz.exact(name))
        want = ref.rank(gz._hits(" ".join(name.split()), allow_loose=False), Context(), EXACT_LIMIT)
        assert got == want, name


def test_ranking_of_misspellings_and_contexts_equals_the_reference(world):
    gz, ref, names = world
    rnd = random.Random(7)
    contexts = [
        "Donetsk region",
        "UA",
        "RU",
        "village, northeastern Kharkiv region",
        "near Kurakhove",
        "48.0,37.8",
    ]
    checked = 0
    for name in names[:1500]:
        typo = misspell(name, rnd) if len(name) > 3 else name
        hits = gz._fuzzy_hits(typo) or gz._hits(typo)
        ctx = gz._context(rnd.choice(contexts)) if checked % 3 == 0 else Context()
        got = list(gz._rank(hits, ctx, 5))
        assert got == ref.rank(hits, ctx, 5), (typo, ctx.text)
        checked += bool(hits)
    assert checked > 1000


def test_lookup_top5_are_real_matches(world):
    """Sanity of whole lookups on names nobody chose: every candidate carries the matched name."""
    gz, _, names = world
    for name in names[:300]:
        for c in gz.lookup(name, limit=5):
            assert 0 < c.score <= 1 and not math.isnan(c.place.lat)
            assert c.matched_name in (c.place.name, *c.place.names)


def test_duplicate_places_are_dropped_like_the_pairwise_check(tiny):
    """The grid dedupe finds every twin the all-pairs check finds (same-named places 1-2 km apart)."""
    places = [
        _place(f"x:{i}", "Twin", 48.0 + (i // 2) * 0.02, 37.0 + (i % 2) * 0.01, 100 + i, {})
        for i in range(30)
    ]
    gz_dir = tiny.parent / "twins"
    build_index(places, [], gz_dir, "t")
    gz = Gazetteer(gz_dir)
    ref = Reference(gz)
    hits = gz._hits("Twin", allow_loose=False)
    assert list(gz._rank(hits, Context(), 50)) == ref.rank(hits, Context(), 50)


def test_approximate_places_carry_their_radius_and_step_below_exact_namesakes(tmp_path):
    """A KATOTTG village (position approximate) keeps its radius through the store, says so in its reasons,
    and never outranks an exactly placed namesake of its region, even where the context favours it."""
    from geomap.gazetteer.katottg import APPROX_PROMINENCE, ApproxPlace

    approx = ApproxPlace(
        place_id="katottg:X", name="Vorony", lat=50.2, lon=36.4, country="UA", admin1="Kharkiv Oblast",
        admin1_code="07", source="katottg:Romashky hromada", uncertainty_km=12.5,
    )  # fmt: skip
    exact = SourcePlace(
        place_id="x:vorony", name="Vorony", lat=49.5, lon=37.5, country="UA", admin1="Kharkiv Oblast",
        admin1_code="07",
    )  # fmt: skip
    build_index([approx, exact], [], tmp_path / "index", "t")
    gz = Gazetteer(tmp_path / "index")
    assert gz._store.prominence(0) == APPROX_PROMINENCE
    for context in (None, "50.2,36.4"):  # near the approximate point, 90 km from the exact one
        ranked = gz.lookup("Vorony", context)
        assert [c.place.place_id for c in ranked] == ["x:vorony", "katottg:X"], context
        assert ranked[0].score > ranked[1].score
        assert ranked[1].place.uncertainty_km == 12.5
        assert any(
            r.startswith("position approximate: placed at the centre of Romashky hromada")
            for r in ranked[1].reasons
        )
    assert [c.place.uncertainty_km for c in gz.exact("Vorony")] == [0.0, 12.5]


@pytest.mark.parametrize("broken", ["places.bin", "keys.bin", "store.json", "keys.marisa", "places.sqlite"])
def test_a_damaged_index_is_a_clear_error(tiny, tmp_path, broken):
    import shutil

    from geomap.errors import InputError

    copy = tmp_path / "copy"
    shutil.copytree(tiny, copy)
    (copy / broken).unlink()
    with pytest.raises(InputError, match="unreadable; delete it to rebuild"):
        Gazetteer(copy)


def test_twins_are_exactly_the_pairs_same_place_joins(world):
    """The twin lists made at build time (twins.py) agree with `same_place` on every close pair of places
    that share a name (the only pairs it can join), for thousands of random places."""
    from geomap.gazetteer.fold import fold
    from geomap.gazetteer.keys import FOLDED

    gz, ref, _ = world
    store = gz._store
    rnd = random.Random(5)
    checked = joined = 0
    for a in rnd.sample(range(len(store)), 4000):
        pa, _, names, _ = ref.entry(a)
        others = {pid for n in names[:30] for pid, _, _ in store.records(FOLDED + fold(n))} - {a}
        for b in sorted(others)[:200]:
            pb = ref.entry(b)[0]
            if abs(pa.lat - pb.lat) > 0.05 or abs(pa.lon - pb.lon) > 0.08:
                continue
            want = same_place(pa, pb)
            assert (b in store.twins_of(a)) == want == (a in store.twins_of(b)), (a, b)
            checked += 1
            joined += want
    assert checked > 40 and joined > 5, (checked, joined)
