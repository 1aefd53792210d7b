"""Scoring extraction against gold readings, so that quality is a measured number.

A gold file (the seed's format) names the article (path relative to the gold file), its date, the places
a careful reader finds (`places`), words that are not places (`not_places`) and distance statements
(`distance_claims`). `geomap.pipeline.extract` reads the article with the gold date; the Report is scored:

- Texts match after folding (case, ё/е, apostrophes, dashes, a leading "the", a possessive "'s"); a gold
  entry may list other
  accepted surface forms in `also`.
- Located places. Gold entries with coordinates are the gold set. The system set is the unique pairs
  (mention text, resolved point) over all mentions with a place, leaving out pairs whose text only matches
  gold entries without coordinates (metonyms, countries, "US Capitol": those are scored on role only).
  A gold entry is found when a system pair with its text lies within its `tolerance_km` (default 25 km);
  each system pair serves at most one gold entry, closest first. TP = gold entries found; precision =
  TP / system pairs, recall = TP / gold entries, F1 their harmonic mean.
- Role accuracy. Each system mention is assigned to one gold entry with its text: the entry whose
  `context` fragments (split at " / ") occur near the mention, else the entry whose point is nearest to the
  mention's place, else the first. The system's role for an entry is its strongest role over the mentions
  assigned to it (event > metonym > mention > noise). Accuracy = entries whose role equals the gold role (or
  one of `acceptable_roles`, or a role the gold note says "is also acceptable") / entries with any mention.
- Median error: over gold entries with a located system mention of the same text, the distance from the
  gold point to the nearest such system point (also when beyond tolerance), in km.
- must_not_be violations: gold entries with a located system mention within `must_not_be.within_km` of the
  forbidden point and outside the entry's own tolerance.
- not_places reported: distinct not_places texts that the system reported as mentions (any role).
- Claim verdict agreement: gold claims with a stated figure and a verdict, matched to a system claim by
  overlapping text; agreement = matched claims whose verdict equals the gold verdict's first word / scored
  gold claims.

Totals over several files are micro-averaged: counts are summed before dividing.
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from geomap.errors import InputError, NotFoundError
from geomap.geodesy.spherical import haversine_km  # tolerances are kilometres wide: a sphere will do
from geomap.jsonedge import load_json
from geomap.model import Claim, Mention, Report

DEFAULT_TOLERANCE_KM = 25.0
_ROLE_RANK = {"event": 3, "metonym": 2, "mention": 1, "noise": 0}
_ALSO_OK = re.compile(r"\b(event|mention|metonym|noise)\b[^.;]{0,30}\balso acceptable", re.IGNORECASE)
_VERDICTS = ("consistent", "inconsistent", "unverifiable")


@dataclass(frozen=True, slots=True)
class GoldPlace:
    """One gold entry: a surface form, its role and, for located entries, where it is."""

    mention: str
    role: str
    lat: float | None = None
    lon: float | None = None
    tolerance_km: float = DEFAULT_TOLERANCE_KM
    raw_context: tuple[str, ...] = ()  # fragments of the article that show which occurrence is meant
    forms: tuple[str, ...] = ()  # folded accepted surface forms
    roles_ok: tuple[str, ...] = ()
    must_not_be: tuple[float, float, float] | None = None  # lat, lon, within_km
    name: str = ""

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class Score:
    """Counts for one article (or summed over many), with the details that explain them."""

    label: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    roles_right: int = 0
    roles_scored: int = 0
    errors_km: tuple[float, ...] = ()
    must_not_be_violations: int = 0
    not_places_reported: int = 0
    claims_agree: int = 0
    claims_scored: int = 0
    details: tuple[str, ...] = field(default=(), compare=False)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def role_accuracy(self) -> float:
        return self.roles_right / self.roles_scored if self.roles_scored else 1.0

    @property
    def median_error_km(self) -> float | None:
        return statistics.median(self.errors_km) if self.errors_km else None

    @property
    def claim_agreement(self) -> float | None:
        return self.claims_agree / self.claims_scored if self.claims_scored else None

    def to_dict(self) -> dict:
        med = self.median_error_km
        agree = self.claim_agreement
        return {
            "label": self.label,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "roles_right": self.roles_right,
            "roles_scored": self.roles_scored,
            "role_accuracy": round(self.role_accuracy, 4),
            "median_error_km": None if med is None else round(med, 3),
            "must_not_be_violations": self.must_not_be_violations,
            "not_places_reported": self.not_places_reported,
            "claims_agree": self.claims_agree,
            "claims_scored": self.claims_scored,
            "claim_agreement": None if agree is None else round(agree, 4),
            "details": list(self.details),
        }


def fold(text: str) -> str:
    """The key two surface forms are compared by."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    text = re.sub(r"[’'ʼ`‘]", "'", text)
    text = re.sub(r"[-‐‑–—\s]+", " ", text).strip(' .,;:!?"«»“”()[]')
    return re.sub(r"^the |'s$", "", text)


def parse_gold(gold: dict) -> tuple[list[GoldPlace], list[str], list[dict]]:
    """Gold places, folded not-places and claims from a gold dict; InputError on a malformed file."""
    places = []
    for i, entry in enumerate(gold.get("places", [])):
        if not isinstance(entry, dict) or not entry.get("mention") or not entry.get("role"):
            raise InputError(f"gold place #{i + 1} needs at least 'mention' and 'role'")
        roles_ok = {entry["role"], *entry.get("acceptable_roles", [])}
        roles_ok.update(r.lower() for r in _ALSO_OK.findall(entry.get("note", "")))
        mnb = entry.get("must_not_be")
        ctx = entry.get("context", "")
        places.append(
            GoldPlace(
                mention=entry["mention"],
                role=entry["role"],
                lat=entry.get("lat"),
                lon=entry.get("lon"),
                tolerance_km=float(entry.get("tolerance_km", DEFAULT_TOLERANCE_KM)),
                raw_context=tuple(c.strip() for c in ctx.split(" / ") if c.strip()) if ctx else (),
                forms=tuple({fold(entry["mention"]), *(fold(a) for a in entry.get("also", []))}),
                roles_ok=tuple(sorted(roles_ok)),
                must_not_be=(mnb["lat"], mnb["lon"], float(mnb.get("within_km", 10))) if mnb else None,
                name=entry.get("name", entry["mention"]),
            )
        )
    not_places = [fold(n) for n in gold.get("not_places", [])]
    return places, not_places, list(gold.get("distance_claims", []))


def score(gold: dict, report: Report, label: str = "") -> Score:
    """Score one Report against one gold reading (see the module docstring for the definitions)."""
    places, not_places, gold_claims = parse_gold(gold)
    details: list[str] = []
    by_form: dict[str, list[GoldPlace]] = {}
    for g in places:
        for form in g.forms:
            by_form.setdefault(form, []).append(g)

    # Located places: unique (text, point) pairs against located gold entries.
    pairs: dict[tuple[str, float, float], Mention] = {}
    for m in report.mentions:
        if m.place is not None:
            key = (fold(m.text), round(m.place.place.lat, 4), round(m.place.place.lon, 4))
            pairs.setdefault(key, m)
    system = [
        k for k in pairs if not (by_form.get(k[0]) and not any(g.located for g in by_form[k[0]]))
    ]  # pairs whose text only names unlocated gold entries are scored on role alone
    located_gold = [g for g in places if g.located]
    used: set[tuple[str, float, float]] = set()
    options = sorted(
        (haversine_km(g.lat, g.lon, k[1], k[2]), gi, k)
        for gi, g in enumerate(located_gold)
        for k in system
        if k[0] in g.forms
    )
    found: set[int] = set()
    for dist, gi, k in options:
        if gi in found or k in used or dist > located_gold[gi].tolerance_km:
            continue
        found.add(gi)
        used.add(k)
    tp = len(found)
    for gi, g in enumerate(located_gold):
        if gi not in found:
            details.append(f"missed: {g.mention} ({g.name}, {g.role})")
    for k in system:
        if k not in used:
            m = pairs[k]
            details.append(f"extra: {m.text} -> {m.place.place.name} ({k[1]:.3f}, {k[2]:.3f})")
    errors = []
    for g in located_gold:
        dists = [haversine_km(g.lat, g.lon, k[1], k[2]) for k in pairs if k[0] in g.forms]
        if dists:
            errors.append(min(dists))

    right, scored = _roles(places, report, by_form, details)
    violations = _violations(places, report.mentions, details)
    reported_not_places = sorted({fold(m.text) for m in report.mentions} & set(not_places))
    details.extend(f"not a place, reported: {n}" for n in reported_not_places)
    agree, claims_scored = _claims(gold_claims, report.claims, details)
    return Score(
        label=label or report.source,
        tp=tp,
        fp=len(system) - len(used),
        fn=len(located_gold) - tp,
        roles_right=right,
        roles_scored=scored,
        errors_km=tuple(errors),
        must_not_be_violations=violations,
        not_places_reported=len(reported_not_places),
        claims_agree=agree,
        claims_scored=claims_scored,
        details=tuple(details),
    )


@dataclass(frozen=True, slots=True)
class Outcome:
    """One located system mention judged against the gold: for calibrating confidence."""

    text: str
    confidence: float
    correct: bool  # placed within the gold entry's tolerance (when it has a point) with an accepted role
    why: str  # "right", or what was wrong


def outcomes(gold: dict, report: Report) -> list[Outcome]:
    """Every mention with a place, judged: is what it says (place and role) what the gold says? A
    mention whose text the gold does not list is wrong: a careful reader found no place there."""
    places, _, _ = parse_gold(gold)
    by_form: dict[str, list[GoldPlace]] = {}
    for g in places:
        for form in g.forms:
            by_form.setdefault(form, []).append(g)
    out = []
    for m in report.mentions:
        if m.place is None:
            continue
        candidates = by_form.get(fold(m.text))
        if not candidates:
            out.append(Outcome(m.text, m.confidence, False, "not a gold place"))
            continue
        g = _assign(m, candidates, report.text)
        p = m.place.place
        placed = not g.located or haversine_km(g.lat, g.lon, p.lat, p.lon) <= g.tolerance_km
        role = m.role in g.roles_ok
        why = "right" if placed and role else "misplaced" if not placed else f"role {m.role}, gold {g.role}"
        out.append(Outcome(m.text, m.confidence, placed and role, why))
    return out


def _assign(m: Mention, candidates: list[GoldPlace], text: str) -> GoldPlace:
    """The gold entry one system mention stands for, among entries sharing its text."""
    if len(candidates) == 1:
        return candidates[0]
    pool = candidates
    for level in (2, 1):
        hits = [g for g in candidates if _context_level(g, m, text) >= level]
        if len(hits) == 1:
            return hits[0]
        if hits:
            pool = hits
            break
    if m.place is not None:
        located = [g for g in pool if g.located]
        if located:
            p = m.place.place
            return min(located, key=lambda g: haversine_km(g.lat, g.lon, p.lat, p.lon))
    return pool[0]


def _context_level(g: GoldPlace, m: Mention, text: str) -> int:
    """2: a context fragment occurs in the text over the mention; 1: it occurs in its sentence; else 0."""
    if not g.raw_context:
        return 0
    low = text.lower().replace("’", "'")
    sentence = (m.sentence or _sentence_around(text, m.start, m.end)).lower().replace("’", "'")
    best = 0
    for frag in g.raw_context:
        f = frag.lower().replace("’", "'")
        start = low.find(f, max(0, m.start - len(f)))
        while 0 <= start <= m.end:
            if start < m.end and start + len(f) > m.start:
                return 2
            start = low.find(f, start + 1)
        if f in sentence:
            best = 1
    return best


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(c, 0, start) for c in ".!?\n")
    rights = [i for i in (text.find(c, end) for c in ".!?\n") if i >= 0]
    return text[left + 1 : min(rights) if rights else len(text)]


