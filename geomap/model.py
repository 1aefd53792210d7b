"""The shared vocabulary: plain, frozen records that flow from one stage to the next.

Every stage (gazetteer, recognition, resolution, interpretation, measurement, rendering) takes
and returns these objects, so each stage can be tested alone and run in parallel.
`to_dict()` gives the JSON shape promised by the command-line contracts; `from_dict()`, beside it,
reads that shape back (a saved `extract --json` report), so that what one writes the other reads.
Readers accept the reports of older releases: a key they lack takes the field's default.

May import: geomap.errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from geomap.errors import InputError

KM_PER_MILE = 1.609344

Role = Literal["event", "mention", "metonym", "noise"]
Verdict = Literal["consistent", "inconsistent", "unverifiable"]
PlaceKind = Literal["settlement", "admin1", "admin2", "country", "feature"]


@dataclass(frozen=True, slots=True)
class Point:
    """A WGS84 position in degrees."""

    lat: float
    lon: float

    def to_dict(self) -> dict:
        return {"lat": round(self.lat, 6), "lon": round(self.lon, 6)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Point:
        return cls(float(d["lat"]), float(d["lon"]))


@dataclass(frozen=True, slots=True)
class Place:
    """One real place in the gazetteer."""

    name: str
    lat: float
    lon: float
    country: str | None  # ISO 3166-1 alpha-2
    kind: PlaceKind = "settlement"
    admin1: str | None = None  # English name of the first-level region ("Donetsk Oblast")
    admin2: str | None = None  # second-level region (raion) where known
    population: int = 0
    geonameid: int | None = None
    feature_code: str | None = None  # GeoNames feature code: PPL, PPLA, ADM1, PCLI, ...
    names: tuple[str, ...] = ()  # other known names: Latin and Cyrillic variants, former names
    source: str = "geonames"  # which source row this came from
    place_id: str = ""  # stable id inside the gazetteer ("gn:704288", "ua-villages:lozova-borova")
    uncertainty_km: float = 0.0  # > 0: an approximate point (a KATOTTG village at its hromada centre)

    @property
    def point(self) -> Point:
        return Point(self.lat, self.lon)

    @property
    def label(self) -> str:
        """The name with its region and country, as measurements and claims show it ("Izium (Kharkiv
        Oblast, UA)"): a bare name is ambiguous among namesakes."""
        where = ", ".join(x for x in (self.admin1, self.country) if x)
        return f"{self.name} ({where})" if where else self.name

    def to_dict(self) -> dict:
        d = self._dict()
        if self.uncertainty_km > 0:
            d["uncertainty_km"] = round(self.uncertainty_km, 1)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Place:
        return cls(
            name=str(d["name"]),
            lat=float(d["lat"]),
            lon=float(d["lon"]),
            country=d.get("country"),
            kind=d.get("kind", "settlement"),
            admin1=d.get("admin1"),
            admin2=d.get("admin2"),
            population=int(d.get("population", 0)),
            geonameid=d.get("geonameid"),
            feature_code=d.get("feature_code"),
            names=tuple(d.get("names", ())),
            source=d.get("source", "geonames"),
            place_id=d.get("place_id", ""),
            uncertainty_km=float(d.get("uncertainty_km", 0.0)),
        )

    def _dict(self) -> dict:
        return {
            "name": self.name,
            "lat": round(self.lat, 6),
            "lon": round(self.lon, 6),
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "kind": self.kind,
            "population": self.population,
            "geonameid": self.geonameid,
            "feature_code": self.feature_code,
            "names": list(self.names),
            "source": self.source,
            "place_id": self.place_id,
        }


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place proposed for a name, with how well and why it matched."""

    place: Place
    score: float  # 0..1, comparable across candidates of one query
    match: str = "exact"  # exact | folded | translit | inflected | renamed | alias | fuzzy | region
    matched_name: str = ""  # the gazetteer name that matched
    reasons: tuple[str, ...] = ()  # human-readable ranking reasons ("in Donetsk Oblast as the context says")

    def to_dict(self) -> dict:
        d = self.place.to_dict()
        d.update(
            score=round(self.score, 4),
            match=self.match,
            matched_name=self.matched_name,
            reasons=list(self.reasons),
        )
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Candidate:
        """A Candidate from its dict: the place's keys and the match's, side by side."""
        return cls(
            Place.from_dict(d),
            float(d.get("score", 0.0)),
            d.get("match", "exact"),
            d.get("matched_name", ""),
            tuple(d.get("reasons", ())),
        )


@dataclass(frozen=True, slots=True)
class Mention:
    """A toponym found in an article, located and interpreted."""

    text: str  # the surface form as written
    start: int  # character offsets into Report.text
    end: int
    sentence: str = ""  # the sentence holding the mention
    role: Role = "mention"
    place: Candidate | None = None  # None when unresolved
    precision: int = 1  # 1 exact place, 2 nearby/approximate, 3 region only
    confidence: float = 0.0  # 0..1
    event_type: str | None = None  # "drone attack", "capture claim", "encirclement", ...
    claimant: str | None = None  # who claims it, when the text attributes it
    alternatives: tuple[Candidate, ...] = ()
    section: str = "body"  # body | caption | advert | teaser | footer | title
    entity: int | None = None  # mentions with the same entity number name the same place
    note: str = ""  # why it was placed so, esp. for fallbacks and contradictions

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "role": self.role,
            "place": self.place.to_dict() if self.place else None,
            "precision": self.precision,
            "confidence": round(self.confidence, 4),
            "event_type": self.event_type,
            "claimant": self.claimant,
            "alternatives": [c.to_dict() for c in self.alternatives],
            "section": self.section,
            "entity": self.entity,
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Mention:
        place = d.get("place")
        return cls(
            text=str(d.get("text", "")),
            start=int(d.get("start", 0)),
            end=int(d.get("end", 0)),
            sentence=str(d.get("sentence", "")),
            role=d.get("role", "mention"),
            place=Candidate.from_dict(place) if place else None,
            precision=int(d.get("precision", 1)),
            confidence=float(d.get("confidence", 0.0)),
            event_type=d.get("event_type"),
            claimant=d.get("claimant"),
            alternatives=tuple(Candidate.from_dict(a) for a in d.get("alternatives", ()) if a),
            section=d.get("section", "body"),
            entity=d.get("entity"),
            note=d.get("note", ""),
        )


def with_fields(m: Mention, **changes) -> Mention:
    """A copy of a Mention with some fields changed; a direct constructor call (cheaper than replace)."""
    f = {
        "text": m.text,
        "start": m.start,
        "end": m.end,
        "sentence": m.sentence,
        "role": m.role,
        "place": m.place,
        "precision": m.precision,
        "confidence": m.confidence,
        "event_type": m.event_type,
        "claimant": m.claimant,
        "alternatives": m.alternatives,
        "section": m.section,
        "entity": m.entity,
        "note": m.note,
    }
    f.update(changes)
    return Mention(**f)


@dataclass(frozen=True, slots=True)
class Distance:
    """A measured geodesic distance from a point to a point, line or area."""

    km: float
    origin: Point
    nearest: Point  # the nearest point of the target (the target itself for a point)
    target: str = ""  # what was measured to: a place name, "line of contact 2024-12-22", "UA border"
    bearing_deg: float | None = None  # initial bearing from origin to nearest, degrees clockwise from north
    layer_date: str | None = None  # date of the reference layer used, for dated layers
    note: str = ""
    origin_name: str = ""  # what was measured from, as resolved ("Kazan (Tatarstan, RU)")
    inside: str = ""  # "occupied area" | "Ukrainian-held area" when the origin lies in the layer's areas

    @property
    def miles(self) -> float:
        return self.km / KM_PER_MILE

    def to_dict(self) -> dict:
        return {
            "km": round(self.km, 3),
            "miles": round(self.miles, 3),
            "from": self.origin.to_dict(),
            "to": self.nearest.to_dict(),
            "nearest": self.nearest.to_dict(),
            "target": self.target,
            "bearing_deg": None if self.bearing_deg is None else round(self.bearing_deg, 2),
            "layer_date": self.layer_date,
            "note": self.note,
            "from_name": self.origin_name,
            "inside": self.inside,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Distance:
        """A Distance from its dict ("miles" is derived from km; "to" is the older name of "nearest")."""
        origin, nearest = d.get("from"), d.get("nearest") or d.get("to")
        if not origin or not nearest:
            raise InputError("a measured distance has no coordinates")
        bearing = d.get("bearing_deg")
        return cls(
            km=float(d["km"]),
            origin=Point.from_dict(origin),
            nearest=Point.from_dict(nearest),
            target=d.get("target", ""),
            bearing_deg=None if bearing is None else float(bearing),
            layer_date=d.get("layer_date"),
            note=d.get("note", ""),
            origin_name=d.get("from_name", ""),
            inside=d.get("inside", ""),
        )


@dataclass(frozen=True, slots=True)
class Reading:
    """One reasonable interpretation of a claim's target, with its computed distance."""

    label: str  # "line of contact (2024-12-22)", "Ukraine's international border"
    distance: Distance
    verdict: Verdict = "unverifiable"

    def to_dict(self) -> dict:
        return {"label": self.label, "verdict": self.verdict, **self.distance.to_dict()}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Reading:
        return cls(d.get("label", ""), Distance.from_dict(d), d.get("verdict", "unverifiable"))


