"""The Gazetteer: names to ranked candidate places.

Tiers, best first: exact (case-folded) > folded (marks, apostrophes, hyphens) > transliterated
(scheme-independent skeleton) > loose (endings) > inflected (ru/uk morphology) > fuzzy (misspellings).
Within and across tiers, candidates are ranked by match quality x prominence x fit to the context;
every candidate carries the reasons for its rank.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geomap.errors import InputError, NotFoundError
from geomap.gazetteer.context import Context, Resolved, parse_context
from geomap.gazetteer.context import fit as context_fit
from geomap.gazetteer.fold import fold, has_cyrillic, lower_key
from geomap.gazetteer.index import (
    EXACT,
    FOLDED,
    LOOSE,
    NAME_SEP,
    RECORD_FORMAT,
    SKEL,
    SourceSet,
    ensure_index,
    read_meta,
)
from geomap.gazetteer.rank import (
    TIER_WEIGHT,
    Hit,
    match_reason,
    name_stem,
    note_ambiguity,
    prominence,
    prominence_reason,
    same_place,
)
from geomap.gazetteer.sources import ALIAS, FORMER, PRIMARY
from geomap.gazetteer.translit import loose, skeleton, skeleton_variants
from geomap.model import Candidate, Place

MAX_NAME_LEN = 200
MAX_CACHED_ENTRIES = 50_000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_QUALIFIED = re.compile(r"^([^(),]+?)\s*(?:\(([^()]+)\)|,\s*(.+))$")
_PLACE_COLS = (
    "pid, place_id, name, lat, lon, country, kind, admin1_code, admin1, admin2, population, geonameid,"
    " feature_code, source, names, hows"
)


@dataclass(frozen=True, slots=True)
class Entry:
    """A place as the index holds it: the Place plus what ranking needs (admin1 code, name kinds)."""

    pid: int
    place: Place
    admin1_code: str | None
    hows: str  # one digit per name: PRIMARY/ALTERNATE/FORMER/ALIAS
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
        import marisa_trie

        self.dir = Path(index_dir)
        self.meta = read_meta(self.dir)
        self._keys = marisa_trie.RecordTrie(RECORD_FORMAT).mmap(str(self.dir / "keys.marisa"))
        self._db = sqlite3.connect(
            f"file:{self.dir / 'places.sqlite'}?mode=ro&immutable=1", uri=True, check_same_thread=False
        )
        self._db.execute("PRAGMA mmap_size=268435456")
        self._db_lock = threading.Lock()
        self._entries: dict[int, Entry] = {}
        self._fuzzy = None
        self._exact_cached = lru_cache(maxsize=65536)(self._exact_uncached)
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
    def _fetch(self, pids: list[int]) -> None:
        missing = [p for p in pids if p not in self._entries]
        if not missing:
            return
        if len(self._entries) + len(missing) > MAX_CACHED_ENTRIES:  # long-running processes stay bounded
            self._entries.clear()
            missing = list(dict.fromkeys(pids))
        with self._db_lock:
            if len(missing) == 1:
                row = self._db.execute(f"SELECT {_PLACE_COLS} FROM places WHERE pid = ?", missing).fetchone()
                if row is not None:
                    self._entries[row[0]] = _entry(row)
                return
            for i in range(0, len(missing), 500):
                chunk = missing[i : i + 500]
                q = f"SELECT {_PLACE_COLS} FROM places WHERE pid IN ({','.join('?' * len(chunk))})"
                for row in self._db.execute(q, chunk):
                    self._entries[row[0]] = _entry(row)

    def _light_entries(self, pids: list[int]) -> dict[int, Entry]:
        """Entries for scoring only: everything but the (long) list of names, which few candidates need."""
        out = {p: self._entries[p] for p in pids if p in self._entries}
        missing = [p for p in pids if p not in out]
        cols = _PLACE_COLS.replace(" names,", " '' AS names,")
        with self._db_lock:
            for i in range(0, len(missing), 500):
                chunk = missing[i : i + 500]
                q = f"SELECT {cols} FROM places WHERE pid IN ({','.join('?' * len(chunk))})"
                for row in self._db.execute(q, chunk):
                    out[row[0]] = _entry(row)
        return out

    def entry(self, pid: int) -> Entry:
        self._fetch([pid])
        return self._entries[pid]

    def place(self, place_id: str) -> Place:
        """The place with this id ("gn:704288", "admin1:UA:05", curated ids)."""
        with self._db_lock:
            row = self._db.execute("SELECT pid FROM places WHERE place_id = ?", (str(place_id),)).fetchone()
        if row is None:
            raise NotFoundError(f"no place with id {place_id!r} in the gazetteer")
        return self.entry(row[0]).place

    def region(self, country: str | None, admin1: str | None) -> Place | None:
        """The first-level region (kind admin1) by GeoNames admin1 code or by name, or None."""
        if not country or not admin1:
            return None
        with self._db_lock:
            row = self._db.execute(
                "SELECT pid FROM places WHERE kind='admin1' AND country=? AND (admin1_code=? OR name=?)",
                (country, admin1, admin1),
            ).fetchone()
        return self.entry(row[0]).place if row else None

    def admin1_code(self, place: Place) -> str | None:
        with self._db_lock:
            row = self._db.execute(
                "SELECT admin1_code FROM places WHERE place_id=?", (place.place_id,)
            ).fetchone()
        return row[0] if row else None

    # ----------------------------------------------------------------- raw matching
    def _records(self, key: str) -> list[tuple[int, int]]:
        return self._keys.get(key) or []

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
        f = fold.__wrapped__(text)  # uncached: a probe is usually seen once; its answer is cached above
        if not f:
            return False
        if FOLDED + f in self._keys:
            return True
        s = skeleton.__wrapped__(text)
        return bool(s) and SKEL + s in self._keys

    def _hits(self, q: str, allow_loose: bool = True) -> dict[int, Hit]:
        """Index hits for one form of a name, best tier per place."""
        hits: dict[int, Hit] = {}
        low, f = lower_key(q), fold(q)

        def add(key: str, tier: str) -> None:
            for pid, nid in self._records(key):
                w = TIER_WEIGHT[tier]
                old = hits.get(pid)
                if old is None or w > old.weight:
                    hits[pid] = Hit(pid, nid, tier, w)

        if low != f:
            add(EXACT + low, "exact")
        add(FOLDED + f, "exact" if low == f else "folded")
        s = skeleton(q)
        if s:
            add(SKEL + s, "translit")
            if allow_loose:
                lo = loose(s)
                if lo:
                    add(LOOSE + lo, "loose")
                    add(SKEL + lo, "loose")
        if not hits:  # an ambiguous letter read the other way (x as х in DSTU 9112 / GOST 7.79 B)
            for alt in skeleton_variants(q):
                add(SKEL + alt, "translit")
                if hits:
                    break
        return hits

    def _exact_uncached(self, q: str) -> tuple[Candidate, ...]:
        hits = self._hits(q, allow_loose=False)
        return tuple(self._rank(hits, Context(), limit=50))

    def exact(self, name: str) -> list[Candidate]:
        """Candidates whose name matches exactly, folded or transliterated; no context, no fuzzy. Cached."""
        return list(self._exact_cached(validate_name(name)))

    def _inflected_hits(self, q: str) -> dict[int, Hit]:
        from geomap.gazetteer.morph import nominative_phrases, strip_prepositions

        hits: dict[int, Hit] = {}
        stripped = strip_prepositions(q)
        forms = [stripped] if stripped != q else []
        if has_cyrillic(q):
            forms += nominative_phrases(q)
        for rank, form in enumerate(forms):
            for pid, h in self._hits(form, allow_loose=False).items():
                w = h.weight * (0.92 if rank < 2 else 0.85)
                if pid not in hits or w > hits[pid].weight:
                    hits[pid] = Hit(pid, h.nid, "inflected", w, via=form)
        return hits

    def _fuzzy_hits(self, q: str) -> dict[int, Hit]:
        from geomap.gazetteer.fuzzy import FuzzyIndex

        if self._fuzzy is None:
            try:
                self._fuzzy = FuzzyIndex(self.dir)
            except OSError:  # this index was replaced and removed while we ran: no fuzzy fallback
                return {}
        hits: dict[int, Hit] = {}
        for key, sim in self._fuzzy.similar(skeleton(q), limit=12):
            for pid, nid in self._records(SKEL + key):
                w = 0.45 + 0.35 * sim
                if pid not in hits or w > hits[pid].weight:
                    hits[pid] = Hit(pid, nid, "fuzzy", w, via=key)
        return hits

    # ----------------------------------------------------------------- ranking
    def _attestation(self, pid: int, query_stem: str) -> int:
        """How many distinct spellings of this place share the query's stem (Krasne, Krasnoye, Красне...).

        An official name (current or former) is written many ways; a passing variant appears once.
        """
        e = self._entries[pid]
        return len({fold(n) for n in e.all_names if name_stem(n) == query_stem})

    def _rank_pairs(
        self, hits: dict[int, Hit], ctx: Context, limit: int, query: str = ""
    ) -> list[tuple[int, Candidate]]:
        """Ranked (place number, candidate) pairs. Scores first, reasons only for the ones returned."""
        if not hits:
            return []
        if len(hits) > limit + 24:  # common names (Pokrovka: 150 places): score on rows without names
            scoring = self._light_entries(list(hits))
        else:
            self._fetch(list(hits))
            scoring = self._entries
        rows = []
        for pid, hit in hits.items():
            e = scoring[pid]
            how = int(e.hows[hit.nid]) if hit.nid < len(e.hows) else PRIMARY
            weight = hit.weight if how in (PRIMARY, FORMER, ALIAS) else hit.weight * 0.97
            prom = prominence(e.place)
            fit_ = context_fit(e.place, e.admin1_code, ctx) if not ctx.empty else (1.0, ())
            rows.append((weight * (0.55 + 0.45 * prom) * fit_[0], prom, -pid, hit, how, fit_[1]))
        rows.sort(key=lambda t: (t[0], t[1], t[2]), reverse=True)
        keep = rows[: limit + 12]
        self._fetch([-row[2] for row in keep])
        best = keep[0][0]
        rivals = sum(1 for row in keep if row[0] >= 0.75 * best)
        if rivals > 1 and query:  # tie-break among close rivals by how well the name is attested
            stem = name_stem(query)
            boosted = []
            for row in keep:
                n = self._attestation(-row[2], stem) if stem and row[0] >= 0.75 * best else 0
                bonus = 1 + 0.03 * min(n - 1, 4) if n > 1 else 1.0
                boosted.append((row[0] * bonus, *row[1:], n))
            keep = sorted(boosted, key=lambda t: (t[0], t[1], t[2]), reverse=True)
        out: list[tuple[int, Candidate]] = []
        for row in keep:
            cand = self._candidate(row)
            if any(same_place(cand.place, c.place) for _, c in out):
                continue
            out.append((-row[2], cand))
            if len(out) >= limit:
                break
        return note_ambiguity(out)

    def _candidate(self, row: tuple) -> Candidate:
        score, _prom, npid, hit, how, ctx_reasons = row[:6]
        attested = row[6] if len(row) > 6 else 0
        e = self._entries[-npid]
        matched = e.all_names[hit.nid] if hit.nid < len(e.all_names) else e.place.name
        match = hit.tier
        reasons = [match_reason(hit, matched)]
        if how == FORMER:
            # A former official name is as good a name as the current one: reporting still uses it.
            match = "renamed" if hit.tier in ("exact", "folded", "translit") else match
            reasons.append(f"former name {matched!r} of {e.place.name}")
        elif how == ALIAS and hit.tier in ("exact", "folded"):
            match = "alias"
        if e.place.kind in ("admin1", "admin2") and match in ("exact", "folded", "translit"):
            match = "region"
        reasons.append(prominence_reason(e.place))
        reasons.extend(ctx_reasons)
        if attested > 1:
            reasons.append(f"the name is attested in {attested} spellings for this place")
        return Candidate(e.place, min(1.0, score), match, matched, tuple(reasons))

    def _rank(self, hits: dict[int, Hit], ctx: Context, limit: int, query: str = "") -> list[Candidate]:
        return [c for _, c in self._rank_pairs(hits, ctx, limit, query)]

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
        self._fetch(list(hits))
        if regions_only:
            hits = {
                p: h
                for p, h in hits.items()
                if self._entries[p].place.kind in ("admin1", "admin2", "country")
            }
        ranked = self._rank_pairs(hits, Context(), limit=1)
        if not ranked:
            return None
        pid, best = ranked[0]
        return Resolved(best.place, self._entries[pid].admin1_code)

    def lookup(
        self, name: str, context: object = None, limit: int = 5, fuzzy: bool = True
    ) -> list[Candidate]:
        """Ranked candidates for a name, best first (empty when nothing matches)."""
        q = validate_name(name)
        if not isinstance(limit, int) or limit < 1:
            raise InputError(f"limit must be a positive integer, not {limit!r}")
        hits = self._hits(q)
        qualified = _QUALIFIED.match(q)
        if qualified and not hits:  # "Красное (Донецкая область)", "Krasnoye, Donetsk region"
            q = qualified.group(1).strip()
            inner = (qualified.group(2) or qualified.group(3)).strip()
            if context is None or isinstance(context, str):
                context = inner if context is None else f"{context}, {inner}"
            hits = self._hits(q)
        ctx = self._context(context)
        strong = {p: h for p, h in hits.items() if h.tier != "loose"}
        if not strong:
            for pid, h in self._inflected_hits(q).items():
                if pid not in hits or h.weight > hits[pid].weight:
                    hits[pid] = h
        if not hits and fuzzy:
            hits = self._fuzzy_hits(q)
        via = next((h.via for h in hits.values() if h.via and h.tier == "inflected"), q)
        if hits and all(h.tier == "fuzzy" for h in hits.values()):
            via = ""  # a misspelling says nothing about how well a name is attested: no tie-break
        found = self._rank(hits, ctx, limit, query=via)
        if found and ctx.unresolved:  # say so rather than silently ignoring part of the context
            top = found[0]
            note = "context not understood: " + "; ".join(ctx.unresolved)
            found[0] = Candidate(top.place, top.score, top.match, top.matched_name, (*top.reasons, note))
        return found

    def best(self, name: str, context: object = None) -> Candidate:
        found = self.lookup(name, context, limit=1)
        if not found:
            raise NotFoundError(f"no place called {name!r} in the gazetteer")
        return found[0]

    def info(self) -> dict:
        return {"index": str(self.dir), **self.meta}


def _entry(row: tuple) -> Entry:
    (pid, place_id, name, lat, lon, country, kind, a1code, a1, a2, pop, gid, fcode, source, names, hows) = row
    all_names = tuple(names.split(NAME_SEP))
    place = Place(
        name=name,
        lat=lat,
        lon=lon,
        country=country,
        kind=kind,
        admin1=a1,
        admin2=a2,
        population=pop or 0,
        geonameid=gid,
        feature_code=fcode,
        names=all_names[1:],
        source=source,
        place_id=place_id,
    )
    return Entry(pid, place, a1code, hows, all_names)


def geocode(name: str, context: object = None, limit: int = 5) -> list[Candidate]:
    """Ranked candidates for a place name from the default gazetteer (see Gazetteer.lookup)."""
    return Gazetteer.default().lookup(name, context=context, limit=limit)
