"""Queries over one built index: names to index hits, ranked into candidate places.

Tiers, best first: exact (case-folded) > folded (marks, apostrophes, hyphens) > transliterated
(scheme-independent skeleton) > loose (endings) > inflected (ru/uk morphology) > fuzzy (misspellings).
This module finds a name's hits in each tier; rank.py ranks them (match quality x prominence x fit to the
context) and writes every candidate's reasons.

Speed: exact() reads only the records of a key that can reach its best 62 rows (records are stored best
first). A name that is its own folded key (most names) depends on that key alone, so exact(name) and
lookup(name) without context are ranked once per key at build time (answers.py) and read from answers.bin.
Answers are the same as ranking every record of every key (tests/test_gazetteer_store.py checks it against
a plain reference ranking, tests/test_gazetteer_answers.py the stored answers).

Opening an index by its sources (and building it when they changed) is `opening.Gazetteer`, above the
build: this module only reads an index directory that exists.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from geomap.errors import InputError, NotFoundError
from geomap.gazetteer.candidates import RankedCandidates
from geomap.gazetteer.context import Context, Resolved, parse_context
from geomap.gazetteer.fold import fold, has_cyrillic, lower_key
from geomap.gazetteer.keys import CYRILLIC_SKEL, EXACT, FOLDED, LOOSE, SKEL
from geomap.gazetteer.rank import KEEP_EXTRA, NEG_PID, ROW, Hit, Ranker
from geomap.gazetteer.store import PlaceStore
from geomap.gazetteer.translit import loose, skeleton, skeleton_variants
from geomap.gazetteer.weights import (
    FUZZY_FLOOR,
    FUZZY_SPAN,
    INFLECTED_LATER_WEIGHT,
    INFLECTED_LIKELY,
    INFLECTED_WEIGHT,
    ROMANISED_WEIGHT,
    TIER_WEIGHT,
)
from geomap.model import Candidate, Place

MAX_NAME_LEN = 200
_DIGRAPH_LETTERS = frozenset("hstzckxHSTZCKX")  # letters of the skeleton's digraphs (kh, ts, sk...)
EXACT_LIMIT = 50  # candidates exact() returns at most
LOOKUP_LIMIT = 5  # places lookup() ranks at least (see lookup)
FUZZY_KEYS = 12  # similar skeleton keys a misspelling is looked up under, closest first
MAX_CACHED_PROBES = 200_000  # is_name answers kept; then the cache starts again
SWAP_MIN_LEN, SWAP_MAX_LEN = 4, 40  # names whose swapped neighbours are probed (see _swapped_keys)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_QUALIFIED = re.compile(r"^([^(),]+?)\s*(?:\(([^()]+)\)|,\s*(.+))$")
_NO_CONTEXT = Context()
_fold, _skeleton = fold.__wrapped__, skeleton.__wrapped__  # without their LRU caches (for names seen once)
EXACT_CACHE = 65536  # exact() answers kept (an article repeats its names; a recogniser probes many)
_REGION_KINDS = frozenset({"admin1", "admin2", "country"})


def validate_name(name: object) -> str:
    """A usable query, or a one-line InputError (empty, too long, control characters)."""
    if not isinstance(name, str):
        raise InputError(f"a place name must be text, not {type(name).__name__}")
    if _CONTROL.search(name):
        raise InputError("the place name contains control characters")
    text = " ".join(name.split())
    if not text:
        raise InputError("the place name is empty")
    if len(text) > MAX_NAME_LEN:
        raise InputError(
            f"the place name is {len(text):,} characters long; at most {MAX_NAME_LEN} are accepted"
        )
    return text


class GazetteerIndex:
    """An opened index directory: names to ranked candidates. Thread-safe for reading; cheap to share
    (memory-mapped). `opening.Gazetteer` opens one by its sources, building it when they changed."""

    def __init__(self, index_dir: Path) -> None:
        self.dir = Path(index_dir)
        self.meta = _read_meta(self.dir)
        self._store = PlaceStore(self.dir)
        self.keys = self._store.trie  # name key (keys.py) -> key number
        # Opened now (not on first use) so that it stays readable if a newer index replaces this one.
        uri = f"file:{self.dir / 'places.sqlite'}?mode=ro&immutable=1"
        try:
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._db.execute("PRAGMA mmap_size=268435456")
        except sqlite3.Error as exc:
            raise InputError(
                f"gazetteer index {self.dir} is unreadable; delete it to rebuild ({exc})"
            ) from exc
        self._db_lock = threading.Lock()
        self.ranker = Ranker(self._store)  # shared with answers.py, which ranks every key at build time
        self._fuzzy = None
        self._nearest = None  # nearest.NearestPlaces, built on the first reverse query
        self._exact_cached = lru_cache(maxsize=EXACT_CACHE)(self._exact_uncached)
        self._from_answer = self.ranker.answer_candidate  # bound once: a cached answer holds no method object
        self._from_plan = self.ranker.candidate
        self._is_name_cache: dict[str, bool] = {}

    # ----------------------------------------------------------------- records
    def _full(self, pid: int) -> tuple[Place, str | None, tuple[str, ...]]:
        """(Place, admin1 code, every name) of a place, decoded from the store. Not cached: decoding costs
        about as much as a cache would save, and kept objects slow every later garbage collection."""
        return self._store.place(pid)

    def _query(self, sql: str, args: tuple) -> tuple | None:
        with self._db_lock:
            return self._db.execute(sql, args).fetchone()

    def nearest(self, lat: float, lon: float, n: int = 5, max_km: float | None = None) -> list:
        """The `n` settlements nearest a point, nearest first, as `nearest.Nearby` (place, km): reverse
        geocoding from the index's own points."""
        if self._nearest is None:
            from geomap.gazetteer.nearest import NearestPlaces

            self._nearest = NearestPlaces(self._store)
        return self._nearest.nearest(lat, lon, n, max_km)

    def place(self, place_id: str) -> Place:
        """The place with this id ("gn:704288", "admin1:UA:05", curated ids)."""
        row = self._query("SELECT pid FROM places WHERE place_id = ?", (str(place_id),))
        if row is None:
            raise NotFoundError(f"no place with id {place_id!r} in the gazetteer")
        return self._full(row[0])[0]

    def region(self, country: str | None, admin1: str | None) -> Place | None:
        """The first-level region (kind admin1) by GeoNames admin1 code or by name, or None."""
        if not country or not admin1:
            return None
        row = self._query(
            "SELECT pid FROM places WHERE kind='admin1' AND country=? AND (admin1_code=? OR name=?)",
            (country, admin1, admin1),
        )
        return self._full(row[0])[0] if row else None

    def admin1_code(self, place: Place) -> str | None:
        row = self._query("SELECT admin1_code FROM places WHERE place_id=?", (place.place_id,))
        return row[0] if row else None

    # ----------------------------------------------------------------- raw matching
    def is_name(self, text: str) -> bool:
        """Fast membership test: is `text` (any case, marks, apostrophes, romanisation) a known name?"""
        known = self._is_name_cache.get(text)
        if known is None:
            if len(self._is_name_cache) > MAX_CACHED_PROBES:
                self._is_name_cache.clear()
            known = self._is_name_cache[text] = self._is_name(text)
        return known

    def _is_name(self, text: str) -> bool:
        if len(text) > MAX_NAME_LEN:
            return False
        f = _fold(text)  # uncached: a probe is usually seen once; its answer is cached above
        if not f:
            return False
        if FOLDED + f in self.keys:
            return True
        s = _skeleton(text)
        return bool(s) and SKEL + s in self.keys

    def _hits(self, q: str, allow_loose: bool = True, top: int = 0) -> dict[int, Hit]:
        """Index hits for one form of a name, best tier per place. With `top`, only what can matter to
        the best `top` rows of a ranking without context (see PlaceStore.records)."""
        if top:  # exact(): its answers are cached whole, so the name's keys need not be (saves churn)
            return self.key_hits(q, lower_key(q), _fold(q), _skeleton(q), allow_loose, top)
        return self.key_hits(q, lower_key(q), fold(q), skeleton(q), allow_loose, top)

    def key_hits(self, q: str, low: str, f: str, s: str, allow_loose: bool, top: int) -> dict[int, Hit]:
        """`_hits` of a name whose exact, folded and skeleton keys are `low`, `f` and `s` (answers.py ranks
        every key of the index through this)."""
        hits: dict[int, Hit] = {}
        records = self._store.records

        def add(key: str, tier: str, weight: float = 0.0) -> None:
            w = weight or TIER_WEIGHT[tier]
            for pid, nid, how in records(key, top):
                old = hits.get(pid)
                if old is None or w > old[0]:
                    hits[pid] = (w, nid, how, tier, "")

        if low != f:
            add(EXACT + low, "exact")
        add(FOLDED + f, "exact" if low == f else "folded")
        if s:
            add(SKEL + s, "translit")
            if not has_cyrillic(q):
                add(CYRILLIC_SKEL + s, "translit", ROMANISED_WEIGHT)
            if allow_loose:
                lo = loose(s)
                if lo:
                    add(LOOSE + lo, "loose")
                    add(SKEL + lo, "loose")
        if all(h[3] == "loose" for h in hits.values()):  # an ambiguous letter read the other way
            for alt in skeleton_variants(q):  # (x as х in DSTU 9112 / GOST 7.79 B); an ending-only match
                add(SKEL + alt, "translit")  # such as Orehov ~ Oryahovo must not block it
                if any(h[3] != "loose" for h in hits.values()):
                    break
        return hits

    def _exact_uncached(self, q: str) -> RankedCandidates:
        low, f = lower_key(q), _fold(q)
        answer = self._store.answer("exact", self._answer_key(low, f))  # ranked at build time
        if answer is not None:
            return RankedCandidates(answer, self._from_answer)
        hits = self.key_hits(q, low, f, _skeleton(q), False, EXACT_LIMIT + KEEP_EXTRA)
        return self._rank(hits, _NO_CONTEXT, EXACT_LIMIT)

    @staticmethod
    def _answer_key(low: str, f: str) -> str:
        """The key whose stored answers are those of a name with exact key `low` and folded key `f`: the
        folded key when the two are one (most names), else the exact key (held only where they differ), or
        "" (no key) when `low` is not in NFC: composing it can make a letter the name does not have (s and
        an accent make ś), so the key's skeleton could differ from the name's."""
        if low == f:
            return FOLDED + f
        return EXACT + low if unicodedata.is_normalized("NFC", low) else ""

    def exact(self, name: str) -> RankedCandidates:
        """Candidates whose name matches exactly, folded or transliterated; no context, no fuzzy. Cached.

        A read-only sequence, best first; each candidate is built when first read."""
        return self._exact_cached(validate_name(name))

    def _inflected_hits(self, q: str) -> dict[int, Hit]:
        from geomap.gazetteer.morph import nominative_phrases, strip_prepositions

        hits: dict[int, Hit] = {}
        stripped = strip_prepositions(q)
        forms = [stripped] if stripped != q else []
        if has_cyrillic(q) and self._may_be_inflected(stripped):
            forms += nominative_phrases(q)
        for rank, form in enumerate(forms):
            factor = INFLECTED_WEIGHT if rank < INFLECTED_LIKELY else INFLECTED_LATER_WEIGHT
            for pid, h in self._hits(form, allow_loose=False).items():
                w = h[0] * factor
                if pid not in hits or w > hits[pid][0]:
                    hits[pid] = (w, h[1], h[2], "inflected", form)
        return hits

    def _may_be_inflected(self, phrase: str) -> bool:
        """Can an inflected reading of `phrase` name a place? Inflection changes a word's last letters
        (Покровском, Орла, Києві), so the nominative keeps the first word's stem: its first letters but
        the last three (before any hyphen: Каменце-Подольском). No name key starting with them (folded, or as
        a skeleton: a Russian form of a Ukrainian name) means none of the guesses is a key, and the
        morphology (~0.3 ms for a word it does not know, the usual misspelling) is skipped."""
        word = phrase.split(maxsplit=1)[0].split("-", 1)[0] if phrase.strip() else ""
        stem = word[: max(2, len(word) - 3)]
        if len(stem) <= 2:
            return True
        if self._has_prefix(FOLDED + _fold(stem)):
            return True
        skel = _skeleton(stem)[:-1]  # its last letter may begin a digraph (с of сх, т of тс)
        return len(skel) < 2 or self._has_prefix(SKEL + skel)

    def _has_prefix(self, prefix: str) -> bool:
        return next(self.keys.iterkeys(prefix), None) is not None

    def _fuzzy_hits(self, q: str) -> dict[int, Hit]:
        from geomap.gazetteer.fuzzy import FuzzyIndex

        if self._fuzzy is None:
            try:
                self._fuzzy = FuzzyIndex(self.dir)
            except (OSError, RuntimeError):  # index replaced and removed while we ran: no fuzzy fallback
                return {}
        hits: dict[int, Hit] = {}
        records = self._store.records
        s = skeleton(q)
        for key, sim in [*self._fuzzy.similar(s, limit=FUZZY_KEYS), *self._swapped_keys(q, s)]:
            w = FUZZY_FLOOR + FUZZY_SPAN * sim
            for pid, nid, how in records(SKEL + key):
                old = hits.get(pid)
                if old is None or w > old[0]:
                    hits[pid] = (w, nid, how, "fuzzy", key)
        return hits

    def _swapped_keys(self, q: str, skel: str) -> list[tuple[str, float]]:
        """Skeleton keys of the query with two neighbouring letters swapped back (Toretks, Pokrovks):
        the commonest typo, which the skeleton's digraphs (ts, sk...) can hide from the edit distance."""
        if not SWAP_MIN_LEN <= len(q) <= SWAP_MAX_LEN:
            return []
        out = []
        for i in range(len(q) - 1):
            a, b = q[i], q[i + 1]
            if a == b or (a not in _DIGRAPH_LETTERS and b not in _DIGRAPH_LETTERS):
                continue  # elsewhere the edit distance (OSA) already counts a swap as one typo
            key = _skeleton(q[:i] + b + a + q[i + 2 :])
            if key and key != skel and SKEL + key in self.keys:
                out.append((key, 1.0 - 1.0 / max(len(skel), len(key))))
        return out

    # ----------------------------------------------------------------- ranking
    def _rank(self, hits: dict[int, Hit], ctx: Context, limit: int, query: str = "") -> RankedCandidates:
        """Ranked candidates, best first; each is built when first read (see candidates.py)."""
        return RankedCandidates(self.ranker.plan(hits, ctx, limit, query), self._from_plan)

    def _context(self, context: object) -> Context:
        return parse_context(context, self._resolve_for_context)

    def _resolve_for_context(self, phrase: str, regions_only: bool) -> Resolved | None:
        try:
            phrase = validate_name(phrase)
        except InputError:
            return None
        hits = self._hits(phrase, allow_loose=False) or self._inflected_hits(phrase)
        if not hits:
            return None
        if regions_only:
            kind_of = self._store.kind_of
            hits = {p: h for p, h in hits.items() if kind_of(p) in _REGION_KINDS}
        plan = self.ranker.plan(hits, _NO_CONTEXT, limit=1)
        if not plan:
            return None
        place, code, _ = self._full(-plan[0][ROW][NEG_PID])
        return Resolved(place, code)

    def lookup(
        self, name: str, context: object = None, limit: int = 5, fuzzy: bool = True
    ) -> Sequence[Candidate]:
        """Ranked candidates for a name, best first (empty when nothing matches): a read-only sequence whose
        candidates are built when first read.

        At least LOOKUP_LIMIT places are ranked whatever the limit, so that a lookup for one candidate still
        hears of its rivals (an ambiguous best is marked so); the answer for a name without context that is
        its own folded key (most names) was ranked at build time."""
        q = validate_name(name)
        if not isinstance(limit, int) or limit < 1:
            raise InputError(f"limit must be a positive integer, not {limit!r}")
        if context is None and limit <= LOOKUP_LIMIT:
            answer = self._store.answer("lookup", self._answer_key(lower_key(q), fold(q)))  # ranked at build
            if answer is not None:
                return RankedCandidates(answer[:limit], self._from_answer)
        hits = self._hits(q)
        qualified = _QUALIFIED.match(q)
        if qualified and not hits:  # "Красное (Донецкая область)", "Krasnoye, Donetsk region"
            q = qualified.group(1).strip()
            inner = (qualified.group(2) or qualified.group(3)).strip()
            if context is None or isinstance(context, str):
                context = inner if context is None else f"{context}, {inner}"
            hits = self._hits(q)
        ctx = self._context(context)
        # No strong hit: try inflected forms. For Cyrillic text a transliterated look-alike is not strong
        # ("в Киеве" ~ Kévé, "в Туле" ~ Tulle): the inflected reading must compete with it.
        weak = ("loose", "translit") if has_cyrillic(q) else ("loose",)
        if all(h[3] in weak for h in hits.values()):
            for pid, h in self._inflected_hits(q).items():
                if pid not in hits or h[0] > hits[pid][0]:
                    hits[pid] = h
        if not hits and fuzzy:
            hits = self._fuzzy_hits(q)
        via = next((h[4] for h in hits.values() if h[4] and h[3] == "inflected"), q)
        if hits and all(h[3] == "fuzzy" for h in hits.values()):
            via = ""  # a misspelling says nothing about how well a name is attested: no tie-break
        found = RankedCandidates(
            self.ranker.plan(hits, ctx, max(limit, LOOKUP_LIMIT), via)[:limit], self._from_plan
        )
        if found and ctx.unresolved:  # say so rather than silently ignoring part of the context
            top = found[0]
            note = "context not understood: " + "; ".join(ctx.unresolved)
            first = Candidate(top.place, top.score, top.match, top.matched_name, (*top.reasons, note))
            return [first, *found[1:]]
        return found

    def places_within(
        self, bounds: tuple[float, float, float, float], kind: str = "settlement", limit: int = 0
    ) -> list[Place]:
        """The places of a kind inside (south, west, north, east), most populous first, without their
        other names: what a map draws as its own labelled towns and villages."""
        pids = self._store.within(*bounds, kind=kind)
        if limit:
            pids = pids[:limit]
        return [self._store.light_place(pid)[0] for pid in pids]

    def info(self) -> dict:
        return {"index": str(self.dir), **self.meta}

    def close(self) -> None:
        """Close the SQLite connection (the memory maps go with the object)."""
        self._db.close()


def _read_meta(index: Path) -> dict:
    try:
        return json.loads((index / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"gazetteer index {index} is unreadable; delete it to rebuild ({exc})") from exc
