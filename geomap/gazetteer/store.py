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
              codes into the string tables, 0 = none); where the place's text starts (uint64) and its
              UTF-8 length (uint32); its uncertainty radius in km (float32, 0 = an exact position; a flag
              for ranking, the exact value is in the text).
              text: per place, seven fields separated by RS (\\x1e): place_id, admin1, admin2, admin1_code
              (a lone NUL = none), its names (primary first, separated by US, \\x1f), its attested
              stems (`stem GS count` pairs separated by US; GS = \\x1d): for each name stem shared by at
              least two distinct folded names, how many (the ranking's attestation tie-break), and its
              uncertainty radius in km (empty = 0: an exact position).
  keys.marisa a MARISA trie of name keys: key -> key number
  keys.bin    key_start (uint32, keys+1) into the records; records (struct `RECORD`, 8 bytes): place
              number (uint32), name number (uint16), how the name is held (uint8: PRIMARY/ALTERNATE/
              FORMER/ALIAS), one pad byte. Records of a key are contiguous: one cache line for most keys.
  twins.bin   twin_start (uint32, places+1) into twins (uint32 place numbers): the places that are the
              same place listed again (see twins.py).
  answers.bin per answer kind (ANSWER_KINDS), <kind>_start (uint32, keys+1) into <kind> (struct `ANSWER`):
              answers ranked at build time for exact and folded name keys (see answers.py).
"""

from __future__ import annotations

import itertools
import json
import mmap
import struct
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import TYPE_CHECKING

from geomap.errors import InputError
from geomap.gazetteer.sources import ALTERNATE
from geomap.gazetteer.weights import ALTERNATE_WEIGHT, MATCH_FLOOR, PROMINENCE_SHARE, rank_weight
from geomap.model import Candidate, Place, Point

if TYPE_CHECKING:
    import numpy as np

RS, US, GS, NONE = "\x1e", "\x1f", "\x1d", "\x00"
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
    "uncertainty_km",
)
LAYOUT_FILE = "store.json"
ROW = struct.Struct("<dddqqHHHHQIf")  # see the module docstring; 64 bytes
RECORD = struct.Struct("<IHBx")
ANSWER = struct.Struct("<dIHBBHH4x")
ANSWER_KINDS = ("exact", "lookup")  # exact(name); lookup(name) without context, first LOOKUP_LIMIT
assert ROW.size == 64, "place_row and light_place read rows at pid * 64"
ROW_DOUBLES = ROW.size // 8  # row i's lat, lon, prominence are doubles 8i, 8i+1, 8i+2
_ROW_SHORTS, _KIND_SHORT = ROW.size // 2, 20  # row i's kind code: shorts[32i + 20]
_ROW_FLOATS, _RADIUS_FLOAT = ROW.size // 4, 15  # row i's uncertainty radius: floats[16i + 15]
_ROW_DTYPE = [  # ROW as a numpy record, for whole-table passes (PlaceStore.within)
    ("lat", "<f8"), ("lon", "<f8"), ("prominence", "<f8"), ("population", "<i8"), ("geonameid", "<i8"),
    ("kind", "<u2"), ("country", "<u2"), ("feature_code", "<u2"), ("source", "<u2"),
    ("text_at", "<u8"), ("text_len", "<u4"), ("radius_km", "<f4"),
]  # fmt: skip
_CODED = ("kind", "country", "feature_code", "source")
# records(key, top) keeps the records within this share of the last of the `top`: far above rounding, so
# ties and near-ties are all kept, far below any real difference of two weights.
CUT_MARGIN = 1e-9


# One candidate of an answer ranked at build time, as answers.bin holds it (struct `ANSWER`), a plain tuple:
#   (score, place number, name number, how (PRIMARY/...), tier code (its position in rank.TIERS), on the
#   first entry how many places fit about as well (0: not ambiguous), in how many spellings the place
#   attests the name (lookup's tie-break; 0: not counted)). Read back as struct tuples: a lookup reads up
#   to fifty, and a NamedTuple costs a call each.
Answer = tuple[float, int, int, int, int, int, int]


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
    attested: dict[str, int]  # name stem -> distinct folded names with that stem (only counts >= 2)
    uncertainty_km: float = 0.0  # > 0: an approximate position (see katottg.py)


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
    if RS in value or US in value or GS in value or value == NONE:
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
        fields = [_text(v, "field") for v in (r.place_id, r.admin1, r.admin2, r.admin1_code)]
        fields.append(US.join(_text(name, "name") for name in r.names))
        fields.append(US.join(f"{_text(stem, 'stem')}{GS}{n}" for stem, n in r.attested.items() if n > 1))
        fields.append(repr(float(r.uncertainty_km)) if r.uncertainty_km else "")
        raw = RS.join(fields).encode("utf-8")
        gid = -1 if r.geonameid is None else int(r.geonameid)
        population = int(r.population or 0)
        radius = float(r.uncertainty_km or 0.0)
        packed += ROW.pack(r.lat, r.lon, r.prominence, population, gid, *codes, len(text), len(raw), radius)
        text += raw
        n += 1
    if any(len(t) > 65535 for t in tables.values()):
        raise ValueError("a string table outgrew its 16-bit codes")
    out = _Sections()
    out.add("rows", bytes(packed), "B")
    out.add("text", bytes(text), "B")
    out.write(target / "places.bin")
    return {"places": n, "sections": out.where, "strings": tables}


def write_keys(
    keys: list[str],
    pids: Sequence[int],
    nids: Sequence[int],
    hows: Sequence[int],
    prominences: Sequence[float],
    target: Path,
) -> tuple[dict, int, np.ndarray]:
    """Write keys.marisa and keys.bin from records given as parallel sequences (key, place number, name
    number, how).

    The records of one key are ordered best first (by `rank_weight`, then prominence, then place
    number), so a query that wants only the best few of a common name (Pokrovka: 150 places) reads
    only those. Returns the layout of keys.bin, the key count and each record's key number."""
    import marisa_trie
    import numpy as np

    n = len(keys)
    key_no: dict[str, int] = {}
    number = key_no.setdefault
    rec_key = np.array([number(key, len(key_no)) for key in keys], dtype=np.uint32)
    rec = np.zeros(n, dtype=np.dtype([("pid", "<u4"), ("nid", "<u2"), ("how", "u1"), ("pad", "u1")]))
    rec["pid"] = np.frombuffer(array("I", pids), dtype=np.uint32)
    rec["nid"] = np.frombuffer(array("H", nids), dtype=np.uint16)
    rec["how"] = np.frombuffer(array("B", hows), dtype=np.uint8)
    trie = marisa_trie.Trie(key_no)
    trie.save(str(target / "keys.marisa"))
    kid_of = np.empty(len(key_no), dtype=np.int64)
    for key, k in trie.iteritems():
        kid_of[key_no[key]] = k
    del key_no, trie
    kid = kid_of[rec_key]
    prom = np.asarray(prominences, dtype=np.float64)[rec["pid"]]
    weight = np.where(rec["how"] == ALTERNATE, ALTERNATE_WEIGHT, 1.0) * (
        MATCH_FLOOR + PROMINENCE_SHARE * prom
    )  # = weights.rank_weight, IEEE-exact
    order = np.lexsort((rec["pid"], -prom, -weight, kid))
    start = np.zeros(len(kid_of) + 1, dtype=np.uint32)
    np.cumsum(np.bincount(kid, minlength=len(kid_of)), out=start[1:])
    out = _Sections()
    out.add("key_start", start.tobytes(), "I")
    out.add("records", rec[order].tobytes(), "B")
    out.write(target / "keys.bin")
    return {"sections": out.where, "records": len(kid)}, len(kid_of), rec_key


def write_twins(start: np.ndarray, twins: np.ndarray, target: Path) -> dict:
    """Write twins.bin (see twins.py): `twin_start` (uint32, places+1) into `twins` (uint32 place numbers)."""
    out = _Sections()
    out.add("twin_start", start.astype("<u4").tobytes(), "I")
    out.add("twins", twins.astype("<u4").tobytes(), "I")
    out.write(target / "twins.bin")
    return {"sections": out.where}


def write_answers(
    answers: Iterable[tuple[int, list[Answer], list[Answer]]], n_keys: int, target: Path
) -> None:
    """Write answers.bin: for each folded name key, exact()'s and lookup()'s ranked answers to it, ranked at
    build time (answers.py), as `<kind>_start` (uint32, keys+1, by key number) into `<kind>`
    (struct `ANSWER`), for each of ANSWER_KINDS; adds them to store.json."""
    packed: dict[str, list[bytes]] = {kind: [b""] * n_keys for kind in ANSWER_KINDS}
    pack = ANSWER.pack
    for kid, *per_kind in answers:  # in key order, not key-number order
        for kind, answer in zip(ANSWER_KINDS, per_kind, strict=True):
            packed[kind][kid] = b"".join(pack(*entry) for entry in answer)
    out = _Sections()
    for kind in ANSWER_KINDS:
        start = array("I", [0])
        start.extend(itertools.accumulate(len(p) // ANSWER.size for p in packed[kind]))
        out.add(f"{kind}_start", start.tobytes(), "I")
        out.add(kind, b"".join(packed[kind]), "B")
        del packed[kind]
    out.write(target / "answers.bin")
    layout = json.loads((target / LAYOUT_FILE).read_text(encoding="utf-8"))
    _save_layout(target, {**layout, "answers": {"sections": out.where}})


def write_layout(target: Path, places: dict, keys: dict, twins: dict) -> None:
    _save_layout(target, {"places": places, "keys": keys, "twins": twins})


def _save_layout(target: Path, layout: dict) -> None:
    text = json.dumps(layout, ensure_ascii=False, separators=(",", ":"))
    (target / LAYOUT_FILE).write_text(text, encoding="utf-8")


# ----------------------------------------------------------------------------- reading
def _place_maker():
    """A constructor for Place that fills its slots directly (0.7 us instead of 1.4 us: the frozen
    dataclass __init__ goes through object.__setattr__ per field). Same object, same equality and hash;
    falls back to Place's own constructor, by field name, if Place's fields ever change."""
    if tuple(f.name for f in dataclass_fields(Place)) != _PLACE_FIELDS:

        def by_name(*values):
            return Place(**dict(zip(_PLACE_FIELDS, values, strict=True)))

        return by_name
    new = object.__new__
    setters = (getattr(Place, f).__set__ for f in _PLACE_FIELDS)
    s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13 = setters

    def make(name, lat, lon, country, kind, admin1, admin2, pop, geonameid, fcode, names, source, pid, km):
        p = new(Place)
        s0(p, name)
        s1(p, lat)
        s2(p, lon)
        s3(p, country)
        s4(p, kind)
        s5(p, admin1)
        s6(p, admin2)
        s7(p, pop)
        s8(p, geonameid)
        s9(p, fcode)
        s10(p, names)
        s11(p, source)
        s12(p, pid)
        s13(p, km)
        return p

    return make


make_place = _place_maker()


def _candidate_maker():
    """The same for Candidate (0.3 us instead of 0.6 us), with the same fallback."""
    names = ("place", "score", "match", "matched_name", "reasons")
    if tuple(f.name for f in dataclass_fields(Candidate)) != names:

        def by_name(*values):
            return Candidate(**dict(zip(names, values, strict=True)))

        return by_name
    new = object.__new__
    s0, s1, s2, s3, s4 = (getattr(Candidate, f).__set__ for f in names)

    def make(place, score, match, matched_name, reasons):
        c = new(Candidate)
        s0(c, place)
        s1(c, score)
        s2(c, match)
        s3(c, matched_name)
        s4(c, reasons)
        return c

    return make


make_candidate = _candidate_maker()


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
            tcols = _columns(_map(index_dir / "twins.bin"), layout["twins"]["sections"])
            acols = (  # absent while the index is being built (see write_answers)
                _columns(_map(index_dir / "answers.bin"), layout["answers"]["sections"])
                if "answers" in layout
                else None
            )
            self.trie = marisa_trie.Trie().mmap(str(index_dir / "keys.marisa"))
        except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:  # RuntimeError: marisa
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
        self._shorts = self._rows.cast("H")
        self._floats = self._rows.cast("f")
        self._text = pcols["text"]
        self._key_start = kcols["key_start"]
        self._records = kcols["records"]
        self._twin_start = tcols["twin_start"]
        self._twins = tcols["twins"]
        self._answers = {k: (acols[f"{k}_start"], acols[k]) for k in ANSWER_KINDS} if acols else {}

    def __len__(self) -> int:
        return self.size

    # -- keys
    def __contains__(self, key: str) -> bool:
        return key in self.trie

    def records(self, key: str, top: int = 0) -> Iterable[tuple[int, int, int]]:
        """(place number, name number, how) for every place holding a name under `key`, best first.

        With `top`, only the records that can be among the best `top` places of any ranking without a
        context: the first `top` and every later one whose `rank_weight` is within CUT_MARGIN of the last
        of those."""
        k = self.trie.get(key)
        if k is None:
            return ()
        a, b = self._key_start[k], self._key_start[k + 1]
        if top and b - a > top:
            b = self._cut(a, b, top)
        return RECORD.iter_unpack(self._records[a * 8 : b * 8])

    def answer(self, kind: str, key: str) -> list[tuple] | None:
        """The answer of this kind (ANSWER_KINDS) ranked at build time for a name key, or None: its
        entries as `Answer` tuples."""
        answers = self._answers.get(kind)
        k = self.trie.get(key) if answers and key else None
        if k is None:
            return None
        start, entries = answers  # type: ignore[misc]
        a, b = start[k], start[k + 1]
        if a == b:
            return None
        return list(ANSWER.iter_unpack(entries[a * ANSWER.size : b * ANSWER.size]))

    def _cut(self, a: int, b: int, top: int) -> int:
        doubles = self.doubles
        rest = RECORD.iter_unpack(self._records[(a + top - 1) * 8 : b * 8])
        pid, _nid, how = next(rest)
        floor = rank_weight(how, doubles[pid * ROW_DOUBLES + 2]) * (1 - CUT_MARGIN)
        end = a + top
        for pid, _nid, how in rest:
            if rank_weight(how, doubles[pid * ROW_DOUBLES + 2]) < floor:
                break
            end += 1
        return end

    # -- places
    def prominence(self, pid: int) -> float:
        return self.doubles[pid * ROW_DOUBLES + 2]

    def point(self, pid: int) -> Point:
        i = pid * ROW_DOUBLES
        return Point(self.doubles[i], self.doubles[i + 1])

    def approximate(self, pid: int) -> bool:
        """Is the place's position approximate (see katottg.py)? Read from its row, without decoding it."""
        return self._floats[pid * _ROW_FLOATS + _RADIUS_FLOAT] > 0

    def twins_of(self, pid: int) -> Sequence[int]:
        """The places that are this place listed again (`rank.same_place`; see twins.py); mostly none."""
        return self._twins[self._twin_start[pid] : self._twin_start[pid + 1]]

    def row(self, pid: int) -> tuple:
        """The place's row: (lat, lon, prominence, population, geonameid, kind, country, feature_code,
        source, text offset, text length, uncertainty radius)."""
        return ROW.unpack_from(self._rows, pid * ROW.size)

    def within(self, south: float, west: float, north: float, east: float, kind: str) -> list[int]:
        """Numbers of the places of this kind inside a lat/lon box, most populous first (for maps that
        draw the gazetteer's own places; one vectorised pass over the rows, no decoding)."""
        import numpy as np

        if kind not in self.kinds:
            return []
        rows = np.frombuffer(self._rows, dtype=_ROW_DTYPE, count=self.size)
        inside = (
            (rows["kind"] == self.kinds.index(kind))
            & (rows["lat"] >= south)
            & (rows["lat"] <= north)
            & (rows["lon"] >= west)
            & (rows["lon"] <= east)
        )
        pids = np.flatnonzero(inside)
        return pids[np.argsort(-rows["population"][pids], kind="stable")].tolist()

    def kind_of(self, pid: int) -> str:
        return self.kinds[self._shorts[pid * _ROW_SHORTS + _KIND_SHORT]]

    def _fields(self, row: tuple) -> list[str]:
        return self._text[row[9] : row[9] + row[10]].tobytes().decode("utf-8").split(RS)

    def info(self, pid: int) -> tuple[str, str | None, str | None, str | None]:
        """(place_id, admin1, admin2, admin1_code) of a place."""
        place_id, a1, a2, code = self._fields(self.row(pid))[:4]
        a1, a2, code = (None if v == NONE else v for v in (a1, a2, code))
        return place_id, a1, a2, code

    def names(self, pid: int) -> tuple[str, ...]:
        """Every name of a place, the primary name first."""
        return tuple(self._fields(self.row(pid))[4].split(US))

    def attested(self, pid: int, stem: str) -> int:
        """How many distinct (folded) names of the place share this name stem; 0 or 1 both mean "not
        attested" (only counts of 2 and more are stored)."""
        for item in self._fields(self.row(pid))[5].split(US):
            if item.startswith(stem) and item[len(stem) : len(stem) + 1] == GS:
                return int(item[len(stem) + 1 :])
        return 0

    def place(self, pid: int) -> tuple[Place, str | None, tuple[str, ...]]:
        """The Place, its admin1 code and every name (primary first)."""
        return self._decode(pid, all_names=True)

    def light_place(self, pid: int) -> tuple[Place, str | None]:
        """A Place without its other names, and its admin1 code: enough to score it against a context."""
        place, code, _ = self._decode(pid, all_names=False)
        return place, code

    def _decode(self, pid: int, all_names: bool) -> tuple[Place, str | None, tuple[str, ...]]:
        lat, lon, _, pop, gid, kind, country, fcode, source, at, size, _km = ROW.unpack_from(
            self._rows, pid * ROW.size
        )
        place_id, a1, a2, code, names, _, km = self._text[at : at + size].tobytes().decode("utf-8").split(RS)
        kept = tuple(names.split(US)) if all_names else (names.split(US, 1)[0],)
        place = make_place(
            kept[0],
            lat,
            lon,
            self.countries[country],
            self.kinds[kind],
            None if a1 == NONE else a1,
            None if a2 == NONE else a2,
            pop,
            None if gid < 0 else gid,
            self.feature_codes[fcode],
            kept[1:],
            self.sources[source],
            place_id,
            float(km) if km else 0.0,
        )
        return place, None if code == NONE else code, kept


__all__ = ["Answer", "PlaceRow", "PlaceStore", "write_keys", "write_layout", "write_places"]
