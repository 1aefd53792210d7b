"""Answers ranked at build time (answers.ranked_answers, store answers.bin) equal answers ranked per query.

exact(name) and lookup(name) without context read a precomputed answer when the name is its own folded
key (lower_key(name) == fold(name)). That is only right if such a name's skeleton and script are those of
its folded key, and if the stored answer decodes into the same candidates, scores and reasons as ranking
the query anew.
"""

from __future__ import annotations

import random
import sqlite3
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from samples import index_names
from typos import misspell

from geomap.gazetteer.candidates import RankedCandidates
from geomap.gazetteer.fold import fold, has_cyrillic, lower_key
from geomap.gazetteer.lookup import EXACT_LIMIT, LOOKUP_LIMIT
from geomap.gazetteer.opening import Gazetteer
from geomap.gazetteer.translit import skeleton

# Letters names are written in, plus the marks, apostrophes, separators and odd letters folding handles.
_ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzKHZSабвгґдеєёжзиіїйклмнопрстуфхцчшщъыьэюяАБВХЦЧШЩ")
    + list("áčęłøđħıßæœžšĉĥǰİ '’ʼ`-.,()")
    + ["\u0301", "\u0308", "\u0483", "ﬁ", "Ｋ"]
)


@settings(max_examples=3000, deadline=None)
@given(st.text(_ALPHABET, min_size=1, max_size=20))
def test_a_name_that_is_its_own_folded_key_has_that_keys_skeleton_and_script(text):
    f = fold(text)
    if lower_key(text) == f:
        assert skeleton(text) == skeleton(f)
        assert has_cyrillic(text) == has_cyrillic(f)


@settings(max_examples=3000, deadline=None)
@given(st.text(_ALPHABET, min_size=1, max_size=20))
def test_a_name_has_the_folded_key_skeleton_and_script_of_its_exact_key(text):
    """Where its exact key is in NFC (else GazetteerIndex._answer_key gives no key)."""
    low = lower_key(text)
    if unicodedata.is_normalized("NFC", low):
        assert fold(text) == fold(low)
        assert skeleton(text) == skeleton(low)
        assert has_cyrillic(text) == has_cyrillic(low)


@pytest.fixture(scope="module")
def world() -> tuple[Gazetteer, Gazetteer, list[str]]:
    """The default index twice: as is, and with its stored answers hidden (every query ranked anew)."""
    gz = Gazetteer.default()
    anew = Gazetteer(gz.dir)
    anew._store._answers = {}
    names = index_names(gz.dir, 3000, seed=404, min_len=2)
    names += [
        "Pokrovka",
        "Ivanovka",
        "Novoselivka",
        "krasnoye",
        "lozova",
        "kiev",
        "KHARKOV",
        "Харків",
        "харків",
    ]
    return gz, anew, names


def test_exact_from_stored_answers_equals_ranking_anew(world):
    gz, anew, names = world
    used = exact_keys = 0
    for name in names:
        q = " ".join(name.split())
        key = gz._answer_key(lower_key(q), fold(q))
        used += gz._store.answer("exact", key) is not None
        exact_keys += key.startswith("e")
        assert list(gz.exact(name)) == list(anew.exact(name)), name
    assert used > len(names) * 0.95 and exact_keys > 100  # stored answers for names and their exact keys


def test_lookup_from_stored_answers_equals_ranking_anew(world):
    gz, anew, names = world
    for i, name in enumerate(names):
        limit = 1 + i % LOOKUP_LIMIT
        got = gz.lookup(name, limit=limit)
        assert isinstance(got, RankedCandidates)
        assert list(got) == list(anew.lookup(name, limit=limit)), (name, limit)


def test_lookup_with_a_short_limit_takes_the_first_of_the_ranking(world):
    """limit=1 is the first candidate of limit=5, ambiguity included (it used to go unmarked)."""
    gz, anew, names = world
    rnd = random.Random(3)
    for name in names[:400] + [misspell(n, rnd) for n in names[:200] if len(n) > 4]:
        for g in (gz, anew):
            five = g.lookup(name, limit=LOOKUP_LIMIT)
            assert list(g.lookup(name, limit=1)) == list(five[:1]), name
    pokrovka = gz.lookup("Pokrovka", limit=1)[0]
    assert any(r.startswith("ambiguous:") for r in pokrovka.reasons)


