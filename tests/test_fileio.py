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
