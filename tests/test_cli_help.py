"""The command line's conventions: -h/--help and examples everywhere, --version, readable usage lines,
whole one-line descriptions, tables that fit the terminal, and a README table that matches the help."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.cli import _register_commands, main
from geomap.cli.app import app

ROOT = Path(__file__).resolve().parent.parent
PYTHON_TYPE = re.compile(r"<\w+(\[[^\]]*\])?>|\{\w+\}|list\[|\bstr\b|\bint\b|\bfloat\b|\bPath\b")


def command_paths() -> list[tuple[str, ...]]:
    """Every command and sub-command, walked from the click tree Typer builds."""
    import typer.main

    _register_commands()
    paths: list[tuple[str, ...]] = []

    def walk(cmd, path: tuple[str, ...]) -> None:
        paths.append(path)
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return paths


def help_text(path: tuple[str, ...], capsys, monkeypatch, flag: str = "-h", columns: int = 80) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    assert main([*path, flag]) == 0
    out = capsys.readouterr()
    assert out.err == ""
    return out.out


PATHS = command_paths()
GROUPS = {p[:-1] for p in PATHS if p}  # a path with sub-commands is a group, not a command
LEAVES = [p for p in PATHS if p and p not in GROUPS]


def test_every_command_is_walked():
    names = {" ".join(p) for p in PATHS}
    assert {"extract", "check", "map", "geocode", "distance", "eval", "gazetteer info"} <= names


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "geomap")
def test_help_is_conventional(path, capsys, monkeypatch):
    short = help_text(path, capsys, monkeypatch, "-h")
    assert short == help_text(path, capsys, monkeypatch, "--help")
    assert short.startswith(f"Usage: {' '.join(('geomap', *path))} ")
    assert not PYTHON_TYPE.search(short), PYTHON_TYPE.search(short)
    assert "Examples:" in short and f"\n    {' '.join(('geomap', *path))}" in short
    assert all(len(line) <= 80 for line in short.splitlines())


@pytest.mark.parametrize("path", [p for p in PATHS if p != () and len(p) < 2 or p == ()], ids=str)
def test_command_lists_show_whole_first_sentences(path, capsys, monkeypatch):
    """A group's list of commands shows each command's first sentence whole, never cut with '...'."""
    import typer.main

    text = help_text(path, capsys, monkeypatch)
    group = typer.main.get_command(app)
    for name in path:
        group = group.commands[name]
    for name, cmd in getattr(group, "commands", {}).items():
        first = cmd.help.strip().split("\n\n")[0].replace("\n", " ")
        assert re.search(rf"^  {re.escape(name)} +{re.escape(first)}$", text, re.M), (name, first)
        assert "..." not in first


def test_value_options_name_what_they_take():
    """Every option that takes a value has a metavar a person reads (DATE, FILE, N), not a type."""
    import typer.main

    for path in LEAVES:
        cmd = typer.main.get_command(app)
        for name in path:
            cmd = cmd.commands[name]
        for p in cmd.params:
            if p.param_type_name == "option" and not p.is_flag:
                assert p.metavar and p.metavar.isupper(), (path, p.name)
            if p.param_type_name == "argument":
                assert p.metavar and p.metavar.isupper(), (path, p.name)


def test_version_option_and_command():
    from geomap import __version__

    run = [sys.executable, "-m", "geomap"]
    out = subprocess.run([*run, "--version"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout == f"geomap {__version__}\n"
    out = subprocess.run([*run, "version"], capture_output=True, text=True, timeout=60)
    assert out.stdout == f"{__version__}\n"


def test_no_arguments_prints_the_help(capsys):
    assert main([]) == 0
    assert capsys.readouterr().out.startswith("Usage: geomap [OPTIONS] COMMAND")


def _readme_rows() -> dict[str, str]:
    """The README's command table: the usages it shows, joined per command path ("gazetteer info")."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text[text.index("| command | what for |") :].split("\n\n")[0]
    names = {" ".join(p) for p in PATHS}
    rows: dict[str, str] = {}
    for line in table.splitlines()[2:]:
        for usage in re.findall(r"`(geomap [^`]+)`", line.split("` |")[0] + "`"):
            words = usage.split()[1:]
            key = " ".join(words[:2]) if " ".join(words[:2]) in names else words[0]
            rows[key] = rows.get(key, "") + " " + usage.replace("\\|", "|")
    return rows


@pytest.mark.parametrize("path", LEAVES, ids=lambda p: " ".join(p))
def test_readme_table_matches_the_help(path, capsys, monkeypatch):
    """The README shows each command's usage line and exactly its options, with the help's metavars."""
    text = help_text(path, capsys, monkeypatch, columns=200)
    readme = _readme_rows()[" ".join(path)]
    usage = text.splitlines()[0].removeprefix("Usage: ").replace("[OPTIONS] ", "").replace(" [OPTIONS]", "")
    assert usage in readme, (usage, readme)
    options = re.findall(r"^  (?:(-\w), )?(--[\w-]+)( [A-Z]+)?", text, re.M)
    options = [o for o in options if o[1] != "--help"]
    shown = set(re.findall(r"(?<![\w-])(--?[\w-]+)", readme)) - {"--version"}
    assert shown == {
        short if short and f"{short}{metavar}" in readme else long for short, long, metavar in options
    }
    for short, long, metavar in options:  # the help's metavar, after the long or the short form
        assert f"{long}{metavar}" in readme or (short and f"{short}{metavar}" in readme), (long, metavar)


def test_extract_table_fits_80_columns(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["extract", str(ROOT / "examples" / "en-kupiansk-front.txt")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 10
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    header = lines[1].split()
    assert header[:4] == ["mention", "role", "event", "place"] and "lat" in header


def test_columns_choose_and_order_the_table(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["extract", str(ROOT / "examples" / "en-kupiansk-front.txt"), "--columns", "place,lat"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].split() == ["place", "lat"]
    assert main(["extract", str(ROOT / "examples" / "en-kupiansk-front.txt"), "--columns", "place,nope"]) == 2
    assert "unknown column 'nope'" in capsys.readouterr().err


def test_table_layout_shrinks_text_not_numbers():
    from geomap.cli.tables import Column, render

    cols = [
        Column("name", "name", lambda r: r[0], min_width=4),
        Column("n", "n", lambda r: r[1], justify="right"),
    ]
    rows = [("Kupiansk-Vuzlovyi, Kharkiv Oblast", "49.710"), ("Київ", "50.450")]
    out = render(rows, cols, 20).splitlines()
    assert all(len(line) <= 20 for line in out)
    assert out[2].endswith("49.710") and "…" in out[2]
    assert out[3].startswith("Київ")


def test_geocode_table_fits_80_columns(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["geocode", "Kremennaya"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert lines[2].split()[1].startswith("Kreminna")


def test_map_writes_under_the_current_directory_by_default(tmp_path, capsys, monkeypatch):
    """Not into the installed package's folder: output/ here, created when missing, and said so."""
    monkeypatch.chdir(tmp_path)
    assert main(["map", str(ROOT / "examples" / "en-kupiansk-front.txt")]) == 0
    out = capsys.readouterr().out
    written = tmp_path / "output" / "en-kupiansk-front.html"
    assert written.is_file() and f"created {tmp_path / 'output'}" in out and str(written) in out
    assert main(["map", str(ROOT / "examples" / "en-kupiansk-front.txt")]) == 0
    assert "created" not in capsys.readouterr().out