def _roles(places: list[GoldPlace], report: Report, by_form: dict, details: list[str]) -> tuple[int, int]:
    index = {id(g): i for i, g in enumerate(places)}
    strongest: dict[int, str] = {}
    for m in report.mentions:
        candidates = by_form.get(fold(m.text))
        if not candidates:
            continue
        gi = index[id(_assign(m, candidates, report.text))]
        if gi not in strongest or _ROLE_RANK.get(m.role, -1) > _ROLE_RANK.get(strongest[gi], -1):
            strongest[gi] = m.role
    right = 0
    for gi, role in strongest.items():
        g = places[gi]
        if role in g.roles_ok:
            right += 1
        else:
            details.append(f"role: {g.mention} is {g.role}, system said {role}")
    return right, len(strongest)


def _violations(places: list[GoldPlace], mentions: Iterable[Mention], details: list[str]) -> int:
    count = 0
    for g in places:
        if g.must_not_be is None:
            continue
        lat, lon, within = g.must_not_be
        for m in mentions:
            if m.place is None or fold(m.text) not in g.forms:
                continue
            p = m.place.place
            if haversine_km(lat, lon, p.lat, p.lon) <= within and not (
                g.located and haversine_km(g.lat, g.lon, p.lat, p.lon) <= g.tolerance_km
            ):
                count += 1
                details.append(f"must not be: {g.mention} placed at {p.name} ({p.lat:.3f}, {p.lon:.3f})")
                break
    return count