@dataclass(frozen=True, slots=True)
class Claim:
    """A distance statement found in text, and whether geometry bears it out."""

    text: str
    start: int = 0
    end: int = 0
    from_name: str | None = None  # the place the statement measures from, as resolved
    from_place: Place | None = None
    to: str = ""  # "frontline" | "border" | a place name
    to_place: Place | None = None
    stated_km: float | None = None  # the central stated figure in km
    stated_low_km: float | None = None  # the accepted interval after hedging/rounding
    stated_high_km: float | None = None
    stated_unit: str = "km"  # km | mi | nmi | m
    stated_value: float | None = None  # the figure as written, in its unit
    qualifier: str = "exact"  # about | exact | more_than | less_than | within | range
    direction: str | None = None  # compass word stated ("north-east"), checked when present
    readings: tuple[Reading, ...] = ()
    computed_km: float | None = None  # the figure of the reading the verdict used
    verdict: Verdict = "unverifiable"
    reading_used: str | None = None
    explanation: str = ""
    # added by the claims engine (additive): the parenthesised conversion, slack and how ends were found
    conversion_value: float | None = None  # "(620 miles)": 620
    conversion_unit: str | None = None  # its unit: km | mi | nmi | m
    conversion_agrees: bool | None = None  # whether it fits the main figure; None when there is none
    slack_km: float = 0.0  # geometric slack added to the stated interval (place size, layer error)
    direction_agrees: bool | None = None  # None when no direction was stated or it could not be checked
    from_how: str = ""  # how the "from" place was found ("'the city' refers back to Kazan")

    def to_dict(self) -> dict:
        used = next((r for r in self.readings if r.label == self.reading_used), None)
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "from": self.from_name,
            "from_place": self.from_place.to_dict() if self.from_place else None,
            "to": self.to,
            "to_place": self.to_place.to_dict() if self.to_place else None,
            "stated_km": self.stated_km,
            "stated_low_km": self.stated_low_km,
            "stated_high_km": self.stated_high_km,
            "stated_value": self.stated_value,
            "stated_unit": self.stated_unit,
            "qualifier": self.qualifier,
            "direction": self.direction,
            "computed_km": None if self.computed_km is None else round(self.computed_km, 3),
            "nearest": used.distance.nearest.to_dict() if used else None,
            "verdict": self.verdict,
            "reading_used": self.reading_used,
            "readings": [r.to_dict() for r in self.readings],
            "explanation": self.explanation,
            "conversion_value": self.conversion_value,
            "conversion_unit": self.conversion_unit,
            "conversion_agrees": self.conversion_agrees,
            "slack_km": round(self.slack_km, 3),
            "direction_agrees": self.direction_agrees,
            "from_how": self.from_how,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Claim:
        """A Claim from its dict ("nearest" is derived from the reading used; a reading without a
        figure, which older hand-made files hold, is skipped)."""
        from_place, to_place = d.get("from_place"), d.get("to_place")
        return cls(
            text=str(d.get("text", "")),
            start=int(d.get("start", 0)),
            end=int(d.get("end", 0)),
            from_name=d.get("from"),
            from_place=Place.from_dict(from_place) if from_place else None,
            to=d.get("to", ""),
            to_place=Place.from_dict(to_place) if to_place else None,
            stated_km=d.get("stated_km"),
            stated_low_km=d.get("stated_low_km"),
            stated_high_km=d.get("stated_high_km"),
            stated_unit=d.get("stated_unit", "km"),
            stated_value=d.get("stated_value"),
            qualifier=d.get("qualifier", "exact"),
            direction=d.get("direction"),
            readings=tuple(Reading.from_dict(r) for r in d.get("readings", ()) if r.get("km") is not None),
            computed_km=d.get("computed_km"),
            verdict=d.get("verdict", "unverifiable"),
            reading_used=d.get("reading_used"),
            explanation=d.get("explanation", ""),
            conversion_value=d.get("conversion_value"),
            conversion_unit=d.get("conversion_unit"),
            conversion_agrees=d.get("conversion_agrees"),
            slack_km=float(d.get("slack_km", 0.0)),
            direction_agrees=d.get("direction_agrees"),
            from_how=d.get("from_how", ""),
        )


