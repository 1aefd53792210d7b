"""The Gazetteer: names to ranked candidate places.

Tiers, best first: exact (case-folded) > folded (marks, apostrophes, hyphens) > transliterated
(scheme-independent skeleton) > loose (endings) > inflected (ru/uk morphology) > fuzzy (misspellings).
Within and across tiers, candidates are ranked by match quality x prominence x fit to the context;
every candidate carries the reasons for its rank.

Speed: hits are plain tuples; scores come from the store's memory-mapped rows (prominence precomputed
at build time); ranking reads only rows, and a candidate's Place and reasons are built when it is first
read (candidates.RankedCandidates). exact() reads only the records of a key that can reach its best 62
rows (records are stored best first). A name that is its own folded key (most names) depends on that key
alone, so exact(name) and lookup(name) without context are ranked once per key at build time and read
from answers.bin. Answers are the same as ranking every record of every key (tests/test_gazetteer_store.py
checks it against a plain reference ranking, tests/test_gazetteer_answers.py the stored answers).
"""

from __future__ import annotations

import itertools
import os
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geomap.errors import InputError, NotFoundError
from geomap.gazetteer.candidates import RankedCandidates
from geomap.gazetteer.context import Context, Resolved, parse_context
from geomap.gazetteer.context import fit as context_fit
from geomap.gazetteer.fold import fold, has_cyrillic, lower_key
from geomap.gazetteer.index import (
    CYRILLIC_SKEL,
    EXACT,
    FOLDED,
    LOOSE,
    SKEL,
    SourceSet,
    ensure_index,
    read_meta,
)
from geomap.gazetteer.katottg import approximate_reason, demoted_order
from geomap.gazetteer.rank import (
    ALTERNATE_WEIGHT,
    ROMANISED_WEIGHT,
    TIER_WEIGHT,
    TIERS,
    Hit,
    ambiguity_note,
    ambiguous_count,
    match_reason,
    name_stem,
    prominence_reason,
)
from geomap.gazetteer.sources import ALIAS, ALTERNATE, FORMER
from geomap.gazetteer.store import ROW_DOUBLES, PlaceStore, make_candidate
from geomap.gazetteer.translit import loose, skeleton, skeleton_variants
from geomap.model import Candidate, Place

MAX_NAME_LEN = 200
_DIGRAPH_LETTERS = frozenset("hstzckxHSTZCKX")  # letters of the skeleton's digraphs (kh, ts, sk...)
MAX_CACHED_ENTRIES = 50_000
EXACT_LIMIT = 50  # candidates exact() returns at most
LOOKUP_LIMIT = 5  # places lookup() ranks at least (see lookup)
KEEP_EXTRA = 12  # rows ranked beyond the limit (rows of one place are merged, close rivals tie-broken)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_QUALIFIED = re.compile(r"^([^(),]+?)\s*(?:\(([^()]+)\)|,\s*(.+))$")
_NO_CONTEXT = Context()
# The key functions without their LRU caches (for names seen once)
_fold, _skeleton = getattr(fold, "__wrapped__", fold), getattr(skeleton, "__wrapped__", skeleton)
_REGION_KINDS = frozenset({"admin1", "admin2", "country"})
_NAMED_TIERS = frozenset({"exact", "folded", "translit"})  # a former name matched this way: "renamed"
_ALIAS_TIERS = frozenset({"exact", "folded"})

# A ranking row: (score, prominence, -place number, hit, context reasons[, attestation count])
Row = tuple
# A place returned by a ranking: (row, final score, how many places fit about as well: 0 = not ambiguous)
Planned = tuple[Row, float, int]
TIER_CODE = {tier: code for code, tier in enumerate(TIERS)}


@dataclass(frozen=True, slots=True)
class Entry:
    """A place as the index holds it: the Place plus what ranking needs (admin1 code, every name)."""

    pid: int
    place: Place
    admin1_code: str | None
    all_names: tuple[str, ...]


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


