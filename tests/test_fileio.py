"""Atomic writes: whole files only, with ordinary permissions."""

import os
import stat

import pytest

from geomap.errors import InputError
from geomap.fileio import atomic_write_text


def test_written_whole_with_umask_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        path = atomic_write_text(tmp_path / "sub" / "map.html", "<p>x</p>")
    finally:
        os.umask(old)
    assert path.read_text() == "<p>x</p>"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert [p.name for p in path.parent.iterdir()] == ["map.html"]


def test_unwritable_target_is_an_input_error_and_leaves_nothing(tmp_path):
    target = tmp_path / "dir-in-the-way"
    target.mkdir()
    with pytest.raises(InputError):
        atomic_write_text(target, "x")
    assert list(target.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir-in-the-way"]


def test_a_character_device_is_written_through_not_replaced():
    before = os.stat("/dev/null")
    atomic_write_text("/dev/null", "discarded")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_a_fifo_is_written_into(tmp_path):
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    atomic_write_text(fifo, "through the pipe")
    reader.join(timeout=10)
    assert got == [b"through the pipe"] and stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_symbolic_link_keeps_pointing_at_its_file(tmp_path):
    real = tmp_path / "real.html"
    real.write_text("old")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_stdout_as_output_reaches_stdout(tmp_path):
    import subprocess
    import sys

    code = "from geomap.fileio import atomic_write_text; atomic_write_text('/dev/stdout', 'to stdout')"
    out = tmp_path / "captured.txt"
    out.write_text("earlier lines\n")
    with out.open("ab") as fh:  # `geomap ... -o /dev/stdout >> captured.txt`
        proc = subprocess.run([sys.executable, "-c", code], stdout=fh, timeout=60)
    assert proc.returncode == 0 and out.read_text() == "earlier lines\nto stdout"
    assert [p.name for p in tmp_path.iterdir()] == ["captured.txt"]


def test_a_read_only_directory_is_an_input_error(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only directories")
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    with pytest.raises(InputError):
        atomic_write_text(ro / "map.html", "x")


def test_an_output_that_is_an_input_is_refused(tmp_path):
    from geomap.fileio import refuse_overwriting_inputs

    article = tmp_path / "article.txt"
    article.write_text("keep me")
    (tmp_path / "link.txt").symlink_to(article)
    for output in (article, tmp_path / "link.txt", tmp_path / "." / "article.txt"):
        with pytest.raises(InputError, match="is one of the inputs"):
            refuse_overwriting_inputs(output, ["-", tmp_path / "other.txt", article])
    refuse_overwriting_inputs(tmp_path / "new.html", [article])
    refuse_overwriting_inputs(None, [article])
    assert article.read_text() == "keep me"
