"""Issue 15: every bad input answered in one line, nothing of the user's lost or overwritten.

Each test starts from the exact input of a numbered item or class of the issue. The commands run in-process
on the fake gazetteer, except where only a real process shows the fault (a closed pipe, a full device).
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_recognise import GZ

import geomap.pipeline
from geomap.cli import main
from geomap.model import Candidate

ARTICLE = (
    "Drones hit Pokrovsk overnight, the regional governor said.\n\nKyiv was struck by missiles on Monday.\n"
)


@pytest.fixture(autouse=True)
def fake_gazetteer(monkeypatch):
    monkeypatch.setattr(geomap.pipeline, "default_gazetteer", lambda: GZ)


@pytest.fixture()
def article(tmp_path) -> Path:
    p = tmp_path / "story.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> bool:
    return err.startswith("geomap: ") and err.count("\n") == 1 and "Traceback" not in err


# ------------------------------------------------------------------ item 2: -o equal to an input


@pytest.mark.parametrize("command", ["extract", "check"])
def test_output_equal_to_the_article_is_refused(capsys, article, command):
    before = article.read_bytes()
    code, _, err = run(capsys, command, str(article), "-o", str(article))
    assert code == 2 and "one of the inputs" in err and one_line_error(err)
    assert article.read_bytes() == before


def test_output_through_a_link_or_dot_segments_is_refused(capsys, article, tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to(article)
    for target in (link, tmp_path / "." / "sub" / ".." / "story.txt"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        code, _, err = run(capsys, "extract", str(article), "--json", "-o", str(target))
        assert code == 2 and "one of the inputs" in err
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_output_equal_to_the_frontline_file_is_refused(capsys, article, tmp_path):
    line = tmp_path / "line.geojson"
    line.write_text('{"type": "LineString", "coordinates": [[37, 48], [38, 49]]}')
    before = line.read_bytes()
    code, _, err = run(capsys, "check", str(article), "--frontline", str(line), "-o", str(line))
    assert code == 2 and "one of the inputs" in err and line.read_bytes() == before


def test_map_output_equal_to_an_input_is_refused(capsys, article, tmp_path):
    events = tmp_path / "events.csv"
    events.write_text("name,lat,lon\nA,48.5,37.5\n")
    before = events.read_bytes()
    for args in (["--input", str(events), "-o", str(events)], [str(article), "--png", str(article)]):
        code, _, err = run(capsys, "map", *args)
        assert code == 2 and err.startswith("geomap: error:"), err
    assert events.read_bytes() == before and article.read_text(encoding="utf-8") == ARTICLE


class _Batch:
    """A gazetteer with `lookup`, for the batch command: every name is found at one point."""

    def lookup(self, name, context=None, limit=1, fuzzy=True):
        from geomap.model import Place

        if not name.strip():
            return []
        place = Place(name=name.strip(), lat=-33.9, lon=-70.6, country="CL", kind="settlement")
        return [Candidate(place, 0.9, "exact", name)]


@pytest.fixture()
def batch_gazetteer(monkeypatch):
    from geomap.gazetteer.opening import Gazetteer

    monkeypatch.setattr(Gazetteer, "default", classmethod(lambda cls: _Batch()))


def test_geocode_output_equal_to_its_input_is_refused(capsys, tmp_path, batch_gazetteer):
    names = tmp_path / "names.csv"
    names.write_text("name\nKyiv\n")
    code, _, err = run(capsys, "geocode", "--input", str(names), "-o", str(names))
    assert code == 2 and "one of the inputs" in err and names.read_text() == "name\nKyiv\n"


# ------------------------------------------------------------------ item 7: CSV formula injection

HOSTILE_CELLS = ["=1+1", "+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", "＝1+1", "-cmd|' /C calc'!A0"]


def test_batch_csv_echoes_user_cells_escaped(capsys, tmp_path, batch_gazetteer):
    names = tmp_path / "names.csv"
    with names.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["name", "note"])
        for cell in HOSTILE_CELLS:
            w.writerow(["Kyiv", cell])
    out = tmp_path / "out.csv"
    code, _, err = run(capsys, "geocode", "--input", str(names), "-o", str(out))
    assert code == 0, err
    rows = list(csv.DictReader(out.open(newline="")))
    assert [r["note"] for r in rows] == ["'" + c for c in HOSTILE_CELLS]
    assert {r["geomap_lon"] for r in rows} == {"-70.600000"}  # a negative number stays a number


def test_extract_csv_escapes_a_leading_minus(capsys, tmp_path):
    from geomap.csvcells import safe_cell

    assert [safe_cell(c) for c in HOSTILE_CELLS] == ["'" + c for c in HOSTILE_CELLS]
    assert safe_cell("-37.5") == "-37.5" and safe_cell(-37.5) == -37.5 and safe_cell("Kyiv") == "Kyiv"
    p = tmp_path / "a.txt"
    p.write_text("-cmd|' /C calc'!A0 said drones hit Pokrovsk overnight.\n")
    code, out, _ = run(capsys, "extract", str(p), "--csv")
    sentences = [row[-1] for row in csv.reader(io.StringIO(out))][1:]
    assert code == 0 and sentences and all(s.startswith("'-cmd") for s in sentences)


# ------------------------------------------------------------------ CSV oddities (geocode --input)


@pytest.mark.parametrize(
    "text, message",
    [
        ("name\nKyiv,extra\n", "row 2 has 2 cells"),
        ("name,name\nKyiv,Lviv\n", "twice"),
        ("name,geomap_lat\nKyiv,my own\n", "geomap_lat"),
        ("name\n" + "x" * 200_000 + "\n", "malformed CSV"),
    ],
)
def test_batch_csv_that_would_lose_cells_is_refused(capsys, tmp_path, batch_gazetteer, text, message):
    names = tmp_path / "names.csv"
    names.write_text(text)
    out = tmp_path / "out.csv"
    code, _, err = run(capsys, "geocode", "--input", str(names), "-o", str(out))
    assert code == 2 and message in err and one_line_error(err)
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["names.csv"]


# ------------------------------------------------------------------ item 6 and FIFOs


def test_a_fifo_as_article_is_refused_at_once(capsys, tmp_path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    for command in ("extract", "check", "map"):
        code, _, err = run(capsys, command, str(fifo))
        assert code == 2 and "FIFO" in err and one_line_error(err), err


def test_a_directory_as_article_is_refused(capsys, tmp_path):
    code, _, err = run(capsys, "map", str(tmp_path))
    assert code == 2 and "directory" in err


def test_library_extract_takes_a_str_as_text(tmp_path):
    secret = tmp_path / "passwd.txt"
    secret.write_text("Kyiv was struck by missiles on Monday.\n")
    report = geomap.pipeline.extract(str(secret))
    assert report.source == "<text>" and report.text.strip() == str(secret) and not report.mentions
    assert [m.text for m in geomap.pipeline.extract(secret).mentions] == ["Kyiv"]


# ------------------------------------------------------------------ the boundary


def test_an_unexpected_exception_is_one_line_naming_a_bug(capsys, monkeypatch, article):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero\nsecond line")

    monkeypatch.setattr(geomap.pipeline, "extract", broken)
    code, _, err = run(capsys, "extract", str(article))
    assert code == 70 and one_line_error(err)
    assert "bug in geomap: ZeroDivisionError" in err and "--debug" in err
    code, _, err = run(capsys, "--debug", "extract", str(article))
    assert code == 70 and "Traceback" in err and "ZeroDivisionError" in err
    monkeypatch.setenv("GEOMAP_DEBUG", "1")
    code, _, err = run(capsys, "extract", str(article))
    assert "Traceback" in err


@pytest.mark.parametrize(
    "args",
    [
        ["geocode", "Ky\udcffiv"],
        ["geocode", "Kyiv", "--context", "\udcfe"],
        ["extract", "story\udcff.txt"],
        ["map", "a.txt", "--title", "\udcff", "-o", "m.html"],
        ["distance", "\udcff", "Kyiv"],
        ["extract", "a.txt", "-o", "\ud800.json"],
    ],
)
def test_arguments_that_are_not_text_are_one_line(capsys, args):
    code, out, err = run(capsys, *args)
    assert code == 2 and "not valid UTF-8" in err and one_line_error(err) and out == ""


# ------------------------------------------------------------------ item 8: stdout, in real processes


def _geomap(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "geomap", *args], capture_output=kwargs.pop("capture", True), env=env, **kwargs
    )


def test_a_full_device_on_stdout_is_a_one_line_error():
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "geomap", "distance", "50,30", "51,31", "--json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert done.returncode == 74 and one_line_error(done.stderr), done.stderr
    assert "No space left" in done.stderr


def test_a_closed_pipe_ends_quietly():
    read, write = os.pipe()
    os.close(read)  # the reader (`| head -1`) has gone before geomap writes
    try:
        done = subprocess.run(
            [sys.executable, "-m", "geomap", "distance", "50,30", "51,31"],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        os.close(write)
    assert done.returncode == 0 and done.stderr == ""


def test_o_dev_stdout_writes_to_stdout(tmp_path):
    target = tmp_path / "out.txt"
    with target.open("wb") as fh:
        done = subprocess.run(
            [sys.executable, "-m", "geomap", "distance", "50,30", "51,31", "--json"],
            stdout=fh,
            stderr=subprocess.PIPE,
        )
    assert done.returncode == 0 and b'"km"' in target.read_bytes()


# ------------------------------------------------------------------ smaller classes


def test_a_declared_utf7_charset_is_not_honoured():
    from geomap.text.encoding import decode

    page = b'<html><head><meta charset="utf-7"></head><body><p>+ADw-script+AD4-</p></body></html>'
    assert decode(page).encoding != "utf-7"


def test_event_precision_that_is_not_a_code_is_read_as_exact():
    from geomap.render.corpus import row_markers

    rows = [
        {"name": "A", "lat": "48.5", "lon": "37.5", "precision": "²"},
        {"name": "B", "lat": "48.6", "lon": "37.6", "precision": "9" * 5000},
    ]
    assert [m.precision for m in row_markers(rows, "events.csv")] == [1, 1]


def test_a_file_name_with_escape_sequences_is_printed_escaped(capsys, tmp_path):
    p = tmp_path / "evil\x1b[31mred.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    for command in ("extract", "check"):
        code, out, _ = run(capsys, command, str(p))
        assert code == 0 and "\x1b" not in out and "\\x1b[31mred.txt" in out


@pytest.mark.parametrize("oddity", ["cache is a file", "lock is a directory"])
def test_cache_oddities_are_one_line(capsys, tmp_path, monkeypatch, oddity):
    from geomap.gazetteer.opening import Gazetteer

    monkeypatch.setattr(Gazetteer, "_default", None)
    cache = tmp_path / "cache"
    if oddity == "cache is a file":
        cache.write_text("x")
    else:
        (cache / ".gazetteer-build.lock").mkdir(parents=True)
    monkeypatch.setenv("GEOMAP_CACHE", str(cache))
    monkeypatch.setenv("GEOMAP_GAZETTEER_DEFAULTS", "0")
    code, _, err = run(capsys, "geocode", "Kyiv")
    assert code == 2 and "cannot use the cache" in err and one_line_error(err)
