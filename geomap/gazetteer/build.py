"""The build: collected places -> a complete index directory, every file the queries read.

Layout of one index directory (`<cache>/gazetteer-<fingerprint>/`, see opening.py):
  keys.marisa     a MARISA trie: name key (keys.py) -> key number
  keys.bin        per key number, its records, best first: (place number, name number, how it is held)
  places.bin      per place number, one 64-byte row (coordinates, prominence, population, codes) and one
                  packed UTF-8 span (id, admin names, all names, attestation counts); see store.py
  twins.bin       per place number, the places that are the same place listed again (see twins.py)
  answers.bin     per folded name key, exact()'s and lookup()'s ranked answers (see answers.py)
  store.json      where each section of keys.bin/places.bin/twins.bin/answers.bin lies, and string tables
  places.sqlite   one row per place, for the rare queries by id or region (and ad-hoc SQL)
  fuzzy_hash.npy  sorted hashes of the one-letter deletions of every skeleton key (see fuzzy.py)
  fuzzy_kid.npy   for each hash, the number of the skeleton key it came from
  fuzzy.marisa    the skeleton keys the deletions point at
  meta.json       sources, counts, build date

Why this shape: the tries, rows and arrays are memory-mapped, so N worker processes share one copy in
the page cache and start in milliseconds; a MARISA lookup costs ~1-2 us and a row read one cache line,
which the recogniser's n-gram probing needs. Ranking reads only rows (prominence is computed here, at
build time); a full Place is decoded only for the candidates a query returns. SQLite serves the rare
lookups by place id and region (and ad-hoc SQL).
"""

from __future__ import annotations

import json
import sqlite3
import time
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from geomap.gazetteer.answers import write_answers
from geomap.gazetteer.fuzzy import MIN_SKELETON, write_fuzzy
from geomap.gazetteer.keys import FOLDED, SKEL, keys_and_stem
from geomap.gazetteer.rank import prominence
from geomap.gazetteer.sources import PRIMARY, SourcePlace, SourceStats
from geomap.gazetteer.sourceset import INDEX_VERSION
from geomap.gazetteer.store import PlaceRow, write_keys, write_layout, write_places, write_twins
from geomap.model import Place

NAME_SEP = "\x1f"  # between names in places.sqlite; `hows` holds one digit per name (PRIMARY/ALTERNATE/...)
MAX_NAMES = 65535  # name numbers are 16-bit: names beyond this many of one place get no records
_SQLITE_COLUMNS = (
    "pid INTEGER PRIMARY KEY, place_id TEXT, name TEXT, lat REAL, lon REAL, country TEXT, kind TEXT,"
    " admin1_code TEXT, admin1 TEXT, admin2 TEXT, population INTEGER, geonameid INTEGER, feature_code TEXT,"
    " source TEXT, names TEXT, hows TEXT, uncertainty_km REAL"
)

Names = list[tuple[str, int]]  # a place's names with how each is held, its primary name first


@dataclass(slots=True)
class Records:
    """The index's name-key records as parallel arrays, one per (key, place): the place's first name (in
    name order) under that key; and the skeleton keys the fuzzy index is made of."""

    keys: list[str] = field(default_factory=list)
    pid: array = field(default_factory=lambda: array("I"))
    nid: array = field(default_factory=lambda: array("H"))
    how: array = field(default_factory=lambda: array("B"))
    folded: array = field(default_factory=lambda: array("B"))  # is the key a folded name (twins.py)
    skeletons: set[str] = field(default_factory=set)


def build_index(places: list[SourcePlace], stats: list[SourceStats], target: Path, fingerprint: str) -> None:
    """Write a complete index directory at `target` (which must not exist yet)."""
    import numpy as np

    from geomap.gazetteer.twins import find_twins

    target.mkdir(parents=True)
    names = [ordered_names(p) for p in places]
    write_sqlite(target / "places.sqlite", places, names)
    records, rows = records_and_rows(places, names)
    del names
    place_layout = write_places(rows, target)
    prominences = [r.prominence for r in rows]
    key_layout, n_keys, rec_key = write_keys(
        records.keys, records.pid, records.nid, records.how, prominences, target
    )
    twins = find_twins(
        rec_key,
        np.frombuffer(records.pid, dtype=np.uint32),
        np.frombuffer(records.nid, dtype=np.uint16),
        np.frombuffer(records.folded, dtype=np.uint8).astype(bool),
        rows,
    )
    write_layout(target, place_layout, key_layout, write_twins(*twins, target))
    counts = {"keys": len(records.keys), "distinct_keys": n_keys, "fuzzy_keys": len(records.skeletons)}
    skeletons = records.skeletons
    del rows, records, rec_key, twins
    write_fuzzy(skeletons, target)
    write_meta(target, fingerprint, places, stats, counts)
    write_answers(target)  # ranks with the index just written