@dataclass(frozen=True, slots=True)
class Section:
    """A span of the cleaned text and what kind of text it is."""

    start: int
    end: int
    kind: str = "body"  # body | title | caption | advert | teaser | footer


@dataclass(frozen=True, slots=True)
class Document:
    """An ingested article: cleaned text, its parts and metadata, before recognition."""

    text: str
    source: str = "<text>"
    title: str | None = None
    date: str | None = None  # ISO date of publication, when known
    language: str = "en"  # en | ru | uk (dominant)
    sentences: tuple[tuple[int, int], ...] = ()  # (start, end) offsets
    sections: tuple[Section, ...] = ()
    encoding: str | None = None

    def section_at(self, offset: int) -> str:
        for s in self.sections:
            if s.start <= offset < s.end:
                return s.kind
        return "body"


# The flat row of one mention, for pandas and other table tools: the CSV export's columns first, in its
# ACLED-like order, then what the CSV leaves out. Values are plain (no spreadsheet escaping), unresolved
# mentions keep their row with empty place fields.
ROW_COLUMNS = (
    "article",
    "date",
    "mention",
    "place",
    "admin1",
    "country",
    "lat",
    "lon",
    "precision",
    "role",
    "event_type",
    "claimant",
    "confidence",
    "sentence",
    "start",
    "end",
    "kind",
    "admin2",
    "geonameid",
    "place_id",
    "score",
    "match",
    "section",
    "entity",
    "note",
    "source",
)
# pandas dtypes that keep a missing value missing (not 0, not NaN turning integers into floats)
ROW_DTYPES = {
    "precision": "Int64",
    "geonameid": "Int64",
    "entity": "Int64",
    "start": "int64",
    "end": "int64",
    "lat": "float64",
    "lon": "float64",
    "confidence": "float64",
    "score": "float64",
}


