"""The place store: places and name-key records in memory-mapped fixed-size rows, read without SQLite.

Why: a lookup touches a handful of places among 235,000; fetching each as an SQLite row and building a
full `Place` for every candidate cost about half of an exact lookup. Here a place is one 64-byte row
(one cache line: every number a ranking needs) plus its strings in one packed UTF-8 span, decoded only
for the places a query returns. Reads are random, so what counts is how many cache lines and pages a
lookup touches: a row layout touches one per place where separate columns touch one per column.
N processes share one copy in the page cache; opening costs a few `mmap` calls.

Files (little-endian; section offsets, formats and string tables in `store.json`):
  places.bin  rows: one 64-byte row per place number (struct `ROW`): lat, lon, prominence (float64);
              population, geonameid (int64, -1 = none); kind, country, feature_code, source (uint16
              codes into the string tables, 0 = none); where the place's text starts (uint64), and the
              UTF-8 lengths of its info and names (uint32 each).
              text: per place, info then names. Info: place_id RS admin1 RS admin2 RS admin1_code
              (RS = \\x1e, a lone NUL = none). Names: every name, primary first, separated by US (\\x1f).
  keys.marisa a MARISA trie of name keys: key -> key number
  keys.bin    key_start (uint32, keys+1) into the records; records (struct `RECORD`, 8 bytes): place
              number (uint32), name number (uint16), how the name is held (uint8: PRIMARY/ALTERNATE/
              FORMER/ALIAS), one pad byte. Records of a key are contiguous: one cache line for most keys.
"""

from __future__ import annotations

import json
import mmap
import struct
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from pathlib import Path

from geomap.errors import InputError
from geomap.model import Place

RS, US, NONE = "\x1e", "\x1f", "\x00"
_PLACE_FIELDS = (
    "name",
    "lat",
    "lon",
    "country",
    "kind",
    "admin1",
    "admin2",
    "population",
    "geonameid",
    "feature_code",
    "names",
    "source",
    "place_id",
)
LAYOUT_FILE = "store.json"
ROW = struct.Struct("<dddqqHHHHQII")  # see the module docstring; 64 bytes
RECORD = struct.Struct("<IHBx")
ROW_DOUBLES = ROW.size // 8  # row i's lat, lon, prominence are doubles 8i, 8i+1, 8i+2
_CODED = ("kind", "country", "feature_code", "source")


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """What the store keeps of one place, in build order (its place number)."""

    place_id: str
    names: tuple[str, ...]  # primary name first
    lat: float
    lon: float
    country: str | None
    kind: str
    admin1_code: str | None
    admin1: str | None
    admin2: str | None
    population: int
    geonameid: int | None
    feature_code: str | None
    source: str
    prominence: float