def _claims(gold_claims: list[dict], claims: Iterable[Claim], details: list[str]) -> tuple[int, int]:
    claims = list(claims)
    agree = scored = 0
    for gc in gold_claims:
        verdict = str(gc.get("verdict", "")).split(" ", 1)[0].lower()
        if gc.get("stated_km") is None or verdict not in _VERDICTS:
            continue
        scored += 1
        gtext = fold(gc.get("text", ""))
        match = next((c for c in claims if gtext and (gtext in fold(c.text) or fold(c.text) in gtext)), None)
        if match is None:
            details.append(f"claim not found: {gc.get('text')}")
        elif match.verdict == verdict:
            agree += 1
        else:
            details.append(f"claim verdict: {gc.get('text')} is {verdict}, system said {match.verdict}")
    return agree, scored


def total(scores: Iterable[Score]) -> Score:
    """Micro-averaged totals: counts summed over files."""
    scores = list(scores)
    return Score(
        label="TOTAL",
        tp=sum(s.tp for s in scores),
        fp=sum(s.fp for s in scores),
        fn=sum(s.fn for s in scores),
        roles_right=sum(s.roles_right for s in scores),
        roles_scored=sum(s.roles_scored for s in scores),
        errors_km=tuple(e for s in scores for e in s.errors_km),
        must_not_be_violations=sum(s.must_not_be_violations for s in scores),
        not_places_reported=sum(s.not_places_reported for s in scores),
        claims_agree=sum(s.claims_agree for s in scores),
        claims_scored=sum(s.claims_scored for s in scores),
    )


