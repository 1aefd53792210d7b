"""The command line's own behaviour: help, unknown commands, one-line errors."""

import subprocess
import sys


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geomap", *args], capture_output=True, text=True, timeout=60)


def test_version_prints_a_version():
    out = run("version")
    assert out.returncode == 0
    assert out.stdout.strip().count(".") == 2


def test_unknown_command_is_one_line_error():
    out = run("no-such-command")
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    assert out.stderr.strip().count("\n") == 0
    assert out.stderr.startswith("geomap: error:")
