"""Every size limit on what a user hands geomap, in one place, each with the reason for its value.

A limit turns input that would take unbounded memory or time (an endless stream, a zip bomb, a dump of
one 3 GiB line) into a one-line error before the cost is paid. The README's "Limits" table lists them.
"""

from __future__ import annotations

import os

MB = 1024 * 1024

# One article (file, stdin or bytes): the longest real articles and long reads are under 1 MB; 20 MB
# leaves room for a whole saved page while a run stays seconds, not hours. GEOMAP_MAX_INPUT_MB overrides.
ARTICLE_BYTES = int(os.environ.get("GEOMAP_MAX_INPUT_MB", "20")) * MB

# Standard input is one article, read with the same cap: at most ARTICLE_BYTES + 1 bytes are ever read.
STDIN_BYTES = ARTICLE_BYTES

# HTML characters given to trafilatura, which needs about a second per megabyte; bigger pages are not
# articles.
HTML_CHARS = 10_000_000

# A user's front-line file (GeoJSON/KML/KMZ on disk): the shipped snapshots are under 5 MB; a detailed
# national line in GeoJSON is tens of MB.
GEOMETRY_FILE_BYTES = 200 * MB

# The KML member of a KMZ, decompressed: as large as a geometry file may be...
KMZ_MEMBER_BYTES = GEOMETRY_FILE_BYTES
# ...and no more than this many times its compressed size: KML text compresses 5-20x; a member that
# claims more is a zip bomb (1 MB expanding to 1 GiB is 1000x).
KMZ_MAX_RATIO = 100

# A GeoNames dump line: the longest real geoname row (with its alternate names) is about 10 kB.
DUMP_LINE_BYTES = 64 * 1024
# Rows in one dump: allCountries.txt holds about 13 million, alternateNamesV2 about 18 million.
DUMP_ROWS = 40_000_000
# A dump's uncompressed member: allCountries.txt is about 1.6 GB, alternateNamesV2 about 0.8 GB.
DUMP_MEMBER_BYTES = 4 * 1024 * MB

# JSON nesting: GeoJSON is at most 5 arrays deep inside a few objects; a report is 6 deep. Deeper input is
# refused before Python's recursion limit turns it into a crash.
JSON_DEPTH = 64

# A saved-report or gold JSON file, and an events CSV: far above any real one, far below memory trouble.
JSON_FILE_BYTES = 200 * MB
CSV_FILE_BYTES = 200 * MB

# One CSV cell: a sentence of evidence is under 2 kB; Python's csv module refuses cells over 128 kB
# (field_size_limit) with an error that names nothing, so geomap says it first.
CSV_CELL_CHARS = 128 * 1024