class Gazetteer:
    """An opened index. Thread-safe for reading; cheap to share (memory-mapped)."""

    _default: Gazetteer | None = None
    _default_lock = threading.Lock()

    def __init__(self, index_dir: Path) -> None:
        self.dir = Path(index_dir)
        self.meta = read_meta(self.dir)
        self._store = PlaceStore(self.dir)
        self._keys = self._store.trie
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
        self._light: dict[int, tuple[Place, str | None]] = {}
        self._fuzzy = None
        self._exact_cached = lru_cache(maxsize=65536)(self._exact_uncached)
        self._from_answer = self._answer_candidate  # bound once: a cached answer holds no method object
        self._from_plan = self._candidate
        self._is_name_cache: dict[str, bool] = {}

    # ----------------------------------------------------------------- opening
    @classmethod
    def default(cls) -> Gazetteer:
        """The process-wide gazetteer over the default sources (built and cached on first use)."""
        with cls._default_lock:
            if cls._default is None:
                from geomap.paths import cache_dir, data_dir

                # GEOMAP_GAZETTEER_DEFAULTS=0: only curated TSVs and imported dumps (small, fast to build).
                defaults = os.environ.get("GEOMAP_GAZETTEER_DEFAULTS", "1") != "0"
                cls._default = cls.open(SourceSet(data=data_dir(), cache=cache_dir(), defaults=defaults))
            return cls._default

    @classmethod
    def open(cls, sources: SourceSet) -> Gazetteer:
        return cls(ensure_index(sources))

    # ----------------------------------------------------------------- records
    def _full(self, pid: int) -> tuple[Place, str | None, tuple[str, ...]]:
        """(Place, admin1 code, every name) of a place, decoded from the store. Not cached: decoding costs
        about as much as a cache would save, and kept objects slow every later garbage collection."""
        return self._store.place(pid)

    def _scoring(self, pid: int) -> tuple[Place, str | None]:
        """A place for scoring against a context: without its other names (kept, bounded: contexts are
        often asked about the same common names)."""
        light = self._light.get(pid)
        if light is None:
            if len(self._light) >= MAX_CACHED_ENTRIES:
                self._light.clear()
            light = self._light[pid] = self._store.light_place(pid)
        return light

    def _query(self, sql: str, args: tuple) -> tuple | None:
        with self._db_lock:
            return self._db.execute(sql, args).fetchone()

    def entry(self, pid: int) -> Entry:
        place, code, all_names = self._full(pid)
        return Entry(pid, place, code, all_names)

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
            if len(self._is_name_cache) > 200_000:
                self._is_name_cache.clear()
            known = self._is_name_cache[text] = self._is_name(text)
        return known

    def _is_name(self, text: str) -> bool:
        if len(text) > MAX_NAME_LEN:
            return False
        f = _fold(text)  # uncached: a probe is usually seen once; its answer is cached above
        if not f:
            return False
        if FOLDED + f in self._keys:
            return True
        s = _skeleton(text)
        return bool(s) and SKEL + s in self._keys

    def _hits(self, q: str, allow_loose: bool = True, top: int = 0) -> dict[int, Hit]:
        """Index hits for one form of a name, best tier per place. With `top`, only what can matter to
        the best `top` rows of a ranking without context (see PlaceStore.records)."""
        if top:  # exact(): its answers are cached whole, so the name's keys need not be (saves churn)
            return self._key_hits(q, lower_key(q), _fold(q), _skeleton(q), allow_loose, top)
        return self._key_hits(q, lower_key(q), fold(q), skeleton(q), allow_loose, top)

    def _key_hits(self, q: str, low: str, f: str, s: str, allow_loose: bool, top: int) -> dict[int, Hit]:
        """`_hits` of a name whose exact, folded and skeleton keys are `low`, `f` and `s`."""
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
        hits = self._key_hits(q, low, f, _skeleton(q), False, EXACT_LIMIT + KEEP_EXTRA)
        return self._rank(hits, _NO_CONTEXT, EXACT_LIMIT)

    def answers(self, part: int = 0, parts: int = 1) -> Iterator[tuple[int, list[tuple], list[tuple]]]:
        """For every exact and folded name key (or every `parts`-th, from the `part`-th): (key number,
        exact(name), lookup(name) without context), ranked, as ANSWER entries for the store.

        A name's answers depend on its exact key (`lower_key`), folded key, skeleton and script alone, and
        all but the first are the same for the name and its exact key (tests/test_gazetteer_answers.py): so
        the answers of the key are those of every name with that exact key (see `_answer_key`)."""
        keys = itertools.chain(self._keys.iteritems(FOLDED), self._keys.iteritems(EXACT))
        for key, kid in itertools.islice(keys, part, None, parts):
            low = key[1:]
            f, s = (low if key[0] == FOLDED else _fold(low)), _skeleton(low)
            hits = self._key_hits(low, low, f, s, False, EXACT_LIMIT + KEEP_EXTRA)
            exact = _entries(self._plan(hits, _NO_CONTEXT, EXACT_LIMIT))
            hits = self._key_hits(low, low, f, s, True, 0)
            yield kid, exact, _entries(self._plan(hits, _NO_CONTEXT, LOOKUP_LIMIT, query=low))

    @staticmethod
    def _answer_key(low: str, f: str) -> str:
        """The key whose stored answers are those of a name with exact key `low` and folded key `f`: the
        folded key when the two are one (most names), else the exact key (held only where they differ), or
        "" (no key) when `low` is not in NFC: composing it can make a letter the name does not have (s and
        an accent make ś), so the key's skeleton could differ from the name's."""
        if low == f:
            return FOLDED + f
        return EXACT + low if unicodedata.is_normalized("NFC", low) else ""

    def _answer_candidate(self, position: int, entry: tuple) -> Candidate:
        """The candidate of an answer ranked at build time (see `_entries`)."""
        score, pid, nid, how, tier, count, attested = entry
        row = (score, 0.0, -pid, (0.0, nid, how, TIERS[tier], ""), (), attested)
        return self._candidate(position, (row, score, count))

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
            factor = 0.92 if rank < 2 else 0.85
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
        return next(self._keys.iterkeys(prefix), None) is not None

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
        for key, sim in [*self._fuzzy.similar(s, limit=12), *self._swapped_keys(q, s)]:
            w = 0.45 + 0.35 * sim
            for pid, nid, how in records(SKEL + key):
                old = hits.get(pid)
                if old is None or w > old[0]:
                    hits[pid] = (w, nid, how, "fuzzy", key)
        return hits

    def _swapped_keys(self, q: str, skel: str) -> list[tuple[str, float]]:
        """Skeleton keys of the query with two neighbouring letters swapped back (Toretks, Pokrovks):
        the commonest typo, which the skeleton's digraphs (ts, sk...) can hide from the edit distance."""
        if not 4 <= len(q) <= 40:
            return []
        out = []
        for i in range(len(q) - 1):
            a, b = q[i], q[i + 1]
            if a == b or (a not in _DIGRAPH_LETTERS and b not in _DIGRAPH_LETTERS):
                continue  # elsewhere the edit distance (OSA) already counts a swap as one typo
            key = _skeleton(q[:i] + b + a + q[i + 2 :])
            if key and key != skel and SKEL + key in self._keys:
                out.append((key, 1.0 - 1.0 / max(len(skel), len(key))))
        return out

    # ----------------------------------------------------------------- ranking
    def _attestation(self, pid: int, query_stem: str) -> int:
        """How many distinct spellings of this place share the query's stem (Krasne, Krasnoye, Красне...).

        An official name (current or former) is written many ways; a passing variant appears once.
        """
        return self._store.attested(pid, query_stem)

    def _rank(self, hits: dict[int, Hit], ctx: Context, limit: int, query: str = "") -> RankedCandidates:
        """Ranked candidates, best first; each is built when first read (see candidates.py)."""
        return RankedCandidates(self._plan(hits, ctx, limit, query), self._from_plan)

    def _plan(self, hits: dict[int, Hit], ctx: Context, limit: int, query: str = "") -> list[Planned]:
        """The ranking: (row, score, ambiguous count) of the places returned, best first. It reads only the
        memory-mapped rows (and, with a context, places without their names)."""
        if not hits:
            return []
        store = self._store
        doubles = store.doubles  # place i's prominence: doubles[i * ROW_DOUBLES + 2]
        rows: list[Row] = []
        if ctx.empty:
            for pid, h in hits.items():
                p = doubles[pid * ROW_DOUBLES + 2]
                w = h[0] * ALTERNATE_WEIGHT if h[2] == ALTERNATE else h[0]
                rows.append((w * (0.55 + 0.45 * p), p, -pid, h, ()))
        else:
            for pid, h in hits.items():
                place, code = self._scoring(pid)
                p = doubles[pid * ROW_DOUBLES + 2]
                w = h[0] * ALTERNATE_WEIGHT if h[2] == ALTERNATE else h[0]
                factor, reasons = context_fit(place, code, ctx)
                rows.append((w * (0.55 + 0.45 * p) * factor, p, -pid, h, reasons))
        if len(rows) == 1:  # most names: one place, nothing to tie-break, dedupe or call ambiguous
            return [(rows[0], min(1.0, rows[0][0]), 0)]
        # Sorted by (score, prominence, -place number), best first; place numbers are unique, so the
        # comparison never reaches the hit.
        rows.sort(reverse=True)
        keep = rows[: limit + KEEP_EXTRA]
        best = keep[0][0]
        if query and keep[1][0] >= 0.75 * best:
            keep = self._attested(keep, best, query)
        chosen = self._distinct(keep, limit)
        if any(store.approximate(-row[2]) for row in chosen):  # approximate places step below exact ones
            order = demoted_order([(row[0], self._scoring(-row[2])[0]) for row in chosen])
            chosen = [(score, *chosen[i][1:]) for i, score in order]
        scores = [min(1.0, row[0]) for row in chosen]
        count = ambiguous_count(scores, [store.point(-row[2]) for row in chosen[:2]])
        if count:
            scores = [score * 0.8 for score in scores]
        plan = [(row, score, 0) for row, score in zip(chosen, scores, strict=True)]
        plan[0] = (plan[0][0], plan[0][1], count)
        return plan

    def _distinct(self, keep: list[Row], limit: int) -> list[Row]:
        """The best rows, each place once (two sources may list one place: see twins.py), at most `limit`."""
        chosen: list[Row] = []
        taken: set[int] = set()
        twins_of = self._store.twins_of
        for row in keep:
            pid = -row[2]
            twins = twins_of(pid)
            if twins and not taken.isdisjoint(twins):
                continue
            taken.add(pid)
            chosen.append(row)
            if len(chosen) >= limit:
                break
        return chosen

    def _candidate(self, _position: int, planned: Planned) -> Candidate:
        """The Candidate of one ranked row: its place decoded, its reasons written."""
        row, score, ambiguous = planned
        place, _code, all_names = self._store.place(-row[2])
        match, reasons, matched = _reasons(row, place, all_names)
        if ambiguous:
            reasons.append(ambiguity_note(ambiguous))
        return make_candidate(place, score, match, matched, tuple(reasons))

    def _attested(self, keep: list[Row], best: float, query: str) -> list[Row]:
        """Tie-break among close rivals by how well the name is attested for each place."""
        stem = name_stem(query)
        boosted = []
        for row in keep:
            n = self._attestation(-row[2], stem) if stem and row[0] >= 0.75 * best else 0
            bonus = 1 + 0.03 * min(n - 1, 4) if n > 1 else 1.0
            boosted.append((row[0] * bonus, row[1], row[2], row[3], row[4], n))
        boosted.sort(reverse=True)
        return boosted

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
        plan = self._plan(hits, _NO_CONTEXT, limit=1)
        if not plan:
            return None
        place, code, _ = self._full(-plan[0][0][2])
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
            self._plan(hits, ctx, max(limit, LOOKUP_LIMIT), via)[:limit], self._from_plan
        )
        if found and ctx.unresolved:  # say so rather than silently ignoring part of the context
            top = found[0]
            note = "context not understood: " + "; ".join(ctx.unresolved)
            first = Candidate(top.place, top.score, top.match, top.matched_name, (*top.reasons, note))
            return [first, *found[1:]]
        return found

    def best(self, name: str, context: object = None) -> Candidate:
        found = self.lookup(name, context, limit=1)
        if not found:
            raise NotFoundError(f"no place called {name!r} in the gazetteer")
        return found[0]

    def info(self) -> dict:
        return {"index": str(self.dir), **self.meta}

    def close(self) -> None:
        """Close the SQLite connection (the memory maps go with the object)."""
        self._db.close()