# ----------------------------------------------------------------------------- writing
class _Sections:
    """Byte sections appended to one file, each aligned to 8 bytes; remembers where each one lies."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.where: dict[str, list] = {}

    def add(self, name: str, data: bytes, fmt: str) -> None:
        pad = -self.size % 8
        if pad:
            self.parts.append(b"\0" * pad)
            self.size += pad
        self.where[name] = [self.size, len(data), fmt]
        self.parts.append(data)
        self.size += len(data)

    def write(self, path: Path) -> None:
        with open(path, "wb") as fh:
            for part in self.parts:
                fh.write(part)


def _text(value: str | None, what: str) -> str:
    if value is None:
        return NONE
    if RS in value or US in value or value == NONE:
        raise ValueError(f"{what} {value!r} holds a store separator")
    return value


def write_places(rows: Iterable[PlaceRow], target: Path) -> dict:
    """Write places.bin; returns its layout (sections and string tables) for store.json."""
    tables: dict[str, list[str | None]] = {name: [None] for name in _CODED}
    codes_of: dict[str, dict[str | None, int]] = {name: {None: 0} for name in _CODED}
    packed = bytearray()
    text = bytearray()
    n = 0
    for r in rows:
        if r.geonameid is not None and r.geonameid < 0:
            raise ValueError(f"negative geonameid {r.geonameid} for {r.place_id}")
        codes = []
        for name, value in zip(_CODED, (r.kind, r.country, r.feature_code, r.source), strict=True):
            code = codes_of[name].get(value)
            if code is None:
                code = codes_of[name][value] = len(tables[name])
                tables[name].append(value)
            codes.append(code)
        info = RS.join(_text(v, "field") for v in (r.place_id, r.admin1, r.admin2, r.admin1_code)).encode()
        names = US.join(_text(name, "name") for name in r.names).encode("utf-8")
        gid = -1 if r.geonameid is None else int(r.geonameid)
        population = int(r.population or 0)
        sizes = (len(text), len(info), len(names))
        packed += ROW.pack(r.lat, r.lon, r.prominence, population, gid, *codes, *sizes)
        text += info
        text += names
        n += 1
    if any(len(t) > 65535 for t in tables.values()):
        raise ValueError("a string table outgrew its 16-bit codes")
    out = _Sections()
    out.add("rows", bytes(packed), "B")
    out.add("text", bytes(text), "B")
    out.write(target / "places.bin")
    return {"places": n, "sections": out.where, "strings": tables}


def write_keys(records: dict[tuple[str, int], tuple[int, int]], target: Path) -> tuple[dict, int]:
    """Write keys.marisa and keys.bin from {(key, place number): (name number, how)}.

    Records of one key keep their insertion order. Returns the layout of keys.bin and the key count."""
    import marisa_trie
    import numpy as np

    key_no: dict[str, int] = {}
    rec_key = array("I")
    recs = bytearray()
    for (key, pid), (nid, how) in records.items():
        k = key_no.get(key)
        if k is None:
            k = key_no[key] = len(key_no)
        rec_key.append(k)
        recs += RECORD.pack(pid, nid, how)
    trie = marisa_trie.Trie(key_no)
    trie.save(str(target / "keys.marisa"))
    kid_of = np.empty(len(key_no), dtype=np.int64)
    for key, k in key_no.items():
        kid_of[k] = trie[key]
    del key_no, trie
    kid = kid_of[np.frombuffer(rec_key, dtype=np.uint32)]
    order = np.argsort(kid, kind="stable")
    start = np.zeros(len(kid_of) + 1, dtype=np.uint32)
    np.cumsum(np.bincount(kid, minlength=len(kid_of)), out=start[1:])
    out = _Sections()
    out.add("key_start", start.tobytes(), "I")
    out.add("records", np.frombuffer(bytes(recs), dtype=np.uint64)[order].tobytes(), "B")
    out.write(target / "keys.bin")
    return {"sections": out.where, "records": len(kid)}, len(kid_of)


def write_layout(target: Path, places: dict, keys: dict) -> None:
    text = json.dumps({"places": places, "keys": keys}, ensure_ascii=False, separators=(",", ":"))
    (target / LAYOUT_FILE).write_text(text, encoding="utf-8")


# ----------------------------------------------------------------------------- reading
def _place_maker():
    """A constructor for Place that fills its slots directly (0.7 us instead of 1.4 us: the frozen
    dataclass __init__ goes through object.__setattr__ per field). Same object, same equality and hash;
    falls back to Place itself if Place's fields ever change."""
    if tuple(f.name for f in dataclass_fields(Place)) != _PLACE_FIELDS:
        return Place
    new = object.__new__
    s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12 = (getattr(Place, f).__set__ for f in _PLACE_FIELDS)

    def make(name, lat, lon, country, kind, admin1, admin2, population, geonameid, fcode, names, source, pid):
        p = new(Place)
        s0(p, name)
        s1(p, lat)
        s2(p, lon)
        s3(p, country)
        s4(p, kind)
        s5(p, admin1)
        s6(p, admin2)
        s7(p, population)
        s8(p, geonameid)
        s9(p, fcode)
        s10(p, names)
        s11(p, source)
        s12(p, pid)
        return p

    return make


make_place = _place_maker()


def _map(path: Path) -> memoryview:
    with open(path, "rb") as fh:
        return memoryview(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))


def _columns(view: memoryview, sections: dict) -> dict[str, memoryview]:
    return {name: view[off : off + size].cast(fmt) for name, (off, size, fmt) in sections.items()}