def test_answers_hold_at_most_their_limits(world):
    gz, _, names = world
    for name in names[:500]:
        assert len(gz.exact(name)) <= EXACT_LIMIT and len(gz.lookup(name)) <= LOOKUP_LIMIT


def test_ranked_candidates_behave_as_a_read_only_list_built_on_first_read():
    built: list[int] = []

    def build(i: int, row: str) -> str:
        built.append(i)
        return row.upper()

    seq = RankedCandidates(["a", "b", "c"], build)  # type: ignore[arg-type]
    assert len(seq) == 3 and built == []
    assert seq[0] == "A" and seq[-1] == "C" and built == [0, 2]
    assert seq[0] == "A" and built == [0, 2]  # kept, not built again
    assert seq[1:] == ["B", "C"] and list(seq) == ["A", "B", "C"] and built == [0, 2, 1]
    assert seq == ["A", "B", "C"] and seq == ("A", "B", "C") and seq != ["A"]
    assert bool(RankedCandidates([], build)) is False and RankedCandidates([], build) == []
    with pytest.raises(IndexError):
        seq[3]
    with pytest.raises(TypeError):
        hash(seq)
    assert "RankedCandidates(['A', 'B', 'C'])" == repr(seq)


def test_skipping_morphology_for_unknown_stems_changes_no_answer(world):
    """lookup() skips the morphology when no name key starts with the first word's stem
    (GazetteerIndex._may_be_inflected); on inflected and misspelt Cyrillic names of real places the answers
    are those of running it always."""
    from test_fuzzy_speed_equivalence import inflect_phrase

    gz, anew, _ = world
    always = Gazetteer(gz.dir)
    always._may_be_inflected = lambda phrase: True  # type: ignore[method-assign]
    db = sqlite3.connect(f"file:{gz.dir / 'places.sqlite'}?mode=ro", uri=True)
    rnd = random.Random(8)
    rows = db.execute(
        "SELECT names FROM places WHERE country IN ('UA', 'RU', 'BY') AND population >= 0 ORDER BY pid"
    ).fetchall()
    cyrillic = [
        n
        for (names,) in rnd.sample(rows, 3000)
        for n in names.split("\x1f")
        if has_cyrillic(n) and len(n) > 3
    ]
    queries = [inflect_phrase(rnd, n) for n in cyrillic[:700]] + [
        misspell(n, rnd) for n in cyrillic[700:1400]
    ]
    skipped = 0
    for q in queries:
        stripped = " ".join(q.split())
        skipped += not gz._may_be_inflected(stripped)
        assert list(gz.lookup(q)) == list(always.lookup(q)), q
    assert skipped > 100, skipped  # the misspellings mostly skip it


def test_answers_are_ranked_in_worker_processes_or_here_when_they_fail(tmp_path, monkeypatch):
    """The build ranks answers in child interpreters; a child that fails or cannot start is replaced by
    ranking in the building process, with the same stored answers."""
    import geomap.gazetteer.answers as answers
    from geomap.gazetteer.build import build_index
    from geomap.gazetteer.sources import ALTERNATE, SourcePlace

    places = []
    for i in range(40):
        p = SourcePlace(place_id=f"x:{i}", name=f"Testivka {i % 7}", lat=48 + i / 10, lon=37, country="UA")
        p.add_name(f"Тестівка {i % 7}", ALTERNATE)
        places.append(p)
    monkeypatch.setattr(answers.os, "cpu_count", lambda: 3)
    monkeypatch.setattr(answers, "PARALLEL_MIN_KEYS", 0)  # a small index is ranked in-process otherwise
    with monkeypatch.context() as m:  # the children do all the ranking: none is left to this process

        def not_here(*args):
            raise AssertionError("ranked in the building process")

        m.setattr(answers, "rank_part", not_here)
        build_index(places, [], tmp_path / "workers", "t")
    stored = (tmp_path / "workers" / "answers.bin").read_bytes()
    assert not list((tmp_path / "workers").glob(".answers-*"))  # the parts' files are gone
    for fake in ("/bin/false", str(tmp_path / "no-such-python")):
        monkeypatch.setattr(answers.sys, "executable", fake)
        build_index(places, [], tmp_path / fake.replace("/", "_"), "t")
        assert (tmp_path / fake.replace("/", "_") / "answers.bin").read_bytes() == stored
    gz = Gazetteer(tmp_path / "workers")
    assert len(gz.exact("Testivka 3")) > 1 and gz.lookup("тестівка 3")[0].place.name == "Testivka 3"
