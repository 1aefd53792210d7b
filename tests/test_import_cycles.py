"""The import graph keeps one direction: no cycle across rooms, none inside the gazetteer."""

from __future__ import annotations

from scripts.import_cycles import forbidden_cycles, strongly_connected


def test_components_of_a_small_graph():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"d"}, "e": {"a"}}
    assert sorted(strongly_connected(graph)) == [["a", "b", "c"], ["d"]]


def test_a_cycle_inside_one_room_is_allowed_except_in_the_gazetteer():
    graph = {
        "geomap.text.a": {"geomap.text.b"}, "geomap.text.b": {"geomap.text.a"},
        "geomap.gazetteer.x": {"geomap.gazetteer.y"}, "geomap.gazetteer.y": {"geomap.gazetteer.x"},
        "geomap.model": set(),
    }  # fmt: skip
    modules, rooms = forbidden_cycles(graph)
    assert modules == [["geomap.gazetteer.x", "geomap.gazetteer.y"]] and rooms == []


def test_rooms_importing_each_other_are_a_cycle():
    graph = {
        "geomap.render.a": {"geomap.layers.b"}, "geomap.layers.b": set(),
        "geomap.layers.c": {"geomap.render.d"}, "geomap.render.d": set(),
    }  # fmt: skip
    modules, rooms = forbidden_cycles(graph)
    assert modules == [] and rooms == [["geomap.layers", "geomap.render"]]


def test_the_package_has_no_forbidden_cycle():
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    cmd = [sys.executable, "-m", "scripts.import_cycles"]
    proc = subprocess.run(cmd, cwd=repo, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