def load_gold(path: str | Path) -> tuple[dict, Path]:
    """The gold dict and the path of its article; errors are one-line InputError/NotFoundError, naming
    the first offending path of a gold file of the wrong shape (`places[2].lat: expected a number`)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise NotFoundError(f"{path}: no such file") from exc
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    gold = load_json(data, str(path))
    if not isinstance(gold, dict) or not isinstance(gold.get("article"), str):
        raise InputError(f"{path} is not a gold reading: it needs an 'article' path and 'places'")
    check_gold(gold, str(path))
    article = path.parent / gold["article"]
    if not article.is_file():
        raise NotFoundError(f"{path}: its article {article} does not exist")
    return gold, article


_GOLD_PLACE_TEXT = ("mention", "role", "name", "note", "context")
_GOLD_PLACE_LISTS = ("also", "acceptable_roles")


def check_gold(gold: dict, label: str) -> None:
    """The shape scoring reads: places (objects with text fields, coordinates in range), not_places (names),
    distance_claims (objects)."""

    def bad(where: str, problem: str) -> InputError:
        return InputError(f"{label}: {where}: {problem}")

    def number(d: dict, key: str, where: str, low: float, high: float) -> None:
        v = d.get(key)
        if v is None:
            return
        if (
            isinstance(v, bool)
            or not isinstance(v, int | float)
            or not math.isfinite(v)
            or not low <= v <= high
        ):
            raise bad(f"{where}.{key}", f"expected a number from {low:g} to {high:g}")

    if not isinstance(gold.get("date"), str | type(None)):
        raise bad("date", "expected a string")
    for key in ("places", "not_places", "distance_claims"):
        if not isinstance(gold.get(key, []), list):
            raise bad(key, "expected an array")
    for i, entry in enumerate(gold.get("places", [])):
        where = f"places[{i}]"
        if not isinstance(entry, dict):
            continue  # scoring skips it (and counts nothing)
        for key in _GOLD_PLACE_TEXT:
            if not isinstance(entry.get(key, ""), str | type(None)):
                raise bad(f"{where}.{key}", "expected a string")
        for key in _GOLD_PLACE_LISTS:
            if not isinstance(entry.get(key, []), list) or not all(
                isinstance(x, str) for x in entry.get(key, [])
            ):
                raise bad(f"{where}.{key}", "expected an array of strings")
        number(entry, "lat", where, -90, 90)
        number(entry, "lon", where, -180, 180)
        number(entry, "tolerance_km", where, 0, 20_000)
        mnb = entry.get("must_not_be")
        if mnb is not None:
            if not isinstance(mnb, dict) or "lat" not in mnb or "lon" not in mnb:
                raise bad(f"{where}.must_not_be", "expected an object with lat and lon")
            number(mnb, "lat", f"{where}.must_not_be", -90, 90)
            number(mnb, "lon", f"{where}.must_not_be", -180, 180)
            number(mnb, "within_km", f"{where}.must_not_be", 0, 20_000)
    if not all(isinstance(n, str) for n in gold.get("not_places", [])):
        raise bad("not_places", "expected an array of strings")
    for i, claim in enumerate(gold.get("distance_claims", [])):
        if not isinstance(claim, dict):
            raise bad(f"distance_claims[{i}]", "expected an object")
        number(claim, "stated_km", f"distance_claims[{i}]", 0, 50_000)
        if not isinstance(claim.get("text", ""), str):
            raise bad(f"distance_claims[{i}].text", "expected a string")


def evaluate_file(path: str | Path, extract: Callable[..., Report] | None = None) -> Score:
    """Run extraction on a gold file's article (with the gold date) and score it."""
    gold, article = load_gold(path)
    if extract is None:
        from geomap.pipeline import extract  # here: scoring a given extract needs no pipeline
    report = extract(article, date=gold.get("date"))
    return score(gold, report, label=Path(path).name.removesuffix(".gold.json"))