def ordered_names(p: SourcePlace) -> Names:
    """The place's names in name-number order: its primary name, then by how each is held and spelling."""
    first = [(p.name, PRIMARY)]
    rest = sorted(((n, how) for n, how in p.names.items() if n != p.name), key=lambda x: (x[1], x[0]))
    return first + rest


def write_sqlite(path: Path, places: list[SourcePlace], names: list[Names]) -> None:
    """places.sqlite: one row per place number, every name and how it is held."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute(f"CREATE TABLE places({_SQLITE_COLUMNS})")
    rows = (
        (
            pid,
            p.place_id,
            p.name,
            p.lat,
            p.lon,
            p.country,
            p.kind,
            p.admin1_code,
            p.admin1,
            p.admin2,
            p.population,
            p.geonameid,
            p.feature_code,
            p.source,
            NAME_SEP.join(n for n, _ in place_names),
            "".join(str(h) for _, h in place_names),
            _uncertainty_km(p),
        )
        for pid, (p, place_names) in enumerate(zip(places, names, strict=True))
    )
    db.executemany("INSERT INTO places VALUES (" + ",".join("?" * 17) + ")", rows)
    db.execute("CREATE INDEX places_place_id ON places(place_id)")
    db.execute("CREATE INDEX places_admin ON places(kind, country, admin1_code)")
    db.commit()
    db.close()


def records_and_rows(places: list[SourcePlace], names: list[Names]) -> tuple[Records, list[PlaceRow]]:
    """Every place's name-key records and its store row (with its prominence and attested stems), from one
    keying of each name."""
    records = Records()
    rows = []
    for pid, (p, place_names) in enumerate(zip(places, names, strict=True)):
        stems = _add_records(records, pid, place_names)
        rows.append(_store_row(p, place_names, stems))
    return records, rows


def _add_records(records: Records, pid: int, names: Names) -> dict[str, set[str]]:
    """Add one place's records; returns its name stems, each with the folded names that share it (the
    attestation tie-break's counts, computed once here)."""
    seen: set[str] = set()
    stems: dict[str, set[str]] = {}
    for nid, (name, how) in enumerate(names):
        keys, stem = keys_and_stem(name)
        if stem:
            stems.setdefault(stem, set()).add(keys[0][1:] if keys else "")
        if nid >= MAX_NAMES:
            continue
        for key in keys:
            if key not in seen:
                seen.add(key)
                records.keys.append(key)
                records.pid.append(pid)
                records.nid.append(nid)
                records.how.append(how)
                records.folded.append(key[0] == FOLDED)
            if key[0] == SKEL and len(key) - 1 >= MIN_SKELETON:
                records.skeletons.add(key[1:])
    return stems


def _store_row(p: SourcePlace, names: Names, stems: dict[str, set[str]]) -> PlaceRow:
    population = p.population or 0
    km = _uncertainty_km(p)
    scored = Place(
        p.name,
        p.lat,
        p.lon,
        p.country,
        p.kind,
        population=population,
        feature_code=p.feature_code,
        uncertainty_km=km,
    )
    return PlaceRow(
        p.place_id,
        tuple(n for n, _ in names),
        p.lat,
        p.lon,
        p.country,
        p.kind,
        p.admin1_code,
        p.admin1,
        p.admin2,
        population,
        p.geonameid,
        p.feature_code,
        p.source,
        prominence(scored),
        {stem: len(folded) for stem, folded in stems.items() if len(folded) > 1},
        km,
    )


def _uncertainty_km(p: SourcePlace) -> float:
    """The radius of an approximate position (katottg.ApproxPlace), 0 for an exact one."""
    return float(getattr(p, "uncertainty_km", 0.0) or 0.0)


def write_meta(
    target: Path, fingerprint: str, places: list[SourcePlace], stats: list[SourceStats], counts: dict
) -> None:
    """meta.json: what the index was built from and what it holds (`geomap gazetteer info`)."""
    kinds: dict[str, int] = {}
    for p in places:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    meta = {
        "version": INDEX_VERSION,
        "fingerprint": fingerprint,
        "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "places": len(places),
        "kinds": kinds,
        **counts,
        "sources": [
            {"name": s.name, "rows": s.rows, "skipped": s.skipped, "detail": s.detail} for s in stats
        ],
    }
    (target / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