def article_file(source: str) -> str:
    """The file name of a source path ("<stdin>" stays as it is), as the CSV's `article` column."""
    if not source or source.startswith("<"):
        return source
    return source.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(frozen=True, slots=True)
class Report:
    """Everything geomap read from one article."""

    source: str
    text: str
    title: str | None = None
    date: str | None = None
    language: str = "en"
    mentions: tuple[Mention, ...] = ()
    claims: tuple[Claim, ...] = field(default=())

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "title": self.title,
            "date": self.date,
            "language": self.language,
            "text": self.text,
            "mentions": [m.to_dict() for m in self.mentions],
            "claims": [c.to_dict() for c in self.claims],
        }

    def rows(self) -> list[dict[str, Any]]:
        """One flat dict per mention, keys in ROW_COLUMNS order: nothing nested, for DataFrames."""
        out = []
        for m in self.mentions:
            p = m.place.place if m.place else None
            out.append(
                {
                    "article": article_file(self.source),
                    "date": self.date,
                    "mention": m.text,
                    "place": p.name if p else None,
                    "admin1": p.admin1 if p else None,
                    "country": p.country if p else None,
                    "lat": p.lat if p else None,
                    "lon": p.lon if p else None,
                    "precision": m.precision if p else None,
                    "role": m.role,
                    "event_type": m.event_type,
                    "claimant": m.claimant,
                    "confidence": m.confidence,
                    "sentence": " ".join(m.sentence.split()),
                    "start": m.start,
                    "end": m.end,
                    "kind": p.kind if p else None,
                    "admin2": p.admin2 if p else None,
                    "geonameid": p.geonameid if p else None,
                    "place_id": p.place_id if p else None,
                    "score": m.place.score if m.place else None,
                    "match": m.place.match if m.place else None,
                    "section": m.section,
                    "entity": m.entity,
                    "note": m.note,
                    "source": self.source,
                }
            )
        return out

    def to_pandas(self):
        """The mentions as a pandas DataFrame, one row per mention (see `geomap.to_dataframe`)."""
        return rows_frame(self.rows())

    @classmethod
    def from_dict(cls, d: Any, source: str = "<json>") -> Report:
        """A Report from the JSON `geomap extract --json` writes; InputError, naming `source`, when the
        data is not such a report."""
        if not isinstance(d, Mapping) or not isinstance(d.get("mentions"), list):
            raise InputError(f"{source}: not a geomap report (no 'mentions' list)")
        try:
            return cls(
                source=d.get("source") or source,
                text=d.get("text", ""),
                title=d.get("title"),
                date=d.get("date"),
                language=d.get("language", "en"),
                mentions=tuple(Mention.from_dict(m) for m in d["mentions"]),
                claims=tuple(Claim.from_dict(c) for c in d.get("claims", ())),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(f"{source}: a record in the report is malformed ({exc!r})") from None


def rows_frame(rows: list[dict[str, Any]]):
    """Flat rows as a pandas DataFrame with ROW_COLUMNS and ROW_DTYPES (pandas is an optional extra)."""
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("DataFrames need pandas: pip install 'geomap[pandas]'") from None
    frame = pd.DataFrame.from_records(rows, columns=list(ROW_COLUMNS))
    return frame.astype(ROW_DTYPES)