def evaluate(paths: Iterable[str | Path], extract: Callable[..., Report] | None = None) -> list[Score]:
    return [evaluate_file(p, extract) for p in paths]


def format_table(scores: list[Score], *, details: bool = False) -> str:
    """A fixed-width table, one row per file and a micro-averaged total."""
    rows = [*scores, total(scores)] if len(scores) > 1 else list(scores)
    width = max([len(s.label) for s in rows] + [8])
    head = (
        f"{'article':<{width}}  {'P':>5} {'R':>5} {'F1':>5}  {'tp/fp/fn':>9}  {'role':>5}  "
        f"{'med km':>7}  {'mnb':>3} {'np':>3}  {'claims':>6}"
    )
    lines = [head, "-" * len(head)]
    for s in rows:
        med = "-" if s.median_error_km is None else f"{s.median_error_km:.1f}"
        claims = f"{s.claims_agree}/{s.claims_scored}" if s.claims_scored else "-"
        lines.append(
            f"{s.label:<{width}}  {s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f}  "
            f"{f'{s.tp}/{s.fp}/{s.fn}':>9}  {s.role_accuracy:5.2f}  {med:>7}  "
            f"{s.must_not_be_violations:>3} {s.not_places_reported:>3}  {claims:>6}"
        )
        if details:
            lines.extend(f"{'':<{width}}    {d}" for d in s.details)
    lines.append("role: role accuracy; mnb: must_not_be violations; np: not_places reported as places")
    return "\n".join(lines)