def _entries(plan: list[Planned]) -> list[tuple]:
    """A ranking as ANSWER entries (store.py): score, place number, name number, how, tier code, ambiguous
    count, attestation count."""
    return [
        (score, -row[2], row[3][1], row[3][2], TIER_CODE[row[3][3]], n, row[5] if len(row) > 5 else 0)
        for row, score, n in plan
    ]


def _reasons(row: Row, place: Place, all_names: tuple[str, ...]) -> tuple[str, list[str], str]:
    """(match, reasons, matched name) of a ranked row."""
    h, ctx_reasons = row[3], row[4]
    nid, how, tier = h[1], h[2], h[3]
    matched = all_names[nid] if nid < len(all_names) else place.name
    match = tier
    reasons = [match_reason(tier, h[4], matched)]
    if how == FORMER:
        # A former official name is as good a name as the current one: reporting still uses it.
        match = "renamed" if tier in _NAMED_TIERS else match
        reasons.append(f"former name {matched!r} of {place.name}")
    elif how == ALIAS and tier in _ALIAS_TIERS:
        match = "alias"
    if match in _NAMED_TIERS and place.kind in ("admin1", "admin2"):
        match = "region"
    reasons.append(prominence_reason(place))
    if place.uncertainty_km > 0:
        reasons.append(approximate_reason(place))
    if ctx_reasons:
        reasons.extend(ctx_reasons)
    if len(row) > 5 and row[5] > 1:
        reasons.append(f"the name is attested in {row[5]} spellings for this place")
    return match, reasons, matched


def geocode(name: str, context: object = None, limit: int = 5) -> Sequence[Candidate]:
    """Ranked candidates for a place name from the default gazetteer (see Gazetteer.lookup)."""
    return Gazetteer.default().lookup(name, context=context, limit=limit)