class PlaceStore:
    """Read side of the store, over shared memory maps: `store.prominence(pid)` is a float read in place,
    `store.records(key)` the (place, name number, how) records of one name key."""

    def __init__(self, index_dir: Path) -> None:
        import marisa_trie

        try:
            layout = json.loads((index_dir / LAYOUT_FILE).read_text(encoding="utf-8"))
            pcols = _columns(_map(index_dir / "places.bin"), layout["places"]["sections"])
            kcols = _columns(_map(index_dir / "keys.bin"), layout["keys"]["sections"])
            self.trie = marisa_trie.Trie().mmap(str(index_dir / "keys.marisa"))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            msg = f"gazetteer index {index_dir} is unreadable; delete it to rebuild ({exc})"
            raise InputError(msg) from exc
        self.size: int = layout["places"]["places"]
        tables = layout["places"]["strings"]
        self.kinds: list[str] = tables["kind"]
        self.countries: list[str | None] = tables["country"]
        self.feature_codes: list[str | None] = tables["feature_code"]
        self.sources: list[str] = tables["source"]
        self._rows = pcols["rows"]
        self.doubles = self._rows.cast("d")  # prominence of place i: doubles[i * ROW_DOUBLES + 2]
        self._text = pcols["text"]
        self._key_start = kcols["key_start"]
        self._records = kcols["records"]

    def __len__(self) -> int:
        return self.size

    # -- keys
    def __contains__(self, key: str) -> bool:
        return key in self.trie

    def records(self, key: str) -> Iterable[tuple[int, int, int]]:
        """(place number, name number, how) for every place holding a name under `key`."""
        k = self.trie.get(key)
        if k is None:
            return ()
        return RECORD.iter_unpack(self._records[self._key_start[k] * 8 : self._key_start[k + 1] * 8])

    # -- places
    def prominence(self, pid: int) -> float:
        return self.doubles[pid * ROW_DOUBLES + 2]

    def row(self, pid: int) -> tuple:
        """The place's row: (lat, lon, prominence, population, geonameid, kind, country, feature_code,
        source, text offset, info length, names length)."""
        return ROW.unpack_from(self._rows, pid * ROW.size)

    def kind_of(self, pid: int) -> str:
        return self.kinds[self.row(pid)[5]]

    def info(self, pid: int) -> tuple[str, str | None, str | None, str | None]:
        """(place_id, admin1, admin2, admin1_code) of a place."""
        row = self.row(pid)
        return _info(self._text[row[9] : row[9] + row[10]].tobytes())

    def names(self, pid: int) -> tuple[str, ...]:
        """Every name of a place, the primary name first."""
        row = self.row(pid)
        start = row[9] + row[10]
        return tuple(self._text[start : start + row[11]].tobytes().decode("utf-8").split(US))

    def place(self, pid: int) -> tuple[Place, str | None, tuple[str, ...]]:
        """The Place, its admin1 code and every name (primary first)."""
        lat, lon, _, pop, gid, kind, country, fcode, source, at, n_info, n_names = ROW.unpack_from(
            self._rows, pid * ROW.size
        )
        raw = self._text[at : at + n_info + n_names].tobytes()
        place_id, a1, a2, code = _info(raw[:n_info])
        all_names = tuple(raw[n_info:].decode("utf-8").split(US))
        place = make_place(
            all_names[0],
            lat,
            lon,
            self.countries[country],
            self.kinds[kind],
            a1,
            a2,
            pop,
            None if gid < 0 else gid,
            self.feature_codes[fcode],
            all_names[1:],
            self.sources[source],
            place_id,
        )
        return place, code, all_names

    def light_place(self, pid: int) -> tuple[Place, str | None]:
        """A Place without its other names, and its admin1 code: enough to score it against a context."""
        lat, lon, _, pop, gid, kind, country, fcode, source, at, n_info, n_names = ROW.unpack_from(
            self._rows, pid * ROW.size
        )
        raw = self._text[at : at + n_info + n_names].tobytes()
        place_id, a1, a2, code = _info(raw[:n_info])
        cut = raw.find(b"\x1f", n_info)
        name = (raw[n_info:] if cut < 0 else raw[n_info:cut]).decode("utf-8")
        place = make_place(
            name,
            lat,
            lon,
            self.countries[country],
            self.kinds[kind],
            a1,
            a2,
            pop,
            None if gid < 0 else gid,
            self.feature_codes[fcode],
            (),
            self.sources[source],
            place_id,
        )
        return place, code


def _info(raw: bytes) -> tuple[str, str | None, str | None, str | None]:
    place_id, a1, a2, code = raw.decode("utf-8").split(RS)
    return place_id, None if a1 == NONE else a1, None if a2 == NONE else a2, None if code == NONE else code


__all__ = ["PlaceRow", "PlaceStore", "write_keys", "write_layout", "write_places"]
